"""The computed results of one evaluation as plain JSON data (`results.json`): what the
comparative report reads instead of re-running evaluations. Deterministic: the same record
gives the same bytes (no timestamps, sorted keys)."""
from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.results.facts import campaign_facts
from evalkit.evaluation.grid import build_grid, judgement_as_of, parse_as_of
from evalkit.record.load import Campaign


def campaign_results(campaign: Campaign, as_of: str = "") -> dict:
    when = parse_as_of(as_of)
    evaluation = Evaluation(campaign, when)
    campaign = evaluation.campaign   # as it stood on the as-of date, for every section
    rec = campaign.record
    goals = []
    for g in rec.goals:
        j = judgement_as_of(g, when)
        goals.append({"id": g.id, "level": g.level, "horizon": g.horizon, "text": g.text,
                      "attainment": j.attainment if j else None,
                      "judged_as_of": j.as_of.text if j else None})
    timing = [{"phase": t.phase.id, "role": t.role, "linked": t.linked,
               "timing": t.timing, "reactive": t.reactive,
               "designed": t.designed, "event": t.event.id if t.event else None,
               "lag_days": list(t.lag_days) if t.lag_days else None}
              for t in evaluation.timing]
    return {
        "record": {"id": rec.id, "name_en": rec.name.en, "name_ar": rec.name.ar,
                   "format_version": rec.format_version, "follows": rec.follows},
        "as_of": when.isoformat() if when else None,
        # what the as-of cut left out (evalkit.record.asof); empty without an as-of date
        "as_of_cut": campaign.cut,
        "goals": goals,
        "launch_timing": timing,
        "grid": build_grid(campaign, when).to_dict(orient="records"),
        "facts": campaign_facts(evaluation),
        **evaluation.to_dict(),
    }
