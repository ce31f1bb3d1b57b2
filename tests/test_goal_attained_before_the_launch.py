"""A goal attained before the campaign began is not the campaign's achievement (trial 9, H3:
noise monitors installed two months before the launch counted among the interim goals
achieved, and lifted question 3 from Fair to Good with high confidence; their time from the
launch read "0–-46 days"). Question 3 scores it as not achieved by the campaign and says
why, question 5 takes it as no outcome of the tactics, and `evalkit validate` warns at the
judgement."""

from __future__ import annotations

import evalkit
from conftest import small_record
from evalkit.evaluation.goals import GoalAttainment
from evalkit.i18n import localized


def _goal(id, level, attained, as_of="2020-03"):
    judgement = {
        "attainment": "achieved",
        "as_of": as_of,
        "evidence": "seen",
        "judged_by": "tester",
        "source": "s",
    }
    if attained:
        judgement["attained"] = attained
    return {
        "id": id,
        "level": level,
        "horizon": "short" if level == "interim" else "long",
        "text": f"Goal {id}.",
        "judgements": [judgement],
        "source": "s",
    }


def _goals(early_attained):
    """The main goal achieved in the phase; interim goal a not achieved, b achieved in the
    phase, c achieved at `early_attained` (the phase starts 2020-01-01)."""
    main = _goal("main", "main", "2020-03")
    a = dict(_goal("a", "interim", None), judgements=[])
    a["judgements"] = [
        {
            "attainment": "not_achieved",
            "as_of": "2020-03",
            "evidence": "no",
            "judged_by": "t",
            "source": "s",
        }
    ]
    return [main, a, _goal("b", "interim", "2020-02"), _goal("c", "interim", early_attained)]


def _interim_criterion(q):
    return next(c for c in q.criteria if c.name.startswith("Most interim goals"))


def test_an_interim_goal_attained_before_the_launch_is_not_counted_as_achieved(tmp_path):
    early = GoalAttainment(small_record(tmp_path, goals=_goals("2019-11")))
    (tmp_path / "small").rename(tmp_path / "early")
    later = GoalAttainment(small_record(tmp_path, goals=_goals("2020-02")))
    # attained in the campaign: 2 of 3 achieved, "most" met; attained before it: 1 of 3
    assert _interim_criterion(later).met is True
    crit = _interim_criterion(early)
    assert crit.met is False
    assert "1 of them attained before the campaign began" in str(crit.because)
    said = {str(n): str(v) for n, v, _ in early.indicators}
    assert said["Attained before the campaign began: Goal c"] == (
        "judged achieved as of 2020-03, but attained 2019-11, before the launch (2020-01-01): "
        "the campaign cannot have brought it about, so it is not counted"
    )
    # no time from the launch to an attainment before it (was "0–-31 days")
    assert not any("to attainment: Goal c" in n for n in said)
    assert any("to attainment: Goal b" in n for n in said)
    arabic = " ".join(localized(v, "ar") for _, v, _ in early.indicators)
    assert "قبل الانطلاق" in arabic and "before the launch" not in arabic


def test_a_main_goal_attained_before_the_launch_is_said_not_counted(tmp_path):
    goals = _goals("2020-02")
    goals[0] = _goal("main", "main", "2019-06")
    q = GoalAttainment(small_record(tmp_path, goals=goals))
    main = next(c for c in q.criteria if c.name == "Main goal achieved at least in part")
    assert main.met is False
    assert "not counted: attained before the campaign began" in str(main.because)


def test_a_deadline_for_a_goal_attained_before_the_launch_is_not_the_campaigns(tmp_path):
    goals = _goals("2020-02")
    goals[0] = dict(_goal("main", "main", "2019-06"), deadline="2019-12")
    q = GoalAttainment(small_record(tmp_path, goals=goals))
    c = q.criterion("main_goal_on_time")
    # neither met nor missed by the campaign, and not put down to the record's own acts
    assert c.met is None
    because = str(c.because)
    assert "not the campaign's to claim: attained 2019-06, before the campaign began" in because
    assert "acts go against" not in because


def test_validate_warns_at_a_judgement_attained_before_the_launch(tmp_path):
    small_record(tmp_path, goals=_goals("2019-11"))
    campaign, problems = evalkit.check_record(tmp_path / "small")
    assert problems == []
    [w] = [w for w in campaign.warnings if "before the campaign" in str(w.message)]
    assert w.field == "goals[3].judgements[0].attained"
    assert w.line is not None
    assert "attained 2019-11: before the campaign's first phase started (2020-01-01)" in str(
        w.message
    )
