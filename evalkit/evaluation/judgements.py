"""One reading of a goal's judgement of attainment, for every place that shows it: question
3 scores it, question 5 takes it as an outcome, the paper's grid states it, the checklist's
W12 cites it and results.json says whether it was counted (`counted`). A judgement is read
as question 3 reads it: counted, judged unknown, not counted (the record's own acts, or
its own count of the goal's indicator, go against it), or none yet (docs/evaluation-method.md, question 3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

import pandas as pd

from evalkit.evaluation.decision_makers import POLICY, names_match
from evalkit.evaluation.indicator import IndicatorCount, indicator_count
from evalkit.evaluation.indicator import goes_against as count_goes_against
from evalkit.i18n import Msg
from evalkit.record.schema import Goal, Judgement, disputed

# how question 3 reads a goal's judgement as of the report's date (`reading`)
Reading = Literal["counted", "unknown", "not counted", "no judgement"]


def goes_against(attainment: str, act: dict) -> bool:
    """Whether a decision maker's own act goes against a judgement of attainment, by the
    level judged: an act `against` the ask goes against both "achieved" and "partly"; a
    partial concession the campaign rejected as not enough goes against "achieved" only —
    it is what "partly achieved" means (the Caesar Act passed, the detainees not released:
    partly, in the paper), and the campaign's refusal of it does not make the attainment
    none. One rule for question 3, question 5, the checklist's W12 and the comparison
    (docs/evaluation-method.md, question 3)."""
    if act["direction"] == "against":
        return True
    return (
        attainment == "achieved"
        and act["direction"] == "partial"
        and act["campaign_answer"] == "rejected"
    )


def acts_against(
    goal, judgement, decisions: pd.DataFrame, engagements: Optional[pd.DataFrame] = None
) -> list:
    """The record's own acts that a judgement of attainment (achieved or partly) goes
    against: for each of the goal's decision makers, their last recorded act (by the
    report's date: `decisions` is the record cut at it), when it goes against the level
    judged (`goes_against`) and no act of any of the goal's decision makers that does not go
    against it came then or after. A bill voted down on the day the goal is judged won is
    over-estimation the record itself shows (weakness 12), and so is a judgement of
    "achieved" an approval months later overturned (trial 10, H1: an act after the
    judgement's date was not read, and the report credited a goal its own record showed
    lost); a treaty blocked at a conference and adopted by the General Assembly's vote days
    later (two of the goal's decision makers) is not. An act that names another goal in
    decisions.csv's `goal` column is not read against this one.

    A decision maker's own response recorded in engagements.csv is their act too
    (`refusals_against`: trial 15, H4): with `engagements` (the record cut at the report's
    date), the refusals of the ask that are their last word follow the acts."""
    if judgement is None or judgement.attainment not in ("achieved", "partly"):
        return []
    out: list = _decisions_against(goal, judgement, decisions)
    if engagements is not None:
        out.extend(refusals_against(goal, judgement, decisions, engagements))
    return out


def _answering(goal, rows: list[dict]) -> list[dict]:
    """The decisions rows (`rows`) that answer a goal: those naming it, and those naming no
    goal by any of its decision makers (who can grant it, together)."""
    return [
        r
        for r in rows
        if (
            not isinstance(r.get("goal"), str)
            and any(names_match(w, r) for w in goal.decision_makers)
        )
        or r.get("goal") == goal.id
    ]


def _decisions_against(goal, judgement, decisions: pd.DataFrame) -> list[dict]:
    """`acts_against`, of decisions.csv alone."""
    if decisions.empty:
        return []
    rows = decisions.to_dict("records")
    named = [r for r in rows if r.get("goal") == goal.id]  # acts that name this goal
    if not goal.decision_makers and not named:
        return []

    def whose(r) -> Optional[str]:
        # the goal's decision maker an act is theirs, else (an act naming the goal, by one
        # the goal does not list: trial 12, H4) its own decision maker
        for who in goal.decision_makers:
            if names_match(who, r):
                return who
        return str(r["decision_maker"]) if r.get("goal") == goal.id else None

    made = _answering(goal, rows)
    out = []
    for who in dict.fromkeys(whose(r) for r in made):
        against = [r for r in made if whose(r) == who and goes_against(judgement.attainment, r)]
        if not against:
            continue
        last = max(against, key=lambda r: r["date_start"])
        answered = [
            r
            for r in made
            if not goes_against(judgement.attainment, r)
            and r["date_end"] >= last["date_start"]  # for it, after or then
        ]
        if not answered and last not in out:
            out.append(last)
    return out


# the engagement responses that answer a refusal (`refusals_against`) when they come then
# or after it: a decision for the ask (a vote, a law, the plan withdrawn, …: the ladder's
# policy action). Not a `statement` (its direction is not recorded: it may restate the
# refusal), nor `none` or `unknown` (silence, or an answer not recorded, takes nothing back)
ANSWERS_A_REFUSAL = frozenset(POLICY)


@dataclass(frozen=True)
class Refusal:
    """A refusal of the ask (`response: rejected`) recorded in engagements.csv by one of a
    goal's decision makers: their own act, which goes against "achieved" and "partly" as an
    act `against` in decisions.csv does (trial 15, H4: the council leader refused to drop
    the plan, and the goal judged achieved a month later was counted, question 3 "good (high
    confidence)")."""

    engagement: dict  # the engagements row

    def __getitem__(self, key):  # read as the row it is, where a row is read
        return self.engagement[key]

    def get(self, key, default=None):
        return self.engagement.get(key, default)


def is_refusal(item) -> bool:
    """Whether a contradiction is a refusal recorded in engagements.csv."""
    return isinstance(item, Refusal)


def refusals_against(
    goal, judgement, decisions: pd.DataFrame, engagements: pd.DataFrame
) -> list[Refusal]:
    """The refusals of the ask in engagements.csv (`response: rejected`) that a judgement of
    attainment (achieved or partly) goes against: for each of the goal's decision makers
    (names_match), their last refusal by the report's date (the record is cut at it), when
    it is their last word against the ask — no act of theirs in decisions.csv that goes
    against the judgement came then or after (that act is then their last word, read by
    `acts_against`) — and nothing answered it then or after: no act in decisions.csv that
    answers the goal and does not go against the judgement, and no response of the goal's
    decision makers that is a decision for the ask (`ANSWERS_A_REFUSAL`). engagements.csv
    names no goal: a refusal is read against every goal that names its decision maker,
    unless decisions.csv records an act of theirs of the same date (the refusal recorded as
    their act, whose `goal` column can say which goal it answers)."""
    if (
        judgement is None
        or judgement.attainment not in ("achieved", "partly")
        or engagements.empty
        or not goal.decision_makers
        # engagements.csv names no goal: the ask a decision maker refused is read as the
        # campaign's, its main goal's. An interim step (a meeting got, a rally's turnout,
        # signatures collected) is no grant a refusal takes back (trial 16, H-A: the refusal
        # made at the very meeting a goal asked for was read against it); a refusal of an
        # interim goal's ask is recorded in decisions.csv with that goal's id
        or goal.level != "main"
    ):
        return []
    recorded = [] if decisions.empty else decisions.to_dict("records")
    made = _answering(goal, recorded)
    heard = [
        r
        for r in engagements.to_dict("records")
        if any(names_match(w, r) for w in goal.decision_makers)
    ]
    out: list[Refusal] = []
    for who in goal.decision_makers:
        refused = [r for r in heard if r["response"] == "rejected" and names_match(who, r)]
        if not refused:
            continue
        last = max(refused, key=lambda r: (r["date_start"], r["row"]))
        if any(
            names_match(who, r)
            and goes_against(judgement.attainment, r)
            and r["date_start"] >= last["date_start"]
            for r in made
        ):
            continue  # a later act against is their last word
        if any(names_match(who, r) and r["date_start"] == last["date_start"] for r in recorded):
            continue  # recorded as their act too: decisions.csv's row (and goal) says it
        # any act of theirs then or after that does not go against the judgement answers
        # it, whatever goal its row names: the refusal names none (trial 16, H-A: the
        # parliament's vote for the moratorium, its goal column filled, left the speaker's
        # refusal standing)
        answered = [
            r
            for r in made + [r for r in recorded if names_match(who, r)]
            if not goes_against(judgement.attainment, r) and r["date_end"] >= last["date_start"]
        ] + [
            r
            for r in heard
            if r["response"] in ANSWERS_A_REFUSAL and r["date_end"] >= last["date_start"]
        ]
        if not answered and all(f.engagement is not last for f in out):
            out.append(Refusal(last))
    return out


@dataclass(frozen=True)
class SimilarAct:
    """An act against a judgement by someone the goals do not name, under a name like one of
    the goal's decision makers' ("Lakeford Council" for "Lakeford City Council"), naming no
    goal: perhaps theirs, perhaps not. evalkit does not guess: the judgement is not counted
    until the evaluator names them one way or says the act is another's (trial 14, H1: a
    reversal by the council under another spelling left "achieved" counted, question 3
    "good (high confidence)")."""

    act: dict  # the decisions row
    target: str  # the goal's decision maker the name is like

    def __getitem__(self, key):  # read as the row it is, where a row is read
        return self.act[key]

    def get(self, key, default=None):
        return self.act.get(key, default)


def similar_acts_against(goal, judgement, campaign) -> list[SimilarAct]:
    """The acts naming no goal, by no decision maker any goal names, under a name like one
    of this goal's decision makers' (a distinctive word shared: decision_makers.similar),
    that go against the judgement, with no act of the goal's decision makers or of that name
    for it then or after."""
    from evalkit.evaluation.decision_makers import similar

    decisions = campaign.decisions
    if judgement is None or judgement.attainment not in ("achieved", "partly") or decisions.empty:
        return []
    targets = [d for g in campaign.record.goals for d in g.decision_makers]
    rows = decisions.to_dict("records")
    out: list[SimilarAct] = []
    for who in goal.decision_makers:
        alike = [
            r
            for r in rows
            if not isinstance(r.get("goal"), str)
            and not any(names_match(t, r) for t in targets)
            and (similar(who, r.get("decision_maker")) or similar(who, r.get("institution")))
        ]
        against = [r for r in alike if goes_against(judgement.attainment, r)]
        if not against:
            continue
        last = max(against, key=lambda r: r["date_start"])
        theirs = [r for r in rows if names_match(who, r)] + alike
        if any(
            not goes_against(judgement.attainment, r) and r["date_end"] >= last["date_start"]
            for r in theirs
        ):
            continue
        if all(a.act is not last for a in out):
            out.append(SimilarAct(last, who))
    return out


def is_similar(item) -> bool:
    """Whether a contradiction is an act under a name like a decision maker's."""
    return isinstance(item, SimilarAct)


def contradictions(goal, judgement, campaign) -> list:
    """What in the record itself goes against a judgement of attainment: the decision
    makers' own acts (`acts_against`: each a decisions row, or a refusal of the ask they
    gave the campaign, recorded in engagements.csv: `Refusal`), the goal's own indicator
    counted below its target (indicator.IndicatorCount: "achieved" while the record's own
    count was short of it, trial 11, H1), and acts under a name like a decision maker's
    (`SimilarAct`: they may be theirs). Empty when nothing does."""
    found: list = list(acts_against(goal, judgement, campaign.decisions, campaign.engagements))
    found.extend(similar_acts_against(goal, judgement, campaign))
    count = indicator_count(goal, judgement, campaign)
    if count_goes_against(count, judgement.attainment if judgement else ""):
        found.append(count)
    return found


def is_count(item) -> bool:
    """Whether a contradiction (`contradictions`) is the goal's own count, not an act."""
    return isinstance(item, IndicatorCount)


def places(items: list) -> list[str]:
    """Where each contradiction stands in the record (decisions.csv:3, engagements.csv:5,
    metrics.csv:4)."""
    out: list[str] = []
    for item in items:
        if is_count(item):
            out.extend(item.rows)
        else:
            table = "engagements.csv" if is_refusal(item) else "decisions.csv"
            out.append(f"{table}:{item['row']}")
    return out


# why a judgement is not counted, by what goes against it: results.json's
# `not_counted_because`, and the words of '(not counted: …)'
NotCounted = Literal["acts", "count", "acts_and_count", "similar_act"]
NOT_COUNTED_REASONS: dict[str, Msg] = {
    "similar_act": Msg("an act under a name like its decision maker's may go against it"),
    "acts_and_count": Msg("the record's own acts and count go against it"),
    "count": Msg("the record's own count is below its target"),
    "acts": Msg("the record's own acts go against it"),
}


def not_counted_because(items: list) -> NotCounted:
    """Which of NOT_COUNTED_REASONS a judgement's contradictions (`contradictions`) make."""
    if items and all(is_similar(i) for i in items):
        return "similar_act"
    counts = any(is_count(i) for i in items)
    acts = any(not is_count(i) for i in items)
    if counts and acts:
        return "acts_and_count"
    return "count" if counts else "acts"


def not_counted_reason(items: list) -> Msg:
    """Why a judgement is not counted, by what goes against it, for '(not counted: …)'."""
    return NOT_COUNTED_REASONS[not_counted_because(items)]


def counted(goal, judgement, campaign) -> bool:
    """Whether a judgement of attainment counts: not one the record itself goes against
    (`contradictions`). Question 3 scores only these, and question 5 takes only these as
    outcomes that followed the tactics."""
    return not contradictions(goal, judgement, campaign)


def attained(goal, judgement, campaign) -> bool:
    """Whether a judgement establishes that the goal was attained (achieved or partly): it
    counts (`counted`), and no judgement of the same time is less favourable
    (schema.disputed: a campaign's own claim beside an evaluator's 'not achieved' of the same
    date is no attainment the record establishes). Question 3's time to attainment and
    question 5's outcomes read only these."""
    return (
        judgement.attainment in ("achieved", "partly")
        and counted(goal, judgement, campaign)
        and not disputed(goal, judgement)
    )


def reading(goal: Goal, judgement: Optional[Judgement], campaign) -> Reading:
    """How question 3 reads a goal's judgement (its latest by the report's date): "counted"
    (achieved, partly or not achieved, and scored), "unknown" (the evaluator said they do
    not know: neither achieved nor not, never scored), "not counted" (a judgement of
    attainment the record itself goes against: `counted`), or "no judgement" yet. The
    grid, the paper's grid and question 3 state a goal by this one reading."""
    if judgement is None:
        return "no judgement"
    if judgement.attainment == "unknown":
        return "unknown"
    return "counted" if counted(goal, judgement, campaign) else "not counted"
