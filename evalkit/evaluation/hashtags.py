"""Hashtag fragmentation: spelling variants of one hashtag are one hashtag; distinct ones
compete. Paper §4 weakness 14: "many hashtags, one hashtag spelled several ways"."""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher
from typing import Optional, Sequence

# Two normalised spellings at least this similar (difflib ratio) are one hashtag:
# #saveghouta ~ #savealghouta is 0.91, ~ #save_algouta 0.86; #Ghouta vs #SaveGhouta is 0.75.
VARIANT_SIMILARITY = 0.8
_STRIP = re.compile(r"[#_\-\u0640\s]")  # hash, underscores, hyphens, Arabic tatweel


def normalise(tag: str) -> str:
    return _STRIP.sub("", tag).casefold()


def group_variants(tags: list[str]) -> list[list[str]]:
    """Groups of spellings that name one hashtag, in first-seen order."""
    groups: list[list[str]] = []
    keys: list[list[str]] = []
    for tag in tags:
        n = normalise(tag)
        for g, k in zip(groups, keys):
            if any(n == m or SequenceMatcher(None, n, m).ratio() >= VARIANT_SIMILARITY for m in k):
                g.append(tag)
                k.append(n)
                break
        else:
            groups.append([tag])
            keys.append([n])
    return groups


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
