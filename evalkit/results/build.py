"""The computed results of one evaluation as plain JSON data (`results.json`): what the
comparative report reads instead of re-running evaluations. Deterministic: the same record
gives the same bytes (no timestamps, sorted keys). Its contract: evalkit.results.model."""

from __future__ import annotations

import json
import math
from typing import cast

from evalkit.evaluation import Evaluation
from evalkit.evaluation.goals import GoalAttainment
from evalkit.results.facts import campaign_facts
from evalkit.evaluation.grid import build_grid, judgement_as_of, parse_as_of
from evalkit.evaluation.judgements import not_counted_because
from evalkit.evaluation.paper_grid import grid_agreement
from evalkit.i18n import message_table
from evalkit.record.load import Campaign
from evalkit.record.problems import warning_data
from evalkit.results.model import SCHEMA_VERSION


def campaign_results(campaign: Campaign, as_of: str = "") -> dict:
    when = parse_as_of(as_of)
    evaluation = Evaluation(campaign, when)
    campaign = evaluation.campaign  # as it stood on the as-of date, for every section
    rec = campaign.record
    contradicted = cast(GoalAttainment, evaluation.questions[3]).contradicted
    goals = []
    for g in rec.goals:
        j = judgement_as_of(g, when)
        goals.append(
            {
                "id": g.id,
                "level": g.level,
                "horizon": g.horizon,
                "text": g.text,
                "attainment": j.attainment if j else None,
                "judged_as_of": j.as_of.text if j else None,
                # as question 3 reads it: a judgement the record's own acts go against is
                # not counted (the comparison reads this, never re-judging it)
                "counted": g.id not in contradicted if j else None,
                "not_counted_because": (
                    not_counted_because(contradicted[g.id]) if j and g.id in contradicted else None
                ),
            }
        )
    timing = [
        {
            "phase": t.phase.id,
            "role": t.role,
            "linked": t.linked,
            "timing": t.timing,
            "reactive": t.reactive,
            "designed": t.designed,
            "planned": t.planned,
            "event": t.event.id if t.event else None,
            "lag_days": list(t.lag_days) if t.lag_days else None,
        }
        for t in evaluation.timing
    ]
    return {
        "record": {
            "id": rec.id,
            "name_en": rec.name.en,
            "name_ar": rec.name.ar,
            "format_version": rec.format_version,
            "follows": rec.follows,
        },
        "as_of": when.isoformat() if when else None,
        # what the as-of cut left out (evalkit.record.asof); empty without an as-of date
        "as_of_cut": campaign.cut,
        "goals": goals,
        "launch_timing": timing,
        "grid": build_grid(campaign, when).to_dict(orient="records"),
        "facts": campaign_facts(evaluation),
        **evaluation.to_dict(),
        # what the record's check warned of (never blocking), for the record as cut
        "record_warnings": [warning_data(w) for w in campaign.warnings],
        # the paper's grid against evalkit's, for a record with the paper's grid beside it
        # (the paper's four campaigns); null for any other record
        "paper_grid": grid_agreement(campaign),
    }


def results_document(campaign: Campaign, as_of: str = "") -> dict:
    """What an evaluation writes to results.json: the results, the versions that read them
    back, and each sentence's template and fields, for a report in another language."""
    from evalkit import __version__

    results = campaign_results(campaign, as_of)
    results.update(
        schema_version=SCHEMA_VERSION,
        evalkit_version=__version__,
        record_content_hash=campaign.content_hash,
    )
    results["messages"] = message_table(results)
    return results


def _json_safe(value):
    """numpy scalars (bool_, int64, float64) as plain Python; NaN and infinity as null:
    strict JSON has no such numbers, and a browser's JSON.parse refuses a file that holds
    them (an interval the model could not give, an open bound)."""
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def results_json(data: dict) -> str:
    """results.json's text: sorted keys, two-space indent, UTF-8 as it is, strict JSON."""
    return (
        json.dumps(_json_safe(data), indent=2, ensure_ascii=False, sort_keys=True, allow_nan=False)
        + "\n"
    )
