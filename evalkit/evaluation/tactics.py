"""Question 5: are the tactics used useful? (paper fn 12 effort table, fn 26 activity kinds,
fn 54 coalition diversity; §4 weaknesses 13, 14, 15; Caesar: lobbying mattered most)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from evalkit.i18n import LIST_CAP, N_, Msg, joined, language_name, listed
from evalkit.record.schema import ACTIVITY_KINDS, before_launch, launch_day
from evalkit.record.values import Quantity
from evalkit.evaluation.bounds import percent
from evalkit.evaluation.base import (
    Analysis,
    BarChart,
    Criterion,
    Finding,
    criterion,
    fit_margins,
    phase_name,
    row_ref,
)
from evalkit.evaluation.context import direct_aims, direct_mask, maybe_direct_mask, rows_where
from evalkit.evaluation.audience import maybe_direct_said
from evalkit.evaluation.decision_makers import (
    POLICY,
    contacts_recorded,
    favourable,
    gain_words,
    not_recorded,
    refused_after,
    undone_by,
    with_undone,
)
from evalkit.evaluation.goals import goal_name
from evalkit.evaluation.judgements import (
    attained,
    contradictions,
    counted,
    not_counted_reason,
)
from evalkit.evaluation.grid import ATTAINMENT_WORDS, judgement_as_of
from evalkit.evaluation.hashtags import fragmentation

# An outcome counts as "following" an activity when it is dated after the activity starts
# and no more than this long after the activity ends.
FOLLOW_WINDOW = timedelta(days=365)
LOW_EFFORT_LIMIT = 0.5
N_("effort"), N_("paper kind")  # the columns the mix is counted by, named in the report


# what _competing reads of a pair of activities
_PAIR_COLUMNS = ("row", "event", "date", "city", "description", "organiser")


def _same_event(a, b) -> bool:
    """Two rows of one event (the record gives them one `event` name, or the same date,
    city and description) are not two events clashing."""
    ea, eb = a.get("event"), b.get("event")
    if isinstance(ea, str) and ea == eb:
        return True
    return (a["date"], a["city"], a["description"]) == (b["date"], b["city"], b["description"])


def _competing(a, b) -> bool:
    """Two rows at one place and time are a clash only with evidence of competing calls:
    both organisers recorded, and different. A petition handed over at a human chain, or an
    ultimatum read at a rally, by one organiser is one action."""
    oa, ob = a.get("organiser"), b.get("organiser")
    return (
        isinstance(oa, str)
        and isinstance(ob, str)
        and oa.strip().casefold() != ob.strip().casefold()
        and not _same_event(a, b)
    )


def others_than(size: Quantity, listed: int) -> Quantity:
    """How many members a coalition of `size` has beside the `listed` ones, its qualifier
    kept: "more than 30" with 2 listed leaves more than 28, "about 300" about 298, 12..15
    10..13; a count in words ("tens": at least 20) leaves at least 18, the words no longer
    its (they said the whole)."""
    high = size.high - listed if size.high is not None else None
    if size.words:
        return Quantity(size.value - listed, "at_least")
    return Quantity(size.value - listed, size.qualifier, high)


class TacticUsefulness(Analysis):
    number = 5
    rests_on = ("activities",)
    question = N_("Are the tactics used useful?")
    word = N_("tactics")
    introduction = N_(
        "The activity mix by kind and effort, outcomes that followed the "
        "tactics in time (a sequence, not proof of cause), coordination problems "
        "and coalition breadth."
    )

    def measure(self) -> None:
        c, rec, acts = self.campaign, self.campaign.record, self.campaign.activities
        n = len(acts)
        self.mix = {}
        for col in ("kind", "effort", "paper_kind"):
            counts = acts[col].fillna(N_("not coded")).value_counts() if n else pd.Series(dtype=int)
            self.mix[col] = counts
            self.indicator(
                Msg("Activities by {what}", what=col.replace("_", " ")),
                joined(
                    "; ",
                    [Msg("{kind}: {n}", kind=k.replace("_", " "), n=v) for k, v in counts.items()],
                )
                if len(counts)
                else N_("none recorded"),
            )
        coded = acts["effort"].dropna() if n else pd.Series(dtype=str)
        self.effort_coded = len(coded)
        # the activities with no effort level: each may be low effort or not, so the share
        # of all activities lies between these (never the coded share alone)
        self.effort_uncoded = n - len(coded)
        self.low_count = int((coded == "low").sum())
        self.low_share = low_share = float((coded == "low").mean()) if len(coded) else None
        if low_share is not None:
            self.indicator(
                Msg("Share of low-effort activities"),
                Msg("{share} of {n} with an effort level", share=percent(low_share), n=len(coded)),
            )

        # outcomes that followed tactics in time: (start, end, words, evidence, kind), kind
        # "policy" (a decision), "statement", "main" or "interim" (a goal's attainment);
        # `self.undone`: the evidence of those the decision maker's own later act took back
        outcomes = []
        self.undone: set[str] = set()
        e = c.engagements  # as of the report's date: the campaign is cut (record.asof)
        for _, r in favourable(c.decisions).iterrows():
            if r["act"] in POLICY | {"plan", "statement"}:
                # an outcome taken back is said with what took it back
                outcome = with_undone(gain_words(r), r, c.decisions, engagements=e)
                if undone_by(r, c.decisions) is not None or refused_after(r, e, c.decisions):
                    self.undone.add(f"decisions.csv:{r['row']}")
                outcomes.append(
                    (
                        r["date_start"],
                        r["date_end"],
                        outcome,
                        f"decisions.csv:{r['row']}",
                        "statement" if r["act"] == "statement" else "policy",
                    )
                )
        if not e.empty:
            for _, r in e[e["response"].isin(POLICY | {"statement"})].iterrows():
                # taken back as an act of decisions.csv is (trial 18, H1)
                said = with_undone(
                    Msg("{who}: {response}", who=r["decision_maker"], response=r["response"]),
                    r,
                    c.decisions,
                    own=False,
                    engagements=e,
                )
                if undone_by(r, c.decisions, own=False) is not None or refused_after(
                    r, e, c.decisions
                ):
                    self.undone.add(f"engagements.csv:{r['row']}")
                outcomes.append(
                    (
                        r["date_start"],
                        r["date_end"],
                        said,
                        f"engagements.csv:{r['row']}",
                        "statement" if r["response"] == "statement" else "policy",
                    )
                )
        for g in rec.goals:
            for j in g.judgements:
                # a judgement the record's own acts go against, or one a judgement of the
                # same time disputes, is no outcome here either, as question 3 does not count
                # it (judgements.attained: one reading of one fact)
                # nor one attained before the campaign began (schema.before_launch)
                if attained(g, j, c) and not before_launch(j, launch_day(rec)):
                    # dated by when it was attained, when the record says; else by the
                    # judgement that found it
                    when = j.attained or j.as_of
                    outcomes.append(
                        (
                            pd.Timestamp(when.start),
                            pd.Timestamp(when.end),
                            Msg(
                                "{level} goal {goal}: {attainment}",
                                level=g.level,
                                goal=goal_name(g),
                                attainment=ATTAINMENT_WORDS[j.attainment],
                            ),
                            f"campaign.yaml goals[{g.id}]",
                            g.level,
                        )
                    )
        self.followed = []
        # every outcome that followed some tactic in time, once: what the criterion reads
        after_tactics: dict[tuple, tuple] = {}
        for kind in ACTIVITY_KINDS:
            part = rows_where(acts, acts["kind"] == kind if n else None, "date_start", "date_end")
            hits = set()
            if len(part):  # column-wise: a record can hold a million activities
                starts, until = part["date_start"], part["date_end"] + FOLLOW_WINDOW
                for o in outcomes:
                    if ((starts <= o[0]) & (o[0] <= until)).any():
                        hits.add((o[2], o[3]))
                        after_tactics.setdefault((o[2], o[3]), o)
            self.followed.append(
                {"kind": kind, "activities": len(part), "outcomes that followed": len(hits)}
            )
            if len(part):
                self.indicator(
                    Msg("Outcomes that followed {kind} activities in time", kind=kind),
                    joined("; ", sorted(l for l, _ in hits)) if hits else N_("none"),
                    sorted(r for _, r in hits),
                )
        # the criterion's outcomes are the indicators' (they followed the tactics in time),
        # those that are a policy outcome or the main goal's attainment; the others that
        # followed (statements, interim goals) are named beside it, never left out unsaid
        followed = sorted(after_tactics.values(), key=lambda o: (o[0], str(o[2])))
        self.policy_outcomes = [o for o in followed if o[4] in ("policy", "main")]
        self.other_outcomes = [o for o in followed if o[4] not in ("policy", "main")]

        # coordination
        problems = []
        by_lang: dict[str, set] = {}
        for a in rec.media_tools.accounts:
            # an account whose team is not recorded says nothing about how many teams there are
            if a.team:
                by_lang.setdefault(a.language, set()).add(a.team)
        split = {l: t for l, t in by_lang.items() if len(t) > 1 or any(x == "several" for x in t)}
        for lang, teams in split.items():
            problems.append(
                Msg(
                    "accounts in {language} run by {n} team",
                    "accounts in {language} run by {n} teams",
                    language=language_name(lang),
                    n=N_("several") if "several" in teams else len(teams),
                )
            )
        # the grouping question 2 and the comparison read (hashtags.fragmentation)
        for frag in fragmentation(rec.media_tools.hashtags):
            lang, phase, variants = frag.language, frag.phase, frag.groups
            if len(variants) > 1:
                problems.append(
                    Msg(
                        "{n} competing {language} hashtag in {phase}",
                        "{n} competing {language} hashtags in {phase}",
                        n=len(variants),
                        language=language_name(lang),
                        phase=phase_name(rec, phase),
                    )
                    if phase
                    else Msg(
                        "{n} competing {language} hashtag",
                        "{n} competing {language} hashtags",
                        n=len(variants),
                        language=language_name(lang),
                    )
                )
            for forms in frag.variants:
                problems.append(
                    Msg(
                        "one {language} hashtag spelled {n} way ({forms})",
                        "one {language} hashtag spelled {n} ways ({forms})",
                        language=language_name(lang),
                        n=len(forms),
                        forms=joined(", ", forms),
                    )
                )
        clash = []
        inp = rows_where(
            acts,
            (acts["channel"] == "in_person") & acts["city"].notna() if n else None,
            "date_start",
            "date_end",
            *_PAIR_COLUMNS,
        )
        inp = inp[(inp["date_end"] - inp["date_start"]).dt.days <= 7] if len(inp) else inp
        for city, part in inp.groupby("city") if len(inp) else []:
            part = part.sort_values("date_start")
            # each row and the next: overlapping in time and both organisers recorded are
            # found column-wise, and only those pairs are looked at one by one
            start, end = part["date_start"].to_numpy(), part["date_end"].to_numpy()
            named = part["organiser"].notna().to_numpy()
            pairs = np.flatnonzero((start[1:] <= end[:-1]) & named[1:] & named[:-1])
            cols = {k: part[k].to_numpy() for k in _PAIR_COLUMNS}
            for i in pairs:
                one, next_ = ({k: v[j] for k, v in cols.items()} for j in (i, i + 1))
                if _competing(one, next_):
                    clash.append(
                        (city, one["row"], next_["row"], one["organiser"], next_["organiser"])
                    )
        # a large record can have thousands: the first ones are named, the others counted
        total = len(problems) + len(clash)
        for city, ra, rb, oa, ob in clash[: max(LIST_CAP - len(problems), 0)]:
            problems.append(
                Msg(
                    "competing calls in {city} at the same time by {first} and "
                    "{second} (activities.csv:{a}, :{b})",
                    city=city,
                    a=ra,
                    b=rb,
                    first=oa,
                    second=ob,
                )
            )
        self.coordination = self.problems = listed(problems, total)
        # what the three checks could look at: accounts whose team is recorded, hashtags, and
        # in-person events with their city and organiser — "none found" means something only
        # where at least one of them had something to find
        checked = []
        with_team = sum(1 for a in rec.media_tools.accounts if a.team)
        if with_team:
            checked.append(
                Msg("{n} account with its team", "{n} accounts with their team", n=with_team)
            )
        if rec.media_tools.hashtags:
            checked.append(Msg("{n} hashtag", "{n} hashtags", n=len(rec.media_tools.hashtags)))
        events = int(inp["organiser"].notna().sum()) if len(inp) else 0
        if events:
            checked.append(
                Msg(
                    "{n} in-person event with its city and organiser",
                    "{n} in-person events with their city and organiser",
                    n=events,
                )
            )
        self.coordination_checked = checked
        self.indicator(
            Msg("Coordination problems"), joined("; ", problems) if problems else N_("none found")
        )

        members = [m for co in rec.coalitions for m in co.members]
        everyone = members + list(rec.partners)
        orientations = {p.orientation.casefold() for p in everyone if p.orientation}
        kinds = {p.kind for p in everyone}
        # a coalition known only by its size (or with more members than it lists): the
        # orientations of the members not listed are unknown, not absent
        unlisted = [
            co.name
            for co in rec.coalitions
            if co.size is not None and co.size.lower > len(co.members)
        ]
        sizes = [
            Msg("{coalition}: {n} member", "{coalition}: {n} members", coalition=co.name, n=co.size)
            for co in rec.coalitions
            if co.size is not None
        ]
        # a list left out says nothing, and is never read as none (record.recorded)
        coalitions = (
            Msg("{n} (members listed: {members})", n=len(rec.coalitions), members=len(members))
            if rec.recorded("coalitions")
            else Msg("not recorded")
        )
        self.indicator(
            Msg("Coalitions"),
            Msg(
                "{coalitions}; sizes recorded: {sizes}",
                coalitions=coalitions,
                sizes=joined("; ", sizes),
            )
            if sizes
            else coalitions,
        )
        self.indicator(
            Msg("Partners (in coalitions or not)"),
            Msg(
                "{named} named; {kinds}; {orientations}",
                named=len({p.name for p in everyone}),
                kinds=Msg("{n} kind", "{n} kinds", n=len(kinds)),
                orientations=Msg(
                    "{n} distinct orientation", "{n} distinct orientations", n=len(orientations)
                ),
            )
            if rec.partners_recorded
            else Msg("not recorded"),
        )

        self.orientations, self.unlisted = orientations, unlisted
        # partners whose orientation is not recorded: each may be one more orientation
        self.orientation_unknown = sum(1 for p in everyone if not p.orientation)
        breadth = (
            Msg(
                "{n} orientation among {partners}",
                "{n} orientations among {partners}",
                n=len(orientations),
                partners=Msg("{n} partner", "{n} partners", n=len(everyone)),
            )
            if everyone
            # never '0 orientations among 0 partners' («0 توجه بين لا شريك»)
            else Msg("no partner named")
        )
        if not rec.partners_recorded:
            breadth = Msg("coalitions and partners not recorded")
        elif unlisted and len(orientations) < 3:
            # a coalition that lists none of its members, and one that lists some of more:
            # "members not listed" would deny the two it lists (trial 7, L3)
            known_by_size = [
                (co, co.size)
                for co in rec.coalitions
                if co.size is not None and co.size.lower > len(co.members)
            ]
            none = [co.name for co, _ in known_by_size if not co.members]
            if none:
                breadth = Msg(
                    "{breadth}; members not listed for {coalitions}",
                    breadth=breadth,
                    coalitions=joined(", ", none),
                )
            for co, size in known_by_size:
                if co.members:
                    breadth = Msg(
                        "{breadth}; the other members ({others}) not listed for {coalition}",
                        breadth=breadth,
                        coalition=co.name,
                        # the qualifier in the report's language ("more than 28")
                        others=others_than(size, len(co.members)).msg(),
                    )
        elif len(orientations) < 3 and not rec.recorded("coalitions"):
            breadth = Msg("{breadth}; coalitions not recorded", breadth=breadth)
        elif len(orientations) < 3 and not rec.recorded("partners"):
            breadth = Msg("{breadth}; other partners not recorded", breadth=breadth)

        self.breadth = breadth
        # one definition of direct contact, as question 1 counts it (evaluation.context)
        self.lobbying = rows_where(acts, direct_mask(c), "row")  # counted and cited
        # advocacy whose audience is not recorded may be direct contact (not 'none')
        self.maybe_lobbying = rows_where(acts, maybe_direct_mask(c), "row")
        # the engagements whose answer is not recorded: each may have been a policy outcome
        self.unanswered = (
            rows_where(e, e["response"] == "unknown", "row") if not e.empty else e.iloc[0:0]
        )

    @criterion("lobbying_in_mix")
    def _lobbying_in_mix(self) -> Criterion:
        lobbying, n, maybe = self.lobbying, len(self.campaign.activities), self.maybe_lobbying
        unsure = n and not len(lobbying) and len(maybe)
        return Criterion(
            Msg("Lobbying or direct contact with decision makers is part of the mix"),
            None if unsure or not n else len(lobbying) > 0,
            maybe_direct_said(len(maybe))
            if unsure
            else Msg(
                "{n} activity ({aims})",
                "{n} activities ({aims})",
                n=len(lobbying),
                aims=direct_aims(self.campaign),
            )
            if len(lobbying) and direct_aims(self.campaign) is not None
            else Msg("{n} activity", "{n} activities", n=len(lobbying)),
            row_ref("activities.csv", (maybe if unsure else lobbying)["row"])
            if len(lobbying) or unsure
            else [],
        )

    @criterion("low_effort_share")
    def _low_effort_share(self) -> Criterion:
        low_share, n = self.low_share, len(self.campaign.activities)
        met = (low_share <= LOW_EFFORT_LIMIT) if low_share is not None else None
        because = (
            Msg("{share} low effort", share=percent(low_share))
            if low_share is not None
            else Msg("no effort levels coded")
        )
        if met is not None and self.effort_uncoded:
            # the activities with no effort level, all low or none low: judged only when
            # either way gives the same answer
            most = (self.low_count + self.effort_uncoded) / n <= LOW_EFFORT_LIMIT
            least = self.low_count / n <= LOW_EFFORT_LIMIT
            met = most if most == least else None
            because = Msg(
                "{because} of {coded} with an effort level; {n} activity has none recorded, "
                "so the share of all is {low} to {high}",
                "{because} of {coded} with an effort level; {n} activities have none recorded, "
                "so the share of all is {low} to {high}",
                because=because,
                coded=self.effort_coded,
                n=self.effort_uncoded,
                # the ends of the range rounded the safe way (bounds.percent)
                low=percent(self.low_count / n, "down"),
                high=percent((self.low_count + self.effort_uncoded) / n, "up"),
            )
        return Criterion(
            Msg(
                "Low-effort activities are at most {limit} of the mix",
                limit=percent(LOW_EFFORT_LIMIT),
            ),
            met,
            because,
            base=self.effort_coded,
        )

    @criterion("in_person_at_least_virtual")
    def _in_person_at_least_virtual(self) -> Criterion:
        acts = self.campaign.activities
        in_person = int((acts["channel"] == "in_person").sum()) if len(acts) else 0
        virtual = int((acts["channel"] == "virtual").sum()) if len(acts) else 0
        return Criterion(
            Msg("In-person activity is at least as common as virtual"),
            (in_person >= virtual) if len(acts) else None,
            Msg("{in_person} in person, {virtual} virtual", in_person=in_person, virtual=virtual)
            if len(acts)
            else N_("none"),
        )

    @criterion("no_coordination_problems")
    def _no_coordination_problems(self) -> Criterion:
        problems, checked = self.problems, self.coordination_checked
        return Criterion(
            Msg("No coordination problems (split accounts, competing hashtags, clashing events)"),
            False if problems else True if checked else None,
            joined("; ", problems)
            if problems
            else Msg("none found in {checked}", checked=joined(", ", checked))
            if checked
            else Msg(
                "nothing to check: no account's team, no hashtag and no in-person event with "
                "its city and organiser recorded"
            ),
        )

    @criterion("partner_breadth")
    def _partner_breadth(self) -> Criterion:
        rec = self.campaign.record
        # not met only when nothing unrecorded could make three: both lists written, every
        # coalition's members listed, and too few partners of unknown orientation
        could = (
            rec.recorded("coalitions")
            and rec.recorded("partners")
            and not self.unlisted
            and len(self.orientations) + self.orientation_unknown >= 3
        )
        breadth = self.breadth
        if could and len(self.orientations) < 3:
            breadth = Msg(
                "{breadth}; orientation not recorded for {n} partner",
                "{breadth}; orientation not recorded for {n} partners",
                breadth=breadth,
                n=self.orientation_unknown,
            )
        return Criterion(
            Msg("A coalition or partners of at least three different orientations"),
            True
            if len(self.orientations) >= 3
            else None
            if could
            or self.unlisted
            or not (rec.recorded("coalitions") and rec.recorded("partners"))
            else False,
            breadth,
        )

    @criterion("outcome_followed")
    def _outcome_followed(self) -> Criterion:
        c, outcomes = self.campaign, self.policy_outcomes
        name = Msg("A policy outcome or main-goal attainment followed the tactics in time")
        others = [o[2] for o in self.other_outcomes]
        if not len(c.activities):
            return Criterion(name, None, Msg("no activities recorded"))
        # an outcome its decision maker took back is no lasting outcome of the tactics: with
        # only such outcomes, whether the tactics served is not told (trial 11, L7)
        standing = [o for o in outcomes if o[3] not in self.undone]
        if standing:
            return Criterion(
                name, True, joined("; ", [o[2] for o in outcomes]), [o[3] for o in outcomes]
            )
        if outcomes:
            return Criterion(
                name,
                None,
                Msg(
                    "what followed the tactics was taken back by the decision maker's own "
                    "later act, so no lasting outcome is shown: {outcomes}",
                    outcomes=joined("; ", [o[2] for o in outcomes]),
                ),
                [o[3] for o in outcomes],
            )
        # none followed: "not met" only where the record could have shown one — the main
        # goal judged (and counted), contacts with decision makers recorded (decisions.csv
        # can only add an outcome: an empty table says nothing) with every answer recorded;
        # silence is not "none"
        unjudged = self._main_goal_unjudged()
        unanswered = self.unanswered
        because: "Msg | None" = None
        evidence = [o[3] for o in self.other_outcomes]
        if unjudged:
            because = Msg(
                "no policy outcome recorded after the tactics, and the main goal's "
                "attainment is not known ({goals})",
                goals=joined("; ", unjudged),
            )
        elif not contacts_recorded(c):
            because = (
                Msg(
                    "no main-goal attainment followed the tactics, and neither contacts with "
                    "decision makers nor their own acts are recorded"
                )
                if c.decisions.empty
                else Msg("none recorded; {why}", why=not_recorded(c))
            )
        elif len(unanswered):
            because = Msg(
                "none recorded; the answer to {n} engagement is not recorded (response "
                "unknown): it may have been one",
                "none recorded; the answers to {n} engagements are not recorded (response "
                "unknown): any may have been one",
                n=len(unanswered),
            )
            evidence += row_ref("engagements.csv", unanswered["row"])
        unknown = because is not None
        if because is None:
            because = Msg("no policy outcome or main-goal attainment followed in time")
        if others:
            because = Msg(
                "{because}; what followed is neither a policy outcome nor the main goal: {others}",
                because=because,
                others=joined("; ", others),
            )
        return Criterion(name, None if unknown else False, because, evidence)

    def _main_goal_unjudged(self) -> list[Msg]:
        """The main goals whose attainment the record does not give as of the report's
        date: no judgement, a judgement of `unknown`, or one question 3 does not count (the
        record's own acts go against it): each with why."""
        out = []
        for g in self.campaign.record.goals:
            if g.level != "main":
                continue
            j = judgement_as_of(g, self.as_of)
            if j is None:
                out.append(Msg("{goal}: no judgement yet", goal=goal_name(g)))
            elif j.attainment == "unknown":
                out.append(Msg("{goal}: attainment unknown", goal=goal_name(g)))
            elif not counted(g, j, self.campaign):
                out.append(
                    Msg(
                        "{goal}: its judgement is not counted ({reason})",
                        goal=goal_name(g),
                        reason=not_counted_reason(contradictions(g, j, self.campaign)),
                    )
                )
        return out

    def conclude(self) -> None:
        low_share, problems, policy_outcomes = self.low_share, self.problems, self.policy_outcomes
        if low_share is not None and low_share > LOW_EFFORT_LIMIT:
            self.findings.append(
                Finding(
                    Msg(
                        "{share} of effort-coded activities are low effort (press releases, posts, "
                        "letters): the paper links this to cost, not to usefulness (§4 weakness 13).",
                        share=percent(low_share),
                    )
                )
            )
        if problems:
            self.findings.append(
                Finding(Msg("Coordination problems: {problems}.", problems=joined("; ", problems)))
            )
        if policy_outcomes:
            self.findings.append(
                Finding(
                    Msg(
                        "Outcomes followed the tactics in time (a sequence, not proof of cause): "
                        "{outcomes}.",
                        outcomes=joined("; ", [o[2] for o in policy_outcomes]),
                    ),
                    [o[3] for o in policy_outcomes],
                )
            )

    def chart(self) -> list[BarChart]:
        names = {
            "kind": N_("by kind"),
            "effort": N_("by effort (fn 12)"),
            "paper_kind": N_("by activity kind (fn 26)"),
        }
        top = max((float(v.max()) for v in self.mix.values() if len(v)), default=0)
        return [
            BarChart(
                Msg("The activity mix {by}", by=names[col]),
                [(k.replace("_", " "), [("", float(v), f"{v}")]) for k, v in self.mix[col].items()],
                top,
                ("#64b5cd",),
            )
            for col in ("kind", "effort", "paper_kind")
        ]

    def plot(self, ax=None):
        from evalkit.style.plotting import pyplot

        plt = pyplot()
        fig, axes = plt.subplots(3, 1, figsize=(7, 5.2)) if ax is None else (ax.figure, [ax] * 3)
        titles = {
            "kind": "by kind",
            "effort": "by effort (fn 12)",
            "paper_kind": "by activity kind (fn 26)",
        }
        labels = []
        for a, col in zip(axes, ("kind", "effort", "paper_kind")):
            counts = self.mix[col]
            names = [k.replace("_", " ") for k in counts.index]
            labels += names
            a.barh(names, counts.values, color="#64b5cd")
            a.invert_yaxis()
            a.set_title(titles[col], fontsize=9, loc="left")
        fig.suptitle("The activity mix (number of activities)")
        fit_margins(fig, labels, bottom=0.06)
        fig.subplots_adjust(top=0.9, hspace=0.6)
        return fig
