"""The colours verdicts and attainments are shown in, in tables, charts and the verdict
strip alike, and the WCAG contrast check they are held to."""

from __future__ import annotations

# Each passes WCAG AA (contrast at least 4.5:1) as text on white and behind white text.
VERDICT_COLOURS = {"good": "#2e7d32", "fair": "#6d6a00", "weak": "#a84300", "poor": "#c62828"}
ATTAINMENT_COLOURS = {
    "achieved": "#2e7d32",
    "partly achieved": "#8a6d00",
    "not achieved": "#c62828",
}
# the replication table's results (white text, WCAG AA)
REPLICATION_COLOURS = {"agrees": "#2e7d32", "disagrees": "#c62828", "cannot be computed": "#5f5f5f"}


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two sRGB colours written #rrggbb."""

    def luminance(colour: str) -> float:
        c = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
