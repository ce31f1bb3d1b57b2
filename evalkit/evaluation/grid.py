"""The paper's appendix grid, generated from a record.

The paper rates every campaign on one grid (digest §2): goal · geographic scope ·
interacting audience · launch timing · media tools · discourse · strategies · result. Each
cell here is built from the record's rows and carries the sources it rests on.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

import pandas as pd

from evalkit.i18n import LIST_CAP, N_, Msg, joined, language_name
from evalkit.record.load import Campaign
from evalkit.record.schema import INFLUENCER_SEGMENTS, Goal, Judgement, latest_judgement
from evalkit.evaluation.base import REACH_WORDS, audience_name
from evalkit.evaluation.judgements import (
    contradictions,
    not_counted_reason,
    places,
    reading,
)
from evalkit.evaluation.timing import launch_timing
from evalkit.record.values import DateSpan, Quantity

GRID_COLUMNS = ["dimension", "item", "entry", "sources"]

ATTAINMENT_WORDS = {
    "achieved": N_("achieved"),
    "partly": N_("partly achieved"),
    "not_achieved": N_("not achieved"),
    "unknown": N_("unknown"),
}


def judgement_as_of(goal: Goal, as_of: Optional[date]) -> Optional[Judgement]:
    """The latest judgement made by `as_of` (a judgement counts once its period has ended);
    of judgements whose dates tie, the least favourable (schema.latest_judgement)."""
    return latest_judgement(goal, as_of)


_LINE_COLUMNS = (
    "description",
    "date",
    "source",
    *(f"events{part}" for part in ("", "_qualifier", "_low", "_high", "_words")),
)


def _activity_lines(acts: pd.DataFrame, mask) -> tuple[str, list[str]]:
    """A grid entry for the activities where `mask` holds: the first rows (joined's cap),
    how many in all, and their sources — read from the columns it shows, never a copy of
    the whole table (a large record's others are only counted)."""
    if acts.empty or not mask.any():
        return N_("none recorded"), []
    where = mask.to_numpy().nonzero()[0]
    parts = []
    for _, r in acts.iloc[where[:LIST_CAP]][list(_LINE_COLUMNS)].iterrows():
        if pd.notna(r.get("events_qualifier")):
            parts.append(
                Msg(
                    "{text} ({events}) [{date}]",
                    text=r["description"],
                    events=Msg("{n} event", "{n} events", n=Quantity.from_row(r, "events").msg()),
                    date=r["date"],
                )
            )
        else:
            parts.append(Msg("{text} [{date}]", text=r["description"], date=r["date"]))
    return joined("; ", parts, total=len(where)), sorted(set(acts["source"].to_numpy()[where]))


def build_grid(campaign: Campaign, as_of: Optional[date] = None) -> pd.DataFrame:
    rec, acts = campaign.record, campaign.activities
    rows: list[tuple[str, str, str, list[str]]] = []

    def add(dimension, item, entry, sources):
        rows.append(
            (
                dimension,
                item,
                entry,
                joined("; ", [campaign.cite(s) for s in dict.fromkeys(sources)]),
            )
        )

    for level in ("interim", "main"):
        goals = [g for g in rec.goals if g.level == level]
        add(
            N_("Goal"),
            level,
            joined(
                " | ",
                [
                    Msg("{goal} ({horizon} term)", goal=g.text.rstrip("."), horizon=g.horizon)
                    for g in goals
                ],
            )
            if goals
            else N_("none"),
            [g.source for g in goals],
        )

    any_rows = not acts.empty
    virtual = acts["channel"] == "virtual" if any_rows else None
    add(N_("Geographic scope"), "virtual", *_activity_lines(acts, virtual))
    for scope in ("local", "national", "regional", "international"):
        here = (acts["channel"] == "in_person") & (acts["scope"] == scope) if any_rows else None
        add(
            "Geographic scope", Msg("in person, {scope}", scope=scope), *_activity_lines(acts, here)
        )

    for item, segments in (
        (N_("general public"), ("general_public",)),
        (N_("influential audience"), ("decision_makers", *INFLUENCER_SEGMENTS)),
    ):
        aud = [a for a in rec.audiences if a.segment in segments]
        entry = joined(
            "; ",
            [
                Msg(
                    "{audience} ({reach})",
                    audience=audience_name(a),
                    reach=REACH_WORDS[a.reached],
                )
                for a in aud
            ],
        )
        add(
            N_("Interacting audience"),
            item,
            entry if aud else N_("none recorded"),
            [a.source for a in aud],
        )

    for t in launch_timing(rec):
        sources = [t.phase.source] + ([t.event.source] if t.event else [])
        add(
            N_("Launch timing"),
            Msg("{phase} ({role})", phase=t.phase.name, role=t.role),
            Msg("{timing}: {sentence}", timing=t.timing, sentence=t.sentence())
            if t.is_launch
            else t.sentence(),
            sources,
        )

    mt = rec.media_tools
    vi = mt.visual_identity
    add(
        N_("Media tools"),
        N_("visual identity"),
        (
            Msg("{present}: {description}", present=vi.present, description=vi.description)
            if vi.description
            else vi.present
        )
        if vi
        else N_("not recorded"),
        [vi.source] if vi and vi.source else [],
    )
    tags = []
    for h in mt.hashtags:
        fields = dict(tag=h.text, language=language_name(h.language), trended=h.trended)
        tags.append(
            Msg(
                "{tag} ({language}; trended: {trended}; {uses})",
                uses=Msg("{n} use", "{n} uses", n=h.uses.msg()),
                **fields,
            )
            if h.uses
            else Msg("{tag} ({language}; trended: {trended})", **fields)
        )
    add(
        "Media tools",
        N_("hashtags"),
        joined("; ", tags) if tags else N_("none recorded"),
        [h.source for h in mt.hashtags],
    )
    accts = []
    for a in mt.accounts:
        extra = ([Msg("{n} post", "{n} posts", n=a.posts.msg())] if a.posts else []) + (
            [Msg("{n} follower", "{n} followers", n=a.followers.msg())] if a.followers else []
        )
        accts.append(
            Msg(
                "{account} ({platform}, {language}{extra})",
                account=a.name,
                platform=a.platform,
                language=language_name(a.language),
                extra=joined("", [Msg(", {x}", x=x) for x in extra]),
            )
        )
    add(
        "Media tools",
        N_("official accounts"),
        joined("; ", accts) if accts else N_("none recorded"),
        [a.source for a in mt.accounts],
    )

    for element in ("informational", "emotional", "humanitarian", "rational", "call_to_action"):
        d = getattr(rec.discourse, element)
        label = element.replace("_", " ")
        add(
            N_("Discourse"),
            label,
            Msg("{level}: {note}", level=d.level, note=d.note)
            if d and d.note
            else (d.level if d else N_("not recorded")),
            [d.source] if d and d.source else [],
        )

    for item, kinds in (
        (N_("mobilisation and attention"), ("mobilisation",)),
        (N_("advocacy (incl. lobbying)"), ("advocacy", "lobbying")),
    ):
        these = acts["kind"].isin(kinds) if any_rows else None
        n = int(these.sum()) if these is not None else 0
        entry, sources = _activity_lines(acts, these)
        add(
            N_("Strategies"),
            item,
            Msg("{n} activity row: {entry}", "{n} activity rows: {entry}", n=n, entry=entry)
            if n
            else entry,
            sources,
        )

    for level in ("interim", "main"):
        bits, sources = [], []
        for g in (g for g in rec.goals if g.level == level):
            j = judgement_as_of(g, as_of)
            if j is None:
                bits.append(
                    Msg(
                        "{goal}: no judgement as of {date}",
                        goal=g.text.rstrip("."),
                        # a report of the whole record has no date: "as of None" it said
                        date=str(as_of) if as_of else Msg("the latest record"),
                    )
                )
            else:
                # as question 3 reads it (judgements.reading): a judgement it does not count
                # is said not counted, never restated as the goal's result
                how = reading(g, j, campaign)
                fields = dict(
                    goal=g.text.rstrip("."),
                    attainment=ATTAINMENT_WORDS[j.attainment],
                    date=j.as_of.text,
                    who=j.judged_by,
                    evidence=j.evidence,
                )
                bits.append(
                    Msg("{goal}: {attainment} (as of {date}; {who}): {evidence}", **fields)
                    if how != "not counted"  # counted, or judged unknown: as question 3 shows it
                    else Msg(
                        "{goal}: judged {attainment} (as of {date}; {who}), but not counted by "
                        "question 3: {reason} ({acts}): {evidence}",
                        reason=not_counted_reason(contradictions(g, j, campaign)),
                        acts=joined(", ", places(contradictions(g, j, campaign))),
                        **fields,
                    )
                )
                sources.append(j.source)
        add(N_("Result"), level, joined(" | ", bits) if bits else N_("none"), sources)

    return pd.DataFrame(rows, columns=GRID_COLUMNS)


def parse_as_of(value) -> Optional[date]:
    """`as_of` as the notebooks receive it: empty means 'everything recorded'."""
    if value in (None, "", "latest"):
        return None
    return DateSpan.parse(value).end
