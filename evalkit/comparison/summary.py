"""The comparison in a few lines, computed from the results."""

from __future__ import annotations

from typing import Optional

from evalkit.evaluation import QUESTION_WORDS
from evalkit.evaluation.base import CONFIDENCE, SCALE, floor_level, level_said, with_confidence
from evalkit.i18n import N_, Msg, joined

from evalkit.evaluation.timing import REACTIVE_WINDOW_DAYS
from evalkit.comparison.tables import _name, first_launch, goal_counted, main_goal_state
from evalkit.comparison.replication import computed_counts, paper_results, replication_table
from evalkit.results.model import CampaignResults, LaunchTimingResult


def _names(rs: list[CampaignResults]) -> str:
    # joined: the language's own commas («،» in Arabic)
    return joined(", ", [_name(r) for r in rs]) or N_("none")


def _level_count(level: "Msg | str", confidences: dict[str, int]) -> Msg:
    """'good ×3 (confidence high ×2, low ×1)': how many verdicts at a level, and how sure."""
    n = sum(confidences.values())
    known = [c for c in CONFIDENCE[::-1] if confidences.get(c)]
    if not known:  # withheld verdicts have no confidence
        return Msg("{level} ×{n}", level=level, n=n)
    if len(known) == 1:
        return Msg("{level} ×{n} ({confidence} confidence)", level=level, n=n, confidence=known[0])
    return Msg(
        "{level} ×{n} (confidence {confidences})",
        level=level,
        n=n,
        confidences=joined(", ", [Msg("{level} ×{n}", level=c, n=confidences[c]) for c in known]),
    )


# How a first launch relates to the hot events, each campaign in one group (launch_group),
# in the order the line names them after the reactive ones
LAUNCH_GROUPS = (
    ("designed", N_("{line}; designed to make their own event: {names}")),
    (
        "planned",
        N_("{line}; timed to a scheduled event foreseeable in advance (planned): {names}"),
    ),
    ("anticipated", N_("{line}; started before the hot event (anticipated it): {names}")),
    # a results.json written before `planned` was recorded cannot tell these two apart
    (
        "planned or anticipated",
        N_("{line}; started before the hot event or timed to a scheduled one: {names}"),
    ),
    (
        "independent",
        N_(
            "{line}; independent of the hot events recorded (none that sets a campaign off "
            "within {days} of the start, none linked to it): {names}"
        ),
    ),
    (
        "no event",
        N_("{line}; no hot event that sets a campaign off is recorded: {names}"),
    ),
    # dates that allow both "before" and "at" are counted neither way (timing.py)
    ("untold", N_("{line}; cannot be told from the dates: {names}")),
    ("not recorded", N_("{line}; no launch recorded: {names}")),
)


# the main goals neither reached nor judged not achieved, each said apart (summary_lines)
MAIN_GOAL_LISTS = (
    (
        "not counted",
        N_(
            "{line}; judged achieved, but not counted by the campaign's own evaluation "
            "(the record itself goes against the judgement): {names}"
        ),
    ),
    # a judgement of "partly" said as partly, never as attained (trial 11, L1)
    (
        "not counted partly",
        N_(
            "{line}; judged partly achieved, but not counted by the campaign's own "
            "evaluation (the record itself goes against the judgement): {names}"
        ),
    ),
    ("unknown", N_("{line}; attainment judged unknown: {names}")),
    ("not judged", N_("{line}; not yet judged: {names}")),
)


def launch_group(t: Optional[LaunchTimingResult]) -> str:
    """Where a first launch stands to the hot events: reactive, or one of LAUNCH_GROUPS
    (every launch is in exactly one)."""
    if t is None:
        return "not recorded"
    if t.reactive is True:
        return "reactive"
    if t.reactive is None:
        return "no event" if t.timing == "undetermined" and t.event is None else "untold"
    if t.designed:
        return "designed"
    if t.timing == "independent":
        return "independent"
    if t.planned:
        return "planned"
    anticipated = t.lag_days is not None and t.lag_days[1] < 0
    if t.planned is None:  # an older results.json: a start before the event may be planned
        return "planned or anticipated" if anticipated else "planned"
    return "anticipated"


def launch_line(results: list[CampaignResults]) -> Msg:
    """How the campaigns' first launches relate to the hot events, every campaign named:
    reactive ones first (n of all), then each other group (LAUNCH_GROUPS)."""
    groups = [(r, launch_group(first_launch(r))) for r in results]
    reactive = [r for r, g in groups if g == "reactive"]
    line = Msg(
        "First launches reactive to a hot event: {n} of {total}",
        n=len(reactive),
        total=len(results),
    )
    if reactive:
        line = Msg("{line} ({names})", line=line, names=_names(reactive))
    for group, template in LAUNCH_GROUPS:
        named = [r for r, g in groups if g == group]
        if named:
            days = {"days": Msg("{n} day", "{n} days", n=REACTIVE_WINDOW_DAYS)}
            line = Msg(
                template, line=line, names=_names(named), **(days if "{days}" in template else {})
            )
    return Msg("{line}.", line=line)


def summary_lines(results: list[CampaignResults]) -> list[Msg]:
    """The comparison in a few lines, each computed from the results (verdicts, the
    evaluators' recorded attainments, launch timing, the replication table)."""
    years = sorted(r.facts.start[:4] for r in results)
    # the span in its own whole sentence: 'started 2014 to 2024' was neither English nor,
    # in Arabic, «بدأت 2014 إلى 2024»
    if years[0] == years[-1]:
        opening = Msg(
            "{n} campaign compared, started in {year}: {names}.",
            "{n} campaigns compared, started in {year}: {names}.",
            n=len(results),
            year=years[0],
            names=_names(results),
        )
    else:
        opening = Msg(
            "{n} campaign compared, started between {first} and {last}: {names}.",
            "{n} campaigns compared, started between {first} and {last}: {names}.",
            n=len(results),
            first=years[0],
            last=years[-1],
            names=_names(results),
        )
    lines = [opening]
    spread = []
    for n, word in ((str(k), w) for k, w in QUESTION_WORDS.items()):
        # each level with the confidence of its verdicts: "good ×3" alone would read as
        # three sure verdicts when two are of low confidence
        # a range ('weak to good') is its own level, never counted as its top: ranked by
        # its lower end, then its top
        counts: dict[tuple[str, Optional[str]], dict[str, int]] = {}
        for r in results:
            q = r.questions[n]
            by = counts.setdefault((q.verdict, q.verdict_floor), {})
            by[q.confidence or ""] = by.get(q.confidence or "", 0) + 1

        def order(key: tuple[str, Optional[str]]) -> tuple[int, int]:
            level, floor = key
            if level not in SCALE:  # withheld: last
                return (1, 0)
            return (-SCALE.index(floor_level(level, floor)), -SCALE.index(level))

        spread.append(
            Msg(
                "{question} {counts}",
                question=word,
                counts=joined(
                    ", ",
                    [
                        _level_count(level_said(*key), counts[key])
                        for key in sorted(counts, key=order)
                    ],
                ),
            )
        )
    lines.append(
        Msg("Verdicts (how many campaigns at each level): {spread}.", spread=joined(" · ", spread))
    )
    # each campaign by its main goal as its own evaluation reads it (main_goal_state):
    # a failure recorded, a judgement not counted and silence are never one list
    states = [(r, main_goal_state(r)) for r in results]
    states = [
        (
            r,
            "not counted partly"
            if state == "not counted"
            and all(g.attainment == "partly" for g in r.facts.main_goal if not goal_counted(g))
            else state,
        )
        for r, state in states
    ]
    reached = [r for r, state in states if state == "reached"]
    failed = [r for r, state in states if state == "not achieved"]
    line = Msg(
        "Main goal achieved at least in part (the evaluators' judgements): {reached}; "
        "not achieved: {failed}",
        reached=_names(reached),
        failed=_names(failed),
    )
    for group, template in MAIN_GOAL_LISTS:
        named = [r for r, state in states if state == group]
        if named:
            line = Msg(template, line=line, names=_names(named))
    lines.append(Msg("{line}.", line=line))
    # 'but not their main goal' only where the evaluator judged it not achieved: a goal
    # not yet judged is no failure anyone recorded
    reach_no_goal = [
        r
        for r in failed
        # a range counts by its lower end: 'weak to good' is not known to be fair or good
        if floor_level(r.questions["2"].verdict, r.questions["2"].verdict_floor) in ("fair", "good")
        and any(g.attainment == "not_achieved" for g in r.facts.main_goal)
    ]
    if reach_no_goal:
        lines.append(
            Msg(
                "Reached their audience (question 2 fair or good) but not their main "
                "goal (judged not achieved): {names}.",
                # each with its question 2 verdict and how sure it is
                names=joined(
                    ", ",
                    [
                        Msg(
                            "{name}: {verdict}",
                            name=_name(r),
                            verdict=with_confidence(
                                r.questions["2"].verdict,
                                r.questions["2"].confidence,
                                r.questions["2"].verdict_floor,
                            ),
                        )
                        for r in reach_no_goal
                    ],
                ),
            )
        )
    lines.append(launch_line(results))
    if paper_results(results):
        claims = computed_counts(replication_table(results))
        lines.append(
            Msg(
                "The paper's claims: of {computed} computed, {agree} agree with what "
                "evalkit computed, {disagree} disagree, {cannot} cannot be computed; "
                "{restate} restate the evaluator's judgement (see the last sections).",
                computed=claims["computed"],
                agree=claims["agree"],
                disagree=claims["disagree"],
                cannot=claims["cannot"],
                restate=claims["restate"],
            )
        )
    return lines
