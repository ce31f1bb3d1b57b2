"""The paper's appendix grid, generated from a record.

The paper rates every campaign on one grid (digest §2): goal · geographic scope ·
interacting audience · launch timing · media tools · discourse · strategies · result. Each
cell here is built from the record's rows and carries the sources it rests on.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

import pandas as pd

from .load import Campaign
from .schema import INFLUENCER_SEGMENTS, Goal, Judgement
from .timing import launch_timing
from .values import DateSpan, Quantity

GRID_COLUMNS = ["dimension", "item", "entry", "sources"]

ATTAINMENT_WORDS = {"achieved": "achieved", "partly": "partly achieved",
                    "not_achieved": "not achieved", "unknown": "unknown"}


def judgement_as_of(goal: Goal, as_of: Optional[date]) -> Optional[Judgement]:
    """The latest judgement made by `as_of` (a judgement counts once its period has ended)."""
    made = [j for j in goal.judgements if as_of is None or j.as_of.end <= as_of]
    return max(made, key=lambda j: j.as_of.end) if made else None


def _activity_lines(frame: pd.DataFrame) -> tuple[str, list[str]]:
    if frame.empty:
        return "none recorded", []
    parts = []
    for _, r in frame.iterrows():
        text = r["description"]
        if pd.notna(r.get("events_qualifier")):
            text += f" ({Quantity.from_row(r, 'events')} events)"
        parts.append(f"{text} [{r['date']}]")
    return "; ".join(parts), sorted(set(frame["source"]))


def build_grid(campaign: Campaign, as_of: Optional[date] = None) -> pd.DataFrame:
    rec, acts = campaign.record, campaign.activities
    rows: list[tuple[str, str, str, list[str]]] = []

    def add(dimension, item, entry, sources):
        rows.append((dimension, item, entry,
                     "; ".join(campaign.cite(s) for s in dict.fromkeys(sources))))

    for level in ("interim", "main"):
        goals = [g for g in rec.goals if g.level == level]
        add("Goal", level, " | ".join(f"{g.text.rstrip('.')} ({g.horizon} term)" for g in goals) or "none",
            [g.source for g in goals])

    virtual = acts[acts["channel"] == "virtual"] if not acts.empty else acts
    add("Geographic scope", "virtual", *_activity_lines(virtual))
    for scope in ("local", "national", "regional", "international"):
        part = acts[(acts["channel"] == "in_person") & (acts["scope"] == scope)] \
            if not acts.empty else acts
        add("Geographic scope", f"in person, {scope}", *_activity_lines(part))

    for item, segments in (("general public", ("general_public",)),
                           ("influential audience", ("decision_makers", *INFLUENCER_SEGMENTS))):
        aud = [a for a in rec.audiences if a.segment in segments]
        entry = "; ".join(f"{a.description or a.id} (reached: {a.reached})" for a in aud)
        add("Interacting audience", item, entry or "none recorded", [a.source for a in aud])

    for t in launch_timing(rec):
        sources = [t.phase.source] + ([t.event.source] if t.event else [])
        add("Launch timing", f"{t.phase.id} ({t.role})",
            f"{t.timing}: {t.sentence()}" if t.is_launch else t.sentence(), sources)

    mt = rec.media_tools
    vi = mt.visual_identity
    add("Media tools", "visual identity",
        f"{vi.present}: {vi.description or ''}".rstrip(": ") if vi else "not recorded",
        [vi.source] if vi else [])
    tags = [f"{h.text} ({h.language}; trended: {h.trended}"
            + (f"; {h.uses} uses" if h.uses else "") + ")" for h in mt.hashtags]
    add("Media tools", "hashtags", "; ".join(tags) or "none recorded",
        [h.source for h in mt.hashtags])
    accts = [f"{a.name} ({a.platform}, {a.language}"
             + (f", {a.posts} posts" if a.posts else "")
             + (f", {a.followers} followers" if a.followers else "") + ")" for a in mt.accounts]
    add("Media tools", "official accounts", "; ".join(accts) or "none recorded",
        [a.source for a in mt.accounts])

    for element in ("informational", "emotional", "humanitarian", "rational", "call_to_action"):
        d = getattr(rec.discourse, element)
        label = element.replace("_", " ")
        add("Discourse", label, f"{d.level}: {d.note}" if d and d.note else
            (d.level if d else "not recorded"), [d.source] if d else [])

    for item, kinds in (("mobilisation and attention", ("mobilisation",)),
                        ("advocacy (incl. lobbying)", ("advocacy", "lobbying"))):
        part = acts[acts["kind"].isin(kinds)] if not acts.empty else acts
        entry, sources = _activity_lines(part)
        add("Strategies", item, f"{len(part)} activity rows: {entry}" if len(part) else entry,
            sources)

    for level in ("interim", "main"):
        bits, sources = [], []
        for g in (g for g in rec.goals if g.level == level):
            j = judgement_as_of(g, as_of)
            if j is None:
                bits.append(f"{g.text.rstrip('.')}: no judgement as of {as_of}")
            else:
                bits.append(f"{g.text.rstrip('.')}: {ATTAINMENT_WORDS[j.attainment]} "
                            f"(as of {j.as_of.text}; {j.judged_by}): {j.evidence}")
                sources.append(j.source)
        add("Result", level, " | ".join(bits) or "none", sources)

    return pd.DataFrame(rows, columns=GRID_COLUMNS)


def parse_as_of(value) -> Optional[date]:
    """`as_of` as the notebooks receive it: empty means 'everything recorded'."""
    if value in (None, "", "latest"):
        return None
    return DateSpan.parse(value).end
