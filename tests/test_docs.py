"""The format documentation names every field of the contract."""

import re

from evalkit.record import schema
from conftest import ROOT


def _models():
    return [
        m
        for m in vars(schema).values()
        if isinstance(m, type) and issubclass(m, schema._Strict) and m is not schema._Strict
    ]


def test_format_doc_names_every_field_of_every_model():
    doc = (ROOT / "docs" / "campaign-format.md").read_text(encoding="utf-8")
    missing = [
        f"{m.__name__}.{f}"
        for m in _models()
        for f in m.model_fields
        if not re.search(rf"`{re.escape(f)}`", doc)
    ]
    assert missing == []


def _vocabularies():
    from typing import Literal, get_args, get_origin

    return {name: get_args(v) for name, v in vars(schema).items() if get_origin(v) is Literal}


def test_format_doc_names_every_code_of_every_vocabulary():
    doc = (ROOT / "docs" / "campaign-format.md").read_text(encoding="utf-8")
    vocab = _vocabularies()
    assert {"Response", "Metric", "Scope"} <= set(vocab)
    missing = [
        f"{name}: {code}"
        for name, codes in vocab.items()
        for code in codes
        # yes and no are written quoted, as YAML needs them
        if not re.search(rf'`"?{re.escape(str(code))}"?`', doc)
    ]
    assert missing == []


def test_the_new_records_comments_list_every_audience_segment():
    scaffold = (ROOT / "evalkit" / "record" / "scaffold" / "campaign.yaml").read_text(
        encoding="utf-8"
    )
    line = next(l for l in scaffold.splitlines() if l.strip().startswith("segment:"))
    segments = next(codes for name, codes in _vocabularies().items() if "celebrities" in codes)
    assert [s for s in segments if s not in line.split("#", 1)[1]] == []
