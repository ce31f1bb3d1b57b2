"""Arithmetic on qualified counts, kept as the bounds the record allows.

A count "at least 1000" or "5000..8000" is an interval (record.values.Quantity: `lower`,
`upper`), and so is anything computed from it: a share of participants, the effective
number of hashtags. Each function here gives the smallest and the largest value the
record's counts allow, never one number picked inside them; and a bound is written
rounded the safe way — a lower bound down, an upper bound up — so that rounding never
claims more than the bound ("at least 22.9 per week" for 22.95, never "at least 23").
Counts the source gives as "about" carry no bounds of their own: what is computed from
them is said to be approximate (`approximate`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal, Optional, Sequence

from evalkit.i18n import Msg

# which way a number may be rounded: to the nearest (an exact or approximate value), down
# (a lower bound), up (an upper bound)
Direction = Literal["nearest", "down", "up"]

# floating point makes 0.1 * 3 = 0.30000000000000004: a value this close to a step is on it
_EPSILON = 1e-9


def rounded(x: float, places: int, direction: Direction = "nearest") -> float:
    """`x` to `places` decimals (negative: tens, hundreds), the safe way for a bound: down
    for a lower bound, up for an upper one, to the nearest for a value."""
    if not math.isfinite(x) or direction == "nearest":
        return round(x, places) if math.isfinite(x) else x
    scale = 10.0**places
    scaled = x * scale
    near = round(scaled)
    if abs(scaled - near) < _EPSILON * max(1.0, abs(scaled)):
        return near / scale  # on a step already: 23.0 stays 23
    return (math.floor(scaled) if direction == "down" else math.ceil(scaled)) / scale


def percent(share: float, direction: Direction = "nearest") -> str:
    """A share as a whole percentage, '62%', rounded the safe way for a bound. A share that
    is neither none nor all is never written '0%' or '100%': it takes the decimals that keep
    it off the ends ('99.6%', '0.3%'), since '100%' says every one and the record says not."""
    if not math.isfinite(share):
        return "–"
    for places in range(6):
        value = rounded(share * 100, places, direction)
        off_the_ends = (value > 0 or share <= 0) and (value < 100 or share >= 1)
        if off_the_ends or places == 5:
            return f"{value:.{places}f}%"
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Interval:
    """What a computed number may be: from `low` to `high` (equal when the counts are
    exact); `approximate` when some count it rests on is "about"."""

    low: float
    high: float
    approximate: bool = False

    @property
    def exact(self) -> bool:
        return self.low == self.high


def share_of(
    parts: Sequence[tuple[float, float]], wholes: Sequence[tuple[float, float]]
) -> Interval:
    """The share Σ part / Σ whole over rows whose part is counted among their whole (foreign
    participants among the participants of one activity), each row's counts given as their
    (lower, upper) bounds: the smallest share takes every part at its least and every whole
    at its most; the largest takes each whole at the value nearest its part's largest (the
    part can be no larger than its whole) and the part at that. Exact counts give one
    share. The caller checks that some whole may be more than 0 and no part must exceed
    its whole."""
    low_parts = sum(lo for lo, _ in parts)
    high_wholes = sum(hi for _, hi in wholes)
    low = 0.0 if math.isinf(high_wholes) else low_parts / high_wholes
    top_parts = top_wholes = 0.0
    for (f_lo, f_hi), (p_lo, p_hi) in zip(parts, wholes):
        # the whole that maximises the share: the part's largest, within what the whole allows
        whole = min(max(f_hi, p_lo, f_lo), p_hi)
        if math.isinf(whole):  # part and whole both open-ended: the share may come near 1
            return Interval(low, 1.0)
        top_parts += min(f_hi, whole)
        top_wholes += whole
    high = top_parts / top_wholes if top_wholes else 1.0
    return Interval(min(low, high), high)


def _inverse_herfindahl(uses: Sequence[float]) -> float:
    total = sum(uses)
    return total * total / sum(u * u for u in uses)


# beyond this many hashtags the smallest effective number is not searched (2^n corners):
# it is then given as 1, which it always is at least
_CORNERS = 12


def effective_number_of(uses: Sequence[tuple[float, float]]) -> Optional[Interval]:
    """The inverse Herfindahl index of shares of uses (1: one hashtag carries everything,
    k: k equally used) over every value each hashtag's uses may take, each given as its
    (lower, upper) bounds; None when the uses may all be 0. The index is quasi-concave in
    the uses, so its least is at a corner of the bounds (one hashtag open-ended above may
    carry everything: 1), and its most where the uses are as even as the bounds allow:
    each use at a common level t, clamped to its bounds, with t the uses' Σu²/Σu."""
    if not uses or all(hi <= 0 for _, hi in uses):
        return None
    if all(lo == hi for lo, hi in uses):
        point = [lo for lo, _ in uses]
        value = _inverse_herfindahl(point) if sum(point) > 0 else None
        return Interval(value, value) if value is not None else None
    # the least: a corner (an open-ended hashtag's uses growing without end leave one)
    if any(math.isinf(hi) for _, hi in uses) or len(uses) > _CORNERS:
        low = 1.0
    else:
        low = min(
            _inverse_herfindahl(corner)
            for corner in itertools.product(*[(lo, hi) for lo, hi in uses])
            if sum(corner) > 0
        )
    # the most: the uses clamped to a common level t; t is a breakpoint of the clamps or,
    # between two, the fixed uses' Σu²/Σu (where the gradient vanishes)
    points = sorted({x for lo, hi in uses for x in (lo, hi) if math.isfinite(x) and x > 0})
    candidates = list(points)
    edges = [0.0, *points, math.inf]
    for a, b in zip(edges, edges[1:]):
        mid = (a + b) / 2 if math.isfinite(b) else a + 1.0
        fixed = [min(max(mid, lo), hi) for lo, hi in uses if not lo < mid < hi]
        total, squares = sum(fixed), sum(u * u for u in fixed)
        if total > 0 and a <= squares / total <= b:
            candidates.append(squares / total)
        elif total == 0:  # every hashtag free: all equal
            candidates.append(mid)
    high = max(
        _inverse_herfindahl(clamped)
        for t in candidates
        if sum(clamped := [min(max(t, lo), hi) for lo, hi in uses]) > 0
    )
    return Interval(min(low, high), max(low, high))


def interval_msg(interval: Interval, written, lowest: float, highest: float) -> "Msg | str":
    """An interval in words: the value when the counts are exact (`written(x, "nearest")`,
    '62%'), 'about …' when some of them are approximate; else its bounds, each rounded the
    safe way by `written(x, direction)`: 'between 62% and 100%', or 'at least 13%' / 'at most
    2' when the other end is only the scale's own limit (`highest`, `lowest`), and 'anywhere
    from … to …' when both are. Bounds that rest on approximate counts say so."""
    if interval.exact:
        value = written(interval.low, "nearest")
        return Msg("about {n}", n=value) if interval.approximate else value
    low, high = written(interval.low, "down"), written(interval.high, "up")
    said = (
        Msg(
            "anywhere from {low} to {high} (the counts' qualifiers allow every value)",
            low=low,
            high=high,
        )
        if interval.low <= lowest and interval.high >= highest
        else Msg("at least {n}", n=low)
        if interval.high >= highest
        else Msg("at most {n}", n=high)
        if interval.low <= lowest
        else Msg("between {low} and {high}", low=low, high=high)
    )
    if interval.approximate and not (interval.low <= lowest and interval.high >= highest):
        said = Msg("{bounds} (some of the counts it rests on are approximate)", bounds=said)
    return said
