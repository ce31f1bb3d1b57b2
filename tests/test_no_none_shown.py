"""No report shows "None" where a date or a judgement is missing: a report of the whole
record (no --as-of) has no date to judge "as of", and a goal not judged by a report's date
has no attainment. Checked on real runs, in English and Arabic."""

import json
import re
import shutil

from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main

# "None" as a value, not the word opening a sentence ("None of the decision makers"; a
# table cell is followed by a tag, which _visible turns into a space of its own)
NONE_SHOWN = re.compile(r"\bNone\b(?! [a-z])")


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _run(args):
    result = CliRunner().invoke(main, [*args, "--no-progress"])
    assert result.exit_code == 0, result.output
    return result


def test_a_goal_never_judged_is_not_judged_as_of_none_in_either_language(record, tmp_path):
    # the scaffold's main goal has no judgement, and the run has no --as-of date
    _run(["run", str(record), "--out", str(tmp_path / "en")])
    _run(["run", str(record), "--out", str(tmp_path / "ar"), "--lang", "ar"])
    en = tmp_path / "en" / "my-campaign"
    page = _visible((en / "evaluation.html").read_text(encoding="utf-8"))
    assert "Stop the offensive, filled in: no judgement as of the latest record" in page
    assert not NONE_SHOWN.search(page), NONE_SHOWN.findall(page)
    results = (en / "results.json").read_text(encoding="utf-8")
    assert "as of None" not in results and '"None"' not in results
    arabic = _visible(
        (tmp_path / "ar" / "my-campaign" / "evaluation.html").read_text(encoding="utf-8")
    )
    assert "لا حكم حتى آخر ما سُجّل" in arabic and "حتى لا شيء" not in arabic


def test_a_comparison_as_of_a_date_before_the_judgement_shows_no_none(tmp_path):
    # Caesar's main goal is first judged in 2016: as of 2015 it has no judgement
    cases = tmp_path / "cases"
    shutil.copytree(CASE_STUDIES / "caesar", cases / "caesar")
    out = tmp_path / "out"
    _run(["run-all", str(cases), "--out", str(out), "--as-of", "2015"])
    page = _visible((out / "comparative.html").read_text(encoding="utf-8"))
    assert not NONE_SHOWN.search(page), [
        page[max(0, m.start() - 120) : m.end() + 40] for m in NONE_SHOWN.finditer(page)
    ]
    assert "no judgement yet" in page
    claims = json.loads((out / "comparative.json").read_text(encoding="utf-8"))["replication"]
    [c3] = [c for c in claims if c["id"] == "C3"]
    assert c3["verdict"] == "cannot be computed"
    assert c3["because"] == "the main goal has no judgement recorded by its report's date"
