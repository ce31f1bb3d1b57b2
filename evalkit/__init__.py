"""evalkit: evaluate advocacy and mobilisation campaigns after they end."""
from evalkit.record.load import Campaign, check_record, load_campaign
from evalkit.record.problems import Problem, RecordInvalid
from evalkit.record.values import DateSpan, Quantity

__all__ = ["Campaign", "DateSpan", "Problem", "Quantity", "RecordInvalid", "check_record",
           "load_campaign", "__version__"]


def __getattr__(name: str):
    # Looked up on first use: importlib.metadata costs ~60 ms at every kernel start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version("evalkit")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(f"module 'evalkit' has no attribute {name!r}")
