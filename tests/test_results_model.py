"""results.json's contract (evalkit.results.model): the model describes exactly what an
evaluation writes, and the comparative report refuses, naming the file, what it cannot read."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASE_IDS, CASE_STUDIES, ROOT
from evalkit.cli import main
from evalkit.comparison import load_results
from evalkit.record.load import load_campaign
from evalkit.results.build import results_document, results_json
from evalkit.results.model import SCHEMA_VERSION, CampaignResults, ResultsError, read_results

# the test records and the examples: every kind of section a record can give (the example's
# series carries a counterfactual, which no case study has)
TEST_RECORDS = sorted(
    p.parent
    for folder in ("tests/records", "examples")
    for p in (ROOT / folder).glob("*/campaign.yaml")
)


def _through_the_model(text: str) -> str:
    model = CampaignResults.model_validate(json.loads(text))
    return results_json(model.model_dump(mode="json"))


@pytest.mark.parametrize("case", CASE_IDS)
def test_the_model_reads_and_writes_back_every_case_studys_results_json_byte_for_byte(
    case_reports, case
):
    written = (case_reports / case / "results.json").read_text(encoding="utf-8")
    assert _through_the_model(written) == written


@pytest.mark.parametrize("record", TEST_RECORDS, ids=lambda p: p.name)
def test_the_model_describes_the_results_of_every_test_record_exactly(record):
    text = results_json(results_document(load_campaign(record)))
    assert _through_the_model(text) == text


@pytest.mark.parametrize("case, as_of", [("caesar", "2016"), ("aleppo-is-burning", "2016-05")])
def test_the_model_describes_results_as_of_a_date_exactly(case, as_of):
    data = results_document(load_campaign(CASE_STUDIES / case), as_of)
    assert data["as_of_cut"]  # the cut left something out: its counts are in the file
    text = results_json(data)
    assert _through_the_model(text) == text


def test_the_pipeline_writes_what_the_results_builder_gives(case_reports):
    written = (case_reports / "caesar" / "results.json").read_text(encoding="utf-8")
    assert written == results_json(results_document(load_campaign(CASE_STUDIES / "caesar")))


def _results_dir(tmp_path: Path, case_reports: Path, *ids: str) -> Path:
    folder = tmp_path / "reports"
    for i in ids:
        (folder / i).mkdir(parents=True)
        (folder / i / "results.json").write_bytes((case_reports / i / "results.json").read_bytes())
    return folder


def test_comparison_reads_results_as_the_model_with_labels(case_reports, tmp_path):
    folder = _results_dir(tmp_path, case_reports, "caesar", "save-ghouta")
    results = load_results(folder)
    assert [r.record.id for r in results] == ["caesar", "save-ghouta"]  # oldest start first
    assert results[0].record.label == "The Caesar campaigns (detainees)"
    assert results[0].first_launch().designed is True


def test_a_results_json_of_another_schema_version_is_refused_naming_the_file(
    tmp_path, case_reports
):
    folder = _results_dir(tmp_path, case_reports, "caesar")
    path = folder / "caesar" / "results.json"
    data = json.loads(path.read_text())
    data.update(schema_version=SCHEMA_VERSION + 1, evalkit_version="9.0")
    path.write_text(json.dumps(data))
    with pytest.raises(
        ResultsError,
        match=rf"{re.escape(str(path))}: results schema version {SCHEMA_VERSION + 1} \(written "
        rf"by evalkit 9\.0\), newer than this evalkit reads \(versions 1 to {SCHEMA_VERSION}\)",
    ):
        read_results(path)


@pytest.mark.parametrize(
    "content, said",
    [
        (b'{"schema_version": 1, "record": {"id": "x"', r"not valid JSON \(line 1, column 43"),
        (b"\xff\xfe\x00binary", "not a text file"),
        (
            b'{"name": "a stray file"}',
            r"not a results file evalkit wrote \(no 'record', 'facts', "
            r"'questions', 'grid'\); remove it, or name the campaigns",
        ),
        (b"[1, 2, 3]", r"not a results file evalkit wrote \(not a JSON object\)"),
        (
            b'{"record": {}, "facts": {}, "questions": {}, "grid": []}',
            r"not a results file evalkit wrote \(no 'schema_version'\)",
        ),
        (
            b'{"schema_version": 2, "record": {"id": "x"}, "facts": {}, "questions": {}, "grid": []}',
            r"results schema version 2, older than this evalkit's 5, and not readable as it: "
            r"evalkit_version: Field required; .*\(and \d+ more\)",
        ),
        (
            b'{"schema_version": 5, "record": {"id": "x"}, "facts": {}, "questions": {}, "grid": []}',
            r"does not match results schema version 5: evalkit_version: Field required; "
            r".*\(and \d+ more\)",
        ),
    ],
)
def test_a_stray_or_truncated_results_json_is_a_clear_error_naming_the_file(
    tmp_path, content, said
):
    path = tmp_path / "results.json"
    path.write_bytes(content)
    with pytest.raises(ResultsError, match=f"{re.escape(str(path))}: {said}"):
        read_results(path)


def test_a_misspelt_field_is_named_with_where_it_is(tmp_path, case_reports):
    path = _results_dir(tmp_path, case_reports, "caesar") / "caesar" / "results.json"
    data = json.loads(path.read_text())
    data["questions"]["3"]["verdcit"] = data["questions"]["3"].pop("verdict")
    data["launch_timing"][0]["role"] = "lunch"
    path.write_text(json.dumps(data))
    with pytest.raises(ResultsError) as err:
        read_results(path)
    said = str(err.value)
    assert (
        "launch_timing.0.role: Input should be 'launch', 'relaunch', 'escalation' or "
        "'escalation or relaunch'"
    ) in said
    assert "questions.3.verdict: Field required" in said
    assert "questions.3.verdcit: Extra inputs are not permitted" in said


def test_compare_names_every_unreadable_results_json_and_stops_without_a_traceback(
    tmp_path, case_reports
):
    folder = _results_dir(tmp_path, case_reports, "caesar", "save-ghouta", "idlib-under-fire")
    (folder / "save-ghouta" / "results.json").write_text('{"schema_version": 1, "rec')
    old = json.loads((folder / "idlib-under-fire" / "results.json").read_text())
    old["schema_version"] = 0
    (folder / "idlib-under-fire" / "results.json").write_text(json.dumps(old))
    result = CliRunner().invoke(main, ["compare", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{folder / 'save-ghouta' / 'results.json'}: not valid JSON" in result.output
    assert (
        f"{folder / 'idlib-under-fire' / 'results.json'}: results schema version 0" in result.output
    )
    assert "--campaigns" in result.output  # how to compare the readable ones meanwhile
    assert not (folder / "comparative.html").exists()


def test_the_literal_types_are_the_values_the_code_computes():
    from typing import get_args

    from evalkit.evaluation.base import CONFIDENCE, INSUFFICIENT, SCALE, Confidence, Level
    from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET, RULES, RuleKind, RuleStatus
    from evalkit.evaluation.timing import ROLE_WORDS, Role

    assert get_args(Level) == (*SCALE, INSUFFICIENT)
    assert get_args(Confidence) == CONFIDENCE
    assert set(get_args(RuleStatus)) == {FIRES, QUIET, CANNOT}
    assert {r.kind for r in RULES} == set(get_args(RuleKind))
    assert set(get_args(Role)) == set(ROLE_WORDS)
