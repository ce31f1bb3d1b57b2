"""evaluation.pdf from the report's HTML, printed by headless Chromium.

Why Chromium and not WeasyPrint: the reports are already tested in Chromium (layout at
390 px, the browser test), so one engine renders both the screen and the print versions;
Chromium (since 131) honours the page's own `@page` rules, running header and "page N of M"
included; and it installs from Debian's packages (`apt-get install chromium`, done by
`scripts/reports.sh --pdf` and `scripts/test.sh`), with no Python dependency. The page is
self-contained (images embedded), so printing needs no network.

A report's table of more columns than a portrait A4 page holds readably (the comparative
report's campaigns side by side: ten campaigns are twelve columns) is printed as several
tables, one after the other, each with the table's leading columns (what a row is about) and a
group of the others: on paper no column is cut at the page's edge (Chromium clips what
overflows the page, leaving no trace of it). A long token in a table's cell (a piece of
evidence, a run of hashtags joined by '/') gets places to break, after its punctuation, for
the same reason: a column is at least as wide as its longest unbreakable token."""

from __future__ import annotations

import copy
import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

# flags for a closed network and a root user: no sandbox (root), no GPU (no screen), no
# background connections (refused here, many at a time), a fresh profile each time
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "install Chromium (Debian: `apt-get install chromium`; `bash scripts/reports.sh "
    "--pdf` does it), or set EVALKIT_CHROMIUM to a Chromium or Chrome executable"
)


class PdfError(RuntimeError):
    """The PDF could not be printed; the message says why and what to do."""


def find_chromium() -> str | None:
    """The browser that prints PDFs: $EVALKIT_CHROMIUM, else the first on PATH."""
    named = os.environ.get("EVALKIT_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


# a report's table of more columns than this is printed in pieces of at most PIECE_COLUMNS
# (A4 portrait, 182 mm between the margins: six columns of some 30 mm keep their words whole)
MAX_COLUMNS = 8
PIECE_COLUMNS = 6


def _rows(table):
    """The table's own rows (not those of a table inside one of its cells)."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr):
    return tr.find_all(["th", "td"], recursive=False)


# a token in a table's cell longer than LONG_TOKEN characters gets places to break: after its
# punctuation or before a bracket, and every HARD_BREAK characters where it has none
LONG_TOKEN = 20
HARD_BREAK = 30
_TOKEN = re.compile(rf"\S{{{LONG_TOKEN + 1},}}")
_PLACE = re.compile(r"(?<=[/\-.,;:\]\)|=&?])(?=\w|[#\[(])|(?<=\w)(?=[\[(])")


def _break_places(token: str) -> list[str]:
    """The token in pieces, a break allowed between each: after its punctuation (a path's
    '/', an id's '-'), before a bracket ('audiences' '[western-' 'media]'), and every
    HARD_BREAK characters where it has none."""
    pieces = []
    for part in _PLACE.split(token):
        while len(part) > HARD_BREAK:
            pieces.append(part[:HARD_BREAK])
            part = part[HARD_BREAK:]
        pieces.append(part)
    return [p for p in pieces if p]


def breakable_long_tokens(soup) -> bool:
    """Each long token in the text of a report's table cells with <wbr> where it may break
    (the page unchanged on screen: a <wbr> shows nothing). True when one was found."""
    from bs4 import NavigableString

    changed = False
    for cell in soup.find_all(["td", "th"]):
        for text in list(cell.find_all(string=_TOKEN)):
            if type(text) is not NavigableString:  # not a comment, not CSS
                continue
            parts: list = []
            at = 0
            for found in _TOKEN.finditer(str(text)):
                pieces = _break_places(found.group(0))
                if len(pieces) < 2:
                    continue
                parts.append(str(text)[at : found.start()])
                for i, piece in enumerate(pieces):
                    if i:
                        parts.append(soup.new_tag("wbr"))
                    parts.append(piece)
                at = found.end()
            if not parts:
                continue
            parts.append(str(text)[at:])
            for part in parts:
                text.insert_before(part if not isinstance(part, str) else NavigableString(part))
            text.extract()
            changed = True
    return changed


def split_wide_tables(soup) -> bool:
    """Each table of the report page of more than MAX_COLUMNS columns as several tables,
    one after the other: each repeats the leading columns (the header cells before the first
    that links elsewhere, as a campaign's name links its report; at least the first) beside
    its group of the others, the groups as even as they can be. Tables with cells spanning
    several columns or rows are left as they are. True when one was split."""
    changed = False
    for table in soup.find_all("table"):
        if table.find_parent("table") is not None:
            continue
        rows = _rows(table)
        if not rows:
            continue
        widths = {len(_cells(tr)) for tr in rows}
        columns = max(widths)
        if columns <= MAX_COLUMNS or len(widths) != 1:
            continue
        if any(
            int(str(c.get("colspan", 1)) or 1) > 1 or int(str(c.get("rowspan", 1)) or 1) > 1
            for tr in rows
            for c in _cells(tr)
        ):
            continue
        header = _cells(rows[0])
        key = next((i for i, c in enumerate(header) if c.find("a") is not None), 1) or 1
        if key >= columns - 1:
            key = 1
        rest = columns - key
        pieces = math.ceil(rest / (PIECE_COLUMNS - key)) if PIECE_COLUMNS > key + 1 else rest
        bounds = [key + round(i * rest / pieces) for i in range(pieces + 1)]
        for start, end in reversed(list(zip(bounds, bounds[1:]))):
            piece = copy.copy(table)
            for tr in _rows(piece):
                for i, cell in enumerate(_cells(tr)):
                    if i >= key and not start <= i < end:
                        cell.decompose()
            table.insert_after(piece)
        table.decompose()
        changed = True
    return changed


def _print_copy(html_path: Path, folder: Path) -> Path:
    """The page as printed: `html_path` itself, or, for a report, a copy in `folder` with its
    wide tables split and its long tokens breakable (its links still going where the
    original's go, by a <base>)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    if soup.body is None or "report" not in (soup.body.get("class") or []):
        return html_path
    split = split_wide_tables(soup)
    broken = breakable_long_tokens(soup)
    if not (split or broken):
        return html_path
    if soup.head is not None and soup.find("base") is None:
        base = soup.new_tag("base", href=html_path.as_uri())
        soup.head.insert(0, base)
    copied = folder / html_path.name
    copied.write_text(str(soup), encoding="utf-8")
    return copied


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: int = 180) -> Path:
    """Print `html_path` to `pdf_path` (A4, the page's own print styles)."""
    browser = find_chromium()
    if browser is None:
        raise PdfError(f"no Chromium to print the PDF with: {INSTALL_HINT}")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="evalkit-chromium-") as profile:
        printed = _print_copy(html_path, Path(profile))
        try:
            proc = subprocess.run(
                [
                    browser,
                    *_FLAGS,
                    f"--user-data-dir={profile}/profile",
                    f"--print-to-pdf={pdf_path}",
                    printed.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not print {html_path.name} within {timeout} s") from None
    if proc.returncode != 0 or not _is_pdf(pdf_path):
        # Chromium writes a line of dbus noise per start; its own failure is the last line
        said = [line for line in (proc.stderr or "").splitlines() if "dbus" not in line]
        raise PdfError(
            f"Chromium ({browser}) could not print {html_path.name} "
            f"(exit {proc.returncode}): {' / '.join(said[-2:]) or 'no message'}"
        )
    return pdf_path


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False
