"""evalkit: evaluate advocacy and mobilisation campaigns after they end."""

from __future__ import annotations

# The public names are looked up on first use: importing them here would load pandas and
# pydantic before `evalkit --help` could answer, and importlib.metadata (for __version__)
# costs ~60 ms at every kernel start.
_PUBLIC = {
    "Campaign": "evalkit.record.load",
    "check_record": "evalkit.record.load",
    "load_campaign": "evalkit.record.load",
    "Problem": "evalkit.record.problems",
    "RecordInvalid": "evalkit.record.problems",
    "DateSpan": "evalkit.record.values",
    "Quantity": "evalkit.record.values",
}

__all__ = [*sorted(_PUBLIC), "__version__"]


def __getattr__(name: str):
    if name in _PUBLIC:
        import importlib

        return getattr(importlib.import_module(_PUBLIC[name]), name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("evalkit")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(f"module 'evalkit' has no attribute {name!r}")
