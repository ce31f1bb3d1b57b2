"""A goal to bring a count down — weekly eviction filings to at most 40 — takes a target to
come down to (`target: at most 40`) with `indicator_metric`, read as a level: a figure by
then at or under it confirms it, figures of the very day all over it contradict it. And an
outcome series (`measures: outcome`) is a level, never added up: its weeks before the
campaign are no count of the campaign's (trial 18, H2: 'at most 40' was refused, and a floor
of 40 read as 'reached' by 3,616 filings, the sum of 60 weeks)."""

import evalkit
from ruamel.yaml import YAML
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.evaluation.indicator import indicator_count
from evalkit.i18n import localized

SERIES = "date,metric,value,source,measures"
PHASE = {"id": "p1", "name": "Phase 1", "start": "2020-03-02", "end": "2020-06-30", "source": "s"}


def _goal(target, as_of="2020-06"):
    return {
        "id": "main",
        "level": "main",
        "horizon": "short",
        "text": "Cut weekly filings by a third.",
        "indicator": "weekly eviction filings",
        "target": target,
        "indicator_metric": "filings",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": as_of,
                "evidence": "the court's figures",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }


def _count(tmp_path, target, weekly, as_of="2020-06"):
    tmp_path.mkdir(exist_ok=True)
    goal = _goal(target, as_of)
    plain = {k: v for k, v in goal.items() if k not in ("indicator_metric", "target")}
    campaign = small_record(tmp_path, goals=[plain], phases=[PHASE])
    rows = [f"{day},filings,{v},s,outcome" for day, v in weekly]
    (campaign.path / "series.csv").write_text("\n".join([SERIES, *rows]) + "\n", encoding="utf-8")
    path = campaign.path / "campaign.yaml"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    data["goals"] = [goal]
    with open(path, "w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(data, fh)
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    goal = campaign.record.goals[0]
    return campaign, indicator_count(goal, goal.judgements[0], campaign)


FALLING = [("2020-03-02", 60), ("2020-04-06", 52), ("2020-05-04", 44), ("2020-06-01", 38)]
STILL_HIGH = [("2020-03-02", 60), ("2020-04-06", 58), ("2020-06-30", 57)]


def test_a_target_to_come_down_to_is_confirmed_by_a_figure_at_or_under_it(tmp_path):
    _, count = _count(tmp_path, "at most 40", FALLING)
    assert count.state == "reached"
    assert localized(count.words()) == (
        "the record's own count came down to the target (at most 40) by 2020-06: 38 "
        "(filings) (2020-06-01)"
    )


def test_figures_of_the_day_over_it_contradict_the_judgement(tmp_path):
    campaign, count = _count(tmp_path, "fewer than 40", STILL_HIGH, as_of="2020-06-30")
    assert count.state == "below"
    assert "above the target, fewer than 40" in localized(count.words())
    q3 = Evaluation(campaign).questions[3]
    assert "main" in q3.contradicted  # judged achieved, the record's figure says not
    assert "40" in localized(count.words(), "ar") and "above" not in localized(count.words(), "ar")


def test_an_outcome_series_is_a_level_never_added_up(tmp_path):
    _, count = _count(tmp_path, "50", FALLING)
    assert count.how == "level"
    assert count.value == 60  # the highest figure, never the weeks added up (194)


def test_a_target_to_come_down_to_is_no_longer_refused(tmp_path):
    campaign, _ = _count(tmp_path, "at most 40", FALLING)
    assert campaign.record.goals[0].target == "at most 40"
