"""--docx: each report as an editable Word document (its headings, tables and charts; right
to left in Arabic) and its tables as a workbook."""

import html
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main
from evalkit.render.office import pandoc_available, pictures_convertible

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


def _writer() -> str | None:
    """LibreOffice with Writer (Debian's libreoffice-writer-nogui), to open a .docx."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    program = Path(office).resolve().parent
    return office if any(program.glob("libswlo.so*")) else None


@pytest.mark.skipif(
    not pictures_convertible(),
    reason="rsvg-convert is not installed (scripts/test.sh installs Debian's librsvg2-bin)",
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_word_charts_show_as_pictures_with_their_words_and_verdict_tiles_read_apart(tmp_path, lang):
    from bs4 import BeautifulSoup
    from PIL import Image

    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            *("run", str(CASE_STUDIES / "save-ghouta"), "--out", str(out)),
            *("--no-progress", "--docx", "--lang", lang),
        ],
    )
    assert result.exit_code == 0, result.output
    folder = out / "save-ghouta"
    page = BeautifulSoup((folder / "evaluation.html").read_text(encoding="utf-8"), "html.parser")
    alts = [img["alt"] for img in page.select("figure.plot img")]
    assert alts, "the page draws no chart"
    book = zipfile.ZipFile(folder / "evaluation.docx")
    xml = book.read("word/document.xml").decode()
    rels = dict(
        re.findall(
            r'Id="(rId\d+)" Target="([^"]+)"', book.read("word/_rels/document.xml.rels").decode()
        )
    )
    drawings = re.findall(r"<w:drawing>.*?</w:drawing>", xml, re.S)
    assert len(drawings) == len(alts)
    for drawing, alt in zip(drawings, alts):
        # the picture any reader shows: a PNG (beside the SVG Word 2016 on prefers), not blank
        embed = re.search(r'<a:blip r:embed="(rId\d+)"', drawing)
        assert embed is not None, "an SVG with no PNG copy: blank in LibreOffice and older Word"
        target = rels[embed.group(1)]
        assert target.endswith(".png")
        picture = Image.open(io.BytesIO(book.read(f"word/{target}"))).convert("L")
        assert picture.width >= 500 and picture.getextrema()[0] < 100  # drawn, not empty
        # its alternative text is its words on the page, in both places Word keeps it
        said = [html.unescape(d) for d in re.findall(r'\bdescr="([^"]*)"', drawing)]
        assert said == [alt, alt]
        # within the figure's cell (5.5 in less its margins), not cut at its right edge
        width = int(re.search(r'<wp:extent cx="(\d+)"', drawing).group(1))
        assert width <= 5.3 * 914400
    # the verdict tiles: each question apart from its verdict, as the page's boxes set them
    text = "\n".join(p.text for p in docx.Document(folder / "evaluation.docx").paragraphs)
    tiles = page.select("ul.strip li")
    assert len(tiles) == 5
    for tile in tiles:
        question = tile.find("span", class_="q").get_text(strip=True)
        level = tile.find("span", class_="level").get_text(strip=True)
        assert f"{question}: {level}" in text
        assert f"{question}{level}" not in text
    office = _writer()
    if office is None:
        pytest.skip("LibreOffice Writer is not installed (scripts/test.sh installs it as root)")
    # LibreOffice opens the copy and prints each chart
    subprocess.run(
        [
            *(office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"),
            *("--convert-to", "pdf", "--outdir", str(tmp_path / "lo-out")),
            str(folder / "evaluation.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    printed = pdfium.PdfDocument(str(tmp_path / "lo-out" / "evaluation.pdf"))
    try:
        images = sum(
            len(list(printed[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5)))
            for i in range(len(printed))
        )
    finally:
        printed.close()
    assert images == len(alts)


def test_docx_without_rsvg_convert_says_the_charts_will_be_svg_only(tmp_path, monkeypatch):
    import evalkit.render.office as office

    monkeypatch.setattr(office, "pictures_convertible", lambda: False)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(CASE_STUDIES / "caesar"), "--out", str(out), "--no-progress", "--docx"]
    )
    assert result.exit_code == 0, result.output
    assert "note: rsvg-convert is not installed" in result.output
    assert "apt-get install librsvg2-bin" in result.output
    assert (out / "caesar" / "evaluation.docx").is_file()  # written all the same
