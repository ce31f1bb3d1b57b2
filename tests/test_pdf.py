"""`evalkit run --pdf`: every case study's report prints to an A4 PDF whose pages render,
keep within their margins, carry the running header and page numbers, and hold what the
screen version folds away."""

import re
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from conftest import CASE_IDS, CASE_STUDIES, ROOT
from evalkit.cli import main
from evalkit.render.pdf import find_chromium
from evalkit.run.pipeline import evaluate

needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="Chromium is not installed (scripts/test.sh installs it)"
)
A4 = (595.3, 841.9)  # points
MARGIN_STRIP = int(10 / 25.4 * 72)  # the outer 10 mm of the page margins (14 mm set)


def _pages(pdf_path, png_dir):
    """Each page as (text, greyscale pixels), rendered to PNG files as a reader would see."""
    import numpy as np
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    pages = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            assert page.get_size() == pytest.approx(A4, abs=1), f"page {i + 1} is not A4"
            image = page.render(scale=1).to_pil()
            image.save(png_dir / f"{pdf_path.stem}-{i + 1}.png")
            # one space for any run of white space: lines break differently on paper
            text = " ".join(page.get_textpage().get_text_range().split())
            pages.append((text, np.asarray(image.convert("L"))))
    finally:
        doc.close()
    return pages


@needs_chromium
@pytest.mark.parametrize("case", CASE_IDS)
def test_every_case_study_prints_to_a_pdf_whose_pages_render(case_reports, case, tmp_path):
    pdf = case_reports / case / "evaluation.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = _pages(pdf, tmp_path)
    assert 5 <= len(pages) <= 40, f"{len(pages)} pages"
    first_text = pages[0][0]
    assert "Evaluation:" in first_text and "In five lines" in first_text
    for number, (text, pixels) in enumerate(pages, start=1):
        body = pixels[int(18 / 25.4 * 72) : -int(20 / 25.4 * 72)]  # inside the @page margins
        assert (body < 200).sum() > 1000, f"page {number} has nothing but its header"
        assert f"page {number} of {len(pages)}" in text, f"page {number}: no page number"
        assert "Evaluation:" in text, f"page {number}: no running header"
        # tables and charts stay inside the margins: the outer strips are white
        for side, strip in (
            ("left", pixels[:, :MARGIN_STRIP]),
            ("right", pixels[:, -MARGIN_STRIP:]),
        ):
            assert (strip < 200).sum() == 0, f"page {number}: ink in the {side} margin"
    whole = "".join(text for text, _ in pages)
    # sections folded on screen (the rules that do not fire) are printed unfolded
    assert "other rules" not in whole and "Show the table" not in whole
    assert "The five questions at a glance" in whole and "What to do next" in whole


@needs_chromium
def test_the_comparative_report_prints_its_folded_grid(case_reports, tmp_path):
    pages = _pages(case_reports / "comparative.pdf", tmp_path)
    whole = "".join(text for text, _ in pages)
    assert "In a few lines" in pages[0][0]
    assert "The paper's grid, side by side" in whole
    assert "Show the table" not in whole
    # a grid row from deep inside the folded table: present on paper
    assert whole.count("Aleppo Is Burning") > 10


@needs_chromium
def test_the_index_links_each_pdf(case_reports):
    index = (case_reports / "index.html").read_text(encoding="utf-8")
    for case in CASE_IDS:
        assert f'href="{case}/evaluation.pdf"' in index
    assert 'href="comparative.pdf"' in index


@pytest.mark.slow
@needs_chromium
def test_a_run_without_pdf_removes_the_pdf_of_an_earlier_run(tmp_path):
    record = CASE_STUDIES / "caesar"
    assert evaluate(record, tmp_path, pdf=True).status == "ok"
    assert (tmp_path / "caesar" / "evaluation.pdf").is_file()
    assert evaluate(record, tmp_path).status == "ok"
    assert not (tmp_path / "caesar" / "evaluation.pdf").exists()  # it would not match the HTML


def test_pdf_without_chromium_is_a_clear_error_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setenv("EVALKIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(CASE_STUDIES / "caesar"), "--out", str(out), "--pdf", "--no-progress"]
    )
    assert result.exit_code == 2
    assert "--pdf needs Chromium" in result.output and "apt-get install chromium" in result.output
    assert not out.exists()


def _words(text: str) -> Counter:
    """The Latin words and numbers of a text, counted, each by its letters in order of the
    alphabet: text taken from a right-to-left PDF reads some left-to-right words backwards
    ('14W' for 'W14'). A word split at a line's end on paper, a token of more than 20
    characters, is left out."""
    return Counter(
        "".join(sorted(w)) for w in re.findall(r"[A-Za-z0-9]+", text) if 2 <= len(w) <= 20
    )


def _table_words(page_html: str) -> Counter:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    words: Counter = Counter()
    for table in soup.select("body.report table"):
        if table.find_parent("table") is None:
            words += _words(" ".join(c.get_text(" ") for c in table.find_all(["th", "td"])))
    return words


def _paper_words(pdf_path) -> Counter:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return _words(" ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
    finally:
        doc.close()


@pytest.mark.slow
@needs_chromium
def test_a_comparative_report_of_ten_campaigns_prints_every_column_of_its_wide_tables(
    tmp_path,
):
    # ten real records: the paper's four, the five outside it, the Sicilian example
    records = tmp_path / "records"
    for folder in [*CASE_STUDIES.iterdir(), *(ROOT / "tests" / "records").iterdir()]:
        if (folder / "campaign.yaml").is_file():
            shutil.copytree(folder, records / folder.name)
    shutil.copytree(ROOT / "examples" / "sicily-smoke-free-law", records / "sicily")
    assert len(list(records.iterdir())) == 10
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run-all", str(records), "--out", str(out), "--jobs", "2", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["compare", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    page = (out / "comparative.html").read_text(encoding="utf-8")
    assert page.count('<th><a href="') >= 20  # campaigns side by side: 10 columns, twice
    # every word of every table is on paper as often as on the page (Chromium prints no part
    # of a column past the page's edge: before, the grid's last campaigns were missing)
    missing = _table_words(page) - _paper_words(out / "comparative.pdf")
    assert not missing, f"not on paper: {dict(missing.most_common(15))}"
    for _text, pixels in _pages(out / "comparative.pdf", tmp_path):
        for strip in (pixels[:, :MARGIN_STRIP], pixels[:, -MARGIN_STRIP:]):
            assert (strip < 200).sum() == 0
    # the page itself is as it was: its tables split on paper only
    assert "<wbr" not in page


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_pdf_keeps_each_long_piece_of_evidence_within_the_page(tmp_path, lang):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            *("run", str(CASE_STUDIES / "save-ghouta"), "--out", str(out)),
            *("--no-progress", "--pdf", "--lang", lang),
        ],
    )
    assert result.exit_code == 0, result.output
    folder = out / "save-ghouta"
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "audiences[western-media]" in page
    # before, in Arabic, 'campaign.yaml audiences[western-media]' was cut at the page's left
    # edge ('aign.yaml'), as was a run of hashtags in the same table
    missing = _table_words(page) - _paper_words(folder / "evaluation.pdf")
    assert not missing, f"not on paper: {dict(missing.most_common(15))}"
