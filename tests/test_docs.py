"""The format documentation names every field of the contract."""
import re

from evalkit import schema
from conftest import ROOT


def _models():
    return [m for m in vars(schema).values()
            if isinstance(m, type) and issubclass(m, schema._Strict) and m is not schema._Strict]


def test_format_doc_names_every_field_of_every_model():
    doc = (ROOT / "docs" / "campaign-format.md").read_text(encoding="utf-8")
    missing = [f"{m.__name__}.{f}" for m in _models() for f in m.model_fields
               if not re.search(rf"`{re.escape(f)}`", doc)]
    assert missing == []
