"""--docx: each report as an editable Word document (its headings, tables and charts; right
to left in Arabic) and its tables as a workbook."""

import zipfile

import pytest
from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main
from evalkit.render.office import pandoc_available

docx = pytest.importorskip("docx", reason="python-docx is a test extra (pip install -e .[test])")
openpyxl = pytest.importorskip("openpyxl")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not pandoc_available(), reason="pypandoc_binary is not installed"),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_docx_copies_hold_the_reports_headings_tables_and_charts(tmp_path, lang):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "run",
            str(CASE_STUDIES / "save-ghouta"),
            "--out",
            str(out),
            "--no-progress",
            "--docx",
            "--lang",
            lang,
        ],
    )
    assert result.exit_code == 0, result.output
    folder = out / "save-ghouta"
    # the page links its copies, made with it
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert 'href="evaluation.docx"' in page and 'href="evaluation.xlsx"' in page
    assert 'href="evaluation.pdf"' not in page  # not printed: not linked
    document = docx.Document(folder / "evaluation.docx")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    if lang == "en":
        for title in (
            "The five questions at a glance",
            "1. Is the right audience targeted?",
            "5. Are the tactics used useful?",
            "The paper's checklist",
        ):
            assert title in headings
    else:
        assert "الأسئلة الخمسة في لمحة" in headings
        xml = zipfile.ZipFile(folder / "evaluation.docx").read("word/document.xml").decode()
        assert "<w:bidi />" in xml or "<w:bidi/>" in xml  # paragraphs right to left
    assert len(document.tables) >= 10
    assert len(document.inline_shapes) >= 1  # the charts came along
    book = openpyxl.load_workbook(folder / "evaluation.xlsx")
    assert len(book.sheetnames) >= 10
    if lang == "ar":
        assert book[book.sheetnames[0]].sheet_view.rightToLeft
    # the verdicts table, as the page shows it
    verdicts = next(
        book[s]
        for s in book.sheetnames
        if any(
            "verdict" in str(c.value) or "الحكم" in str(c.value)
            for row in book[s].iter_rows(max_row=2)
            for c in row
        )
    )
    assert verdicts.max_row >= 6


def test_the_index_links_the_word_copy(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(CASE_STUDIES / "caesar"), "--out", str(out), "--no-progress", "--docx"]
    )
    assert result.exit_code == 0, result.output
    assert 'href="caesar/evaluation.docx"' in (out / "index.html").read_text(encoding="utf-8")
