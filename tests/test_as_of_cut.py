"""One as-of cut for the whole evaluation (issue 19 item 1): a campaign judged as of a date
is the campaign as it stood then — no section of results.json or of the report cites a row,
count or event dated after it."""

import json
import re
from datetime import date

import pandas as pd
import pytest

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.record.asof import NotBegun, cut_as_of
from evalkit.run.pipeline import evaluate
from conftest import ROOT, act, small_record

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
