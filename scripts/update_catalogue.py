"""Bring the message catalogues up to date with the code: every message evalkit can show
(evalkit.i18n.messages.all_messages) gets an entry; translations already made are kept; entries
the code no longer uses are dropped. Then translate the empty ones in the .po file.

    .venv/bin/python scripts/update_catalogue.py           # all languages
    .venv/bin/python scripts/update_catalogue.py --check   # exit 1 when out of date
"""

from __future__ import annotations

import argparse
import io
import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from evalkit.i18n import DOMAIN, LANGUAGES, LOCALE_DIR
from evalkit.i18n.messages import all_messages, plural_messages


def updated(lang: str) -> tuple[bytes, bytes]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    old = path.read_bytes() if path.exists() else b""
    known = {m.id: m.string for m in read_po(io.BytesIO(old), locale=lang) if m.id} if old else {}
    cat = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="evalkit",
        msgid_bugs_address="",
        copyright_holder="evalkit maintainers",
        charset="utf-8",
        fuzzy=False,
    )
    for message in sorted(all_messages()):
        cat.add(message, known.get(message, ""))
    for pair in sorted(plural_messages()):  # msgid, msgid_plural and the language's forms
        cat.add(pair, known.get(pair, ("",) * cat.num_plurals))
    out = io.BytesIO()
    # no dates in the header and no line wrapping: a catalogue that changes only when its
    # messages do, and reads one message a line
    cat.creation_date = cat.revision_date = None
    write_po(out, cat, width=0, omit_header=False, sort_output=True)
    new = b"\n".join(
        l
        for l in out.getvalue().split(b"\n")
        if not l.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    )
    return old, new


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = []
    for lang in LANGUAGES:
        if lang == "en":
            continue
        old, new = updated(lang)
        if old != new:
            stale.append(lang)
            if not args.check:
                path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(new)
                print(f"updated {path}")
    if args.check and stale:
        sys.exit(f"catalogues out of date: {', '.join(stale)}; run scripts/update_catalogue.py")


if __name__ == "__main__":
    main()
