"""Compare two report folders as a reader would: the visible text of every HTML page (script,
style and the charts' data URIs aside) and every results.json byte for byte. For changes to
how pages are made that must not change what they say (issue 14).

    .venv/bin/python scripts/compare_reports.py BEFORE AFTER

Prints each difference (the first differing words of a page) and exits 1 if there is any;
also prints the pages' total size in each folder."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from bs4 import BeautifulSoup


# Unicode's directional isolates are invisible: they only keep a run's order in text that
# can hold no markup (a <title>)
_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def visible_text(page: str) -> list[str]:
    """The page's words as a browser shows them, split at every element boundary (so the
    layout's whitespace between tags does not count) and at whitespace."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["style", "script", "head"]):
        hidden.decompose()
    return soup.get_text(" ").translate(_ISOLATES).split()


def title(page: str) -> str:
    found = BeautifulSoup(page, "html.parser").title
    return found.get_text().translate(_ISOLATES) if found else ""


def compare(before: Path, after: Path) -> list[str]:
    problems = []
    pages = sorted(
        {p.relative_to(before) for p in before.rglob("*.html")}
        | {p.relative_to(after) for p in after.rglob("*.html")}
    )
    for rel in pages:
        a, b = before / rel, after / rel
        if not (a.is_file() and b.is_file()):
            problems.append(f"{rel}: only in {'before' if a.is_file() else 'after'}")
            continue
        ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        if title(ta) != title(tb):
            problems.append(f"{rel}: title {title(ta)!r} -> {title(tb)!r}")
        wa, wb = visible_text(ta), visible_text(tb)
        if wa != wb:
            diff = [d for d in difflib.unified_diff(wa, wb, lineterm="", n=4)][2:40]
            problems.append(f"{rel}: visible text differs\n  " + " ".join(diff))
    for a in sorted(before.rglob("results.json")):
        b = after / a.relative_to(before)
        if not b.is_file() or a.read_bytes() != b.read_bytes():
            problems.append(f"{a.relative_to(before)}: results.json differs")
    return problems


def size(folder: Path, name: str = "*.html") -> int:
    return sum(p.stat().st_size for p in folder.rglob(name))


if __name__ == "__main__":
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    found = compare(before, after)
    print("\n".join(found) or "same visible text and results.json")
    for name in ("evaluation.html", "comparative.html", "record.html", "index.html"):
        print(f"{name}: {size(before, name):,} -> {size(after, name):,} bytes")
    sys.exit(1 if found else 0)
