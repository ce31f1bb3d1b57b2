"""What the notebooks show: escaped HTML blocks built from evalkit's results.

Every piece of record text passes through `esc` here, so a campaign named
`<script>…</script>` shows as text, and Arabic runs are isolated to read right to left.
"""
from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

import pandas as pd

from evalkit.style.colours import VERDICT_COLOURS
from evalkit.evaluation import QUESTION_WORDS, Evaluation
from evalkit.evaluation.base import BarChart, OrdinalChart
from evalkit.evaluation.checklist import CANNOT, FIRES
from evalkit.evaluation.grid import build_grid, parse_as_of
from evalkit.record.asof import cut_as_of
from evalkit.record.load import load_campaign
from evalkit.i18n import N_, direction, joined, localized, remember, set_language, tr
from evalkit.render.page import EvidenceLinks

STYLE = """<style>
.evalkit table {border-collapse: collapse; margin: 0.5em auto 1.5em 0; font-size: 0.92em;}
.evalkit th, .evalkit td {border: 1px solid #ccc; padding: 4px 8px; vertical-align: top;
  text-align: start;}
.evalkit th {background: #f2f2f2;}
.evalkit .muted {color: #666; font-size: 0.88em;}
.evalkit .verdict {font-weight: bold;}
.evalkit.chart table {width: 100%; max-width: 52rem;}
.evalkit.chart th {width: 30%; background: none; font-weight: normal;}
.evalkit.chart td {border: none; border-bottom: 1px solid #eee;}
.evalkit.chart figcaption {font-weight: bold; margin-bottom: 0.3em;}
.evalkit .bar-row {display: flex; align-items: center; gap: 0.5em; margin: 2px 0;}
.evalkit .bar {display: inline-block; height: 0.9em; min-width: 2px;}
.evalkit .bar-text {font-size: 0.85em; white-space: nowrap;}
.evalkit .mark {display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%;
  vertical-align: middle;}
.evalkit.chart.ordinal th[scope=col] {width: auto; font-size: 0.85em; color: #444;}
.evalkit .scroll {overflow-x: auto; max-width: 100%;}
.evalkit .scroll table {margin-top: 0;}
.evalkit td.v {color: #fff; font-weight: bold;}
.evalkit details > summary {cursor: pointer; color: #1a5a96; margin: 0.3em 0;}
.evalkit .summary li {margin: 0.15em 0;}
.evalkit .strip {display: flex; flex-wrap: wrap; gap: 4px; margin: 0.5em 0 0.8em; padding: 0;
  list-style: none;}
.evalkit .strip li {flex: 1 1 8rem; padding: 0.35em 0.6em; color: #fff; border-radius: 3px;}
.evalkit .strip li.none {color: #222; background: #fff; border: 1px dashed #888;}
.evalkit .strip .q {display: block; font-size: 0.8em;}
.evalkit .strip .level {font-weight: bold;}
/* JupyterLab centres tables and right-aligns cells: a report reads from the start edge */
.jp-RenderedHTMLCommon .evalkit table {margin-left: 0; margin-right: auto;}
.jp-RenderedHTMLCommon .evalkit td, .jp-RenderedHTMLCommon .evalkit th {text-align: start;}
@media print {
  .evalkit figure, .evalkit tr, .evalkit .verdict {break-inside: avoid;}
  .evalkit .scroll {overflow: visible;}
  .evalkit table {font-size: 0.8em;}
  .evalkit details > :not(summary) {display: block;}
}
</style>"""


# Each section of the reports: its heading and the sentence under it. The heading's anchor
# is made from the English heading in every language, so links into a report stay valid.
SECTIONS = {
    "verdicts": ("The five questions at a glance",
                 "The paper's five evaluation questions, each answered from the record. A "
                 "verdict is on one scale — poor, weak, fair, good — from the share of the "
                 "question's criteria that the record meets; where the record cannot judge "
                 "enough criteria the verdict is withheld as insufficient evidence. "
                 "docs/evaluation-method.md explains every indicator, threshold and rule."),
    "campaign": ("The campaign",
                 "What the record says the campaign was: its cause, phases and the hot events "
                 "around it."),
    "grid": ("The paper's grid",
             "The grid the paper uses to rate every campaign (its appendix tables): goal, "
             "geographic scope, interacting audience, launch timing, media tools, discourse, "
             "strategies and result. Each row is generated from the record and names its "
             "sources. Launch timing is computed from the dates in the record, not typed in."),
    "timing": ("Launch timing",
               "Before, at or after the hot event, computed from the phase and event dates; "
               "reactive means the campaign launched at or after an event it did not make."),
    "checklist": ("The paper's checklist",
                  "The paper's 12 strengths and 23 weaknesses (section 4) as rules over the "
                  "record. Each says whether it fires, on what evidence, or that the record "
                  "cannot decide it."),
    "recommendations": ("What to do next",
                        "The paper's recommendations (section 6) that answer the weaknesses "
                        "that fired."),
    "sources": ("Sources", "Every fact in the record points to one of these."),
    # the comparative report
    "c-verdicts": ("The five questions, side by side",
                   "Verdicts on the scale poor · weak · fair · good; a blank cell is "
                   "insufficient evidence."),
    "c-reach": ("Reach against outcome",
                "Whether the audience was reached (question 2) beside whether the goals were "
                "achieved (question 3) and the main goal's recorded attainment. The two are "
                "never averaged: a campaign can reach millions and still fail its main goal."),
    "c-launches": ("Reactive or designed launches",
                   "Computed from each record's phase and hot-event dates."),
    "c-mobilisation": ("Mobilisation across the campaigns",
                       "International protest stands as rates per week of the window each "
                       "count covers, with the paper's qualifiers kept as bounds, and a Poisson "
                       "trend test across them in time order."),
    "c-fragmentation": ("Hashtag fragmentation",
                        "Distinct hashtags per language and phase after merging spelling "
                        "variants, and how many trended."),
    "c-mix": ("Mobilisation, advocacy and lobbying against main-goal attainment", ""),
    "c-grid": ("The paper's grid, side by side",
               "Each campaign's appendix grid as its own report generated it: the full "
               "evidence, last because it is long."),
}


def heading(title_en: str) -> str:
    """A section heading (h2) with the anchor nbconvert would give its English text (so the
    contents and links find it in any language) and the pilcrow link beside it."""
    anchor = html.escape(str(title_en).replace(" ", "-"), quote=True)
    return (f'<h2 id="{anchor}">{esc(localized(title_en))}<a class="anchor-link" '
            f'href="#{anchor}">¶</a></h2>')


def section(key: str) -> "Html":
    """A report section's heading and the sentence that says what it shows."""
    title, intro = SECTIONS[key]
    return _section(title, intro)


def _section(title, intro) -> "Html":
    return Html(f'<div class="evalkit">{heading(title)}'
                + (f"<p>{esc(localized(intro))}</p>" if intro else "") + "</div>")


def question_section(question) -> "Html":
    """A question's heading and introduction, as the question describes itself."""
    return _section(question.title(), question.introduction)


class Html(str):
    """A string Jupyter displays as HTML. `a + b` is Html too, so a template cell can show a
    section's heading and its content as one output (each cell is a kernel round trip)."""

    def _repr_html_(self) -> str:
        # in an Arabic notebook opened in JupyterLab (no page-wide dir) the output still
        # reads right to left
        return f'<div dir="rtl">{self}</div>' if direction() == "rtl" else str(self)

    def __add__(self, other: str) -> "Html":
        return Html(str.__add__(self, other))


# A run of Arabic script (with a leading # for hashtags); isolated so that it reads right to
# left inside an English sentence without reordering the text around it.
_ARABIC_RUN = re.compile(r"#?[\u0600-\u06FF\u0750-\u077F][\u0600-\u06FF\u0750-\u077F_\s]*"
                         r"(?<!\s)")


# In a right-to-left report, runs that must read left to right are isolated: Latin text
# (record text the evaluator wrote in English, file names, codes) so that its punctuation
# stays in order, and numbers joined by separators (2020-12, 2014..2019, 62–131), which the
# bidirectional algorithm would otherwise show back to front after an Arabic word.
_LTR_RUN = re.compile(r"[\"“(\[#@]?[A-Za-z][^\u0600-\u06FF]*[^\s\u0600-\u06FF]"
                      r"|\d[\d,.]*(?:[-–/:]|\.\.)[\d\-–/:.,]*\d")


def esc(value, page_direction: Optional[str] = None) -> str:
    """Escape text for HTML; isolate runs of the other script's direction in <bdi>: Arabic
    runs in an English report, left-to-right runs in an Arabic one (the report's direction,
    or `page_direction` for a page built outside a report)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    raw = str(value)
    if (page_direction or direction()) == "rtl":
        out, pos = [], 0
        for m in _LTR_RUN.finditer(raw):
            out.append(html.escape(raw[pos:m.start()]))
            out.append(f'<bdi dir="ltr">{html.escape(m.group(0))}</bdi>')
            pos = m.end()
        return "".join(out) + html.escape(raw[pos:])
    return _ARABIC_RUN.sub(lambda m: f'<bdi dir="rtl" lang="ar">{m.group(0)}</bdi>',
                           html.escape(raw))


def attr(value) -> str:
    """Text for an HTML attribute (alt, aria-label): escaped, no markup."""
    return html.escape("" if value is None else str(value), quote=True)


def paragraph(text: str, css: str = "") -> Html:
    """A paragraph of text, a computed sentence (Msg) in the report's language."""
    cls = f' class="{css}"' if css else ""
    return Html(f'<div class="evalkit"><p{cls}>{esc(localized(text))}</p></div>')


def bullets(items: Iterable[str], links: Optional[Callable[[str], str]] = None) -> Html:
    lis = "".join(f'<li>{links(esc(localized(i))) if links else esc(localized(i))}</li>'
                  for i in items)
    return Html(f'<div class="evalkit"><ul>{lis}</ul></div>')


# A cell longer than this is cut at an item boundary: a 10,000-activity record would put
# hundreds of thousands of characters in one grid cell; the full lists stay in results.json
# and the rows on the record page.
CELL_LIMIT = 1200


def capped(value) -> str:
    """`value` as text, cut after CELL_LIMIT characters at a '; ' or ', ' boundary, saying
    how many items were left out and where they all are."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if len(text) <= CELL_LIMIT:
        return text
    head = text[:CELL_LIMIT]
    sep = "; " if "; " in head else ", "
    cut = head.rfind(sep)
    kept, rest = (text[:cut], text[cut + len(sep):]) if cut > 0 else (head, text[CELL_LIMIT:])
    more = rest.count(sep) + 1
    return kept + " " + tr("… and {more} more not shown (all of them are in results.json)").format(
        more=f"{more:,}")


def _cell(column: str, value, links: Optional[Callable[[str], str]] = None) -> str:
    # verdict cells carry their colour (white text on a WCAG AA background) and the word
    if column in ("verdict", "reach (Q2)", "goals (Q3)") and value in VERDICT_COLOURS:
        return (f'<td class="v" style="background:{VERDICT_COLOURS[value]}">'
                f"{esc(tr(value))}</td>")
    text = esc(capped(localized(value)))
    return f"<td>{links(text) if links else text}</td>"


def table(frame: pd.DataFrame, columns: Optional[dict] = None, caption: str = "",
          fold_after: Optional[int] = None,
          links: Optional[Callable[[str], str]] = None) -> Html:
    """An escaped table that scrolls inside its box on a narrow screen; `columns` maps frame
    columns to the headings readers see; with `fold_after`, a longer table is folded into
    a <details> block that says how many rows it holds; `links` turns evidence in the
    escaped cells into links (evalkit.render.page.EvidenceLinks)."""
    columns = columns or {c: c.replace("_", " ") for c in frame.columns}
    head = "".join(f"<th>{esc(tr(h))}</th>" for h in columns.values())
    body = "".join(
        "<tr>" + "".join(_cell(c, row[c], links) for c in columns) + "</tr>"
        for _, row in frame.iterrows())
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    inner = (f'<div class="scroll"><table>{cap}<thead><tr>{head}</tr></thead>'
             f"<tbody>{body}</tbody></table></div>")
    if fold_after is not None and len(frame) > fold_after:
        show = tr("Show the table ({rows} rows)").format(rows=len(frame))
        inner = f"<details><summary>{esc(show)}</summary>{inner}</details>"
    return Html(f'<div class="evalkit">{STYLE}{inner}</div>')


def figure(fig, alt: str) -> Html:
    """A matplotlib figure as an SVG inside an <img> data URI: one self-contained file, text
    stays text (crisp, searchable), nothing in it can run, and it renders in half the time of
    a PNG."""
    import base64
    import io

    import matplotlib
    from evalkit.style.plotting import pyplot
    plt = pyplot()

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "evalkit"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return Html(f'<img alt="{attr(alt)}" src="data:image/svg+xml;base64,{data}">')


def bar_chart(title: str, groups: list[tuple[str, list[tuple[str, float, str]]]],
              scale_max: float, colours: tuple[str, ...] = ("#4c72b0", "#dd8452")) -> Html:
    """A bar chart in escaped HTML and CSS: groups of (label, value, text shown). Drawn by the
    browser: crisp, accessible text, right-to-left where needed, nothing to run, and an order
    of magnitude cheaper than a matplotlib figure in a report."""
    rows = []
    for label, bars in groups:
        cells = []
        for i, (name, value, text, *own) in enumerate(bars):
            width = 0 if not scale_max else max(0.0, min(1.0, value / scale_max)) * 100
            colour = own[0] if own else colours[i % len(colours)]
            cells.append(f'<div class="bar-row"><span class="bar" style="width:{width:.1f}%;'
                         f'background:{colour}"></span><span class="bar-text">{esc(localized(name))}'
                         f'{": " if name else ""}{esc(localized(text))}</span></div>')
        rows.append(f'<tr><th scope="row">{esc(localized(label))}</th><td>{"".join(cells)}</td></tr>')
    return Html(f'<figure class="evalkit chart" role="img" aria-label="{attr(title)}">'
                f"<figcaption>{esc(title)}</figcaption><table>{''.join(rows)}</table></figure>")


def draw(chart: "BarChart | OrdinalChart") -> Html:
    """A question's chart (evalkit.evaluation.base) in HTML."""
    if isinstance(chart, OrdinalChart):
        return ordinal_chart(chart)
    return bar_chart(localized(chart.title), chart.groups, chart.top,
                     *((chart.colours,) if chart.colours else ()))


def ordinal_chart(chart: OrdinalChart) -> Html:
    """Judgements as a mark in the column of their step (one column per step of the scale,
    in order), the step in words beside it; a row with no step on the scale says why in
    words across the row."""
    title = localized(chart.title)
    head = "".join(f'<th scope="col">{esc(localized(s))}</th>' for s in chart.scale)
    rows = []
    for label, step, words, colour in chart.rows:
        if step is None:
            cells = f'<td colspan="{len(chart.scale)}" class="muted">{esc(localized(words))}</td>'
        else:
            cells = "".join(
                f'<td><span class="mark" style="background:{colour}"></span> '
                f"{esc(localized(words))}</td>" if i == step else "<td></td>"
                for i in range(len(chart.scale)))
        rows.append(f'<tr><th scope="row">{esc(localized(label))}</th>{cells}</tr>')
    return Html(f'<figure class="evalkit chart ordinal" role="img" aria-label="{attr(title)}">'
                f"<figcaption>{esc(title)}</figcaption><table><thead><tr><td></td>{head}</tr>"
                f"</thead><tbody>{''.join(rows)}</tbody></table></figure>")


def verdict_strip(items: list[tuple[str, str | None]]) -> Html:
    """The five verdicts as a row of coloured boxes, each with its question and its verdict
    in words (the colour only repeats the word); wraps on a narrow screen."""
    cells = []
    for label, level in items:
        if level in VERDICT_COLOURS:
            cells.append(f'<li style="background:{VERDICT_COLOURS[level]}"><span class="q">'
                         f'{esc(label)}</span><span class="level">{esc(tr(level))}</span></li>')
        else:
            none = tr("insufficient evidence")
            cells.append(f'<li class="none"><span class="q">{esc(label)}</span>'
                         f'<span class="level">{esc(none)}</span></li>')
    label = tr("The five verdicts")
    return Html(f'<ul class="strip" aria-label="{attr(label)}">{"".join(cells)}</ul>')


def verdict_block(analysis) -> Html:
    v = analysis.verdict
    colour = VERDICT_COLOURS.get(v.level, "#555")
    said = tr("Verdict: {sentence}").format(sentence=localized(v.sentence()))
    return Html(f'<p class="verdict" style="color:{colour}">{esc(said)}</p>')


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


class CampaignReport:
    """Everything one campaign's evaluation report shows, built from its record."""

    def __init__(self, record_path: str, as_of: str | date | None = None, lang: str = "en"):
        set_language(lang)  # the kernel's language: this report is its only work
        self.as_of = parse_as_of(as_of) if not isinstance(as_of, date) else as_of
        # the campaign as it stood on the as-of date, for every section of the report
        self.campaign = cut_as_of(load_campaign(project_path(record_path)), self.as_of)

    def title(self) -> Html:
        r = self.campaign.record
        ar = f" ({esc(r.name.ar)})" if r.name.ar else ""
        as_of = self.as_of.isoformat() if self.as_of else tr("everything recorded")
        title = tr("Evaluation: {name}").format(name=r.name.en)
        record = tr("Record")
        who = tr("evaluator: {who} · as of: {when}").format(who=r.evaluator, when=as_of)
        return Html(f'<div class="evalkit"><h1>{esc(title)}{ar}</h1><p class="muted">'
                    f"{esc(record)} <code>{esc(r.id)}</code> · {esc(who)}</p></div>")

    def summary(self) -> Html:
        """Five lines for a reader with one minute: the main goal, the five verdicts, reach
        against outcome, the launch, and what the checklist found."""
        ev = self.evaluation
        q = ev.questions
        goals = q[3].table
        mains = goals[goals["level"] == "main"] if len(goals) else goals
        main = "; ".join(f"{r['text'].rstrip('.')} — {tr(r['attainment'])}"
                         + (" " + tr("(as of {date})").format(date=r["judged as of"])
                            if r["judged as of"] else "")
                         for _, r in mains.iterrows()) or tr("no main goal recorded")
        names = {n: tr(w) for n, w in QUESTION_WORDS.items()}
        verdicts = " · ".join(f"{n} {names[n]}: {tr(a.verdict.level)}" for n, a in q.items())
        reach = tr("Reach {reach}, goals {goals}").format(reach=tr(q[2].verdict.level),
                                                          goals=tr(q[3].verdict.level))
        if q[2].largest:
            reach += "; " + tr("largest counts: {counts}").format(
                counts=", ".join(localized(c) for c in q[2].largest[:3]))
        if q[3].verdict.cap_reason:
            cap = localized(q[3].verdict.cap_reason)
            reach += ". " + cap[0].upper() + cap[1:]
        launch = next((t for t in ev.timing if t.role == "launch"), None)
        launch_line = (tr("Launch: {how}{sentence}").format(
            how={True: tr("reactive") + " — ", False: tr("not reactive") + " — ",
                 None: ""}[launch.reactive], sentence=localized(launch.sentence()))
            if launch else tr("Launch: not recorded"))
        fired = [r.rule.id for r in ev.checklist if r.status == FIRES and r.rule.kind == "weakness"]
        strengths = [r.rule.id for r in ev.checklist if r.status == FIRES and r.rule.kind == "strength"]
        recs = [str(n) for n, _, _ in ev.recommendations()]
        checklist = tr("Checklist: {strengths} strengths and {weaknesses} weaknesses found").format(
            strengths=len(strengths), weaknesses=len(fired))
        if fired:
            checklist += f" ({', '.join(fired)})"
        if recs:
            checklist += "; " + tr("recommendations {numbers} answer them").format(
                numbers=", ".join(recs))
        lines = [tr("Main goal: {goal}.").format(goal=main),
                 tr("Verdicts: {verdicts}.").format(verdicts=verdicts),
                 reach.rstrip(".") + ".", launch_line, checklist + "."]
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        strip = verdict_strip([(f"{n} {names[n]}", a.verdict.level) for n, a in q.items()])
        summary, title = tr("Summary"), heading(N_("In five lines"))
        return Html(f'<div class="evalkit">{STYLE}<section class="summary" aria-label="'
                    f'{attr(summary)}">{title}{strip}<ol>{items}</ol></section></div>')

    section = staticmethod(section)  # the templates call report.section(key)

    def overview(self) -> Html:
        r = self.campaign.record
        rows = pd.DataFrame([
            ("Cause", r.cause), ("Summary", r.summary or ""),
            ("Organisers", "; ".join(r.organisers)),
            ("Phases", "; ".join(p.name + " (" + tr("{start} to {end}").format(
                start=p.start.text, end=p.end.text) + ")" for p in r.phases)),
            ("Hot events", "; ".join(f"{e.description} ({e.date.text})" for e in r.hot_events)),
            ("Recorded", tr("{activities} activities, {metrics} metrics, {engagements} "
                            "decision-maker engagements").format(
                activities=len(self.campaign.activities), metrics=len(self.campaign.metrics),
                engagements=len(self.campaign.engagements))),
            *self._cut_row(),
        ], columns=["what", "record"])
        return table(rows)

    def _cut_row(self) -> list:
        """What the as-of cut left out (evalkit.record.asof), when it left anything out."""
        cut = self.campaign.cut
        if not any(v for k, v in cut.items() if k != "as_of"):
            return []
        return [(N_("Left out as of the date"), tr(
            "{activities} activities, {metrics} metrics, {engagements} engagements, "
            "{decisions} decisions, {events} hot events, {phases} phases and {judgements} "
            "judgements dated after {date}, or that may be; {clipped} activities and "
            "{phases_clipped} phases running on that date end on it").format(
            date=cut["as_of"], events=cut["hot_events"], clipped=cut["activities_clipped"],
            **{k: cut[k] for k in ("activities", "metrics", "engagements", "decisions",
                                   "phases", "judgements", "phases_clipped")}))]

    def timeline(self) -> Html:
        from evalkit.render.timeline import campaign_timeline
        return figure(campaign_timeline(self.campaign),
                      tr("The campaign's phases, hot events, activities by kind and engagements "
                         "on one time axis"))

    def grid(self) -> pd.DataFrame:
        return build_grid(self.campaign, self.as_of)

    def grid_table(self) -> Html:
        return table(self.grid(), caption=tr("The paper's appendix grid, generated from the record"),
                     fold_after=12, links=self.links)

    @property
    def links(self) -> EvidenceLinks:
        """Evidence as links to record.html, written beside the report by `evalkit run`."""
        if not hasattr(self, "_links"):
            self._links = EvidenceLinks(
                (self.campaign.path / "campaign.yaml").read_text(encoding="utf-8"))
        return self._links

    @property
    def evaluation(self) -> Evaluation:
        if not hasattr(self, "_evaluation"):
            self._evaluation = Evaluation(self.campaign, self.as_of)
        return self._evaluation

    def question(self, number: int) -> Html:
        """One question's section: verdict, findings, chart, indicators, criteria."""
        q = self.evaluation.questions[number]
        parts = [STYLE, verdict_block(q)]
        if q.findings:
            findings = tr("Findings")
            parts.append(f"<p><strong>{esc(findings)}</strong></p>" + bullets(
                (localized(f.text) + (f" [{capped(', '.join(f.evidence))}]" if f.evidence else "")
                 for f in q.findings), self.links))
        parts.append(self.chart(number))
        indicators = tr("Indicators")
        note = tr("(computed from the record; evidence names the file and row or entry)")
        parts.append(f"<p><strong>{esc(indicators)}</strong> {esc(note)}</p>")
        parts.append(table(q.summary(), links=self.links))
        how = tr("How the verdict was reached")
        parts.append(f"<p><strong>{esc(how)}</strong></p>")
        parts.append(table(q.criteria_table(), links=self.links))
        parts.append(self.series_section(number))
        return Html('<div class="evalkit">' + "".join(parts) + "</div>")

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
        parts = [f"<h3>{esc(title)}</h3>",
                 paragraph(tr(
                     "From series.csv. The statistics below are evidence beside the counts "
                     "above; they do not change the verdict, and a change that follows the "
                     "launch in time is not by itself proof that the campaign caused it."))]
        for a in mine:
            launch = str(a.launch.date()) if a.launch is not None else tr("not recorded")
            parts.append(f"<h4>{esc(a.metric)}</h4>" + paragraph(
                tr("{points} observations, {first} to {last}; launch {launch}.").format(
                    points=a.points, first=a.first.date(), last=a.last.date(), launch=launch)))
            label = tr("Counterfactual: what the series would have been without the campaign")
            parts.append(f"<p><strong>{esc(label)}</strong></p>")
            cf = a.counterfactual
            if cf is None:
                parts.append(paragraph(tr("Not computed: {reason}.").format(
                    reason=localized(a.counterfactual_problem))))
            else:
                parts.append(bullets(cf.sentences()))
                if len(cf.candidates) > 1:
                    label = tr("The models the pre-period chose between: how well each "
                               "predicted it one step ahead (log score, higher is better) and "
                               "its weight in the forecast")
                    parts.append(f"<p>{esc(label)}</p>")
                    parts.append(table(cf.model_choice().round(3)))
                parts.append(figure(cf.plot(), tr("{metric}: observed and counterfactual, "
                                                  "pointwise and cumulative effect").format(
                                                      metric=a.metric)))
                effects = cf.effects().rename_axis("measure").reset_index()
                parts.append(table(effects.round(4)))
                label = tr("Sensitivity: the average effect under other model settings")
                parts.append(f"<p>{esc(label)}</p>")
                parts.append(table(cf.sensitivity().round(4)))
            label = tr("Interrupted time series around the launch and hot events")
            parts.append(f"<p><strong>{esc(label)}</strong></p>")
            if a.its is None:
                parts.append(paragraph(tr("Not computed: {reason}.").format(
                    reason=localized(a.its_problem))))
            else:
                parts.append(paragraph(tr("Model: {model}.").format(model=localized(a.its_model))))
                parts.append(bullets(a.its.sentences() + a.robust_sentences()))
                parts.append(figure(a.its.plot(), tr("{metric}: interrupted time series").format(
                    metric=a.metric)))
                parts.append(table(a.its.effects().round(4)))
        return Html('<div class="evalkit">' + "".join(parts) + "</div>")

    def chart(self, number: int) -> Html:
        """The question's chart as it describes it: HTML bars for counts and ladders, a
        sentence when there is nothing to draw, else its matplotlib figure."""
        q = self.evaluation.questions[number]
        spec = q.chart()
        if spec is None:
            return figure(q.plot(), tr(q.question))
        if isinstance(spec, str):
            return paragraph(spec)
        return Html("".join(draw(s) for s in (spec if isinstance(spec, list) else [spec])))

    def questions(self) -> Html:
        """Every question's section, in the evaluation's order."""
        return Html("".join(question_section(q) + self.question(n)
                            for n, q in self.evaluation.questions.items()))

    def verdicts_table(self) -> Html:
        rows = pd.DataFrame([(n, tr(q.question), q.verdict.level, q.verdict.confidence or "",
                              tr("{met} of {judgeable} judgeable ({total} in all)").format(
                                  met=q.verdict.met, judgeable=q.verdict.judgeable,
                                  total=q.verdict.total))
                             for n, q in self.evaluation.questions.items()],
                            columns=["#", "question", "verdict", "confidence", "criteria met"])
        return table(rows)

    def timing_table(self) -> Html:
        rows = pd.DataFrame([(t.phase.name, t.role, t.timing,
                              {True: "yes", False: "no", None: N_("not a launch") if not t.is_launch
                               else "cannot tell"}[t.reactive],
                              t.sentence()) for t in self.evaluation.timing],
                            columns=["phase", "role", "timing", "reactive launch",
                                     "computed from the dates"])
        return table(rows)

    def checklist_table(self) -> Html:
        order = {FIRES: 0, "does not fire": 1, CANNOT: 2}
        rows = sorted(self.evaluation.checklist, key=lambda r: (order[r.status], r.rule.kind != "weakness"))
        frame = pd.DataFrame([(r.rule.id, r.rule.kind, r.rule.group,
                               self.evaluation.rule_text(r.rule), r.status,
                               joined("; ", r.evidence),
                               ", ".join(map(str, r.rule.recommendations)))
                              for r in rows],
                             columns=["rule", "kind", "group", "the paper's point", "result",
                                      "evidence", "recommendations"])
        found = frame[frame["result"] == FIRES]
        rest = frame[frame["result"] != FIRES]
        other = tr("The {count} other rules (do not fire, or cannot be judged from the "
                   "record)").format(count=len(rest))
        return Html(table(found, links=self.links) + (
            f'<div class="evalkit"><details><summary>{esc(other)}</summary>'
            + table(rest, links=self.links) + "</details></div>"
            if len(rest) else ""))

    def recommendations_list(self) -> Html:
        recs = self.evaluation.recommendations()
        if not recs:
            return paragraph(tr("No weakness in the checklist fired, so no recommendation is "
                                "called for."))
        return bullets(f"{n}. {localized(text)} " + tr("(because of {rules})").format(
            rules=", ".join(why)) for n, text, why in recs)

    def sources_table(self) -> Html:
        rows = pd.DataFrame([(s.id, s.citation, s.url or "") for s in self.campaign.record.sources],
                            columns=["id", "citation", "url"])
        return table(rows)


class ComparativeReport:
    """The comparative report, built from `results.json` files only."""

    def __init__(self, results_dir: str, campaigns: str = "", lang: str = "en"):
        from evalkit import comparison
        set_language(lang)
        self.c = comparison
        ids = [i.strip() for i in campaigns.split(",") if i.strip()] or None
        self.results = comparison.load_results(project_path(results_dir), ids)
        for r in self.results:  # their sentences, to show in this report's language
            remember(r.messages)

    def title(self) -> Html:
        names = ", ".join(self.c._name(r) for r in self.results)
        said = tr("{count} campaigns: {names} — from their results.json files; no evaluation "
                  "is re-run here.").format(count=len(self.results), names=names)
        title = tr("Comparing campaigns")
        return Html(f'<div class="evalkit"><h1>{esc(title)}</h1>'
                    f'<p class="muted">{esc(said)}</p></div>')

    section = staticmethod(section)  # the templates call report.section(key)

    def summary(self) -> Html:
        items = "".join(f"<li>{esc(localized(line))}</li>"
                        for line in self.c.summary_lines(self.results))
        summary, title = tr("Summary"), heading(N_("In a few lines"))
        return Html(f'<div class="evalkit">{STYLE}<section class="summary" aria-label="'
                    f'{attr(summary)}">{title}<ul>{items}</ul></section></div>')

    def grid_table(self) -> Html:
        return table(self.c.grid_side_by_side(self.results), fold_after=12)

    def verdicts(self) -> Html:
        v = self.c.verdicts(self.results)
        wide = v.pivot(index="question", columns="campaign", values="verdict")[
            [self.c._name(r) for r in self.results]].reset_index()
        from evalkit.render.charts import verdict_heatmap
        return Html(figure(verdict_heatmap(self.results), tr("verdicts heat map"))
                    + table(wide))

    def mobilisation(self) -> Html:
        rates = self.c.international_stand_rates(self.results)
        parts = [table(rates[["campaign", "window", "weeks", "count", "per week"]])]
        trend = self.c.stand_rate_trend(self.results)
        if trend is None:
            parts.append(paragraph(tr("Fewer than two counted international stand figures: no "
                                      "trend can be tested.")))
        else:
            parts.append(bullets(trend.sentences()))
            parts.append(figure(trend.plot(trend_line=False), tr("stands per week")))
        return Html("".join(parts))

    def fragmentation(self) -> Html:
        return table(self.c.fragmentation(self.results))

    def partner_reuse(self) -> Html:
        """Shown only when some records say which campaign they follow (`follows`)."""
        links = self.c.partner_reuse(self.results)
        if links.empty:
            return Html("")
        return Html('<div class="evalkit">' + heading(N_("Did each campaign build on the last?"))
                    + paragraph(tr("Partners and coalition members shared along the sequence "
                                   "the records give (each record's follows field)."))
                    + table(links) + "</div>")

    def reach_and_outcome(self) -> Html:
        return table(self.c.reach_against_outcome(self.results))

    def launches(self) -> Html:
        return table(self.c.launches(self.results))

    def mix(self) -> Html:
        return Html(table(self.c.mix_against_attainment(self.results))
                    + figure(self.c.mix_plot(self.results), tr("activity mix")))

    def replication(self) -> Html:
        """The paper's claims, only when the paper's own campaigns are compared."""
        paper = self.c.paper_results(self.results)
        if not paper:
            return Html("")
        t = self.c.replication_table(self.results)
        counts = t["result"].value_counts()
        said = tr("Of {claims} claims of the paper: {agree} agree with what evalkit computed, "
                  "{disagree} disagree, {cannot} cannot be computed from the records.").format(
            claims=len(t), agree=counts.get("agrees", 0), disagree=counts.get("disagrees", 0),
            cannot=counts.get("cannot be computed", 0))
        others = [self.c._name(r) for r in self.results if r not in paper]
        intro = tr("Each claim of the paper (its cross-campaign findings and each case's "
                   "judgements) beside what evalkit computed from the records of the paper's "
                   "campaigns.")
        if others:
            intro += " " + tr("Not from {others}, which the paper does not discuss.").format(
                others=", ".join(others))
        intro += " " + tr(
            "'Disagrees' means evalkit's numbers do not support the claim as stated; 'cannot "
            "be computed' means the records lack what the claim needs. Attainment judgements "
            "are the evaluator's, recorded with the paper's evidence — agreement there is "
            "consistency, not independent confirmation.")
        t = t.assign(**{"the paper says": t["the paper says"].map(tr)})
        return Html('<div class="evalkit">' + heading(N_("Replicating the paper"))
                    + paragraph(intro) + paragraph(said, "verdict") + table(t) + "</div>")
