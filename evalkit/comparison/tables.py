"""The campaigns side by side, from their `results.json` files (never re-running them): the
paper's grid, the five verdicts, and cross-campaign findings computed from the data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd

from evalkit.evaluation.bounds import percent
from evalkit.evaluation.base import SCALE, floor_level, with_confidence
from evalkit.evaluation.grid import ATTAINMENT_WORDS
from evalkit.evaluation.judgements import NOT_COUNTED_REASONS
from evalkit.evaluation.reach import MIN_WEEKS, NO_COUNTS, dated_once
from evalkit.i18n import N_, Msg, Verbatim, joined, language, language_name, localized, tr
from evalkit.results.model import CampaignResults, LaunchTimingResult, MainGoal, read_results_dir
from evalkit.stats import RateTrend

AGREES, DISAGREES, CANNOT = N_("agrees"), N_("disagrees"), N_("cannot be computed")
MILITARY = ("aleppo-is-burning", "save-ghouta", "idlib-under-fire")


def load_results(results_dir: str | Path, ids: Optional[list[str]] = None) -> list[CampaignResults]:
    """Every `<id>/results.json` under `results_dir` (or the named ids), checked against the
    results model (a ResultsError names every file that is missing or cannot be read),
    oldest campaign first."""
    results = read_results_dir(results_dir, ids)
    label_campaigns(results)
    return sorted(results, key=lambda r: (r.facts.start, r.record.id))


def label_campaigns(results: list[CampaignResults]) -> list[CampaignResults]:
    """Name each campaign as the comparison's columns and rows show it: by its name, in the
    report's language where the record gives one (name_ar); two records of one name get
    their ids added, so that no table merges or drops one of them."""

    def named(r: CampaignResults) -> str:
        return (language() == "ar" and r.record.name_ar) or r.record.name_en

    def dated(r: CampaignResults) -> str:
        # an evaluation as of a date says so wherever the comparison names it: its verdicts
        # are the campaign's as it stood then, not its outcome
        name = named(r)
        return localized(Msg("{name} (as of {date})", name=name, date=r.as_of)) if r.as_of else name

    names = [dated(r) for r in results]
    labels = [
        name if names.count(name) == 1 else f"{name} ({r.record.id})"
        for name, r in zip(names, results)
    ]
    # the same record evaluated twice alike (two output folders): numbered, never merged
    for i, (label, r) in enumerate(zip(labels, results)):
        k = labels[:i].count(label)
        r.record.label = label if labels.count(label) == 1 else f"{label} #{k + 1}"
    return results


def rung_said(facts) -> "Msg | str | None":
    """The highest rung a campaign reached with decision makers, as recorded; 'may be
    higher' where a contact's answer is not recorded (None: no rung is known)."""
    rung = facts.decision_makers_top_rung
    if rung is None:
        return rung
    # a partial concession, or one undone by a later act, is said so as the campaign's own
    # report says it (trial 10, M4)
    note = facts.decision_makers_top_rung_note
    said = Msg("{rung} ({note})", rung=rung, note=note) if note else rung
    if not facts.decision_makers_top_rung_may_be_higher:
        return said
    return Msg("{rung} (the rung may be higher: an answer is not recorded)", rung=said)


def _name(r: CampaignResults) -> str:
    return r.record.label


def _grid(r: CampaignResults) -> pd.DataFrame:
    return pd.DataFrame(
        [g.model_dump() for g in r.grid], columns=["dimension", "item", "entry", "sources"]
    )


def grid_side_by_side(results: list[CampaignResults]) -> pd.DataFrame:
    frames = []
    for r in results:
        g = _grid(r)[["dimension", "item", "entry"]]
        frames.append(g.set_index(["dimension", "item"])["entry"].rename(_name(r)))
    out = pd.concat(frames, axis=1)
    # keep the paper's dimension order as the first record gives it
    order = list(dict.fromkeys(_grid(results[0])["dimension"]))
    out = out.reset_index()
    out["dimension"] = pd.Categorical(out["dimension"], order, ordered=True)
    return out.sort_values(["dimension"], kind="stable").fillna("—")


def verdicts(results: list[CampaignResults]) -> pd.DataFrame:
    rows = []
    for r in results:
        for n, q in sorted(r.questions.items()):
            rows.append(
                {
                    "campaign": _name(r),
                    "question": Msg("{number}. {question}", number=n, question=q.question),
                    "verdict": q.verdict,
                    # the lowest level the unjudged criteria allow, when below it
                    "verdict_floor": q.verdict_floor,
                    "confidence": q.confidence or "",
                    # as every view shows it: the level (or its range) with its confidence
                    "shown": with_confidence(q.verdict, q.confidence, q.verdict_floor),
                    # a range is coloured and ranked by its lower end: no more than is known
                    "score": SCALE.index(floor_level(q.verdict, q.verdict_floor))
                    if q.verdict in SCALE
                    else None,
                }
            )
    return pd.DataFrame(rows)


# --- cross-campaign findings -----------------------------------------------------------------
def international_stand_rates(results: list[CampaignResults]) -> pd.DataFrame:
    rows = []
    for r in results:
        for e in r.facts.event_rates:
            if e.metric == "protest_stands" and e.scope == "international":
                rows.append(
                    {
                        "campaign": _name(r),
                        "id": r.record.id,
                        "window": e.window,
                        "start": e.window_start,
                        "weeks": e.weeks,
                        "count": e.count,
                        "bound": e.bound,
                        "per week": e.per_week,
                        "rate_low": e.rate_low,
                        "rate_high": e.rate_high,
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "campaign",
            "id",
            "window",
            "start",
            "weeks",
            "count",
            "bound",
            "per week",
            "rate_low",
            "rate_high",
        ],
    ).sort_values("start", kind="stable")


# A trend across campaigns is tested only on counts that can carry it: from at least three
# campaigns (two campaigns' figures are a comparison, not a trend), most of them counted
# rather than open-ended ("more than 60" bounds the rate on one side only).
TREND_MIN_CAMPAIGNS = 3


def stand_trend_withheld(results: list[CampaignResults]) -> Optional[Msg]:
    """Why the stands' trend is not tested, or None when it is."""
    r = international_stand_rates(results)
    campaigns = r["id"].nunique() if len(r) else 0
    if campaigns < TREND_MIN_CAMPAIGNS:
        return Msg(
            "International stand counts from {n} campaign: a trend needs counts from "
            "at least {needed}, so none is tested (the counts are shown as they are).",
            "International stand counts from {n} campaigns: a trend needs counts from "
            "at least {needed}, so none is tested (the counts are shown as they are).",
            n=campaigns,
            needed=TREND_MIN_CAMPAIGNS,
        )
    open_ended = int(r["bound"].isin(["lower", "upper"]).sum())
    if open_ended * 2 > len(r):
        return Msg(
            "{open} of the {n} international stand count is an open-ended bound "
            "('more than …'): too few are counted for a trend test.",
            "{open} of the {n} international stand counts are open-ended bounds "
            "('more than …'): too few are counted for a trend test.",
            open=open_ended,
            n=len(r),
        )
    # a count dated by one date ("2016-12", "late 2018-02") may have been made on one day of
    # it: its window's weeks may be only the uncertainty of its date, no exposure to test a
    # trend of rates on (the W7 reading: reach.mobilisation_trend)
    dated = int(sum(dated_once(w) and x > MIN_WEEKS for w, x in zip(r["window"], r["weeks"])))
    if dated:
        return Msg(
            "{n} of the {total} international stand counts is dated by one date (such as "
            "'2016-12'), not a window: its weeks may be only the uncertainty of when the "
            "stands were held, no exposure for a trend test of their rates.",
            "{n} of the {total} international stand counts are dated by one date (such as "
            "'2016-12'), not a window: their weeks may be only the uncertainty of when the "
            "stands were held, no exposure for a trend test of their rates.",
            n=dated,
            total=len(r),
        )
    return None


def stand_rate_trend(results: list[CampaignResults]) -> Optional[RateTrend]:
    """The Poisson trend of international stands per week in time order, when the counts
    can carry one (stand_trend_withheld)."""
    if stand_trend_withheld(results) is not None:
        return None
    r = international_stand_rates(results)
    return RateTrend(
        [f"{c} ({w})" for c, w in zip(r["campaign"], r["window"])],
        list(r["count"]),
        list(r["weeks"]),
    )


def trended_cell(trended: int, not_recorded: Optional[int], n: int) -> "int | Msg":
    """How many hashtags trended, as a cell: those whose trending is not recorded are said,
    never shown as a 0 ("not recorded for 3 of 3"; "at least 1, not recorded for 2 of 3")."""
    if not not_recorded:
        return trended
    if not_recorded >= n:
        return Msg("not recorded for {part} of {n}", part=not_recorded, n=n)
    if trended:
        return Msg(
            "at least {trended}; not recorded for {part} of {n}",
            trended=trended,
            part=not_recorded,
            n=n,
        )
    return Msg(
        "none of the {known} with a record; not recorded for {part} of {n}",
        known=n - not_recorded,
        part=not_recorded,
        n=n,
    )


def fragmentation(results: list[CampaignResults]) -> pd.DataFrame:
    rows = []
    for r in results:
        for f in r.facts.hashtag_fragmentation:
            rows.append(
                {
                    "campaign": _name(r),
                    "phase": f.phase or N_("whole campaign"),
                    "language": language_name(f.language),
                    "written forms": f.written_forms,
                    "distinct hashtags": f.distinct,
                    "trended": trended_cell(f.trended, f.trended_not_recorded, f.written_forms),
                }
            )
    return pd.DataFrame(rows)


def sequence_links(results: list[CampaignResults]) -> list[tuple[CampaignResults, CampaignResults]]:
    """(earlier, later) pairs where a record says it `follows` another record present."""
    by_id = {r.record.id: r for r in results}
    return [
        (by_id[r.record.follows], r)
        for r in results
        if r.record.follows is not None and r.record.follows in by_id
    ]


def partner_reuse(results: list[CampaignResults]) -> pd.DataFrame:
    """Partners shared along `follows` links only: campaigns that are not a sequence did
    not "build on the last" (they may share partners by chance of the same field)."""
    rows = []
    for a, b in sequence_links(results):
        pa, pb = set(a.facts.partners), set(b.facts.partners)
        shared = sorted(pa & pb)
        union = pa | pb
        # a record that does not list its partners says nothing of them: its count is not
        # recorded, never 0, or at least its coalitions' members; and so is what it shares
        listed_a, listed_b = partners_recorded(a), partners_recorded(b)
        both = listed_a and listed_b
        rows.append(
            {
                "from": _name(a),
                "to": _name(b),
                "partners before": _partner_count(len(pa), listed_a),
                "partners after": _partner_count(len(pb), listed_b),
                "shared": _partner_count(len(shared), both),
                "shared names": joined(", ", shared)
                or (N_("none") if both else N_("not recorded")),
                "overlap (Jaccard)": len(shared) / len(union) if union and both else None,
            }
        )
    return pd.DataFrame(rows)


def _partner_count(n: int, recorded: bool) -> "int | Msg | str":
    """A count of partners as a cell: the count where the partners are listed; else what
    the coalitions' members show, a lower bound, or not recorded."""
    if recorded:
        return n
    return Msg("at least {n}", n=n) if n else N_("not recorded")


def partners_recorded(r: CampaignResults) -> bool:
    """Whether the campaign's record lists its partners (`partners: []` says none; its
    coalitions' members are not all its partners); a results.json written before it said
    so: only when it names some."""
    recorded = r.facts.partners_recorded
    return bool(r.facts.partners) if recorded is None else recorded


def coalitions_recorded(r: CampaignResults) -> bool:
    """Whether the campaign's record lists its coalitions (`coalitions: []` says none); a
    results.json written before it said so: only when it counts some."""
    recorded = r.facts.coalitions_recorded
    return r.facts.coalitions > 0 if recorded is None else recorded


def first_launch(r: CampaignResults) -> Optional[LaunchTimingResult]:
    return r.first_launch()


def goal_counted(g: MainGoal) -> bool:
    """Whether the campaign's own evaluation counted this main goal's judgement: question 3
    does not count one the record's own acts go against (results.json `counted: false`);
    the comparison reads that, never judging the goal again (an older results.json, which
    did not say, is read as it was then)."""
    return g.counted is not False


def goal_reached(g: MainGoal) -> bool:
    """Achieved at least in part, as the campaign's own evaluation counts it."""
    return g.attainment in ("achieved", "partly") and goal_counted(g)


# where a campaign's main goal stands, as its own evaluation reads it (main_goal_state)
MAIN_GOAL_STATES = ("reached", "not achieved", "not counted", "unknown", "not judged")


def main_goal_state(r: CampaignResults) -> Optional[str]:
    """One of MAIN_GOAL_STATES (None: no main goal recorded): reached when a main goal was
    achieved at least in part (and counted); else the state of one that was not judged
    "not achieved" — a judgement not counted, attainment judged unknown, or no judgement
    yet — since that goal may have been reached; "not achieved" only when every main goal
    was judged so. Silence is never put with failure."""
    goals = r.facts.main_goal
    if not goals:
        return None
    if any(goal_reached(g) for g in goals):
        return "reached"
    if any(not goal_counted(g) for g in goals):
        return "not counted"
    if any(g.attainment == "unknown" for g in goals):
        return "unknown"
    if any(g.attainment is None for g in goals):
        return "not judged"
    return "not achieved"


def not_counted_words(g: MainGoal) -> Msg:
    """A judgement the campaign's own evaluation did not count, with why, as its report says
    it; a results.json of before version 5 says that it was not counted, not why (its acts,
    its own count of the indicator): said as neither (trial 12, H3)."""
    attainment = ATTAINMENT_WORDS.get(g.attainment or "", g.attainment or "")
    if g.not_counted_because is None:
        return Msg(
            "{attainment} (not counted: the record itself goes against it)", attainment=attainment
        )
    return Msg(
        "{attainment} (not counted: {reason})",
        attainment=attainment,
        reason=NOT_COUNTED_REASONS[g.not_counted_because],
    )


def attainment_words(goals: list[MainGoal]) -> Msg | str:
    """Recorded attainments in words ('not achieved', 'partly achieved'), not codes; a goal
    not judged by the report's date is 'no judgement yet' (never 'None'); a judgement the
    campaign's own evaluation did not count says so, as its report does."""
    return joined(
        ", ",
        [
            (
                not_counted_words(g)
                if not goal_counted(g)
                else ATTAINMENT_WORDS.get(g.attainment, g.attainment)
            )
            if g.attainment
            else N_("no judgement yet")
            for g in goals
        ],
    )


def launch_words(t: LaunchTimingResult) -> Msg:
    """A launch's timing in words, e.g. 'at the hot event: reactive'."""
    reactive = {
        True: N_("reactive"),
        False: N_("not reactive"),
        None: N_("whether reactive cannot be told"),
    }[t.reactive]
    if t.designed:
        return Msg(
            "{timing} the hot event: {reactive}; designed (the campaign made its own event)",
            timing=t.timing,
            reactive=reactive,
        )
    return Msg("{timing} the hot event: {reactive}", timing=t.timing, reactive=reactive)


def _reactive_starts(starts: list[LaunchTimingResult]) -> Msg:
    """How many of the launches and relaunches were reactive: only those the dates show
    were ('1 of 2'), and those they cannot tell said apart, never counted either way."""
    n = sum(t.reactive is True for t in starts)
    untold = sum(t.reactive is None for t in starts)
    if not untold:
        return Msg("{n} of {total}", n=n, total=len(starts))
    return Msg(
        "{n} of {total}; whether reactive cannot be told for {untold}",
        n=n,
        total=len(starts),
        untold=untold,
    )


def launches(results: list[CampaignResults]) -> pd.DataFrame:
    """The launch and any relaunches after a pause; escalations of a running campaign are
    not launches and are not counted."""
    rows = []
    for r in results:
        first = r.first_launch()
        starts = [t for t in r.launch_timing if t.role in ("launch", "relaunch")]
        rows.append(
            {
                "campaign": _name(r),
                "first launch": first.timing if first else N_("not recorded"),
                "reactive": {True: "yes", False: "no", None: N_("cannot tell")}[
                    first.reactive if first else None
                ],
                "designed (made its own event)": "yes" if first and first.designed else "no",
                "reactive launches and relaunches": _reactive_starts(starts),
            }
        )
    return pd.DataFrame(rows)


def no_counts(r: CampaignResults) -> Msg:
    """What a campaign with no largest count was looked at for: every place its record may
    hold a count, or metrics.csv alone in a results.json written before evalkit read the
    others; never a bare "none" that claims more than was checked."""
    if r.facts.largest_counts_whole_record:
        return Msg(NO_COUNTS)
    return Msg(
        "none in metrics.csv (its results.json was written before evalkit read counts "
        "from the rest of the record; re-run the evaluation to read them)"
    )


def reach_against_outcome(results: list[CampaignResults]) -> pd.DataFrame:
    """Q2 (was the audience reached?) beside Q3 (were the goals achieved?): a campaign can
    reach millions and still fail its main goal; the two are never averaged."""
    rows = []
    for r in results:
        q2, q3 = r.questions["2"], r.questions["3"]
        rows.append(
            {
                "campaign": _name(r),
                "reach (Q2)": with_confidence(q2.verdict, q2.confidence, q2.verdict_floor),
                "goals (Q3)": with_confidence(q3.verdict, q3.confidence, q3.verdict_floor),
                "main goal": attainment_words(r.facts.main_goal) or N_("not recorded"),
                "largest counts recorded": joined("; ", r.facts.largest_counts) or no_counts(r),
            }
        )
    return pd.DataFrame(rows)


# the comparison's columns that hold a share (a fraction 0..1 in the frame, for the charts
# and for analysts): a report shows them as percentages ("46%", never "0.46"; shown_shares)
SHARE_COLUMNS = ("mobilisation share", "advocacy share", "lobbying share", "overlap (Jaccard)")


def shown_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as a report shows it: its share columns as whole percentages, as every share
    in an evaluation is written ("46%"); an empty share stays empty."""
    out = frame.copy()
    for column in SHARE_COLUMNS:
        if column in out.columns:
            out[column] = [
                "" if v is None or pd.isna(v) else percent(v) for v in out[column].tolist()
            ]
    return out


def mix_against_attainment(results: list[CampaignResults]) -> pd.DataFrame:
    rows = []
    for r in results:
        kinds = r.facts.activity_mix.kind
        total = sum(kinds.values())
        rows.append(
            {
                "campaign": _name(r),
                "activities": r.facts.activities,
                # a share of no activities is none: left empty, never 0%
                **{
                    f"{k} share": kinds.get(k, 0) / total if total else float("nan")
                    for k in ("mobilisation", "advocacy", "lobbying")
                },
                "main goal": attainment_words(r.facts.main_goal),
                # the main goal's own decision makers beside its attainment, and whoever
                # reached the highest rung named with it (trial 11, M4)
                "main goal's decision makers: highest rung": (
                    r.facts.main_goal_decision_makers_top_rung or N_("not recorded")
                ),
                "highest decision-maker rung": (
                    Msg(
                        "{rung}: {who}",
                        rung=said,
                        who=Verbatim(r.facts.decision_makers_top_rung_who),
                    )
                    if (said := rung_said(r.facts)) and r.facts.decision_makers_top_rung_who
                    else said or N_("not recorded")
                ),
                "reached by": r.facts.decision_makers_top_rung_by,
            }
        )
    return pd.DataFrame(rows)


def mix_plot(results: list[CampaignResults]):
    from evalkit.style.plotting import pyplot

    plt = pyplot()
    m = mix_against_attainment(results).set_index("campaign")
    shares = m[["mobilisation share", "advocacy share", "lobbying share"]]
    fig, ax = plt.subplots(figsize=(7.5, 3))
    # a campaign with no activities recorded has no shares: no bar (the table leaves it empty)
    shares.astype(float).fillna(0.0).plot.barh(
        stacked=True, ax=ax, color=["#4c72b0", "#dd8452", "#55a868"]
    )
    for i, (_, row) in enumerate(m.iterrows()):
        ax.text(
            1.01,
            i,
            tr("main goal: {attainment}").format(attainment=localized(row["main goal"])),
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, 1.45)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.xaxis.set_major_formatter(lambda v, _: percent(v))  # shares as the table shows them
    ax.invert_yaxis()
    ax.set_xlabel(tr("share of recorded activities"))
    ax.set_ylabel("")  # the campaigns name themselves (pandas would write its index name)
    # below the axes: a legend inside would cover the bars
    ax.legend(
        [tr(c) for c in shares.columns],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.3),
        ncol=3,
        frameon=False,
    )
    ax.set_title(tr("Activity mix against main-goal attainment"))
    fig.tight_layout()
    return fig
