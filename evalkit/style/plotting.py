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


def date_axis(axis, most: int = 6) -> None:
    """A time axis ticked at most `most` times, each date written as precisely as the ticks
    need and no more ('2024-06' for ticks on the first of each month, '2024' on the first
    of each year, else the day): matplotlib's default put ticks on the 1st and the 15th
    with the whole day written, and on an 8-inch chart 2024-06-01 ran into 2024-06-15
    ('2024-06-012024-06-15')."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import Formatter

    class IsoDates(Formatter):
        """ISO dates at the ticks' precision (the same for every tick of the axis)."""

        def _pattern(self, values) -> str:
            days = [mdates.num2date(v) for v in values]
            if days and all(d.month == 1 and d.day == 1 for d in days):
                return "%Y"
            if days and all(d.day == 1 for d in days):
                return "%Y-%m"
            return "%Y-%m-%d"

        def __call__(self, x, pos=None):
            return mdates.num2date(x).strftime(self._pattern(list(self.locs) or [x]))

        def format_ticks(self, values):
            pattern = self._pattern(values)
            return [mdates.num2date(v).strftime(pattern) for v in values]

    axis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=most))
    axis.set_major_formatter(IsoDates())
