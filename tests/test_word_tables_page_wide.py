"""--docx: the report's tables are as wide as the page's text in Word, as the page draws
them (before: pandoc's 'auto' width, a table of short cells a narrow column at the margin);
the charts' figure tables keep their own width; in Arabic every table is still right to
left, its properties in the order Word's schema requires."""

import re
import zipfile

import pytest
from click.testing import CliRunner

from conftest import CASE_STUDIES
from evalkit.cli import main
from evalkit.render.office import pandoc_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not pandoc_available(), reason="pypandoc_binary is not installed"),
]

_PROPERTIES = re.compile(r"<w:tblPr>(.*?)</w:tblPr>", re.S)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_reports_tables_span_the_page_in_word(tmp_path, lang):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["run", str(CASE_STUDIES / "save-ghouta"), "--out", str(out), "--no-progress"]
        + ["--docx", "--lang", lang],
    )
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out / "save-ghouta" / "evaluation.docx").read("word/document.xml")
    tables = _PROPERTIES.findall(xml.decode("utf-8"))
    data = [t for t in tables if 'w:tblStyle w:val="Table"' in t]
    figures = [t for t in tables if 'w:tblStyle w:val="FigureTable"' in t]
    assert len(data) >= 10 and figures
    for t in data:
        assert '<w:tblW w:type="pct" w:w="5000" />' in t, t
    for t in figures:  # a chart keeps the width of its picture
        assert 'w:type="pct"' not in t, t
    if lang == "ar":
        for t in tables:
            # tblStyle, bidiVisual, tblW: the schema's order
            assert t.startswith("<w:tblStyle") and "<w:bidiVisual />" in t, t
            assert t.index("<w:bidiVisual />") < t.index("<w:tblW"), t
    else:
        assert "bidiVisual" not in xml.decode("utf-8")
