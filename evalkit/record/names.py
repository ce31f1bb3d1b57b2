"""When two names in a record are one decision maker: a goal's decision maker named in a
row's institution or decision_maker, either containing the other, case aside. How contacts
and acts are found for a target (evalkit.evaluation.decision_makers), and how the record's
check finds an act that answers a goal none of whose decision makers it names."""

from __future__ import annotations


def names_match(target: str, row) -> bool:
    """`target` named in the row's `institution` or `decision_maker`."""
    t = target.casefold()
    for field in ("institution", "decision_maker"):
        v = row.get(field)
        if isinstance(v, str) and (t in v.casefold() or v.casefold() in t):
            return True
    return False
