"""The campaign on one time axis: phases, hot events, activities by kind and engagements
with decision makers. A vague date ("late 2016", "2016-09..2016-12") is drawn as the span
of days it allows, never as a guessed day."""

from __future__ import annotations

import textwrap

import pandas as pd

from evalkit.evaluation.context import rows_where
from evalkit.i18n import N_, direction, localized, tr
from evalkit.record.load import Campaign

KIND_COLOURS = {
    "mobilisation": "#4c72b0",
    "advocacy": "#dd8452",
    "lobbying": "#55a868",
    "coalition_building": "#8172b2",
}
EVENT_COLOUR, DESIGNED_COLOUR, ENGAGEMENT_COLOUR = "#c44e52", "#8c564b", "#333333"
MANY_SPANS = 400


def _date_ticks():
    """Date ticks as the record writes dates, in both languages: every tick says its year
    and month, and its day when the ticks fall between months ('2014', '2014-07',
    '2014-07-15'), so a label never repeats and a day is never a bare number; no offset
    beside the axis (matplotlib's concise labels wrote '2014-07' twice around a bare '15')."""
    import matplotlib.dates as mdates
    import matplotlib.ticker as mticker

    class DateTicks(mticker.Formatter):
        def format_ticks(self, values):
            dates = [mdates.num2date(v) for v in values]
            for fmt, fits in (
                ("%Y", lambda d: (d.month, d.day, d.hour, d.minute) == (1, 1, 0, 0)),
                ("%Y-%m", lambda d: (d.day, d.hour, d.minute) == (1, 0, 0)),
                ("%Y-%m-%d", lambda d: (d.hour, d.minute) == (0, 0)),
                ("%Y-%m-%d %H:%M", lambda d: True),
            ):
                labels = [d.strftime(fmt) for d in dates]
                if all(fits(d) for d in dates) and len(set(labels)) == len(labels):
                    return labels
            return labels

        def __call__(self, x, pos=None):
            return self.format_ticks([x])[0]

    return DateTicks()


def _span(start, end) -> tuple:
    """(start, width) for broken_barh; a single day still gets one day of width."""
    import matplotlib.dates as mdates

    a, b = mdates.date2num(pd.Timestamp(start)), mdates.date2num(pd.Timestamp(end))
    return a, max(b - a + 1, 1)


def campaign_timeline(campaign: Campaign, ax=None):
    import matplotlib.dates as mdates
    from evalkit.style.plotting import pyplot

    plt = pyplot()

    rec, acts, eng = campaign.record, campaign.activities, campaign.engagements
    kinds = [k for k in KIND_COLOURS if len(acts) and (acts["kind"] == k).any()]
    lanes = [N_("phases"), N_("hot events"), *[k.replace("_", " ") for k in kinds]]
    if len(eng):
        lanes.append(N_("engagements"))
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 0.55 * len(lanes) + 1.4))
    fig = ax.figure
    y = {name: i for i, name in enumerate(lanes)}

    phases = sorted(rec.phases, key=lambda p: p.start.start)
    for i, p in enumerate(phases, 1):
        start, width = _span(p.start.start, p.end.end)
        ax.broken_barh(
            [(start, width)],
            (y["phases"] - 0.3, 0.6),
            facecolor="#b0c4de" if i % 2 else "#d0dcea",
            edgecolor="#4c72b0",
        )
        # numbers in the bars, names in the key below: long names never collide
        ax.text(start + width / 2, y["phases"], str(i), ha="center", va="center", fontsize=8)
    for e in rec.hot_events:
        start, width = _span(e.date.start, e.date.end)
        colour = DESIGNED_COLOUR if e.made_by_campaign else EVENT_COLOUR
        if width > 3:  # a vague date: its whole span
            ax.broken_barh(
                [(start, width)],
                (y["hot events"] - 0.2, 0.4),
                facecolor=colour,
                alpha=0.35,
                edgecolor=colour,
            )
        ax.plot(
            [start + width / 2],
            [y["hot events"]],
            "v" if not e.made_by_campaign else "D",
            color=colour,
            markersize=6,
        )
    for k in kinds:
        # one bar per distinct span (rows of one date overlap exactly), each converted once
        # (a million rows hold a few thousand spans); thousands of distinct spans are drawn
        # as one picture inside the SVG, so the page stays small
        part = rows_where(acts, acts["kind"] == k, "date_start", "date_end").drop_duplicates()
        spans = sorted({_span(s, e) for s, e in zip(part["date_start"], part["date_end"])})
        ax.broken_barh(
            spans,
            (y[k.replace("_", " ")] - 0.25, 0.5),
            facecolor=KIND_COLOURS[k],
            alpha=0.45,
            edgecolor=KIND_COLOURS[k],
            rasterized=len(spans) > MANY_SPANS,
        )
    if len(eng):
        for s, e in zip(eng["date_start"], eng["date_end"]):
            start, width = _span(s, e)
            ax.plot(
                [start + width / 2], [y["engagements"]], "o", color=ENGAGEMENT_COLOUR, markersize=4
            )
            if width > 3:
                ax.plot(
                    [start, start + width],
                    [y["engagements"]] * 2,
                    "-",
                    color=ENGAGEMENT_COLOUR,
                    lw=1,
                )

    ax.set_yticks(range(len(lanes)), [tr(lane) for lane in lanes])
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.xaxis_date()
    # minticks=3: a span of three years or more is ticked by years; with the default (5) a
    # span of about four years fell to months, found no interval within 8 ticks and printed a
    # matplotlib warning into the report
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(_date_ticks())
    rtl = direction() == "rtl"
    ax.grid(axis="x", color="#eee")
    ax.set_axisbelow(True)
    fig.suptitle(
        tr(
            "The campaign in time (a vague date is drawn as the span it allows; "
            "▼ hot event, ◆ an event the campaign made)"
        ),
        x=0.99 if rtl else 0.01,
        ha="right" if rtl else "left",
        fontsize=9,
    )
    key = textwrap.fill(
        tr("Phases: {phases}").format(
            phases=tr("; ").join(
                f"{i} "
                + tr("{name} ({start} to {end})").format(
                    name=p.name, start=localized(p.start.text), end=localized(p.end.text)
                )
                for i, p in enumerate(phases, 1)
            )
        ),
        120,
        break_on_hyphens=False,  # never inside a date (2015-05-28) or an id
    )
    lines = key.count("\n") + 1
    height = fig.get_figheight()
    fig.set_figheight(height + 0.16 * lines)
    fig.text(
        0.99 if rtl else 0.01,
        0.01,
        key,
        fontsize=7,
        va="bottom",
        ha="right" if rtl else "left",
        multialignment="right" if rtl else "left",
    )
    fig.subplots_adjust(
        left=0.16,
        right=0.98,
        top=1 - 0.55 / fig.get_figheight(),
        bottom=(0.45 + 0.16 * lines) / fig.get_figheight(),
    )
    return fig
