"""Moved to evalkit.style.colours (the questions' charts use them too, so they sit below every
stage); this name is kept for code written against the old place until issue 14's branches
have landed."""

from evalkit.style.colours import ATTAINMENT_COLOURS, VERDICT_COLOURS, contrast_ratio

__all__ = ["ATTAINMENT_COLOURS", "VERDICT_COLOURS", "contrast_ratio"]
