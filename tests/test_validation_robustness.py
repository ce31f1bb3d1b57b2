"""Hostile and broken records (issue 18, items 1 and 3-8): each fault, injected into a copy of
the scaffold record, is a located problem (file:line: field: what was expected) in the same
pass as the others — never a traceback, a hang, a silent merge or an echo of a file that is
not the record's — and nothing is written. The hangs are run as a real `evalkit validate`
process with a time limit."""

import base64
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import evalkit
from conftest import CASE_STUDIES, edit
from evalkit.cli import main

EVALKIT = str(Path(sys.executable).parent / "evalkit")


def problems_of(record):
    campaign, problems = evalkit.check_record(record)
    assert campaign is None
    return [str(p).removeprefix(str(record) + "/") for p in problems]


def validate_process(record, timeout=60):
    """`evalkit validate` in its own process; a hang fails the test instead of stalling it."""
    return subprocess.run(
        [EVALKIT, "validate", str(record)], capture_output=True, text=True, timeout=timeout
    )


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- item 1: quotes and field counts -------------------------------------------------------
ROW = "{id},2024-02,phase-1,{desc},{kind},,low,in_person,international,,,en,diaspora,,,,interview-1"


def _activities(record, *rows):
    header = (record / "activities.csv").read_text(encoding="utf-8").splitlines()[0]
    (record / "activities.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_a_stray_quote_that_would_merge_rows_is_named_at_its_line(record):
    _activities(
        record,
        ROW.format(id="a", desc='"Protest stands, 5 cities', kind="mobilisation"),
        ROW.format(id="b", desc="Letters to MPs", kind="lobbying"),
        ROW.format(id="c", desc='"Vigil, London"', kind="advocacy"),
    )
    found = problems_of(record)
    assert (
        'activities.csv:2: description: a quote (") opens this cell and is not closed on '
        "line 2, so lines 2-4 are read as one row; a cell cannot span lines" in found[0]
    )
    assert len(found) == 1, found  # the merged row is not checked as if it were one


def test_an_unclosed_quote_with_no_later_quote_is_named_at_its_line(record):
    _activities(
        record,
        ROW.format(id="a", desc="Stands", kind="mobilisation"),
        ROW.format(id="b", desc='"Letters to MPs', kind="lobbying"),
        ROW.format(id="c", desc="Vigil", kind="advocacy"),
    )
    assert any(
        p.startswith("activities.csv:3: description: a quote") and "lines 3-4" in p
        for p in problems_of(record)
    )


def test_an_unclosed_quote_on_the_last_line_is_named_as_a_quote_not_a_count_of_cells(record):
    # trial 18, L3: said "expected 17 cells as in the header, found 2"
    _activities(
        record,
        ROW.format(id="a", desc="Stands", kind="mobilisation"),
        ROW.format(id="b", desc='"Letters to MPs', kind="lobbying"),
    )
    found = problems_of(record)
    assert any(
        p.startswith(
            'activities.csv:3: description: a quote (") opens this cell and is not closed on '
            "line 3, the last line"
        )
        for p in found
    ), found
    assert not any("cells as in the header" in p for p in found)


def test_a_line_break_inside_a_cell_is_an_error_at_the_row_it_starts(record):
    edit(record / "metrics.csv", ",phase-1,,", ',phase-1,"two\nlines",')
    assert any(p.startswith("metrics.csv:2: note: a quote") for p in problems_of(record))


def test_a_row_with_more_or_fewer_cells_than_the_header(record):
    _activities(
        record,
        ROW.format(id="a", desc="Stands, 5 cities", kind="mobilisation"),
        ROW.format(id="b", desc="Letters", kind="lobbying").removesuffix(",interview-1"),
    )
    found = problems_of(record)
    assert (
        "activities.csv:2: expected 17 cells as in the header, found 18; a cell holding a "
        "comma must be in double quotes"
    ) in found
    assert "activities.csv:3: expected 17 cells as in the header, found 16" in found


# --- item 3: duplicated columns, overflowing counts, judgements in the future --------------
def test_a_duplicated_column_is_an_error_not_the_last_one_winning(record):
    (record / "metrics.csv").write_text(
        "date,metric,value,value,source\n2024-01,posts,5,6,interview-1\n", encoding="utf-8"
    )
    assert (
        "metrics.csv:1: value: the column appears 2 times (columns 3 and 4); keep one: "
        "evalkit would read only the last"
    ) in problems_of(record)


def test_a_count_of_310_digits_is_too_large_not_infinity(record):
    edit(record / "metrics.csv", "about 5000", "9" * 310)
    [msg] = [p for p in problems_of(record) if p.startswith("metrics.csv:2: value:")]
    assert "too large for a count" in msg and "(310 characters)" in msg and "inf" not in msg


def test_a_judgement_dated_after_today_is_refused(record):
    next_year = date.today().year + 1
    edit(
        record / "campaign.yaml",
        "as_of: 2024-03",
        f"as_of: {next_year}-01\n        attained: {next_year}",
    )
    found = problems_of(record)
    for line, field, when in ((40, "as_of", f"{next_year}-01"), (41, "attained", next_year)):
        assert any(
            p.startswith(
                f"campaign.yaml:{line}: goals[0].judgements[0].{field}: {when} "
                f"is after today ({date.today().isoformat()})"
            )
            for p in found
        ), found


def test_a_judgement_dated_this_year_is_accepted(record):
    edit(record / "campaign.yaml", "as_of: 2024-03", f"as_of: {date.today().year}")
    assert evalkit.check_record(record)[1] == []


# --- item 4: links out of the record folder -------------------------------------------------
def test_a_link_to_a_file_outside_the_record_is_refused_never_shown_or_copied(record, tmp_path):
    secret = tmp_path / "outside.csv"
    secret.write_text("SECRET-FIRST-LINE,root:x:0:0\n", encoding="utf-8")
    (record / "engagements.csv").unlink()
    (record / "engagements.csv").symlink_to(secret)
    elsewhere = tmp_path / "a-folder"
    elsewhere.mkdir()
    (record / "metrics.csv").unlink()
    (record / "metrics.csv").symlink_to(elsewhere)
    found = problems_of(record)
    for name in ("engagements.csv", "metrics.csv"):
        assert (
            f"{name}: refused: a link to a file outside the record folder; copy the file "
            "into the folder instead"
        ) in found
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["run", str(record), "--out", str(out)])
    assert result.exit_code != 0
    assert "SECRET" not in result.output
    assert not any(b"SECRET" in data for data in snapshot(out).values()) if out.exists() else True
    assert not list(tmp_path.rglob("record/engagements.csv"))


def test_a_link_inside_the_record_folder_is_read(record):
    (record / "data").mkdir()
    (record / "activities.csv").rename(record / "data" / "acts.csv")
    (record / "activities.csv").symlink_to(Path("data") / "acts.csv")
    assert evalkit.check_record(record)[1] == []


# --- item 5: YAML aliases and long values ---------------------------------------------------
def _bomb(record, where):
    # nine levels of nine aliases: 9^8 (43 million) values from under 1 KB
    anchors = "".join(
        f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" if i else "  - &a0 lol\n" for i in range(9)
    )
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "organisers:\n  - Example organisation (filled in)\n", "organisers:\n" + anchors
    )
    if where == "notes":
        text += "notes: *a8\n"
    assert len(anchors) < 1024
    (record / "campaign.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("where", ["organisers", "notes"])
def test_a_yaml_alias_bomb_fails_fast_with_a_short_message(record, where):
    _bomb(record, where)
    result = validate_process(record)
    assert result.returncode == 1
    assert re.search(
        r"campaign\.yaml:\d+: YAML aliases \(here \*a\d\) stand for more than "
        r"10,000 values; a record needs no aliases",
        result.stdout + result.stderr,
    )
    assert "Traceback" not in result.stderr and len(result.stdout + result.stderr) < 3000


def test_a_few_aliases_within_the_budget_are_read(record):
    edit(
        record / "campaign.yaml",
        "    source: interview-1\nhot_events:",
        "    source: &src interview-1\nhot_events:",
    )
    edit(
        record / "campaign.yaml",
        "    date: 2024-01-05\n    foreseeable_from: 2023-12   # optional: when a prepared observer could expect it\n    source: interview-1",
        "    date: 2024-01-05\n    foreseeable_from: 2023-12\n    source: *src",
    )
    assert evalkit.check_record(record)[1] == []


def test_an_echoed_value_is_cut_short(record):
    edit(record / "campaign.yaml", "format_version: 2", "format_version: " + "x" * 5_000_000)
    edit(record / "activities.csv", "about 400", "y" * 100_000)
    found = problems_of(record)
    [yaml_msg] = [p for p in found if "format_version: expected a whole number, got the text" in p]
    assert "(5,000,000 characters)" in yaml_msg and len(yaml_msg) < 300
    [csv_msg] = [p for p in found if p.startswith("activities.csv:2: participants:")]
    assert "(100,000 characters)" in csv_msg and len(csv_msg) < 600


# --- item 6: a pipe in place of a table -----------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["metrics.csv", "campaign.yaml"])
def test_a_named_pipe_in_place_of_a_record_file_is_refused_without_hanging(record, name):
    (record / name).unlink()
    os.mkfifo(record / name)
    result = validate_process(record)
    assert result.returncode == 1
    assert (
        f"{name}: not a regular file (a pipe, socket or device); evalkit reads only "
        "files saved in the record folder"
    ) in result.stdout


# --- item 7: inputs that raised tracebacks --------------------------------------------------
def test_an_unquoted_400_digit_number_is_a_located_error(record):
    edit(record / "campaign.yaml", "followers: 1200", "followers: " + "9" * 400)
    assert any(
        p.startswith(
            "campaign.yaml:65: media_tools.accounts[0].followers: too large "
            "for a count, got 99999999999999999999… (400 digits)"
        )
        for p in problems_of(record)
    )


def test_a_5000_digit_integer_in_yaml_is_a_located_error(record):
    edit(record / "campaign.yaml", "format_version: 2", "format_version: " + "7" * 5000)
    edit(record / "campaign.yaml", "followers: 1200", "followers: " + "9" * 5000)
    found = problems_of(record)
    assert any(p.startswith("campaign.yaml:4: format_version:") for p in found), found
    assert any(
        p.startswith("campaign.yaml:65: media_tools.accounts[0].followers: too large")
        for p in found
    ), found


def test_notes_nested_10000_deep_is_a_located_error(record):
    line = len((record / "campaign.yaml").read_text(encoding="utf-8").splitlines()) + 1
    with open(record / "campaign.yaml", "a", encoding="utf-8") as fh:
        fh.write("notes: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert (
        f"campaign.yaml:{line}: nested more than 20 levels deep; the format nests at most five "
        "(see docs/campaign-format.md)"
    ) in problems_of(record)


def test_notes_nested_a_million_deep_is_refused_before_it_is_built(record):
    # the C loader itself crashes building 200,000 levels: the parser's events stop at 21
    with open(record / "campaign.yaml", "a", encoding="utf-8") as fh:
        fh.write("notes: " + "{a: " * 1_000_000 + "1" + "}" * 1_000_000 + "\n")
    result = validate_process(record)
    assert result.returncode == 1, result.stderr[-500:]
    assert "campaign.yaml:72: nested more than 20 levels deep" in result.stdout


def test_a_200000_character_cell_is_a_located_error(record):
    edit(record / "activities.csv", "Protest stands in European capitals", "z" * 200_000)
    assert (
        "activities.csv:2: a cell is longer than 131,072 characters, the most a cell may "
        "hold; shorten it (or move long text to a source)"
    ) in problems_of(record)


def test_a_folder_in_place_of_a_table_is_a_located_error(record):
    (record / "activities.csv").unlink()
    (record / "activities.csv").mkdir()
    assert "activities.csv: a folder, not a file; activities.csv must be a file" in problems_of(
        record
    )


def test_every_fault_is_reported_in_one_pass_and_nothing_is_written(record):
    with open(record / "campaign.yaml", "a", encoding="utf-8") as fh:
        fh.write("notes: " + "[" * 100 + "]" * 100 + "\n")
    edit(record / "activities.csv", "Protest stands in European capitals", "z" * 200_000)
    (record / "metrics.csv").write_text("date,metric,value,value,source\n", encoding="utf-8")
    (record / "engagements.csv").unlink()
    (record / "engagements.csv").mkdir()
    before = snapshot(record)
    result = validate_process(record)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for where in (
        "campaign.yaml:72: nested more than 20",
        "activities.csv:2: a cell is longer",
        "metrics.csv:1: value: the column appears 2 times",
        "engagements.csv: a folder, not a file",
    ):
        assert where in result.stdout, result.stdout
    assert snapshot(record) == before


# --- item 8: what a run could not draw ------------------------------------------------------
def test_a_phase_ending_in_9999_is_refused_at_validation(record):
    edit(record / "campaign.yaml", "end: 2024-03", "end: 9999-12")
    assert (
        "campaign.yaml:20: phases[0].end: '9999-12': the year must be from 1700 to 2199"
        in problems_of(record)
    )


def test_series_values_that_are_not_finite_are_refused(record):
    (record / "series.csv").write_text(
        "date,metric,value,source\n2024-01-01,followers,inf,interview-1\n"
        "2024-01-02,followers,1e309,interview-1\n2024-01-03,followers,nan,interview-1\n"
        "9999-12-01,followers,5,interview-1\n",
        encoding="utf-8",
    )
    found = problems_of(record)
    for line, raw in ((2, "inf"), (3, "1e309"), (4, "nan")):
        assert any(
            p.startswith(f"series.csv:{line}: value: '{raw}' is not a number") for p in found
        ), found
    assert any(
        p.startswith(
            "series.csv:5: date: '9999-12-01' is not a day written YYYY-MM-DD from 1700 to 2199"
        )
        for p in found
    ), found


@pytest.mark.parametrize("written", ["[interview-1]", "{name: interview-1}"])
def test_a_source_id_written_as_a_list_or_mapping_beside_a_series_is_located(record, written):
    """The series' source cells are checked against the ids campaign.yaml gives as text: an
    id written as a list or a mapping (unhashable) was a TypeError out of check_record."""
    edit(record / "campaign.yaml", "  - id: interview-1", f"  - id: {written}")
    (record / "series.csv").write_text(
        "date,metric,value,source\n2024-01-01,followers,5,interview-1\n", encoding="utf-8"
    )
    found = problems_of(record)
    assert any(p.startswith("campaign.yaml:14: sources[0].id: ") for p in found), found
    assert (
        "series.csv:2: source: 'interview-1' is not a source id in campaign.yaml's sources" in found
    ), found


MATH = r"Save $\frac{1}{$ Ghouta"


def test_record_text_with_dollars_is_drawn_as_written_in_every_chart(record):
    """Mathtext stays off even if something switched it back on before the charts."""
    import matplotlib

    from evalkit.comparison.tables import mix_plot
    from evalkit.evaluation import Evaluation
    from evalkit.render.charts import verdict_heatmap
    from evalkit.render.report import figure
    from evalkit.render.timeline import campaign_timeline
    from evalkit.results.build import results_document, results_json
    from evalkit.results.model import CampaignResults

    def campaign_results(c):  # as the comparison reads them back from results.json
        return CampaignResults.model_validate_json(results_json(results_document(c)))

    edit(record / "campaign.yaml", "  en: My campaign (filled in)", f"  en: '{MATH}'")
    edit(
        record / "campaign.yaml", 'name: "Phase 1 (filled in)"', r'name: "Phase $\\undefinedmacro$"'
    )
    edit(record / "campaign.yaml", "description: The offensive", r"description: $\x$ The offensive")
    edit(record / "activities.csv", "Protest stands", r"$\undefinedmacro$ stands")
    edit(record / "engagements.csv", "UK Foreign Office", r"$\alpha$ Office")
    matplotlib.rcParams["text.parse_math"] = True
    try:
        campaign = evalkit.load_campaign(record)
        charts = [campaign_timeline(campaign)]
        charts += [q.plot() for q in Evaluation(campaign).questions.values()]
        results = [
            campaign_results(campaign),
            campaign_results(evalkit.load_campaign(CASE_STUDIES / "caesar")),
        ]
        charts += [verdict_heatmap(results), mix_plot(results)]
        svgs = [
            base64.b64decode(figure(fig, "chart").split("base64,")[1].split('"')[0]).decode("utf-8")
            for fig in charts
        ]
    finally:
        matplotlib.rcParams["text.parse_math"] = False
    drawn = "".join(svgs)
    assert r"Phase $\undefinedmacro$" in drawn and "Save $\\frac{1}{$" in drawn


@pytest.mark.slow
def test_a_record_at_the_edges_of_what_validates_runs_and_compares(record, tmp_path):
    """What validation lets through, a run draws: the first and last years, the largest
    count, `$…$` in the campaign's, a phase's and a series' names; then the comparative of
    it and a plain record (the comparative failed for every campaign before)."""
    from evalkit.run.pipeline import compare, evaluate

    plain = tmp_path / "plain"
    plain.mkdir()
    for f in record.iterdir():
        (plain / f.name).write_bytes(f.read_bytes())
    edit(plain / "campaign.yaml", "id: my-campaign", "id: plain")
    edit(record / "campaign.yaml", "  en: My campaign (filled in)", f"  en: '{MATH}'")
    edit(
        record / "campaign.yaml", 'name: "Phase 1 (filled in)"', r'name: "Phase $\\undefinedmacro$"'
    )
    edit(record / "campaign.yaml", "start: 2024-01-10", "start: 1700-02-10")
    edit(record / "campaign.yaml", "end: 2024-03", "end: 2199-12")
    edit(record / "campaign.yaml", "followers: 1200", "followers: 9007199254740992")
    edit(record / "metrics.csv", "about 5000", "9007199254740992")
    with open(record / "metrics.csv", "a", encoding="utf-8") as fh:
        fh.write("2199-12,posts,3,en,,twitter,,,phase-1,$x$,interview-1\n")
    (record / "series.csv").write_text(
        "date,metric,value,source\n"
        + "".join(
            f"1700-{m:02d}-{d:02d},$\\bad$ followers,{(m * 40 + d) * 1e12:.0f},interview-1\n"
            for m in (1, 2, 3)
            for d in range(1, 29)
        ),
        encoding="utf-8",
    )
    assert evalkit.check_record(record)[1] == []
    out = tmp_path / "reports"
    for folder in (record, plain):
        outcome = evaluate(folder, out)
        assert outcome.status == "ok", outcome.describe()
    assert MATH in (out / "my-campaign" / "evaluation.html").read_text(encoding="utf-8")
    outcome = compare(out)
    assert outcome.status == "ok", outcome.error
    assert MATH in (out / "comparative.html").read_text(encoding="utf-8")


def test_a_campaign_yaml_linked_from_outside_is_refused_and_not_shown(record, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (record / "campaign.yaml").unlink()
    (record / "campaign.yaml").symlink_to(secret)
    result = validate_process(record)
    assert result.returncode == 1
    assert "campaign.yaml: refused: a link to a file outside the record folder" in result.stdout
    assert "root:" not in result.stdout + result.stderr


def test_a_long_unknown_column_or_key_is_cut_short_in_the_message(record):
    edit(record / "metrics.csv", ",note,", "," + "n" * 50_000 + ",")
    # YAML keys are at most 1,024 characters
    edit(
        record / "campaign.yaml",
        "  en: My campaign (filled in)\n",
        "  en: Mine\n  " + "k" * 1000 + ": 1\n",
    )
    found = problems_of(record)
    assert "metrics.csv:1: " + "n" * 60 + "… (50,000 characters): unknown column" in " ".join(found)
    assert "campaign.yaml:8: name." + "k" * 60 + "… (1,000 characters): unknown key" in " ".join(
        found
    )
    assert max(map(len, found)) < 1000


def test_one_mistake_copied_down_a_column_is_said_once_with_its_lines(tmp_path):
    """218 rows with exposure 0 were 218 lines of the same message, hiding any other; now one
    line names the rows, and a problem of its own still stands where it was."""
    import shutil

    from click.testing import CliRunner

    from conftest import CASE_STUDIES
    from evalkit.cli import main

    record = tmp_path / "rec"
    shutil.copytree(CASE_STUDIES / "caesar", record)
    rows = [f"2014-06-{d:02d},followers,{100 + d},reach,0,paper-s3-2" for d in range(1, 29)]
    rows[10] = "2014-06-11,followers,oops,reach,5,paper-s3-2"  # one mistake of its own
    (record / "series.csv").write_text(
        "date,metric,value,measures,exposure,source\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(main, ["validate", str(record)]).output
    lines = [line.strip() for line in out.splitlines() if "series.csv" in line]
    assert f"{record}: 28 errors: the record cannot be evaluated" in out, out
    assert len(lines) == 2, lines
    assert lines[0] == (
        f"{record / 'series.csv'}:2–11, 13–29 (27 lines): exposure: '0': an exposure (such as a "
        "population) must be positive"
    )
    assert lines[1].startswith(f"{record / 'series.csv'}:12: value: 'oops'"), lines
