"""The paper's diagnostic checklist (§4; digest §3): 12 strengths and 23 weaknesses as rules
over the record. A rule fires from data and shows its evidence; a rule the record cannot
decide says so. Each weakness points to the recommendations (§6) that answer it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Literal, Optional

import pandas as pd

from evalkit.i18n import N_, Msg, Verbatim, joined, language_names, listed
from evalkit.evaluation.bounds import percent
from evalkit.evaluation.base import all_of, any_of, audience_name, reach_said
from evalkit.evaluation.timing import GAP_DAYS, phase_gaps
from evalkit.record.values import Quantity
from evalkit.evaluation.audience import language_code
from evalkit.evaluation import context
from evalkit.evaluation.context import home_languages
from evalkit.evaluation.decision_makers import (
    contacts_recorded,
    favourable,
    gain_words,
    with_undone,
)
from evalkit.evaluation.reach import amount_msg, currency, mobilisation_trend

RuleStatus = Literal["fires", "does not fire", "cannot be judged from the record"]
RuleKind = Literal["strength", "weakness"]
FIRES: RuleStatus = N_("fires")
QUIET: RuleStatus = N_("does not fire")
CANNOT: RuleStatus = N_("cannot be judged from the record")
# the kinds and the paper's groups of the rules, as table cells
N_("strength"), N_("weakness"), N_("strengths"), N_("objective"), N_("self"), N_("strategy")
N_("implementation")


@dataclass
class RuleResult:
    rule: "Rule"
    status: RuleStatus
    evidence: list[str] = field(default_factory=list)
    # the keys of the rule's signs the record shows (Rule.signs), when it fires
    found: list[str] = field(default_factory=list)

    def __post_init__(self):
        # a large record's rows: the first ones and a count (issue 18 item 11)
        self.evidence = listed(self.evidence)

    @property
    def headline(self) -> str:
        """What the rule's row states: for a rule that fires, only the signs the record
        showed (a weakness of two halves that fired on one says that one, never both);
        otherwise the rule's point, the thing checked. English; a Msg, so each report
        shows it in its language."""
        if self.status != FIRES or not self.rule.signs:
            return Msg(self.rule.text)
        # each sign a headline of its own: 'Main goal not measurable · Stops and restarts'
        return joined(" · ", [Msg(said) for key, said in self.rule.signs if key in self.found])


@dataclass
class Rule:
    id: str
    kind: RuleKind
    group: str  # the paper's group
    text: str  # the point, phrased for any campaign
    recommendations: tuple[int, ...] = ()
    judge: Optional[Callable] = None  # ctx -> (fires: bool|None, evidence list)
    why_not: str = "needs facts a record does not hold (context, motives, staff)"
    paper_example: str = ""  # the paper's own wording for the Syrian campaigns
    # ctx -> why the rule does not apply to this campaign (None: it applies); the paper's
    # rules were written for campaigns pressing decision makers abroad (evaluation-method.md)
    applies: Optional[Callable] = None
    # what firing establishes, sign by sign: (key, headline). The paper's point (`text`) may
    # hold more than the record can show — two halves (W15: the virtual arena and
    # undisciplined online discourse), or a qualifier no field records (W13's cost, W22's
    # "too many") —, and a rule that fires states only the signs it found. A rule of
    # several signs has its judge return the keys it found as a third value; one sign is
    # found whenever the rule fires. Without signs, the point itself is what fires.
    signs: tuple[tuple[str, str], ...] = ()

    def run(self, ctx) -> RuleResult:
        reason = self.applies(ctx) if self.applies is not None else None
        if reason is not None:
            return RuleResult(self, QUIET, [Msg("does not apply: {why}", why=reason)])
        if self.judge is None:
            return RuleResult(self, CANNOT, [self.why_not])
        fires, evidence, *rest = self.judge(ctx)
        found = list(rest[0]) if rest else []
        if not fires:
            return RuleResult(self, CANNOT if fires is None else QUIET, evidence)
        if self.signs and not found:
            if len(self.signs) > 1:
                raise ValueError(f"{self.id} fired without saying which of its signs it found")
            found = [self.signs[0][0]]
        missing = [said for key, said in self.signs if key not in found]
        if missing:
            # the signs the rule did not fire on, named: the row says what is not shown too
            evidence = [
                *evidence,
                Msg("the record does not show: {signs}", signs=joined(" · ", map(Msg, missing))),
            ]
        return RuleResult(self, FIRES, evidence, found)


# --- helpers over the context (a Evaluation: campaign + the five analyses) -----------------
def _acts(ctx) -> pd.DataFrame:
    return ctx.campaign.activities


def _from_criterion(q, criterion_id, invert=False):
    def judge(ctx):
        c = ctx.questions[q].criterion(criterion_id)
        if c.met is None:
            return None, [c.because]
        return (not c.met) if invert else c.met, [
            Msg("Q{q}: {criterion}: {because}", q=q, criterion=c.name, because=c.because)
        ] + c.evidence

    return judge


def _reactive(ctx):
    """Whether the campaign's launch (its first phase) reacted to a hot event, and the
    sentence it rests on: a relaunch's timing is not the launch's (trial 10, M3: a later
    phase's 'not reactive' was said of a launch whose own timing the dates could not tell)."""
    launch = [t for t in ctx.timing if t.role == "launch"]
    known = [t for t in launch if t.reactive is not None]
    if not known:
        return None, [Msg("launch timing undetermined")]
    reactive = [t for t in known if t.reactive]
    return bool(reactive), [t.sentence() for t in (reactive or known)]


def _weak_strategy(ctx):
    # the paper's weakness 11 («ضعف الاستراتيجية والاستشراف»): goals neither clear nor
    # measurable; campaigns that came «من منطلق رد الفعل على حدث كان من الواضح أنه قادم لا
    # محالة» (fn 81: no one prepared, all started from zero after the disaster); stops and
    # restarts. A reaction to a sudden event no one could foresee is not its sign.
    timed, _ = _reactive(ctx)
    foreseen, sudden = context.reactions(ctx.timing, ctx.campaign.record)
    q3 = ctx.questions[3].criterion("main_goal_measurable")
    gaps = phase_gaps(ctx.campaign.record)
    pauses = [g for g in gaps if g.is_pause]
    # a gap the vague dates allow to be longer than a pause is not a pause checked absent
    maybe = [g for g in gaps if not g.is_pause and g.days[1] > GAP_DAYS]
    parts = []
    if q3.met is False:
        parts.append(Msg("main goal not measurable: {why}", why=q3.because))
    for t in foreseen:
        parts.append(
            Msg("reacted to an event that was foreseeable: {timing}", timing=t.sentence())
            if context.foreseeable_before(t.event, ctx.campaign.record) == "foreseeable"
            else Msg(
                "reacted to an event of a kind that had happened before in the record, so "
                "could be seen coming: {timing}",
                timing=t.sentence(),
            )
        )
    if pauses:
        parts.append(
            Msg(
                "stops and restarts (pauses over {n} day): {pauses}",
                "stops and restarts (pauses over {n} days): {pauses}",
                n=GAP_DAYS,
                pauses=joined("; ", [g.text() for g in pauses]),
            )
        )
    # said, not counted: the launch reacted, but to nothing the record shows was coming
    not_counted = [
        Msg(
            "not counted: a reaction to an event the record does not show was foreseeable "
            "(no date it was foreseeable from, no earlier event of its kind): {timing}",
            timing=t.sentence(),
        )
        for t in sudden
    ]
    fires = any_of(
        None if q3.met is None else not q3.met,
        True if foreseen else None if timed is None else False,
        True if pauses else None if maybe else False,
    )
    if q3.met is None and timed is None and not pauses:
        return None, [Msg("neither goals' measurability nor launch timing can be judged")]
    if fires:
        found = [
            key
            for key, shown in (
                ("unmeasurable", q3.met is False),
                ("reactive", bool(foreseen)),
                ("pauses", bool(pauses)),
            )
            if shown
        ]
        return True, parts + not_counted, found
    # none of the signs seen: say which were checked and which could not be (one not
    # recorded leaves the rule undecided, never 'does not fire')
    return fires, [
        N_("main goal measurable")
        if q3.met
        else Msg("main goal's measurability: {why}", why=q3.because),
        *(
            not_counted
            or [N_("launch not reactive") if timed is False else Msg("launch timing undetermined")]
        ),
        Msg(
            "no pause certainly over {n} day, but the dates allow {gaps} to be longer",
            "no pause certainly over {n} days, but the dates allow {gaps} to be longer",
            n=GAP_DAYS,
            gaps=joined("; ", [g.text() for g in maybe]),
        )
        if maybe
        else Msg(
            "no pause over {n} day between phases",
            "no pause over {n} days between phases",
            n=GAP_DAYS,
        ),
    ]


def _declining(ctx):
    # the paper's weakness 7 has two halves: local mobilisation not kept (repeated counts of
    # one kind: reach.mobilisation_trend says which are comparable) and a very weak non-local
    # mobilisation, «لاسيما في الحملات الخاصة بالتصعيد العسكري في إدلب» — whose grid codes
    # «حشد قليل على مستوى الناشطين الأجانب» on the foreign activists (context.foreign_mobilisation)
    table = ctx.questions[2].metric_table
    # a decline only where every reading of the dates shows one (a fall of a weekly rate
    # over a wider date alone is uncertain: reach.mobilisation_trend)
    ev, uncertain, compared = mobilisation_trend(table)
    repeated = compared > 0
    foreign = context.foreign_mobilisation(ctx.campaign.record)
    known = [a for a in foreign or [] if a.reached != "unknown"]
    reach = joined(
        ", ",
        [reach_said(a) for a in known],
    )
    # weak: none of them fully reached ("partly" is the paper's "little mobilisation"); one
    # fully reached beside a partly one is not "very weak" (Caesar: many foreign activists
    # and rights organisations mobilised, few foreign activists at its events)
    # one whose reach is not recorded may have been fully reached — unless the record says
    # the campaign did not target it (a public it never addressed was not mobilised by it)
    unrecorded = [a for a in foreign or [] if a.reached == "unknown" and a.targeted != "no"]
    found = ["decline"] if ev else []
    if known and not unrecorded and not any(a.reached == "yes" for a in known):
        found.append("foreign")
        ev.append(
            Msg(
                "foreign mobilisation weak: none of the publics or activists abroad fully "
                "reached ({audiences})",
                audiences=reach,
            )
        )
    if ev:
        return True, ev, found
    said = (
        list(uncertain)
        if uncertain
        else [
            N_("no decline between comparable counts")
            if repeated
            else N_("no repeated counts of one kind to compare")
        ]
    )
    if known and unrecorded and not any(a.reached == "yes" for a in known):
        # none of those with a known reach fully reached, but one whose reach is not
        # recorded may have been: whether it was very weak is not known
        said.append(
            Msg(
                "foreign mobilisation: {audiences}; reach not recorded for {n} more public "
                "or activists abroad",
                "foreign mobilisation: {audiences}; reach not recorded for {n} more publics "
                "or activists abroad",
                audiences=reach,
                n=len(unrecorded),
            )
        )
    elif known:
        said.append(Msg("foreign mobilisation: {audiences}", audiences=reach))
    elif foreign is None:
        said.append(N_("no home public recorded, so no mobilisation is foreign to the campaign"))
    else:
        said.append(N_("no public or activists abroad with a known reach"))
    # each half checked absent for the rule not to fire: a half the record cannot show
    # (no comparable counts, no foreign reach recorded) leaves it undecided
    weak_known = bool(known) and (any(a.reached == "yes" for a in known) or not unrecorded)
    return any_of(
        False if repeated and not uncertain else None, False if weak_known else None
    ), said


def _virtual_or_hostile(ctx):
    """The paper's weakness 15 has two halves: the virtual space as the main arena, in-person
    activities few («ركزت غالبية حملات المناصرة على الواقع الافتراضي كميديا للعمل، في حين
    كانت الأنشطة الحضورية قليلة»), and the online campaigns' unfit, undisciplined discourse
    («سمح النشاط الإلكتروني بظهور خطاب عشوائي»). The first is read from the activities'
    channels (more than half virtual), the second from hostile language recorded as seen
    online (`where: online` or `both`): hostile language whose place is not recorded may
    have been placards at a street rally, and shows no online discourse."""
    acts = _acts(ctx)
    hostile = ctx.campaign.record.discourse.hostile_language
    if not len(acts) and not hostile:
        return None, [Msg("no activities or discourse recorded")]
    n_virtual = int((acts["channel"] == "virtual").sum()) if len(acts) else 0
    virtual = n_virtual > len(acts) / 2 if len(acts) else None
    share = Msg(
        "{part} of {n} activity virtual",
        "{part} of {n} activities virtual",
        part=n_virtual,
        n=len(acts),
    )
    note = (hostile.note or N_("recorded")) if hostile else ""
    # hostile language seen online: a sign; recorded "no", or seen only offline: checked
    # absent; not recorded, `unknown`, or without where it was seen: not shown
    online_hostile: Optional[bool] = None
    if hostile and hostile.present == "yes":
        online_hostile = {"online": True, "both": True, "offline": False}.get(hostile.where or "")
    elif hostile and hostile.present == "no":
        online_hostile = False
    said: list = [share] if len(acts) else []
    if online_hostile:
        said.append(Msg("hostile language: {note}", note=note))
    elif hostile and hostile.present == "yes" and hostile.where == "offline":
        said.append(
            Msg(
                "the hostile language recorded was offline ({note}), not the "
                "discourse of an online campaign; {part} of {n} activity in person",
                "the hostile language recorded was offline ({note}), not the "
                "discourse of an online campaign; {part} of {n} activities in person",
                note=note,
                part=int((acts["channel"] == "in_person").sum()) if len(acts) else 0,
                n=len(acts),
            )
        )
    elif hostile and hostile.present == "yes":
        said.append(
            Msg(
                "hostile language recorded ({note}), but not where it was seen: online "
                "discourse, or placards at the campaign's events, the record does not say",
                note=note,
            )
        )
    elif online_hostile is False:
        said = [
            Msg(
                "{part} of {n} activity virtual; no hostile language recorded online",
                "{part} of {n} activities virtual; no hostile language recorded online",
                part=n_virtual,
                n=len(acts),
            )
        ]
    else:
        said = [
            Msg(
                "{part} of {n} activity virtual; whether hostile language was used online is "
                "not recorded",
                "{part} of {n} activities virtual; whether hostile language was used online is "
                "not recorded",
                part=n_virtual,
                n=len(acts),
            )
        ]
    found = [key for key, sign in (("virtual", virtual), ("hostile", online_hostile)) if sign]
    return any_of(virtual, online_hostile), said, found


def _no_identity(ctx):
    mt = ctx.campaign.record.media_tools
    vi, sp = mt.visual_identity, mt.spokesperson
    states = [x.present for x in (vi, sp) if x is not None]
    ev = []
    if vi and vi.present == "no":
        ev.append(
            Msg("no visual identity: {note}", note=vi.description)
            if vi.description
            else Msg("no visual identity")
        )
    if sp and sp.present == "no":
        ev.append(
            Msg("no spokesperson: {note}", note=sp.description)
            if sp.description
            else Msg("no spokesperson")
        )
    if not ev and (not states or all(s == "unknown" for s in states)):
        return None, [Msg("visual identity and spokesperson not recorded")]
    if ev:
        found = [
            key
            for key, flag in (("identity", vi), ("spokesperson", sp))
            if flag and flag.present == "no"
        ]
        return True, ev, found
    # neither recorded absent: say which is present and which is not recorded; one not
    # recorded leaves the rule undecided (it may be the absent one)
    fires = any_of(*({"yes": False, "no": True}.get(x.present) if x else None for x in (vi, sp)))
    return fires, [
        N_("visual identity present")
        if vi and vi.present == "yes"
        else N_("visual identity not recorded"),
        N_("spokesperson present")
        if sp and sp.present == "yes"
        else N_("spokesperson not recorded"),
    ]


def _flag(name):
    def judge(ctx):
        f = getattr(ctx.campaign.record.discourse, name)
        if f is None or f.present == "unknown":
            return None, [Msg("{what} not recorded", what=name.replace("_", " "))]
        return f.present == "yes", [f.note or f.present]

    return judge


def _awareness_local(ctx):
    acts = _acts(ctx)
    if not len(acts):
        return None, [Msg("no activities recorded")]
    # awareness-raising, not pressure: mobilisation aimed straight at a decision-maker
    # audience (a human chain around the G8 summit) presses them, and is not the paper's
    # awareness «موجّهة بدرجة أساسية للجمهور المحلي»
    dm = {a.id for a in context.decision_maker_audiences(ctx.campaign.record)}
    mobilising = acts["kind"] == "mobilisation"
    # mobilisation whose audience is not recorded: awareness or pressure, not known
    untold = int((mobilising & acts["audience"].isna()).sum())
    aware = int((mobilising & ~acts["audience"].isin(dm) & acts["audience"].notna()).sum())
    pressing = int(mobilising.sum()) - aware - untold
    share = aware / len(acts)
    ev = [
        Msg(
            "{part} of {n} activity is mobilisation/awareness ({share})",
            "{part} of {n} activities are mobilisation/awareness ({share})",
            part=aware,
            n=len(acts),
            share=percent(share),
        )
    ]
    if aware:
        # where the record says they were aimed: the paper saw them aimed at the local
        # audience, a record may aim them abroad (a diaspora's stands for foreign publics)
        abroad = {a.id for a in ctx.campaign.record.audiences if a.abroad}
        counted = acts.loc[mobilising & ~acts["audience"].isin(dm) & acts["audience"].notna()]
        far = int(counted["audience"].isin(abroad).sum())
        ev.append(
            Msg(
                "where they were aimed: at a public at home, {home}; at a public abroad, {abroad}",
                home=aware - far,
                abroad=far,
            )
        )
    if pressing:
        ev.append(
            Msg(
                "{n} mobilisation activity aimed at the decision makers themselves "
                "(pressure, not awareness) is not counted",
                "{n} mobilisation activities aimed at the decision makers themselves "
                "(pressure, not awareness) are not counted",
                n=pressing,
            )
        )
    if untold:
        ev.append(
            Msg(
                "{n} mobilisation activity has no audience recorded: awareness or pressure, "
                "not known ({low} to {high} of all)",
                "{n} mobilisation activities have no audience recorded: awareness or pressure, "
                "not known ({low} to {high} of all)",
                n=untold,
                # the ends of the range rounded the safe way (bounds.percent)
                low=percent(share, "down"),
                high=percent((aware + untold) / len(acts), "up"),
            )
        )
    # judged only when it holds, or fails, whatever those activities aimed at
    most, least = (aware + untold) / len(acts) >= 0.6, share >= 0.6
    return (most if most == least else None), ev


def _no_pressure_tools(ctx):
    intl = [a for a in ctx.campaign.record.audiences if a.segment == "decision_makers" and a.abroad]
    if not intl:
        return None, [Msg("no international decision-maker audience recorded")]
    lob = ctx.questions[5].criterion("lobbying_in_mix")
    if lob.met is None:
        return None, [lob.because]
    return not lob.met, [
        Msg(
            "decision makers abroad: {audiences}; lobbying or direct contact in the mix: {why}",
            audiences=joined(", ", [audience_name(a) for a in intl]),
            why=lob.because,
        )
    ]


def _counter_narrative(ctx):
    rec = ctx.campaign.record
    if not rec.opponents_recorded:
        return None, [Msg("opponents not recorded")]
    said = [o for o in rec.opponents if o.counter_narrative == "yes"]
    if said:
        return True, [
            Msg(
                "{who} ({kind}): {note}",
                who=o.name,
                kind=o.kind,
                note=o.description or N_("counter-narrative recorded"),
            )
            for o in said
        ]
    if any(o.counter_narrative == "unknown" for o in rec.opponents):
        return None, [Msg("whether the opponents put out a counter-narrative is not recorded")]
    return False, [
        Msg(
            "no opponent's counter-narrative recorded ({n} opponent)",
            "no opponent's counter-narrative recorded ({n} opponents)",
            n=len(rec.opponents),
        )
    ]


# --- preconditions (docs/evaluation-method.md, "Rules in context") ------------------------
def _dm_at_home(ctx):
    if context.decision_makers_at_home(ctx.campaign.record):
        return Msg(
            "the decision makers sit at the campaign's home (it presses its own "
            "government), not abroad"
        )
    return None


def _one_language(ctx):
    if context.foreign_languages_needed(ctx.campaign.record) is False:
        return Msg(
            "the decision makers speak the home public's languages ({languages})",
            languages=language_names(sorted(context.decision_maker_languages(ctx.campaign.record))),
        )
    return None


def _partners(ctx):
    rec = ctx.campaign.record
    if not rec.partners_recorded:
        return None, [Msg("coalitions and partners not recorded")]
    # none only when both lists say none: `coalitions: []` says nothing of other partners
    fires = any_of(
        *(
            bool(getattr(rec, key)) if rec.recorded(key) else None
            for key in ("coalitions", "partners")
        )
    )
    sizes = [
        Msg("{coalition}: {n} member", "{coalition}: {n} members", coalition=c.name, n=c.size)
        for c in rec.coalitions
        if c.size is not None
    ]
    return fires, [
        Msg(
            "{coalitions}, {partners}",
            coalitions=Msg("{n} coalition", "{n} coalitions", n=len(rec.coalitions))
            if rec.recorded("coalitions")
            else N_("coalitions not recorded"),
            partners=Msg("{n} other partner", "{n} other partners", n=len(rec.partners))
            if rec.recorded("partners")
            else N_("other partners not recorded"),
        )
    ] + sizes


def _media_pressure(ctx):
    q2 = ctx.questions[2].criterion("media_reached")
    c = ctx.campaign
    eng, acts = c.engagements, c.activities
    recorded = contacts_recorded(c)
    # political pressure: contacts with decision makers, or activities aimed at them or at
    # politicians (protests at an embassy, a rally at a summit) — the record's own rows
    aimed = {a.id for a in c.record.audiences if a.segment in ("decision_makers", "politicians")}
    at_them = context.rows_where(acts, acts["audience"].isin(aimed) if len(acts) else None, "row")
    political = (
        True
        if not eng.empty or len(at_them)
        else False
        if c.record.no_engagements and len(acts)
        else None
    )
    if q2.met is None and political is None:
        return None, [Msg("media reach and engagements not recorded")]
    said = [
        q2.because,
        Msg("{n} engagement", "{n} engagements", n=len(eng))
        if recorded
        else Msg("no engagements recorded"),
    ]
    if len(at_them):
        said.append(
            Msg(
                "{n} activity aimed at decision makers or politicians",
                "{n} activities aimed at decision makers or politicians",
                n=len(at_them),
            )
        )
    # the paper's strength is both at once («ضغط إعلامي وسياسي»): media reached and
    # political pressure; one part recorded absent, or not recorded, is no strength shown
    return all_of(q2.met, political), said


def _over_estimated(ctx):
    """Fires where the record's own acts, or its own count of a goal's indicator, go against
    a judgement of attainment (question 3);
    otherwise it cannot be judged: the claims over-estimation is measured against — what
    the campaign said it achieved — are not in a record, and no contradiction found is not
    an honest estimate."""
    q3 = ctx.questions[3]
    found = q3.contradictions  # not the acts under a similar name, which may be another's
    if not found:
        return None, [
            Msg(
                "no judgement of attainment is contradicted by the record's own acts or counts; "
                "over-estimation beyond that is judged against claims the record does not hold"
            )
        ] + [f.text for f in getattr(q3, "doubts", [])]
    return True, [f.text for f in found] + [e for f in found for e in f.evidence]


def _citizenship(ctx):
    # the people the cause concerns: publics at the affected place; for the paper's regions
    # (no `place`) the local public, and its diaspora: an international public speaking its
    # language — not the regional (Arab) public, which shares the language but not the cause
    home = home_languages(ctx.campaign.record)
    local = [
        a
        for a in ctx.campaign.record.audiences
        if a.segment == "general_public"
        and (
            "affected" in a.places
            or (
                not a.place
                and a.region == "international"
                and any(language_code(l) in home for l in a.languages)
            )
        )
    ]
    known = [a for a in local if a.reached != "unknown"]
    if not known:
        return None, [Msg("reach of the local public (the people the cause concerns) not recorded")]
    # fires when one was reached; does not fire only when each is recorded not reached (one
    # whose reach is not recorded may have been)
    fires = any_of(*({"yes": True, "partly": True, "no": False}.get(a.reached) for a in local))
    return fires, [reach_said(a) for a in (known if fires else local)]


def _exposed(ctx):
    d = ctx.campaign.record.discourse.informational
    if d is None or d.level == "unknown":
        return None, [Msg("informational discourse not recorded")]
    return d.level in ("present", "dominant"), [
        Msg("informational discourse {level}: {note}", level=d.level, note=d.note)
        if d.note
        else Msg("informational discourse {level}", level=d.level)
    ]


def _coordination_apps(ctx):
    acc = ctx.campaign.record.media_tools.accounts
    apps = [a for a in acc if a.platform in ("whatsapp", "telegram")]
    return (bool(apps) if acc else None), (
        # the platform a vocabulary word, translated; the account's name the record's own
        [Msg("{account} ({platform})", account=Verbatim(a.name), platform=a.platform) for a in apps]
        or [Msg("no messaging-app coordination groups recorded")]
    )


def _local_resilience(ctx):
    acts = _acts(ctx)
    if not len(acts):
        return None, [Msg("no activities recorded")]
    local = context.rows_where(
        acts, (acts["channel"] == "in_person") & acts["scope"].isin(["local", "national"]), "row"
    )
    return len(local) > 0, [
        Msg(
            "{n} local or national in-person activity",
            "{n} local or national in-person activities",
            n=len(local),
        )
    ] + [f"activities.csv:{r}" for r in local["row"]]


BINDING_RESPONSES = ("law", "sanctions", "resolution", "treaty", "executive_decision")


def _accountability(ctx):
    c = ctx.campaign
    eng, acts = c.engagements, c.decisions
    if not contacts_recorded(c) and acts.empty:
        return None, [Msg("no engagements recorded")]
    hit = eng[eng["response"].isin(list(BINDING_RESPONSES))] if not eng.empty else eng
    # decision makers' own binding acts for the ask, or partial ones the campaign accepted:
    # a concession it rejected is not a first fruit
    own = favourable(acts)
    own = own[own["act"].isin(list(BINDING_RESPONSES))] if not own.empty else own
    # a decision a contact's response records, taken back later, says so (trial 18, H1)
    ev = [
        with_undone(
            Msg(
                "{who}: {response} (engagements.csv:{row})",
                who=r["decision_maker"],
                response=r["response"],
                row=r["row"],
            ),
            r,
            acts,
            own=False,
            engagements=eng,
        )
        for r in hit.to_dict("records")
    ]
    for r in own.to_dict("records"):
        said = Msg("{act} (decisions.csv:{row})", act=gain_words(r), row=r["row"])
        ev.append(with_undone(said, r, acts, engagements=eng))  # a first fruit taken back says so
    if ev:
        return True, ev
    # an engagement whose answer is not recorded may have been a binding one: not 'none'
    unknown = eng[eng["response"] == "unknown"] if not eng.empty else eng
    if len(unknown):
        return None, [
            Msg(
                "no law, sanctions, resolution, treaty or executive decision recorded; the "
                "answer to {n} engagement is not recorded (response unknown)",
                "no law, sanctions, resolution, treaty or executive decision recorded; the "
                "answers to {n} engagements are not recorded (response unknown)",
                n=len(unknown),
            )
        ]
    return False, [Msg("no law, sanctions, resolution, treaty or executive decision")]


def _donations(ctx):
    m = ctx.campaign.metrics
    d = m[m["metric"] == "donations"] if not m.empty else m
    if d.empty:
        return None, [Msg("no donations recorded in metrics.csv")]
    if len(d) < 2:
        return None, [
            Msg("one donations figure (metrics.csv:{row}); a rise needs two", row=d["row"].iloc[0])
        ]
    # a rise needs a later figure that is certainly larger: its lower bound above the
    # earlier one's upper bound — in the same currency (900 of a currency the note does not
    # name, then 1,000 USD, is no rise the record shows)
    by_currency: dict[str, list] = {}
    ordered = d.sort_values("date_start")
    for _, r in ordered.iterrows():
        code = currency(r["note"])
        if code is not None:
            by_currency.setdefault(code, []).append(r)
    if not any(len(rows) > 1 for rows in by_currency.values()):
        return None, [
            Msg(
                "donations: {n} figure (metrics.csv:{rows}), but no two in one currency the "
                "notes name; a rise compares amounts of one currency",
                "donations: {n} figures (metrics.csv:{rows}), but no two in one currency the "
                "notes name; a rise compares amounts of one currency",
                n=len(d),
                rows=", :".join(str(int(r)) for r in ordered["row"]),
            )
        ]
    rises = [
        (a, b)
        for rows in by_currency.values()
        for a, b in zip(rows, rows[1:])
        if b["value_low"] > a["value_high"]
    ]
    ev = [
        Msg(
            "donations {first_date}: {first} → {then_date}: {then} (metrics.csv:{a}, :{b})",
            first_date=a["date"],
            first=amount_msg(Quantity.from_row(a, "value"), a["note"]),
            then_date=b["date"],
            then=amount_msg(Quantity.from_row(b, "value"), b["note"]),
            a=a["row"],
            b=b["row"],
        )
        for a, b in rises
    ]
    return bool(rises), ev or [Msg("no rise between recorded donation figures")]


def _parliament_voice(ctx):
    eng = ctx.campaign.engagements
    if not contacts_recorded(ctx.campaign):
        return None, [Msg("no engagements recorded")]
    hit = eng[eng["type"].isin(["testimony", "hearing"])]
    return len(hit) > 0, [
        Msg("{who}: {type} (engagements.csv:{row})", who=r.decision_maker, type=r.type, row=r.row)
        for r in hit.itertuples()
    ] or [N_("no testimony or hearing")]


def _dispersion(ctx):
    q5 = ctx.questions[5].criterion("no_coordination_problems")
    rec = ctx.campaign.record
    problems = None if q5.met is None else not q5.met
    # "no coalition" is what `coalitions: []` says; partners listed without the key say
    # nothing of coalitions (docs/campaign-format.md: silence is not "no coalition")
    no_coalition = (not rec.coalitions) if rec.recorded("coalitions") else None
    fires = any_of(problems, no_coalition)
    if fires:
        return (
            True,
            ([q5.because] if problems else [])
            + (
                [Msg("the record says there was no coalition (coalitions: [])")]
                if no_coalition
                else []
            ),
            [
                key
                for key, shown in (("coordination", problems), ("coalition", no_coalition))
                if shown
            ],
        )
    if problems is None and no_coalition is None:
        return None, [Msg("coalitions not recorded; {why}", why=q5.because)]
    if no_coalition is None:
        # no problem seen, but whether the campaign stood alone is not recorded
        return None, [Msg("no coordination problems; coalitions not recorded")]
    if problems is None:
        return None, [Msg("a coalition exists; coordination: {why}", why=q5.because)]
    return False, [Msg("no coordination problems; a coalition exists")]


# Each point is phrased for any campaign; `paper_example` keeps the paper's own wording,
# shown only in reports of the paper's campaigns.
RULES: list[Rule] = [
    # strengths (paper §4.1)
    Rule(
        "S1",
        "strength",
        "strengths",
        "Exposed the abuses the campaign opposed",
        judge=_exposed,
        paper_example="Exposed the regime's crimes",
    ),
    Rule(
        "S2",
        "strength",
        "strengths",
        "Media and political pressure on those responsible",
        judge=_media_pressure,
        paper_example="Media and political pressure on the regime and Russia",
    ),
    Rule(
        "S3",
        "strength",
        "strengths",
        "Practice of citizenship: the people concerned mobilised",
        judge=_citizenship,
        # the record says whether they were reached, not how many acted
        signs=(("", N_("The people concerned reached, at least in part")),),
        paper_example="Syrians mobilised",
    ),
    Rule(
        "S4",
        "strength",
        "strengths",
        "Messaging-app coordination groups",
        judge=_coordination_apps,
        # an account on the platform: what it was used for is not recorded
        signs=(("", N_("WhatsApp or Telegram accounts recorded")),),
        paper_example="WhatsApp/Telegram coordination groups",
    ),
    Rule(
        "S5",
        "strength",
        "strengths",
        "New relations with like-minded bodies",
        judge=_partners,
        # whether the relations were new is not recorded
        signs=(("", N_("Relations with other bodies: coalitions or partners recorded")),),
    ),
    Rule("S6", "strength", "strengths", "Accumulated expertise in specialised organisations"),
    Rule(
        "S7",
        "strength",
        "strengths",
        "Showed support and resilience at home",
        judge=_local_resilience,
        signs=(("", N_("Support shown at home: local or national in-person activity")),),
        paper_example="Showed internal support and resilience",
    ),
    Rule(
        "S8",
        "strength",
        "strengths",
        "First fruits in accountability or binding decisions (laws, sanctions, resolutions, treaties)",
        judge=_accountability,
        paper_example="court referrals, sanctions (Caesar Act)",
    ),
    Rule(
        "S9",
        "strength",
        "strengths",
        "Novel ideas",
        why_not="novelty is a judgement against other campaigns, not a fact in one record",
        paper_example="buses, projections, synchronised balloons",
    ),
    Rule("S10", "strength", "strengths", "Stakeholder-based community organising"),
    Rule(
        "S11",
        "strength",
        "strengths",
        "Testimony and documentaries before legislatures",
        judge=_parliament_voice,
        # engagements.csv's testimony or hearing; documentaries are not recorded
        signs=(("", N_("Testimony or a hearing before decision makers")),),
        paper_example="Documentaries and speeches in Western parliaments",
    ),
    Rule(
        "S12",
        "strength",
        "strengths",
        "Indirect rise in donations",
        judge=_donations,
        # a later figure above an earlier one; what raised it is not recorded
        signs=(("", N_("A rise in donations: a later figure above an earlier one")),),
    ),
    # weaknesses (paper §4.2), the paper's four groups
    Rule(
        "W1",
        "weakness",
        "objective",
        "Aimed at international decision makers with no pressure tools",
        (2, 14),
        judge=_no_pressure_tools,
        signs=(("", N_("Aimed at decision makers abroad with no lobbying or direct contact")),),
        applies=_dm_at_home,
    ),
    Rule(
        "W2",
        "weakness",
        "objective",
        "A very complex political reality (a veto, a blocking state)",
        why_not="political context outside the campaign's record",
        paper_example="the UNSC veto",
    ),
    Rule(
        "W3",
        "weakness",
        "objective",
        "A strong counter-narrative from the other side",
        (18,),
        judge=_counter_narrative,
        # how strong it was is not recorded
        signs=(("", N_("A counter-narrative from the other side")),),
        paper_example="the 'fighting terrorism' counter-narrative",
    ),
    Rule("W4", "weakness", "objective", "A culture unused to these tools", (6,)),
    Rule(
        "W5",
        "weakness",
        "objective",
        "Waning media interest",
        (19,),
        why_not="media interest over time is not recorded",
        paper_example="Waning Western media interest",
    ),
    Rule(
        "W6",
        "weakness",
        "self",
        "No new audiences (neutral or opposing publics, outside influencers)",
        (8, 10),
        judge=_from_criterion(1, "new_audiences", invert=True),
        paper_example="neutral, pro-regime, non-Syrian influencers",
    ),
    Rule(
        "W7",
        "weakness",
        "self",
        "Could not keep mobilisation going; foreign mobilisation weak",
        (7, 12),
        judge=_declining,
        signs=(
            ("decline", N_("Mobilisation not kept up: a comparable count fell")),
            ("foreign", N_("Foreign mobilisation weak")),
        ),
    ),
    Rule(
        "W8",
        "weakness",
        "self",
        "Spoke to its own public in its own language, not the decision makers': 'a talk with oneself'",
        (4, 13),
        judge=_from_criterion(1, "decision_makers_languages", invert=True),
        # the criterion reads the languages, not whom they addressed
        signs=(
            (
                "",
                N_(
                    "Less than half of its activities and accounts in the decision makers' "
                    "languages: 'a talk with oneself'"
                ),
            ),
        ),
        applies=_one_language,
        paper_example="Addressed local/Arab audiences in Arabic",
    ),
    Rule(
        "W9",
        "weakness",
        "self",
        "Long-settled diaspora absent from political participation",
        (14,),
        why_not="diaspora participation is not coded in the record",
    ),
    Rule(
        "W10",
        "weakness",
        "strategy",
        "Awareness-heavy strategies: mobilisation not aimed at the decision makers",
        (3, 7),
        judge=_awareness_local,
        # one sign, the point itself: what it counts (its share, and where the counted
        # activities were aimed, are the evidence's)
        applies=_dm_at_home,
        # the paper's campaigns aimed it at the local audience; a record may aim it abroad,
        # and the evidence says where (the rule's point is awareness in place of pressure)
        paper_example="aimed mainly at the local audience",
    ),
    Rule(
        "W11",
        "weakness",
        "strategy",
        "Weak strategy and foresight: goals not measurable, launches reacting to a "
        "foreseeable event, stops and restarts",
        (2, 11, 16),
        judge=_weak_strategy,
        signs=(
            ("unmeasurable", N_("Main goal not measurable")),
            ("reactive", N_("A launch reacting to a foreseeable event")),
            ("pauses", N_("Stops and restarts")),
        ),
    ),
    Rule(
        "W12",
        "weakness",
        "strategy",
        "Over-estimated achievements and a weak culture of impact evaluation",
        (3,),
        judge=_over_estimated,
        # the culture of impact evaluation is not in a record
        signs=(
            (
                "",
                N_(
                    "Over-estimated achievements: a judgement the record's own acts or "
                    "counts go against"
                ),
            ),
        ),
    ),
    Rule(
        "W13",
        "weakness",
        "strategy",
        "Cost drove the choice of low-effort activities",
        (2,),
        judge=_from_criterion(5, "low_effort_share", invert=True),
        # what drove the choice (cost) is not recorded
        signs=(("", N_("Low-effort activities more than half of the mix")),),
    ),
    Rule(
        "W14",
        "weakness",
        "strategy",
        "Dispersion and weak coordination (many hashtags, split accounts, no coalition)",
        (1, 16),
        judge=_dispersion,
        signs=(
            (
                "coordination",
                N_("Weak coordination: split accounts, competing hashtags or clashing events"),
            ),
            ("coalition", N_("No coalition")),
        ),
    ),
    Rule(
        "W15",
        "weakness",
        "implementation",
        "Virtual space as the main arena; undisciplined online discourse",
        (7, 12),
        judge=_virtual_or_hostile,
        signs=(
            ("virtual", N_("More than half of the activities virtual")),
            ("hostile", N_("Hostile language seen online")),
        ),
    ),
    Rule(
        "W16",
        "weakness",
        "implementation",
        "No visual identity or official spokesperson",
        (4,),
        judge=_no_identity,
        signs=(
            ("identity", N_("No visual identity")),
            ("spokesperson", N_("No official spokesperson")),
        ),
    ),
    Rule("W17", "weakness", "implementation", "Children exploited as social-media stars", (19,)),
    Rule(
        "W18",
        "weakness",
        "implementation",
        "Untrained citizen journalists as the campaign's faces",
        (3, 4),
    ),
    Rule("W19", "weakness", "implementation", "Political figures refused", (1,)),
    Rule(
        "W20",
        "weakness",
        "implementation",
        "Individual activists mobilise, institutions strategise, apart",
        (1, 2),
    ),
    Rule(
        "W21",
        "weakness",
        "implementation",
        "Same messages for home and foreign audiences",
        (3, 13),
        why_not="message texts per audience are not part of the record",
        paper_example="Same messages for Arab and Western audiences",
    ),
    Rule(
        "W22",
        "weakness",
        "implementation",
        "Too many shocking, bloody images",
        (18, 19),
        judge=_flag("shocking_imagery"),
        # used, as recorded; how many is not
        signs=(("", N_("Shocking imagery used")),),
    ),
    Rule("W23", "weakness", "implementation", "Scarcity of trained staff", (2, 3)),
]


def run_checklist(ctx) -> list[RuleResult]:
    return [r.run(ctx) for r in RULES]
