"""campaign.yaml's comments, carried through a workbook and back (`evalkit convert`): an
evaluator's note ("# SIMULATED record", "# the paper gives only the month") is part of the
record as they wrote it. A comment is kept with the entry or field it stands before or
after, by its path (`goals[0].judgements[0]`), so that it is written back beside the same
entry, whatever layout the YAML is written in."""

from __future__ import annotations

import re
from typing import Any, Optional

# a comment's place: at the top of the file (before its first key), on its own line before
# an entry or field, at the end of the entry's line, at the end of the file
START, BEFORE, AFTER, END = "start", "before", "after", "end"


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _parsed(text: str) -> tuple:
    return tuple(
        m.group(1) if m.group(1) is not None else int(m.group(2))
        for m in re.finditer(r"([^.\[\]]+)|\[(\d+)\]", text or "")
    )


def _starts(data: Any, path: tuple = ()) -> dict[tuple, int]:
    """The 0-based line each key and list item of ruamel's round-trip `data` starts on."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out: dict[tuple, int] = {}
    if isinstance(data, CommentedMap):
        for key, value in data.items():
            try:
                out[(*path, key)] = data.lc.key(key)[0]
            except (KeyError, TypeError):
                continue
            out.update(_starts(value, (*path, key)))
    elif isinstance(data, CommentedSeq):
        for i, value in enumerate(data):
            try:
                out[(*path, i)] = data.lc.item(i)[0]
            except (KeyError, TypeError, IndexError):
                continue
            out.update(_starts(value, (*path, i)))
    return out


def _comment_tokens(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of every comment, as YAML's own scanner finds it (never a '#'
    inside a quoted value or a block of text), each found on the line that ends with it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import CommentToken

    lines = text.splitlines()
    found: dict[int, tuple[int, str]] = {}

    def place(piece: str, near: int) -> None:
        # a token's text may start with the end of the line before it, or hold several
        # lines: each comment is looked for from the token's line on
        for line in range(max(near - 1, 0), len(lines)):
            if line not in found and lines[line].rstrip().endswith(piece):
                found[line] = (len(lines[line].rstrip()) - len(piece), piece)
                return

    def walk(x):
        if isinstance(x, CommentToken):
            for piece in x.value.split("\n"):
                if piece.strip().startswith("#"):
                    place(piece.strip(), x.start_mark.line)
        elif isinstance(x, (list, tuple)):
            for e in x:
                walk(e)

    for token in YAML(typ="rt").scan(text):
        walk(getattr(token, "_comment", None))
    return [(line, col, c) for line, (col, c) in sorted(found.items())]


def yaml_comments(text: str) -> list[tuple[str, str, str]]:
    """campaign.yaml's comments as (path, place, comment): at the `start` of the file (path
    ''), `before` the entry or field at the path (a comment on a line of its own), `after`
    it (at its line's end), or at the `end` of the file. The comment's text without its
    '# '."""
    from evalkit.record.load import _yaml

    try:
        starts = _starts(_yaml("rt").load(text))
        tokens = _comment_tokens(text)
    except Exception:  # a record that does not parse: its validation says why
        return []
    by_line: dict[int, tuple] = {}
    for path, line in sorted(starts.items(), key=lambda x: (x[1], len(x[0]))):
        by_line.setdefault(line, path)
    lines = text.splitlines()
    out = []
    for line, col, comment in tokens:
        words = re.sub(r"^#\s?", "", comment)
        own_line = line < len(lines) and not lines[line][:col].strip()
        if own_line and by_line and line < min(by_line):
            out.append(("", START, words))
        elif own_line:
            after = [ln for ln in by_line if ln > line]
            out.append((_dotted(by_line[min(after)]), BEFORE, words) if after else ("", END, words))
        else:
            at = [ln for ln in by_line if ln <= line]
            out.append((_dotted(by_line[max(at)]) if at else "", AFTER, words))
    return out


def with_comments(text: str, comments: list[tuple[str, str, str]]) -> str:
    """YAML `text` with `comments` (as `yaml_comments` gives them) written back beside the
    entries and fields they belong to; one whose path is gone goes to the nearest entry
    still there. A comment that would change what the YAML says (at the end of a line a
    value runs on from) goes on its own line before it."""
    from evalkit.record.load import _yaml

    if not comments:
        return text
    safe = _yaml("safe")
    meaning = safe.load(text)
    starts = _starts(_yaml("rt").load(text))
    lines = text.splitlines()
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    start: list[str] = []
    end: list[str] = []

    def line_of(path: tuple) -> Optional[int]:
        while path and path not in starts:
            path = path[:-1]
        return starts.get(path) if path else None

    for where, place, words in comments:
        line = line_of(_parsed(where))
        if place == START:
            start.append(words)
        elif place == END or line is None and place != BEFORE:
            end.append(words)
        elif line is None:
            before.setdefault(0, []).append(words)
        elif place == AFTER:
            after.setdefault(line, []).append(words)
        else:
            before.setdefault(line, []).append(words)
    for line, said in after.items():
        trial = lines[line] + "  # " + "; ".join(said)
        if safe.load("\n".join([*lines[:line], trial, *lines[line + 1 :]])) == meaning:
            lines[line] = trial
        else:
            before.setdefault(line, []).extend(said)
    out = [f"# {c}".rstrip() for c in start]
    for i, text_line in enumerate(lines):
        indent = text_line[: len(text_line) - len(text_line.lstrip())]
        out.extend(f"{indent}# {c}".rstrip() for c in before.get(i, []))
        out.append(text_line)
    out.extend(f"# {c}".rstrip() for c in end)
    return "\n".join(out) + "\n"
