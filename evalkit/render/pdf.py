"""evaluation.pdf from the report's HTML, printed by headless Chromium.

Why Chromium and not WeasyPrint: the reports are already tested in Chromium (layout at
390 px, the browser test), so one engine renders both the screen and the print versions;
Chromium (since 131) honours the page's own `@page` rules, running header and "page N of M"
included; and it installs from Debian's packages (`apt-get install chromium`, done by
`scripts/reports.sh --pdf` and `scripts/test.sh`), with no Python dependency. The page is
self-contained (images embedded), so printing needs no network."""

from __future__ import annotations

import os
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


def html_to_pdf(html_path: Path, pdf_path: Path, timeout: int = 180) -> Path:
    """Print `html_path` to `pdf_path` (A4, the page's own print styles)."""
    browser = find_chromium()
    if browser is None:
        raise PdfError(f"no Chromium to print the PDF with: {INSTALL_HINT}")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="evalkit-chromium-") as profile:
        try:
            proc = subprocess.run(
                [
                    browser,
                    *_FLAGS,
                    f"--user-data-dir={profile}",
                    f"--print-to-pdf={pdf_path}",
                    html_path.as_uri(),
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
