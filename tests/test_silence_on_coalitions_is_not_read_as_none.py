"""Question 5's indicators say 'not recorded' for a record silent on coalitions and partners
(trial 9, L4: 'Coalitions 0 (members listed: 0)' and 'Partners 0 named' beside a criterion
that said 'coalitions and partners not recorded'); a list written empty (`[]`) is none."""

from conftest import small_record
from evalkit.evaluation.tactics import TacticUsefulness


def _said(q) -> dict:
    return {str(n): str(v) for n, v, _ in q.indicators}


def test_a_record_silent_on_coalitions_says_not_recorded(tmp_path):
    said = _said(TacticUsefulness(small_record(tmp_path)))
    assert said["Coalitions"] == "not recorded"
    assert said["Partners (in coalitions or not)"] == "not recorded"


def test_a_record_that_lists_no_coalition_says_none(tmp_path):
    said = _said(TacticUsefulness(small_record(tmp_path, coalitions=[], partners=[])))
    assert said["Coalitions"] == "0 (members listed: 0)"
    assert said["Partners (in coalitions or not)"].startswith("0 named")
