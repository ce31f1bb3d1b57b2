"""Hashtag fragmentation: spelling variants of one hashtag are one hashtag; distinct ones
compete. Paper §4 weakness 14: "many hashtags, one hashtag spelled several ways".

Two written forms are one hashtag when they differ only in what a writer changes without
changing the slogan (docs/evaluation-method.md, "Hashtag fragmentation"):

1. case, separators (`_`, `-`, `.`, spaces, joiners), Arabic tatweel and diacritics, the
   Arabic letter forms writers interchange (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي,
   Persian ک ی), Eastern Arabic digits;
2. in Latin letters, the spellings of one Arabic name in Latin letters: gh/g, kh/k, dh/d,
   ou/oo/u, ee/i, a doubled letter, an apostrophe or ʿ, and the article al-/el- (ال in
   Arabic letters) at the start of a word;
3. a typo: one letter inserted, dropped, changed or two swapped in a form of at least 8
   letters (two in one of at least 14), each inside a word of at least 5 letters (8 for
   two typos in one word). The words are read from the capitals or separators of either
   form; where neither shows its words (`#stopthewar` against `#stopthewall`) no typo is
   assumed, since a letter changed in a short word makes another word (War/Wall, War/Car).

Anything else — forms sharing words but not the slogan (`#EndChildDetention` and
`#NoChildInDetention`, `#StopTheWar` and `#StopTheWall`, `#Ghouta` and `#SaveGhouta`) — is
a different hashtag: they compete.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Iterable, Optional, Sequence

from evalkit.evaluation.bounds import Interval, effective_number_of

# separators and marks that never change a hashtag: hash, underscore, hyphen, dot, spaces,
# Arabic tatweel, zero-width (non-)joiners and marks
_STRIP = re.compile(r"[#_\-.\s\u0640\u200c\u200d\u200e\u200f\u2060\ufeff'’ʼʻʿʾ`]")
# Arabic diacritics (harakat, shadda, sukun, superscript alef, Quranic marks)
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ک": "ك",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
# one Arabic name in Latin letters (applied to each word, longest first)
_LATIN_FOLDS = (("gh", "g"), ("kh", "k"), ("dh", "d"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_DOUBLE = re.compile(r"([a-z])\1+")
_ARTICLES = ("al", "el", "ال")
# a capital after a lower-case letter or a digit, or a run of capitals before a capital
# and a lower-case letter, starts a word: EndChildDetention, UNReport
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[_\-.\s]+")

TYPO_MIN_LETTERS = 8  # one typo only in a form this long
TWO_TYPOS_MIN_LETTERS = 14
TYPO_WORD_MIN_LETTERS = 5  # a letter changed in a shorter word makes another word
TWO_TYPOS_WORD_MIN_LETTERS = 8


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    return text.translate(_ARABIC_LETTERS)


def normalise(tag: str) -> str:
    """The form with case, separators, diacritics and Arabic letter forms folded."""
    return _STRIP.sub("", _clean(tag)).casefold()


def _fold(word: str) -> str:
    w = word.casefold()
    for a, b in _LATIN_FOLDS:
        w = w.replace(a, b)
    return _DOUBLE.sub(r"\1", w)


def words(tag: str) -> Optional[list[str]]:
    """The tag's words, when its capitals or separators show them; None otherwise."""
    text = _clean(tag).lstrip("#")
    parts = [p for p in _SEPARATORS.split(text) if p]
    out: list[str] = []
    for p in parts:
        out.extend(w for w in _CAMEL.split(p) if w)
    out = [normalise(w) for w in out]
    out = [w for w in out if w]
    return out if len(out) > 1 else None


@dataclass
class _Form:
    tag: str
    skeleton: str
    starts: list[int] = field(default_factory=list)  # where each word starts
    shown: bool = False  # its words are shown by capitals or separators

    @classmethod
    def of(cls, tag: str) -> "_Form":
        ws = words(tag)
        if ws is None:
            return cls(tag, _fold(normalise(tag)), [0], False)
        starts, skeleton = [], ""
        for w in ws:
            starts.append(len(skeleton))
            skeleton += _fold(w)
        return cls(tag, skeleton, starts, True)

    def word_at(self, i: int) -> tuple[int, int]:
        """(index, length) of the word holding position i of the skeleton."""
        k = max(j for j, s in enumerate(self.starts) if s <= max(i, 0))
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.skeleton)
        return k, end - self.starts[k]


def _alignment(a: _Form, b: str) -> tuple[int, list[int]]:
    """Edits turning a's skeleton into b (a letter inserted, dropped, changed, or two
    swapped; an article al-/el-/ال at the start of one of a's words costs nothing), and
    the positions in a's skeleton where the costing edits fall."""
    s, n, m = a.skeleton, len(a.skeleton), len(b)
    starts = set(a.starts)
    inf = 10**6
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[Any]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c >= inf:
                continue
            steps = []
            if i < n and j < m:
                steps.append((i + 1, j + 1, 0 if s[i] == b[j] else 1, i))
            if i < n:
                steps.append((i + 1, j, 1, i))
            if j < m:
                steps.append((i, j + 1, 1, min(i, n - 1)))
            if i + 1 < n and j + 1 < m and s[i] == b[j + 1] and s[i + 1] == b[j]:
                steps.append((i + 2, j + 2, 1, i))
            if i in starts:
                for art in _ARTICLES:
                    if s.startswith(art, i):
                        steps.append((i + len(art), j, 0, i))
                    if b.startswith(art, j):
                        steps.append((i, j + len(art), 0, i))
            for ni, nj, d, pos in steps:
                if c + d < cost[ni][nj]:
                    cost[ni][nj] = c + d
                    back[ni][nj] = (i, j, d, pos)
    where, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj, d, pos = back[i][j]
        if d:
            where.append(pos)
        i, j = pi, pj
    return cost[n][m], where


def _typo_ok(a: _Form, b: _Form) -> bool:
    """b is a's form with one or two typos, each inside a long enough word of a."""
    distance, where = _alignment(a, b.skeleton)
    if distance == 0:
        return True
    letters = min(len(a.skeleton), len(b.skeleton))
    if distance > 2 or letters < (TYPO_MIN_LETTERS if distance == 1 else TWO_TYPOS_MIN_LETTERS):
        return False
    if not a.shown:
        return False
    in_word: dict[int, list[int]] = {}
    for pos in where:
        k, length = a.word_at(pos)
        in_word.setdefault(k, []).append(length)
    return all(
        ls[0] >= (TYPO_WORD_MIN_LETTERS if len(ls) == 1 else TWO_TYPOS_WORD_MIN_LETTERS)
        for ls in in_word.values()
    )


def same_hashtag(first: str, second: str) -> bool:
    """Whether two written forms are one hashtag (the rules in the module's docstring)."""
    if normalise(first) == normalise(second):
        return True
    a, b = _Form.of(first), _Form.of(second)
    if a.skeleton == b.skeleton:
        return True
    # the words are read from whichever form shows them
    if a.shown or b.shown:
        one, other = (a, b) if a.shown else (b, a)
        return _typo_ok(one, other) or (other.shown and _typo_ok(other, one))
    # neither shows its words: only an article at the start differs
    return _alignment(a, b.skeleton)[0] == 0


def group_variants(tags: Iterable[str]) -> list[list[str]]:
    """Groups of spellings that name one hashtag, in first-seen order."""
    groups: list[list[str]] = []
    for tag in tags:
        for g in groups:
            if any(same_hashtag(tag, other) for other in g):
                g.append(tag)
                break
        else:
            groups.append([tag])
    return groups


@dataclass
class Fragment:
    """The hashtags of one language in one phase (phase None: recorded without one)."""

    language: str
    phase: Optional[str]
    forms: list[Any]  # the record's Hashtag entries
    groups: list[list[str]]

    @property
    def distinct(self) -> int:
        return len(self.groups)

    @property
    def variants(self) -> list[list[str]]:
        return [g for g in self.groups if len(g) > 1]

    @property
    def effective(self) -> Optional[float]:
        """The effective number of hashtags when every one's uses are exact counts; else
        None (its bounds: `effective_bounds`)."""
        bounds = self.effective_bounds
        return bounds.low if bounds is not None and bounds.exact else None

    @cached_property  # read by the effective number and its bounds: computed once
    def effective_bounds(self) -> Optional[Interval]:
        """The effective number of hashtags as the uses' qualifiers allow it: each group of
        spellings' uses summed as bounds ("more than 3000" is 3000 or more, never 3000),
        approximate when some are "about"; None unless every hashtag's uses are recorded."""
        uses = {h.text: h.uses for h in self.forms}
        if not self.groups or any(uses[t] is None for g in self.groups for t in g):
            return None
        if len(self.groups) == 1:  # one hashtag carries everything, however many its uses
            return Interval(1.0, 1.0) if any(uses[t].upper > 0 for t in self.groups[0]) else None
        got = effective_number_of(
            [(sum(uses[t].lower for t in g), sum(uses[t].upper for t in g)) for g in self.groups]
        )
        if got is None:
            return None
        return replace(
            got, approximate=any(uses[t].bound == "approximate" for g in self.groups for t in g)
        )


def fragmentation(hashtags: Sequence[Any]) -> list[Fragment]:
    """One grouping, read by questions 2 and 5, W14 and the comparison: the hashtags of
    each language in each phase (hashtags used at the same time compete; a new hashtag for
    a new phase does not compete with the last one), in (phase, language) order, hashtags
    without a phase first."""
    by: dict[tuple[str, str], list[Any]] = {}
    for h in hashtags:
        by.setdefault((h.phase or "", h.language), []).append(h)
    return [
        Fragment(lang, ph or None, forms, group_variants(h.text for h in forms))
        for (ph, lang), forms in sorted(by.items())
    ]


def effective_number(uses: Sequence[Optional[float]]) -> Optional[float]:
    """Inverse Herfindahl index of shares of uses: 1 = one hashtag carries everything,
    k = k equally used hashtags. None unless every hashtag's uses are known."""
    known = [u for u in uses if u is not None and not math.isnan(u)]
    if not uses or len(known) < len(uses):
        return None
    total = sum(known)
    if total <= 0:
        return None
    return 1.0 / sum((u / total) ** 2 for u in known)
