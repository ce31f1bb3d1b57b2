"""A goal whose judgement is `attainment: unknown` has a judgement, one that says its
attainment is not known (trial 6, M3): the report said "unknown (as of 2023)" and one line
later "has no attainment judgement"; question 3 counted an interim goal judged unknown among
those "not judged"."""

from __future__ import annotations

import re

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import set_language
from evalkit.render.report import CampaignReport


def _goal(gid, level, attainment=None):
    goal = {
        "id": gid,
        "level": level,
        "horizon": "long" if level == "main" else "short",
        "text": f"Goal {gid}.",
        "decision_makers": ["UN Security Council"],
        "source": "s",
    }
    if attainment:
        goal["judgements"] = [
            {
                "attainment": attainment,
                "as_of": "2023",
                "evidence": "The case was still pending.",
                "judged_by": "tester",
                "source": "s",
            }
        ]
    return goal


def _lines(folder, lang="en") -> list[str]:
    html = str(CampaignReport(str(folder), lang=lang).summary())
    set_language("en")
    return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", html, re.S)]


def test_a_main_goal_judged_unknown_is_said_judged_unknown_not_unjudged(tmp_path):
    campaign = small_record(
        tmp_path, activities=[act("a1")], goals=[_goal("main", "main", "unknown")]
    )
    verdict = Evaluation(campaign).questions[3].verdict
    assert verdict.level == "insufficient evidence"
    assert str(verdict.sentence()) == (
        "Insufficient evidence: the main goal, the measure of success, has its attainment "
        "judged unknown (Goal main: unknown as of 2023), so the goals cannot be rated."
    )
    lines = " ".join(_lines(tmp_path / "small"))
    assert "Main goal: Goal main — unknown (as of 2023)." in lines
    assert "has no attainment judgement" not in lines
    assert "has its attainment judged unknown" in lines
    arabic = re.sub("[\u2066-\u2069]", "", " ".join(_lines(tmp_path / "small", "ar")))
    assert "حُكم على تحققه بأنه غير معروف (Goal main: غير معروف حتى 2023)" in arabic
    assert "لا حكم على تحققه" not in arabic


def test_a_main_goal_with_no_judgement_is_still_said_unjudged(tmp_path):
    campaign = small_record(tmp_path, activities=[act("a1")], goals=[_goal("main", "main")])
    sentence = str(Evaluation(campaign).questions[3].verdict.sentence())
    assert sentence == (
        "Insufficient evidence: the main goal, the measure of success, has no attainment "
        "judgement as of the report's date."
    )


def test_an_interim_goal_judged_unknown_is_not_counted_among_the_unjudged(tmp_path):
    goals = [
        _goal("main", "main", "partly"),
        _goal("i1", "interim", "achieved"),
        _goal("i2", "interim", "unknown"),
        _goal("i3", "interim"),
    ]
    campaign = small_record(tmp_path, activities=[act("a1")], goals=goals)
    c = Evaluation(campaign).questions[3].criterion("interim_goals_partly")
    assert c.met is None
    assert str(c.because) == (
        "1 of 1 judged; 1 more interim goal with its attainment judged unknown; "
        "1 more interim goal not judged"
    )
    assert re.sub("[\u2066-\u2069]", "", c.because.translated("ar")) == (
        "1 من 1 محكوم عليها؛ وهدف مرحلي آخر حُكم على تحققه بأنه غير معروف؛ وهدف مرحلي آخر بلا حكم"
    )
