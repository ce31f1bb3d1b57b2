"""Every message a report can show, for the catalogue (evalkit/i18n/locale/<lang>/…/evalkit.po):
the strings the code marks (`tr(…)`, `Msg(…)`, `N_(…)`, found in the syntax tree), the
texts kept in tables of the code (sections, the checklist's rules, the recommendations, the
paper's claims), the record format's vocabulary and the tables' column headings.
`scripts/update_catalogue.py` writes new ones into the catalogue; a test fails while any
has no translation."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args, get_origin

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"tr": None, "Msg": None, "N_": None, "trn": None}

# column headings of the reports' tables (a table shows its frame's column names)
HEADINGS = (
    "#",
    "question",
    "verdict",
    "confidence",
    "criteria met",
    "what",
    "record",
    "indicator",
    "value",
    "evidence",
    "criterion",
    "result",
    "because",
    "phase",
    "role",
    "timing",
    "reactive launch",
    "computed from the dates",
    "rule",
    "kind",
    "group",
    "the paper's point",
    "recommendations",
    "id",
    "citation",
    "url",
    "published",
    "dimension",
    "item",
    "entry",
    "sources",
    "campaign",
    "window",
    "weeks",
    "count",
    "per week",
    "claim",
    "paper",
    "the paper says",
    "evalkit computed",
    "paper's words",
    "kind",
    "reach (Q2)",
    "goals (Q3)",
    "main goal",
    "largest counts recorded",
    "first launch",
    "reactive",
    "designed (made its own event)",
    "reactive launches and relaunches",
    "activities",
    "mobilisation share",
    "advocacy share",
    "lobbying share",
    "main goal's decision makers: highest rung",
    "highest decision-maker rung",
    "reached by",
    "language",
    "distinct hashtags",
    "written forms",
    "trended",
    "from",
    "to",
    "shared",
    "partners before",
    "partners after",
    "shared names",
    "overlap (Jaccard)",
    "measure",
    "average",
    "average low",
    "average high",
    "cumulative",
    "cumulative low",
    "cumulative high",
    "trend",
    "controls",
    "average effect",
    "low",
    "high",
    "tail probability",
    "note",
    "interruption",
    "change",
    "estimate",
    "ci low",
    "ci high",
    "p value",
    "read as",
    "scale",
    "line",
    "date",
    "metric",
    "count as recorded",
    "name",
    "start",
    "end",
    "pause before it (days)",
    "before",
    "after",
    "changed",
    "Cause",
    "Summary",
    "Organisers",
    "Phases",
    "Hot events",
    "Recorded",
    "effort-weighted",
    "hashtags",
    "distinct after merging spellings",
    "spelling variants",
    "effective number",
    "mix",
    "main-goal attainment",
    "row",
    "reason",
    "Warnings",
)


def vocabulary() -> set[str]:
    """The values of the record format's closed fields, as tables show them (underscores
    as spaces) and as the code compares them."""
    from evalkit.record import schema

    words = set()
    for name in dir(schema):
        value = getattr(schema, name)
        if get_origin(value) is Literal:
            for w in get_args(value):
                if isinstance(w, str):
                    # as written, as tables show it, and capitalised as a label starts
                    words |= {w, w.replace("_", " "), w.replace("_", " ").capitalize()}
    # the discourse elements and flags, named in the grid and the checklist's evidence
    words |= {f.replace("_", " ") for f in schema.Discourse.model_fields}
    return words


def field_descriptions() -> set[str]:
    """What each field of the record's contract holds (its `Field(description=…)`): the
    comments of a workbook's column headings say them (evalkit.record.workbook)."""
    from pydantic import BaseModel

    from evalkit.record import schema

    found = set()
    for value in vars(schema).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            found |= {f.description for f in value.model_fields.values() if f.description}
    return found


def _marked_calls():
    """The string-literal arguments of every `tr(…)`, `trn(…)`, `Msg(…)` and `N_(…)` call,
    found by walking each module's syntax tree: calls nested in other calls' arguments or
    inside f-strings are found too (a token-based extractor misses some of those)."""
    import ast

    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in KEYWORDS
            ):
                literals = []
                for arg in node.args[:2]:
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        break
                    literals.append(arg.value)
                if literals:
                    yield tuple(literals)


def code_messages() -> set[str]:
    """The messages the code marks without a count."""
    return {call[0] for call in _marked_calls() if len(call) == 1}


def plural_messages() -> set[tuple[str, str]]:
    """The messages with a count: `Msg("{n} day", "{n} days", n=…)`, `trn(…)`."""
    return {call for call in _marked_calls() if len(call) == 2}


def table_messages() -> set[str]:
    from evalkit.comparison import CLAIMS, COMPUTED, RESTATES
    from evalkit.evaluation.checklist import RULES
    from evalkit.evaluation.recommendations import RECOMMENDATIONS
    from evalkit.render.report import SECTIONS

    out = set()
    for title, intro in SECTIONS.values():
        out |= {title, intro}
    for r in RULES:
        out |= {r.text, r.paper_example, r.why_not} | {said for _, said in r.signs}
    for text, example in RECOMMENDATIONS.values():
        out |= {text, example}
    out |= {c.text for c in CLAIMS} | {c.section for c in CLAIMS} | {c.quote_en for c in CLAIMS}
    out |= {COMPUTED, RESTATES}
    return out


def all_messages() -> set[str]:
    return {
        m
        for m in code_messages()
        | table_messages()
        | vocabulary()
        | set(HEADINGS)
        | field_descriptions()
        if m and m.strip()
    }
