"""A results.json of another schema version: a newer one is refused with a message naming
the file, its version and the versions this evalkit reads; an older one (version 1) is read
when it holds what version 2 needs, and otherwise refused naming what it lacks; a version
no evalkit writes is refused. In Arabic too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main
from evalkit.i18n import FSI, PDI
from evalkit.record.load import load_campaign
from evalkit.results.build import results_document, results_json
from evalkit.results.model import SCHEMA_VERSION, ResultsError, read_results


@pytest.fixture(scope="module")
def caesar_results() -> dict:
    return json.loads(results_json(results_document(load_campaign(CASE_STUDIES / "caesar"))))


def _written(tmp_path: Path, data: dict, rid: str = "caesar") -> Path:
    path = tmp_path / "reports" / rid / "results.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    with pytest.raises(ResultsError) as err:
        read_results(path)
    return str(err.value)


def test_this_evalkit_writes_version_5_and_reads_it(tmp_path, caesar_results):
    assert SCHEMA_VERSION == 5 and caesar_results["schema_version"] == 5
    assert read_results(_written(tmp_path, caesar_results)).schema_version == 5


def test_a_version_4_file_without_why_a_goal_was_not_counted_is_read_as_not_said(
    tmp_path, caesar_results
):
    old = json.loads(json.dumps(caesar_results))
    old["schema_version"] = 4
    for goal in old["goals"]:
        del goal["not_counted_because"]
    for goal in old["facts"]["main_goal"]:
        del goal["not_counted_because"]
    results = read_results(_written(tmp_path, old))
    assert results.schema_version == 4
    assert all(g.not_counted_because is None for g in results.goals)
    assert all(g.not_counted_because is None for g in results.facts.main_goal)


def test_a_version_3_file_without_the_main_goal_rung_is_read_as_not_known(tmp_path, caesar_results):
    old = json.loads(json.dumps(caesar_results))
    old["schema_version"] = 3
    del old["facts"]["decision_makers_top_rung_who"]
    del old["facts"]["main_goal_decision_makers_top_rung"]
    results = read_results(_written(tmp_path, old))
    assert results.schema_version == 3
    assert results.facts.main_goal_decision_makers_top_rung is None


def test_a_version_2_file_without_the_rung_note_is_read_as_the_rung_named(tmp_path, caesar_results):
    old = json.loads(json.dumps(caesar_results))
    old["schema_version"] = 2
    del old["facts"]["decision_makers_top_rung_note"]
    results = read_results(_written(tmp_path, old))
    assert results.schema_version == 2 and results.facts.decision_makers_top_rung_note is None


def test_a_newer_version_is_refused_naming_the_file_its_version_and_the_ones_read(
    tmp_path, caesar_results
):
    path = _written(tmp_path, {**caesar_results, "schema_version": 6, "evalkit_version": "9.0"})
    assert _refused(path) == (
        f"{path}: results schema version 6 (written by evalkit 9.0), newer than this evalkit "
        "reads (versions 1 to 5): update evalkit to read it, or re-run the evaluation with "
        "this evalkit (evalkit run) to write it again"
    )


def test_a_version_1_file_from_before_the_added_keys_is_read_with_their_defaults(
    tmp_path, caesar_results
):
    """A version-1 file without the keys version 2 added and could default: read, each such
    key read as an older file meant it."""
    old = json.loads(json.dumps(caesar_results))
    old["schema_version"] = 1
    for key in ("record_warnings", "recommendations_set_aside", "paper_grid"):
        del old[key]
    for goal in old["goals"]:
        del goal["counted"]
    for q in old["questions"].values():
        del q["verdict_floor"], q["confidence_cap"]
    for key in ("start_said", "end_said", "largest_counts_whole_record"):
        del old["facts"][key]
    results = read_results(_written(tmp_path, old))
    assert results.schema_version == 1
    assert results.record_warnings == [] and results.paper_grid is None
    assert all(g.counted is None for g in results.goals)
    assert results.questions["3"].verdict_floor is None
    assert results.facts.largest_counts_whole_record is False


def test_a_version_1_file_with_the_keys_added_since_is_read_too(tmp_path, caesar_results):
    """The files written before this version said 2 hold the keys version 2 names."""
    results = read_results(_written(tmp_path, {**caesar_results, "schema_version": 1}))
    assert results.schema_version == 1 and results.paper_grid


def test_a_version_1_file_lacking_what_version_2_needs_says_so(tmp_path, caesar_results):
    old = {**caesar_results, "schema_version": 1, "evalkit_version": "0.1.0"}
    del old["as_of_cut"]
    path = _written(tmp_path, old)
    assert _refused(path) == (
        f"{path}: results schema version 1 (written by evalkit 0.1.0), older than this "
        "evalkit's 5, and not readable as it: as_of_cut: Field required; re-run the "
        "evaluation with this evalkit (evalkit run) to write it again"
    )


@pytest.mark.parametrize("version", [0, -1, "2", None, True, 1.5])
def test_a_version_no_evalkit_writes_is_refused(tmp_path, caesar_results, version):
    path = _written(tmp_path, {**caesar_results, "schema_version": version})
    said = _refused(path)
    assert said.startswith(f"{path}: results schema version {version!r} (written by evalkit ")
    assert "a version no evalkit writes; this evalkit reads versions 1 to 5" in said


def test_compare_says_a_newer_file_in_arabic_naming_it_and_both_versions(tmp_path, caesar_results):
    path = _written(tmp_path, {**caesar_results, "schema_version": 6, "evalkit_version": "9.0"})
    result = CliRunner().invoke(main, ["compare", str(path.parent.parent), "--lang", "ar"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if str(path) in line)
    assert line.replace(FSI, "").replace(PDI, "").strip() == (
        f"{path}: إصدار مخطط النتائج 6 (كتبه evalkit 9.0)، وهو أحدث مما تقرؤه هذه النسخة من "
        "evalkit (الإصدارات من 1 إلى 5): حدّث evalkit لقراءته، أو أعد تشغيل التقييم بهذه "
        "النسخة (evalkit run) لكتابته من جديد"
    )
    assert f"{FSI}{path}{PDI}" in line  # the file's name isolated in the Arabic line
    assert not (path.parent.parent / "comparative.html").exists()
