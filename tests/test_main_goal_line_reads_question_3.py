"""The report's first line states a main goal's judgement as question 3 reads it (trial 5, F5).

"In five lines" said "Main goal: … — partly achieved" while question 3 did not count that
judgement (the record's own acts go against it) and withheld its verdict: the reader who
stops at the first line took "partly achieved" as the finding. Every place that states the
judgement reads it one way (goals.counted, results.json `counted`)."""

from __future__ import annotations

import re

import pytest

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import set_language
from evalkit.render.report import CampaignReport
from evalkit.results.build import campaign_results

GOAL = {
    "id": "main",
    "level": "main",
    "horizon": "long",
    "text": "The council revokes the licence.",
    "decision_makers": ["Water Authority", "AquaFonte"],
    "source": "s",
    "judgements": [
        {
            "attainment": "partly",
            "as_of": "2020-03-31",
            "evidence": "The board voted to review the licence.",
            "judged_by": "tester",
            "source": "s",
        }
    ],
}
# the authority's partial concession, then the company's statement against the ask: the
# company's is the last act, and nothing for the ask came after it (the trial's boycott)
ACTS = [
    "2020-02-10,Board,Water Authority,vote,partial,rejected,votes to review the licence,s",
    "2020-03-10,AquaFonte,AquaFonte,statement,against,,keeps full production,s",
]


def _lines(folder, lang="en") -> list[str]:
    html = str(CampaignReport(str(folder), lang=lang).summary())
    set_language("en")
    return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", html, re.S)]


@pytest.fixture
def contradicted(tmp_path):
    """(the campaign, its folder): the main goal judged partly, the record's acts against."""
    campaign = small_record(tmp_path, activities=[act("a1")], goals=[GOAL], decisions=ACTS)
    return campaign, tmp_path / "small"


def test_the_main_goal_line_says_a_judgement_question_3_does_not_count(contradicted):
    campaign, folder = contradicted
    ev = Evaluation(campaign)
    assert ev.questions[3].verdict.level == "insufficient evidence"
    assert [g["counted"] for g in campaign_results(campaign)["goals"]] == [False]
    first = _lines(folder)[0]
    assert first == (
        "Main goal: The council revokes the licence — partly achieved (not counted: the "
        "record&#39;s own acts go against it) (as of 2020-03-31)."
    )
    # question 3's criteria on the main goal say it too, as they cannot be judged, and so
    # does its indicator of the goal
    c = ev.questions[3].criterion("main_goal_partly")
    assert c.met is None and "not counted" in str(c.because)
    (value,) = [
        str(v)
        for label, v, _ in ev.questions[3].indicators
        if str(label) == "Main goal, long term: The council revokes the licence."
    ]
    assert value == (
        "partly achieved (not counted: the record's own acts go against it) (as of "
        "2020-03-31; tester)"
    )


def test_the_arabic_main_goal_line_says_it_too(contradicted):
    first = _lines(contradicted[1], "ar")[0]
    assert "تحقق جزئياً (لا يُحتسب: تناقضه أفعال مسجلة في السجل نفسه)" in first


def test_a_judgement_question_3_counts_is_said_as_it_is(tmp_path):
    # the company's statement for the ask after the authority's: nothing goes against it
    small_record(
        tmp_path,
        activities=[act("a1")],
        goals=[GOAL],
        decisions=[ACTS[0], ACTS[1].replace("statement,against,,keeps", "statement,for,,ends")],
    )
    first = _lines(tmp_path / "small")[0]
    assert first == (
        "Main goal: The council revokes the licence — partly achieved (as of 2020-03-31)."
    )
