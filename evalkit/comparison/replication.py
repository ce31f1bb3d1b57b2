"""The replication table: the paper's claims about its own campaigns against what evalkit
computed from their records."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Optional

import pandas as pd

from evalkit.evaluation.recommendations import PAPER_CAMPAIGNS
from evalkit.evaluation.reach import weeks_msg
from evalkit.i18n import N_, Msg, joined

from evalkit.comparison.tables import (
    AGREES,
    CANNOT,
    DISAGREES,
    MILITARY,
    attainment_words,
    coalitions_recorded,
    first_launch,
    goal_counted,
    goal_reached,
    launch_words,
    partners_recorded,
    rung_said,
)
from evalkit.results.model import CampaignResults, LaunchTimingResult


# --- the replication table --------------------------------------------------------------------
COMPUTED, RESTATES = "computed", "restates judgement"


@dataclass
class Claim:
    id: str
    section: str  # where the paper says it (§, fn, appendix)
    text: str  # the claim, in English
    paper_quote: str  # the paper's own words, verbatim from the Arabic original
    quote_en: str  # those words in English
    kind: str  # COMPUTED, or RESTATES: it only reads back an evaluator's judgement
    # by_id -> (status, what evalkit computed)
    check: Callable[[dict[str, CampaignResults]], tuple[str, str]]


def _need(by_id, ids):
    missing = [i for i in ids if i not in by_id]
    return missing


def _launched(t: Optional[LaunchTimingResult]) -> LaunchTimingResult:
    """A record's first launch: every valid record has a first phase, so it has one."""
    assert t is not None, "a record without phases passed validation"
    return t


def _same_goal_and_strategy(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    goals = [" ".join(g.text for g in by_id[i].facts.main_goal) for i in MILITARY]
    sims = [SequenceMatcher(None, goals[0].lower(), g.lower()).ratio() for g in goals[1:]]
    # the kinds of activity present, not their shares of rows: a share moves when an
    # encoder splits or merges rows, whether a kind was used at all does not
    kinds = [
        frozenset(k for k, n in by_id[i].facts.activity_mix.kind.items() if n) for i in MILITARY
    ]
    text = Msg(
        "kinds of activity used: {kinds}; main-goal wording similarity to Aleppo's: "
        "{similarity} (free text, so wording, not a coded goal)",
        kinds=joined(
            "; ",
            [
                Msg("{campaign}: {kinds}", campaign=i, kinds=joined(", ", sorted(k)))
                for i, k in zip(MILITARY, kinds)
            ],
        ),
        similarity=joined(", ", [f"{s:.2f}" for s in sims]),
    )
    if len(set(kinds)) > 1:
        return DISAGREES, text
    return (AGREES if min(sims) >= 0.6 else CANNOT), text


def _no_building(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    pairs = []
    for a, b in zip(MILITARY, MILITARY[1:]):
        shared = sorted(set(by_id[a].facts.partners) & set(by_id[b].facts.partners))
        known = partners_recorded(by_id[a]) and partners_recorded(by_id[b])
        pairs.append((a, b, shared, known))
    text = joined(
        "; ",
        [
            Msg(
                "{a} → {b}: {shared}",
                a=a,
                b=b,
                # a record without partners listed shares none by name, and says nothing
                shared=joined(", ", s)
                if s
                else (N_("no shared partner") if known else N_("partners not recorded")),
            )
            for a, b, s, known in pairs
        ],
    )
    # a name is not an identity ("Amnesty International UK" / "Amnesty International"), and
    # a body acting in two campaigns (UNICEF, independently) is not a partnership carried over
    return CANNOT, Msg(
        "partner names spelled alike in consecutive campaigns: {pairs}; the "
        "records name partners as free text, with no shared identity across "
        "records and nothing saying a partnership was carried over, and lessons "
        "are not in the records",
        pairs=text,
    )


def _declining(by_id):
    rates = []
    for i in MILITARY:
        for e in by_id[i].facts.event_rates if i in by_id else []:
            if e.metric == "protest_stands" and e.scope == "international":
                rates.append((i, e))
    if len(rates) < 2:
        return CANNOT, Msg("fewer than two counted international stand figures")
    parts = [
        Msg(
            "{campaign} {window}: {count} over {weeks} = {rate}",
            campaign=i,
            window=e.window,
            count=e.count,
            weeks=weeks_msg(e.weeks),
            rate=e.per_week,
        )
        for i, e in rates
    ]
    no_idlib = not any(i == "idlib-under-fire" for i, _ in rates)
    # a decline needs each later rate's upper bound below the earlier one's lower bound
    rises = any(
        (b.rate_low or 0) > (a.rate_high if a.rate_high is not None else float("inf"))
        for (_, a), (_, b) in zip(rates, rates[1:])
    )
    if no_idlib:
        parts.append(Msg("Idlib has no counted stand figure"))
    text = joined("; ", parts)
    # the paper observed the decline in photos and did not count it (fn 55); the counts it
    # gives cover a whole phase, one month and one week, most of them open-ended: they cannot
    # carry a trend, and per week they do not even fall
    return CANNOT, Msg(
        "{rates}: the paper made no quantitative assessment (fn 55); these "
        "counts cover windows of different lengths, are bounds rather than "
        "counts{rise}, and Idlib's is missing, so no sound comparison exists",
        rates=text,
        rise=N_(" (per week they rise)") if rises else "",
    )


def _foreign_participation(by_id):
    return CANNOT, Msg(
        "no record counts foreign participants (the paper itself observed this "
        "and did not count it, fn 55)"
    )


def _fragmentation(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    out = []
    for i in MILITARY:
        frag = by_id[i].facts.hashtag_fragmentation
        first_phase = frag[0].phase if frag else None
        part = [f for f in frag if f.phase == first_phase]
        distinct = max((f.distinct for f in part), default=0)
        trended = sum(f.trended for f in part)
        # a hashtag whose trending is not recorded may have trended: never a "0 trended"
        unknown = sum(f.trended_not_recorded or 0 for f in part)
        out.append((i, distinct, trended, unknown))
    a, *rest = out
    ok = a[1] <= 1 and a[2] >= 1 and all(d > 1 and t == 0 for _, d, t, _ in rest)
    text = joined(
        "; ",
        [
            Msg(
                "{campaign}: {n} distinct hashtag per language at most in its "
                "first phase, {trended} trended",
                "{campaign}: {n} distinct hashtags per language at most in its "
                "first phase, {trended} trended",
                campaign=i,
                n=d,
                trended=t,
            )
            if not u
            else Msg(
                "{campaign}: {n} distinct hashtag per language at most in its "
                "first phase, {trended} recorded as trended, whether it trended not "
                "recorded for {unknown}",
                "{campaign}: {n} distinct hashtags per language at most in its "
                "first phase, {trended} recorded as trended, whether they trended not "
                "recorded for {unknown}",
                campaign=i,
                n=d,
                trended=t,
                unknown=u,
            )
            for i, d, t, u in out
        ],
    )
    if ok and any(u for _, _, t, u in rest if t == 0):
        return CANNOT, text  # "none trended" rests on hashtags not known not to have
    return (AGREES if ok else DISAGREES), text


def _arabic_first(by_id):
    counts = []
    for i, r in by_id.items():
        other = [a for a in r.facts.accounts if a.language not in ("ar", "unknown")]
        # an entry for "pages" run by several bodies, or for pages on no named platform,
        # stands for an unknown number of accounts
        groups = [a for a in other if a.team == "several" or a.platform == "other"]
        counts.append((i, len(other), len(groups)))
    if not counts:
        return CANNOT, Msg("no results")
    text = joined(
        "; ",
        [
            Msg(
                "{campaign}: {n} entry for accounts in another language, "
                "{groups} of them standing for an unknown number of pages",
                "{campaign}: {n} entries for accounts in another language, "
                "{groups} of them standing for an unknown number of pages",
                campaign=i,
                n=n,
                groups=g,
            )
            for i, n, g in counts
        ],
    )
    # fn 76: *each* campaign had only one or two
    if any(n - g > 2 for _, n, g in counts):
        return DISAGREES, text
    if any(g for _, _, g in counts):
        return CANNOT, text
    return (AGREES if all(1 <= n <= 2 for _, n, _ in counts) else DISAGREES), text


def _english_weak(by_id):
    tags = [(i, h) for i, r in by_id.items() for h in r.facts.hashtags if h.language != "ar"]
    known = [(i, h) for i, h in tags if h.trended != "unknown"]
    if not known:
        return CANNOT, Msg("no non-Arabic hashtag with a known trending status")
    trended = [h.text for _, h in known if h.trended == "yes"]
    ar_trended = [
        h.text
        for r in by_id.values()
        for h in r.facts.hashtags
        if h.language == "ar" and h.trended == "yes"
    ]
    text = Msg(
        "{part} of {n} non-Arabic hashtag trended; Arabic hashtags that trended: {arabic}",
        "{part} of {n} non-Arabic hashtags trended; Arabic hashtags that trended: {arabic}",
        part=len(trended),
        n=len(known),
        arabic=joined(", ", ar_trended) or N_("none"),
    )
    return (AGREES if not trended else DISAGREES), text


def _reactive(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    first = {i: first_launch(by_id[i]) for i in (*MILITARY, "caesar")}
    ok = (
        all(_launched(first[i]).reactive is True for i in MILITARY)
        and _launched(first["caesar"]).designed
    )
    text = joined(
        "; ",
        [Msg("{campaign}: {launch}", campaign=i, launch=launch_words(t)) for i, t in first.items()],
    )
    # a launch the dates cannot place before or at its event cannot confirm the claim, nor
    # refute it (timing.py); a launch certainly not reactive refutes it
    refuted = (
        any(_launched(first[i]).reactive is False for i in MILITARY)
        or not _launched(first["caesar"]).designed
    )
    if not ok and not refuted:
        return CANNOT, text
    return (AGREES if ok else DISAGREES), text


def _only_caesar(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    # as each campaign's own evaluation counts its main goal (tables.goal_reached)
    reached = [i for i in by_id if any(goal_reached(g) for g in by_id[i].facts.main_goal)]
    text = Msg(
        "main goal reached at least in part by: {campaigns} (the evaluator's recorded "
        "judgements, with the paper's evidence; not computed)",
        campaigns=joined(", ", reached) or N_("none"),
    )
    return (AGREES if reached == ["caesar"] else DISAGREES), text


def _lobbying_mattered(by_id):
    r = by_id.get("caesar")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="caesar")
    kinds = r.facts.activity_mix.kind
    combined = all(kinds.get(k, 0) > 0 for k in ("mobilisation", "advocacy", "lobbying"))
    # the records do not tie the Act to one kind of activity, so "the larger effect" cannot
    # be computed; the caveat (lobbying did not work alone) and the rung reached can
    return CANNOT, Msg(
        "Caesar: lobbying used {combined} mobilisation and advocacy ({kinds}); "
        "highest rung reached with decision makers '{rung}'; the records do not "
        "attribute that decision to one kind of activity, so which had the "
        "larger effect cannot be computed",
        combined=N_("together with") if combined else N_("without"),
        kinds=joined(", ", [f"{k} {n}" for k, n in sorted(kinds.items())]),
        rung=rung_said(r.facts),
    )


def _coalitions(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    # a record that leaves its coalitions out says nothing of them: not 0 coalitions
    counts = [
        (i, by_id[i].facts.coalitions if coalitions_recorded(by_id[i]) else None) for i in MILITARY
    ]
    text = joined(
        "; ",
        [
            Msg(
                "{campaign}: {n} coalition recorded",
                "{campaign}: {n} coalitions recorded",
                campaign=i,
                n=n,
            )
            if n is not None
            else Msg("{campaign}: coalitions not recorded", campaign=i)
            for i, n in counts
        ],
    )
    if all(n == 0 for _, n in counts):
        return AGREES, text
    return CANNOT, Msg(
        "{counts}: the records do not say whether a coalition took part in "
        "organising the campaign, which is what the paper denies",
        counts=text,
    )


def _in_person_caesar(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    ch = {i: by_id[i].facts.activity_mix.channel for i in (*MILITARY, "caesar")}
    text = joined(
        "; ",
        [
            Msg(
                "{campaign}: {n} in person, {v} virtual",
                campaign=i,
                n=c.get("in_person", 0),
                v=c.get("virtual", 0),
            )
            for i, c in ch.items()
        ],
    )
    # rows, not effort: a comparison of counts, said as such; the influential audience is
    # not in results.json. The paper's sentence (§3.2) is about Caesar alone: the military
    # campaigns' counts are shown beside it, not judged against it (Aleppo and Idlib, too,
    # have more in-person rows than virtual ones)
    caesar = ch["caesar"]
    ok = caesar.get("in_person", 0) > caesar.get("virtual", 0)
    return (AGREES if ok else DISAGREES), Msg(
        "{text} (activity rows; the audiences they aimed at are not compared)", text=text
    )


def _not_in_results(why):
    def check(by_id):
        return CANNOT, Msg(why)

    return check


def _case_reactive(case, expect):
    def check(by_id):
        if case not in by_id:
            return CANNOT, Msg("no results for {case}", case=case)
        t = _launched(first_launch(by_id[case]))
        got = t.reactive
        if got is None:
            return CANNOT, Msg(
                "whether the first launch was reactive cannot be told: {launch}",
                launch=launch_words(t),
            )
        return (AGREES if got == expect else DISAGREES), Msg(
            "first launch {launch}", launch=launch_words(t)
        )

    return check


def _case_attainment(case, expect):
    def check(by_id):
        if case not in by_id:
            return CANNOT, Msg("no results for {case}", case=case)
        goals = by_id[case].facts.main_goal
        att = [g.attainment for g in goals]
        if not any(att):  # not judged by the reports' date: there is no judgement to restate
            return CANNOT, Msg("the main goal has no judgement recorded by its report's date")
        if not all(goal_counted(g) for g in goals):  # its own evaluation did not count it
            return CANNOT, Msg(
                "recorded judgement: {attainment}; the campaign's own evaluation does not count it",
                attainment=attainment_words(goals),
            )
        return (AGREES if att == [expect] else DISAGREES), Msg(
            "recorded judgement: {attainment} (the evaluator's, from the paper's evidence; "
            "evalkit records it, it does not compute it)",
            attainment=attainment_words(goals),
        )

    return check


def _aleppo_conversion(by_id):
    r = by_id.get("aleppo-is-burning")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="aleppo-is-burning")
    kinds = r.facts.activity_mix.kind
    mob, total = kinds.get("mobilisation", 0), r.facts.activities
    rung = r.facts.decision_makers_top_rung
    main = [g.attainment for g in r.facts.main_goal]
    # the gains: how far the decision makers moved, where the record says; else whether
    # the main goal was won — a rung nobody recorded is not "not reached"
    if (
        rung is not None
        and r.facts.decision_makers_top_rung_may_be_higher
        and rung
        in (
            "not reached",
            "aware",
        )
    ):
        # an answer not recorded may have engaged them: 'not converted' would be a guess
        converted: Optional[bool] = None
        gains = Msg(
            "decision makers named in the goal: highest rung recorded '{rung}', and it may be "
            "higher (an answer to a contact is not recorded)",
            rung=rung,
        )
    elif rung is not None:
        converted = rung not in ("not reached", "aware")
        gains = Msg("decision makers named in the goal: highest rung '{rung}'", rung=rung)
    elif (
        main
        and all(a not in (None, "unknown") for a in main)
        and all(goal_counted(g) for g in r.facts.main_goal)
    ):
        converted = any(goal_reached(g) for g in r.facts.main_goal)
        gains = Msg(
            "contacts with decision makers not recorded; main goal: {attainment}",
            attainment=attainment_words(r.facts.main_goal),
        )
    else:
        converted = None
        gains = Msg("contacts with decision makers and the main goal's attainment not recorded")
    text = Msg(
        "{part} of {n} activity was mobilisation; {gains}",
        "{part} of {n} activities were mobilisation; {gains}",
        part=mob,
        n=total,
        gains=gains,
    )
    if mob / max(1, total) < 0.6:
        return DISAGREES, text
    return (CANNOT if converted is None else DISAGREES if converted else AGREES), text


def _idlib_split(by_id):
    r = by_id.get("idlib-under-fire")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="idlib-under-fire")
    teams = sorted({a.team for a in r.facts.accounts if a.team})
    if not teams:
        return CANNOT, Msg("no account records who runs it")
    text = Msg(
        "{n} account run by {teams} ({names})",
        "{n} accounts run by {teams} ({names})",
        n=len(r.facts.accounts),
        teams=Msg("{n} team", "{n} teams", n=len(teams)),
        names=joined("; ", teams),
    )
    if r.facts.coordination_problems:
        text = Msg(
            "{text}; also: {problems}",
            text=text,
            problems=joined("; ", r.facts.coordination_problems),
        )
    return (AGREES if len(teams) > 1 else DISAGREES), text


def _ghouta_identity(by_id):
    r = by_id.get("save-ghouta")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="save-ghouta")
    vi = r.facts.visual_identity
    return (AGREES if vi == "no" else CANNOT if vi in (None, "unknown") else DISAGREES), Msg(
        "visual identity recorded as: {value}", value=str(vi)
    )


def _caesar_combined(by_id):
    r = by_id.get("caesar")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="caesar")
    kinds = r.facts.activity_mix.kind
    ok = all(kinds.get(k, 0) > 0 for k in ("mobilisation", "advocacy", "lobbying"))
    return (AGREES if ok else DISAGREES), joined(
        ", ", [Msg("{kind}: {n}", kind=k, n=v) for k, v in kinds.items()]
    )


_S31 = "§3.1 «وقفة مع الحملات الثلاث»"  # the paper's cross-campaign findings
_APP = "§7 appendix (الملحقات)"
C, R = COMPUTED, RESTATES

CLAIMS = [
    Claim(
        "X1",
        _S31,
        N_("The three military campaigns repeated the same main goal and strategy."),
        "تكرار الهدف نفسه والاستراتيجيات ذاتها",
        N_("the repetition of the same goal and the same strategies"),
        C,
        _same_goal_and_strategy,
    ),
    Claim(
        "X2",
        _S31,
        N_("None built on the previous one's partners or lessons; each started from zero."),
        "بدأت كل حملة مسارها من الصفر، دون تفعيل الشراكات السابقة",
        N_(
            "each campaign started its course from zero, without activating the earlier partnerships"
        ),
        C,
        _no_building,
    ),
    Claim(
        "X3",
        _S31 + ", fn 55",
        N_(
            "Demonstrations and protest stands fell in the later campaigns compared with the first ones (observed, not counted: fn 55)."
        ),
        "أعداد المظاهرات والوقفات الاحتجاجية في الحملات الأخيرة مقارنة بالحملات الأولى",
        N_(
            "the numbers of demonstrations and protest stands in the later campaigns compared with the first"
        ),
        C,
        _declining,
    ),
    Claim(
        "X4",
        _S31 + ", fn 55",
        N_("Fewer foreign activists took part in the Idlib campaigns than before."),
        "تراجع عدد الناشطين الأجانب المشاركين في حملات إدلب مقارنة مع السابق",
        N_(
            "the number of foreign activists taking part in the Idlib campaigns fell compared with before"
        ),
        C,
        _foreign_participation,
    ),
    Claim(
        "X5",
        _APP + ", fn 53",
        N_(
            "Hashtag fragmentation grew: one hashtag trended (Aleppo phase 1); Ghouta and Idlib spread over many, none trended."
        ),
        "نتيجة لاستخدام العديد من الوسوم لم يستطع أي منها الوصول إلى الترنند العالمي",
        N_("as a result of using many hashtags, none of them could reach the global trend"),
        C,
        _fragmentation,
    ),
    Claim(
        "X6",
        "§4, fn 76",
        N_(
            "Arabic-first messaging: each campaign had only one or two accounts posting in another language."
        ),
        "لم يكن في كل حملة سوى معرف واحد أو معرفين ينشران بلغة أخرى",
        N_("each campaign had only one account or two posting in another language"),
        C,
        _arabic_first,
    ),
    Claim(
        "X7",
        "§4, fn 76",
        N_("English engagement very weak."),
        "حجم التفاعل مع المنشورات باللغة الإنكليزية، والذي كان ضعيفاً جداً",
        N_("the volume of interaction with the English posts, which was very weak"),
        C,
        _english_weak,
    ),
    Claim(
        "X8",
        "§4 (weakness 11)",
        N_("Reactive launches in all three military campaigns; Caesar designed ahead."),
        "جاءت أغلب الحملات من منطلق رد الفعل على حدث كان من الواضح أنه قادم لا محالة",
        N_("most campaigns came as a reaction to an event that was clearly coming"),
        C,
        _reactive,
    ),
    Claim(
        "X9",
        "§4 (strength 2), §3.2",
        N_("Only Caesar (partly) reached its main goal."),
        "لم تصل إلى هدفها الرئيسي كما أوضحنا",
        N_("did not reach their main goal, as we have shown"),
        R,
        _only_caesar,
    ),
    Claim(
        "X10",
        "§3.2 Caesar",
        N_(
            "In the Caesar campaigns lobbying had the larger tangible effect, but lobbying groups cannot do their work alone, without mobilisation and advocacy."
        ),
        "لا يمكن لمجموعات الضغط أن تقوم بعملها وحدها",
        N_("lobbying groups cannot do their work alone"),
        C,
        _lobbying_mattered,
    ),
    Claim(
        "X11",
        _S31,
        N_(
            "None of the campaigns addressed the Russian or even the Iranian public, although most aimed to press Russia."
        ),
        "لم تتوجه للشعب الروسي أو حتى الإيراني",
        N_("did not address the Russian or even the Iranian people"),
        C,
        _not_in_results(
            N_(
                "the records code each audience's region and whether it was "
                "targeted, but results.json does not carry audiences yet, so the "
                "comparison (read from results) cannot test it"
            )
        ),
    ),
    Claim(
        "X12",
        _S31 + ", fn 54",
        N_("No clear organiser was named; the campaigns looked like activists' initiatives."),
        "غاب عن الحملات الثلاث الإشارة الواضحة للجهات المنظمة",
        N_("the three campaigns lacked a clear indication of the organising bodies"),
        C,
        _not_in_results(
            N_(
                "the records name organisers, but not whether the campaign named "
                "them publicly, which is what the paper says was missing"
            )
        ),
    ),
    Claim(
        "X13",
        "fn 54",
        N_("No institutional bodies or coalitions took a clear part in organising."),
        "لم تظهر في هذه الحملات جهات مؤسسية أو تحالفات أسهمت في عملية التنظيم بشكل واضح",
        N_(
            "no institutional bodies or coalitions appeared that clearly contributed to the organising"
        ),
        C,
        _coalitions,
    ),
    Claim(
        "X14",
        "§4 (weakness 7)",
        N_("Advocacy efforts were weaker than mobilisation efforts."),
        "جاءت جهود المناصرة أضعف من جهود الحشد",
        N_("advocacy efforts came weaker than mobilisation efforts"),
        C,
        _not_in_results(
            N_(
                "the strength of an effort is not its number of activity rows "
                "(which move when rows are split or merged), and the records "
                "measure no strength of effort per kind"
            )
        ),
    ),
    Claim(
        "X15",
        _S31,
        N_("The discourse of some campaigns was hostile and attacking."),
        "اتسم نموذج الخطاب المستخدم في بعض الحملات بالعدائية والهجوم",
        N_("the discourse used in some campaigns was marked by hostility and attack"),
        C,
        _not_in_results(
            N_(
                "the records can flag hostile language (discourse), but "
                "results.json does not carry the flag yet"
            )
        ),
    ),
    Claim(
        "X16",
        "§3.1, fn 53",
        N_("Facebook was used more than Twitter, though Twitter suits such campaigns better."),
        "استخدام فيس بوك كمنصة أساسية للنشر والمشاركة",
        N_("using Facebook as the main platform for posting and sharing"),
        C,
        _not_in_results(
            N_(
                "use is the volume of posts per platform; the records give posts "
                "for few accounts, and counting account entries is not use"
            )
        ),
    ),
    Claim(
        "C4",
        "§3.2 Caesar",
        N_(
            "The Caesar campaigns focused on in-person activities more than on the virtual space, aimed at the influential audience."
        ),
        "ركزت هذه الحملات على الأنشطة الحضورية بشكل يفوق تركيزها على الفضاء الافتراضي",
        N_("these campaigns focused on in-person activities more than on the virtual space"),
        C,
        _in_person_caesar,
    ),
    Claim(
        "A1",
        "§3.1 Aleppo",
        N_("Aleppo Is Burning was reactive (launched with a foreseeable offensive)."),
        "فجاءت الحملة كردّ فعل على حدث عسكري قاسٍ",
        N_("so the campaign came as a reaction to a harsh military event"),
        C,
        _case_reactive("aleppo-is-burning", True),
    ),
    Claim(
        "A2",
        "§3.1 Aleppo",
        N_("Its capacity to mobilise exceeded its capacity to convert mobilisation into gains."),
        "قدرة منظّمي الحملة على الحشد كانت أكبر من قدرتهم على استثمار هذا الحشد",
        N_(
            "the organisers' capacity to mobilise was greater than their capacity to invest that mobilisation"
        ),
        C,
        _aleppo_conversion,
    ),
    Claim(
        "A3",
        _APP + ", Aleppo",
        N_("Main goal not achieved."),
        "لم تنجح في تحقيق الهدف الرئيسي للحملة",
        N_("it did not succeed in achieving the campaign's main goal"),
        R,
        _case_attainment("aleppo-is-burning", "not_achieved"),
    ),
    Claim(
        "G1",
        _APP + ", Ghouta",
        N_("Save Ghouta had no visual identity."),
        "لم يكن هناك هوية بصرية واضحة",
        N_("there was no clear visual identity"),
        C,
        _ghouta_identity,
    ),
    Claim(
        "G2",
        _APP + ", Ghouta",
        N_("Main goal not achieved."),
        "لم تنجح في تحقيق الهدف الرئيسي للحملة",
        N_("it did not succeed in achieving the campaign's main goal"),
        R,
        _case_attainment("save-ghouta", "not_achieved"),
    ),
    Claim(
        "I1",
        _APP + ", Idlib",
        N_("Idlib Under Fire had no central campaign: accounts run by different teams."),
        "المعرفّين العربي والإنكليزي لا يتبعان لفريق العمل نفسه",
        N_("the Arabic and the English accounts do not belong to the same team"),
        C,
        _idlib_split,
    ),
    Claim(
        "I2",
        _APP + ", Idlib",
        N_("Main goal not achieved."),
        "لم تنجح في تحقيق الهدف الرئيسي للحملة",
        N_("it did not succeed in achieving the campaign's main goal"),
        R,
        _case_attainment("idlib-under-fire", "not_achieved"),
    ),
    Claim(
        "C1",
        _APP + ", Caesar",
        N_("The Caesar campaigns were not reactive: designed to make an event."),
        "تم التكتم الشديد على هذه الصور لحين التحضير المناسب",
        N_("the photos were kept strictly secret until the proper preparation"),
        C,
        _case_reactive("caesar", False),
    ),
    Claim(
        "C2",
        "§3.2 Caesar",
        N_("Mobilisation, advocacy and lobbying were combined."),
        "العديد من الاستراتيجيات التي جمعت بين أنشطة الحشد",
        N_("many strategies that combined mobilisation activities"),
        C,
        _caesar_combined,
    ),
    Claim(
        "C3",
        "§3.2 Caesar",
        N_("Main goal partly achieved."),
        "نجحت الحملة بشكل جزئي في التأثير على صانع القرار",
        N_("the campaign partly succeeded in influencing the decision maker"),
        R,
        _case_attainment("caesar", "partly"),
    ),
]


def paper_results(results: list[CampaignResults]) -> list[CampaignResults]:
    """The results of the paper's own campaigns: the only ones its claims are about. A
    campaign evaluated more than once (as of several dates) is read as of the latest: the
    whole record where there is one, since the paper judged the campaigns after them."""
    best: dict[str, CampaignResults] = {}
    for r in results:
        if r.record.id not in PAPER_CAMPAIGNS:
            continue
        held = best.get(r.record.id)
        if held is None or (held.as_of is not None and (r.as_of is None or r.as_of > held.as_of)):
            best[r.record.id] = r
    return [r for r in results if best.get(r.record.id) is r]


def replication_table(results: list[CampaignResults]) -> pd.DataFrame:
    """The paper's claims against what evalkit computed, over the paper's campaigns only
    (a claim such as "English engagement very weak" is not about anyone else's campaign)."""
    by_id = {r.record.id: r for r in paper_results(results)}
    rows = []
    for c in CLAIMS:
        status, computed = c.check(by_id)
        rows.append(
            {
                "claim": c.id,
                "paper": c.section,
                "the paper says": c.text,
                "paper's words": c.paper_quote,
                "in English": c.quote_en,
                "kind": c.kind,
                "evalkit computed": computed,
                "result": status,
            }
        )
    return pd.DataFrame(rows)


def grid_agreement(results: list[CampaignResults]) -> dict:
    """The paper's appendix grids against evalkit's, over the campaigns that have one:
    {cells, agree, disagree: [{campaign, dimension, row, paper, evalkit, reason}]}."""
    cells, disagree = 0, []
    for r in results:
        for c in r.paper_grid or []:
            cells += 1
            if not c.agrees:
                disagree.append(
                    {
                        "campaign": r.record.id,
                        "dimension": c.dimension,
                        "row": c.row,
                        "paper": c.paper,
                        "evalkit": c.evalkit,
                        "reason": c.because,
                    }
                )
    return {"cells": cells, "agree": cells - len(disagree), "disagree": disagree}


def replication_items(results: list[CampaignResults]) -> list[dict]:
    """The replication table as data (comparative.json): {id, section, claim, paper_quote,
    kind, verdict, because}, in English like results.json."""
    if not paper_results(results):
        return []
    return [
        {
            "id": r["claim"],
            "section": r["paper"],
            "claim": r["the paper says"],
            "paper_quote": r["paper's words"],
            "paper_quote_en": r["in English"],
            "kind": r["kind"],
            "verdict": r["result"],
            "because": str(r["evalkit computed"]),
        }
        for r in replication_table(results).to_dict(orient="records")
    ]


def computed_counts(table: pd.DataFrame) -> dict[str, int]:
    """The headline: verdicts of the computed claims only (a claim that restates an
    evaluator's judgement agrees by construction), and how many restate one."""
    computed = table[table["kind"] == COMPUTED]["result"].value_counts()
    return {
        "computed": int((table["kind"] == COMPUTED).sum()),
        "agree": int(computed.get(AGREES, 0)),
        "disagree": int(computed.get(DISAGREES, 0)),
        "cannot": int(computed.get(CANNOT, 0)),
        "restate": int((table["kind"] == RESTATES).sum()),
    }
