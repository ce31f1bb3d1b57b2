"""`evalkit new` takes a campaign's name in Arabic (trial 5, F4): the name is the record's
name.ar, and its id — the folder's or workbook's name — is made from today's date
(campaign-YYYY-MM-DD, -2 after it when that day's is there), unless `--id` gives one; the
command says which id it made, why, how to choose another, and where the name went."""

from __future__ import annotations

import datetime
import os
import re
import shlex
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from ruamel.yaml import YAML

from evalkit.cli import main
from evalkit.i18n import FSI, PDI

NAME = "حملة إنارة حي الشيخ مقصود (محاكاة)"


def _plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def _new(where: Path, *args: str):
    here = os.getcwd()
    os.chdir(where)
    try:
        result = CliRunner().invoke(main, ["new", *args])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _campaign_sheet(book: Path) -> dict:
    wb = openpyxl.load_workbook(book)
    return {r[0].value: r[1].value for r in wb["campaign"].iter_rows(min_row=2)}


def test_an_arabic_name_makes_a_workbook_named_by_todays_date_and_keeps_the_name(tmp_path):
    today = f"campaign-{datetime.date.today().isoformat()}"
    result = _new(tmp_path, NAME, "--xlsx", "--lang", "ar")
    assert result.exit_code == 0, result.output
    book = tmp_path / f"{today}.xlsx"
    assert sorted(p.name for p in tmp_path.iterdir()) == [book.name]
    fields = _campaign_sheet(book)
    assert (fields["id"], fields["name.ar"], fields["name.en"]) == (today, NAME, today)
    lines = [_plain(x) for x in result.output.splitlines()]
    assert lines[0].startswith(f"أُنشئ {book.name} (المعرّف: {today}): املأ أوراقه")
    assert lines[1].startswith(
        f"ليس في الاسم حروف لاتينية يُصنع منها معرّف، فصُنع المعرّف من تاريخ اليوم: {today}؛"
    )
    command = lines[1].split("مثلاً ", 1)[1]
    assert shlex.split(command) == ["evalkit", "new", NAME, "--xlsx", "--id", "save-the-river"]
    assert lines[2].startswith("كُتب الاسم بالعربية في عمود value من الصف name.ar في ورقة campaign")
    # untouched, it is refused for its examples only: the name and the id are the campaign's
    said = CliRunner().invoke(main, ["validate", str(book)])
    assert said.exit_code == 1
    assert not re.search(r"campaign!B\d+: (id|name\.ar|name\.en):", said.output), said.output


def test_a_second_record_of_the_same_day_gets_the_next_number(tmp_path):
    today = f"campaign-{datetime.date.today().isoformat()}"
    assert _new(tmp_path, NAME, "--xlsx").exit_code == 0
    second = _new(tmp_path, "حملة أخرى")
    assert second.exit_code == 0, second.output
    folder = tmp_path / f"{today}-2"
    assert second.output.startswith(f"created {folder.name} (id: {today}-2): edit campaign.yaml")
    data = YAML(typ="safe").load((folder / "campaign.yaml").read_text(encoding="utf-8"))
    assert data["id"] == f"{today}-2" and data["name"] == {"en": f"{today}-2", "ar": "حملة أخرى"}
    assert "the name is written in Arabic under name.ar in its campaign.yaml" in second.output
    # the first one is untouched
    assert _campaign_sheet(tmp_path / f"{today}.xlsx")["name.ar"] == NAME


def test_id_names_the_record_and_its_folder_and_the_arabic_name_stays_its_name(tmp_path):
    result = _new(tmp_path, NAME, "--id", "sheikh-maqsoud-lights")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "sheikh-maqsoud-lights"
    data = YAML(typ="safe").load((folder / "campaign.yaml").read_text(encoding="utf-8"))
    assert data["id"] == "sheikh-maqsoud-lights"
    assert data["name"] == {"en": "sheikh-maqsoud-lights", "ar": NAME}
    assert "today's date" not in result.output  # nothing was made from the date
    # a Latin name and an id: the id names it, the name is the name
    other = _new(tmp_path, "Save the River", "--id", "river-2024", "--xlsx")
    assert other.exit_code == 0, other.output
    fields = _campaign_sheet(tmp_path / "river-2024.xlsx")
    assert (fields["id"], fields["name.en"]) == ("river-2024", "Save the River")
    assert "name.ar" not in other.output


def test_an_id_that_is_not_one_is_refused_saying_what_an_id_is(tmp_path):
    result = _new(tmp_path, NAME, "--id", "Sheikh Maqsoud", "--lang", "ar")
    assert result.exit_code == 2
    assert _plain(result.output.strip()) == (
        "--id Sheikh Maqsoud: المعرّف حروف لاتينية صغيرة وأرقام وشرطات، يبدأ بحرف أو رقم "
        "(80 حرفاً على الأكثر)، مثلاً save-the-river"
    )
    english = _new(tmp_path, "x", "--id", "-x")
    assert english.exit_code == 2
    assert english.output.startswith("--id -x: an id is lower-case Latin letters, digits")
    assert list(tmp_path.iterdir()) == []


def test_a_name_with_neither_latin_nor_arabic_letters_is_refused_naming_id(tmp_path):
    result = _new(tmp_path, "!!!", "--xlsx")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "!!!: the name gives no usable id (Latin letters, digits, hyphens); choose a name "
        "such as my-campaign.xlsx, or give the id with --id, e.g. --id my-campaign"
    )
    assert list(tmp_path.iterdir()) == []
