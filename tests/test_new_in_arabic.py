"""`evalkit new`, `convert` and `worksheets` take `--lang`: an Arabic-first evaluator starts
a record whose comments, instructions and example texts are Arabic — the format's keys,
columns, codes, ids and sheet names as the format defines them — and a workbook laid out
right to left whose instructions, column notes and drop-down messages are Arabic; each of
these commands says its lines and errors in the language asked for. The starter record of
each language, filled in, validates and runs to a report."""

from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import CASE_STUDIES, fill_in
from evalkit.cli import main
from evalkit.i18n import FSI, PDI
from evalkit.record.template import SCAFFOLD_TEXTS, scaffold_files

ARABIC = re.compile("[\u0600-\u06ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _arabic_fill_in(folder: Path) -> None:
    """What an evaluator who writes in Arabic does: each Arabic example text replaced by
    the campaign's own (here: the example's words with a word added)."""
    said = sorted(
        {t for t in (_arabic(t) for t in SCAFFOLD_TEXTS) if ARABIC.search(t)}, key=len, reverse=True
    )
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        for s in said:
            text = text.replace(s, s + ("_النهر" if s.startswith("#") else " (للنهر)"))
        text = text.replace("@mycampaign", "@river_campaign")
        path.write_text(text, encoding="utf-8")


def _arabic(text: str) -> str:
    from evalkit.i18n import tr

    return str(tr(text, "ar"))


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path, node


def test_the_arabic_scaffold_says_its_comments_and_examples_in_arabic_and_keeps_the_format():
    en, ar = scaffold_files("en"), scaffold_files("ar")
    assert set(en) == set(ar)
    yaml_ar = ar["campaign.yaml"]
    comments = [
        line.split("#", 1)[1] for line in yaml_ar.splitlines() if re.match(r"\s*#|.*\s#\s", line)
    ]
    assert len(comments) == sum(
        1 for line in en["campaign.yaml"].splitlines() if re.match(r"\s*#|.*\s#\s", line)
    )
    assert all(ARABIC.search(c) for c in comments), [c for c in comments if not ARABIC.search(c)]
    load = YAML(typ="safe").load
    en_data, ar_data = load(en["campaign.yaml"]), load(yaml_ar)
    en_leaves, ar_leaves = dict(_leaves(en_data)), dict(_leaves(ar_data))
    assert set(en_leaves) == set(ar_leaves)  # the same keys, entries and fields
    texts = set(SCAFFOLD_TEXTS)
    for path, value in en_leaves.items():
        other = ar_leaves[path]
        if value in texts or path == ("name", "ar"):
            assert ARABIC.search(str(other)), (path, other)  # an example text: Arabic
        elif path[-1] == "language" and value == "en":
            assert other == "ar"  # the examples are an Arabic-speaking campaign's
        elif isinstance(value, str) and value.startswith("about "):
            assert other == "حوالي " + value.removeprefix("about ")  # a count, in its words
        else:  # a key's code, an id, a date, a number, the English name: as the format has it
            assert other == value, (path, value, other)
    for name in ("activities.csv", "metrics.csv", "engagements.csv"):
        en_rows = list(csv.reader(io.StringIO(en[name])))
        ar_rows = list(csv.reader(io.StringIO(ar[name])))
        assert ar_rows[0] == en_rows[0]  # the columns are the format's
        for en_row, ar_row in zip(en_rows[1:], ar_rows[1:]):
            for column, e, a in zip(en_rows[0], en_row, ar_row):
                if e in texts or e.startswith("about "):
                    assert ARABIC.search(a), (name, column, a)
                elif column == "language":
                    assert a == "ar"
                else:
                    assert a == e, (name, column, e, a)
    # no English words left in the record's example texts (a file name aside)
    for path, value in ar_leaves.items():
        if isinstance(value, str) and en_leaves[path] in texts:
            assert not LATIN_WORD.search(value.replace("activities.csv", "")), (path, value)


def test_new_lang_ar_says_what_it_made_in_arabic_and_how_to_check_it_in_arabic(tmp_path):
    result = _run("new", str(tmp_path / "River Campaign"), "--lang", "ar")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "river-campaign"
    line = _plain(result.output.strip())
    assert line.startswith(f"أُنشئ {folder} (المعرّف: river-campaign): حرّر campaign.yaml")
    command = line.split("ثم شغّل: ", 1)[1]
    assert shlex.split(command) == ["evalkit", "validate", str(folder), "--lang", "ar"]
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert 'en: "River Campaign"' in text and "# ar: اسم الحملة بالعربية (اختياري)" in text
    assert "id: river-campaign" in text
    # untouched, every example is named (in Arabic), as the English template's are
    said = _run("validate", str(folder), "--lang", "ar")
    assert said.exit_code == 1
    left = [x for x in said.output.splitlines() if "ما زال" in x and "evalkit new" in x]
    english = tmp_path / "en"
    assert _run("new", str(english)).exit_code == 0
    left_en = [
        x for x in _run("validate", str(english)).output.splitlines() if "template's example" in x
    ]
    assert len(left) == len(left_en) - 2 >= 14  # the English one keeps its names, en and ar
    assert all(ARABIC.search(_plain(x)) for x in left)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_starter_record_filled_in_validates_and_runs_to_a_report(tmp_path, lang):
    folder = tmp_path / "river"
    assert _run("new", str(folder), "--lang", lang).exit_code == 0
    if lang == "en":
        fill_in(folder)
    else:
        _arabic_fill_in(folder)
        text = (folder / "campaign.yaml").read_text(encoding="utf-8")
        text = text.replace("  en: My campaign\n", "  en: River\n").replace("حملتي ", "حملة النهر ")
        (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    checked = _run("validate", str(folder), "--lang", lang)
    assert checked.exit_code == 0, checked.output
    assert _plain(checked.output.splitlines()[0]) == (
        f"{folder}: valid" if lang == "en" else f"{folder}: صالح"
    )
    out = tmp_path / "reports"
    ran = _run("run", str(folder), "--out", str(out), "--no-progress", "--lang", lang)
    assert ran.exit_code == 0, ran.output
    page = (out / "river" / "evaluation.html").read_text(encoding="utf-8")
    assert f'lang="{lang}"' in page
    if lang == "ar":
        assert 'dir="rtl"' in page and "حشد المغتربين. (للنهر)" in page


def test_new_xlsx_lang_ar_writes_a_right_to_left_workbook_with_arabic_notes(tmp_path):
    result = _run("new", str(tmp_path / "river"), "--xlsx", "--lang", "ar")
    assert result.exit_code == 0, result.output
    book = tmp_path / "river.xlsx"
    assert _plain(result.output).startswith(f"أُنشئ {book} (المعرّف: river): املأ أوراقه")
    wb = openpyxl.load_workbook(book)
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    readme = [c.value for c in wb["README"]["A"] if c.value]
    assert readme[0] == "سجل حملة evalkit" and all(ARABIC.search(x) for x in readme), readme
    acts = wb["activities"]
    headings = {c.value: c for c in acts[1]}
    assert {"kind", "date", "description"} <= set(headings)  # the format's names
    assert headings["kind"].comment.text.startswith("مطلوب؛ واحدة من: mobilisation, advocacy")
    assert headings["date"].comment.text.startswith("مطلوب؛ تاريخ كما يذكره المصدر: 2016")
    kind = next(
        dv
        for dv in acts.data_validations.dataValidation
        if str(dv.sqref).startswith(
            openpyxl.utils.get_column_letter(list(headings).index("kind") + 1)
        )
    )
    assert kind.prompt.startswith("اختر واحدة من القائمة: mobilisation")
    assert kind.error.startswith("kind: ليست من كلمات القائمة؛ اختر واحدة من: mobilisation")
    assert acts["D2"].value == "وقفات احتجاجية في عواصم أوروبية"  # the example, shaded
    assert acts["D2"].fill.fgColor.rgb.endswith("EEEEEE")
    campaign = {r[0].value: r[1] for r in wb["campaign"].iter_rows(min_row=2)}
    assert campaign["evaluator"].value == "اسمك"
    first = wb["campaign"]["A2"].comment.text
    assert ARABIC.search(first)
    # untouched, its Arabic examples are the template's, named at their cells in Arabic
    said = _run("validate", str(book), "--lang", "ar")
    assert said.exit_code == 1
    assert "activities!A2:" in _plain(said.output)
    assert re.search(
        r"campaign!B\d+: evaluator: ما زال نص المثال من القالب \('اسمك'", _plain(said.output)
    )
    # filled in (the shading cleared and the campaign's single fields its own), it is valid
    from openpyxl.styles import PatternFill

    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.fill = PatternFill()
    for name in ("cause", "evaluator", "organisers", "name.ar"):
        campaign[name].value = f"{campaign[name].value} (للنهر)"
    campaign["name.en"].value = "River"
    wb.save(book)
    said = _run("validate", str(book), "--lang", "ar")
    assert said.exit_code == 0, said.output


def test_an_english_workbook_stays_left_to_right_with_english_notes(tmp_path):
    assert _run("new", str(tmp_path / "river"), "--xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "river.xlsx")
    assert not any(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert wb["README"]["A1"].value == "evalkit campaign record"
    acts = wb["activities"]
    assert acts["D2"].value == "Protest stands in European capitals"
    dv = acts.data_validations.dataValidation[0]
    assert (
        dv.prompt.startswith("choose one of the list: ") and ": not a word of the list" in dv.error
    )


def test_convert_lang_ar_writes_an_arabic_workbook_and_says_its_lines_in_arabic(tmp_path):
    book = tmp_path / "caesar.xlsx"
    result = _run("convert", str(CASE_STUDIES / "caesar"), str(book), "--lang", "ar")
    assert result.exit_code == 0, result.output
    assert _plain(result.output.strip()) == f"كُتب {book}"
    wb = openpyxl.load_workbook(book)
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    assert wb["README"]["A1"].value == "سجل حملة evalkit"
    # the record's values are the record's: the same workbook values in both languages
    english = tmp_path / "caesar-en.xlsx"
    assert _run("convert", str(CASE_STUDIES / "caesar"), str(english)).exit_code == 0
    en_wb = openpyxl.load_workbook(english)
    for name in ("activities", "goals", "campaign"):
        assert [[c.value for c in r] for r in wb[name].iter_rows()] == [
            [c.value for c in r] for r in en_wb[name].iter_rows()
        ]
    # and back: the same record
    back = tmp_path / "caesar-back"
    again = _run("convert", str(book), str(back), "--lang", "ar")
    assert again.exit_code == 0 and _plain(again.output.strip()) == f"كُتب {back}"
    assert _run("validate", str(back)).exit_code == 0


@pytest.mark.parametrize(
    "args, said",
    [
        (
            lambda t: [str(t / "nowhere"), str(t / "x.xlsx")],
            "{0}: لا يوجد مجلد سجل أو مصنّف بهذا الاسم",
        ),
        (
            lambda t: [str(CASE_STUDIES / "caesar"), str(t / "folder")],
            "{1}: المجلد يُحوَّل إلى مصنّف؛ أعطِ اسماً ينتهي بالامتداد .xlsx",
        ),
        (
            lambda t: [str(CASE_STUDIES / "caesar"), str(t)],
            "{1}: موجود؛ اختر اسماً جديداً (لا يكتب convert فوق ملف موجود أبداً)",
        ),
    ],
)
def test_convert_says_its_errors_in_arabic_naming_the_path(tmp_path, args, said):
    words = args(tmp_path)
    result = _run("convert", *words, "--lang", "ar")
    assert result.exit_code == 2
    assert _plain(result.output.strip()) == said.format(*words)


def test_convert_of_an_invalid_record_lists_its_problems_in_arabic(tmp_path, record):
    (record / "activities.csv").write_text(
        (record / "activities.csv")
        .read_text(encoding="utf-8")
        .replace(",mobilisation,", ",mobilisaton,"),
        encoding="utf-8",
    )
    result = _run("convert", str(record), str(tmp_path / "r.xlsx"), "--lang", "ar")
    assert result.exit_code == 1
    lines = [_plain(x) for x in result.output.splitlines()]
    assert lines[0] == (f"{record}: مشكلة واحدة؛ أصلحها أولاً (evalkit validate {record} --lang ar)")
    assert lines[1].startswith(f"  {record / 'activities.csv'}:2: kind: ")
    assert "'mobilisaton'" in lines[1] and ARABIC.search(lines[1])
    assert not (tmp_path / "r.xlsx").exists()


def test_new_says_its_errors_in_arabic(tmp_path):
    result = _run("new", "!!!", "--lang", "ar")
    assert result.exit_code == 2
    assert _plain(result.output.strip()) == (
        "!!!: لا يعطي الاسم معرّفاً صالحاً (حروف لاتينية وأرقام وشرطات)؛ اختر اسماً مثل "
        "my-campaign، أو أعطِ المعرّف بالخيار --id، مثلاً --id my-campaign"
    )
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    result = _run("new", str(tmp_path / "full"), "--lang", "ar")
    assert (
        _plain(result.output.strip()) == f"{tmp_path / 'full'}: موجود وليس فارغاً؛ اختر مجلداً جديداً"
    )


def test_worksheets_lang_ar_says_what_it_wrote_in_arabic(tmp_path):
    result = _run("worksheets", "--out", str(tmp_path), "--lang", "ar")
    assert result.exit_code == 0, result.output
    lines = [_plain(x) for x in result.output.splitlines()]
    assert lines and all(x.startswith(f"كُتب {tmp_path / 'ar'}") for x in lines), lines


def test_every_command_that_writes_offers_lang():
    for command in ("new", "convert", "worksheets"):
        assert "--lang [en|ar]" in _run(command, "--help").output, command
