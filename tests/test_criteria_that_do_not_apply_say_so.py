"""A criterion the record gives nothing to test is shown "does not apply", as
docs/evaluation-method.md says, not "cannot be judged" (trial 6, L9): "The main goal was
attained by its deadline" with no deadline recorded, "Most interim goals achieved at least in
part" with no interim goal listed. Neither counts in the verdict's floor, as before."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import act, small_record

from evalkit.cli import main
from evalkit.evaluation import Evaluation


def _results(campaign) -> dict[str, str]:
    table = Evaluation(campaign).questions[3].criteria_table()
    return {str(c): str(r) for c, r in zip(table["criterion"], table["result"])}


def test_criteria_with_nothing_to_test_do_not_apply(tmp_path):
    # small_record's main goal has no deadline and no judgement; it lists no interim goal
    results = _results(small_record(tmp_path, activities=[act("a1")]))
    assert results["The main goal was attained by its deadline"] == "does not apply"
    assert results["Most interim goals achieved at least in part"] == "does not apply"
    # a criterion that applies and cannot be judged is still said so
    assert results["Main goal achieved at least in part"] == "cannot be judged"


def test_the_report_says_does_not_apply_in_both_languages(tmp_path):
    small_record(tmp_path, activities=[act("a1")])
    for lang, said, row in (
        ("en", "does not apply", "Most interim goals achieved at least in part"),
        ("ar", "لا ينطبق", "تحققت معظم الأهداف المرحلية جزئياً على الأقل"),
    ):
        out = tmp_path / f"out-{lang}"
        result = CliRunner().invoke(
            main, ["run", "--lang", lang, str(tmp_path / "small"), "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        html = (out / "small" / "evaluation.html").read_text(encoding="utf-8")
        cells = [
            re.sub(r"<[^>]+>|[\u2066-\u2069]", "", c).strip()
            for c in re.findall(r"<tr>(.*?)</tr>", html, re.S)
            if row in re.sub(r"[\u2066-\u2069]", "", c)
        ]
        assert cells and all(said in c for c in cells), cells


def test_results_json_says_which_criteria_do_not_apply(tmp_path):
    q3 = Evaluation(small_record(tmp_path, activities=[act("a1")])).questions[3].to_dict()
    applies = {str(c["name"]): c["applicable"] for c in q3["criteria"]}
    assert applies["The main goal was attained by its deadline"] is False
    assert applies["Main goal achieved at least in part"] is True
