"""The contract of `results.json`: what one evaluation computed, as the comparative report
reads it. `results.build` and `run.pipeline` write it as plain JSON (sorted keys, no
timestamps: the same record gives the same bytes); `read_results` checks a file against this
model, so a file of another schema version, a stray or truncated one, is a clear error
naming the file instead of a KeyError deep in a table.

A key added, renamed or removed, or one whose meaning changes, is a new schema version:
SCHEMA_VERSION raised, the key and the version described in docs/results-format.md (its
table of keys and its version history), and the new version's keys frozen in
tests/test_results_keys.py, which fails while the file written holds a key they do not
list. (The model forbids keys it does not know, so an evalkit that reads an older version
refuses a file with a key added since — which is why the version must say so.)

Reading: a file of this version is checked field by field; one of an older version this
evalkit still reads (READS) is read with the same model, whose keys added since default to
what an older file meant (a file that lacks a key without a default is a clear error that
names the file, its version and what is missing); a newer version, or a version no evalkit
wrote, is refused with a message naming the file, its version and the versions read here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from evalkit.i18n import Exact, Msg
from evalkit.evaluation.base import Confidence, Level
from evalkit.evaluation.checklist import RuleKind, RuleStatus
from evalkit.evaluation.judgements import NotCounted
from evalkit.evaluation.timing import Role, Timing
from evalkit.record.schema import Attainment, GoalLevel, Horizon, Metric, YesNoUnknown
from evalkit.record.values import Bound

# 2: the keys added to version-1 files without a bump (docs/results-format.md, "Versions");
# 3: facts.decision_makers_top_rung_note
# 4: facts.decision_makers_top_rung_who, facts.main_goal_decision_makers_top_rung
# 5: goals[].not_counted_because, facts.main_goal[].not_counted_because
SCHEMA_VERSION = 5
# the versions this evalkit reads: an older file is read as this version with the keys it
# lacks at their defaults ("older runs"), when it holds every key this version requires
READS = (1, 2, 3, 4, 5)


class _Part(BaseModel):
    # every key is known: a renamed or misspelt field is an error, not a silent None
    model_config = ConfigDict(extra="forbid")


class RecordRef(_Part):
    id: str
    name_en: str
    name_ar: Optional[str]
    format_version: int
    follows: Optional[str]
    _label: Optional[str] = PrivateAttr(default=None)

    @property
    def label(self) -> str:
        """The campaign's name as a comparison's column: its id added when two compared
        records share one name (comparison.load_results sets it); not in the file."""
        return self._label or self.name_en

    @label.setter
    def label(self, text: str) -> None:
        self._label = text


class GoalResult(_Part):
    id: str
    level: GoalLevel
    horizon: Horizon
    text: str
    attainment: Optional[Attainment]  # None: not judged (as of the date asked)
    judged_as_of: Optional[str]
    # False: question 3 did not count this judgement of attainment (the record's own acts
    # go against it: judgements.acts_against); None in a results.json written before this field
    counted: Optional[bool] = None
    # why it was not counted (judgements.NOT_COUNTED_REASONS); None when counted, not
    # judged, or in a results.json written before this field (version 5)
    not_counted_because: Optional[NotCounted] = None


class LaunchTimingResult(_Part):
    phase: str
    role: Role
    linked: bool
    timing: Timing
    reactive: Optional[bool]
    designed: bool
    event: Optional[str]
    lag_days: Optional[tuple[int, int]]  # launch minus event date, fewest..most days
    # timed to a scheduled event foreseeable before the start (LaunchTiming.planned); None
    # in a results.json written before it was recorded
    planned: Optional[bool] = None


class GridRow(_Part):
    dimension: str
    item: str
    entry: str
    sources: str


class PaperGridCell(_Part):
    """One cell of the paper's appendix grid against evalkit's (evaluation.paper_grid)."""

    dimension: str
    row: str
    paper: str  # the paper's code, or "text" for a row that is not a code
    evalkit: str
    agrees: bool
    because: str
    source: str


class Account(_Part):
    platform: str
    language: str
    team: Optional[str]


class EventRate(_Part):
    row: int
    metric: Metric
    scope: Optional[str]
    phase: Optional[str]
    window: str
    weeks: float
    count: str
    bound: Bound
    rate_low: Optional[float]
    rate_high: Optional[float]  # None: no upper bound ("more than 60")
    per_week: str
    window_start: str


class HashtagResult(_Part):
    text: str
    language: str
    phase: Optional[str]
    trended: YesNoUnknown
    uses: Optional[float]
    # None where uses is None, or in a results.json written before the bound was recorded
    uses_bound: Optional[Bound] = None
    uses_high: Optional[float] = None  # the top of a range of uses ("2000..3000")


class Fragmentation(_Part):
    phase: Optional[str]
    language: str
    written_forms: int
    distinct: int
    trended: int  # recorded as trended
    # hashtags whose trending is not recorded (never counted as not trended); None: a
    # results.json from before this field, which did not say
    trended_not_recorded: Optional[int] = None


class MainGoal(_Part):
    id: str
    text: str
    decision_makers: list[str]
    attainment: Optional[Attainment]
    judged_by: Optional[str]
    # False: the campaign's own evaluation (question 3) did not count this judgement — the
    # record's own acts go against it — and the comparison does not count it either; None
    # in a results.json written before this field (read as it was then: counted)
    counted: Optional[bool] = None
    # why not, as goals[].not_counted_because
    not_counted_because: Optional[NotCounted] = None


class ActivityMix(_Part):
    kind: dict[str, int]
    channel: dict[str, int]
    effort: dict[str, int]


class Facts(_Part):
    start: str  # the first day the campaign's earliest start allows
    end: str  # the last day its latest end allows
    # the same dates as the record writes them ('2023', 'mid 2025-06'); None: a results.json
    # from before these fields
    start_said: Optional[str] = None
    end_said: Optional[str] = None
    activity_mix: ActivityMix
    activities: int
    partners: list[str]
    orientations: list[str]
    coalitions: int
    # whether the record wrote its `partners` list and its `coalitions` list: a list left
    # out says nothing (`partners` above are then the coalitions' members alone, and a 0 is
    # no count of none). None: a results.json written before, which did not say
    partners_recorded: Optional[bool] = None
    coalitions_recorded: Optional[bool] = None
    hashtags: list[HashtagResult]
    hashtag_fragmentation: list[Fragmentation]
    accounts: list[Account]
    event_rates: list[EventRate]
    largest_counts: list[str]
    # True: largest_counts were read from every place a record holds counts (metrics.csv,
    # activities.csv, campaign.yaml, series.csv); False in a results.json written before,
    # whose largest_counts are metrics.csv's alone
    largest_counts_whole_record: bool = False
    main_goal: list[MainGoal]
    decision_makers_top_rung: Optional[str]
    # what reached that rung: the campaign's contacts, the decision maker's own act, or both
    # (None in a results.json written before it was recorded)
    decision_makers_top_rung_by: Optional[str] = None
    # True: a contact's answer is not recorded, and the top rung may be higher than
    # `decision_makers_top_rung` says (False in a results.json written before)
    decision_makers_top_rung_may_be_higher: bool = False
    # what that rung was, where a decision maker's own act reached it as a partial concession
    # or was undone by their last act (None: it stands as named, or a results.json before)
    decision_makers_top_rung_note: Optional[str] = None
    # who reached it (the first decision maker at that rung; None in a results.json before)
    decision_makers_top_rung_who: Optional[str] = None
    # the highest rung of the decision makers the main goals name, beside the main goal's
    # attainment (trial 11, M4: an interim goal's resolution read as the main goal's); None
    # where not known, none is named, or a results.json before
    main_goal_decision_makers_top_rung: Optional[str] = None
    visual_identity: Optional[YesNoUnknown]
    coordination_problems: list[str]


class CriterionResult(_Part):
    name: str
    met: Optional[bool]  # None: the record cannot tell
    because: str
    # False: the record gives the criterion nothing to test (it does not apply); True in a
    # results.json written before this field
    applicable: bool = True
    evidence: list[str]


class Indicator(_Part):
    indicator: str
    value: str
    evidence: str


class FindingResult(_Part):
    text: str
    evidence: list[str]


class QuestionResult(_Part):
    question: str
    number: int
    verdict: Level
    confidence: Optional[Confidence]  # None when the verdict is withheld
    verdict_cap: str
    # why the confidence was held below what the judgeable criteria give; older runs: ""
    confidence_cap: str = ""
    # the lowest level the criteria that could not be judged allow, when below `verdict`:
    # the verdict is then the range verdict_floor–verdict (older runs: None)
    verdict_floor: Optional[Level] = None
    criteria_met: int
    criteria_judgeable: int
    criteria_total: int
    criteria: list[CriterionResult]
    indicators: list[Indicator]
    findings: list[FindingResult]


class ChecklistResult(_Part):
    rule: str
    kind: RuleKind
    group: str
    text: str
    status: RuleStatus
    evidence: list[str]
    recommendations: list[int]


class RecommendationResult(_Part):
    number: int
    text: str
    because: list[str]


class SetAsideResult(_Part):
    """A recommendation a firing weakness calls for that does not fit the campaign."""

    number: int
    text: str
    why: str


class CounterfactualResult(_Part):
    sentences: list[str]
    effects: list[dict[str, Any]]  # one row per measure, the columns of Counterfactual.effects
    tail_probability: Optional[float]
    model: str  # the candidate the pre-period chose, or the one asked for
    # Counterfactual.model_choice(): each candidate, its hold-out score and weight
    model_choice: list[dict[str, Any]]
    # the chosen model's Ljung-Box check of its pre-period errors (lags, p)
    residual_check: Optional[dict[str, Any]]
    # the hot events inside the post-period, in words; older runs: none
    notes: list[str] = []


class TimeSeriesResult(_Part):
    model: str
    interruptions: dict[str, str]
    sentences: list[str]
    effects: list[dict[str, Any]]
    robust_sentences: list[str]
    robust_effects: Optional[list[dict[str, Any]]]
    # why a hot event is not an interruption of its own (too near another); older runs: none
    notes: list[str] = []


class SeriesResult(_Part):
    metric: str
    measures: Literal["reach", "outcome"]
    question: int
    points: int
    first: str
    last: str
    launch: Optional[str]
    counterfactual: Optional[CounterfactualResult]
    counterfactual_not_computed: Optional[str]
    interrupted_time_series: Optional[TimeSeriesResult]
    interrupted_time_series_not_computed: Optional[str]


class RecordWarning(_Part):
    """What the record's check found that does not stop it (evalkit.record.problems:
    a Problem that is a warning), at its file and line."""

    file: str
    line: Optional[int]
    field: str
    message: str


class CampaignResults(_Part):
    """One `<id>/results.json`."""

    schema_version: Literal[1, 2, 3, 4, 5]
    evalkit_version: str
    record_content_hash: str
    record: RecordRef
    as_of: Optional[str]
    # what the as-of cut left out (evalkit.record.asof: rows, events, phases, judgements by
    # name, and the date); empty without an as-of date
    as_of_cut: dict[str, int | str]
    goals: list[GoalResult]
    launch_timing: list[LaunchTimingResult]
    grid: list[GridRow]
    facts: Facts
    questions: dict[str, QuestionResult]  # "1".."5"
    checklist: list[ChecklistResult]
    recommendations: list[RecommendationResult]
    # recommendations set aside as not fitting the campaign's setting (Rules in context)
    recommendations_set_aside: list[SetAsideResult] = []
    series: list[SeriesResult]
    # the record's warnings (series.csv's gaps, steps and order), as of the date; older
    # runs: none
    record_warnings: list[RecordWarning] = []
    # the paper's own grid against evalkit's, for a record with a paper_grid.csv
    paper_grid: Optional[list[PaperGridCell]] = None
    # each sentence's template and fields, for a report in another language (evalkit.i18n)
    # (and the names of its fields that are the record's own words, shown as written)
    messages: dict[str, tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], list[str]]]

    def first_launch(self) -> Optional[LaunchTimingResult]:
        return next((t for t in self.launch_timing if t.role == "launch"), None)


class ResultsError(ValueError):
    """A results.json that this evalkit cannot read; the message (a catalogue sentence,
    said in the command's language) names the file."""

    def said(self, lang: str = "en") -> str:
        message = self.args[0] if self.args else ""
        return message.translated(lang) if isinstance(message, Msg) else str(message)


def read_results(path: str | Path) -> CampaignResults:
    """One results.json, checked: its schema version first (so an older or newer file says
    so, not which of its fields differ), then every field."""
    path = Path(path)
    where = Exact(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(
            Msg("{path}: cannot be read ({error})", path=where, error=Exact(exc.strerror or exc))
        ) from None
    except UnicodeDecodeError:
        raise ResultsError(
            Msg("{path}: not a text file; not a results file evalkit wrote", path=where)
        ) from None
    except json.JSONDecodeError as exc:
        raise ResultsError(
            Msg(
                "{path}: not valid JSON (line {line}, column {column}: {error}); a truncated or "
                "hand-edited file? Re-run the evaluation to write it again",
                path=where,
                line=exc.lineno,
                column=exc.colno,
                error=Exact(exc.msg),
            )
        ) from None
    if not isinstance(data, dict):
        raise ResultsError(
            Msg("{path}: not a results file evalkit wrote (not a JSON object)", path=where)
        )
    missing = [k for k in ("record", "facts", "questions", "grid") if k not in data] or [
        k for k in ("schema_version",) if k not in data
    ]
    if missing:
        raise ResultsError(
            Msg(
                "{path}: not a results file evalkit wrote (no {keys}); remove it, or name the "
                "campaigns to compare with --campaigns",
                path=where,
                keys=Exact(", ".join(repr(k) for k in missing)),
            )
        )
    version = data["schema_version"]
    by = data.get("evalkit_version")
    written_by = Msg(" (written by evalkit {by})", by=Exact(by)) if isinstance(by, str) else ""
    known = isinstance(version, int) and not isinstance(version, bool)
    if known and version > SCHEMA_VERSION:
        raise ResultsError(
            Msg(
                "{path}: results schema version {version}{by}, newer than this evalkit reads "
                "(versions {oldest} to {ours}): update evalkit to read it, or re-run the "
                "evaluation with this evalkit (evalkit run) to write it again",
                path=where,
                version=Exact(repr(version)),
                by=written_by,
                oldest=READS[0],
                ours=SCHEMA_VERSION,
            )
        )
    if version not in READS or not known:
        raise ResultsError(
            Msg(
                "{path}: results schema version {version}{by}, a version no evalkit writes; "
                "this evalkit reads versions {oldest} to {ours}: re-run the evaluation with "
                "this evalkit (evalkit run) to write it again",
                path=where,
                version=Exact(repr(version)),
                by=written_by,
                oldest=READS[0],
                ours=SCHEMA_VERSION,
            )
        )
    try:
        return CampaignResults.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        said = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or '(top)'}: {e['msg']}" for e in errors[:5]
        )
        more = Msg(" (and {n} more)", n=len(errors) - 5) if len(errors) > 5 else ""
        if version != SCHEMA_VERSION:  # an older version, read where it can be: not here
            raise ResultsError(
                Msg(
                    "{path}: results schema version {version}{by}, older than this evalkit's "
                    "{ours}, and not readable as it: {said}{more}; re-run the evaluation with "
                    "this evalkit (evalkit run) to write it again",
                    path=where,
                    version=Exact(repr(version)),
                    by=written_by,
                    ours=SCHEMA_VERSION,
                    said=Exact(said),
                    more=more,
                )
            ) from None
        raise ResultsError(
            Msg(
                "{path}: does not match results schema version {ours}: {said}{more}",
                path=where,
                ours=SCHEMA_VERSION,
                said=Exact(said),
                more=more,
            )
        ) from None


def read_results_dir(
    results_dir: str | Path, ids: Optional[list[str]] = None
) -> list[CampaignResults]:
    """Every `<id>/results.json` under `results_dir` (or the named ids), each checked. A file
    that is missing or cannot be read stops it with one ResultsError naming every such file:
    a comparison that quietly left a campaign out would read as if it had them all."""
    folder = Path(results_dir)
    paths = (
        [folder / i / "results.json" for i in ids] if ids else sorted(folder.glob("*/results.json"))
    )
    if not paths:
        raise ResultsError(
            Msg(
                "{folder}: no <id>/results.json here to compare; evaluate the records first "
                "(evalkit run)",
                folder=Exact(folder),
            )
        )
    results, problems = [], []
    for p in paths:
        if not p.is_file():
            problems.append(
                Msg("{path}: no such file; evaluate that record first (evalkit run)", path=Exact(p))
            )
            continue
        try:
            results.append(read_results(p))
        except ResultsError as exc:
            problems.append(exc.args[0])
    if problems:
        files = Msg(
            "\n".join(f"{{p{i}}}" for i in range(len(problems))),
            **{f"p{i}": p for i, p in enumerate(problems)},
        )
        raise ResultsError(
            Msg(
                "{files}\nRe-run those evaluations, or leave them out of the comparison with "
                "--campaigns (ids separated by commas)",
                files=files,
            )
        )
    return results
