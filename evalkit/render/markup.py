"""How evalkit writes HTML: Jinja2 templates (evalkit/render/templates/*.html.j2) with
autoescape, whose every `{{ value }}` is escaped and bidi-isolated (`esc`) unless it is
already markup, and fragments that are `markupsafe.Markup` (`Html`), so anything joined to
them is escaped too. Escaping happens by construction: no code writes a tag around text.

In a template, a line break and the indentation after it are not output (the templates are
laid out for reading; the pages hold no whitespace between tags, as before): write a space
where one is meant, and keep a tag's attributes on one line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.ext import Extension
from markupsafe import Markup, escape

from evalkit.i18n import ARABIC_LETTER
from evalkit.i18n import LTR_RUN, LTR_TEXT, direction

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = Path(__file__).resolve().parent / "static" / "evalkit.css"


class Html(Markup):
    """An HTML fragment Jupyter displays as HTML. It is Markup: `fragment + text` escapes
    the text, so a template cell can show a section's heading and its content as one output
    (each cell is a kernel round trip). It carries the section headings it holds — (anchor,
    title) — which the page's table of contents lists (display metadata, read by the
    nbconvert template)."""

    headings: tuple = ()

    def __new__(cls, base="", headings: Iterable = ()):
        obj = super().__new__(cls, base)
        headings = tuple(headings) or getattr(base, "headings", ())
        if headings:
            obj.headings = headings
        return obj

    def __add__(self, other):
        if isinstance(other, str) or hasattr(other, "__html__"):
            return Html(
                Markup.__add__(self, other), self.headings + tuple(getattr(other, "headings", ()))
            )
        return NotImplemented

    def _ipython_display_(self) -> None:
        from IPython.display import display

        _show_stylesheet_once()
        # in an Arabic notebook opened in JupyterLab (no page-wide dir) the output still
        # reads right to left
        shown = render_fragment("rtl.html.j2", body=self) if direction() == "rtl" else self
        metadata = (
            {"evalkit": {"headings": [list(h) for h in self.headings]}} if self.headings else {}
        )
        display({"text/html": str(shown)}, raw=True, metadata=metadata)


def concat(parts: Iterable) -> Html:
    """Fragments (and escaped text) one after the other, keeping their headings."""
    out = Html()
    for part in parts:
        out = out + part
    return out


_styled = False


def _show_stylesheet_once() -> None:
    """In JupyterLab the stylesheet comes with the kernel's first fragment, as an output of
    its own; the report page leaves that output out (it has the stylesheet in its head)."""
    global _styled
    if not _styled:
        from IPython.display import display

        _styled = True
        display(
            {"text/html": str(render_fragment("stylesheet.html.j2", css=stylesheet()))},
            raw=True,
            metadata={"evalkit": {"stylesheet": True}},
        )


@functools.lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """evalkit.css, the one stylesheet of every page (CSS, not text: never escaped)."""
    return Markup(STYLESHEET.read_text(encoding="utf-8"))


# --- bidirectional text --------------------------------------------------------------------

# A run of Arabic script (with a leading # for hashtags); isolated so that it reads right to
# left inside an English sentence without reordering the text around it. The run goes from
# an Arabic letter to the last Arabic letter before a Latin one, numbers and punctuation
# between included: «جمع 10,000 توقيع» cut at its number would show its words in English
# order, the number's two sides swapped.
_ARABIC_LETTER = ARABIC_LETTER.pattern
_ARABIC_RUN = re.compile(
    rf"#?{_ARABIC_LETTER}(?:[^A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\n]*{_ARABIC_LETTER})?"
)
# the words alone, where a bracket the run would hold is not closed inside it
_ARABIC_WORDS = re.compile(rf"#?{_ARABIC_LETTER}(?:{_ARABIC_LETTER}|[_\s])*(?<!\s)")


def _unbalanced(run: str) -> tuple[list[int], list[int]]:
    """Where the run opens a bracket or quote it does not close, and closes one it does not
    open (straight quotes aside)."""
    opened: list[int] = []
    closed: list[int] = []
    for i, c in enumerate(run):
        if c in _OPEN:
            opened.append(i)
        elif c in _CLOSE:
            if opened and run[opened[-1]] == _CLOSE[c]:
                opened.pop()
            else:
                closed.append(i)
    return opened, closed


def _arabic_runs(raw: str):
    for m in _ARABIC_RUN.finditer(raw):
        start, end = m.span()
        # a bracket around the run's end or start that the text closes or opens just beside
        # it goes in («نافورة (الوحدة)»); one that does not, and the run is its words alone
        while True:
            opened, closed = _unbalanced(raw[start:end])
            if opened and raw[end : end + 1] == _OPEN[raw[start + opened[-1]]]:
                end += 1
            elif closed and start and raw[start - 1] == _CLOSE[raw[start + closed[0]]]:
                start -= 1
            else:
                break
        if opened or closed:
            for w in _ARABIC_WORDS.finditer(raw, start, end):
                yield w.start(), w.group(0)
        else:
            yield start, raw[start:end]


# In a right-to-left report, runs that must read left to right are isolated (LTR_RUN): Latin
# text (record text the evaluator wrote in English, file names, codes) so that its
# punctuation stays in order, and numbers joined by separators (2020-12, 2014..2019, 62–131),
# which the bidirectional algorithm would otherwise show back to front after an Arabic word.

_LTR_ISOLATE = Markup('<bdi dir="ltr">{}</bdi>')
_RTL_ISOLATE = Markup('<bdi dir="rtl" lang="ar">{}</bdi>')
_ISOLATE = Markup('<bdi dir="{}">{}</bdi>')

# sentence punctuation after a Latin run belongs to the Arabic sentence around it (its full
# stop, its comma), and so does a bracket or quote the run does not open or close itself
_TRAILING = ".,;:!?،؛"
# («» Arabic's own quotes, <> a tag the record's text holds as written: `<i>`)
_OPEN = {"(": ")", "[": "]", "“": "”", "«": "»", "<": ">"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def _unpaired(run: str, i: int) -> bool:
    c = run[i]
    if c == '"':
        return run.count('"') % 2 == 1
    if c in _OPEN:
        return run.count(c) > run.count(_OPEN[c])
    if c in _CLOSE:
        return run.count(c) > run.count(_CLOSE[c])
    return False


def _trimmed(run: str) -> tuple[str, str, str]:
    """A Latin run found inside Arabic text as (before, run, after): the punctuation that is
    the sentence's moved out of it."""
    head = tail = ""
    while run and (run[0] in _OPEN or run[0] == '"') and _unpaired(run, 0):
        head, run = head + run[0], run[1:]
    # an opener that ends the run opens nothing inside it: the Arabic text's, after it
    # («Phase 1 «لا للعطش»»: the run was 'Phase 1 «', drawn as '» Phase 1')
    while run and (
        run[-1] in _TRAILING
        or run[-1].isspace()
        or run[-1] in _OPEN
        or (run[-1] in _CLOSE or run[-1] == '"')
        and _unpaired(run, -1)
    ):
        run, tail = run[:-1], run[-1] + tail
    return head, run, tail


def _unclosed(run: str) -> int:
    """Where a bracket opens that the run does not close (a Latin run ending inside an
    Arabic parenthesis: "Photos made public (mid 2014 إلى …"), or -1."""
    stack = []
    for i, c in enumerate(run):
        if c in _OPEN:
            stack.append(i)
        elif c in _CLOSE and stack:
            stack.pop()
    return stack[0] if stack else -1


def _ltr_runs(raw: str):
    for m in LTR_RUN.finditer(raw):
        start, text = m.start(), m.group(0)
        cut = _unclosed(text)
        while cut > 0:  # the part before the bracket, then the rest
            yield start, text[:cut]
            start, text = start + cut, text[cut:]
            cut = _unclosed(text[1:]) + 1 if _unclosed(text[1:]) >= 0 else -1
        yield start, text


def _runs(raw: str, rtl: bool, arabic: bool = True):
    """(text, isolated?) pieces of `raw`: the runs of the other direction, and between.
    `arabic`: the text `raw` is part of holds an Arabic sentence, whose punctuation the
    punctuation at a run's edges is (a text that is all English keeps its full stop)."""
    found = _ltr_runs(raw) if rtl else _arabic_runs(raw)
    arabic = rtl and arabic
    pos = 0
    for start, text in found:
        head, run, tail = _trimmed(text) if arabic else ("", text, "")
        if not run:
            continue
        yield raw[pos:start] + head, False
        yield run, True
        pos = start + len(head) + len(run)
    yield raw[pos:], False


_ISOLATE_MARKS = re.compile("([\u2066\u2067\u2068\u2069])")
_ARABIC = ARABIC_LETTER  # one definition of an Arabic letter (evalkit.i18n)


def _isolated_pieces(raw: str):
    """`raw` split at Unicode isolates (a sentence's fields, evalkit.i18n.isolated): plain
    text, and a list of the pieces inside each isolate."""
    stack: list[list] = [[]]
    for piece in _ISOLATE_MARKS.split(raw):
        if piece in ("\u2066", "\u2067", "\u2068"):
            stack.append([])
        elif piece == "\u2069":
            if len(stack) > 1:
                inner = stack.pop()
                stack[-1].append(inner)
        elif piece:
            stack[-1].append(piece)
    while len(stack) > 1:  # an isolate left open: its text as it is
        inner = stack.pop()
        stack[-1].extend(inner)
    return stack[0]


def _first_strong(pieces) -> str:
    """The direction of an isolate's text (Unicode's first-strong rule): that of its first
    letter outside the isolates it holds; without one, right to left when it holds Arabic
    punctuation (a list of fields joined by «، »), else left to right (a date)."""
    for piece in pieces:
        if isinstance(piece, str):
            for c in piece:
                kind = unicodedata.bidirectional(c)
                if kind == "L":
                    return "ltr"
                if kind in ("R", "AL"):
                    return "rtl"
    own = "".join(p for p in pieces if isinstance(p, str))
    return "rtl" if _ARABIC.search(own) else "ltr"


def _esc_pieces(pieces, rtl: bool, arabic: bool) -> Markup:
    parts: list[tuple[str, str]] = []  # (what, text): "text", "ltr"/"rtl" isolates, "html"
    for piece in pieces:
        if isinstance(piece, list):  # a field: isolated as a whole, in its own direction
            text = "".join(_flat(piece))
            if not _ARABIC.search(text):
                parts.append(("ltr" if rtl else "text", text))
            else:  # laid out as a page of its direction lays out its text
                own = _first_strong(piece)
                parts.append(("html", _ISOLATE.format(own, _esc_pieces(piece, own == "rtl", True))))
        else:
            parts.extend(
                ("ltr" if rtl else "rtl", text) if inside else ("text", text)
                for text, inside in _runs(piece, rtl, arabic)
                if text
            )
    for i, (what, text) in enumerate(parts):  # the phrases that stand as items of their own
        if what != "ltr" or _is_word(text):
            continue
        before = parts[i - 1][1] if i and parts[i - 1][0] == "text" else None
        after = parts[i + 1][1] if i + 1 < len(parts) and parts[i + 1][0] == "text" else None
        if before is None and i or after is None and i + 1 < len(parts):
            continue  # next to markup: part of what it touches
        # the separator after the phrase (a list's «؛») goes with its box, at its last line's
        # end; a phrase in brackets or quotes wraps with the sentence (a box's brackets would
        # stand beside its last line)
        trail = _SEPARATOR_AFTER.match(after or "")
        glued = trail.group(0) if trail else ""
        rest = (after or "")[len(glued) :]
        if (before or "")[-1:].strip() or rest[:1].strip():
            continue  # inside a word or a run of the sentence's text: wraps with it
        if after is not None:
            parts[i + 1] = ("text", rest)
        parts[i] = ("item", text + "\0" + glued)
    out = []
    for what, text in parts:
        if what == "ltr":
            out.append(_ITEM.format("word", text) if _is_word(text) else _LTR_ISOLATE.format(text))
        elif what == "item":
            text, glued = text.split("\0")
            box = _ITEM.format("item", text)
            out.append(_GLUED.format(box, glued) if glued else box)
        elif what == "rtl":
            out.append(_RTL_ISOLATE.format(text))
        else:
            out.append(Markup(text) if what == "html" else escape(text))
    return Markup("").join(out)


# how a left-to-right isolate breaks across lines in a right-to-left page (evalkit.css):
# a word (an id, a date, a code) never; a phrase that stands as an item of its own (between
# spaces, before a list's separator, or a cell's whole text) inside a box, glued to that
# separator, so that its lines never interleave with the Arabic around it or the next item;
# a phrase the sentence quotes, brackets or runs on from, with the sentence
_WORD = 40
_ITEM = Markup('<bdi dir="ltr" class="{}">{}</bdi>')
_GLUED = Markup('<span class="glued">{}{}</span>')
_SEPARATOR_AFTER = re.compile(r"[؛،,;:.!?]*")


def _is_word(text: str) -> bool:
    return len(text) <= _WORD and not any(c.isspace() for c in text)


def _ltr_isolate(text: str) -> Markup:
    """A left-to-right isolate that is the whole of what is shown."""
    return _ITEM.format("word" if _is_word(text) else "item", text)


def _flat(pieces):
    for piece in pieces:
        if isinstance(piece, list):
            yield from _flat(piece)
        else:
            yield piece


def esc(value, page_direction: Optional[str] = None) -> Markup:
    """Text as HTML: escaped, and runs of the other script's direction isolated in <bdi>:
    Arabic runs in an English report, left-to-right runs in an Arabic one (the report's
    direction, or `page_direction` for a page built outside a report); a sentence's fields
    that the language layer isolated (Unicode isolates) become <bdi> elements, so that
    their punctuation never mixes with the sentence's. Markup is kept."""
    if hasattr(value, "__html__"):
        return Markup(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return Markup("")
    rtl = (page_direction or direction()) == "rtl"
    pieces = _isolated_pieces(str(value))
    text = "".join(_flat(pieces))
    if rtl and not _ARABIC.search(text) and LTR_TEXT.search(text):
        # Latin text on its own (record text, a code, a date): one isolate, whatever it
        # starts or ends with ("276 girls …", "'quoted'.")
        return _ltr_isolate(text)
    if not rtl and _arabic_text(str(value)):
        # the record's Arabic text on its own, an English name inside it: one right-to-left
        # isolate whose Latin runs are isolated, as an Arabic page shows it
        return _RTL_ISOLATE.format(_esc_pieces(pieces, True, True))
    return _esc_pieces(pieces, rtl, bool(_ARABIC.search(text)))


_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def _arabic_text(text: str) -> bool:
    """Text written in Arabic (its first letter Arabic, more Arabic letters than Latin) with
    Latin runs in it; not an English sentence that opens on an Arabic name."""
    return (
        not _ISOLATE_MARKS.search(text)
        and _first_strong([text]) == "rtl"
        and bool(_LATIN.search(text))
        and len(_ARABIC.findall(text)) > len(_LATIN.findall(text))
    )


def attr(value) -> Markup:
    """Text for an HTML attribute (alt, aria-label, style): escaped, no markup."""
    return escape("" if value is None else str(value))


_ISOLATES = {"ltr": ("\u2066", "\u2069"), "rtl": ("\u2067", "\u2069")}  # LRI/RLI … PDI


def plain_isolated(value, page_direction: Optional[str] = None) -> str:
    """Text where no markup can go (a <title>, a CSS string for the printed page's header):
    the runs `esc` would put in <bdi> isolated with Unicode's isolate characters instead
    (a sentence's fields are isolated already)."""
    rtl = (page_direction or direction()) == "rtl"
    first, last = _ISOLATES["ltr" if rtl else "rtl"]
    text = "" if value is None else str(value)
    if _ISOLATE_MARKS.search(text):
        return text
    if not rtl and _arabic_text(str(value)):
        return _RLI + _isolate_runs(text, True) + _PDI
    return "".join(f"{first}{text}{last}" if inside else text for text, inside in _runs(text, rtl))


_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def drawn(text: str, page_direction: Optional[str] = None) -> str:
    """A chart's text (matplotlib writes it into the SVG as text, one line per <text>, which
    the browser lays out left to right). In a right-to-left report each line that holds
    Arabic becomes a right-to-left isolate (RLI … PDI) whose Latin runs are isolated; an
    isolate a line break cuts (a wrapped phase name) is closed at the line's end and
    reopened on the next line. Anything else as it is (isolate marks are invisible)."""
    if (page_direction or direction()) != "rtl" or not _ARABIC.search(text):
        return text
    lines, carried = [], ""  # the isolates a line break cut, reopened on the next line
    for line in text.split("\n"):
        if line.startswith(_RLI) and line.endswith(_PDI) and not carried:
            lines.append(line)  # drawn already
            continue
        line, top = carried + line, ""
        depth: list[str] = []  # the isolates open at this point of the line
        out: list[str] = []
        arabic = bool(_ARABIC.search(line))
        for c in line:
            if c in (_LRI, _RLI, _FSI):
                if not depth:
                    out.append(_isolate_runs(top, arabic))
                    top = ""
                depth.append(c)
                out.append(c)
            elif c == _PDI and depth:
                depth.pop()
                out.append(c)
            elif depth:
                out.append(c)
            else:
                top += c
        out.append(_isolate_runs(top, arabic))
        carried = "".join(depth)
        lines.append(_RLI + "".join(out) + _PDI * len(depth) + _PDI)
    return "\n".join(lines)


def _isolate_runs(text: str, arabic: bool) -> str:
    """The Latin runs of a piece of a right-to-left line isolated with LRI … PDI."""
    return "".join(f"{_LRI}{t}{_PDI}" if inside else t for t, inside in _runs(text, True, arabic))


def css_string(value) -> Markup:
    """Text inside a CSS string ("…" in a @page rule): quotes, backslashes and line breaks
    escaped for CSS, '<' too so that it can never close the <style> element."""
    text = re.sub(r'["\\<\n]', lambda m: f"\\{ord(m.group(0)):x} ", str(value))
    return Markup(text)


def css_content(template: str, **counters: str) -> Markup:
    """A CSS `content` value from a sentence whose fields are CSS counters:
    css_content("page {page} of {pages}", page="page", pages="pages") gives
    "page " counter(page) " of " counter(pages) "" — the translation may move the fields."""
    pieces = re.split(r"\{(\w+)\}", template)
    return Markup(" ").join(
        Markup("counter({})").format(counters[p]) if i % 2 else Markup('"{}"').format(css_string(p))
        for i, p in enumerate(pieces)
    )


# --- templates -----------------------------------------------------------------------------


class _LineBreaksAreLayout(Extension):
    """A line break in a template, and the indentation after it, is not output."""

    def preprocess(self, source, name, filename=None):
        return re.sub(r"\n\s*", "", source)


@pass_context
def _finalize(context, value):
    return esc(value, context.get("page_direction"))


@pass_context
def _title_text(context, value) -> Markup:
    """For <title>, whose content is text, never markup."""
    return escape(plain_isolated(value, context.get("page_direction")))


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        extensions=[_LineBreaksAreLayout],
    )
    # attr: an attribute's value; plain: text shown as written, escaped but not isolated
    # (the record's own text in cells that find their direction themselves, dir="auto")
    env.filters.update(
        attr=attr, plain=attr, css_string=css_string, esc=esc, title_text=_title_text
    )
    return env


def render_fragment(name: str, **context) -> Html:
    """A template's output as a fragment, in the report's direction."""
    return Html(environment().get_template(name).render(**context))


def render_page(name: str, lang: str, **context) -> str:
    """A whole page from a template, in `lang`'s direction (pages built outside a report:
    the index, the record page, the worksheets)."""
    page_direction = direction(lang)
    return (
        environment()
        .get_template(name)
        .render(
            lang=lang,
            dir=page_direction,
            page_direction=page_direction,
            css=stylesheet(),
            **context,
        )
        + "\n"
    )
