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
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.ext import Extension
from markupsafe import Markup, escape

from evalkit.i18n import direction

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
# left inside an English sentence without reordering the text around it.
_ARABIC_RUN = re.compile(
    r"#?[\u0600-\u06FF\u0750-\u077F][\u0600-\u06FF\u0750-\u077F_\s]*"
    r"(?<!\s)"
)

# In a right-to-left report, runs that must read left to right are isolated: Latin text
# (record text the evaluator wrote in English, file names, codes) so that its punctuation
# stays in order, and numbers joined by separators (2020-12, 2014..2019, 62–131), which the
# bidirectional algorithm would otherwise show back to front after an Arabic word.
_LTR_RUN = re.compile(
    r"[\"“(\[#@]?[A-Za-z][^\u0600-\u06FF]*[^\s\u0600-\u06FF]"
    r"|\d[\d,.]*(?:[-–/:]|\.\.)[\d\-–/:.,]*\d"
)

_LTR_ISOLATE = Markup('<bdi dir="ltr">{}</bdi>')
_RTL_ISOLATE = Markup('<bdi dir="rtl" lang="ar">{}</bdi>')
_AUTO_ISOLATE = Markup("<bdi>{}</bdi>")

# sentence punctuation after a Latin run belongs to the Arabic sentence around it (its full
# stop, its comma), and so does a bracket or quote the run does not open or close itself
_TRAILING = ".,;:!?،؛"
_OPEN = {"(": ")", "[": "]", "“": "”"}
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
    while run and (
        run[-1] in _TRAILING
        or run[-1].isspace()
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
    for m in _LTR_RUN.finditer(raw):
        start, text = m.start(), m.group(0)
        cut = _unclosed(text)
        while cut > 0:  # the part before the bracket, then the rest
            yield start, text[:cut]
            start, text = start + cut, text[cut:]
            cut = _unclosed(text[1:]) + 1 if _unclosed(text[1:]) >= 0 else -1
        yield start, text


def _runs(raw: str, rtl: bool):
    """(text, isolated?) pieces of `raw`: the runs of the other direction, and between."""
    found = _ltr_runs(raw) if rtl else ((m.start(), m.group(0)) for m in _ARABIC_RUN.finditer(raw))
    # the punctuation at a run's edges is the Arabic sentence's only when there is one:
    # a cell that is all English (record text) keeps its full stop
    arabic = rtl and bool(_ARABIC.search(raw))
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
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F]")


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


def _esc_pieces(pieces, rtl: bool) -> Markup:
    out = []
    for piece in pieces:
        if isinstance(piece, list):  # a field: isolated as a whole, its own direction
            text = "".join(_flat(piece))
            if rtl and not _ARABIC.search(text):
                out.append(_LTR_ISOLATE.format(text))
            else:
                out.append(_AUTO_ISOLATE.format(_esc_pieces(piece, rtl)))
        else:
            isolate = _LTR_ISOLATE if rtl else _RTL_ISOLATE
            out.extend(
                isolate.format(text) if inside else escape(text)
                for text, inside in _runs(piece, rtl)
                if text
            )
    return Markup("").join(out)


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
    return _esc_pieces(_isolated_pieces(str(value)), rtl)


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
    return "".join(f"{first}{text}{last}" if inside else text for text, inside in _runs(text, rtl))


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
