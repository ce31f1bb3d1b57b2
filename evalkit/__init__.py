"""evalkit: evaluate advocacy and mobilisation campaigns after they end."""
from importlib.metadata import PackageNotFoundError, version as _version

from .load import Campaign, check_record, load_campaign
from .problems import Problem, RecordInvalid
from .values import DateSpan, Quantity

try:
    __version__ = _version("evalkit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["Campaign", "DateSpan", "Problem", "Quantity", "RecordInvalid", "check_record",
           "load_campaign", "__version__"]
