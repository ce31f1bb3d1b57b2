"""A record as one spreadsheet workbook (evalkit new --xlsx, validate/run of a .xlsx,
evalkit convert): lossless both ways, problems located on sheet and cell, drop-down lists,
and a file that LibreOffice opens."""

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from conftest import CASE_STUDIES, make_workbook_own  # noqa: E402
from evalkit.cli import main  # noqa: E402
from evalkit.record.load import check_record  # noqa: E402
from evalkit.record.workbook import folder_to_workbook, workbook_to_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RECORDS = [
    *(CASE_STUDIES / c for c in ("aleppo-is-burning", "save-ghouta", "idlib-under-fire", "caesar")),
    *sorted(p for p in (ROOT / "tests" / "records").iterdir() if p.is_dir()),
    ROOT / "examples" / "sicily-smoke-free-law",
]


def _results(record: Path) -> dict:
    """What an evaluation computes (results.json's content), less the record's place."""
    from evalkit.results.build import campaign_results

    campaign, problems = check_record(record)
    assert not problems, [str(p) for p in problems]
    results = json.loads(json.dumps(campaign_results(campaign, ""), default=str))
    results["record"].pop("path", None)
    results["record"].pop("content_hash", None)
    # the paper's own grid (paper_grid.csv beside a case study) is reference data, not part
    # of the record: a workbook does not carry it, so it is no part of the round trip
    results.pop("paper_grid", None)
    return results


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.name)
def test_a_record_round_trips_through_a_workbook_with_the_same_results(record, tmp_path):
    book = folder_to_workbook(record, tmp_path / f"{record.name}.xlsx")
    back = tmp_path / "back" / record.name
    conv = workbook_to_folder(book, back)
    assert conv.problems == []
    before = _results(record)
    assert _results(book) == before  # the workbook read directly
    assert _results(back) == before  # and converted back to a folder
    for table in ("activities.csv", "metrics.csv", "engagements.csv"):
        lines = (record / table).read_text(encoding="utf-8-sig").splitlines()
        assert len((back / table).read_text(encoding="utf-8").splitlines()) == len(lines)


def test_problems_are_located_on_sheet_and_cell_all_in_one_pass(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    acts = wb["activities"]
    kind = [c.value for c in acts[1]].index("kind") + 1
    acts.cell(row=12, column=kind, value="lobying")
    goals = wb["goals"]
    level = [c.value for c in goals[1]].index("level") + 1
    goals.cell(row=2, column=level, value="mainn")
    wb["judgements"].cell(row=2, column=1, value="no-such-goal")
    wb.create_sheet("activites")
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    out = result.output
    letter = openpyxl.utils.get_column_letter(kind)
    assert f"activities!{letter}12: kind: unknown code 'lobying'" in out
    assert (
        f"goals!{openpyxl.utils.get_column_letter(level)}2: level: unknown code 'mainn'" in out
    )  # the field as the sheet's column names it, not the YAML path goals[0].level
    assert "judgements!A2: goal: 'no-such-goal' is not the id of an entry on the goals" in out
    assert "activites: sheet 'activites' is not a record sheet, and is not read; the sheets" in out
    assert "Traceback" not in out


def test_a_sheet_that_is_not_a_records_is_taken_for_a_renamed_one_only_by_its_name(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    del wb["series"]  # an optional sheet deleted, and a sheet of notes added: no rename
    wb.create_sheet("Notes")
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert "Notes: sheet 'Notes' is not a record sheet, and is not read; the sheets are " in (
        result.output
    )
    assert "(missing here: series)" in result.output and "renamed" not in result.output


def test_a_row_below_a_blank_row_is_cited_by_the_report_as_the_sheets_row(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["activities"].insert_rows(4, amount=2)  # two blank rows, as a user leaves them
    wb.save(book)
    conv = workbook_to_folder(book, tmp_path / "folder")
    assert not conv.problems
    sheet = openpyxl.load_workbook(book)["activities"]
    lines = (tmp_path / "folder" / "activities.csv").read_text(encoding="utf-8").splitlines()
    # line N of the CSV the report cites (activities.csv:N) is row N of the sheet
    assert lines[3] == lines[4] == ""
    for n in range(2, sheet.max_row + 1):
        if sheet.cell(row=n, column=1).value:
            assert lines[n - 1].startswith(str(sheet.cell(row=n, column=1).value) + ","), n
    campaign, problems = check_record(book)
    assert not problems and len(campaign.activities) == sheet.max_row - 3


def test_two_workbooks_with_one_id_name_the_cell_that_holds_it(tmp_path):
    for name in ("first", "second"):
        folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / f"{name}.xlsx")
    out = CliRunner().invoke(main, ["validate", str(tmp_path)]).output
    row = 1 + [
        c.value for c in openpyxl.load_workbook(tmp_path / "first.xlsx")["campaign"]["A"]
    ].index("id")
    assert f"first.xlsx: campaign!B{row}: id: 'caesar' is also the id of " in out
    assert "first.xlsx/campaign.yaml" not in out and "second.xlsx/campaign.yaml" not in out


def test_a_file_that_is_not_a_workbook_gets_a_sentence(tmp_path):
    fake = tmp_path / "record.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(fake)])
    assert result.exit_code == 1 and "cannot be read as an .xlsx workbook" in result.output


def test_a_workbook_that_would_inflate_to_gigabytes_is_refused_before_it_is_opened(tmp_path):
    import zipfile

    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    with zipfile.ZipFile(book, "a", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/padding.xml", "w") as part:
            for _ in range(64):
                part.write(b"\0" * 1_000_000)  # 64 MB of zeros: about 60 KB stored
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    assert "would inflate to 64,3" in result.output and "hostile" in result.output
    assert "Traceback" not in result.output


def test_a_month_excel_stored_as_a_date_stays_a_month_and_typed_cells_stay_text(tmp_path):
    import datetime as dt

    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    # what Excel makes of "June 2020", "2014" shown as a year, and an exact day
    month = wb["judgements"]["C2"]
    month.value, month.number_format = dt.datetime(2020, 6, 1), "mmm-yy"
    year = wb["engagements"]["A2"]
    year.value, year.number_format = dt.datetime(2014, 1, 1), "yyyy"
    day = wb["engagements"]["A3"]
    day.value, day.number_format = dt.datetime(2014, 7, 31), "yyyy-mm-dd"
    # every column of the template is text, so what is typed later is kept as typed
    assert all(
        wb[name].column_dimensions["A"].number_format == "@"
        for name in ("activities", "metrics", "judgements", "phases")
    )
    wb.save(book)
    conv = workbook_to_folder(book, tmp_path / "folder")
    assert not conv.problems
    yaml_text = (tmp_path / "folder" / "campaign.yaml").read_text(encoding="utf-8")
    assert "as_of: 2020-06\n" in yaml_text or "as_of: '2020-06'" in yaml_text
    lines = (tmp_path / "folder" / "engagements.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("2014,") and lines[2].startswith("2014-07-31,")


def test_new_xlsx_writes_a_workbook_with_comments_and_drop_downs_that_validates(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["new", str(tmp_path / "River Campaign"), "--xlsx"])
    assert result.exit_code == 0, result.output
    book = tmp_path / "river-campaign.xlsx"
    assert book.is_file() and not (tmp_path / "river-campaign").exists()
    wb = openpyxl.load_workbook(book)
    for sheet in (
        "campaign",
        "sources",
        "phases",
        "hot_events",
        "goals",
        "audiences",
        "accounts",
        "hashtags",
        "coalitions",
        "activities",
        "metrics",
        "engagements",
        "series",
    ):
        assert sheet in wb.sheetnames
    acts = wb["activities"]
    headings = {c.value: c for c in acts[1]}
    assert "one of: mobilisation" in headings["kind"].comment.text
    assert headings["date"].comment.text.startswith("required")
    lists = {str(dv.sqref).split(":")[0][0] for dv in acts.data_validations.dataValidation}
    assert openpyxl.utils.get_column_letter(list(headings).index("kind") + 1) in lists
    assert acts["A2"].fill.fgColor.rgb.endswith("EEEEEE")  # examples shaded
    # untouched, its examples are named row by row: they are not the campaign's data
    result = runner.invoke(main, ["validate", str(book)])
    problems = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert result.exit_code == 1 and len(problems) >= 10, result.output
    # each shaded row, and each single field of the campaign sheet still the template's text
    assert all("still the template's example" in line for line in problems), problems
    assert "  activities!A2: " in result.output
    assert "  campaign!B10: evaluator: still the template's example text" in result.output
    # the examples are otherwise a valid record: with their shading cleared and the
    # campaign's single fields written, it validates
    make_workbook_own(book, lambda name, _: f"the river campaign's {name}")["book"].save(book)
    result = runner.invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    campaign, _ = check_record(book)
    assert campaign.id == "river-campaign" and campaign.record.name.en == "River Campaign"


def test_an_example_row_overwritten_with_the_campaigns_own_is_not_an_example(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "river"), "--xlsx"])
    assert result.exit_code == 0, result.output
    book = tmp_path / "river.xlsx"
    wb = openpyxl.load_workbook(book)
    partners = wb["partners"]
    # the example partner overwritten (its shading kept, as Excel keeps it), and a second
    # copy of the example left as it was apart from its source
    header = [c.value for c in partners[1]]
    example = [c.value for c in partners[2]]
    shading = copy.copy(partners["A2"].fill)
    for col, value in enumerate(example, start=1):
        partners.cell(row=3, column=col, value=value).fill = copy.copy(shading)
    partners.cell(row=2, column=header.index("name") + 1, value="River Keepers")
    partners.cell(row=2, column=header.index("orientation") + 1, value="environment")
    partners.cell(row=2, column=header.index("country") + 1, value="Iraq")
    wb.save(book)
    output = CliRunner().invoke(main, ["validate", str(book)]).output
    assert "partners!A3: still the template's example row" in output
    assert "partners!A2" not in output


def test_run_accepts_a_workbook_like_a_folder(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "save-ghouta", tmp_path / "save-ghouta.xlsx")
    result = CliRunner().invoke(
        main, ["run", str(book), "--out", str(tmp_path / "out"), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    results = json.loads((tmp_path / "out" / "save-ghouta" / "results.json").read_text())
    assert results["record"]["id"] == "save-ghouta"


def test_convert_goes_both_ways_and_never_overwrites(tmp_path):
    runner = CliRunner()
    book = tmp_path / "caesar.xlsx"
    assert runner.invoke(main, ["convert", str(CASE_STUDIES / "caesar"), str(book)]).exit_code == 0
    folder = tmp_path / "caesar"
    assert runner.invoke(main, ["convert", str(book), str(folder)]).exit_code == 0
    assert check_record(folder)[1] == []
    again = runner.invoke(main, ["convert", str(book), str(folder)])
    assert again.exit_code == 2 and "never overwrites" in again.output


def test_libreoffice_opens_the_workbook_and_reads_its_tables(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(
            "LibreOffice is not installed (scripts/test.sh installs Debian's "
            "libreoffice-calc-nogui when run as root)"
        )
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    # LibreOffice re-saves it as its own .xlsx: what an evaluator's edit in Calc gives back
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    resaved = tmp_path / "lo-out" / "caesar.xlsx"
    assert resaved.is_file()
    assert _results(resaved) == _results(CASE_STUDIES / "caesar")


def test_workbook_problems_come_sheet_by_sheet_then_row_by_row_in_one_pass(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)

    def put(sheet, row, column, value):
        ws = wb[sheet]
        ws.cell(row=row, column=[c.value for c in ws[1]].index(column) + 1, value=value)

    # written in no order, in columns whose letters and rows sort wrongly as text
    put("activities", 12, "kind", "lobying")
    put("engagements", 11, "type", "call")
    put("activities", 9, "scope", "globl")
    put("goals", 3, "horizon", "soon")
    put("activities", 3, "kind", "x")
    put("engagements", 3, "type", "call")
    put("activities", 10, "date", "31/12/2015")
    put("activities", 2, "channel", "zoom")
    put("goals", 2, "level", "mainn")
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1
    cells = [line.split(":")[0].strip() for line in result.output.splitlines()[1:-1]]
    assert cells == [
        "goals!B2",
        "goals!C3",
        "activities!H2",
        "activities!E3",
        "activities!I9",
        "activities!B10",
        "activities!E12",
        "engagements!D3",
        "engagements!D11",
    ], result.output


def _lo_resave(book: Path, tmp_path: Path) -> Path:
    """The workbook as LibreOffice Calc saves it again (what an evaluator's Save gives)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(
            "LibreOffice is not installed (scripts/test.sh installs Debian's "
            "libreoffice-calc-nogui when run as root)"
        )
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return tmp_path / "lo-out" / book.name


def test_a_formula_with_no_saved_result_is_a_problem_at_its_cell_and_a_saved_one_is_read(
    tmp_path,
):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    acts, metrics = wb["activities"], wb["metrics"]
    part = [c.value for c in acts[1]].index("participants") + 1
    value = [c.value for c in metrics[1]].index("value") + 1
    # openpyxl writes a formula without its result, as any program but a spreadsheet does
    acts.cell(row=7, column=part, value="=20+5")
    metrics.cell(row=2, column=value, value="=SUM(1000,200)")
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()[1:-1]
    col = openpyxl.utils.get_column_letter
    assert [line.split(":")[0].strip() for line in lines] == [
        f"activities!{col(part)}7",
        f"metrics!{col(value)}2",
    ], result.output
    assert "'=20+5') with no saved result" in lines[0]
    assert "open the workbook in Excel or LibreOffice and save it" in lines[0]
    assert "required field is missing" not in result.output  # the cause, not its effect
    # saved by LibreOffice, the workbook keeps each formula's result, and that is read
    campaign, problems = check_record(_lo_resave(book, tmp_path))
    assert problems == [], [str(p) for p in problems]
    row = campaign.activities[campaign.activities["row"] == 7].iloc[0]
    assert row["participants_low"] == 25
    assert 1200 in set(campaign.metrics[campaign.metrics["row"] == 2]["value_low"])


def test_a_merged_range_is_named_at_the_cell_it_empties_and_on_its_own(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    acts = wb["activities"]
    channel = openpyxl.utils.get_column_letter([c.value for c in acts[1]].index("channel") + 1)
    acts.merge_cells(f"{channel}2:{channel}3")  # a required cell emptied by the merge
    acts.merge_cells("S2:S3")  # an optional column, beyond the table's: nothing else says it
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.output.splitlines()[1:-1]]
    assert lines == [
        "activities!S2:S3: the cells S2:S3 are merged: only the first, S2, holds a value (the "
        "others are read as empty); unmerge them and fill in each cell",
        f"activities!{channel}3: channel: required field is missing: the cell is part of the "
        f"merged range {channel}2:{channel}3, and only its first cell, {channel}2, holds a "
        "value (the others are read as empty); unmerge the range and fill in each cell",
    ], result.output


def _put(ws, row: int, column: str, value) -> None:
    ws.cell(row=row, column=[c.value for c in ws[1]].index(column) + 1, value=value)


def test_a_workbooks_problems_name_its_sheets_and_rows_never_campaign_yaml_or_a_csv(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    acts = wb["activities"]
    # a cell of three lines, which a CSV's cell cannot be: said at its cell, and the rows
    # below it are still named as the sheet's
    _put(acts, 2, "description", "one\ntwo\nthree")
    _put(acts, 5, "date", "1990")
    _put(acts, 7, "date", "1991")
    _put(acts, 8, "source", "no-such-source")
    wb["metrics"].title = "metrics (2)"  # a copy renamed, as Excel names it
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.output.splitlines()[1:-1]]
    assert (
        "activities!D2: description: the cell holds a line break (Alt+Enter in Excel, "
        "Ctrl+Enter in LibreOffice), and a table's cell is one line: join its lines" in lines
    ), result.output
    assert "activities!B5: date: 2 rows are dated outside the campaign" in result.output
    assert "from its phases sheet); rows 5, 7: check those dates" in result.output
    assert (
        "activities!Q8: source: unknown source 'no-such-source'; add it to the sources sheet"
        in lines
    )
    assert (
        "metrics (2): sheet 'metrics (2)' is not a record sheet, and is not read; the sheet "
        "'metrics' is missing: was it renamed? Name it 'metrics' again" in lines
    ), result.output
    # the series sheet's own
    book = folder_to_workbook(ROOT / "examples" / "sicily-smoke-free-law", tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(book)
    series = wb["series"]
    _put(series, 2, "source", "no-such-source")
    _put(series, 4, "date", series.cell(row=3, column=1).value)
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert "series!F2: source: 'no-such-source' is not a source id on the sources sheet" in (
        result.output
    )
    assert "for 'acute coronary events' on row 3; one row per metric and date" in result.output
    # nor does the workbook itself, in its headings' comments
    said = [c.comment.text for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    for output in (result.output, *lines, *said):
        assert "campaign.yaml" not in output and ".csv" not in output, output
        assert not re.search(r"\blines? \d", output), output


def test_an_entry_whose_parents_id_a_merge_emptied_says_the_merge(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    goals, judgements = wb["goals"], wb["judgements"]
    second = goals["A3"].value
    wb["goals"].merge_cells("A2:A3")  # the second goal's id is lost under the first's
    wb.save(book)
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 1, result.output
    assert "goals!A3: id: required field is missing: the cell is part of the merged range " in (
        result.output
    )
    row = next(r for r in range(2, judgements.max_row + 1) if judgements.cell(r, 1).value == second)
    assert (
        f"judgements!A{row}: goal: {second!r} is not the id of an entry on the goals sheet (its "
        "ids in the merged range A2:A3 are read as empty but for the first: unmerge them and "
        "fill in each)" in result.output
    ), result.output


def test_a_formula_whose_saved_result_is_an_error_is_a_problem_at_its_cell(tmp_path):
    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    acts = wb["activities"]
    _put(acts, 4, "description", "=1/0")  # text would take '#DIV/0!' as a description
    _put(acts, 5, "participants", "=20+5")
    wb.save(book)
    resaved = _lo_resave(book, tmp_path)  # LibreOffice saves each formula's result
    result = CliRunner().invoke(main, ["validate", str(resaved)])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.output.splitlines()[1:-1]]
    assert lines == [
        "activities!D4: description: a formula ('=1/0') whose result is an error "
        "('#DIV/0!'), not a value of the record: correct the formula, or type the value"
    ], result.output


def test_new_with_a_name_ending_in_xlsx_writes_a_workbook_not_a_folder(tmp_path):
    """`evalkit new river.xlsx` made a folder 'river-xlsx'; the name asks for a workbook."""
    result = CliRunner().invoke(main, ["new", str(tmp_path / "river.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "river.xlsx").is_file()
    assert not (tmp_path / "river-xlsx").exists()
    assert f"created {tmp_path / 'river.xlsx'} (id: river)" in result.output


def test_brackets_alone_on_a_list_s_sheet_say_the_list_is_empty(tmp_path):
    # trial 11, L5: `[]` in coalitions!A2 gave three errors (an id, a name, a source)
    import openpyxl

    from evalkit.record.workbook import check_workbook

    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    kept = [c.value for c in wb["coalitions"][2]]  # its first coalition, to put back
    for name in ("coalitions", "members"):
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                cell.value = None
    wb["coalitions"]["A2"] = "[]"
    wb.save(book)
    campaign, problems = check_workbook(book)
    assert problems == [], [str(p) for p in problems]
    assert campaign.record.coalitions == [] and campaign.record.recorded("coalitions")
    for col, value in enumerate(kept, start=1):
        wb["coalitions"].cell(row=3, column=col, value=value)
    wb.save(book)
    _, problems = check_workbook(book)
    assert [(p.file.rsplit("/", 1)[-1], str(p.message)) for p in problems] == [
        (
            "coalitions!A2",
            "[] says there were no coalitions, but the sheet lists some: remove the [] row, "
            "or the entries",
        )
    ]
