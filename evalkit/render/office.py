"""Copies of a report for the office: `evaluation.docx` (Word, editable: headings, text,
tables and charts) and `evaluation.xlsx` (every table of the report, one sheet each), made
from the report's own HTML so that the copies say what the page says.

Word copies are written by pandoc (the pypandoc_binary wheel carries it: no system
package): it maps the page's headings, lists and tables onto Word's own styles, which an
evaluator then edits like any document; an Arabic report is right to left. The spreadsheet
copy is written with openpyxl from the page's tables as a reader sees them."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from evalkit.i18n import direction

INSTALL_HINT = (
    "--docx needs pandoc, which the pypandoc_binary package carries: "
    "pip install pypandoc_binary (scripts/reports.sh installs it)"
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


def _readable_html(page: str) -> str:
    """The page as a document: no stylesheet, script, navigation or anchor marks; folded
    parts unfolded (a copy has no clicks)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["style", "script", "nav"]):
        tag.decompose()
    for a in soup.select("a.anchor-link"):
        a.decompose()
    for summary in soup.find_all("summary"):
        summary.name = "p"
    for details in soup.find_all("details"):
        details.unwrap()
    # a list whose items carry their own numbers ('18. …'): paragraphs, so Word adds no
    # bullet before the number (the page hides its markers with CSS, which pandoc ignores)
    for numbered in soup.select("ul.numbered"):
        for li in numbered.find_all("li", recursive=False):
            li.name = "p"
        numbered.unwrap()
    return str(soup)


def html_to_docx(html_path: str | Path, docx_path: str | Path, lang: str = "en") -> Path:
    import pypandoc

    html_path, docx_path = Path(html_path), Path(docx_path)
    page = _readable_html(html_path.read_text(encoding="utf-8"))
    extra = ["--standalone", f"--metadata=lang:{lang}"]
    if direction(lang) == "rtl":
        extra.append("--metadata=dir:rtl")
    with tempfile.TemporaryDirectory(prefix="evalkit-docx-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        out = Path(tmp) / docx_path.name
        try:
            pypandoc.convert_file(
                str(source), "docx", format="html", outputfile=str(out), extra_args=extra
            )
        except (RuntimeError, OSError) as exc:
            raise OfficeError(f"pandoc could not write {docx_path.name}: {exc}") from exc
        out.replace(docx_path)
    return docx_path


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:28] or "table"
    base, n = title, 2
    while title.casefold() in used:
        title = f"{base[:25]} {n}"
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
