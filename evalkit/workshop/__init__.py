"""For trainers: the workshop notebook's helpers and the printable worksheets."""

from evalkit.workshop.helpers import (
    before_and_after,
    metrics_view,
    overview,
    phases_view,
    verdict_line,
    with_phase_start,
)

__all__ = [
    "before_and_after",
    "metrics_view",
    "overview",
    "phases_view",
    "verdict_line",
    "with_phase_start",
]
