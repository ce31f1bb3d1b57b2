"""One as-of cut for the whole evaluation (issue 19 item 1): a campaign judged as of a date
is the campaign as it stood then — no section of results.json or of the report cites a row,
count or event dated after it."""

import html
import json
import re
from datetime import date

import pandas as pd
import pytest

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.record.asof import NotBegun, cut_as_of
from evalkit.run.pipeline import evaluate
from conftest import CASE_STUDIES, ROOT, act, small_record

RECORDS = ROOT / "tests" / "records"
REF = re.compile(r"\b(activities|metrics|engagements|decisions)\.csv:(\d+)")


def _late_rows(campaign, text: str, day: date) -> list[str]:
    """Every table row `text` cites that the dates do not put wholly on or before `day`
    (a clipped activity may run to the day itself)."""
    frames = {
        "activities": campaign.activities,
        "metrics": campaign.metrics,
        "engagements": campaign.engagements,
        "decisions": campaign.decisions,
    }
    late = []
    for table, row in set(REF.findall(text)):
        frame = frames[table]
        hit = frame[frame["row"] == int(row)]
        assert len(hit) == 1, f"{table}.csv:{row} cited but not in the record"
        start, end = hit.iloc[0]["date_start"].date(), hit.iloc[0]["date_end"].date()
        if (start if table == "activities" else end) > day:
            late.append(f"{table}.csv:{row} ({hit.iloc[0]['date']})")
    return sorted(late)


@pytest.mark.parametrize(
    "record,as_of,after",
    [
        # the treaty campaign the day before the Ottawa conference opened: the treaty, its
        # signature and the Nobel prize lie ahead
        (
            "icbl-mine-ban",
            "1996-09-30",
            ["The Mine Ban Treaty signed in Ottawa", "Nobel Peace Prize awarded"],
        ),
    ],
)
def test_no_section_cites_a_row_count_or_event_after_the_as_of_date(tmp_path, record, as_of, after):
    folder = RECORDS / record
    day = date.fromisoformat(as_of)
    out = evaluate(folder, tmp_path, as_of=as_of)
    assert out.status == "ok", out.describe()
    results = (tmp_path / record / "results.json").read_text(encoding="utf-8")
    page = (tmp_path / record / "evaluation.html").read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)  # the stylesheet's comments
    campaign = evalkit.load_campaign(folder)
    data = json.loads(results)
    for key in (
        "questions",
        "checklist",
        "recommendations",
        "grid",
        "facts",
        "goals",
        "launch_timing",
    ):
        section = json.dumps(data[key], ensure_ascii=False)
        assert _late_rows(campaign, section, day) == [], key
        for words in after:
            assert words not in section, (key, words)
    assert _late_rows(campaign, page, day) == []
    for words in after:  # record.html beside the report shows the whole record, as written
        assert words not in page
    assert (data["as_of_cut"]["engagements"], data["as_of_cut"]["hot_events"]) == (2, 1)


def test_the_cut_is_made_once_before_any_question(tmp_path):
    c = evalkit.load_campaign(RECORDS / "icbl-mine-ban")
    ev = Evaluation(c, date(1996, 9, 30))
    assert ev.campaign.as_of == date(1996, 9, 30)
    assert all(q.campaign is ev.campaign for q in ev.questions.values())
    assert (ev.campaign.engagements["date_end"].dt.date <= date(1996, 9, 30)).all()
    assert [p.id for p in ev.campaign.record.phases] == ["coalition"]


def test_a_phase_running_past_the_date_ends_on_it_and_an_activity_window_is_clipped(tmp_path):
    c = small_record(
        tmp_path,
        activities=[
            act("early", date="2020-01-10"),
            act("window", date="2020-01..2020-03", events="more than 30"),
            act("vague", date="2020-02"),  # any day of February: maybe after the 10th
            act("late", date="2020-03-01"),
        ],
    )
    cut = cut_as_of(c, date(2020, 2, 10))
    assert list(cut.activities["id"]) == ["early", "window"]
    window = cut.activities.set_index("id").loc["window"]
    assert window["date"] == "2020-01..2020-02-10" and pd.isna(window["events"])
    assert cut.record.phases[0].end.text == "2020-02-10"
    assert cut.cut["activities"] == 2 and cut.cut["activities_clipped"] == 1
    assert list(c.activities["id"]) == ["early", "window", "vague", "late"]  # not touched


def test_a_count_over_a_window_running_past_the_date_is_left_out_not_scaled(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            "2020-01..2020-03,signatures,more than 9000,,,,,,,,s",
            "2020-01,signatures,more than 3000,,,,,,,,s",
        ],
    )
    cut = cut_as_of(c, date(2020, 2, 15))
    assert list(cut.metrics["row"]) == [3]


def test_a_campaign_judged_before_it_began_is_a_clear_error(tmp_path):
    c = small_record(tmp_path)
    with pytest.raises(NotBegun, match="had not begun"):
        cut_as_of(c, date(2019, 6, 1))


def _shown(page) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", str(page)))
    return " ".join(text.replace("\u2068", "").replace("\u2069", "").split())


NOTICE = (
    "the record's free text (cause, summary, notes, descriptions), its sources and what it "
    "does not date (an audience's reach, a coalition's size, hashtags and accounts without a "
    "date, by name) are as the evaluator wrote them and may describe later events; the totals "
    "of hashtags and accounts still running on the date are left out; sources published "
    "after the date are marked"
)
LATER = "published after the as-of date (the date in the citation)"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_as_of_report_says_its_words_and_sources_may_be_later_and_marks_later_sources(lang):
    """The cut drops dated rows; the free text and the sources stay as written (a later
    source may describe earlier facts): the report says so beside the as-of date and marks
    each source published after it (new-user trial, Bring Back Our Girls)."""
    from evalkit.i18n import tr
    from evalkit.render.report import CampaignReport

    report = CampaignReport(str(RECORDS / "icbl-mine-ban"), "1996-09-30", lang)
    title, sources = _shown(report.title()), _shown(report.sources_table())
    notice, later = tr(NOTICE), tr(LATER)
    assert notice != NOTICE or lang == "en"
    assert "1996-09-30 · " + notice in title
    # "The Nobel Peace Prize 1997, nobelprize.org": after; the two Wikipedia pages, undated,
    # are not marked — and no source is left out
    assert sources.count(later) == 1
    assert later in sources.split("The Nobel Peace Prize 1997, nobelprize.org")[1]
    assert sources.count("Wikipedia") == 2
    whole = CampaignReport(str(RECORDS / "icbl-mine-ban"), None, lang)
    assert notice not in _shown(whole.title())
    assert later not in _shown(whole.sources_table())


def test_a_source_s_published_date_marks_it_and_an_access_date_does_not(tmp_path):
    from evalkit.render.report import CampaignReport

    sources = [
        {"id": "s", "citation": "hand-made test record, 2019"},
        {"id": "late", "citation": "a later report", "published": "2020-05"},
        {"id": "same-month", "citation": "a report", "published": "2020-02"},
        {"id": "web", "citation": "a web page (accessed 2026)"},
        {"id": "cited", "citation": "BBC News, 'Freed', 7 May 2020"},
    ]
    c = small_record(tmp_path, sources=sources)
    shown = _shown(CampaignReport(str(c.path), "2020-02-15").sources_table())
    assert "2020-05 · published after the as-of date" in shown
    assert "2020-02 · published after" not in shown
    assert shown.count("published after the as-of date") == 2
    assert LATER in shown.split("7 May 2020")[1]
    assert all(s["citation"] in shown for s in sources)


def test_an_as_of_report_says_the_undated_facts_it_keeps_may_be_later():
    """An audience's reach is not dated: the cut keeps it, and the report says it may describe
    a later time than the report's date (the trial: 'reached: partly' from 2023 in a 2022
    report, unsaid)."""
    from evalkit.render.report import CampaignReport

    [(_, said)] = CampaignReport(str(CASE_STUDIES / "caesar"), as_of="2016")._cut_row()
    assert "kept as the record states them, though they may describe a later time" in said
    assert "an audience's reach" in said
    assert CampaignReport(str(CASE_STUDIES / "caesar"))._cut_row() == []


def test_an_account_active_after_the_date_was_active_on_it_never_an_end_not_recorded(tmp_path):
    # trial 11, M5: accounts active to 2020-06 said "no end of activity recorded" as of March
    accounts = [
        {
            "platform": "twitter",
            "name": "@on",
            "active_to": "2020-06-30",
            "language": "en",
            "source": "s",
        },
        {
            "platform": "twitter",
            "name": "@march",
            "active_to": "2020-03",
            "language": "en",
            "source": "s",
        },
        {
            "platform": "twitter",
            "name": "@early",
            "active_to": "2020-01-15",
            "language": "en",
            "source": "s",
        },
    ]
    c = small_record(tmp_path, media_tools={"accounts": accounts})
    cut = cut_as_of(c, date(2020, 3, 10))
    ends = {
        a.name: a.active_to.text if a.active_to else None for a in cut.record.media_tools.accounts
    }
    # certainly after the day: active on it; any day of March: not known by the 10th
    assert ends == {"@on": "2020-03-10", "@march": None, "@early": "2020-01-15"}
    q2 = Evaluation(c, date(2020, 3, 10)).questions[2]
    assert [a.name for a in q2.silent] == ["@early"]
    assert [a.name for a in q2.activity_unrecorded] == ["@march"]
