"""Copies of a report for the office: `evaluation.docx` (Word, editable: headings, text,
tables and charts) and `evaluation.xlsx` (every table of the report, one sheet each), made
from the report's own HTML so that the copies say what the page says.

Word copies are written by pandoc (the pypandoc_binary wheel carries it: no system
package): it maps the page's headings, lists and tables onto Word's own styles, which an
evaluator then edits like any document; an Arabic report is right to left. Each chart goes in
as its SVG with a PNG copy made by rsvg-convert (Debian's librsvg2-bin), which LibreOffice
and Word before 2016 show, under the words the page gives it as its alternative text. The spreadsheet
copy is written with openpyxl from the page's tables as a reader sees them."""

from __future__ import annotations

import base64
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from evalkit.i18n import direction

INSTALL_HINT = (
    "--docx needs pandoc, which the pypandoc_binary package carries: "
    "pip install pypandoc_binary (scripts/reports.sh installs it)"
)


RSVG_HINT = (
    "rsvg-convert is not installed: the Word copies' charts are SVG only, which LibreOffice "
    "and Word before 2016 show blank (Debian: apt-get install librsvg2-bin; "
    "scripts/reports.sh --docx installs it)"
)


class OfficeError(RuntimeError):
    pass


def pandoc_available() -> bool:
    try:
        import pypandoc

        pypandoc.get_pandoc_path()
        return True
    except (ImportError, OSError):
        return False


def pictures_convertible() -> bool:
    """rsvg-convert is here to make the PNG copies of the charts (Debian's librsvg2-bin)."""
    return shutil.which("rsvg-convert") is not None


def _readable_html(page: str) -> str:
    """The page as a document: no stylesheet, script, navigation or anchor marks; folded
    parts unfolded (a copy has no clicks)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["style", "script", "nav"]):
        tag.decompose()
    for a in soup.select("a.anchor-link"):
        a.decompose()
    # a button's words ('Show the table (23 rows)'): nothing to click in a document; a
    # summary that names what it folds (the checklist's other rules) stays, as a paragraph
    for summary in soup.select("summary.click"):
        summary.decompose()
    for summary in soup.find_all("summary"):
        summary.name = "p"
    _charts_as_tables(soup)
    for details in soup.find_all("details"):
        details.unwrap()
    # a list whose items carry their own numbers ('18. …'): paragraphs, so Word adds no
    # bullet before the number (the page hides its markers with CSS, which pandoc ignores)
    for numbered in soup.select("ul.numbered"):
        for li in numbered.find_all("li", recursive=False):
            li.name = "p"
        numbered.unwrap()
    # the verdict tiles: the page sets a tile's question and verdict apart by its boxes, which
    # Word has not: 'question: verdict' ('1 audience: good', not '1 audiencegood')
    for tile in soup.select("ul.strip li"):
        question, level = tile.find("span", class_="q"), tile.find("span", class_="level")
        if question is not None and level is not None and level.get_text(strip=True):
            question.append(": ")
    return str(soup)


def _charts_as_tables(soup) -> None:
    """The page's HTML charts (bars and marks drawn by the browser's CSS, which pandoc
    ignores) as what Word can show: the chart's title as a bold line above a table of its
    rows, each bar's words a line of its cell ('activities: 2'); before, the bars were loose
    lines of text with the title under them."""
    for chart in soup.select("figure.evalkit.chart"):
        if chart.find("tr") is None:  # nothing drawn (no activities): no title over nothing
            chart.decompose()
            continue
        caption = chart.find("figcaption")
        if caption is not None:
            title = soup.new_tag("p")
            strong = soup.new_tag("strong")
            strong.string = caption.get_text(" ", strip=True)
            title.append(strong)
            caption.replace_with(title)
        for bar in chart.select("span.bar, span.mark"):
            bar.decompose()
        for row in chart.select("div.bar-row"):
            row.name = "p"
            row.attrs = {}
        for th in chart.select("th[scope]"):
            del th["scope"]
        chart.unwrap()


_DATA_URI = re.compile(r"data:image/(svg\+xml|png|jpeg|gif);base64,(.*)", re.S)


def _pictures_as_files(page: str, folder: Path) -> str:
    """Each picture the page embeds (a data: address) as a file in `folder`, the page naming
    it. Pandoc adds a PNG copy of an SVG it reads from a file (made with rsvg-convert), the
    picture that LibreOffice and Word before 2016 show; from a data: address it writes the
    SVG alone, which they leave blank."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for n, img in enumerate(soup.find_all("img"), start=1):
        found = _DATA_URI.fullmatch(str(img.get("src", "")).strip())
        if found is None:
            continue
        suffix = {"svg+xml": "svg", "jpeg": "jpg"}.get(found.group(1), found.group(1))
        name = f"figure-{n}.{suffix}"
        picture = base64.b64decode(found.group(2))
        (folder / name).write_bytes(picture)
        img["src"] = name
        # Word sets a figure in a one-cell table of the text's width less the cell's margins,
        # cutting off a wider picture (pandoc sizes it to the page's whole text width)
        size = _SVG_WIDTH.search(picture[:2000].decode("utf-8", "replace"))
        if size is not None:
            inches = float(size.group(1)) / _PER_INCH[size.group(2) or "px"]
            img["width"] = f"{min(inches, _FIGURE_INCHES):.2f}in"
    return str(soup)


_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)(pt|px|in)?"', re.S)
_PER_INCH = {"pt": 72.0, "px": 96.0, "in": 1.0}
_FIGURE_INCHES = 5.2  # inside pandoc's figure table (5.5 in, its cell's margins 0.08 in each)


_DRAWING = re.compile(r"<w:drawing>.*?</w:drawing>", re.S)
_DOC_DESCR = re.compile(r'<wp:docPr\b[^>]*?\bdescr="([^"]*)"')
_PIC_DESCR = re.compile(r'(<pic:cNvPr\b[^>]*?\bdescr=")([^"]*)(")')


def _alt_words(docx: Path) -> None:
    """A picture's alternative text in Word is its words on the page (the img's alt), also
    where pandoc puts the picture's file name (pic:cNvPr), which Word shows as its alt text."""

    def same_words(drawing: re.Match[str]) -> str:
        xml = drawing.group(0)
        words = _DOC_DESCR.search(xml)
        if words is None:
            return xml
        return _PIC_DESCR.sub(lambda m: m.group(1) + words.group(1) + m.group(3), xml)

    with zipfile.ZipFile(docx) as book:
        parts = [(info, book.read(info.filename)) for info in book.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            if info.filename == "word/document.xml":
                data = _DRAWING.sub(same_words, data.decode("utf-8")).encode("utf-8")
            book.writestr(info, data)


_TABLE_STYLE = re.compile(r"(<w:tblPr>(?:<w:tblStyle\b[^>]*/>)?)")
# a table of the report's (pandoc's style "Table", not a figure's "FigureTable") at the width
# its words take: Word then draws a table of short cells as a narrow column at the margin
_TABLE_AT_ITS_WORDS = re.compile(
    r'(<w:tblStyle w:val="Table"\s*/>)<w:tblW w:type="auto" w:w="0"\s*/>'
)


def _tables_laid_out(docx: Path, rtl: bool) -> None:
    """Every table of the report as wide as the page's text (w:tblW 100%, as the page draws
    its tables; its columns as pandoc divided them), the figures' tables as they are; in an
    Arabic copy every table right to left (Word's w:bidiVisual: its first column at the
    right, as the page draws it): pandoc marks the paragraphs right to left but not the
    tables, whose columns ran left to right. w:bidiVisual follows w:tblStyle in a table's
    properties (the order Word's schema requires)."""
    with zipfile.ZipFile(docx) as book:
        parts = [(info, book.read(info.filename)) for info in book.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = _TABLE_AT_ITS_WORDS.sub(
                    lambda m: m.group(1) + '<w:tblW w:type="pct" w:w="5000" />', xml
                )
                if rtl:
                    xml = _TABLE_STYLE.sub(lambda m: m.group(1) + "<w:bidiVisual />", xml)
                data = xml.encode("utf-8")
            book.writestr(info, data)


def html_to_docx(html_path: str | Path, docx_path: str | Path, lang: str = "en") -> Path:
    import pypandoc

    html_path, docx_path = Path(html_path), Path(docx_path)
    page = _readable_html(html_path.read_text(encoding="utf-8"))
    extra = ["--standalone", f"--metadata=lang:{lang}"]
    if direction(lang) == "rtl":
        extra.append("--metadata=dir:rtl")
    with tempfile.TemporaryDirectory(prefix="evalkit-docx-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(_pictures_as_files(page, Path(tmp)), encoding="utf-8")
        out = Path(tmp) / docx_path.name
        extra.append(f"--resource-path={tmp}")  # the pictures beside the page
        try:
            pypandoc.convert_file(
                str(source), "docx", format="html", outputfile=str(out), extra_args=extra
            )
        except (RuntimeError, OSError) as exc:
            raise OfficeError(f"pandoc could not write {docx_path.name}: {exc}") from exc
        _alt_words(out)
        _tables_laid_out(out, rtl=direction(lang) == "rtl")
        out.replace(docx_path)
    return docx_path


# Excel's limit on a sheet's name, the characters it refuses in one (and an apostrophe at
# either end), the one name it keeps for itself, and the marks that take room unseen
SHEET_TITLE = 31
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\\u200e\u200f\u2066-\u2069\u061c]")
_RESERVED_TITLES = {"history"}
# what a title cut short does not end with: a comma, a colon, a dash, an opening bracket
_DANGLING = " ,;:.-–—(«\"'،؛"


def _cut_at_word(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: whole, or cut at the last word boundary that
    leaves room for '…' (a single word longer than that is cut where it must be), in any
    script: «شبكة ملحق الورقة، مولَّدة…», never «… مولَّدة من السج»."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    space = room.rfind(" ")
    cut = room[:space] if space > 0 and text[limit - 1] != " " else room
    cut = cut.rstrip(_DANGLING) or room.rstrip()
    return cut + "…"


def _sheet_title(text: str, used: set[str]) -> str:
    """A sheet's name for a section's heading: what Excel allows (31 characters, none of
    []:*?/\\), cut at a word boundary, and unique in the workbook (a number added, the
    words cut to make room for it)."""
    base = " ".join(_NOT_IN_TITLE.sub(" ", text).split()).strip("'").strip() or "table"
    title, n = _cut_at_word(base, SHEET_TITLE), 2
    while title.casefold() in used or title.casefold() in _RESERVED_TITLES:
        number = f" {n}"
        title = _cut_at_word(base, SHEET_TITLE - len(number)) + number
        n += 1
    used.add(title.casefold())
    return title


def html_tables_to_xlsx(html_path: str | Path, xlsx_path: str | Path, lang: str = "en") -> Path:
    """Every table of the page on a sheet of its own, named after the section it stands
    in, with the section's heading above it."""
    from bs4 import BeautifulSoup
    from openpyxl import Workbook
    from openpyxl.styles import Font

    soup = BeautifulSoup(Path(html_path).read_text(encoding="utf-8"), "html.parser")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table in soup.find_all("table"):
        if table.find_parent("table") is not None:
            continue
        heading = table.find_previous(["h2", "h3", "h4"])
        caption = table.find("caption")
        label = caption or heading
        name = label.get_text(" ", strip=True) if label is not None else ""
        ws = wb.create_sheet(_sheet_title(name.replace("¶", ""), used))
        if direction(lang) == "rtl":
            ws.sheet_view.rightToLeft = True
        ws.append([name.replace("¶", "").strip()])
        ws["A1"].font = Font(bold=True)
        for tr in table.find_all("tr"):
            cells = tr.find_all(["th", "td"])
            ws.append([c.get_text(" ", strip=True) for c in cells])
            if all(c.name == "th" for c in cells):
                for cell in ws[ws.max_row]:
                    cell.font = Font(bold=True)
    if not wb.sheetnames:
        wb.create_sheet("tables").append(["the report has no tables"])
    wb.save(xlsx_path)
    return Path(xlsx_path)


def write_copies(html_path: str | Path, lang: str = "en") -> list[Path]:
    """evaluation.docx and evaluation.xlsx beside evaluation.html (or comparative.*)."""
    html_path = Path(html_path)
    return [
        html_to_docx(html_path, html_path.with_suffix(".docx"), lang),
        html_tables_to_xlsx(html_path, html_path.with_suffix(".xlsx"), lang),
    ]
