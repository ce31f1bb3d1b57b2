"""What a new reader meets in a report (issue 17, 'reports for people'): counts said in the
form their number takes, words instead of the record format's codes, evidence of every table
a link, one list marker, the campaign's own name first in its language — checked on the
text of real reports of the test records, in English and in Arabic."""

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from evalkit.cli import main

RECORDS = ROOT / "tests" / "records"
# decisions.csv (you-stink), many vocabulary values and a long span (control-arms-att)
READER_RECORDS = ["you-stink-2015", "control-arms-att"]


@pytest.fixture(scope="module", params=["en", "ar"])
def reader_reports(request, tmp_path_factory) -> tuple[str, Path]:
    """`evalkit run` of the reader records in one language: (lang, output folder)."""
    lang = request.param
    out = tmp_path_factory.mktemp(f"reader-{lang}")
    result = CliRunner().invoke(
        main,
        ["run", *(str(RECORDS / r) for r in READER_RECORDS), "--out", str(out)]
        + ["--lang", lang, "--jobs", "2", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    return lang, out


def visible(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<(td|th|li|p|h\d|div|tr|figcaption|summary|title)\b", r" ¶ <\1", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    return re.sub(r"\s+", " ", text.replace("\u2068", "").replace("\u2069", ""))


def _page(out: Path, record: str, name: str = "evaluation.html") -> str:
    return (out / record / name).read_text(encoding="utf-8")


# --- evidence of every table is a link -------------------------------------------------------


def test_every_table_of_the_record_format_has_its_rows_linked():
    from evalkit.record.load import RECORD_FILES
    from evalkit.render.page import EvidenceLinks

    tables = [f for f in RECORD_FILES if f.endswith(".csv")]
    assert {"activities.csv", "decisions.csv", "series.csv"} <= set(tables)
    out = EvidenceLinks()("; ".join(f"{t}:2" for t in tables))
    for t in tables:
        assert f'<a class="evidence" href="record.html#{t}:2">{t}:2</a>' in out, t


def test_every_row_a_report_cites_is_a_link_to_an_anchor_of_the_record_page(reader_reports):
    _, out = reader_reports
    for record in READER_RECORDS:
        page, rendered = _page(out, record), _page(out, record, "record.html")
        linked = re.findall(r'<a class="evidence" href="record.html#([\w.]+:\d+)">', page)
        assert any(a.startswith("decisions.csv:") for a in linked)  # both have decisions
        for anchor in linked:
            assert f'id="{anchor}"' in rendered, anchor
        # no row reference is left as plain text: each one's text is inside a link
        bare = re.sub(r'<a class="evidence"[^>]*>[^<]*</a>', "", page)
        assert not re.findall(r"\b\w+\.csv:\d+", visible(bare)), record


# --- the overview's counts ------------------------------------------------------------------


def _overview(record, as_of, lang) -> str:
    from evalkit.render.report import CampaignReport

    return visible(str(CampaignReport(str(record), as_of, lang).overview()))


def test_recorded_counts_include_decision_makers_own_acts_when_there_are_some():
    text = _overview(RECORDS / "you-stink-2015", "", "en")
    assert "Recorded ¶ 11 activities, 8 metrics, 0 decision-maker engagements, 6 acts of" in text
    assert "acts of decision makers" not in _overview(RECORDS / "kony-2012", "", "en")
    ar = _overview(RECORDS / "you-stink-2015", "", "ar")
    # none said as none («لا تواصل»), never a digit before a singular noun («0 تواصل»)
    assert "11 نشاطاً، 8 مقاييس، لا تواصل مع صنّاع القرار، 6 إجراءات لصنّاع القرار" in ar


def test_what_the_as_of_cut_left_out_is_counted_in_the_form_each_number_takes():
    """One activity, two decisions, one judgement and one phase left out or cut."""
    en = _overview(RECORDS / "you-stink-2015", "2015-09", "en")
    assert (
        "1 activity, 2 decisions, 1 judgement dated after 2015-09-30, or that may be; "
        "running on that date, cut to end on it: 1 phase"
    ) in en
    ar = _overview(RECORDS / "you-stink-2015", "2015-09", "ar")
    assert "نشاط واحد، قراران، حكم واحد" in ar and "مرحلة واحدة" in ar
    assert not re.search(r"\b[12] (?:نشاط|مرحلة|قرار|حكم)", ar)


# --- every count with its noun has plural forms ---------------------------------------------

# words that follow a count without being what it counts ('{n} of {total}', '{n} agree')
_NOT_COUNTED = set(
    "of to in per or from and with over at by than is are was were before after more not "
    "has have the for could cannot took answer agree disagree restate changed judged named "
    "computed trended dated running run instead into among on as its their".split()
)
# a count, up to two words that describe what is counted, then the counted noun in the plural
_COUNTED = re.compile(
    r"\{(\w+)\}((?:\s+(?!\{)[A-Za-z][\w'-]*){0,2}?)\s+"
    r"([A-Za-z][\w-]*(?:[^su\W]s|ies|criteria|people))\b"
)
# a field followed by a plural noun that is not a count, or a count that is never one
NOT_A_COUNT = {
    ("the range {value} runs from high to low; write low..high", "value"): "a verb: it runs",
    (
        "{raw} looks like a spreadsheet's day number, which is {day} ({said}): if that is the "
        "day, write {day} (format the cell as Text, or type the date as YYYY-MM-DD)",
        "raw",
    ): "a verb: it looks",
    (
        "{files}\nRe-run those evaluations, or leave them out of the comparison with "
        "--campaigns (ids separated by commas)",
        "files",
    ): "the files' lines, then a sentence of its own",
    (
        "{event} falls at the same point of the series as {other}: a change found after "
        "{other} is a change after either.",
        "event",
    ): "an event's name",
    ("{low}–{high} years", "high"): "a range of two different numbers is plural",
    ("the record's {level} goals: {ours}; the paper codes {paper}", "level"): "a goal level",
    ("Outcomes that followed {kind} activities in time", "kind"): "an activity kind",
    (
        "{sentence} The interval includes no change: insufficient evidence of an effect.",
        "sentence",
    ): "a sentence",
    (
        "From one count to the next ({labels}) the rate per {unit} changes by a factor of {rr} "
        "({level}% CI {lo} to {hi}; {p}), estimated at the stated counts.",
        "unit",
    ): "a unit of time",
    # model choice is said only between two candidates or more, over a holdout of several points
    (
        "{model} (weight {weight}, chosen by its one-step score on the last {holdout} points of "
        "the pre-period)",
        "holdout",
    ): "said only with several candidates",
    (
        "Why this model: of {n} candidates it best predicted the last {holdout} points of the "
        "pre-period one step ahead, each fitted on the points before (weight {weight}; {others}); "
        "the forecast averages the candidates by these weights.",
        "n",
    ): "two candidates or more",
    (
        "Why this model: of {n} candidates it best predicted the last {holdout} points of the "
        "pre-period one step ahead, each fitted on the points before (weight {weight}; {others}); "
        "the forecast averages the candidates by these weights.",
        "holdout",
    ): "several points",
    ("; the {sheet} sheet's rows name its entries ({rows})", "sheet"): "a sheet's name",
    # 'names' the verb, after a sentence and after a value
    (
        "{said} The act names no goal, and is read against every goal that names its "
        "decision maker: if it answers another goal, write that goal's id in decisions.csv's "
        "goal column ({rows}).",
        "said",
    ): "a sentence",
    (
        "{value} names no metric {of_metrics} and no series {of_series}{meant}; {known}",
        "value",
    ): "a name",
    (
        "{value}: no row {of_metrics} records it, so question 3 cannot compare the goal's "
        "judgement with the record's own count; {known}",
        "of_metrics",
    ): "a place",
    # a question has five criteria or more
    (
        "Insufficient evidence: only {judgeable} of {total} criteria can be judged from the "
        "record (at least {needed} are needed).",
        "total",
    ): "five or more",
}


def singular_only_counts() -> list[str]:
    """Messages without plural forms in which a field is followed by a counted noun."""
    from evalkit.i18n.messages import code_messages, table_messages

    found = []
    for m in sorted(code_messages() | table_messages()):
        for hit in _COUNTED.finditer(m):
            words = hit.group(2).split()
            if any(w in _NOT_COUNTED for w in words) or hit.group(3) in _NOT_COUNTED:
                continue
            if (m, hit.group(1)) not in NOT_A_COUNT:
                found.append(f"{hit.group(0)!r} in {m!r}")
    return found


def test_no_message_says_a_count_with_a_noun_in_one_form_only():
    """'{n} direct activities' must be Msg('{n} direct activity', '{n} direct activities',
    n=…): the form follows the number (Arabic has six)."""
    assert singular_only_counts() == []


def test_the_scan_finds_a_singular_only_count(monkeypatch):
    import evalkit.i18n.messages as messages

    monkeypatch.setattr(
        messages,
        "code_messages",
        lambda: {"{n} direct activities", "{n} of {total} targeted audiences"},
    )
    assert len(singular_only_counts()) == 2


def test_every_exception_to_the_plural_scan_is_a_message_of_the_code():
    from evalkit.i18n.messages import code_messages, table_messages

    messages = code_messages() | table_messages()
    assert [k for k in NOT_A_COUNT if k[0] not in messages] == []


def _counted_report(tmp_path, n: int, lang: str) -> str:
    """The text a reader sees of a small record with `n` of everything counted: lobbying
    activities aimed at the decision makers, engagements, one hashtag with `n` written forms
    and a count of 1 or 2 million uses."""
    from conftest import ENG_HEADER, act, small_record
    from evalkit.render.report import CampaignReport

    tmp_path.mkdir(parents=True, exist_ok=True)
    tags = ["#StopIt", "#stopit"][:n]
    small_record(
        tmp_path,
        activities=[
            act(f"a{i}", kind="lobbying", audience="dm", channel="in_person") for i in range(n)
        ],
        metrics=[f"2020-01,hashtag_uses,more than {n} million,ar,{tags[0]},twitter,,,,,s"],
        engagements=[
            f"2020-02-0{i + 1},UN Security Council,UN,meeting,none,meeting {i},s" for i in range(n)
        ],
        media_tools={
            "hashtags": [
                {"text": t, "language": "ar", "trended": "no", "uses": 1000, "source": "s"}
                for t in tags
            ]
        },
    )
    assert ENG_HEADER
    report = CampaignReport(str(tmp_path / "small"), "", lang)
    return visible(str(report.summary()) + str(report.overview()) + str(report.questions()))


def test_counts_of_one_and_two_take_their_forms_in_a_real_english_report(tmp_path):
    one = _counted_report(tmp_path / "one", 1, "en")
    assert "1 direct activity" in one and "1 direct activities" not in one
    assert "1 distinct of 1 written form" in one and "written forms" not in one
    assert "(1 engagement" in one and "1 engagements" not in one
    assert "more than 1 million hashtag uses" in one
    assert not re.search(
        r"\b1 (?:activities|phases|engagements|metrics|strengths|weaknesses)\b", one
    )
    # spelling variants are one hashtag: an effective number of one, shown whole
    assert "effective number 1 " in one + " " and "1.00" not in one
    two = _counted_report(tmp_path / "two", 2, "en")
    assert "2 direct activities" in two and "(2 engagements" in two
    assert "1 distinct of 2 written forms" in two


def test_counts_of_one_and_two_take_their_forms_in_a_real_arabic_report(tmp_path):
    one = _counted_report(tmp_path / "one", 1, "ar")
    assert "نشاط مباشر واحد" in one and "1 أنشطة" not in one
    assert "(تواصل واحد" in one and "صيغة مكتوبة واحدة" in one
    # after «مليون» the noun is singular: «أكثر من 1 مليون استخدام للوسم»
    assert "مليون استخدام للوسم" in one and "مليون استخدامات" not in one
    # a verdict said of «الأهداف» (feminine plural) agrees through «حكم»: «وحكم الأهداف جيد»
    assert re.search(r"وحكم الأهداف (?:ضعيف جداً|ضعيف|مقبول|جيد|أدلة غير كافية)", one)
    two = _counted_report(tmp_path / "two", 2, "ar")
    assert "نشاطان مباشران" in two and "(تواصلان" in two and "صيغتين مكتوبتين" in two
    # a count of one or two is said in the noun's own form, never as a digit before a plural
    for text in (one, two):
        assert not re.search(r"(?<![\d.,])[12] (?:أنشطة|تواصل|مراحل|نقاط|وسوم|صيغ)", text)


NEEDLESS_DECIMALS = re.compile(r"(?<![\d.])\d+\.0+(?![\d.])")


def test_numbers_are_shown_with_the_precision_that_suits_them(reader_reports):
    """A whole number is shown whole: 'effective number 1', '5 years', never '1.00'."""
    _, out = reader_reports
    for record in READER_RECORDS:
        text = visible(_page(out, record))
        assert [m.group(0) for m in NEEDLESS_DECIMALS.finditer(text)] == [], record


# --- one list marker; source addresses are links ------------------------------------------


def test_a_numbered_recommendation_has_its_number_as_its_one_marker(reader_reports):
    _, out = reader_reports
    css = (ROOT / "evalkit" / "render" / "static" / "evalkit.css").read_text(encoding="utf-8")
    assert re.search(r"ul\.numbered \{list-style: none", css)
    for record in READER_RECORDS:
        page = _page(out, record)
        lists = re.findall(r"<ul( class=\"numbered\")?>(.*?)</ul>", page, re.S)
        numbered = [items for css_class, items in lists if css_class]
        assert numbered, record  # the recommendations
        for css_class, items in lists:
            starts = re.findall(r"<li>\s*(?:<bdi>)?\s*(\d+\.\s)?", items)
            # an item that starts with its number sits in a list without bullets, and back
            assert all(bool(s) == bool(css_class) for s in starts), (record, items[:200])


def test_a_source_address_is_a_link_and_only_a_web_address_is(reader_reports):
    from evalkit import load_campaign

    _, out = reader_reports
    campaign = load_campaign(RECORDS / "control-arms-att")
    page = _page(out, "control-arms-att")
    urls = [s.url for s in campaign.record.sources if s.url]
    assert urls
    for url in urls:
        assert f'<a class="source" href="{html.escape(url)}"' in page, url


def test_an_address_that_is_not_http_stays_text():
    import pandas as pd

    from evalkit.render.report import table

    page = table(
        pd.DataFrame(
            {"url": ["javascript:alert(1)", 'https://example.org/?a=1&b="2"', "ftp://x.org/f"]}
        )
    )
    assert page.count('class="source"') == 1
    assert 'href="https://example.org/?a=1&amp;b=&#34;2&#34;"' in page
    assert "javascript:alert(1)" in page and 'href="javascript' not in page


# --- words, not the record format's codes -------------------------------------------------


def test_an_english_report_shows_words_for_the_record_formats_codes(reader_reports):
    """'armed group', 'executive decision' — the words the Arabic report translates, never
    the codes 'armed_group', 'executive_decision'."""
    from evalkit.i18n.messages import vocabulary

    lang, out = reader_reports
    codes = {w for w in vocabulary() if "_" in w}
    assert {"executive_decision", "armed_group", "coalition_building"} <= codes
    for record in READER_RECORDS:
        text = visible(_page(out, record))
        assert [c for c in sorted(codes) if re.search(rf"\b{c}\b", text)] == [], record
    if lang == "en":
        assert "Council of Ministers: executive decision" in visible(_page(out, "you-stink-2015"))


def test_the_word_function_gives_a_code_its_words_in_english_and_its_translation_in_arabic():
    from evalkit.i18n import Msg, localized, word

    assert word("armed_group", "en") == "armed group" and word("armed_group", "ar") == "جماعة مسلحة"
    assert word("my_record_id", "en") == "my_record_id"  # not a code of the format: as written
    said = Msg("{who} ({kind}): {note}", who="Boko Haram", kind="armed_group", note="x")
    assert localized(said, "en") == "Boko Haram (armed group): x"


# --- audiences and phases by their names ----------------------------------------------------


def test_audiences_and_phases_are_named_never_shown_by_their_ids(reader_reports):
    """The grid, the questions and the checklist name an audience by its description (or
    its segment and region) and a phase by its name: 'nigerian-public' and 'un-process' are
    the record's cross-references, not what a reader is told."""
    from evalkit import load_campaign

    _, out = reader_reports
    for record in READER_RECORDS:
        rec = load_campaign(RECORDS / record).record
        slugs = {a.id for a in rec.audiences} | {p.id for p in rec.phases}
        # an id like 'cabinet' is also a word; a goal's id is its own cross-reference
        slugs = {s for s in slugs if "-" in s} - {g.id for g in rec.goals}
        assert slugs, record
        page = re.sub(r"campaign\.yaml \w+\[[^\]]*\]", " ", _page(out, record))
        text = visible(page)
        assert [s for s in sorted(slugs) if re.search(rf"(?<![\w-]){s}(?![\w-])", text)] == []
        assert any(p.name in text for p in rec.phases)


def test_an_audience_is_named_by_its_description_and_by_its_id_only_without_one():
    from evalkit.evaluation.base import audience_name
    from evalkit.record.schema import Audience

    fields = dict(segment="general_public", tier="primary", region="local", source="s")
    assert audience_name(Audience(id="home", description="People at home", **fields)) == (
        "People at home"
    )
    assert audience_name(Audience(id="home", **fields)) == "home"


# --- the campaign's name in the report's language ---------------------------------------------


def test_a_report_leads_with_the_campaigns_name_in_its_own_language(reader_reports):
    """Title, heading, record page and index: «تقييم: طلعت ريحتكم (You Stink)» in Arabic,
    'Evaluation: You Stink (طلعت ريحتكم)' in English."""
    lang, out = reader_reports
    first, other = ("طلعت ريحتكم", "You Stink") if lang == "ar" else ("You Stink", "طلعت ريحتكم")
    page = _page(out, "you-stink-2015")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    heading = visible(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).strip()
    assert title.endswith(first) and other not in title
    assert heading.index(first) < heading.index(other)
    record = _page(out, "you-stink-2015", "record.html")
    assert re.search(r"<title>(.*?)</title>", record, re.S).group(1).endswith(first)
    index = visible((out / "index.html").read_text(encoding="utf-8"))
    assert first in index


# --- the timeline's date axis -----------------------------------------------------------------


def _date_labels(campaign, lang):
    import matplotlib

    matplotlib.use("agg")
    from evalkit.i18n import set_language
    from evalkit.render.timeline import campaign_timeline

    set_language(lang)
    try:
        fig = campaign_timeline(campaign)
        fig.canvas.draw()
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        return labels, ax.xaxis.get_offset_text().get_text()
    finally:
        set_language("en")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("span", ["two months", "eleven years"])
def test_the_timelines_date_ticks_never_repeat_and_never_show_a_bare_day(tmp_path, lang, span):
    import evalkit
    from conftest import act, small_record

    if span == "two months":  # ticked by days: each tick says its month too
        campaign = small_record(
            tmp_path,
            activities=[act("a1", date="2014-06-20"), act("a2", date="2014-07-15")],
            phases=[
                {
                    "id": "p1",
                    "name": "One",
                    "start": "2014-06-01",
                    "end": "2014-07-31",
                    "source": "s",
                }
            ],
        )
    else:
        campaign = evalkit.load_campaign(RECORDS / "control-arms-att")
    labels, offset = _date_labels(campaign, lang)
    assert len(labels) >= 3, labels
    assert len(set(labels)) == len(labels), labels
    assert all(re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", t) for t in labels), labels
    assert offset == ""
    if span == "two months":
        assert all(re.fullmatch(r"2014-0[678](?:-\d{2})?", t) for t in labels), labels


def test_the_arabic_summary_joins_its_parts_with_the_arabic_semicolon(reader_reports):
    lang, out = reader_reports
    if lang != "ar":
        pytest.skip("the Arabic report's punctuation")
    text = visible(_page(out, "control-arms-att"))
    line = re.search(r"قائمة التحقق: [^¶]*", text).group(0)
    # "…؛ التوصيات 8، 10، 18 تعالجها": the parts joined by the Arabic semicolon and comma
    assert re.search(r"؛ التوصي(?:ة|ات) \d+(?:، \d+)* تعالجها", line), line
    assert ";" not in line and "," not in line


def test_the_word_copy_keeps_a_numbered_recommendation_without_a_bullet(reader_reports):
    """pandoc ignores the page's CSS: a numbered item goes to Word as a paragraph."""
    from evalkit.render.office import _readable_html

    _, out = reader_reports
    page = _readable_html(_page(out, "you-stink-2015"))
    assert 'class="numbered"' not in page
    assert re.search(r"<p>\s*1\. ", page) and not re.search(r"<li>\s*\d+\. ", page)
    assert "<li>" in page  # other lists stay lists


def test_the_workshops_overview_names_the_campaign_in_the_sessions_language():
    import evalkit
    from evalkit.i18n import localized, set_language
    from evalkit.workshop.helpers import overview

    campaign = evalkit.load_campaign(RECORDS / "you-stink-2015")
    set_language("ar")
    try:
        said = localized(overview(campaign), "ar")
    finally:
        set_language("en")
    assert said.startswith("طلعت ريحتكم:") and "11 نشاطاً" in said
    assert localized(overview(campaign), "en").startswith("You Stink: 11 activities")
