"""Moved to evalkit.style.plotting (every stage draws charts, so it sits below them all); this
name is kept for code written against the old place until issue 14's branches have landed."""

from evalkit.style.plotting import pyplot

__all__ = ["pyplot"]
