"""What the notebooks show: HTML fragments built from evalkit's results with the templates
in evalkit/render/templates (evalkit.render.markup).

Every value a template shows is escaped and bidi-isolated by construction, so a campaign
named `<script>…</script>` shows as text, and Arabic runs are isolated to read right to left.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, cast

import pandas as pd

from evalkit.style.colours import REPLICATION_COLOURS, VERDICT_COLOURS
from evalkit.evaluation import QUESTION_WORDS, Evaluation
from evalkit.evaluation.base import BarChart, OrdinalChart, evidence_text, level_of, level_said
from evalkit.evaluation.checklist import CANNOT, FIRES
from evalkit.evaluation.grid import build_grid, parse_as_of
from evalkit.evaluation.judgements import not_counted_reason
from evalkit.record.asof import cut_as_of, published_after
from evalkit.record.load import load_campaign
from evalkit.record.problems import warning_said
from evalkit.record.workbook import workbook_places
from evalkit.i18n import (
    FSI,
    N_,
    PDI,
    Msg,
    direction,
    isolated,
    language,
    joined,
    localized,
    remember,
    set_language,
    tr,
    Verbatim,
    without_stop,
)
from evalkit.render.markup import Html, Markup, attr, concat, drawn, esc, render_fragment
from evalkit.render.page import RECORD_COPY, RECORD_PAGE, EvidenceLinks

if TYPE_CHECKING:
    from evalkit.evaluation.goals import GoalAttainment
    from evalkit.evaluation.reach import Reach

__all__ = [
    "Html",
    "attr",
    "esc",
    "paragraph",
    "bullets",
    "table",
    "figure",
    "bar_chart",
    "project_path",
    "CampaignReport",
    "ComparativeReport",
]


# Each section of the reports: its heading and the sentence under it. The heading's anchor
# is made from the English heading in every language, so links into a report stay valid.
SECTIONS = {
    "verdicts": (
        "The five questions at a glance",
        "The paper's five evaluation questions, each answered from the record. A "
        "verdict is on one scale — poor, weak, fair, good — from the share of the "
        "question's criteria that the record meets, with its confidence (high, medium or "
        "low) chiefly from how many of them the record can judge; where the record "
        "cannot judge enough criteria the verdict is withheld as insufficient evidence. "
        "Missing evidence never raises a verdict: where the criteria the record cannot "
        "judge could lower it, the verdict is a range, such as 'weak to good' (good from "
        "the criteria judged, weak were none of the others met), with low confidence and "
        "the colour of its lower end. "
        "docs/evaluation-method.md explains every indicator, threshold and rule.",
    ),
    "campaign": (
        "The campaign",
        "What the record says the campaign was: its cause, phases and the hot events around it.",
    ),
    "grid": (
        "The paper's grid",
        "The grid the paper uses to rate every campaign (its appendix tables): goal, "
        "geographic scope, interacting audience, launch timing, media tools, discourse, "
        "strategies and result. Each row is generated from the record and names its "
        "sources. Launch timing is computed from the dates in the record, not typed in.",
    ),
    "timing": (
        "Launch timing",
        "Before, at or after the hot event, computed from the phase and event dates; "
        "reactive means the campaign launched at or after an event it did not make.",
    ),
    "checklist": (
        "The paper's checklist",
        "The paper's 12 strengths and 23 weaknesses (section 4) as rules over the "
        "record. Each says whether it fires, on what evidence, or that the record "
        "cannot decide it.",
    ),
    "recommendations": (
        "What to do next",
        "The paper's recommendations (section 6) that answer the weaknesses that fired.",
    ),
    "sources": ("Sources", "Every fact in the record points to one of these."),
    # the comparative report
    "c-verdicts": (
        "The five questions, side by side",
        "Verdicts on the scale poor · weak · fair · good; a white cell that says so is "
        "insufficient evidence.",
    ),
    "c-reach": (
        "Reach against outcome",
        "Whether the audience was reached (question 2) beside whether the goals were "
        "achieved (question 3) and the main goal's recorded attainment. The two are "
        "never averaged: a campaign can reach millions and still fail its main goal.",
    ),
    "c-launches": (
        "Reactive or designed launches",
        "Computed from each record's phase and hot-event dates.",
    ),
    "c-mobilisation": (
        "Mobilisation across the campaigns",
        "International protest stands as rates per week of the window each "
        "count covers, with the paper's qualifiers kept as bounds, and a Poisson "
        "trend test across them in time order where the counts can carry one.",
    ),
    "c-fragmentation": (
        "Hashtag fragmentation",
        "Distinct hashtags per language and phase after merging spelling "
        "variants, and how many trended.",
    ),
    "c-mix": ("Mobilisation, advocacy and lobbying against main-goal attainment", ""),
    "c-grid": (
        "The paper's grid, side by side",
        "Each campaign's appendix grid as its own report generated it: the full "
        "evidence, last because it is long.",
    ),
}


def heading(title_en: str) -> Html:
    """A section heading (h2) with the anchor nbconvert would give its English text (so the
    contents and links find it in any language) and the pilcrow link beside it; the page's
    contents list it."""
    anchor, title = str(title_en).replace(" ", "-"), localized(title_en)
    return Html(
        render_fragment("heading.html.j2", anchor=anchor, title=title), headings=[(anchor, title)]
    )


def section(key: str) -> Html:
    """A report section's heading and the sentence that says what it shows."""
    title, intro = SECTIONS[key]
    return _section(title, intro)


def _section(title, intro) -> Html:
    h = heading(title)
    return Html(
        render_fragment("section.html.j2", heading=h, intro=localized(intro) if intro else ""),
        h.headings,
    )


def question_section(question) -> Html:
    """A question's heading and introduction, as the question describes itself."""
    return _section(question.title(), question.introduction)


def paragraph(text: str, css: str = "") -> Html:
    """A paragraph of text, a computed sentence (Msg) in the report's language."""
    return render_fragment("paragraph.html.j2", text=localized(text), css=css)


def bullets(
    items: Iterable[str],
    links: Optional[Callable[[Markup], Markup]] = None,
    numbered: bool = False,
) -> Html:
    """A list; `numbered` items start with their own number ('18. …'), which is then their
    one marker (no bullet before it)."""
    escaped = (esc(localized(i)) for i in items)
    return render_fragment(
        "bullets.html.j2",
        items=[links(i) if links else i for i in escaped],
        numbered=numbered,
    )


def shown(value):
    """A value as a report shows it: in the report's language (`localized`), and, when the
    catalogue has no words for it — the record's own text, an id, a date — isolated as a
    whole in a right-to-left report, so that an English sentence keeps its order and its
    full stop whatever surrounds it."""
    out = localized(value)
    if isinstance(value, Msg) or not (out is value or out == value):
        return out
    return isolated(out)


def _listing(items: Iterable[str], separator: str = ", ") -> str:
    """Items as a list in the report's language: «،» and «؛» in Arabic, each item isolated
    (`shown`); an item that is a sentence loses its full stop there (never '.;')."""
    return tr(separator).join(isolated(without_stop(i)) for i in items)


def _label(label: str, note: str = "", plain: bool = False) -> Html:
    return render_fragment("label.html.j2", label=label, note=note, plain=plain)


def _subheading(level: int, text: str) -> Html:
    return render_fragment("subheading.html.j2", level=level, text=text)


def _block(*parts) -> Html:
    """Fragments inside one report box, keeping their headings."""
    return Html(render_fragment("block.html.j2", parts=parts), concat(parts).headings)


# A cell longer than this is cut at an item boundary: a 10,000-activity record would put
# hundreds of thousands of characters in one grid cell; the lists stay in results.json (each
# cut to its first LIST_CAP items and a count) and the rows in the record.
CELL_LIMIT = 1200


def capped(value) -> str:
    """`value` as text, cut after CELL_LIMIT characters at a '; ' or ', ' boundary, saying
    how many items were left out and where they all are."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # a whole number shown whole: '3', never '3.0'
    if len(text) <= CELL_LIMIT:
        return text
    whole = text.startswith(FSI) and text.endswith(PDI) and text.count(FSI) == 1
    if whole:  # one isolated piece of record text: cut inside it, the count after it
        text = text[1:-1]
    head = text[:CELL_LIMIT]
    # items are joined the language's way (evalkit.i18n: «؛ » and «، » in Arabic)
    sep = next((s for s in ("; ", "؛ ", ", ", "، ") if s in head), ", ")
    cut = head.rfind(sep)
    kept, rest = (text[:cut], text[cut + len(sep) :]) if cut > 0 else (head, text[CELL_LIMIT:])
    items = rest.split(sep)
    more = len(items)
    # a list evaluation already cut ends with its count (i18n.MORE, '… and 9,950 more'):
    # that note is not an item, its number is
    counted = re.match(r"…\D*(\d[\d,]*)", items[-1])
    if counted:
        more += int(counted.group(1).replace(",", "")) - 1
    return (
        (FSI + kept + PDI if whole else kept)
        + " "
        + tr(
            "… and {more} more not shown (results.json lists them; the record has every row)"
        ).format(more=f"{more:,}")
    )


Links = Optional[Callable[[Markup], Markup]]


# a campaign's name → its evaluation page, relative to the comparative report
Campaigns = Optional[dict[str, str]]


def _campaign_link(name, campaigns: Campaigns) -> Markup | None:
    href = (campaigns or {}).get(name) if isinstance(name, str) else None
    return render_fragment("link.html.j2", href=href, text=name) if href else None


def _cell(column: str, value, links: Links = None, campaigns: Campaigns = None) -> dict:
    # verdict cells carry their colour (white text on a WCAG AA background) and the word
    if column in ("verdict", "reach (Q2)", "goals (Q3)") and level_of(value) in VERDICT_COLOURS:
        # the level's colour, the verdict in words with its confidence
        return {"colour": VERDICT_COLOURS[level_of(value)], "text": esc(localized(value))}
    if column == "result" and value in REPLICATION_COLOURS:
        return {"colour": REPLICATION_COLOURS[value], "text": tr(value)}
    if column == "url" and isinstance(value, str) and _WEB_ADDRESS.fullmatch(value.strip()):
        # a source's address is a link; only http(s): a record's 'javascript:' stays text
        url = value.strip()
        return {"colour": None, "text": _URL_LINK.format(url, esc(url))}
    named = _campaign_link(value, campaigns)
    if named is not None:
        return {"colour": None, "text": named}
    text = esc(capped(shown(value)))
    return {"colour": None, "text": links(text) if links else text}


_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_URL_LINK = Markup('<a class="source" href="{}" rel="noopener noreferrer">{}</a>')


def table(
    frame: pd.DataFrame,
    columns: Optional[dict] = None,
    caption: str = "",
    fold_after: Optional[int] = None,
    links: Links = None,
    campaigns: Campaigns = None,
    record_links: Optional[dict[str, Links]] = None,
) -> Html:
    """An escaped table that scrolls inside its box on a narrow screen; `columns` maps frame
    columns to the headings readers see; with `fold_after`, a longer table is folded into
    a <details> block that says how many rows it holds; `links` turns evidence in the
    escaped cells into links (evalkit.render.page.EvidenceLinks); `campaigns` makes a
    campaign's name, as a cell or a heading, a link to its evaluation; `record_links` turns
    the evidence in a campaign's cells (its row's, or its column's) into links to its own
    record, named as its record has it (a workbook's sheets)."""
    columns = columns or {c: c.replace("_", " ") for c in frame.columns}

    def cited(row, column: str) -> Links:
        # in a comparison, a cell is one campaign's: its row's, or its column's
        if not record_links:
            return links
        owner = row["campaign"] if "campaign" in frame.columns else column
        return record_links.get(owner, links) if isinstance(owner, str) else links

    rows = [
        [_cell(c, row[c], cited(row, c), campaigns) for c in columns] for _, row in frame.iterrows()
    ]
    show = (
        localized(Msg("Show the table ({n} row)", "Show the table ({n} rows)", n=len(frame)))
        if fold_after is not None and len(frame) > fold_after
        else ""
    )
    return render_fragment(
        "table.html.j2",
        head=[_campaign_link(h, campaigns) or tr(h) for h in columns.values()],
        rows=rows,
        caption=caption,
        show=show,
    )


def _rounded(frame: pd.DataFrame, paths: Optional[int] = None) -> pd.DataFrame:
    """A statistics table for readers, its numbers written as the sentences beside it write
    them (the same helpers, so a table never shows 407.4027 where the text says 407.4): four
    significant digits; a relative effect as a percentage ('+291.7%', not 2.9175); a p-value
    below 0.001 as '< 0.001'; a tail probability that no simulated path reached as the
    bound the text gives ('< 0.003' of `paths` paths), never (0 + 1) / (N + 1) as if
    measured. Only a series' statistics come here: their helpers are imported here, not by
    every report."""
    from evalkit.stats.checks import p_said, signed_percent
    from evalkit.stats.counterfactual import significant, tail_said

    out = frame.astype(object)
    relative = (
        frame["measure"].astype(str) == "relative effect"
        if "measure" in frame.columns
        else pd.Series(False, index=frame.index)
    )
    for c in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[c]):
            continue
        values: list[Optional[str]] = []
        for v, share in zip(frame[c], relative):
            if pd.isna(v):
                values.append(None)
            elif str(c) == "p_value":
                values.append(p_said(float(v)).removeprefix("p = ").replace("p ", ""))
            elif str(c) == "tail probability" and paths:
                values.append(tail_said(float(v), paths))
            elif share:
                values.append(signed_percent(float(v)))
            else:
                values.append(significant(float(v), 4))
        out[c] = values
    return out


# The title of each kind of chart drawn in both reports, in one wording for both: the
# counts per week of their windows (a campaign's in question 2, the campaigns' stands)
RATES_TITLE = N_("Counts per week of the window each covers")


def _take_title(fig) -> str:
    """The drawing's own title — its suptitle, or the title of its one plot — taken out of
    it: a report's figure has one title, its caption (a multi-panel figure keeps the
    titles of its panels)."""
    own = ""
    if getattr(fig, "_suptitle", None) is not None:
        own = fig._suptitle.get_text()
        fig._suptitle.set_text("")
    if len(fig.axes) == 1:
        ax = fig.axes[0]
        for loc in ("center", "left", "right"):
            own = own or ax.get_title(loc)
            ax.set_title("", loc=loc)
    return own


def figure(fig, alt: str, caption: Optional[str] = None, labels_right: bool = False) -> Html:
    """A matplotlib figure as an SVG inside an <img> data URI: one self-contained file, text
    stays text (crisp, searchable), nothing in it can run, and it renders in half the time of
    a PNG. Its one title is an HTML caption, as the HTML charts have: `caption`, or the
    drawing's own title ('' for none, where the heading above says it). On a phone the
    picture keeps its natural size and scrolls sideways in its own box, so its words stay
    readable (shrunk to 390 px they were 4–5 px); the box opens at the side that holds the
    chart's labels (`labels_right`: a right-to-left heat map's), whatever the page's
    direction."""
    import base64
    import io

    import matplotlib
    from evalkit.style.plotting import pyplot

    plt = pyplot()
    own = _take_title(fig)
    caption = own if caption is None else caption
    if direction() == "rtl":
        _chart_text_in_direction(fig)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "evalkit"}):
        # cropped to what is drawn: a title taken out leaves no empty band
        # right to left: more room at the edges, where the browser's (or Word's) Arabic
        # font draws a label wider than matplotlib measured it ('fter the siege)' cut off)
        fig.savefig(
            buf,
            format="svg",
            metadata={"Date": None},
            bbox_inches="tight",
            pad_inches=0.35 if direction() == "rtl" else 0.1,
        )
    plt.close(fig)
    # the SVG states its natural size (in points): the browser shows it at most that big
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return render_fragment(
        "figure.html.j2",
        alt=alt,
        data=data,
        caption=localized(caption) if caption else "",
        start="right" if labels_right else "left",
    )


def _chart_text_in_direction(fig) -> None:
    """Every text of a chart as `drawn` lays it out for the report's direction: titles,
    labels, keys, legends, notes, and the tick labels as their formatter writes them."""
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter

    class Drawn(Formatter):
        def __init__(self, inner):
            self.inner = inner

        def __call__(self, x, pos=None):
            return drawn(self.inner(x, pos))

        def format_ticks(self, values):
            return [drawn(t) for t in self.inner.format_ticks(values)]

        def get_offset(self):
            return drawn(self.inner.get_offset())

        def set_locs(self, locs):
            self.inner.set_locs(locs)

    for text in fig.findobj(Text):
        text.set_text(drawn(text.get_text()))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(Drawn(axis.get_major_formatter()))


def bar_chart(
    title: str,
    groups: list[tuple[str, list[tuple[str, float, str] | tuple[str, float, str, str]]]],
    scale_max: float,
    colours: tuple[str, ...] = ("#4c72b0", "#dd8452"),
) -> Html:
    """A bar chart in escaped HTML and CSS: groups of (label, value, text shown[, colour]).
    Drawn by the browser: crisp, accessible text, right-to-left where needed, nothing to run,
    and an order of magnitude cheaper than a matplotlib figure in a report."""
    groups_shown = []
    for label, bars in groups:
        cells = []
        for i, (name, value, text, *own) in enumerate(bars):
            width = 0 if not scale_max else max(0.0, min(1.0, value / scale_max)) * 100
            cells.append(
                {
                    "width": f"{width:.1f}",
                    "colour": own[0] if own else colours[i % len(colours)],
                    "name": shown(name),
                    "text": shown(text),
                }
            )
        groups_shown.append((shown(label), cells))
    return render_fragment("bar_chart.html.j2", title=title, groups=groups_shown)


def draw(chart: "BarChart | OrdinalChart") -> Html:
    """A question's chart (evalkit.evaluation.base) in HTML."""
    if isinstance(chart, OrdinalChart):
        return ordinal_chart(chart)
    return bar_chart(
        localized(chart.title),
        chart.groups,
        chart.top,
        *((chart.colours,) if chart.colours else ()),
    )


def ordinal_chart(chart: OrdinalChart) -> Html:
    """Judgements as a mark in the column of their step (one column per step of the scale,
    in order), the step in words beside it; a row with no step on the scale says why in
    words across the row."""
    return render_fragment(
        "ordinal_chart.html.j2",
        title=localized(chart.title),
        scale=[localized(s) for s in chart.scale],
        rows=[
            {"label": shown(label), "step": step, "words": shown(words), "colour": colour}
            for label, step, words, colour in chart.rows
        ],
    )


def verdict_strip(items: list[tuple[str, object]]) -> Html:
    """The five verdicts as a row of coloured boxes, each with its question and its verdict
    in words with its confidence (`with_confidence`; the colour only repeats the level);
    wraps on a narrow screen."""
    boxes = [
        {"label": label, "colour": VERDICT_COLOURS[level_of(said)], "level": localized(said)}
        if level_of(said) in VERDICT_COLOURS
        else {"label": label, "colour": None, "level": tr("insufficient evidence")}
        for label, said in items
    ]
    return render_fragment("strip.html.j2", boxes=boxes, label=tr("The five verdicts"))


def verdict_block(analysis, links: Optional[Callable[[Markup], Markup]] = None) -> Html:
    """The verdict's sentence; `links` names what it rests on as the rest of the report
    does (a workbook's sheets, evalkit.render.page.EvidenceLinks)."""
    v = analysis.verdict
    said = tr("Verdict: {sentence}").format(sentence=localized(v.sentence()))
    return render_fragment(
        # a range ('weak to good') in the colour of its lower end
        "verdict.html.j2",
        colour=VERDICT_COLOURS.get(v.floor or v.level, "#555"),
        said=links(esc(said)) if links else said,
    )


def _summary(lines: list, strip: Optional[Html], list_tag: str, title_en: str) -> Html:
    """A report's few summary lines under their heading (the campaign's with its verdict
    strip, numbered)."""
    h = heading(title_en)
    return Html(
        render_fragment(
            "summary.html.j2",
            label=tr("Summary"),
            heading=h,
            strip=strip,
            list=list_tag,
            lines=lines,
        ),
        h.headings,
    )


def project_path(path: str | Path) -> Path:
    """A relative path as the notebooks' defaults write it ("case_studies/…", "reports"),
    found from the kernel's folder or any folder above it, or from the project that holds
    this package: a template opened in JupyterLab where it sits runs as it is."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    here = Path.cwd().resolve()
    for base in (here, *here.parents, Path(__file__).resolve().parents[2]):
        if (base / p).exists():
            return base / p
    return p  # not found: loading it gives the usual clear error


def _published(source, as_of: date | None) -> str:
    after = published_after(source, as_of) if as_of else None
    mark = (
        ""
        if after is None
        else tr("published after the as-of date (the date in the citation)")
        if after[1]
        else tr("published after the as-of date")
    )
    return " · ".join(x for x in (str(source.published or ""), mark) if x)


class CampaignReport:
    """Everything one campaign's evaluation report shows, built from its record."""

    # the one title of a question's drawn chart, where it shares its kind with another page's
    _plot_titles = {2: RATES_TITLE}

    def __init__(self, record_path: str, as_of: str | date | None = None, lang: str = "en"):
        set_language(lang)  # the kernel's language: this report is its only work
        self.as_of = parse_as_of(as_of) if not isinstance(as_of, date) else as_of
        # the campaign as it stood on the as-of date, for every section of the report
        self.campaign = cut_as_of(load_campaign(project_path(record_path)), self.as_of)

    def title(self) -> Html:
        r = self.campaign.record
        as_of = self.as_of.isoformat() if self.as_of else tr("everything recorded")
        said = tr("evaluator: {who} · as of: {when}").format(who=r.evaluator, when=as_of)
        if self.as_of:
            # the cut drops dated rows; words the evaluator wrote later are not dated rows
            said += " · " + tr(
                "the record's free text (cause, summary, notes, descriptions), its sources "
                "and what it does not date (an audience's reach, a coalition's size, hashtags "
                "and accounts without a date, by name) are as the evaluator wrote them and may "
                "describe later events; the totals of hashtags and accounts still running on "
                "the date are left out; sources published after the date are marked"
            )
        return render_fragment(
            "title.html.j2",
            title=tr("Evaluation: {name}").format(name=self.campaign.name_in(language())),
            also=self.campaign.other_name(language()),
            also_dir="rtl"
            if re.search(r"[\u0600-\u06FF]", self.campaign.other_name(language()))
            else "ltr",
            record=tr("Record"),
            code=r.id,
            said=said,
        )

    def summary(self) -> Html:
        """Five lines for a reader with one minute: the main goal, the five verdicts, reach
        against outcome, the launch, and what the checklist found."""
        ev = self.evaluation
        q = ev.questions
        # questions 2 and 3 by their own classes (Evaluation.questions maps each number to its)
        reach_q, goals_q = cast("Reach", q[2]), cast("GoalAttainment", q[3])
        goals = goals_q.table
        mains = goals[goals["level"] == "main"] if len(goals) else goals
        # a judgement question 3 does not count (the record's own acts go against it) is
        # said not counted here too: the one line a reader may stop at states no more than
        # question 3 counts (goals.counted, results.json `counted`)
        main = _listing(
            (
                tr("{goal} — {attainment}").format(
                    goal=r["text"].rstrip("."),
                    attainment=localized(
                        Msg(
                            "{attainment} (not counted: {reason})",
                            attainment=r["attainment"],
                            reason=not_counted_reason(goals_q.contradicted[r["goal"]]),
                        )
                    )
                    if r["goal"] in goals_q.contradicted
                    else tr(r["attainment"]),
                )
                + (
                    " " + tr("(as of {date})").format(date=r["judged as of"])
                    if r["judged as of"]
                    else ""
                )
                # a missed deadline belongs in the one line a reader may read
                + (tr(", ") + localized(r["deadline"]) if r.get("_on_time") is False else "")
                for _, r in mains.iterrows()
            ),
            "; ",
        ) or tr("no main goal recorded")
        names = {n: tr(w) for n, w in QUESTION_WORDS.items()}
        # each verdict with its confidence: "good" alone would say more than "good, low"
        verdicts = " · ".join(f"{n} {names[n]}: {localized(a.verdict.said)}" for n, a in q.items())
        reach = tr("Reach {reach}, goals {goals}").format(
            reach=localized(q[2].verdict.said), goals=localized(q[3].verdict.said)
        )
        if reach_q.largest:
            reach += tr("; ") + tr("largest counts: {counts}").format(
                counts=_listing(localized(c) for c in reach_q.largest[:3])
            )
        if q[3].verdict.cap_reason:
            cap = localized(q[3].verdict.cap_reason)
            reach += ". " + cap[0].upper() + cap[1:]
        launch = next((t for t in ev.timing if t.role == "launch"), None)
        launch_line = (
            tr("Launch: {how}{sentence}").format(
                how={True: tr("reactive") + " — ", False: tr("not reactive") + " — ", None: ""}[
                    launch.reactive
                ],
                sentence=localized(launch.sentence()),
            )
            if launch
            else tr("Launch: not recorded")
        )
        fired = [r.rule.id for r in ev.checklist if r.status == FIRES and r.rule.kind == "weakness"]
        strengths = [
            r.rule.id for r in ev.checklist if r.status == FIRES and r.rule.kind == "strength"
        ]
        recs = [str(n) for n, _, _ in ev.recommendations()]
        checklist = localized(
            Msg(
                "Checklist: {strengths} and {weaknesses} found",
                strengths=Msg("{n} strength", "{n} strengths", n=len(strengths)),
                weaknesses=Msg("{n} weakness", "{n} weaknesses", n=len(fired)),
            )
        )
        if fired:
            checklist += " (" + _listing(fired) + ")"
        if recs:
            checklist += tr("; ") + localized(
                Msg(
                    "recommendation {numbers} answers them",
                    "recommendations {numbers} answer them",
                    n=len(recs),
                    numbers=_listing(recs),
                )
            )
        lines = [
            tr("Main goal: {goal}.").format(goal=main),
            tr("Verdicts: {verdicts}.").format(verdicts=verdicts),
            reach.rstrip(".") + ".",
            launch_line,
            checklist + ".",
        ]
        strip = verdict_strip([(f"{n} {names[n]}", a.verdict.said) for n, a in q.items()])
        # the places the lines cite, as the rest of the report names them (links; a
        # workbook's sheets)
        lines = [self.links(esc(line)) for line in lines]
        return _summary(lines, strip, "ol", N_("In five lines"))

    section = staticmethod(section)  # the templates call report.section(key)

    def overview(self) -> Html:
        r = self.campaign.record
        rows = pd.DataFrame(
            [
                ("Cause", r.cause),
                ("Summary", r.summary or ""),
                ("Organisers", _listing(r.organisers, "; ")),
                (
                    "Phases",
                    _listing(
                        (
                            tr("{name} ({start} to {end})").format(
                                name=p.name,
                                start=localized(p.start.text),
                                end=localized(p.end.text),
                            )
                            for p in r.phases
                        ),
                        "; ",
                    ),
                ),
                (
                    "Hot events",
                    _listing(
                        (
                            tr("{name} ({date})").format(
                                name=e.description, date=localized(e.date.text)
                            )
                            for e in r.hot_events
                        ),
                        "; ",
                    ),
                ),
                ("Recorded", localized(self._recorded())),
                *self._cut_row(),
                *self._warnings_row(),
            ],
            columns=["what", "record"],
        )
        return table(rows, links=self.links)

    def _warnings_row(self) -> list:
        """What the record's check warned of (gaps and steps in series.csv...), each at its
        file and line: the record was evaluated, and the reader sees what to check."""
        warnings = self.campaign.warnings
        if not warnings:
            return []
        return [("Warnings", joined("; ", [warning_said(w) for w in warnings]))]

    def _series_warnings(self, metric: str) -> list:
        """The record's warnings about one series (its metric named in them)."""
        return [
            warning_said(w)
            for w in self.campaign.warnings
            if isinstance(w.message, Msg) and w.message.fields.get("metric") == metric
        ]

    def _recorded(self) -> Msg | str:
        """What the record holds: its activities, metrics and the campaign's engagements of
        decision makers, and the decision makers' own acts when it records any."""
        c = self.campaign
        parts = [
            Msg("{n} activity", "{n} activities", n=len(c.activities)),
            Msg("{n} metric", "{n} metrics", n=len(c.metrics)),
            Msg(
                "{n} decision-maker engagement",
                "{n} decision-maker engagements",
                n=len(c.engagements),
            ),
        ]
        if len(c.decisions):
            parts.append(
                Msg("{n} act of decision makers", "{n} acts of decision makers", n=len(c.decisions))
            )
        return joined(", ", parts)

    def _cut_row(self) -> list:
        """What the as-of cut left out (evalkit.record.asof), when it left anything out."""
        cut = self.campaign.cut
        rec = self.campaign.record
        # facts a record does not date: the cut cannot place them, so it keeps them as stated
        undated = [
            m
            for m, present in (
                (
                    Msg("an audience's reach"),
                    any(a.reached != "unknown" for a in rec.audiences),
                ),
                (
                    Msg("a coalition's size"),
                    any(co.size is not None for co in rec.coalitions),
                ),
                (
                    Msg("hashtags and accounts without a date, by name"),
                    any(h.phase is None for h in rec.media_tools.hashtags)
                    or any(a.active_from is None for a in rec.media_tools.accounts),
                ),
            )
            if present
        ]
        kept = (
            [
                Msg(
                    "kept as the record states them, though they may describe a later time "
                    "(the record does not date them): {facts}",
                    facts=joined(", ", undated),
                )
            ]
            if undated and cut.get("as_of")
            else []
        )
        if not any(v for k, v in cut.items() if k != "as_of") and not kept:
            return []
        # only what was left out: the counts that are not zero
        dated = [
            m
            for m in (
                Msg("{n} activity", "{n} activities", n=cut["activities"]),
                Msg("{n} metric", "{n} metrics", n=cut["metrics"]),
                Msg("{n} engagement", "{n} engagements", n=cut["engagements"]),
                Msg("{n} decision", "{n} decisions", n=cut["decisions"]),
                Msg("{n} hot event", "{n} hot events", n=cut["hot_events"]),
                Msg("{n} phase", "{n} phases", n=cut["phases"]),
                Msg("{n} judgement", "{n} judgements", n=cut["judgements"]),
            )
            if m.fields["n"]
        ]
        running = [
            m
            for m in (
                Msg("{n} activity", "{n} activities", n=cut["activities_clipped"]),
                Msg("{n} phase", "{n} phases", n=cut["phases_clipped"]),
            )
            if m.fields["n"]
        ]
        parts = []
        if dated:
            parts.append(
                Msg(
                    "{left_out} dated after {date}, or that may be",
                    left_out=joined(", ", dated),
                    date=cut["as_of"],
                )
            )
        if running:
            parts.append(
                Msg(
                    "running on that date, cut to end on it: {running}",
                    running=joined(", ", running),
                )
            )
        totals = [
            m
            for m in (
                Msg("{n} hashtag", "{n} hashtags", n=cut.get("hashtag_counts", 0)),
                Msg("{n} account", "{n} accounts", n=cut.get("account_counts", 0)),
            )
            if m.fields["n"]
        ]
        if totals:
            parts.append(
                Msg(
                    "the totals of {which} still running on that date (uses, trending, "
                    "followers, posts), not known by then",
                    which=joined(", ", totals),
                )
            )
        parts.extend(kept)
        return [(N_("Left out as of the date"), localized(joined("; ", parts)))]

    def timeline(self) -> Html:
        from evalkit.render.timeline import campaign_timeline

        return figure(
            campaign_timeline(self.campaign),
            tr(
                "The campaign's phases, hot events, activities by kind and engagements "
                "on one time axis"
            ),
        )

    def grid(self) -> pd.DataFrame:
        return build_grid(self.campaign, self.as_of)

    def grid_table(self) -> Html:
        return table(
            self.grid(),
            caption=tr("The paper's appendix grid, generated from the record"),
            fold_after=12,
            links=self.links,
        )

    @property
    def links(self) -> EvidenceLinks:
        """Evidence as links to record.html, written beside the report by `evalkit run`."""
        if not hasattr(self, "_links"):
            self._links = EvidenceLinks(
                (self.campaign.path / "campaign.yaml").read_text(encoding="utf-8"),
                places=workbook_places(self.campaign.path),
            )
        return self._links

    @property
    def evaluation(self) -> Evaluation:
        if not hasattr(self, "_evaluation"):
            self._evaluation = Evaluation(self.campaign, self.as_of)
        return self._evaluation

    def question(self, number: int) -> Html:
        """One question's section: verdict, findings, chart, indicators, criteria."""
        q = self.evaluation.questions[number]
        parts = [verdict_block(q, self.links)]
        if q.findings:
            parts.append(_label(tr("Findings")))
            parts.append(
                bullets(
                    (
                        localized(f.text)
                        + (
                            f" [{isolated(capped(localized(evidence_text(f.evidence))))}]"
                            if f.evidence
                            else ""
                        )
                        for f in q.findings
                    ),
                    self.links,
                )
            )
        parts.append(self.chart(number))
        parts.append(self.totals_chart(number))
        parts.append(
            _label(
                tr("Indicators"),
                tr("(computed from the record; evidence names the file and row or entry)"),
            )
        )
        parts.append(table(q.summary(), links=self.links))
        parts.append(_label(tr("How the verdict was reached")))
        parts.append(table(q.criteria_table(), links=self.links))
        parts.append(self.series_section(number))
        return _block(*parts)

    def totals_chart(self, number: int) -> Html:
        """Question 2's running totals (metrics.csv's and series.csv's `cumulative: yes`)
        as lines of levels at their dates, beside the chart of rates that leaves them out."""
        if number != 2:
            return Html("")
        fig = cast("Reach", self.evaluation.questions[2]).totals_plot()
        if fig is None:
            return Html("")
        return figure(fig, tr("Running totals: each total at its date, a level (never a rate)"))

    def series_section(self, number: int) -> Html:
        """The record's series that bear on this question (series.csv): the counterfactual
        (sentences with the chosen model and its residual check, the models compared, three
        panels, effects, sensitivity) and the interrupted time series."""
        from evalkit.evaluation.impact import QUESTION_OF

        mine = [a for a in self.evaluation.series if a.question == number]
        if not mine:
            return Html("")
        kind = {v: k for k, v in QUESTION_OF.items()}[number]
        title = tr("Series in the record ({kind})").format(kind=tr(kind))
        parts = [
            _subheading(3, title),
            paragraph(
                tr(
                    "From series.csv. The statistics below are evidence beside the counts "
                    "above; they do not change the verdict, and a change that follows the "
                    "launch in time is not by itself proof that the campaign caused it."
                )
            ),
        ]
        for a in mine:
            launch = str(a.launch.date()) if a.launch is not None else tr("not recorded")
            parts.append(_subheading(4, a.metric))
            seen = Msg(
                "{n} observation, {first} to {last}; launch {launch}.",
                "{n} observations, {first} to {last}; launch {launch}.",
                n=a.points,
                first=str(a.first.date()),
                last=str(a.last.date()),
                launch=launch,
            )
            if a.running_total_start is not None:
                # its first row has no change to read: the file's dates are said first, so
                # that a start date not in the file is never shown unexplained
                seen = Msg(
                    "{rows} rows, {start} to {last}, a running total: {n} change from one "
                    "row to the next, from {first}; launch {launch}.",
                    "{rows} rows, {start} to {last}, a running total: {n} changes from one "
                    "row to the next, from {first}; launch {launch}.",
                    n=a.points,
                    rows=a.rows,
                    start=str(a.running_total_start.date()),
                    first=str(a.first.date()),
                    last=str(a.last.date()),
                    launch=launch,
                )
            parts.append(paragraph(localized(seen)))
            warned = self._series_warnings(a.metric)
            if warned:
                parts.append(
                    _label(
                        tr(
                            "Warnings about its dates (the statistics below count time from "
                            "the dates, a gap as a gap)"
                        )
                    )
                )
                parts.append(bullets(warned, links=self.links))
            parts.append(
                _label(tr("Counterfactual: what the series would have been without the campaign"))
            )
            cf = a.counterfactual
            if cf is None:
                parts.append(
                    paragraph(
                        tr("Not computed: {reason}.").format(
                            reason=localized(a.counterfactual_problem)
                        )
                    )
                )
            else:
                parts.append(bullets(cf.sentences() + a.counterfactual_notes))
                if len(cf.candidates) > 1:
                    label = tr(
                        "The models the pre-period chose between: how well each "
                        "predicted it one step ahead (log score, higher is better) and "
                        "its weight in the forecast"
                    )
                    parts.append(_label(label, plain=True))
                    parts.append(table(cf.model_choice().round(3)))
                parts.append(
                    figure(
                        cf.plot(),
                        tr(
                            "{metric}: observed and counterfactual, pointwise and cumulative effect"
                        ).format(metric=a.metric),
                    )
                )
                effects = cf.effects().rename_axis("measure").reset_index()
                parts.append(table(_rounded(effects)))
                parts.append(
                    _label(
                        tr("Sensitivity: the average effect under other model settings"), plain=True
                    )
                )
                # its "low" and "high" are the average effect's interval: so headed, as the
                # effects table heads them ("low" alone is a level's word: «منخفض»)
                computed = cf.sensitivity()
                sensitivity = computed.rename(
                    columns={"low": "average low", "high": "average high"}
                )
                parts.append(table(_rounded(sensitivity, paths=len(cf.draws_of_total))))
                # rows that disagree with the headline, said beside the table (a reader
                # copying the one row that 'worked' is told what it is)
                from evalkit.evaluation.impact import sensitivity_notes

                if said := sensitivity_notes(cf, computed):
                    parts.append(bullets(said))
            parts.append(
                _label(
                    tr(
                        "Interrupted time series around the launch, the starts of later phases "
                        "and hot events"
                    )
                )
            )
            if a.its is None:
                parts.append(
                    paragraph(tr("Not computed: {reason}.").format(reason=localized(a.its_problem)))
                )
                if a.its_notes:  # why each date was left out: never read as 'no effect'
                    parts.append(bullets(a.its_notes))
            else:
                parts.append(paragraph(tr("Model: {model}.").format(model=localized(a.its_model))))
                parts.append(
                    bullets(
                        a.its_dates
                        + a.its.sentences()
                        + a.robust_sentences()
                        + a.its_notes
                        + a.agreement_notes()
                        + a.count_caution()
                    )
                )
                from evalkit.evaluation.impact import interruption_spans

                its_figure = a.its.plot(spans=interruption_spans(self.campaign, a.interruptions))
                its_figure.axes[0].set_ylabel(a.metric)  # the series' name, not 'value'
                parts.append(
                    figure(
                        its_figure,
                        tr("{metric}: interrupted time series").format(metric=a.metric),
                        caption="",  # the label above the section names it
                    )
                )
                # each row as the sentences read it: a p-value alone is no finding
                shown = _rounded(a.its.effects()).assign(read_as=a.its.readings())
                parts.append(table(shown))
        return _block(*parts)

    def chart(self, number: int) -> Html:
        """The question's chart as it describes it: HTML bars for counts and ladders, a
        sentence when there is nothing to draw, else its matplotlib figure."""
        q = self.evaluation.questions[number]
        spec = q.chart()
        if spec is None:
            return figure(q.plot(), tr(q.question), caption=self._plot_titles.get(number))
        if isinstance(spec, str):
            return paragraph(spec)
        return concat(draw(s) for s in (spec if isinstance(spec, list) else [spec]))

    def questions(self) -> Html:
        """Every question's section, in the evaluation's order."""
        return concat(
            question_section(q) + self.question(n) for n, q in self.evaluation.questions.items()
        )

    def verdicts_table(self) -> Html:
        rows = pd.DataFrame(
            [
                (
                    n,
                    tr(q.question),
                    # a range when the unjudged criteria could make it lower ('weak to good')
                    level_said(q.verdict.level, q.verdict.floor),
                    q.verdict.confidence or "",
                    tr("{met} of {judgeable} judgeable ({total} in all)").format(
                        met=q.verdict.met, judgeable=q.verdict.judgeable, total=q.verdict.total
                    ),
                )
                for n, q in self.evaluation.questions.items()
            ],
            columns=["#", "question", "verdict", "confidence", "criteria met"],
        )
        return table(rows)

    def timing_table(self) -> Html:
        rows = pd.DataFrame(
            [
                (
                    t.phase.name,
                    t.role,
                    t.timing,
                    {
                        True: "yes",
                        False: "no",
                        None: N_("not a launch") if t.role == "escalation" else "cannot tell",
                    }[t.reactive],
                    t.sentence(),
                )
                for t in self.evaluation.timing
            ],
            columns=["phase", "role", "timing", "reactive launch", "computed from the dates"],
        )
        return table(rows)

    def checklist_table(self) -> Html:
        order = {FIRES: 0, "does not fire": 1, CANNOT: 2}
        rows = sorted(
            self.evaluation.checklist, key=lambda r: (order[r.status], r.rule.kind != "weakness")
        )
        frame = pd.DataFrame(
            [
                (
                    r.rule.id,
                    r.rule.kind,
                    r.rule.group,
                    self.evaluation.result_text(r),
                    r.status,
                    joined("; ", r.evidence),
                    _listing(map(str, r.rule.recommendations)),
                )
                for r in rows
            ],
            columns=[
                "rule",
                "kind",
                "group",
                "the paper's point",
                "result",
                "evidence",
                "recommendations",
            ],
        )
        found = frame[frame["result"] == FIRES]
        rest = frame[frame["result"] != FIRES]
        other = localized(
            Msg(
                "The {n} other rule (does not fire, or cannot be judged from the record)",
                "The {n} other rules (do not fire, or cannot be judged from the record)",
                n=len(rest),
            )
        )
        folded = (
            render_fragment("folded.html.j2", summary=other, body=table(rest, links=self.links))
            if len(rest)
            else ""
        )
        return table(found, links=self.links) + folded

    def recommendations_list(self) -> Html:
        recs = self.evaluation.recommendations()
        aside = self.evaluation.set_aside()
        # a recommendation the weaknesses call for but this campaign's setting does not fit
        # is named with the reason, never silently dropped
        aside_html = (
            (
                paragraph(tr("Set aside as not fitting this campaign:"))
                + bullets(
                    [
                        tr("{recommendation} — {reason}").format(
                            recommendation=f"{n}. {localized(text)}", reason=localized(why)
                        )
                        for n, text, why in aside
                    ],
                    numbered=True,
                )
            )
            if aside
            else ""
        )
        if not recs:
            return (
                paragraph(
                    tr("No weakness in the checklist fired, so no recommendation is called for.")
                )
                if not aside
                else Html("")
            ) + aside_html
        return (
            bullets(
                [
                    tr("{recommendation} (because of {rules})").format(
                        recommendation=f"{n}. {localized(text)}", rules=_listing(why)
                    )
                    for n, text, why in recs
                ],
                numbered=True,
            )
            + aside_html
        )

    def sources_table(self) -> Html:
        sources = self.campaign.record.sources
        rows = pd.DataFrame(
            [(s.id, s.citation, s.url or "") for s in sources], columns=["id", "citation", "url"]
        )
        if self.as_of or any(s.published for s in sources):
            # a later source may describe earlier facts: marked, never dropped
            rows["published"] = [_published(s, self.as_of) for s in sources]
        return table(rows)


class ComparativeReport:
    """The comparative report, built from `results.json` files only."""

    def __init__(self, results_dir: str, campaigns: str = "", lang: str = "en", left_out: str = ""):
        from evalkit import comparison

        set_language(lang)
        # the records of the same run that could not be evaluated, as the run named them
        self.left_out = [Verbatim(line) for line in left_out.splitlines() if line.strip()]
        self.c = comparison
        ids = [i.strip() for i in campaigns.split(",") if i.strip()] or None
        folder = project_path(results_dir)
        self.results = comparison.load_results(folder, ids)
        for r in self.results:  # their sentences, to show in this report's language
            remember(r.messages)
        # each campaign's name links to its evaluation, where there is one beside its
        # results.json (this report is written into the same folder)
        self.evaluations = {
            self.c._name(r): f"{r.record.id}/evaluation.html"
            for r in self.results
            if (folder / r.record.id / "evaluation.html").is_file()
        }
        # evidence such as `activities.csv:6` in a campaign's cells, as its own evaluation
        # names it (`activities!A6` for a workbook) and a link to its record page, where
        # `evalkit run` wrote the record's copy beside its results.json
        self.record_links: dict[str, Links] = {}
        for r in self.results:
            copy = folder / r.record.id / RECORD_COPY
            if (copy / "campaign.yaml").is_file():
                self.record_links[self.c._name(r)] = EvidenceLinks(
                    (copy / "campaign.yaml").read_text(encoding="utf-8"),
                    page=f"{r.record.id}/{RECORD_PAGE}",
                    places=workbook_places(copy),
                )

    def table(self, frame: pd.DataFrame, **options) -> Html:
        return table(frame, campaigns=self.evaluations, record_links=self.record_links, **options)

    def title(self) -> Html:
        names = _listing(self.c._name(r) for r in self.results)
        said = localized(
            Msg(
                "{n} campaign: {names} — from its results.json file; no evaluation is re-run here.",
                "{n} campaigns: {names} — from their results.json files; no evaluation "
                "is re-run here.",
                n=len(self.results),
                names=names,
            )
        )
        if self.left_out:
            said = localized(
                Msg(
                    "{said} Left out: {n} record of the same run could not be evaluated "
                    "({records}); the index says why.",
                    "{said} Left out: {n} records of the same run could not be evaluated "
                    "({records}); the index says why.",
                    said=said,
                    n=len(self.left_out),
                    records=_listing(self.left_out, "; "),
                )
            )
        return render_fragment(
            "title.html.j2",
            title=tr("Comparing campaigns"),
            also="",
            record="",
            code="",
            said=said,
            reports=tr("Their evaluations:") if self.evaluations else "",
            evaluations=[(href, name) for name, href in self.evaluations.items()],
        )

    section = staticmethod(section)  # the templates call report.section(key)

    def summary(self) -> Html:
        lines = [localized(line) for line in self.c.summary_lines(self.results)]
        return _summary(lines, None, "ul", N_("In a few lines"))

    def grid_table(self) -> Html:
        return self.table(self.c.grid_side_by_side(self.results), fold_after=12)

    def verdicts(self) -> Html:
        v = self.c.verdicts(self.results)
        wide = v.pivot(index="question", columns="campaign", values="shown")[
            [self.c._name(r) for r in self.results]
        ].reset_index()
        from evalkit.render.charts import verdict_heatmap

        heatmap = figure(
            verdict_heatmap(self.results),
            tr("verdicts heat map"),
            labels_right=direction() == "rtl",  # its questions on the right, as the table's
        )
        return heatmap + self.table(wide)

    def mobilisation(self) -> Html:
        rates = self.c.international_stand_rates(self.results)
        parts = [self.table(rates[["campaign", "window", "weeks", "count", "per week"]])]
        trend = self.c.stand_rate_trend(self.results)
        if trend is None:
            withheld = self.c.stand_trend_withheld(self.results)
            assert withheld is not None  # no trend exactly when it says why it is withheld
            parts.append(paragraph(withheld))
        else:
            parts.append(bullets(trend.sentences()))
            fig = trend.plot(trend_line=False)
            fig.axes[0].set_xlabel(tr("arrow: the count is a bound, the rate lies that way"))
            parts.append(figure(fig, tr("stands per week"), caption=tr(RATES_TITLE)))
        return concat(parts)

    def fragmentation(self) -> Html:
        return self.table(self.c.fragmentation(self.results))

    def partner_reuse(self) -> Html:
        """Shown only when some records say which campaign they follow (`follows`)."""
        links = self.c.partner_reuse(self.results)
        if links.empty:
            return Html("")
        return _block(
            heading(N_("Did each campaign build on the last?")),
            paragraph(
                tr(
                    "Partners and coalition members shared along the sequence "
                    "the records give (each record's follows field)."
                )
            ),
            self.table(self.c.shown_shares(links)),
        )

    def reach_and_outcome(self) -> Html:
        return self.table(self.c.reach_against_outcome(self.results))

    def launches(self) -> Html:
        return self.table(self.c.launches(self.results))

    def mix(self) -> Html:
        return self.table(
            self.c.shown_shares(self.c.mix_against_attainment(self.results))
        ) + figure(
            self.c.mix_plot(self.results),
            tr("activity mix"),
            caption="",  # the heading's
        )

    def paper_grid(self) -> Html:
        """The paper's appendix grids against the grids evalkit generated, cell by cell, when
        the compared records carry them (the paper's four campaigns)."""
        g = self.c.grid_agreement(self.results)
        if not g["cells"]:
            return Html("")
        said = Msg(
            "{n} cell of the paper's grids: {agree} agree with evalkit's grid, "
            "{disagree} disagree, each with its reason below.",
            "{n} cells of the paper's grids: {agree} agree with evalkit's grid, "
            "{disagree} disagree, each with its reason below.",
            n=g["cells"],
            agree=g["agree"],
            disagree=len(g["disagree"]),
        )
        intro = Msg(
            "Each cell of the paper's appendix tables (case_studies/<id>/"
            "paper_grid.csv, the Arabic text and its code) against the grid evalkit "
            "generates from the record: coded rows (scope, launch timing, media tools, "
            "discourse, results) compared with what evalkit computes or reads, text "
            "rows checked for being represented. A disagreement is a computation "
            "evalkit makes from the data (e.g. launch timing from the dates) or what "
            "the record format can say, never a misread left standing."
        )
        rows = pd.DataFrame(
            g["disagree"], columns=["campaign", "dimension", "row", "paper", "evalkit", "reason"]
        )
        parts = [
            heading(N_("The paper's grid, cell by cell")),
            paragraph(intro),
            paragraph(said, "verdict"),
        ]
        if len(rows):
            parts.append(self.table(rows))
        return _block(*parts)

    def replication(self) -> Html:
        """The paper's claims, only when the paper's own campaigns are compared."""
        paper = self.c.paper_results(self.results)
        if not paper:
            return Html("")
        t = self.c.replication_table(self.results)
        n = self.c.computed_counts(t)
        said = tr(
            "Of {computed} computed claims: {agree} agree, {disagree} disagree, {cannot} "
            "cannot be computed from the records; {restate} restate the evaluator's "
            "judgement."
        ).format(**n)
        others = [self.c._name(r) for r in self.results if r not in paper]
        intro = tr(
            "Each claim of the paper (its cross-campaign findings and each case's "
            "judgements) beside what evalkit computed from the records of the paper's "
            "campaigns."
        )
        if others:
            intro += " " + tr("Not from {others}, which the paper does not discuss.").format(
                others=_listing(others)
            )
        intro += " " + tr(
            "'Disagrees' means evalkit's numbers do not support the claim as stated; 'cannot "
            "be computed' means the records lack what the claim needs. Attainment judgements "
            "are the evaluator's, recorded with the paper's evidence — agreement there is "
            "consistency, not independent confirmation."
        )
        t = t.assign(
            **{
                "the paper says": t["the paper says"].map(tr),
                # in Arabic the English gloss translates back to the words themselves
                "paper's words": [
                    f"«{q}»" if tr(e) == q else f"«{q}» ({tr(e)})"
                    for q, e in zip(t["paper's words"], t["in English"])
                ],
                "kind": t["kind"].map(tr),
            }
        ).drop(columns=["in English"])
        return _block(
            heading(N_("Replicating the paper")),
            paragraph(intro),
            paragraph(said, "verdict"),
            self.table(t),
        )
