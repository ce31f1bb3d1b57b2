"""Question 4: were the targeted decision makers reached? (paper fn 16; §1 definition:
advocacy presses a specific decision maker; Caesar: "lobbying had the larger tangible
effect")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional, get_args

from babel import Locale

import pandas as pd

from evalkit.record.schema import Response
from evalkit.record.names import names_match
from evalkit.i18n import N_, Msg, joined
from evalkit.evaluation.timing import launch_days
from evalkit.evaluation.base import (
    Analysis,
    BarChart,
    Criterion,
    Finding,
    criterion,
    fit_margins,
    row_ref,
)

# The ladder of contact, lowest to highest. One-way contact makes a decision maker aware;
# a two-way exchange engages them; then a public statement; then policy action.
LADDER = (
    N_("not reached"),
    N_("aware"),
    N_("engaged"),
    N_("public statement"),
    N_("policy action"),
)
ONE_WAY = {"letter", "petition_delivered", "exhibition", "other"}
TWO_WAY = {"meeting", "testimony", "hearing", "briefing"}
# `withdrawn`: the measure a campaign opposed (a bill, a project) was dropped — the policy
# action a campaign *against* something asks for
# every response of the record format that is a decision, not words or silence
POLICY = set(get_args(Response)) - {"none", "rejected", "statement", "unknown"}


# decision makers' own acts (decisions.csv) that are policy: a plan adopted is one
POLICY_ACTS = POLICY | {"plan"}
# the ladder's rung "engaged": what "at least half of the named decision makers were
# engaged" counts (by the campaign's contacts, at this rung or above)
ENGAGED = LADDER.index("engaged")


def decision_rung(act: str, direction: str, answer: str) -> int:
    """A decision maker's own act on the ladder: an act for the ask (or a partial one the
    campaign accepted) by what it is; a partial concession whose reception is not recorded
    is a public answer, not the ask; an act against the ask, or a partial concession the
    campaign rejected as not enough, is neither a statement nor an action for it
    (docs/campaign-format.md, decisions.csv): it shows only that they knew of the ask."""
    if direction == "against" or (direction == "partial" and answer == "rejected"):
        return 1
    if direction == "partial" and answer != "accepted":
        return 3
    return 4 if act in POLICY_ACTS else 3


def favourable(decisions: pd.DataFrame) -> pd.DataFrame:
    """Acts for the campaign's ask, or partial concessions it accepted (S8, question 5)."""
    if decisions.empty:
        return decisions
    return decisions[
        (decisions["direction"] == "for")
        | ((decisions["direction"] == "partial") & (decisions["campaign_answer"] == "accepted"))
    ]


def gain_words(act) -> Msg:
    """A favourable act (`favourable`) as its outcome: 'Council: resolution'; a partial
    concession says it is one, never read as the ask granted ('Council: resolution (a
    partial concession the campaign accepted)': trial 7, M2's class: a part said as the
    whole). Question 5's outcomes and S8's first fruits."""
    if act["direction"] == "partial":
        return Msg(
            "{who}: {response} (a partial concession the campaign accepted)",
            who=act["decision_maker"],
            response=act["act"],
        )
    return Msg("{who}: {response}", who=act["decision_maker"], response=act["act"])


def undone_by(
    act, decisions: pd.DataFrame, who: Optional[str] = None, own: bool = True
) -> Optional[dict]:
    """The act that undoes `act` (a decisions.csv row for the ask, or with `own=False` an
    engagements.csv row whose response decides for it): the decision maker's last recorded
    act, when it goes against the ask and is not certainly before `act` (a permit
    suspended, then reinstated). None when their last act is for it, or there is none after.
    `who`: the name the acts are matched by (a goal's decision maker; else `act`'s own).
    A decision recorded as a contact's response is taken back as one recorded as an act is:
    which table the evaluator typed it into never keeps it standing (trial 18, H1)."""
    if decisions.empty:
        return None
    name = who or act["decision_maker"]
    later = [
        r
        for r in decisions.to_dict("records")
        if (not own or r["row"] != act["row"])
        and names_match(name, r)
        and r["date_end"] >= act["date_start"]
    ]
    if not later:
        return None
    last = max(later, key=lambda r: (r["date_start"], r["row"]))
    return last if last["direction"] == "against" else None


def undone_words(act: dict) -> Msg:
    """'their last recorded act goes against the ask: Permit reinstated (2019-12;
    decisions.csv:3)': said wherever an act it undoes is shown as a gain."""
    return Msg(
        "their last recorded act goes against the ask: {what} ({date}; decisions.csv:{row})",
        what=act["description"] or act["act"],
        date=act["date"],
        row=act["row"],
    )


def refused_after(act, engagements: pd.DataFrame, decisions: pd.DataFrame) -> Optional[dict]:
    """The decision maker's refusal of the ask (an engagements.csv row, `rejected`) that is
    their last recorded word after the gain `act`: no later answer of theirs, and no act of
    theirs in decisions.csv then or after. None otherwise (trial 18, M2: the mayor's
    statement for the ask stood as an outcome beside his later refusal)."""
    if engagements.empty:
        return None
    name = act["decision_maker"]
    later = [
        e
        for e in engagements.to_dict("records")
        if names_match(name, e) and e["date_start"] > act["date_end"]
    ]
    if not later:
        return None
    last = max(later, key=lambda e: (e["date_start"], e["row"]))
    if last["response"] != "rejected":
        return None
    if not decisions.empty and any(
        names_match(name, d) and d["date_end"] >= last["date_start"]
        for d in decisions.to_dict("records")
    ):
        return None
    return last


def with_undone(
    said: Msg,
    act,
    decisions: pd.DataFrame,
    own: bool = True,
    engagements: Optional[pd.DataFrame] = None,
) -> Msg:
    """A gain (`act`, a decisions.csv row for the ask; with `own=False` an engagements.csv
    row whose response decides for it) as `said`, with the act that undid it when there is
    one: 'Council: executive_decision, but their last recorded act goes against the ask: …'
    — never a standing gain the record shows taken back (S8, question 5); with the
    `engagements`, a later refusal that is their last word too ('…, but their last recorded
    answer refused the ask (2024-02-01, engagements.csv:4)')."""
    undone = undone_by(act, decisions, own=own)
    if undone is not None:
        return Msg("{act}, but {undone}", act=said, undone=undone_words(undone))
    refused = refused_after(act, engagements, decisions) if engagements is not None else None
    if refused is not None:
        return Msg(
            "{act}, but their last recorded answer refused the ask ({date}, engagements.csv:{row})",
            act=said,
            date=refused["date"],
            row=refused["row"],
        )
    return said


def contacts_recorded(campaign) -> bool:
    """Whether the record says anything about contacts with decision makers: rows in
    engagements.csv, or `no_engagements: true`. An empty table alone says nothing — and so
    does one the as-of cut emptied: rows dated later say nothing of what had been recorded
    by the date (the record as it would have been written then had none), never 'none'."""
    return not campaign.engagements.empty or campaign.record.no_engagements


def rung(engagement_type: str, response: str) -> int:
    if response in POLICY:
        return 4
    if response == "statement":
        return 3
    # a refusal means the ask was heard and weighed: two-way, whatever the channel
    return 2 if engagement_type in TWO_WAY or response == "rejected" else 1


NOT_RECORDED = Msg(
    "no contact with decision makers is recorded (engagements.csv is empty "
    "and the record does not say there was none)"
)


def not_recorded(campaign) -> Msg:
    """Why contacts cannot be judged: an empty engagements.csv, or one whose rows are all
    dated after the as-of date (nothing recorded by then, which is not 'none')."""
    later = campaign.cut.get("engagements")
    if not later:
        return NOT_RECORDED
    return Msg(
        "no contact with decision makers is recorded by {date} (the {n} row of "
        "engagements.csv is dated later, and the record does not say there was none)",
        "no contact with decision makers is recorded by {date} (the {n} rows of "
        "engagements.csv are dated later, and the record does not say there was none)",
        date=campaign.cut["as_of"],
        n=later,
    )


# words too common in offices' names to suggest that two names are one decision maker; what
# is left is the office ("president", "assembly", "security")
GENERIC = frozenset(
    "the of and for government federal national state ministry minister department office "
    "council committee public republic "
    "حكومة الحكومة وزارة الوزارة وزير مجلس المجلس الجمهورية الدولة الوطني الوطنية".split()
)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Words of countries' names (English and Arabic, Babel's data): "President of Nigeria"
    and "National Assembly of Nigeria" share a country, not an office."""
    names = [*Locale("en").territories.values(), *Locale("ar").territories.values()]
    return frozenset(w for n in names for w in re.findall(r"\w+", n.casefold()))


def _words(name: str) -> set[str]:
    words = {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 2}
    return words - GENERIC - _places()


def similar(target: str, name) -> bool:
    """Whether `name` shares a distinctive word with the decision maker `target` (not a
    country's name nor a generic word): perhaps the same decision maker."""
    return isinstance(name, str) and bool(_words(target) & _words(name))


def _similar(target: str, rows: pd.DataFrame, targets: list[str]) -> pd.DataFrame:
    """Rows not matched to `target` whose names share a distinctive word with it ("President
    of Nigeria", "President Goodluck Jonathan"): perhaps the same decision maker under
    another name. A name of another target is that target, not this one. evalkit does not
    guess: it says so and lists them."""
    words = _words(target)

    def alike(v) -> bool:
        return (
            isinstance(v, str)
            and bool(words & _words(v))
            and not any(names_match(t, {"decision_maker": v}) for t in targets if t != target)
        )

    if rows.empty or not words:
        return rows.iloc[0:0]
    return rows[[alike(a) or alike(b) for a, b in zip(rows["decision_maker"], rows["institution"])]]


def _without(rows: pd.DataFrame, matched: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table not among those matched to a target."""
    if rows.empty or matched.empty:
        return rows
    return rows[~rows["row"].isin(matched["row"])]


def _names(rows: pd.DataFrame, targets: list[str], target: str) -> list[str]:
    words = _words(target)
    return [
        v
        for v in dict.fromkeys([*rows["decision_maker"], *rows["institution"]])
        if isinstance(v, str)
        and words & _words(v)
        and not any(names_match(t, {"decision_maker": v}) for t in targets if t != target)
    ]


def standing(contact: int, own: int, unnamed: bool = False, recorded: bool = True) -> "Msg | str":
    """A decision maker's highest rung in words, saying what reached it: the campaign's
    contacts (engagements.csv) or their own acts (decisions.csv). One wording for the
    chart, the indicators, the criteria and the findings. `unnamed`: no contact under this
    name, but the record has similar names (not "not reached": it may be one of them).
    `recorded`: whether the record says anything of contacts (`contacts_recorded`); when
    it does not, no contact is "contacts not recorded", never "not reached"."""
    by_contact = (
        N_("not recorded")
        if not recorded and not contact
        else N_("no engagement recorded under this name")
        if unnamed and not contact
        else LADDER[contact]
    )
    if own > contact:
        return Msg(
            "{rung} by their own act; by the campaign's contacts: {contact}",
            rung=LADDER[own],
            contact=by_contact,
        )
    if own and own == contact:
        return Msg("{rung} by the campaign's contacts and by their own act", rung=LADDER[own])
    if own:
        return Msg(
            "{rung} by the campaign's contacts; by their own act: {own}",
            rung=LADDER[contact],
            own=LADDER[own],
        )
    # alone, it says whose record is missing: "contacts not recorded"
    return N_("contacts not recorded") if not recorded and not contact else by_contact


def reached_by(contact: int, own: int) -> "str | None":
    """What reached a decision maker's highest rung, in one word for a table cell (as
    `standing` says it in a sentence): the campaign's contacts, their own act, or both;
    None when no rung was reached."""
    if not max(contact, own):
        return None
    if own > contact:
        return N_("their own act")
    return N_("contacts and own act") if own == contact else N_("the campaign's contacts")


def _lag_text(lag: tuple[int, int]) -> str:
    """Days from launch as a table cell: '19', or '-150 to -90' when vague dates allow a
    range (a negative number: before the launch)."""
    lo, hi = lag
    return f"{lo}" if lo == hi else f"{lo} to {hi}"


class DecisionMakersReached(Analysis):
    number = 4
    # its criteria read the contacts and the decision makers' own acts, row by row
    rests_on = ("engagements", "decisions")
    question = N_("Were the targeted decision makers reached?")
    word = N_("decision makers")
    introduction = N_(
        "Which decision makers named in the goals were engaged, and how far "
        "up the ladder aware → engaged → public statement → policy action."
    )

    def measure(self) -> None:
        rec, eng = self.campaign.record, self.campaign.engagements
        acts = self.campaign.decisions
        # whether the record says anything of contacts: without, no contact is "not
        # recorded" in every place that shows it (chart, indicators, criteria)
        self.contacts = recorded = contacts_recorded(self.campaign)
        targets = list(dict.fromkeys(d for g in rec.goals for d in g.decision_makers))
        # the launch's day lies between the earliest day and the earliest last day the
        # phases' starts allow (never before the trigger that set a phase off): a vague
        # date never becomes one of its days
        launch = launch_days(rec)
        rows: list[dict[str, Any]] = []
        matched_rows: set[int] = set()
        for t in targets:
            hits = (
                eng[eng.apply(lambda r, t=t: names_match(t, r), axis=1)] if not eng.empty else eng
            )
            matched_rows |= set(hits["row"]) if len(hits) else set()
            best = max((rung(a, b) for a, b in zip(hits["type"], hits["response"])), default=0)
            # two-way needs a two-way contact (or a refusal of the ask): a statement or a
            # vote answering a letter does not make the contact two-way
            two_way = bool(len(hits)) and bool(
                (hits["type"].isin(TWO_WAY) | (hits["response"] == "rejected")).any()
            )
            # contacts whose answer is not recorded (`unknown`, the default): each may have
            # been answered by a statement, a policy action or a refusal — never read as none
            unanswered = list(hits.loc[hits["response"] == "unknown", "row"]) if len(hits) else []
            own = (
                acts[acts.apply(lambda r, t=t: names_match(t, r), axis=1)]
                if not acts.empty
                else acts
            )
            own_best = max(
                (
                    decision_rung(a, d, c)
                    for a, d, c in zip(own["act"], own["direction"], own["campaign_answer"])
                ),
                default=0,
            )
            # similar names on the rows not under this name (beside rows that are, too: a
            # misspelt council's act is not the council's absence, trial 13, H3): what they
            # reached is what this decision maker may have reached (not known)
            alike_eng = _similar(t, _without(eng, hits), targets)
            alike_acts = _similar(t, _without(acts, own), targets)
            similar = _names(alike_eng, targets, t) + _names(alike_acts, targets, t)
            # the first engagement lies between the earliest first day and the earliest
            # last day of the engagements' dates
            first = (hits["date_start"].min(), hits["date_end"].min()) if len(hits) else None
            lag = (
                ((first[0].date() - launch[1]).days, (first[1].date() - launch[0]).days)
                if first is not None
                else None
            )
            rows.append(
                {
                    "decision maker": t,
                    "engagements": len(hits),
                    "how": joined(", ", sorted(set(hits["type"]))) if len(hits) else "",
                    "highest rung": standing(best, own_best, bool(similar), recorded),
                    "first engagement": (
                        hits.loc[hits["date_start"].idxmin(), "date"] if len(hits) else ""
                    ),
                    # a range when the dates allow one ("-150 to -90"), never a day picked
                    "days from launch": _lag_text(lag) if lag is not None else "",
                    "_lag": lag,
                    "_rung": max(best, own_best),
                    "_contact": best,
                    "_two_way": two_way,
                    "_unanswered": unanswered,
                    "_rows": list(hits["row"]) if len(hits) else [],
                    "_acts": list(own["row"]) if len(own) else [],
                    "_own_best": own_best,
                    "_similar": list(dict.fromkeys(similar)),
                    "_maybe_contact": max(
                        (rung(a, b) for a, b in zip(alike_eng["type"], alike_eng["response"])),
                        default=0,
                    ),
                    # contacts under similar names whose answer is not recorded: any of them
                    # may have been this decision maker's statement, action or refusal
                    "_maybe_unanswered": list(
                        alike_eng.loc[alike_eng["response"] == "unknown", "row"]
                    )
                    if len(alike_eng)
                    else [],
                    "_maybe_two_way": bool(
                        (
                            alike_eng["type"].isin(TWO_WAY) | (alike_eng["response"] == "rejected")
                        ).any()
                    )
                    if len(alike_eng)
                    else False,
                    "_maybe_own": max(
                        (
                            decision_rung(a, d, c)
                            for a, d, c in zip(
                                alike_acts["act"],
                                alike_acts["direction"],
                                alike_acts["campaign_answer"],
                            )
                        ),
                        default=0,
                    ),
                }
            )
        self.table = pd.DataFrame(
            rows,
            columns=[
                "decision maker",
                "engagements",
                "how",
                "highest rung",
                "first engagement",
                "days from launch",
                "_lag",
                "_rung",
                "_contact",
                "_two_way",
                "_unanswered",
                "_rows",
                "_acts",
                "_own_best",
                "_similar",
                "_maybe_contact",
                "_maybe_unanswered",
                "_maybe_two_way",
                "_maybe_own",
            ],
        )
        others = eng[~eng["row"].isin(matched_rows)] if not eng.empty else eng
        self.indicator(
            Msg("Decision makers the goals name"), joined("; ", targets) or N_("none named")
        )
        for r in rows:
            fields = dict(rung=r["highest rung"], n=r["engagements"])
            value = (
                Msg(
                    "{rung} ({n} engagement; first {first})",
                    "{rung} ({n} engagements; first {first})",
                    first=r["first engagement"],
                    **fields,
                )
                if r["first engagement"]
                else Msg("{rung} ({n} engagement)", "{rung} ({n} engagements)", **fields)
            )
            if not recorded:
                # no count of engagements where none are recorded: "0" would read as none
                value = r["highest rung"]
            elif r["_unanswered"] and r["_contact"] < LADDER.index("policy action"):
                # the rung recorded is the least it reached: an answer not recorded may
                # have been a statement, an action or a refusal
                value = Msg(
                    "{value}; the answer to {n} contact is not recorded (response unknown): "
                    "the rung may be higher",
                    "{value}; the answers to {n} contacts are not recorded (response unknown): "
                    "the rung may be higher",
                    value=value,
                    n=len(r["_unanswered"]),
                )
            refusal = self._last_word_refused(r)
            if refusal is not None:  # reached, and refused: said, never a bare "engaged"
                refused, answered_later = refusal
                value = (
                    Msg(
                        "{value}; they refused the ask ({date}, engagements.csv:{row}), and "
                        "no later answer of theirs granted it",
                        value=value,
                        date=refused["date"],
                        row=refused["row"],
                    )
                    if answered_later
                    else Msg(
                        "{value}; their last recorded answer refused the ask ({date}, "
                        "engagements.csv:{row})",
                        value=value,
                        date=refused["date"],
                        row=refused["row"],
                    )
                )
            if r["_similar"]:
                value = Msg(
                    "{value}; similar names in the record: {names} (if one is this decision "
                    "maker, name it the same way in the goals and in engagements.csv or "
                    "decisions.csv)",
                    value=value,
                    names=joined("; ", r["_similar"]),
                )
            self.indicator(
                Msg("Reached: {who}", who=r["decision maker"]),
                value,
                row_ref("engagements.csv", r["_rows"]) + row_ref("decisions.csv", r["_acts"]),
            )
        self.targets, self.others = targets, others
        # engaged = at the ladder's rung "engaged" or above by the campaign's contacts
        # (engagements.csv: a two-way contact, a refusal of the ask, or a statement or
        # policy action answering a contact), never by a decision maker's own act; a letter
        # with no answer made them aware, not engaged (docs/evaluation-method.md, question 4)
        self.covered = sum(r["_contact"] >= ENGAGED for r in rows)
        # contacted at all by the campaign (aware or above): what "none was contacted" says
        self.contacted = sum(r["_contact"] > 0 for r in rows)
        # named targets with nothing under their name but similar names in the record
        self.unsure = [r["decision maker"] for r in rows if r["_similar"]]
        self.maybe_covered = sum(r["_maybe_contact"] >= ENGAGED for r in rows)
        # not engaged by what is recorded, but may have been: a contact of theirs (or under a
        # similar name) whose answer is not recorded, which may have been a statement, an
        # action or a refusal (each engages) — never read as "not answered"
        self.answer_unknown = [
            r["decision maker"]
            for r in rows
            if r["_contact"] < ENGAGED
            and r["_maybe_contact"] < ENGAGED
            and (r["_unanswered"] or r["_maybe_unanswered"])
        ]
        self.maybe_top = max((max(r["_maybe_contact"], r["_maybe_own"]) for r in rows), default=0)
        self.maybe_two_way = [r["decision maker"] for r in rows if r["_maybe_two_way"]]
        # decisions.csv with no rows (none, or none by the as-of date) records no act
        self.acts_recorded = not acts.empty
        if not acts.empty:
            self.indicator(
                Msg("Decision makers' own acts (decisions.csv)"),
                joined(
                    "; ",
                    [
                        Msg(
                            "{who}: {act}, {direction}",
                            who=r.decision_maker,
                            act=r.act,
                            direction=r.direction,
                        )
                        for r in acts.itertuples()
                    ],
                ),
                row_ref("decisions.csv", acts["row"]),
            )
        if targets:
            self.indicator(
                Msg("Coverage of the target list"),
                self._coverage(),
            )
        if len(others):
            self.indicator(
                Msg("Engagements with decision makers the goals do not name"),
                joined("; ", sorted(set(others["decision_maker"]))),
                row_ref("engagements.csv", others["row"]),
            )
        lags = [r["_lag"] for r in rows if r["_lag"] is not None]
        if lags:
            # the first engagement with any target: between the fewest days and the fewest
            # most days the dates allow
            lo, hi = min(a for a, _ in lags), min(b for _, b in lags)
            self.indicator(
                Msg("Days from launch to first engagement with a target"),
                Msg("{n} day", "{n} days", n=lo)
                if lo == hi
                else Msg(
                    "{low} to {n} day (the dates as recorded allow any number between)",
                    "{low} to {n} days (the dates as recorded allow any number between)",
                    low=lo,
                    n=hi,
                ),
            )

        self.top = max((r["_rung"] for r in rows), default=0)
        # the one whose rung is the highest, and how it got there (for the criteria)
        self.top_row = max(rows, key=lambda r: r["_rung"], default=None)

    def _coverage(self) -> "Msg":
        """'1 of 2 engaged; aware only (one-way contact, no answer): European Commission',
        or why it cannot be told."""
        if not self.contacts:
            return not_recorded(self.campaign)
        rows = self.table.to_dict("records")
        n, total = self.covered, len(self.targets)
        # engaged under a similar name, where their own name shows no engagement: one
        # engaged by their own name is counted already (trial 18, L1: "2 of 2 engaged …;
        # not known for Transport Authority", one of the two)
        unsure = [
            r["decision maker"]
            for r in rows
            if r["_maybe_contact"] >= ENGAGED and r["_contact"] < ENGAGED
        ]
        said = (
            Msg(
                "{n} of {total} engaged by the names in the goals; not known for {who} "
                "(engagements under similar names)",
                n=n,
                total=total,
                who=joined("; ", unsure),
            )
            if unsure
            else Msg("{n} of {total} engaged", n=n, total=total)
        )
        # a one-way contact not answered, apart from one whose answer is not recorded
        unknown = set(self.answer_unknown)
        aware = [
            r["decision maker"]
            for r in rows
            if r["_contact"] == ENGAGED - 1 and r["decision maker"] not in unknown
        ]
        if aware:
            said = Msg(
                "{coverage}; only made aware (a one-way contact, not answered): {who}",
                coverage=said,
                who=joined("; ", aware),
            )
        # whose contact it is: under the name, or only under a name like it (trial 14, M1)
        own = [
            r["decision maker"] for r in rows if r["decision maker"] in unknown and r["_unanswered"]
        ]
        alike = [
            r["decision maker"]
            for r in rows
            if r["decision maker"] in unknown and not r["_unanswered"]
        ]
        if own:
            said = Msg(
                "{coverage}; not known for {who}: the answer to a contact is not recorded "
                "(response unknown), and may have engaged them",
                coverage=said,
                who=joined("; ", own),
            )
        if alike:
            said = Msg(
                "{coverage}; not known for {who}: the answer to a contact under a similar "
                "name is not recorded (response unknown), and may have engaged them",
                coverage=said,
                who=joined("; ", alike),
            )
        return said

    def _maybe_contacted(self) -> bool:
        """Whether a target with nothing under its name may have been contacted under a
        similar name (any rung)."""
        return any(r["_maybe_contact"] for r in self.table.to_dict("records"))

    def _highest(self) -> "Msg":
        r = self.top_row
        if r is None or not r["_rung"]:
            # no rung by their own acts, and no contacts recorded: not "not reached"
            return Msg("highest rung: {rung}", rung=standing(0, 0, recorded=self.contacts))
        return Msg(
            "highest rung: {rung} ({who})",
            rung=standing(r["_contact"], r["_own_best"], recorded=self.contacts),
            who=r["decision maker"],
        )

    def _rows_of(self, which) -> list[str]:
        """The engagements.csv and decisions.csv rows of the named decision makers that
        `which(row)` picks: what a criterion rests on, as links."""
        picked = [r for r in self.table.to_dict("records") if which(r)]
        return row_ref("engagements.csv", sorted({n for r in picked for n in r["_rows"]})) + (
            row_ref("decisions.csv", sorted({n for r in picked for n in r["_acts"]}))
        )

    def _two_way_rows(self) -> list[str]:
        eng = self.campaign.engagements
        rows = {n for r in self.table.to_dict("records") for n in r["_rows"]}
        if eng.empty or not rows:
            return []
        two = eng[
            eng["row"].isin(rows) & (eng["type"].isin(TWO_WAY) | (eng["response"] == "rejected"))
        ]
        return row_ref("engagements.csv", sorted(two["row"]))

    @criterion("targets_named")
    def _targets_named(self) -> Criterion:
        has = bool(self.targets)
        return Criterion(
            Msg("Decision makers are named in the goals"),
            has,
            Msg("{n} named", n=len(self.targets)) if has else Msg("none named"),
            [
                f"campaign.yaml goals[{g.id}]"
                for g in self.campaign.record.goals
                if g.decision_makers
            ],
        )

    @criterion("half_of_targets_engaged")
    def _half_of_targets_engaged(self) -> Criterion:
        targets, covered = self.targets, self.covered
        name = Msg("At least half of the named decision makers were engaged")
        if targets and not self.contacts:
            return Criterion(name, None, not_recorded(self.campaign))
        if not targets:
            return Criterion(name, None, Msg("no targets to cover"))
        met = covered / len(targets) >= 0.5
        # not met by what is recorded, but would be if the similar names were theirs, or if
        # the answers not recorded engaged them: not known (unmet only when unmet whatever
        # those answers were)
        could = covered + self.maybe_covered + len(self.answer_unknown)
        if not met and could / len(targets) >= 0.5:
            return Criterion(
                name,
                None,
                self._coverage(),
                row_ref(
                    "engagements.csv",
                    sorted(
                        {
                            n
                            for r in self.table.to_dict("records")
                            if r["decision maker"] in self.answer_unknown
                            for n in r["_unanswered"] + r["_maybe_unanswered"]
                        }
                    ),
                ),
            )
        return Criterion(
            name, met, self._coverage(), self._rows_of(lambda r: r["_contact"] >= ENGAGED)
        )

    def _unanswered(self) -> list[int]:
        """The engagements.csv rows of named decision makers whose answer is not recorded."""
        return sorted({n for r in self.table.to_dict("records") for n in r["_unanswered"]})

    def _maybe_unanswered(self) -> bool:
        """Whether a contact under a name similar to a target's has no recorded answer."""
        return any(r["_maybe_unanswered"] for r in self.table.to_dict("records"))

    @property
    def top_may_be_higher(self) -> bool:
        """Whether the highest rung recorded is only the least the top reached: a contact's
        answer (or a similar name's) is not recorded, and it may have been a statement or
        an action above it."""
        return bool(self._unanswered() or self._maybe_unanswered()) and self.top < LADDER.index(
            "policy action"
        )

    def _unanswered_because(self, said: "Msg") -> "Msg":
        return Msg(
            "{said}; the answer to {n} contact with a named decision maker is not recorded "
            "(response unknown), and may have been one",
            "{said}; the answers to {n} contacts with named decision makers are not recorded "
            "(response unknown), and any may have been one",
            said=said,
            n=len(self._unanswered()),
        )

    def _rung_reached(self, name: Msg, rung_needed: int) -> Criterion:
        if self.targets and not (self.contacts or self.acts_recorded):
            return Criterion(name, None, not_recorded(self.campaign))
        met = (self.top >= rung_needed) if self.targets else None
        # a similar name's contact reaching the rung, or one whose answer is not recorded
        # (which may have been a statement or an action): not known
        if met is False and (self.maybe_top >= rung_needed or self._maybe_unanswered()):
            return Criterion(name, None, self._unsure_because())
        if met is False and self._unanswered():
            return Criterion(
                name,
                None,
                self._unanswered_because(self._highest()),
                row_ref("engagements.csv", self._unanswered()),
            )
        top = self.top_row
        evidence = (
            self._rows_of(lambda r: r["decision maker"] == top["decision maker"])
            if top is not None and top["_rung"]
            else []
        )
        if met:
            # what the criterion rests on: the acts at the rung, never an act against the ask
            acts = self.campaign.decisions
            below = {
                f"decisions.csv:{a['row']}"
                for a in acts.to_dict("records")
                if decision_rung(a["act"], a["direction"], a["campaign_answer"]) < rung_needed
            }
            evidence = [e for e in evidence if e not in below]
        because = self._highest()
        if met and rung_needed == 4:
            # the rung stands (they did act), and a reversal or partial concession is said
            # beside it, as question 5 and S8 say it (trial 19, M3)
            note = self.top_rung_note()
            if note is not None:
                because = Msg("{highest}; {note}", highest=because, note=note)
        return Criterion(name, met, because, evidence)

    def _unsure_because(self) -> "Msg":
        rows = [r for r in self.table.to_dict("records") if r["_similar"]]
        bare = [r["decision maker"] for r in rows if not (r["_rows"] or r["_acts"])]
        some = [r["decision maker"] for r in rows if r["_rows"] or r["_acts"]]
        said = (
            Msg(
                "{highest}; not known for {who}: nothing is recorded under that name, but "
                "similar names are",
                highest=self._highest(),
                who=joined("; ", bare),
            )
            if bare
            else None
        )
        if not some:
            return said or self._highest()
        # rows under the name, and beside them rows under a name like it (a misspelling?)
        if said is None:
            return Msg(
                "{highest}; not known for {who}: rows under similar names may be theirs",
                highest=self._highest(),
                who=joined("; ", some),
            )
        return Msg(
            "{said}; for {who}, rows under similar names may be theirs",
            said=said,
            who=joined("; ", some),
        )

    @criterion("two_way_engagement")
    def _two_way_engagement(self) -> Criterion:
        name = Msg("A named decision maker was engaged two-way (meeting, testimony, hearing)")
        if self.targets and not self.contacts:
            return Criterion(name, None, not_recorded(self.campaign))
        rows = self.table.to_dict("records")
        two = [r["decision maker"] for r in rows if r["_two_way"]]
        if self.targets and not two and (self.maybe_two_way or self._maybe_unanswered()):
            return Criterion(name, None, self._unsure_because())
        if self.targets and not two and self._unanswered():
            # a refusal of the ask is two-way: an unrecorded answer may have been one
            return Criterion(
                name,
                None,
                self._unanswered_because(
                    Msg("no meeting, testimony, hearing or briefing with a named decision maker")
                ),
                row_ref("engagements.csv", self._unanswered()),
            )
        return Criterion(
            name,
            bool(two) if self.targets else None,
            Msg("two-way contact with: {who}", who=joined("; ", two))
            if two
            else Msg(
                "no meeting, testimony, hearing or briefing with a named decision "
                "maker (highest rung by the campaign's contacts: {rung})",
                rung=LADDER[max((r["_contact"] for r in rows), default=0)],
            ),
            self._two_way_rows() if two else [],
        )

    @criterion("public_statement_or_policy")
    def _public_statement_or_policy(self) -> Criterion:
        return self._rung_reached(
            Msg("A named decision maker made a public statement or took policy action"), 3
        )

    @criterion("policy_action")
    def _policy_action(self) -> Criterion:
        return self._rung_reached(Msg("A named decision maker took policy action"), 4)

    def conclude(self) -> None:
        has, others, rows = bool(self.targets), self.others, self.table.to_dict("records")
        own_acts = any(r["_own_best"] for r in rows)
        if has and self.contacted == 0 and self.contacts and not self._maybe_contacted():
            self.findings.append(
                Finding(
                    (
                        Msg(
                            "None of the decision makers named in the goals was contacted by "
                            "the campaign: the engagements recorded went to others (their own "
                            "acts are counted apart)."
                        )
                        if own_acts
                        else Msg(
                            "None of the decision makers named in the goals was engaged: the "
                            "engagements recorded went to others."
                        )
                    )
                    if len(others)
                    else (
                        Msg(
                            "None of the decision makers named in the goals was contacted by "
                            "the campaign: no engagement is recorded (their own acts are "
                            "counted apart)."
                        )
                        if own_acts
                        else Msg(
                            "None of the decision makers named in the goals was engaged: no "
                            "engagement is recorded."
                        )
                    ),
                    row_ref("engagements.csv", others["row"]) if len(others) else [],
                )
            )
        for r in rows:
            if r["_similar"]:
                said = (
                    # rows under the name, and beside them rows under a name like it
                    # (trial 14, M1: "no engagement is recorded under this name" above two)
                    Msg(
                        "{who}: besides the rows recorded under this name, the record names "
                        "{names}: if one of them is this decision maker, name it the same way "
                        "in the goals and in engagements.csv or decisions.csv; evalkit does "
                        "not guess.",
                        who=r["decision maker"],
                        names=joined("; ", r["_similar"]),
                    )
                    if r["_rows"] or r["_acts"]
                    else Msg(
                        "{who}: no engagement or act is recorded under this name, but the "
                        "record names {names}: if one of them is this decision maker, name "
                        "it the same way in the goals and in engagements.csv or "
                        "decisions.csv; evalkit does not guess.",
                        who=r["decision maker"],
                        names=joined("; ", r["_similar"]),
                    )
                )
                self.findings.append(Finding(said))
            if r["_contact"] == 4:
                said = Msg(
                    "{who}: policy action followed engagement (a sequence in time, recorded "
                    "by the evaluator; not by itself proof of cause).",
                    who=r["decision maker"],
                )
                evidence = row_ref("engagements.csv", r["_rows"])
                undone = self._contact_policy_undone(r)
                if undone is not None:
                    said = Msg("{finding} But {undone}.", finding=said, undone=undone_words(undone))
                    evidence += [f"decisions.csv:{undone['row']}"]
                self.findings.append(Finding(said, evidence))
            elif r["_own_best"] == 4:
                self.findings.append(self._own_policy_finding(r))
        if self.targets and not self.contacts and self.acts_recorded:
            # their own acts show that they answered, not that the campaign reached them
            self.cap = (
                "fair",
                Msg(
                    "no contact between the campaign and a decision maker is "
                    "recorded: the decision makers' own acts show a response, "
                    "not that the campaign reached them"
                ),
            )
        if self.targets and not self.contacts:
            self.findings.append(
                Finding(
                    Msg(
                        "No contact between the campaign and a decision maker is recorded: whether "
                        "they were engaged cannot be judged (unless the record says there was "
                        "none)."
                    )
                )
            )

    def _last_word_refused(self, r: dict) -> Optional[tuple[dict, bool]]:
        """(the engagements row of a decision maker's refusal of the ask, whether answers of
        theirs that granted nothing came after it) (`r`: their row of the table), when it
        stands: no later answer of theirs that decides for the ask, and no act of theirs in
        decisions.csv then or after (trial 15: a ministry's refusal shown as a bare
        "engaged")."""
        eng = self.campaign.engagements
        if eng.empty or not r["_rows"]:
            return None
        theirs = eng[eng["row"].isin(r["_rows"])].to_dict("records")
        refusals = [e for e in theirs if e["response"] == "rejected"]
        if not refusals:
            return None
        last = max(refusals, key=lambda e: (e["date_start"], e["row"]))
        # a later answer that grants nothing (a statement that the matter is under review)
        # does not take the refusal back: only a decision for the ask does (trial 19, H2:
        # the refusal vanished from question 4 behind a later statement)
        key = (last["date_start"], last["row"])
        later = [e for e in theirs if (e["date_start"], e["row"]) > key]
        if any(e["response"] in POLICY for e in later):
            return None
        acts = self.campaign.decisions
        if not acts.empty and bool(
            (acts["row"].isin(r["_acts"]) & (acts["date_end"] >= last["date_start"])).any()
        ):
            return None
        return last, bool(later)

    def _contact_policy_undone(self, r: dict) -> Optional[dict]:
        """The act of theirs in decisions.csv that took back the latest decision a contact's
        response records (`r`: their row of the table), or None."""
        eng = self.campaign.engagements
        if eng.empty or not r["_rows"]:
            return None
        theirs = eng[eng["row"].isin(r["_rows"]) & eng["response"].isin(POLICY)]
        if theirs.empty:
            return None
        latest = max(theirs.to_dict("records"), key=lambda e: (e["date_start"], e["row"]))
        return undone_by(latest, self.campaign.decisions, r["decision maker"], own=False)

    def _own_policy(self, r: dict) -> tuple[bool, list[dict], Optional[dict]]:
        """A decision maker's own policy acts (`r`: their row of the table): whether one is
        for the ask in full (else a partial concession the campaign accepted), the acts
        shown, and the act that undid the latest of them (None: none did)."""
        acts = self.campaign.decisions
        mine = acts[acts["row"].isin(r["_acts"])].to_dict("records")
        top = [
            a
            for a in mine
            if decision_rung(a["act"], a["direction"], a["campaign_answer"]) == r["_own_best"]
        ]
        full = [a for a in top if a["direction"] == "for"]
        shown = full or top
        undone = undone_by(max(shown, key=lambda a: a["date_start"]), acts, r["decision maker"])
        return bool(full), shown, undone

    def top_rung_note(self) -> Optional[Msg]:
        """What the highest rung is, where the decision maker's own act reached it and was
        no act for the ask in full — 'a partial concession the campaign accepted' — or was
        undone by their last act: the comparison says it beside the rung, as the campaign's
        own report does (trial 10, M4: a deferral later reversed read as a bare 'policy
        action'). None for a rung that stands as it is named."""
        if self.table.empty:
            return None
        r = self.table.loc[self.table["_rung"].idxmax()].to_dict()
        if r["_rung"] == 4 and int(r["_contact"]) == 4:
            # a contact's response that decided for the ask, later taken back
            undone = self._contact_policy_undone(r)
            return undone_words(undone) if undone is not None else None
        if r["_own_best"] != 4 or r["_rung"] != 4:
            return None  # not a policy action by their own act alone
        full, _, undone = self._own_policy(r)
        part = None if full else Msg("a partial concession the campaign accepted")
        if undone is None:
            return part
        undone_said = undone_words(undone)
        return Msg("{part}; {undone}", part=part, undone=undone_said) if part else undone_said

    def _own_policy_finding(self, r: dict) -> Finding:
        """A decision maker's own policy act: for the ask, or a partial concession the
        campaign accepted — said as what it was, with the act that undid it if their last
        act goes against the ask; evidence: the acts at that rung (and the undoing one)."""
        full, shown, undone = self._own_policy(r)
        said = (
            Msg(
                "{who}: policy action for the campaign's ask, by the decision maker's own act "
                "(decisions.csv; a sequence in time, not by itself proof of cause).",
                who=r["decision maker"],
            )
            if full
            else Msg(
                "{who}: a partial concession the campaign accepted (policy action, by the "
                "decision maker's own act; decisions.csv; a sequence in time, not by itself "
                "proof of cause).",
                who=r["decision maker"],
            )
        )
        rows = [a["row"] for a in shown]
        if undone is not None:
            said = Msg("{finding} But {undone}.", finding=said, undone=undone_words(undone))
            rows.append(undone["row"])
        return Finding(said, row_ref("decisions.csv", sorted(rows)))

    def chart(self) -> "BarChart | Msg":
        if self.table.empty:
            return Msg("No decision makers are named in the goals.")
        rows = self.table.to_dict("records")
        if not any(r["_own_best"] for r in rows):
            return BarChart(
                Msg("Highest rung reached: {ladder}", ladder=joined(" → ", list(LADDER[1:]))),
                # "highest rung": "contacts not recorded" where the record says nothing of them
                [(r["decision maker"], [("", r["_rung"], r["highest rung"])]) for r in rows],
                len(LADDER) - 1,
                ("#8172b2",),
            )
        # contacts and own acts as two bars, never one bar labelled by the other
        return BarChart(
            Msg("Highest rung reached: {ladder}", ladder=joined(" → ", list(LADDER[1:]))),
            [
                (
                    r["decision maker"],
                    [
                        (
                            N_("by the campaign's contacts"),
                            r["_contact"],
                            standing(r["_contact"], 0, bool(r["_similar"]), self.contacts),
                        ),
                        (
                            N_("by their own acts"),
                            r["_own_best"],
                            LADDER[r["_own_best"]] if r["_own_best"] else N_("no act recorded"),
                        ),
                    ],
                )
                for r in rows
            ],
            len(LADDER) - 1,
            ("#8172b2", "#64b5cd"),
        )

    def plot(self, ax=None):
        fig, ax = self._axes(ax)
        t = self.table
        if t.empty:
            return self._nothing_to_plot(fig, ax, "No decision makers named in the goals")
        ax.barh(range(len(t)), t["_rung"], color="#8172b2")
        ax.set_yticks(range(len(t)), t["decision maker"])
        ax.set_xticks(range(len(LADDER)), LADDER, rotation=20)
        ax.set_xlim(0, len(LADDER) - 0.5)
        ax.invert_yaxis()
        ax.set_title("Highest rung reached on the ladder of contact (contacts or own acts)")
        fit_margins(fig, t["decision maker"], bottom=0.28)
        return fig
