"""Question 3: to what degree were the short-, medium- and long-term goals achieved?
(paper fn 15, 16, 19; success criterion = the main goal; §4 weakness 11: goals not clear
or measurable, ceilings too high)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any, Optional

import pandas as pd

from evalkit.evaluation.grid import ATTAINMENT_WORDS, judgement_as_of
from evalkit.record.schema import before_launch, disagreeing

# one reading of a goal's judgement for question 3, question 5, the grid, the checklist's W12
# and results.json (judgements.py); named here too, where question 3 has always had them
from evalkit.evaluation.judgements import (
    attained,
    contradictions,
    is_count,
    is_refusal,
    is_similar,
    not_counted_reason,
    places,
    reading,
)
from evalkit.evaluation.indicator import indicator_count
from evalkit.evaluation.decision_makers import names_match
from evalkit.i18n import N_, Msg, decimals, joined
from evalkit.evaluation.timing import day_span, launch_days
from evalkit.evaluation.bounds import Direction, rounded
from evalkit.evaluation.base import (
    CONFIDENCE,
    INSUFFICIENT,
    Analysis,
    Criterion,
    Finding,
    OrdinalChart,
    criterion,
    fit_margins,
)

MEASURABLE = {"measurable indicator", "target", "deadline"}
ATTAINMENT_SCORE = {"achieved": 1.0, "partly": 0.5, "not_achieved": 0.0}


# The parts of a SMART goal a record can show (the goal's field that shows each); whether
# a goal is realistic is not judged from the record. The workshop's goal sheet asks the same.
SMART_PARTS = (
    (N_("specific (who must act)"), "decision_makers"),
    (N_("measurable indicator"), "indicator"),
    (N_("target"), "target"),
    (N_("deadline"), "deadline"),
)


def goal_name(goal) -> str:
    """A goal as the reader knows it: its text (without the closing full stop), not the id
    the record gives it for cross-reference."""
    return " ".join(goal.text.split()).rstrip(".")


def _each(rows, field) -> Msg | str:
    """'goal: value; goal: value' with the values translatable."""
    return joined("; ", [Msg("{goal}: {value}", goal=r["_name"], value=r[field]) for r in rows])


def _measurable(row) -> Msg:
    """'Stop the bills: indicator, target and deadline recorded' or what it lacks."""
    lacking = [part for part in row["_missing"] if part in MEASURABLE]
    return (
        Msg("{goal}: missing {parts}", goal=row["_name"], parts=joined(", ", lacking))
        if lacking
        else Msg("{goal}: indicator, target and deadline recorded", goal=row["_name"])
    )


def _span_of_days(lo: int, hi: int, at_most: bool = False) -> Msg:
    """'65 days', '60–65 days', '1.2–1.9 years': one number when the dates allow one. In
    years, the ends of a range are rounded the safe way (the fewest days down, the most up:
    bounds.rounded), and so is a span that is only an upper bound (`at_most`)."""
    if hi > 365:
        ways: tuple[Direction, Direction] = (
            ("up", "up") if at_most else ("nearest", "nearest") if lo == hi else ("down", "up")
        )
        low = decimals(rounded(lo / 365.25, 1, ways[0]), 1)
        high = decimals(rounded(hi / 365.25, 1, ways[1]), 1)
        return (
            Msg("{n} year", "{n} years", n=low)
            if low == high
            else Msg("{low}–{high} years", low=low, high=high)
        )
    return day_span(lo, hi)


def _in_units(days: int) -> tuple[str, int]:
    """A number of days in its largest whole unit: ('years', 7), ('months', 5), ('days', 12)."""
    if days >= 365:
        return "years", int(days // 365.25) or 1
    if days >= 31:
        return "months", int(days // 30.44)
    return "days", days


def _years_late(days: int) -> Msg:
    """'7 years', '5 months', '12 days' after a deadline, in the largest whole unit."""
    unit, n = _in_units(days)
    if unit == "years":
        return Msg("{n} year", "{n} years", n=n)
    if unit == "months":
        return Msg("{n} month", "{n} months", n=n)
    return Msg("{n} day", "{n} days", n=n)


def _late_span(lo: int, hi: int) -> Msg:
    """How late, from the fewest to the most days the dates allow: '7 years', '6–7 years',
    '20 days to 11 months' (a vague date is no one of its days)."""
    (low_unit, low), (high_unit, high) = _in_units(lo), _in_units(hi)
    if (low_unit, low) == (high_unit, high):
        return _years_late(lo)
    if low_unit == high_unit == "years":
        return Msg("{low}–{n} year", "{low}–{n} years", low=low, n=high)
    if low_unit == high_unit == "months":
        return Msg("{low}–{n} month", "{low}–{n} months", low=low, n=high)
    if low_unit == high_unit:
        return Msg("{low}–{n} day", "{low}–{n} days", low=low, n=high)
    return Msg("{low} to {high}", low=_years_late(lo), high=_years_late(hi))


def deadline_status(
    goal, full, first, latest, latest_stands: bool = True, report_date: Optional[date] = None
) -> tuple[Optional[bool], Msg | str]:
    """(attained by its deadline?, in words) for a goal. Attained means attained in full:
    the goal's target, as the paper's time-bound goal sets it (fn 15); the paper tells a goal
    reached in part from one reached (Caesar "reached its main goal partly"), so a "partly"
    judgement is never said as attainment by the deadline (trial 7, M2). `full`: the goal's first counted judgement of "achieved"; `first`: its first counted
    judgement of attainment, achieved or partly; `latest`: its latest judgement, and
    `latest_stands` whether question 3 reads it as it says (a judgement of attainment not
    counted, or disputed, does not). None when it has no deadline, or when the record
    cannot tell (attained, but its date is unknown and the judgement came after the
    deadline; partly attained by it, and no judgement at or after it says more; not judged
    yet, or the deadline not yet passed; attainment judged `unknown`; a judgement of
    attainment not counted). Missed when a judgement at or after the deadline says "not
    achieved" or only "partly", or when it was attained (even in part) only after it."""
    d = goal.deadline
    if d is None:
        return None, ""
    partial = first if first is not None and first.attainment == "partly" else None
    partly_by = partial is not None and (partial.attained or partial.as_of).end <= d.end
    if full is not None:
        when = full.attained or full.as_of  # the judgement bounds an unknown date
        if when.end <= d.end:
            return True, Msg("attained by its deadline ({deadline})", deadline=d.text)
        # a judgement after the deadline bounds an unrecorded attainment only from above:
        # the goal may have been attained before the deadline, so lateness is not known
        if when.start > d.end and full.attained is not None:
            said: Msg = Msg(
                "attained {date}, {late} after its deadline ({deadline})",
                date=when.text,
                # as late as the dates allow, fewest to most: a vague date is no one day
                late=_late_span((when.start - d.end).days, (when.end - d.start).days),
                deadline=d.text,
            )
            on_time: Optional[bool] = False
        else:
            said = Msg(
                "attained by {date}; whether by its deadline ({deadline}) the dates cannot tell",
                date=when.text,
                deadline=d.text,
            )
            on_time = None
        if partly_by and partial is not None:
            said = Msg(
                "{said}; partly attained by it (by {date})",
                said=said,
                date=(partial.attained or partial.as_of).text,
            )
        return on_time, said
    if partial is not None:
        when = partial.attained or partial.as_of
        # a judgement at or after the deadline that finds it not achieved in full
        judged_after = (
            latest is not None
            and latest_stands
            and latest.as_of.end >= d.end
            and latest.attainment in ("partly", "not_achieved")
        )
        if partly_by:
            if judged_after:
                return False, Msg(
                    "only partly attained by its deadline ({deadline}; judged {attainment} "
                    "as of {date})",
                    deadline=d.text,
                    attainment=ATTAINMENT_WORDS[latest.attainment],
                    date=latest.as_of.text,
                )
            return None, Msg(
                "partly attained by its deadline ({deadline}; by {date}); whether attained "
                "in full by then is not known",
                deadline=d.text,
                date=when.text,
            )
        if when.start > d.end and partial.attained is not None:
            return False, Msg(
                "partly attained {date}, {late} after its deadline ({deadline})",
                date=when.text,
                late=_late_span((when.start - d.end).days, (when.end - d.start).days),
                deadline=d.text,
            )
        if judged_after:
            return False, Msg(
                "not attained in full by its deadline ({deadline}; judged {attainment} as of "
                "{date})",
                deadline=d.text,
                attainment=ATTAINMENT_WORDS[latest.attainment],
                date=latest.as_of.text,
            )
        return None, Msg(
            "partly attained by {date}; whether by its deadline ({deadline}) the dates cannot tell",
            date=when.text,
            deadline=d.text,
        )
    if latest is None:
        return None, Msg(
            "whether attained by its deadline ({deadline}) is not known: no attainment "
            "judgement yet",
            deadline=d.text,
        )
    if not latest_stands and latest.attainment in ("achieved", "partly"):
        # a judgement of attainment not counted is said so, whenever it was made (trial 12,
        # L4: "made before it; judge the goal again" of one the record's count goes against)
        return None, Msg(
            "whether attained by its deadline ({deadline}) cannot be told: the judgement "
            "of {date} is not counted (the record itself goes against it)",
            deadline=d.text,
            date=latest.as_of.text,
        )
    if latest.as_of.end < d.end:
        # judged before the deadline: "not yet passed" only while the deadline is still
        # ahead of the report's date (`report_date`, today by default), never because the
        # judgement is older than it (trial 11, HIGH-3: said of a deadline a year gone)
        if d.start > (report_date or date.today()):
            return None, Msg("deadline {deadline} not yet passed", deadline=d.text)
        return None, Msg(
            "whether attained by its deadline ({deadline}) is not known: the latest "
            "judgement ({date}) was made before it; judge the goal again",
            deadline=d.text,
            date=latest.as_of.text,
        )
    if latest.attainment == "unknown":
        # the evaluator said they do not know: never read as "not attained"
        return None, Msg(
            "whether attained by its deadline ({deadline}) cannot be told: attainment "
            "unknown (judged as of {date})",
            deadline=d.text,
            date=latest.as_of.text,
        )
    if latest.attainment != "not_achieved":
        # judged attained, but not counted: the record itself goes against it (its acts, its
        # own count of the indicator, or a less favourable judgement of the same time)
        return None, Msg(
            "whether attained by its deadline ({deadline}) cannot be told: the judgement "
            "of {date} is not counted (the record itself goes against it)",
            deadline=d.text,
            date=latest.as_of.text,
        )
    return False, Msg(
        "not attained by its deadline ({deadline}; judged as of {date})",
        deadline=d.text,
        date=latest.as_of.text,
    )


# an act and its direction as one phrase per direction, with and without the act's
# description: a translation cannot make a direction word agree with an act it does not see
# (Arabic «خطة جزئي», a feminine noun with a masculine adjective), so the direction is the
# template's own words, and the description follows the language's own separator (a Latin
# ';' sat inside the Arabic: «(2025-06-16، decisions!A2; …)»)
_ACT_WORDS = {
    ("for", False): N_("{who}: {act} for ({date}, decisions.csv:{row})"),
    ("for", True): N_("{who}: {act} for ({date}, decisions.csv:{row}; {description})"),
    ("against", False): N_("{who}: {act} against ({date}, decisions.csv:{row})"),
    ("against", True): N_("{who}: {act} against ({date}, decisions.csv:{row}; {description})"),
    ("partial", False): N_("{who}: {act} partial ({date}, decisions.csv:{row})"),
    ("partial", True): N_("{who}: {act} partial ({date}, decisions.csv:{row}; {description})"),
}


def _similar_words(r, alike: list) -> Msg:
    """Acts under names like a goal's decision makers', against its judgement, in words."""
    return Msg(
        "judged {attainment} as of {date}, but {acts}, under a name like {who}'s, may be "
        "theirs: not counted until it is checked",
        attainment=r["attainment"],
        date=r["judged as of"],
        **_alike_fields(alike),
    )


def _alike_fields(alike: list) -> dict:
    """The acts under similar names in words, and the decision makers their names are like."""
    return dict(
        acts=joined("; ", [_act_words(a) for a in alike]),
        who=joined(", ", list(dict.fromkeys(a.target for a in alike))),
    )


def _act_words(act) -> Msg:
    """A contradiction in words: a decision maker's act, or the goal's own count."""
    if is_count(act):
        return act.words()
    if is_refusal(act):  # a refusal of the ask, recorded in engagements.csv
        described = isinstance(act.get("description"), str) and bool(act["description"])
        fields = dict(who=act["decision_maker"], date=act["date"], row=act["row"])
        if described:
            return Msg(
                "{who}: refused the ask ({date}, engagements.csv:{row}; {description})",
                description=act["description"],
                **fields,
            )
        return Msg("{who}: refused the ask ({date}, engagements.csv:{row})", **fields)
    described = isinstance(act.get("description"), str)
    fields = dict(who=act["decision_maker"], act=act["act"], date=act["date"], row=act["row"])
    if described:
        fields["description"] = act["description"]
    return Msg(_ACT_WORDS[(act["direction"], described)], **fields)


class GoalAttainment(Analysis):
    number = 3
    question = N_("To what degree were the short-, medium- and long-term goals achieved?")
    word = N_("goals")
    introduction = N_(
        "The evaluator's attainment judgements by goal level and term, as of "
        "the report's date, with a SMART audit of each goal."
    )

    def measure(self) -> None:
        rec = self.campaign.record
        first_phase = min(rec.phases, key=lambda p: p.start.start)
        launch = first_phase.start  # a span: the launch may be as vague as its date
        # its days, less those before the trigger that set it off (timing.launch_days)
        launch_lo, launch_hi = launch_days(rec)
        # one goal's columns: words, dates, numbers and flags
        rows: list[dict[str, Any]] = []
        for g in rec.goals:
            j = judgement_as_of(g, self.as_of)
            smart = {part: bool(getattr(g, field)) for part, field in SMART_PARTS}
            failing = [k for k, ok in smart.items() if not ok]
            # the record is cut at the as-of date: these judgements had all been made by then
            # a judgement the record's own acts go against is not counted (`counted`), nor
            # one a judgement of the same time disputes (`attained`): no time to attainment,
            # no deadline met from it
            # nor one of an attainment wholly before the launch (`before_launch`)
            reached = [
                x
                for x in g.judgements
                if attained(g, x, self.campaign) and not before_launch(x, launch.start)
            ]
            first = min(reached, key=lambda x: x.as_of.end) if reached else None
            lag = None
            if first is not None:
                # from when the goal was attained; without that date, the judgement that
                # found it attained bounds it (the time is then at most this)
                when = first.attained or first.as_of
                lo = max(0, (when.start - launch_hi).days)
                hi = (when.end - launch_lo).days
                lag = (
                    _span_of_days(lo, hi)
                    if first.attained
                    else Msg(
                        "at most {span} (attained by the judgement of {date}; when it was "
                        "attained is not recorded)",
                        span=_span_of_days(hi, hi, at_most=True),
                        date=first.as_of.text,
                    )
                )
            # attained by its deadline means in full: a "partly" is said as partly
            full = min(
                (x for x in reached if x.attainment == "achieved"),
                key=lambda x: x.as_of.end,
                default=None,
            )
            stands = j is not None and (
                j.attainment == "not_achieved" or attained(g, j, self.campaign)
            )
            on_time, deadline_words = deadline_status(g, full, first, j, stands, self.as_of)
            if on_time is None and g.deadline is not None and stands:
                # what the dates cannot tell, the record's own count at the deadline may:
                # a running total of at most 9,400 after it, below a target of 10,000, is
                # a deadline missed (trial 17, M1)
                at_deadline = indicator_count(
                    g, SimpleNamespace(attained=None, as_of=g.deadline), self.campaign
                )
                if at_deadline is not None and at_deadline.state == "below":
                    on_time, deadline_words = (
                        False,
                        Msg(
                            "not attained by its deadline ({deadline}): {count}",
                            deadline=g.deadline.text,
                            count=at_deadline.words(),
                        ),
                    )
            if g.deadline is not None and j is not None and before_launch(j, launch.start):
                # attained before the campaign began: no deadline the campaign met or missed
                # (not "the record's own acts go against it": none do)
                on_time, deadline_words = (
                    None,
                    Msg(
                        "whether attained by its deadline ({deadline}) is not the campaign's to "
                        "claim: attained {date}, before the campaign began",
                        deadline=g.deadline.text,
                        date=(j.attained or j.as_of).text,
                    ),
                )
            rows.append(
                {
                    "goal": g.id,  # for the evidence (campaign.yaml goals[id])
                    "_name": goal_name(g),  # what the reader sees
                    "level": g.level,
                    "horizon": g.horizon,
                    "text": g.text,
                    "attainment": ATTAINMENT_WORDS[j.attainment] if j else N_("no judgement yet"),
                    "judged as of": j.as_of.text if j else "",
                    "judged by": j.judged_by if j else "",
                    "evidence": j.evidence if j else "",
                    "SMART gaps": Msg(
                        "{missing}; realistic ceiling: not judged from the record",
                        missing=joined(", ", failing),
                    )
                    if failing
                    else N_("none"),
                    "launch to attainment": lag or "",
                    "source": self.campaign.cite(j.source) if j else "",
                    "deadline": deadline_words,
                    # scored only as `reading` counts it: never an unknown, nor a
                    # judgement the record's own acts go against (set apart below too)
                    "_score": ATTAINMENT_SCORE[j.attainment]
                    if j and reading(g, j, self.campaign) == "counted"
                    else None,
                    "_missing": failing,
                    "_on_time": on_time,
                    "_first_reached": first.attainment if first is not None else None,
                }
            )
        self.table = pd.DataFrame(rows)
        # the record's own acts each judgement goes against (acts_against): a judgement with
        # any is not counted, and every line that states it says so
        against = {
            g.id: contradictions(g, judgement_as_of(g, self.as_of), self.campaign)
            for g in rec.goals
        }
        for r in rows:
            attainment = (
                Msg(
                    "{attainment} (not counted: {reason})",
                    attainment=r["attainment"],
                    reason=not_counted_reason(against[r["goal"]]),
                )
                if against[r["goal"]]
                else r["attainment"]
            )
            self.indicator(
                Msg(
                    "{Level} goal, {horizon} term: {text}",
                    Level=r["level"].capitalize(),
                    horizon=r["horizon"],
                    text=r["text"],
                ),
                Msg(
                    "{attainment} (as of {date}; {who})",
                    attainment=attainment,
                    date=r["judged as of"],
                    who=r["judged by"],
                )
                if r["judged as of"]
                else attainment,
                [f"campaign.yaml goals[{r['goal']}]"],
            )
        for r in rows:
            if r["SMART gaps"] != "none":
                self.indicator(
                    Msg("SMART audit: {goal}", goal=r["_name"]),
                    Msg("missing: {gaps}", gaps=r["SMART gaps"]),
                    [f"campaign.yaml goals[{r['goal']}]"],
                )
            elif r["_on_time"] is not False:
                # a complete audit is shown too, so that it is visibly done
                self.indicator(
                    Msg("SMART audit: {goal}", goal=r["_name"]),
                    Msg(
                        "complete: {parts} recorded; realistic ceiling: not judged from the record",
                        parts=joined(", ", [part for part, _ in SMART_PARTS]),
                    ),
                    [f"campaign.yaml goals[{r['goal']}]"],
                )
            if r["_on_time"] is False:
                # a time-bound goal whose time ran out: the SMART audit says so
                self.indicator(
                    Msg("SMART audit: {goal}", goal=r["_name"]),
                    Msg("deadline missed: {how}", how=r["deadline"]),
                    [f"campaign.yaml goals[{r['goal']}]"],
                )
            if r["launch to attainment"]:
                self.indicator(
                    # the first judgement that found it attained may have found it in part
                    Msg(
                        "Time from launch ({launch}) to partial attainment: {goal}",
                        launch=launch.text,
                        goal=r["_name"],
                    )
                    if r["_first_reached"] == "partly"
                    else Msg(
                        "Time from launch ({launch}) to attainment: {goal}",
                        launch=launch.text,
                        goal=r["_name"],
                    ),
                    r["launch to attainment"],
                )

        # judgements of one time that disagree: the least favourable is read (the campaign's
        # own claim never wins over an evaluator's by the order of the rows), and both said
        for g, r in zip(rec.goals, rows):
            differ = disagreeing(g, self.as_of)
            if differ:
                self.indicator(
                    Msg("Judgements of one time that disagree: {goal}", goal=r["_name"]),
                    Msg(
                        "{judgements}: the record does not say which came last, so the least "
                        "favourable is read ({attainment})",
                        judgements=joined(
                            "; ",
                            [
                                Msg(
                                    "{attainment} (as of {date}; {who})",
                                    attainment=ATTAINMENT_WORDS[k.attainment],
                                    date=k.as_of.text,
                                    who=k.judged_by,
                                )
                                for k in differ
                            ],
                        ),
                        attainment=r["attainment"],
                    ),
                    [f"campaign.yaml goals[{g.id}]"],
                )
        # judgements the record itself goes against (its acts, its own count of the goal's
        # indicator): said, not scored
        self.contradicted: dict[str, list] = {}  # acts (dicts) and counts
        for g, r in zip(rec.goals, rows):
            acts = against[g.id]
            if not acts:
                continue
            self.contradicted[g.id] = acts
            r["_score"] = None
            sure = [a for a in acts if not is_similar(a)]
            alike = [a for a in acts if is_similar(a)]
            if sure:
                self.indicator(
                    Msg("Judgement the record contradicts: {goal}", goal=r["_name"]),
                    Msg(
                        "judged {attainment} as of {date}, but {acts}",
                        attainment=r["attainment"],
                        date=r["judged as of"],
                        acts=joined("; ", [_act_words(a) for a in sure]),
                    ),
                    [f"campaign.yaml goals[{g.id}]"] + places(sure),
                )
            if alike:
                self.indicator(
                    Msg("Judgement an act may contradict: {goal}", goal=r["_name"]),
                    _similar_words(r, alike),
                    [f"campaign.yaml goals[{g.id}]"] + places(alike),
                )
        # the goal's indicator as the record itself counts it, beside the judgement: what
        # confirms it, or neither confirms nor contradicts it (one it contradicts is said
        # above)
        for g, r in zip(rec.goals, rows):
            count = indicator_count(g, judgement_as_of(g, self.as_of), self.campaign)
            if count is None or g.id in self.contradicted:
                continue
            self.indicator(
                Msg("The record's own count of the indicator: {goal}", goal=r["_name"]),
                Msg(
                    "judged {attainment} as of {date}; {count}",
                    attainment=r["attainment"],
                    date=r["judged as of"],
                    count=count.words(),
                ),
                [f"campaign.yaml goals[{g.id}]"] + places([count]),
            )
        # judgements of an attainment wholly before the launch: said, and scored as not
        # achieved by the campaign (it cannot have brought it about), never as its success
        self.before_launch: dict[str, Any] = {}
        for g, r in zip(rec.goals, rows):
            j = judgement_as_of(g, self.as_of)
            if g.id in self.contradicted or not before_launch(j, launch.start):
                continue
            assert j is not None
            self.before_launch[g.id] = j.attained or j.as_of
            r["_score"] = ATTAINMENT_SCORE["not_achieved"]
            self.indicator(
                Msg("Attained before the campaign began: {goal}", goal=r["_name"]),
                Msg(
                    "judged {attainment} as of {date}, but attained {when}, before the "
                    "launch ({launch}): the campaign cannot have brought it about, so it is "
                    "not counted",
                    attainment=r["attainment"],
                    date=r["judged as of"],
                    when=(j.attained or j.as_of).text,
                    launch=launch.text,
                ),
                [f"campaign.yaml goals[{g.id}]"],
            )
        if self.contradicted or self.before_launch:
            self.table = pd.DataFrame(rows)
        self.mains = [r for r in rows if r["level"] == "main"]
        self.interims = [r for r in rows if r["level"] == "interim"]
        self.main_scores = [r["_score"] for r in self.mains if r["_score"] is not None]
        self.interim_scores = [r["_score"] for r in self.interims if r["_score"] is not None]

    def _mains_said(self) -> Msg | str:
        """Each main goal's judgement as this question reads it: one the record's own acts
        go against is said not counted, never as the goal's attainment alone."""
        return joined(
            "; ",
            [
                Msg("{goal}: {value}", goal=r["_name"], value=self._as_read(r)[0])
                for r in self.mains
            ],
        )

    def _as_read(self, r) -> tuple[Msg | str, bool]:
        """(a goal's judgement in words as this question reads it, whether it is counted):
        one the record's own acts go against, or attained before the campaign began, is
        said not counted, never as the goal's attainment alone."""
        if r["goal"] in self.contradicted:
            return Msg(
                "{attainment} (not counted: {reason})",
                attainment=r["attainment"],
                reason=not_counted_reason(self.contradicted[r["goal"]]),
            ), False
        if r["goal"] in self.before_launch:
            return Msg(
                "{attainment} (not counted: attained before the campaign began)",
                attainment=r["attainment"],
            ), False
        return r["attainment"], True

    @criterion("main_goal_partly")
    def _main_goal_partly(self) -> Criterion:
        return Criterion(
            Msg("Main goal achieved at least in part"),
            (max(self.main_scores) >= 0.5) if self.main_scores else None,
            self._mains_said(),
            [f"campaign.yaml goals[{r['goal']}]" for r in self.mains],
        )

    @criterion("main_goal_achieved")
    def _main_goal_achieved(self) -> Criterion:
        return Criterion(
            Msg("Main goal fully achieved"),
            (max(self.main_scores) == 1.0) if self.main_scores else None,
            self._mains_said(),
        )

    @criterion("interim_goals_partly")
    def _interim_goals_partly(self) -> Criterion:
        scores, every = self.interim_scores, len(self.interims)
        hit = sum(s >= 0.5 for s in scores)
        # an interim goal with no judgement (or one the record contradicts) is neither
        # achieved nor not: 'most' is judged only when it holds, or fails, either way
        unjudged = every - len(scores)
        met = (
            None
            if not scores
            else True
            if hit > every / 2
            else False
            if hit + unjudged <= every / 2
            else None
        )
        said = (
            Msg("{n} of {total} judged", n=hit, total=len(scores))
            if scores
            else Msg(
                "{n} interim goal, not judged achieved or not",
                "{n} interim goals, none judged achieved or not",
                n=every,
            )
            if every
            else Msg("no interim goal listed")
        )
        # a goal judged `unknown` was judged: its attainment is not known (trial 6, M3)
        unknown = sum(
            r["attainment"] == ATTAINMENT_WORDS["unknown"] and r["goal"] not in self.contradicted
            for r in self.interims
        )
        # a goal judged, but its judgement not counted, was judged: said so, never "not
        # judged achieved or not" (trial 11, M1)
        against = sum(r["goal"] in self.contradicted for r in self.interims)
        if against and not scores:
            said = Msg(
                "{n} interim goal judged, but its judgement not counted (the record itself "
                "goes against it)",
                "{n} interim goals judged, but their judgements not counted (the record "
                "itself goes against them)",
                n=against,
            )
            if every > against:
                said = Msg(
                    "{said}; {n} more interim goal not judged achieved or not",
                    "{said}; {n} more interim goals not judged achieved or not",
                    said=said,
                    n=every - against,
                )
        elif against:
            said = Msg(
                "{said}; {n} more interim goal judged, but its judgement not counted (the "
                "record itself goes against it)",
                "{said}; {n} more interim goals judged, but their judgements not counted "
                "(the record itself goes against them)",
                said=said,
                n=against,
            )
        if scores and unknown:
            said = Msg(
                "{said}; {n} more interim goal with its attainment judged unknown",
                "{said}; {n} more interim goals with their attainment judged unknown",
                said=said,
                n=unknown,
            )
        early = sum(r["goal"] in self.before_launch for r in self.interims)
        if early:
            said = Msg(
                "{said}; {n} of them attained before the campaign began (not counted as "
                "the campaign's achievement)",
                "{said}; {n} of them attained before the campaign began (not counted as "
                "the campaign's achievements)",
                said=said,
                n=early,
            )
        if scores and unjudged - unknown - against:
            said = Msg(
                "{said}; {n} more interim goal not judged",
                "{said}; {n} more interim goals not judged",
                said=said,
                n=unjudged - unknown - against,
            )
        return Criterion(
            Msg("Most interim goals achieved at least in part"),
            met,
            said,
            # a campaign whose goals list no interim goal has none to achieve: not missing
            # evidence (the goals are the record's required list)
            applicable=bool(self.interims),
        )

    @criterion("main_goal_measurable")
    def _main_goal_measurable(self) -> Criterion:
        return Criterion(
            Msg("The main goal is measurable (indicator, target, deadline)"),
            all(not (set(r["_missing"]) & MEASURABLE) for r in self.mains) if self.mains else None,
            joined("; ", [_measurable(r) for r in self.mains]),
        )

    @criterion("main_goal_on_time")
    def _main_goal_on_time(self) -> Criterion:
        judged = [r for r in self.mains if r["_on_time"] is not None]
        return Criterion(
            Msg("The main goal was attained by its deadline"),
            any(r["_on_time"] for r in judged) if judged else None,
            joined(
                "; ",
                [
                    Msg("{goal}: {how}", goal=r["_name"], how=r["deadline"])
                    for r in self.mains
                    if r["deadline"]
                ],
            )
            if any(r["deadline"] for r in self.mains)
            else Msg("no deadline recorded for the main goal"),
            [f"campaign.yaml goals[{r['goal']}]" for r in judged],
            # no main goal with a deadline: nothing to be on time for (its missing deadline
            # is counted by main_goal_measurable), so not missing evidence either
            applicable=any(r["deadline"] for r in self.mains),
        )

    def conclude(self) -> None:
        # one finding per judgement the record contradicts (the checklist's W12 cites them)
        self.contradictions: list[Finding] = []
        judged = {g.id: judgement_as_of(g, self.as_of) for g in self.campaign.record.goals}
        # acts under a name like a decision maker's: said apart, as what may contradict
        self.doubts: list[Finding] = []
        for r in self.table.to_dict("records"):
            items = self.contradicted.get(r["goal"]) or []
            acts = [a for a in items if not is_count(a) and not is_similar(a)]
            alike = [a for a in items if is_similar(a)]
            if alike:
                self.doubts.append(
                    Finding(
                        Msg(
                            "The judgement that '{goal}' was {attainment} may be contradicted "
                            "by {acts}, under a name like {who}'s: if the act is theirs, name "
                            "them the same way in the goals and in decisions.csv; if it is "
                            "another's, write the goal it answers in decisions.csv's goal "
                            "column. Until then the judgement is not counted.",
                            goal=r["_name"],
                            attainment=r["attainment"],
                            **_alike_fields(alike),
                        ),
                        [f"campaign.yaml goals[{r['goal']}]"] + places(alike),
                    )
                )
            j = judged[r["goal"]]
            if acts:
                later = j is not None and all(
                    a["date_start"] > pd.Timestamp(j.as_of.end) for a in acts
                )
                # an act naming no goal is read against every goal naming its decision
                # maker: where several do, the evaluator may mean only one (trial 11, M1)
                # (a refusal in engagements.csv, which has no goal column, is read so too:
                # the advice to write the act's goal is decisions.csv's)
                shared = [
                    a
                    for a in acts
                    if not is_refusal(a)
                    and not isinstance(a.get("goal"), str)
                    and sum(
                        any(names_match(who, a) for who in g.decision_makers)
                        for g in self.campaign.record.goals
                    )
                    > 1
                ]
                said = (
                    # an act after the judgement: the judgement may have held when made,
                    # and the record shows it overtaken by the report's date
                    Msg(
                        "The judgement that '{goal}' was {attainment} (as of {date}) is "
                        "overtaken by a later act the record holds ({acts}): it is not "
                        "counted; judge the goal again as of the report's date.",
                        goal=r["_name"],
                        attainment=r["attainment"],
                        date=j.as_of.text,
                        acts=joined("; ", [_act_words(a) for a in acts]),
                    )
                    if later and j is not None
                    else Msg(
                        "The judgement that '{goal}' was {attainment} is contradicted by "
                        "the record's own acts ({acts}): it is not counted; check it "
                        "against its evidence.",
                        goal=r["_name"],
                        attainment=r["attainment"],
                        acts=joined("; ", [_act_words(a) for a in acts]),
                    )
                )
                refused = [
                    a
                    for a in acts
                    if is_refusal(a)
                    and sum(
                        any(names_match(who, a) for who in g.decision_makers)
                        for g in self.campaign.record.goals
                        if g.level == "main"
                    )
                    > 1
                ]
                if refused:
                    said = Msg(
                        "{said} The refusal is recorded in engagements.csv, which names no "
                        "goal: it is read against every main goal that names its decision "
                        "maker. If it answers one goal only, "
                        "record it in decisions.csv too, as an act against of the same date "
                        "with that goal's id in the goal column ({rows}).",
                        said=said,
                        rows=joined(", ", places(refused)),
                    )
                if shared:
                    said = Msg(
                        "{said} The act names no goal, and is read against every goal that "
                        "names its decision maker: if it answers another goal, write that "
                        "goal's id in decisions.csv's goal column ({rows}).",
                        said=said,
                        rows=joined(", ", places(shared)),
                    )
                self.contradictions.append(
                    Finding(said, [f"campaign.yaml goals[{r['goal']}]"] + places(acts))
                )
            for count in (c for c in items if is_count(c)):
                # the goal's own indicator, counted by the record below its target when the
                # judgement says it was reached (trial 11, H1)
                self.contradictions.append(
                    Finding(
                        Msg(
                            "The judgement that '{goal}' was {attainment} is contradicted by "
                            "its indicator as the record counts it: {count}. It is not "
                            "counted; check the judgement, or the figures, against their "
                            "evidence.",
                            goal=r["_name"],
                            attainment=r["attainment"],
                            count=count.words(),
                        ),
                        [f"campaign.yaml goals[{r['goal']}]"] + places([count]),
                    )
                )
        self.findings.extend(self.contradictions)
        self.findings.extend(self.doubts)
        contradicted_main = [r for r in self.mains if r["goal"] in self.contradicted]
        only_alike = all(
            is_similar(i) for r in contradicted_main for i in self.contradicted[r["goal"]]
        )
        if contradicted_main and only_alike:
            self.cap = (
                INSUFFICIENT,
                Msg(
                    "an act under a name like a decision maker's may go against the main "
                    "goal's judgement ({goal}), so the goals cannot be rated until it is "
                    "checked",
                    goal=joined("; ", [r["_name"] for r in contradicted_main]),
                ),
            )
            return
        if contradicted_main:
            self.cap = (
                INSUFFICIENT,
                Msg(
                    "the record's own acts go against the main goal's judgement ({goal}), "
                    "so the goals cannot be rated until it is checked",
                    goal=joined("; ", [r["_name"] for r in contradicted_main]),
                )
                if not any(
                    is_count(i) for r in contradicted_main for i in self.contradicted[r["goal"]]
                )
                else Msg(
                    "the record itself goes against the main goal's judgement ({goal}), so "
                    "the goals cannot be rated until it is checked",
                    goal=joined("; ", [r["_name"] for r in contradicted_main]),
                ),
            )
            return
        # The paper's success criterion is the main goal: without a judgement of it the
        # goals cannot be rated at all, whatever the interim goals did
        if self.mains and not self.main_scores:
            # a goal judged `unknown` has a judgement, one that says its attainment is not
            # known: said so, never "no attainment judgement" (trial 6, M3)
            unknown = [r for r in self.mains if r["attainment"] == ATTAINMENT_WORDS["unknown"]]
            self.cap = (
                INSUFFICIENT,
                Msg(
                    "the main goal, the measure of success, has no "
                    "attainment judgement as of the report's date"
                )
                if not unknown
                else Msg(
                    "the main goal, the measure of success, has its attainment judged "
                    "unknown ({goals}), so the goals cannot be rated",
                    goals=joined(
                        "; ",
                        [
                            Msg(
                                "{goal}: unknown as of {date}",
                                goal=r["_name"],
                                date=r["judged as of"],
                            )
                            if r in unknown
                            else Msg("{goal}: no judgement yet", goal=r["_name"])
                            for r in self.mains
                        ],
                    ),
                ),
            )
        # The paper's success criterion is the main goal: interim wins cannot lift a campaign
        # whose main goal failed to "fair" (docs/evaluation-method.md, "Question 3").
        if self.main_scores:
            best = max(self.main_scores)
            if best == 0.0:
                self.cap = (
                    "weak",
                    Msg(
                        "the main goal was not achieved, and the main goal "
                        "is the measure of success, so the goals cannot rate "
                        "above weak"
                    ),
                )
            elif best < 1.0:
                self.cap = (
                    "fair",
                    Msg("the main goal was only partly achieved, so the goals cannot rate good"),
                )
        # A main goal judged attained (in full or in part) with no measurable indicator: the
        # verdict's best criteria rest on the evaluator's word alone, which nothing in the
        # record can check (the paper's "over-estimated achievements", §4 weakness 11), so
        # the confidence is one step lower than the criteria's coverage gives
        unchecked = [
            r
            for r in self.mains
            if r["_score"] is not None
            and r["_score"] >= 0.5
            and "measurable indicator" in r["_missing"]
        ]
        if unchecked and max(self.main_scores) >= 0.5:
            self.confidence_lowered = Msg(
                "the main goal's attainment ({goal}) rests on the evaluator's judgement "
                "alone: the goal has no measurable indicator to check it against",
                goal=_each(unchecked, "attainment"),
            )
        # Interim judgements the record itself goes against: the evaluator's judgements
        # were over-stated there, so the ones the verdict still rests on are less sure
        # (trial 16, M1: 'good (high confidence)' beside 3 of 4 interim judgements not
        # counted). Most of them not counted holds the confidence at low; fewer, at medium.
        doubted = [r for r in self.interims if r["goal"] in self.contradicted]
        if doubted:
            judged_interims = [r for r in self.interims if r["judged as of"]]
            most = 2 * len(doubted) > len(judged_interims)
            self.confidence_held = (
                CONFIDENCE[0] if most else CONFIDENCE[1],
                Msg(
                    "the record itself goes against the judgement of the only interim goal "
                    "({goals}), so the evaluator's other judgements may be over-stated too",
                    goals=doubted[0]["_name"],
                )
                if len(judged_interims) == 1
                else Msg(
                    "the record itself goes against {n} of the {total} interim goals' "
                    "judgements ({goals}), so the evaluator's other judgements may be "
                    "over-stated too",
                    "the record itself goes against {n} of the {total} interim goals' "
                    "judgements ({goals}), so the evaluator's other judgements may be "
                    "over-stated too",
                    n=len(doubted),
                    total=len(judged_interims),
                    goals=joined("; ", [r["_name"] for r in doubted]),
                ),
            )
        for r in self.mains:
            if r["attainment"] == "no judgement yet":
                self.findings.append(
                    Finding(
                        Msg(
                            "The main goal '{goal}' has no attainment judgement as of {date}: the "
                            "campaign cannot be judged successful or not (the paper's success "
                            "criterion).",
                            goal=r["_name"],
                            date=str(self.as_of) if self.as_of else Msg("the latest record"),
                        ),
                        [f"campaign.yaml goals[{r['goal']}]"],
                    )
                )
            if "measurable indicator" in r["SMART gaps"]:
                self.findings.append(
                    Finding(
                        Msg(
                            "The main goal '{goal}' has no measurable indicator, so its attainment "
                            "rests on the evaluator's judgement alone (§4 weakness 11).",
                            goal=r["_name"],
                        ),
                        [f"campaign.yaml goals[{r['goal']}]"],
                    )
                )

    def chart(self) -> OrdinalChart:
        from evalkit.style.colours import ATTAINMENT_COLOURS

        scale = (N_("not achieved"), N_("partly achieved"), N_("achieved"))
        rows = []
        for _, r in self.table.iterrows():
            # a judgement this question does not count is no mark on the scale: its words,
            # with why, across the row (a green 'achieved' beside 'not counted' in the text
            # said what the text refuses: trial 11, HIGH-2)
            words, counted = self._as_read(r)
            rows.append(
                (
                    Msg(
                        "{level} · {horizon} term: {goal}",
                        level=r["level"],
                        horizon=r["horizon"],
                        goal=r["text"],
                    ),
                    scale.index(r["attainment"]) if counted and r["attainment"] in scale else None,
                    words,
                    ATTAINMENT_COLOURS.get(r["attainment"], "#555555"),
                )
            )
        return OrdinalChart(Msg("Goal attainment (the evaluator's judgement)"), scale, rows)

    def plot(self, ax=None):
        fig, ax = self._axes(ax, size=(8, 3.2))
        t = self.table
        order = {
            "achieved": 3,
            "partly achieved": 2,
            "not achieved": 1,
            "unknown": 0,
            "no judgement yet": 0,
        }
        y = range(len(t))
        colors = {"main": "#c44e52", "interim": "#4c72b0"}
        # a mark at the judged step, never a bar: an ordinal judgement has no length; one
        # this question does not count is a hollow mark, and its label says so
        counted = [self._as_read(r)[1] for _, r in t.iterrows()]
        ax.scatter(
            [order[a] for a in t["attainment"]],
            list(y),
            s=120,
            zorder=3,
            facecolors=[colors[l] if c else "none" for l, c in zip(t["level"], counted)],
            edgecolors=[colors[l] for l in t["level"]],
        )
        labels = [
            f"{l} · {h}: {g}" + ("" if c else " (not counted)")
            for l, h, g, c in zip(t["level"], t["horizon"], t["_name"], counted)
        ]
        ax.set_yticks(list(y), labels)
        ax.set_xticks(
            [0, 1, 2, 3], ["no judgement /\nunknown", "not achieved", "partly", "achieved"]
        )
        ax.set_xlim(-0.5, 3.5)
        ax.grid(axis="x", color="#ddd")
        ax.invert_yaxis()
        as_of = self.as_of.isoformat() if self.as_of else "latest"
        ax.set_title(f"Goal attainment, judged as of {as_of}")
        fit_margins(fig, labels)
        return fig
