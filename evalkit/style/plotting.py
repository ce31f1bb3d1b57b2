"""matplotlib as every evalkit chart uses it. Record text (a campaign's or a phase's name, a
metric, an audience) is drawn as written, never parsed as mathtext: matplotlib would read
`$…$` in it as a formula, and `Save $\\frac{1}{$ Ghouta` would fail the chart (and the
comparative of every campaign with it). `text.parse_math` is read when a text artist is
made, tick labels included, so it is set before any figure exists; evalkit's own labels use
no mathtext."""

from __future__ import annotations


def pyplot():
    """`matplotlib.pyplot`, with mathtext off for every text drawn from now on."""
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False
    import matplotlib.pyplot as plt

    return plt
