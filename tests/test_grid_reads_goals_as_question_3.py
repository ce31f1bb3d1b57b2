"""The grid's Result rows (the paper's appendix grid, generated from the record) and the
paper's-grid comparison read a goal's judgement as question 3 does (judgements.reading,
the function behind results.json's `counted`): a judgement the record's own acts go against
is said not counted, never restated as the goal's result, in English and in Arabic."""

from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.evaluation.grid import build_grid
from evalkit.evaluation.judgements import reading
from evalkit.evaluation.paper_grid import grid_agreement
from evalkit.i18n import localized
from evalkit.results.build import campaign_results
from conftest import act, small_record

COUNCIL = "Municipal Council"


def _judgement(attainment, as_of="2020-04"):
    return {
        "attainment": attainment,
        "as_of": as_of,
        "evidence": "the campaign says so",
        "judged_by": "tester",
        "source": "s",
    }


def _goal(id, level, text, attainment):
    return {
        "id": id,
        "level": level,
        "horizon": "short",
        "text": text,
        "decision_makers": [COUNCIL],
        "judgements": [_judgement(attainment)],
        "source": "s",
    }


def _campaign(tmp_path, direction="against", paper_grid=True):
    campaign = small_record(
        tmp_path,
        activities=[act("a1", date="2020-01-15"), act("a2", kind="lobbying", date="2020-02-01")],
        decisions=[f"2020-03-10,{COUNCIL},{COUNCIL},vote,{direction},,voted the plan through,s"],
        goals=[
            _goal("stop", "main", "Stop the plan.", "achieved"),
            _goal("hear", "interim", "Be heard by the council.", "unknown"),
        ],
    )
    if paper_grid:
        (campaign.path / "paper_grid.csv").write_text(
            "dimension,row,paper_text_ar,source,code\n"
            "Result,main,نجحت,appendix,achieved\n"
            "Result,interim,غير معروف,appendix,unknown\n",
            encoding="utf-8",
        )
    return campaign


def _result_row(grid, level):
    row = grid[(grid["dimension"] == "Result") & (grid["item"] == level)]
    return row["entry"].iloc[0]


def test_a_judgement_question_3_does_not_count_is_not_the_grids_result(tmp_path):
    campaign = _campaign(tmp_path)
    ev = Evaluation(campaign)
    main = campaign.record.goals[0]
    assert reading(main, main.judgements[0], campaign) == "not counted"
    assert "stop" in ev.questions[3].contradicted  # question 3 sets it apart
    entry = _result_row(build_grid(campaign), "main")
    en, ar = str(entry), str(localized(entry, "ar"))
    assert en.startswith("Stop the plan: judged achieved (as of 2020-04; tester), but not counted")
    assert "decisions.csv:2" in en
    assert "Stop the plan: achieved (" not in en
    assert "لكن السؤال 3 لا يحتسب الحكم" in ar, ar
    # results.json says the same, from the same reading
    results = campaign_results(campaign)
    assert [g["counted"] for g in results["goals"] if g["id"] == "stop"] == [False]
    grid_row = next(
        r for r in results["grid"] if r["dimension"] == "Result" and r["item"] == "main"
    )
    assert "but not counted by question 3" in grid_row["entry"]


def test_the_paper_grids_code_does_not_agree_with_a_judgement_not_counted(tmp_path):
    cells = {c["row"]: c for c in grid_agreement(_campaign(tmp_path)) if c["dimension"] == "Result"}
    assert cells["main"]["evalkit"] == "achieved (not counted)"
    assert cells["main"]["agrees"] is False
    # an unknown is read as question 3 reads it: unknown, as the evaluator said
    assert cells["interim"]["evalkit"] == "unknown" and cells["interim"]["agrees"] is True


def test_a_judgement_the_record_does_not_contradict_is_the_grids_result(tmp_path):
    campaign = _campaign(tmp_path, direction="for")
    entry = str(_result_row(build_grid(campaign), "main"))
    assert entry.startswith("Stop the plan: achieved (as of 2020-04; tester)")
    cells = {c["row"]: c for c in grid_agreement(campaign) if c["dimension"] == "Result"}
    assert cells["main"]["evalkit"] == "achieved" and cells["main"]["agrees"] is True
