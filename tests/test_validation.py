"""Each class of record error is reported as file:line: field: what was expected."""

import pytest
from click.testing import CliRunner

import evalkit
from evalkit.cli import main
from conftest import CASE_IDS, CASE_STUDIES, edit, fill_in


def problems_of(record):
    campaign, problems = evalkit.check_record(record)
    assert campaign is None
    return [str(p) for p in problems]


@pytest.mark.parametrize("case", CASE_IDS)
def test_the_four_case_studies_validate(case):
    campaign = evalkit.load_campaign(CASE_STUDIES / case)
    assert campaign.id == case
    assert not campaign.activities.empty


def test_the_template_filled_in_validates(record):
    assert evalkit.check_record(record)[1] == []


def test_an_untouched_template_is_refused_naming_every_example_left_at_its_line(tmp_path):
    """`evalkit new` then `validate`/`run` with nothing filled in: each example row of each
    table and each example entry and text field of campaign.yaml is named at its line, in
    one pass, and no report is written (its verdicts would be the template's made-up data)."""
    runner = CliRunner()
    folder = tmp_path / "mine"
    assert runner.invoke(main, ["new", str(folder)]).exit_code == 0
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    left = [line.strip() for line in result.output.splitlines() if "template's example" in line]
    where = {line.split(": ", 1)[0].removeprefix(str(folder) + "/") for line in left}
    yaml_lines = {w for w in where if w.startswith("campaign.yaml:")}
    # the table rows, each at its line
    assert {"activities.csv:2", "metrics.csv:2", "engagements.csv:2"} <= where, left
    # every entry of campaign.yaml with words of its own, and the single text fields
    text = (folder / "campaign.yaml").read_text(encoding="utf-8").splitlines()
    for needle in (
        "  en: My campaign",
        "cause:",
        "  - Example organisation",
        "evaluator:",
        "  - id: interview-1",
        "  - id: phase-1",
        "  - id: offensive",
        "  - id: mobilise",
        "      - attainment:",
        "  - id: stop-offensive",
        '    - {text: "#MyCampaign"',
        "    - {platform: twitter",
        "  call_to_action:",
        "  - {name: Example NGO",
    ):
        line = next(i for i, t in enumerate(text, 1) if t.startswith(needle))
        assert f"campaign.yaml:{line}" in yaml_lines, (needle, left)
    assert "campaign.yaml:" in result.output and "0 of 1 record(s) valid" in result.output
    out = tmp_path / "out"
    ran = runner.invoke(main, ["run", str(folder), "--out", str(out), "--no-progress"])
    assert ran.exit_code == 1, ran.output
    assert "template's example" in ran.output
    assert not (out / "mine" / "evaluation.html").exists()


def test_a_template_half_filled_in_names_only_the_examples_left(record):
    """Replacing an example's words is what makes it the campaign's; ids, codes and dates
    kept from the template are not a problem."""
    edit(record / "engagements.csv", "a desk officer (filled in),", "a desk officer,")
    edit(record / "campaign.yaml", "reacted to, filled in.", "reacted to.")
    left = [p for p in problems_of(record) if "template's example" in p]
    assert len(left) == 2, left
    assert any("engagements.csv:2: still the template's example row" in p for p in left)
    assert any(": hot_events[0]: still the template's example" in p for p in left)


def test_yaml_syntax_error_gives_line_and_column(record):
    (record / "campaign.yaml").write_text("id: x\n  bad: [\n", encoding="utf-8")
    [msg] = [p for p in problems_of(record) if "campaign.yaml" in p]
    # libyaml and the pure-Python parser end the sentence differently
    assert "campaign.yaml:2:6: YAML syntax error: this line is indented under a value" in msg
    assert "(the parser: mapping values are not allowed" in msg


def test_unknown_key_lists_the_allowed_keys(record):
    edit(record / "campaign.yaml", "  en: My campaign (filled in)\n", "  en: Mine\n  colour: red\n")
    assert any(
        p.endswith("campaign.yaml:8: name.colour: unknown key; allowed keys: en, ar")
        for p in problems_of(record)
    )


def test_unknown_code_lists_the_allowed_codes(record):
    edit(record / "campaign.yaml", "level: interim ", "level: intrim ")
    assert any(
        "goals[0].level: unknown code 'intrim' (did you mean 'interim'?); expected one of: "
        "interim or main" in p
        for p in problems_of(record)
    )


def test_missing_required_field_is_named(record):
    edit(record / "campaign.yaml", "evaluator: Your name (filled in)\n", "")
    assert any(p.endswith(": evaluator: required field is missing") for p in problems_of(record))


def test_wrong_type_is_reported_with_the_value(record):
    edit(record / "campaign.yaml", "format_version: 2", "format_version: one")
    assert any(
        "format_version: expected a whole number, got the text 'one'; e.g. format_version: 2" in p
        for p in problems_of(record)
    )


def test_phase_that_ends_before_it_starts(record):
    edit(record / "campaign.yaml", "end: 2024-03", "end: 2023-03")
    assert any(
        "phases[0].end: the phase ends before it starts: 2023-03 is before 2024-01-10" in p
        for p in problems_of(record)
    )


def test_activity_outside_the_campaign(record):
    edit(record / "activities.csv", "stands,2024-01..2024-02", "stands,2030-01")
    assert any(
        p.endswith(
            "activities.csv:2: date: 2030-01 is outside the campaign "
            "(2024-01-10 to 2024-03-31, from its phases): check the date, or the phases' start "
            "and end"
        )
        for p in problems_of(record)
    )


def test_duplicate_ids(record):
    edit(record / "campaign.yaml", "  - id: stop-offensive", "  - id: mobilise")
    assert any("goals[1].id: duplicate id 'mobilise'" in p for p in problems_of(record))


def test_negative_count(record):
    edit(record / "activities.csv", "about 400", "-400")
    assert any(
        p.endswith("activities.csv:2: participants: a count cannot be negative, got '-400'")
        for p in problems_of(record)
    )


def test_unknown_source_phase_and_audience_references(record):
    edit(record / "activities.csv", "phase-1,Protest", "phase-9,Protest")
    edit(record / "activities.csv", ",diaspora,", ",students,")
    edit(record / "metrics.csv", "interview-1", "interview-2")
    found = problems_of(record)
    assert any(
        "activities.csv:2: phase: unknown phase 'phase-9' (did you mean 'phase-1'?); known "
        "phases: phase-1" in p
        for p in found
    )
    assert any("activities.csv:2: audience: unknown audience 'students'" in p for p in found)
    assert any("metrics.csv:2: source: unknown source 'interview-2'" in p for p in found)


def test_unknown_csv_column_and_missing_required_column(record):
    edit(record / "engagements.csv", "decision_maker,", "decider,")
    found = problems_of(record)
    assert any("engagements.csv:1: decider: unknown column; allowed columns:" in p for p in found)
    assert any("engagements.csv:1: decision_maker: required column is missing" in p for p in found)


def test_all_problems_come_in_one_pass(record):
    edit(record / "campaign.yaml", "level: interim ", "level: intrim ")
    edit(record / "campaign.yaml", "end: 2024-03", "end: 2023-03")
    edit(record / "activities.csv", "mobilisation", "mobilization")
    edit(record / "metrics.csv", "interview-1", "interview-2")
    assert len(problems_of(record)) >= 4


def test_validate_command_exits_non_zero_and_writes_nothing(record):
    edit(record / "campaign.yaml", "level: interim ", "level: intrim ")
    before = {p: p.read_bytes() for p in record.iterdir()}
    result = CliRunner().invoke(main, ["validate", str(record)])
    assert result.exit_code == 1
    assert "goals[0].level: unknown code 'intrim'" in result.output
    assert {p: p.read_bytes() for p in record.iterdir()} == before


def test_new_scaffolds_a_record_that_validates_once_its_examples_are_filled_in(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["new", str(tmp_path / "r")]).exit_code == 0
    fill_in(tmp_path / "r")
    result = runner.invoke(main, ["validate", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output


def test_new_refuses_a_non_empty_folder(tmp_path, record):
    result = CliRunner().invoke(main, ["new", str(record)])
    assert result.exit_code == 2 and "not empty" in result.output


def test_new_with_a_campaign_name_makes_a_pasteable_folder_and_keeps_the_name(tmp_path):
    """`evalkit new "Test Campaign"`: a folder named like its id, the name in the record,
    and a command that works when pasted."""
    import shlex

    runner = CliRunner()
    result = runner.invoke(main, ["new", str(tmp_path / "Test Campaign")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "test-campaign"
    assert folder.is_dir() and not (tmp_path / "Test Campaign").exists()
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert "id: test-campaign" in text and 'en: "Test Campaign"' in text
    assert "My campaign" not in text and "حملتي" not in text
    command = result.output.split("run: ", 1)[1].strip()
    assert shlex.split(command) == ["evalkit", "validate", str(folder)]
    fill_in(folder, name=False)
    assert runner.invoke(main, ["validate", str(folder)]).exit_code == 0


def test_validate_of_several_records_names_two_that_share_an_id(tmp_path):
    import shutil

    runner = CliRunner()
    assert runner.invoke(main, ["new", str(tmp_path / "a")]).exit_code == 0
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # a copied record keeps the id 'a'
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = (tmp_path / "a" / "campaign.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("id: a"))
    # at the line its id is written on, as every other error is
    assert f"campaign.yaml:{line}: id: 'a' is also the id of" in result.output
    assert "0 of 2 record(s) valid" in result.output


def test_the_docs_list_the_metrics_platform_codes_the_contract_takes():
    # trial 14, L1: the docs said "the breakdown", and every change.org or paper row failed
    import re
    import typing

    from conftest import ROOT
    from evalkit.record.schema import Platform

    docs = (ROOT / "docs" / "campaign-format.md").read_text(encoding="utf-8")
    line = next(x for x in docs.splitlines() if x.startswith("| `language`, `hashtag`, `platform`"))
    listed = line.split("`platform` is one of ")[1].split(" (")[0]
    assert re.findall(r"`(\w+)`", listed) == list(typing.get_args(Platform))
