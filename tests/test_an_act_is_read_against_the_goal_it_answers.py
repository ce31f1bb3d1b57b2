"""A decision maker's act is read against the judgements of the goals it answers (trial 11,
M1: factory permits reinstated in November "overtook" a petition's April signatures, because
both goals named the ministry). decisions.csv's `goal` column names the goal an act answers;
an act naming no goal is read against every goal naming its decision maker, and where several
do, the finding says how to name the one it answers. An interim goal judged but not counted
is said judged, never "not judged achieved or not"."""

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

HEADER = "date,decision_maker,act,direction,goal,description,source"
ACT = "2020-03-10,UN Security Council,vote,against,{goal},vetoed the plan,s"


def _goal(id, level, attainment, as_of):
    return {
        "id": id,
        "level": level,
        "horizon": "short" if level == "interim" else "long",
        "text": f"Goal {id}.",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [
            {
                "attainment": attainment,
                "as_of": as_of,
                "evidence": "e",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }


def _campaign(tmp_path, goal):
    campaign = small_record(
        tmp_path,
        goals=[
            _goal("plan", "main", "partly", "2020-02"),
            _goal("hearing", "interim", "achieved", "2020-02"),
        ],
    )
    (campaign.path / "decisions.csv").write_text(
        "\n".join([HEADER, ACT.format(goal=goal)]) + "\n", encoding="utf-8"
    )
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    return campaign


def test_an_act_naming_its_goal_is_read_against_that_goal_only(tmp_path):
    q3 = Evaluation(_campaign(tmp_path, "plan")).questions[3]
    assert set(q3.contradicted) == {"plan"}
    said = localized(q3.criterion("interim_goals_partly").because)
    assert said == "1 of 1 judged"
    assert "names no goal" not in " ".join(localized(f.text) for f in q3.contradictions)


def test_an_act_naming_no_goal_goes_against_every_goal_of_its_decision_maker_and_says_so(
    tmp_path,
):
    q3 = Evaluation(_campaign(tmp_path, "")).questions[3]
    assert set(q3.contradicted) == {"plan", "hearing"}
    texts = [localized(f.text) for f in q3.contradictions]
    assert all(
        t.endswith(
            "The act names no goal, and is read against every goal that names its decision "
            "maker: if it answers another goal, write that goal's id in decisions.csv's goal "
            "column (decisions.csv:2)."
        )
        for t in texts
    )
    # judged, but not counted: never "not judged achieved or not"
    c = q3.criterion("interim_goals_partly")
    assert c.met is None
    assert localized(c.because) == (
        "1 interim goal judged, but its judgement not counted (the record itself goes against it)"
    )
    assert "يناقضه السجل نفسه" in localized(c.because, "ar")


def test_an_act_naming_an_unknown_goal_is_an_error_with_the_goals_known(tmp_path):
    campaign = _campaign(tmp_path, "plan")
    (campaign.path / "decisions.csv").write_text(
        "\n".join([HEADER, ACT.format(goal="plam")]) + "\n", encoding="utf-8"
    )
    _, problems = evalkit.check_record(campaign.path)
    assert [(p.line, p.field, str(p.message)) for p in problems] == [
        (2, "goal", "unknown goal 'plam' (did you mean 'plan'?); known goals: hearing, plan")
    ]


def test_an_act_naming_the_goal_is_read_against_it_whoever_took_it(tmp_path):
    # trial 12, H4: a court's ruling against the plan, naming the goal, was ignored because
    # the goal lists only the Security Council as its decision maker
    campaign = _campaign(tmp_path, "plan")
    court = "2020-03-10,Supreme Court,vote,against,plan,struck the plan down,s"
    (campaign.path / "decisions.csv").write_text(f"{HEADER}\n{court}\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    q3 = Evaluation(campaign).questions[3]
    assert set(q3.contradicted) == {"plan"}
    assert "Supreme Court" in localized(q3.contradictions[0].text)
