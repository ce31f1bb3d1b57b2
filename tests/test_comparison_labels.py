"""A comparison names each evaluation so that no two merge and none passes for another: an
evaluation as of a date says so, and one campaign compared at two dates is two columns."""

import json
import shutil

from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main


def _run(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result


def test_one_campaign_compared_at_two_dates_is_two_columns_each_saying_its_date(tmp_path):
    full, dated, both = tmp_path / "full", tmp_path / "dated", tmp_path / "both"
    _run(["run", str(CASE_STUDIES / "caesar"), "--out", str(full), "--no-progress"])
    _run(
        [
            "run",
            str(CASE_STUDIES / "caesar"),
            "--out",
            str(dated),
            "--as-of",
            "2016",
            "--no-progress",
        ]
    )
    both.mkdir()
    shutil.copytree(full / "caesar", both / "caesar")
    shutil.copytree(dated / "caesar", both / "caesar-2016")
    _run(["compare", str(both)])  # failed: 'Index contains duplicate entries, cannot reshape'
    comparative = json.loads((both / "comparative.json").read_text(encoding="utf-8"))
    names = {row["campaign"] for row in comparative["verdicts"]}
    assert names == {
        "The Caesar campaigns (detainees)",
        "The Caesar campaigns (detainees) (as of 2016-12-31)",
    }, names
    # the paper's claims are read from the whole record, not from the campaign as of 2016
    [c3] = [c for c in comparative["replication"] if c["id"] == "C3"]
    assert c3["verdict"] != "cannot be computed", c3
