"""`--lang ar` on the command line: `evalkit validate`, `run`, `run-all` and `compare` say
what they say in Arabic — every problem of a record, the summaries, the errors — with the
record's own values (cells, ids, file, sheet and column names, lines) kept as written and
isolated (FSI … PDI), so that mixed Arabic and Latin text keeps its order; English output is
what it was."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASE_STUDIES, edit
from evalkit.cli import main
from evalkit.i18n import FSI, PDI, Msg, catalogue, plural_catalogue
from evalkit.record.problems import Problem, said

PACKAGE = Path(__file__).resolve().parents[1] / "evalkit"
ARABIC = re.compile("[\u0600-\u06ff]")


def _plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def _set_cells(path: Path, changes: dict[tuple[int, str], str], rename: dict | None = None):
    """Change cells of a CSV table: {(data row from 1, column): text}; rename columns."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for (row, column), text in changes.items():
        rows[row][header.index(column)] = text
    for old, new in (rename or {}).items():
        header[header.index(old)] = new
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_validate_lang_ar_says_the_most_seen_problems_in_arabic(record):
    """An unknown column (a typo of a required one, so missing too) and a required field
    left out: Arabic sentences, the names the evaluator types as written."""
    _set_cells(record / "activities.csv", {}, rename={"channel": "chanel"})
    edit(record / "campaign.yaml", "evaluator: Your name (filled in)\n", "")
    code, out = _validate("--lang", "ar", str(record))
    assert code == 1
    text = _plain(out)
    assert f"{record / 'campaign.yaml'}:" in text and ": evaluator: حقل مطلوب ناقص" in text
    assert (
        f"{record / 'activities.csv'}:1: chanel: عمود غير معروف (هل المقصود 'channel'؟)؛ "
        "الأعمدة المقبولة: id، event، date، " in text
    )
    assert f"{record / 'activities.csv'}:1: channel: عمود مطلوب ناقص" in text
    assert _plain(out.splitlines()[0]) == f"{record}: 3 أخطاء: لا يمكن تقييم السجل حتى تُصحَّح"


def test_validate_lang_ar_says_row_problems_in_arabic_with_the_cells_intact(record):
    _set_cells(
        record / "activities.csv",
        {
            (1, "date"): "15/03/2024",
            (1, "kind"): "mobilisaton",
            (1, "participants"): "كثير جداً",
            (1, "source"): "interview-2",
        },
    )
    with open(record / "activities.csv", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    (record / "activities.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    code, out = _validate("--lang", "ar", str(record))
    assert code == 1
    text = _plain(out)
    where = f"{record / 'activities.csv'}:2"
    assert f"{where}: date: '15/03/2024' ليس تاريخاً؛ المتوقع تاريخ بالصيغة YYYY-MM-DD" in text
    # the hint reads the day, its month named as Syrian readers name it
    assert "تلميح: اكتب 2024-03-15 (15 آذار/مارس 2024، بقراءته يوم/شهر/سنة" in text
    assert (
        f"{where}: kind: قيمة غير مقبولة 'mobilisaton' (هل المقصود 'mobilisation'؟)؛ "
        "المتوقع واحدة من: mobilisation، advocacy، lobbying أو coalition_building" in text
    )
    # an Arabic cell quoted back whole, in the Arabic sentence
    assert f"{where}: participants: المتوقع عدد، مع وصف إن شئت" in text
    assert "والمكتوب 'كثير جداً'" in text
    assert f"{where}: source: مصدر غير معروف 'interview-2' (هل المقصود 'interview-1'؟)" in text
    assert "أضفه إلى مصادر السجل (في campaign.yaml)" in text
    assert f"{record / 'activities.csv'}:3: id: معرّف مكرر 'stands'" in text
    # the count of problems agrees with its number (Arabic's plural forms)
    assert _plain(out.splitlines()[0]) == (
        f"{record}: 9 أخطاء: لا يمكن تقييم السجل حتى تُصحَّح"
    )  # the row copied: 4 + 1 + 4
    assert _plain(out.splitlines()[-1]) == "السجلات الصالحة: 0 من سجل واحد"


def test_the_records_values_are_isolated_in_an_arabic_line(record):
    _set_cells(record / "activities.csv", {(1, "date"): "15/03/2024"})
    _, out = _validate("--lang", "ar", str(record))
    line = next(line for line in out.splitlines() if "15/03/2024" in line)
    # place, field and value each an isolate of their own: a terminal or a page shows the
    # Arabic sentence right to left with each of them in its own order
    assert f"{FSI}{record / 'activities.csv'}:2{PDI}: {FSI}date{PDI}: " in line
    assert f"{FSI}'15/03/2024'{PDI} ليس تاريخاً" in line
    # the format's own Latin words in the Arabic sentence are isolated too
    assert f"{FSI}YYYY-MM-DD{PDI}" in line and f"{FSI}2016-09..2016-12{PDI}" in line


def test_validate_in_english_is_unchanged(record):
    _set_cells(
        record / "activities.csv", {(1, "kind"): "mobilisaton", (1, "source"): "interview-2"}
    )
    code, out = _validate(str(record))
    assert code == 1
    assert not ARABIC.search(out) and FSI not in out
    acts = record / "activities.csv"
    assert out.splitlines() == [
        f"{record}: 2 errors: the record cannot be evaluated until they are fixed",
        f"  {acts}:2: kind: unknown code 'mobilisaton' (did you mean 'mobilisation'?); "
        "expected one of: mobilisation, advocacy, lobbying or coalition_building",
        f"  {acts}:2: source: unknown source 'interview-2' (did you mean 'interview-1'?); "
        "add it to the record's sources (in campaign.yaml)",
        "0 of 1 record(s) valid",
    ]
    assert _validate("--lang", "en", str(record))[1] == out


def test_a_valid_record_and_the_summary_in_arabic_agree_with_their_numbers():
    code, out = _validate(
        "--lang", "ar", str(CASE_STUDIES / "caesar"), str(CASE_STUDIES / "idlib-under-fire")
    )
    assert code == 0
    lines = [_plain(line) for line in out.splitlines()]
    assert lines == [
        f"{CASE_STUDIES / 'caesar'}: صالح",
        f"{CASE_STUDIES / 'idlib-under-fire'}: صالح",
        "السجلات الصالحة: 2 من سجلين",
    ]


def test_a_mistake_copied_down_a_column_is_said_once_with_its_lines_in_arabic(record):
    _set_cells(record / "metrics.csv", {(1, "date"): "2024-13"})
    with open(record / "metrics.csv", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    (record / "metrics.csv").write_text(
        "\n".join([*lines, lines[1], lines[1]]) + "\n", encoding="utf-8"
    )
    _, out = _validate("--lang", "ar", str(record))
    text = _plain(out)
    assert (
        f"{record / 'metrics.csv'}، الأسطر 2–4 (3 أسطر): date: '2024-13': الشهر يجب أن يكون من 01 إلى 12"
        in text
    )


def test_a_workbooks_sheet_and_cell_problems_in_arabic_name_the_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from evalkit.record.workbook import folder_to_workbook

    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    sheet = wb["activities"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("kind") + 1).value = "lobying"
    sheet.cell(row=4, column=header.index("source") + 1).value = "no-such-source"
    wb.create_sheet("Sheet1")
    wb.save(book)
    code, out = _validate("--lang", "ar", str(book))
    assert code == 1
    text = _plain(out)
    letter = openpyxl.utils.get_column_letter
    assert (
        f"activities!{letter(header.index('kind') + 1)}3: kind: قيمة غير مقبولة 'lobying' "
        "(هل المقصود 'lobbying'؟)" in text
    )
    assert (
        f"activities!{letter(header.index('source') + 1)}4: source: مصدر غير معروف 'no-such-source'"
        in text
    )
    # the workbook's words, not the folder's: its sources sheet
    assert "أضفه إلى ورقة sources (المصادر)" in text and "campaign.yaml" not in text
    assert "Sheet1: الورقة 'Sheet1' ليست من أوراق السجل ولا تُقرأ؛ أوراق السجل هي README، " in text
    english = _validate(str(book))[1]
    assert "add it to the sources sheet" in english and not ARABIC.search(english)


def test_a_workbooks_rows_are_named_as_rows_in_arabic(tmp_path):
    """A message naming a table's lines names a workbook's rows: 'rows 2, 3' («الصفوف»)."""
    openpyxl = pytest.importorskip("openpyxl")
    from evalkit.record.workbook import folder_to_workbook

    book = folder_to_workbook(CASE_STUDIES / "caesar", tmp_path / "caesar.xlsx")
    wb = openpyxl.load_workbook(book)
    sheet = wb["activities"]
    column = [c.value for c in sheet[1]].index("date") + 1
    for row in (2, 3):
        sheet.cell(row=row, column=column).value = "1990"
    wb.save(book)
    ar = _plain(_validate("--lang", "ar", str(book))[1])
    en = _validate(str(book))[1]
    assert "rows 2, 3: check those dates" in en
    assert "صفان مؤرخان خارج مدة الحملة" in ar and "الصفوف 2، 3: راجع هذه التواريخ" in ar


def test_run_lang_ar_says_an_invalid_record_in_arabic_on_screen_and_in_the_index(record, tmp_path):
    _set_cells(record / "activities.csv", {(1, "kind"): "mobilisaton"})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(record), "--out", str(out), "--no-progress", "--lang", "ar", "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    text = _plain(result.output)
    assert f"{record}: سجل غير صالح، لم يُقيَّم: فيه خطأ واحد" in text
    assert "kind: قيمة غير مقبولة 'mobilisaton' (هل المقصود 'mobilisation'؟)" in text
    assert text.splitlines()[-1] == (
        "لم يُكتب أي تقييم؛ السجلات التي أخفقت أو كانت غير صالحة: 1 من سجل واحد"
    )
    # bad input alone writes nothing (tests/test_run_leaves_nothing.py), and says so
    assert f"لم يُكتب شيء في {out}: لم يمكن تقييم أي سجل" in text and not out.exists()
    # the index of a run that writes one (beside a record evaluated) lists it in Arabic
    from evalkit.run.pipeline import evaluate, write_index

    outcome = evaluate(record, out)
    assert outcome.status == "invalid"
    out.mkdir()
    index = write_index(out, [outcome], lang="ar").read_text(encoding="utf-8")
    assert "قيمة غير مقبولة" in index and "mobilisaton" in index


def test_no_record_found_is_said_in_arabic(tmp_path):
    (tmp_path / "empty").mkdir()
    code, out = _validate("--lang", "ar", str(tmp_path / "empty"))
    assert code == 2
    assert "لم يُعثر على أي سجل حملة (السجل مجلد فيه campaign.yaml)" in _plain(out)


def test_a_folder_that_is_not_a_record_is_skipped_in_arabic(tmp_path):
    batch = tmp_path / "batch"
    (batch / "notes").mkdir(parents=True)
    (batch / "notes" / "Campaign.YAML").write_text("id: x\n", encoding="utf-8")
    import shutil

    shutil.copytree(CASE_STUDIES / "caesar", batch / "caesar")
    code, out = _validate("--lang", "ar", str(batch))
    assert code == 1
    text = _plain(out)
    assert f"{batch / 'notes'}: تُخطّي، ليس سجلاً: ليس فيه campaign.yaml (فيه Campaign.YAML" in text
    assert text.splitlines()[-1] == (
        "السجلات الصالحة: 1 من سجل واحد؛ تُخطّي مجلد واحد ليس سجلاً (notes)"
    )


def test_an_untranslated_message_shows_in_english_and_never_fails():
    p = Problem("activities.csv", 4, "kind", Msg("a sentence no catalogue has: {x}", x="y"))
    assert _plain(p.said_in("ar")) == "activities.csv:4: kind: a sentence no catalogue has: y"
    plain = Problem("activities.csv", 4, "", "a message made as plain text")
    assert _plain(said([plain], "ar")[0]) == "activities.csv:4: a message made as plain text"


def _problem_messages() -> tuple[set[str], set[str]]:
    """The msgids of every Msg the record's checks and the command line build (the literal
    templates of `Msg(…)` in evalkit/record, evalkit/run, evalkit/cli.py), without and with a
    count."""
    files = [*sorted((PACKAGE / "record").glob("*.py")), *sorted((PACKAGE / "run").glob("*.py"))]
    files.append(PACKAGE / "cli.py")
    single, counted = set(), set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Msg", "N_"):
                literals = [
                    a.value
                    for a in node.args[:2]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                if len(literals) == 2:
                    counted.add(literals[0])
                elif literals:
                    single.add(literals[0])
    return single, counted


def test_every_problem_message_has_an_arabic_translation_with_the_same_fields():
    single, counted = _problem_messages()
    assert len(single) > 150  # the record's checks and the command's lines
    ar, forms = catalogue("ar"), plural_catalogue("ar")
    assert sorted(m for m in single if not ar.get(m)) == []
    assert sorted(m for m in counted if m not in forms) == []
    fields = lambda text: set(re.findall(r"\{(\w+)\}", text))  # noqa: E731
    for m in single:
        assert fields(ar[m]) == fields(m), m
    for m in counted:
        assert all(fields(f) <= fields(m) | {"n"} for f in forms[m]), m


def test_the_lang_option_is_offered_by_every_command_that_reports():
    for command in ("validate", "run", "run-all", "compare"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert "--lang [en|ar]" in result.output, command


def test_compare_lang_ar_says_a_comparison_it_cannot_make_in_arabic(tmp_path):
    empty = tmp_path / "reports"
    empty.mkdir()
    ar = CliRunner().invoke(main, ["compare", str(empty), "--lang", "ar"])
    assert ar.exit_code == 1
    assert _plain(ar.output).splitlines() == [
        "التقرير المقارن: أخفق: ",
        f"  {empty}: لا يوجد هنا أي ملف <id>/results.json للمقارنة؛ قيّم السجلات أولاً (evalkit run)",
    ]
    en = CliRunner().invoke(main, ["compare", str(empty)])
    assert en.output.splitlines() == [
        "comparative: failed: ",
        f"  {empty}: no <id>/results.json here to compare; evaluate the records first "
        "(evalkit run)",
    ]
