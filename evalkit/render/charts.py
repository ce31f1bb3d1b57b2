"""The comparative report's verdict heat map, drawn with seaborn (a heat map with its cell
labels and grid in one call) in the verdict colours of the evaluation reports."""

from __future__ import annotations

import textwrap

from evalkit.comparison import verdicts
from evalkit.comparison.tables import _name
from evalkit.evaluation.base import SCALE
from evalkit.i18n import direction, localized, tr
from evalkit.style.colours import VERDICT_COLOURS
from evalkit.results.model import CampaignResults


def _wrapped(text: str, width: int) -> str:
    """Lines of at most `width` characters (never cut inside a hyphenated name or date); in a
    right-to-left report each line is laid out right to left where the figure is drawn
    (evalkit.render.report.figure)."""
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


# the cells' text size (points), and the height of one of its lines as the page draws it: an
# SVG's text is drawn by the browser's (or Word's) own font, and an Arabic font's lines are
# taller than matplotlib measures them («منخفض)» was cut by the bottom of a 4-line cell)
CELL_FONT = 9
LINE_HEIGHT = {"ltr": 1.3, "rtl": 1.6}
NAME_LINES_FONT = 8


def _heatmap_size(annot, names: list[str], rtl: bool) -> tuple[float, float]:
    """The heat map's size (inches) from what its cells and labels hold: each row as tall as
    its tallest cell's lines (a verdict range with its confidence takes four in Arabic), each
    column as wide as its longest line, the campaigns' names above."""
    line = CELL_FONT * LINE_HEIGHT["rtl" if rtl else "ltr"] / 72
    cells = [str(t) for t in annot.to_numpy().ravel()]
    lines = max([t.count("\n") + 1 for t in cells] + [2])
    row = max(0.62, lines * line + 0.16)
    # a bold character is about 0.62 of the font's size wide
    longest = max([len(x) for t in cells for x in t.split("\n")] + [10])
    column = max(1.6, longest * 0.62 * CELL_FONT / 72 + 0.3)
    heading = max(_wrapped(n, 16).count("\n") + 1 for n in names) if names else 1
    top = heading * NAME_LINES_FONT * LINE_HEIGHT["rtl" if rtl else "ltr"] / 72 + 0.25
    return 3.2 + column * len(names), row * len(annot) + top


def verdict_heatmap(results: list[CampaignResults]):
    """The five verdicts of each campaign as coloured cells (white text passes WCAG AA on
    each colour); a white cell that says so: insufficient evidence."""
    import seaborn as sns
    from matplotlib.colors import ListedColormap

    from evalkit.style.plotting import pyplot

    plt = pyplot()

    v = verdicts(results)
    rtl = direction() == "rtl"
    # right to left: the first campaign in the right-hand column, as in the table below,
    # and each question's label on the right, its number at its start (right)
    names = [_name(r) for r in results][:: -1 if rtl else 1]
    scores = v.pivot(index="question", columns="campaign", values="score")[names].astype(float)
    words = v.pivot(index="question", columns="campaign", values="shown")[names]
    missing = scores.isna()
    # each cell's verdict with its confidence, on two lines if need be
    annot = words.map(lambda w: _wrapped(localized(w), 14)).where(~missing, "")
    fig, ax = plt.subplots(figsize=_heatmap_size(annot, names, rtl))
    # one colour per level of the scale: score 0..3 falls in the middle of its band
    sns.heatmap(
        scores,
        ax=ax,
        vmin=-0.5,
        vmax=3.5,
        cbar=False,
        square=False,
        cmap=ListedColormap([VERDICT_COLOURS[level] for level in SCALE]),
        annot=annot.to_numpy(),
        fmt="",
        linewidths=2,
        linecolor="white",
        annot_kws={"color": "white", "fontsize": 9, "fontweight": "bold"},
    )
    for i, j in zip(*missing.to_numpy().nonzero()):  # no verdict: said in words
        ax.add_patch(plt.Rectangle((j + 0.04, i + 0.04), 0.92, 0.92, fill=False, ec="#999"))
        ax.text(
            j + 0.5,
            i + 0.5,
            _wrapped(tr("insufficient evidence"), 12),
            ha="center",
            va="center",
            fontsize=8,  # as readable as the labels (trial 14, L3: 7 px on screen)
        )
    # wrapped labels: long campaign names do not run into each other
    ax.set_xticklabels([_wrapped(n, 16) for n in names], fontsize=8, rotation=0)
    ax.set_yticklabels([_wrapped(localized(q), 34) for q in scores.index], fontsize=8, rotation=0)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.xaxis.tick_top()
    if rtl:
        ax.yaxis.tick_right()
        for label in ax.get_yticklabels():
            label.set_multialignment("right")
    ax.tick_params(which="both", length=0)
    fig.tight_layout()
    return fig
