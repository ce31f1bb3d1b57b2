"""A report of a record kept in a workbook names its tables as the sheets the evaluator has:
the rows it cites as cells ('engagements!A3', tests/test_record_ids_shown.py) and a table
named alone in a sentence as its sheet ('the engagements sheet', «ورقة engagements»), never
as the CSV files the workbook is converted to, which that evaluator never sees."""

import re

import pytest
from click.testing import CliRunner

from evalkit.cli import main
from conftest import CASE_STUDIES
from test_reader_words import visible

CSV_NAMED = re.compile(r"\b[a-z_]+\.csv\b")


@pytest.fixture(scope="module")
def ghouta_book(tmp_path_factory):
    book = tmp_path_factory.mktemp("book") / "save-ghouta.xlsx"
    converted = CliRunner().invoke(main, ["convert", str(CASE_STUDIES / "save-ghouta"), str(book)])
    assert converted.exit_code == 0, converted.output
    return book


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_workbooks_report_names_no_csv_file_only_its_sheets(ghouta_book, tmp_path, lang):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(ghouta_book), "--out", str(out), "--no-progress", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    text = visible((out / "save-ghouta" / "evaluation.html").read_text(encoding="utf-8"))
    assert not CSV_NAMED.findall(text), CSV_NAMED.findall(text)
    # the sentences that named a table now name its sheet, in the report's language
    said = "the engagements sheet" if lang == "en" else "ورقة engagements"
    assert said in text


def test_a_folders_report_still_names_its_files(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(CASE_STUDIES / "save-ghouta"), "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    text = visible((out / "save-ghouta" / "evaluation.html").read_text(encoding="utf-8"))
    assert "engagements.csv" in text and "the engagements sheet" not in text


def test_on_an_arabic_page_the_sheets_words_are_not_inside_a_left_to_right_isolate(
    ghouta_book, tmp_path
):
    """The table's name was isolated left to right before it became 'ورقة engagements':
    left inside that isolate, the Arabic word would be drawn on the wrong side of the name."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(ghouta_book), "--out", str(out), "--no-progress", "--lang", "ar"]
    )
    assert result.exit_code == 0, result.output
    page = (out / "save-ghouta" / "evaluation.html").read_text(encoding="utf-8")
    assert re.search(r'ورقة <bdi[^>]*dir="ltr"[^>]*>engagements</bdi>', page)
    assert not re.search(r'<bdi[^>]*dir="ltr"[^>]*>ورقة', page)


def test_the_five_lines_cite_a_hashtag_and_an_account_at_their_sheets_row(tmp_path):
    """The largest counts of the first lines named 'campaign.yaml' for a hashtag and an
    account of a workbook (which has sheets hashtags and accounts, no campaign.yaml), and
    were not links; now each is its sheet's row, linked, in both languages."""
    from conftest import act, small_record

    small_record(
        tmp_path,
        id="yaml-counts",
        activities=[act(f"a{i}") for i in range(6)],
        media_tools={
            "hashtags": [{"text": "#Keep", "language": "ar", "uses": "about 5000", "source": "s"}],
            "accounts": [
                {"platform": "twitter", "name": "@keep", "language": "ar", "followers": 1200}
                | {"source": "s"}
            ],
        },
    )
    book = tmp_path / "yaml-counts.xlsx"
    runner = CliRunner()
    converted = runner.invoke(main, ["convert", str(tmp_path / "small"), str(book)])
    assert converted.exit_code == 0, converted.output
    for lang in ("en", "ar"):
        out = tmp_path / lang
        result = runner.invoke(
            main, ["run", str(book), "--out", str(out), "--no-progress", "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        page = (out / "yaml-counts" / "evaluation.html").read_text(encoding="utf-8")
        five = page.split('class="summary"')[1].split("</section>")[0]
        cited = re.findall(r'<a class="evidence" href="record\.html#[^"]*">([^<]+)</a>', five)
        assert "hashtags!A2" in cited and "accounts!A2" in cited, cited
        assert "campaign.yaml" not in visible(five)


def test_a_comparison_names_a_workbooks_evidence_as_its_sheets_and_a_folders_as_its_files(
    tmp_path,
):
    """The comparison's cells are each one campaign's: a workbook's largest counts cite its
    sheets' rows (accounts!A2), linked to its own record page, as its own report does; a
    folder's beside it keep their file names (before, both named campaign.yaml entries)."""
    from conftest import act, small_record

    tools = {
        "hashtags": [{"text": "#Keep", "language": "ar", "uses": "about 5000", "source": "s"}],
        "accounts": [
            {"platform": "twitter", "name": "@keep", "language": "ar", "followers": 1200}
            | {"source": "s"}
        ],
    }
    book_folder, folder = tmp_path / "b", tmp_path / "f"
    for where, id in ((book_folder, "in-a-book"), (folder, "in-a-folder")):
        where.mkdir()
        small_record(
            where,
            id=id,
            name={"en": id},
            activities=[act(f"a{i}") for i in range(6)],
            media_tools=tools,
        )
    book = tmp_path / "in-a-book.xlsx"
    runner = CliRunner()
    converted = runner.invoke(main, ["convert", str(book_folder / "small"), str(book)])
    assert converted.exit_code == 0, converted.output
    out = tmp_path / "out"
    for record in (book, folder / "small"):
        ran = runner.invoke(main, ["run", str(record), "--out", str(out), "--no-progress"])
        assert ran.exit_code == 0, ran.output
    compared = runner.invoke(main, ["compare", str(out)])
    assert compared.exit_code == 0, compared.output
    page = (out / "comparative.html").read_text(encoding="utf-8")
    cited = re.findall(r'<a class="evidence" href="([^"#]*)[^"]*">([^<]+)</a>', page)
    assert ("in-a-book/record.html", "accounts!A2") in cited, cited
    assert ("in-a-folder/record.html", "campaign.yaml media_tools.accounts[0]") in cited, cited
    assert not [c for c in cited if c[0] == "in-a-book/record.html" and ".yaml" in c[1]], cited
