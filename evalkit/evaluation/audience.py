"""Question 1: is the right audience targeted? (paper fn 16; §1.4 target audience; §4
weaknesses 6 and 8; recommendation 8)."""

from __future__ import annotations

import pandas as pd

from evalkit.i18n import N_, Msg, joined, language_names
from evalkit.record.languages import language_code as _language_code
from evalkit.record.schema import INFLUENCER_SEGMENTS, SCOPES
from evalkit.evaluation.context import (
    decision_makers_abroad,
    direct_aims,
    direct_mask,
    home_languages,
    maybe_direct_mask,
    rows_where,
)
from evalkit.evaluation.bounds import percent
from evalkit.evaluation.base import (
    Analysis,
    BarChart,
    Criterion,
    Finding,
    audience_name,
    criterion,
    fit_margins,
    row_ref,
)

EFFORT_WEIGHT = {"low": 1, "medium": 2, "high": 3}  # fn 12's three levels, equally spaced
GROUP_OF = {
    "decision_makers": N_("decision makers"),
    "general_public": N_("general public"),
    **{s: N_("influencers") for s in INFLUENCER_SEGMENTS},
}
GROUPS = ["decision makers", "influencers", "general public", N_("not stated")]
# one whole sentence per group, not "Activities aimed at {group}": Arabic puts the group in
# another case after the preposition (المؤثرين, not the list's المؤثرون)
AIMED_AT = {
    "decision makers": N_("Activities aimed at decision makers"),
    "influencers": N_("Activities aimed at influencers"),
    "general public": N_("Activities aimed at the general public"),
}


def language_code(text: str) -> str:
    """The ISO code of a language as a record writes it (code, or English or Arabic name),
    from Babel's locale data; the record layer has already refused unknown ones."""
    try:
        return _language_code(text)
    except ValueError:
        return str(text).strip().lower()


def decision_maker_languages(record) -> set[str]:
    """The languages the record gives for its decision-maker audiences: what a campaign
    aimed at them must speak (§4 weakness 8: speaking only the home language to decision
    makers abroad is 'a talk with oneself')."""
    return {
        language_code(l)
        for a in record.audiences
        if a.segment == "decision_makers"
        for l in a.languages
    }


# Where a decision maker sits, as the activity scope that reaches them: the home country's
# government is met nationally (a town's protest does not reach it), a regional body
# regionally, international bodies and blocking states internationally.
ARENA_OF_REGION = {
    "local": "national",
    "regional": "regional",
    "international": "international",
    "blocking_state": "international",
}


def arena_of(audience) -> str:
    """The scope that reaches a decision-maker audience: its `arena` when recorded (a city
    council sits locally), else its region, else national at the campaign's home and
    international abroad."""
    if audience.arena is not None:
        return audience.arena
    if audience.region is not None:
        return ARENA_OF_REGION[audience.region]
    return "national" if "home" in audience.places else "international"


def assumed_arenas(record) -> list:
    """Decision-maker audiences whose arena the record does not write (no `arena`, no
    `region`): `arena_of` assumes it from their place (national at home), a default the
    evaluator did not state, so no verdict may rest on it alone (trial 6, L4)."""
    return [
        a
        for a in record.audiences
        if a.segment == "decision_makers" and a.arena is None and a.region is None
    ]


def decision_makers_arena(record) -> str | None:
    """The widest activity scope the record's decision-maker audiences sit at (None when it
    records none): in-person activity must reach that far to press them."""
    arenas = {arena_of(a) for a in record.audiences if a.segment == "decision_makers"}
    return max(arenas, key=SCOPES.index) if arenas else None


def foreign_publics(record) -> list:
    """General-public audiences abroad (outside the campaign's home, regional publics
    aside as the paper's regional Arab public) that speak some language other than the
    home public's."""
    home = home_languages(record)
    return [
        a
        for a in record.audiences
        if a.segment == "general_public"
        and a.abroad
        and a.region != "regional"
        and any(language_code(l) not in home for l in a.languages)
    ]


def maybe_direct_said(n: int) -> Msg:
    """Why 'no direct contact' cannot be said: advocacy rows whose audience is not recorded."""
    return Msg(
        "no activity recorded as direct contact, but {n} advocacy activity has no audience "
        "or activity kind recorded: it may have been",
        "no activity recorded as direct contact, but {n} advocacy activities have no audience "
        "or activity kind recorded: they may have been",
        n=n,
    )


def audience_groups(campaign) -> pd.Series:
    """Each activity's audience group: decision makers / influencers / general public."""
    seg = {a.id: GROUP_OF[a.segment] for a in campaign.record.audiences}
    acts = campaign.activities
    return (
        acts["audience"].map(lambda a: seg.get(a, "not stated"))
        if not acts.empty
        else pd.Series(dtype=str)
    )


class RightAudience(Analysis):
    number = 1
    rests_on = ("activities",)
    question = N_("Is the right audience targeted?")
    word = N_("audience")
    introduction = N_(
        "Who holds the main goal's decision, compared with whom the activities, "
        "accounts and hashtags were aimed at, and in which languages."
    )

    def measure(self) -> None:
        c, rec, acts = self.campaign, self.campaign.record, self.campaign.activities
        self.mains = mains = [g for g in rec.goals if g.level == "main"]
        self.holders = holders = sorted({d for g in mains for d in g.decision_makers})
        self.indicator(
            Msg("Who holds the main goal's decision"),
            joined("; ", holders) or N_("not named"),
            [f"campaign.yaml goals[{g.id}]" for g in mains],
        )

        groups = audience_groups(c)
        stated = groups[groups != "not stated"]
        weights = acts["effort"].map(EFFORT_WEIGHT) if not acts.empty else pd.Series(dtype=float)
        self.shares = pd.DataFrame(
            {
                "activities": groups.value_counts().reindex(GROUPS, fill_value=0),
                "effort-weighted": weights.groupby(groups).sum().reindex(GROUPS, fill_value=0),
            }
        )
        for g in GROUPS[:3]:
            n = int(self.shares.loc[g, "activities"])
            share = n / len(stated) if len(stated) else float("nan")
            ev = row_ref("activities.csv", acts.loc[groups == g, "row"]) if n else []
            value = (
                Msg(
                    "{n} of {total} with a stated audience ({share})",
                    n=n,
                    total=len(stated),
                    share=percent(share),
                )
                if len(stated)
                else Msg("{n} of {total} with a stated audience", n=n, total=len(stated))
            )
            self.indicator(AIMED_AT[g], value, ev)
        weighted = weights[groups != "not stated"].dropna()
        self.w_total = w_total = weighted.sum()
        self.w_rows = len(weighted)
        self.w_top = w_top = weights[groups.isin(["decision makers", "influencers"])].sum()
        if w_total:
            self.indicator(
                Msg("Effort-weighted share aimed at decision makers and influencers"),
                Msg(
                    "{share} (low 1, medium 2, high 3; {n} activity with effort and audience)",
                    "{share} (low 1, medium 2, high 3; {n} activities with effort and audience)",
                    share=percent(w_top / w_total),
                    n=len(weighted),
                ),
            )

        # one definition of direct contact, used by question 5 and the checklist too
        # the direct activities' rows (line numbers): what the criteria count and cite
        self.direct = direct = rows_where(acts, direct_mask(c), "row")
        # advocacy whose audience is not recorded may be direct contact: not 'none'
        self.maybe_direct = rows_where(acts, maybe_direct_mask(c), "row")
        # what they aimed at, when not all at decision makers (context.direct_aims)
        self.direct_aims = aims = direct_aims(c)
        self.indicator(
            Msg("Activities addressed directly to decision makers"),
            Msg("{n} ({aims})", n=len(direct), aims=aims) if aims else len(direct),
            row_ref("activities.csv", direct["row"]) if len(direct) else [],
        )

        # the language rule compares with the decision makers' languages, as recorded on
        # their audiences; with none recorded it cannot be judged (never passes on nothing)
        self.dm_langs = dm_langs = decision_maker_languages(rec)
        written = acts["language"].dropna() if not acts.empty else pd.Series(dtype=str)
        # each distinct way a language is written looked up once, not once per row
        langs = written.map({w: language_code(w) for w in written.unique()})
        accounts = rec.media_tools.accounts
        acc_langs = [language_code(a.language) for a in accounts if a.language.lower() != "unknown"]
        tags = rec.media_tools.hashtags
        self.named = named = language_names(sorted(dm_langs)) or N_("not recorded")
        acts_speak = int(langs.isin(dm_langs).sum())
        accs_speak = sum(l in dm_langs for l in acc_langs)
        self.speaks, self.lang_total = acts_speak + accs_speak, len(langs) + len(acc_langs)
        self.indicator(
            Msg("Decision makers' languages (from their audiences)"),
            named,
            [
                f"campaign.yaml audiences[{a.id}]"
                for a in rec.audiences
                if a.segment == "decision_makers"
            ],
        )
        self.indicator(
            Msg("Activities in a decision makers' language"),
            Msg("{n} of {total} with a recorded language", n=acts_speak, total=len(langs)),
        )
        self.indicator(
            Msg("Accounts in a decision makers' language"),
            Msg("{n} of {total} with a recorded language", n=accs_speak, total=len(acc_langs)),
        )
        self.indicator(
            Msg("Hashtags in a decision makers' language"),
            Msg(
                "{n} of {total}",
                n=sum(language_code(h.language) in dm_langs for h in tags),
                total=len(tags),
            ),
        )

        self.blocking = blocking = [a for a in rec.audiences if a.region == "blocking_state"]
        self.indicator(
            Msg("Public of a blocking state addressed"),
            joined(
                "; ",
                [
                    Msg(
                        "{audience} (targeted: {targeted})",
                        audience=audience_name(a),
                        targeted=a.targeted,
                    )
                    for a in blocking
                ],
            )
            if blocking
            else N_("no"),
            [f"campaign.yaml audiences[{a.id}]" for a in blocking],
        )
        self.targeted = targeted = [a for a in rec.audiences if a.targeted == "yes"]
        # the paper's new audiences (weakness 6: «استقطاب جماهير جديدة», neutral or
        # pro-regime Syrians and non-Syrian influencers on decisions) are publics and
        # influencers won over, not the decision makers the campaign presses
        self.new = new = [
            a
            for a in targeted
            if a.stance in ("neutral", "opponent", "mixed") and a.segment != "decision_makers"
        ]
        # what the record does not say: a targeted public or influencer whose stance is not
        # recorded (`unknown`, the default) may be new, never an ally by default; one whose
        # targeting is not recorded may be a new audience sought, unless it is a recorded
        # ally (or a decision maker, never a new audience)
        self.stance_unknown = [
            a for a in targeted if a.stance == "unknown" and a.segment != "decision_makers"
        ]
        self.targeting_unknown = [
            a
            for a in rec.audiences
            if a.targeted == "unknown"
            and a.segment != "decision_makers"
            and (a.stance != "ally" or a.region == "blocking_state")
        ]
        shown = Msg(
            "{part} of {n} targeted audience",
            "{part} of {n} targeted audiences",
            part=len(new),
            n=len(targeted),
        )
        self.indicator(
            Msg("Targeted audiences that were not already allies"),
            # a stance not recorded is not 'ally': said, never counted as one
            Msg(
                "{shown}; stance not recorded for {n}",
                shown=shown,
                n=len(self.stance_unknown),
            )
            if self.stance_unknown
            else shown,
        )

    # --- criteria (docs/evaluation-method.md, question 1) ---
    @criterion("decision_holder_named")
    def _decision_holder_named(self) -> Criterion:
        return Criterion(
            Msg("The main goal names who can grant it"),
            bool(self.holders),
            Msg("decision makers named")
            if self.holders
            else Msg("no decision makers named in any main goal"),
            [f"campaign.yaml goals[{g.id}]" for g in self.mains],
        )

    @criterion("effort_at_decision_makers")
    def _effort_at_decision_makers(self) -> Criterion:
        w_top, w_total = self.w_top, self.w_total
        return Criterion(
            Msg("At least a third of effort aims at decision makers or influencers"),
            (w_top / w_total >= 1 / 3) if w_total else None,
            Msg("{share} of effort-weighted activities", share=percent(w_top / w_total))
            if w_total
            else Msg("no activity has both an effort level and an audience"),
            base=self.w_rows,
        )

    @criterion("direct_activity")
    def _direct_activity(self) -> Criterion:
        acts, direct, maybe = self.campaign.activities, self.direct, self.maybe_direct
        if acts.empty:
            met, because = None, Msg("no activities recorded")
        elif len(direct) or not len(maybe):
            met = len(direct) > 0
            because = Msg("{n} direct activity", "{n} direct activities", n=len(direct))
            if self.direct_aims is not None:
                because = Msg("{said} ({aims})", said=because, aims=self.direct_aims)
        else:
            met, because = None, maybe_direct_said(len(maybe))
        shown = direct if len(direct) else maybe
        return Criterion(
            Msg("Some activity goes directly to decision makers"),
            met,
            because,
            row_ref("activities.csv", shown["row"]) if len(shown) else [],
        )

    @criterion("decision_makers_languages")
    def _decision_makers_languages(self) -> Criterion:
        speaks, lang_total, dm_langs = self.speaks, self.lang_total, self.dm_langs
        return Criterion(
            Msg("At least half of activities and accounts speak the decision makers' languages"),
            (speaks / lang_total >= 0.5) if lang_total and dm_langs else None,
            Msg(
                "{part} of {n} language-coded activity or account is in the decision makers' "
                "languages ({languages})",
                "{part} of {n} language-coded activities and accounts are in the decision "
                "makers' languages ({languages})",
                part=speaks,
                n=lang_total,
                languages=self.named,
            )
            if lang_total and dm_langs
            else Msg("the decision makers' languages are not recorded on their audiences")
            if lang_total
            else Msg("no languages recorded"),
            base=lang_total,
        )

    @criterion("new_audiences")
    def _new_audiences(self) -> Criterion:
        targeted, new, blocking = self.targeted, self.new, self.blocking
        unknown, untold = self.stance_unknown, self.targeting_unknown
        sought = len(new) > 0 or any(a.targeted == "yes" for a in blocking)
        counted = Msg(
            "{new}; {blocking}",
            new=Msg(
                "{n} non-ally targeted audience", "{n} non-ally targeted audiences", n=len(new)
            ),
            blocking=Msg(
                "{n} blocking-state audience", "{n} blocking-state audiences", n=len(blocking)
            ),
        )
        # met on a new audience the record shows; not met only when every targeted public
        # and influencer has a recorded stance and every other one is recorded not targeted
        # (or an ally): a stance or a targeting not recorded is never read as 'ally' or 'no'
        if not targeted:
            met, because = None, Msg("no audience is marked targeted")
        elif sought:
            met, because = True, counted
        elif unknown or untold:
            met = None
            stance = Msg(
                "the stance of {n} targeted audience is not recorded",
                "the stance of {n} targeted audiences is not recorded",
                n=len(unknown),
            )
            targeting = Msg(
                "whether {n} audience that is no recorded ally was targeted is not recorded",
                "whether {n} audiences that are no recorded allies were targeted is not recorded",
                n=len(untold),
            )
            because = Msg(
                "{counted}; {unrecorded}",
                counted=counted,
                unrecorded=joined(
                    "; ", [m for m, n in ((stance, unknown), (targeting, untold)) if n]
                ),
            )
        else:
            met, because = False, counted
        return Criterion(
            Msg("New audiences are sought (neutral, opposing or blocking-state publics)"),
            met,
            because,
            [f"campaign.yaml audiences[{a.id}]" for a in (new if met else (*unknown, *untold))],
        )

    def conclude(self) -> None:
        holders, mains = self.holders, self.mains
        if not holders:
            self.findings.append(
                Finding(
                    Msg(
                        "The main goal does not say who can grant it, so targeting cannot be checked "
                        "against it."
                    )
                )
            )
        elif len(self.direct) == 0:
            self.findings.append(
                Finding(
                    Msg(
                        "No activity went directly to those who hold the main goal's decision "
                        "({holders}).",
                        holders=joined("; ", holders),
                    ),
                    [f"campaign.yaml goals[{mains[0].id}]"],
                )
            )
        if self.lang_total and self.dm_langs and self.speaks / self.lang_total < 0.5:
            self.findings.append(
                Finding(
                    Msg(
                        "Most language-coded activities and accounts were not in the decision makers' "
                        "languages ({languages}): the paper calls this 'a talk with oneself' (§4, "
                        "weakness 8).",
                        languages=self.named,
                    )
                )
            )
        # a movement pressing its own government has no blocking state abroad to address
        if not self.blocking and decision_makers_abroad(self.campaign.record):
            self.findings.append(
                Finding(
                    Msg(
                        "No audience in a blocking state (the public of a state that blocks the goal) "
                        "is recorded (recommendation 8)."
                    )
                )
            )

    def chart(self) -> BarChart:
        sh = self.shares
        top = float(sh.to_numpy().max()) if len(sh) else 0
        return BarChart(
            Msg(
                "Who the activities were aimed at (count; effort-weighted: low 1, medium 2, high 3)"
            ),
            [
                (
                    g,
                    [
                        ("activities", float(r["activities"]), f"{r['activities']:g}"),
                        (
                            "effort-weighted",
                            float(r["effort-weighted"]),
                            f"{r['effort-weighted']:g}",
                        ),
                    ],
                )
                for g, r in sh.iterrows()
            ],
            top,
        )

    def plot(self, ax=None):
        fig, ax = self._axes(ax)
        data = self.shares.loc[GROUPS]
        data.plot.barh(ax=ax, color=["#4c72b0", "#dd8452"])
        ax.invert_yaxis()
        ax.set_xlabel("activities (count) and effort-weighted activities")
        ax.set_ylabel("")
        ax.set_title("Who the activities were aimed at")
        fit_margins(fig, GROUPS)
        return fig
