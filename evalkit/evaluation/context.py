"""The setting a rule needs before it may fire: where the decision makers sit, which
languages they and the campaign's home public speak, the campaign's arena, whether it was a
coalition, whether its phases were timed to scheduled events. The paper's rules were
written for diaspora and local campaigns pressing decision makers abroad; a rule whose
precondition does not hold for a campaign does not fire for it (docs/evaluation-method.md,
"Rules in context"). One definition of each, used by every question, rule and
recommendation."""

from __future__ import annotations

from typing import Optional

import pandas as pd

from evalkit.i18n import Msg, Verbatim, joined
from evalkit.record.languages import UNKNOWN, language_code

__all__ = [
    "rows_where",
    "direct_mask",
    "direct_aims",
    "decision_maker_audiences",
    "decision_makers_at_home",
    "decision_makers_abroad",
    "home_languages",
    "decision_maker_languages",
    "foreign_languages_needed",
    "affected_abroad",
    "foreign_mobilisation",
    "virtual_share",
    "is_coalition",
    "timed_to_scheduled_events",
]


def _code(text) -> str:
    try:
        return language_code(text)
    except ValueError:  # records are validated; a stray value is compared as written
        return str(text).strip().lower()


def rows_where(frame: pd.DataFrame, mask, *columns: str) -> pd.DataFrame:
    """The rows of `frame` where `mask` holds, with only the `columns` its caller reads: a
    subset is a copy, and a copy of all of a table's 34 columns for one or two of them was
    most of an evaluation's memory on a record of a million activities
    (benchmarks/large_table.py)."""
    if frame.empty:
        return frame.reindex(columns=list(columns))
    return frame.loc[mask, list(columns)]


def direct_mask(campaign) -> pd.Series:
    """Which activities went *directly* to decision makers — one definition everywhere:
    the paper's fn-26 kind `direct_to_decision_makers`, or lobbying, or advocacy (a letter,
    a briefing) aimed at a decision-maker audience and not coded as another fn-26 kind. A
    rally aimed at a cabinet is public pressure and founding a coalition is organising:
    neither is direct contact, whoever they aim at."""
    acts = campaign.activities
    if acts.empty:
        return pd.Series(dtype=bool)
    dm = {a.id for a in campaign.record.audiences if a.segment == "decision_makers"}
    return (
        (acts["paper_kind"] == "direct_to_decision_makers")
        | (acts["kind"] == "lobbying")
        | ((acts["kind"] == "advocacy") & acts["audience"].isin(dm) & acts["paper_kind"].isna())
    )


def direct_aims(campaign) -> Optional[Msg]:
    """What the direct activities (`direct_mask`) aimed at, when not all at a decision-maker
    audience: lobbying of politicians abroad counts as direct contact (pressure on the
    decision makers through them), but is never said as if the decision makers had been
    lobbied themselves (trial 11, M3: «aimed at the Government; lobbying: 2 activities», both
    letters to foreign parliaments). None when every one aimed at a decision-maker audience,
    or there are none."""
    from evalkit.evaluation.base import audience_name  # base reads the record's cut

    acts = campaign.activities
    if acts.empty:
        return None
    aimed = acts.loc[direct_mask(campaign), "audience"]
    audiences = {a.id: a for a in campaign.record.audiences}
    segment = aimed.map(lambda v: audiences[v].segment if v in audiences else None)
    if not len(aimed) or (segment == "decision_makers").all():
        return None
    parts: list = []
    for seg, part in aimed.groupby(segment.fillna(""), sort=True):
        if seg == "decision_makers":
            parts.append(Msg("a decision-maker audience: {n}", n=len(part)))
        elif seg:
            # each by its short name: a description a paragraph long is no name in a list,
            # and then its id, as the record writes it
            names = [
                Verbatim(n if len(n := audience_name(audiences[v])) <= 40 else v)
                for v in dict.fromkeys(part)
            ]
            parts.append(
                Msg("{segment} ({names}): {n}", segment=seg, names=joined(", ", names), n=len(part))
            )
    untold = int(aimed.isna().sum())
    if untold:
        parts.append(Msg("audience not recorded: {n}", n=untold))
    if not (segment == "decision_makers").any():
        return Msg(
            "none aimed at a decision-maker audience; aimed at {parts}", parts=joined("; ", parts)
        )
    return Msg("aimed at {parts}", parts=joined("; ", parts))


def maybe_direct_mask(campaign) -> pd.Series:
    """Which activities may have gone directly to decision makers, as far as the record
    says: advocacy with no audience and no fn-26 kind recorded — a letter whose addressee
    is not recorded is not known to be no direct contact."""
    acts = campaign.activities
    if acts.empty:
        return pd.Series(dtype=bool)
    return (acts["kind"] == "advocacy") & acts["audience"].isna() & acts["paper_kind"].isna()


def decision_maker_audiences(record) -> list:
    return [a for a in record.audiences if a.segment == "decision_makers"]


def decision_makers_at_home(record) -> Optional[bool]:
    """True when every decision-maker audience is at the campaign's home (a movement
    pressing its own government), False when any sits abroad, None when none is recorded."""
    dms = decision_maker_audiences(record)
    if not dms:
        return None
    return all("home" in a.places for a in dms)


def decision_makers_abroad(record) -> Optional[bool]:
    at_home = decision_makers_at_home(record)
    return None if at_home is None else not at_home


def home_languages(record) -> set[str]:
    """The languages of the campaign's home public (general-public audiences at home)."""
    return {
        _code(lang)
        for a in record.audiences
        if a.segment == "general_public" and "home" in a.places
        for lang in a.languages
    }


def decision_maker_languages(record) -> set[str]:
    return {_code(lang) for a in decision_maker_audiences(record) for lang in a.languages}


def foreign_languages_needed(record) -> Optional[bool]:
    """Whether the decision makers must be spoken to in a language the home public does
    not speak (None when either side's languages are not recorded)."""
    dm, home = decision_maker_languages(record) - {UNKNOWN}, home_languages(record)
    if not dm or not home:
        return None
    return bool(dm - home)


def affected_abroad(record) -> bool:
    """Some of the people the cause concerns live outside the campaign's home (refugees,
    a diaspora, a crisis abroad)."""
    return any("affected" in a.places and "home" not in a.places for a in record.audiences)


# who can be mobilised (take part, sign, stand): publics and activists or organisations;
# media and politicians are reached by advocacy, not mobilised
MOBILISED_SEGMENTS = ("general_public", "civil_society")


def foreign_mobilisation(record) -> Optional[list]:
    """The audiences whose mobilisation is the campaign's *non-local* mobilisation (§4
    weakness 7, «الحشد غير المحلي»: foreign activists, foreign publics): publics and civil
    society (activists, organisations) abroad who speak a language other than the home
    public's — the campaign's own people abroad (a diaspora, speaking the home language) are
    not foreign to it. None when the record has no home public: nothing is foreign to a
    campaign without a home (a global campaign)."""
    home = home_languages(record)
    if not home:
        return None
    return [
        a
        for a in record.audiences
        if a.segment in MOBILISED_SEGMENTS
        and a.abroad
        and any(_code(lang) not in home for lang in a.languages)
    ]


def virtual_share(campaign) -> Optional[float]:
    acts = campaign.activities
    return None if acts.empty else float((acts["channel"] == "virtual").mean())


def is_coalition(record) -> bool:
    """The campaign was itself run by a coalition: every organiser the record names is the
    coalition or one of its members (a coalition behind one event does not make it so)."""

    def same(a: str, b: str) -> bool:
        a, b = a.casefold(), b.casefold()
        return a in b or b in a

    for c in record.coalitions:
        names = [c.name] + [m.name for m in c.members]
        if record.organisers and all(any(same(o, n) for n in names) for o in record.organisers):
            return True
    return False


def timed_to_scheduled_events(timing) -> list:
    """The phases whose start was timed to a scheduled event foreseen beforehand."""
    return [t for t in timing if t.planned]


def foreseeable_before(event, record) -> Optional[str]:
    """Why `event` could be seen coming before it happened, by the record: its
    `foreseeable_from` before its date ("foreseeable"), or an earlier event of its kind in
    the record ("recurrence": the paper's fn 81, «بعد الحملة العسكرية على حلب كان من الواضح
    أن الأمر سيتكرر في الغوطة وحمص»). None: the record does not show it was foreseeable —
    a sudden event (an abduction) that no one could schedule for."""
    if event.foreseeable_from is not None and event.foreseeable_from.start < event.date.start:
        return "foreseeable"
    if event.kind != "other" and any(
        e.kind == event.kind and e.date.end < event.date.start for e in record.hot_events
    ):
        return "recurrence"
    return None


def reactions(timing, record) -> tuple[list, list]:
    """The reactive launches and relaunches, split into those that reacted to an event the
    record shows was foreseeable (weakness 11's sign: «رد الفعل على حدث كان من الواضح أنه
    قادم لا محالة») and those that reacted to a sudden one (not its sign)."""
    reactive = [t for t in timing if t.reactive]
    foreseen = [t for t in reactive if foreseeable_before(t.event, record)]
    return foreseen, [t for t in reactive if t not in foreseen]
