"""Structured facts of one evaluated campaign for `results.json`: what the comparative
report needs (dates, activity mix, partners, hashtags, accounts, event rates, attainment,
decision-maker reach), computed from the record and the evaluation — never re-typed."""

from __future__ import annotations

import math

from evalkit.evaluation import Evaluation
from evalkit.evaluation.decision_makers import LADDER, DecisionMakersReached, reached_by
from evalkit.evaluation.hashtags import fragmentation
from evalkit.evaluation.goals import GoalAttainment
from evalkit.evaluation.grid import judgement_as_of
from evalkit.evaluation.judgements import not_counted_because
from evalkit.evaluation.reach import Reach, row_texts
from evalkit.i18n import LIST_CAP
from evalkit.evaluation.tactics import TacticUsefulness


def _num(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else float(x)


def campaign_facts(evaluation: Evaluation) -> dict:
    c, rec = evaluation.campaign, evaluation.campaign.record
    reach, goals, dms, tactics = (
        evaluation.questions[2],
        evaluation.questions[3],
        evaluation.questions[4],
        evaluation.questions[5],
    )
    assert (
        isinstance(reach, Reach)
        and isinstance(goals, GoalAttainment)
        and isinstance(dms, DecisionMakersReached)
        and isinstance(tactics, TacticUsefulness)
    )
    acts = c.activities
    mix = (
        {
            col: {
                str(k): int(v)
                for k, v in acts[col].fillna("not coded").value_counts().sort_index().items()
            }
            for col in ("kind", "channel", "effort")
        }
        if len(acts)
        else {"kind": {}, "channel": {}, "effort": {}}
    )
    partners = sorted(
        {p.name for co in rec.coalitions for p in co.members} | {p.name for p in rec.partners}
    )
    hashtags = [
        {
            "text": h.text,
            "language": h.language,
            "phase": h.phase,
            "trended": h.trended,
            "uses": _num(h.uses.value) if h.uses else None,
            # what `uses` is: an exact count, a lower or upper bound, about, or the bottom of
            # a range whose top is `uses_high` (a comparison must not read "more than 3000"
            # as 3000)
            "uses_bound": h.uses.bound if h.uses else None,
            "uses_high": _num(h.uses.high) if h.uses and h.uses.high is not None else None,
        }
        for h in rec.media_tools.hashtags
    ]
    # the grouping questions 2 and 5 read (hashtags.fragmentation)
    fragments = [
        {
            "phase": frag.phase,
            "language": frag.language,
            "written_forms": len(frag.forms),
            "distinct": frag.distinct,
            "trended": sum(h.trended == "yes" for h in frag.forms),
            "trended_not_recorded": sum(h.trended == "unknown" for h in frag.forms),
        }
        for frag in fragmentation(rec.media_tools.hashtags)
    ]
    rates = reach.rates
    # a large record's first LIST_CAP counted events (their sentences made only for those)
    event_rates = [
        {
            "row": int(r["row"]),
            "metric": r["metric"],
            "scope": r["scope"] if isinstance(r["scope"], str) else None,
            "phase": r["phase"] if isinstance(r["phase"], str) else None,
            "window": r["window"],
            "weeks": float(r["weeks"]),
            "count": row_texts(r)[0],
            "bound": r["bound"],
            "rate_low": _num(r["rate_low"]),
            "rate_high": _num(r["rate_high"]),
            "per_week": row_texts(r)[1],
            "window_start": str(r["start"].date()),
        }
        for _, r in rates.head(LIST_CAP).iterrows()
    ]
    mains = [g for g in rec.goals if g.level == "main"]
    main_goal = []
    for g in mains:
        j = judgement_as_of(g, evaluation.as_of)
        main_goal.append(
            {
                "id": g.id,
                "text": g.text,
                "decision_makers": g.decision_makers,
                "attainment": j.attainment if j else None,
                "judged_by": j.judged_by if j else None,
                # question 3's reading of it, so that the comparison cannot read it otherwise
                "counted": g.id not in goals.contradicted if j else None,
                "not_counted_because": (
                    not_counted_because(goals.contradicted[g.id])
                    if j and g.id in goals.contradicted
                    else None
                ),
            }
        )
    q4 = dms.table
    # the rung is known where contacts are recorded, or where the decision makers' own
    # acts reach one: with contacts not recorded, no rung by own acts is not "not reached"
    known = bool(len(q4)) and bool(
        dms.contacts or (dms.acts_recorded and int(q4["_rung"].max()) > 0)
    )
    return {
        "start": str(min(p.start.start for p in rec.phases)),
        "end": str(max(p.end.end for p in rec.phases)),
        # the same dates as the record writes them: the earliest start, the latest end
        "start_said": min(rec.phases, key=lambda p: (p.start.start, p.start.end)).start.text,
        "end_said": max(rec.phases, key=lambda p: (p.end.end, p.end.start)).end.text,
        "activity_mix": mix,
        "activities": len(acts),
        "partners": partners,
        "orientations": sorted(
            {p.orientation for co in rec.coalitions for p in co.members if p.orientation}
            | {p.orientation for p in rec.partners if p.orientation}
        ),
        "coalitions": len(rec.coalitions),
        "partners_recorded": rec.recorded("partners"),
        "coalitions_recorded": rec.recorded("coalitions"),
        "hashtags": hashtags,
        "hashtag_fragmentation": fragments,
        "accounts": [
            {"platform": a.platform, "language": a.language, "team": a.team}
            for a in rec.media_tools.accounts
        ],
        "event_rates": event_rates,
        "largest_counts": reach.largest,
        "largest_counts_whole_record": True,
        "main_goal": main_goal,
        # None where neither contacts nor the decision makers' own acts are recorded: the
        # rung is not known, never "not reached"
        "decision_makers_top_rung": LADDER[int(q4["_rung"].max())] if known else None,
        # what reached it (the first decision maker at that rung, as the report names them)
        "decision_makers_top_rung_by": _top_rung_by(q4) if known else None,
        # the recorded rung is the least the top reached where a contact's answer is not
        # recorded (response unknown): that answer may have been a statement or an action
        "decision_makers_top_rung_may_be_higher": known and dms.top_may_be_higher,
        # what that rung was, where the decision maker's own act reached it as less than the
        # ask or was undone by their last act (the campaign's report says it beside the rung)
        "decision_makers_top_rung_note": dms.top_rung_note() if known else None,
        "decision_makers_top_rung_who": (
            str(q4.loc[q4["_rung"].idxmax(), "decision maker"]) if known else None
        ),
        "main_goal_decision_makers_top_rung": _main_goal_rung(q4, mains) if known else None,
        "visual_identity": rec.media_tools.visual_identity.present
        if rec.media_tools.visual_identity
        else None,
        "coordination_problems": tactics.coordination,
    }


def _main_goal_rung(q4, mains) -> "str | None":
    """The highest rung of the decision makers the main goals name (None: they name none
    the target list holds)."""
    named = {w for g in mains for w in g.decision_makers}
    theirs = q4[q4["decision maker"].isin(named)] if len(q4) else q4
    return LADDER[int(theirs["_rung"].max())] if len(theirs) else None


def _top_rung_by(q4) -> "str | None":
    if not len(q4):
        return None
    top = q4.loc[q4["_rung"].idxmax()]
    return reached_by(int(top["_contact"]), int(top["_own_best"]))
