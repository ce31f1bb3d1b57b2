"""What every evaluation question shares: criteria judged from the record, a verdict on one
documented ordinal scale, a confidence level, and findings that cite their evidence.

A question's verdict is the share of its *judgeable* criteria that are met:
    < 25 % poor · < 50 % weak · < 75 % fair · otherwise good.
Fewer than `MIN_JUDGEABLE` judgeable criteria: "insufficient evidence" — never a guess.
Missing evidence never raises a verdict: when the level were every unjudged criterion unmet
(the share of *all* criteria met) is lower, the verdict is the range between the two ('weak
to good'), of low confidence (`Verdict.floor`).
Confidence: the share of all criteria that could be judged (≥ 80 % high, ≥ 50 % medium,
else low), lowered one step when most of the numbers behind it are qualified or vague.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Optional, Sequence

import pandas as pd

from evalkit.i18n import MORE, N_, Msg, joined, listed
from evalkit.record.asof import cut_as_of
from evalkit.record.load import Campaign


def audience_name(a) -> str:
    """An audience as a reader knows it, the same way everywhere: its description when the
    record gives one; else the only name the record gives it, its id, written as words
    ('western media', not `western-media`; two audiences of one segment and region are
    still told apart). The record's own words either way (never translated)."""
    return a.description or a.id.replace("-", " ")


# whether an audience was reached, said in words ('council: reached', never 'council: yes')
REACH_WORDS = {
    "yes": N_("reached"),
    "partly": N_("partly reached"),
    "no": N_("not reached"),
    "unknown": N_("reach not recorded"),
}


def reach_said(a) -> "Msg":
    """'residents: reach not recorded', 'city council: reached'."""
    return Msg("{audience}: {reach}", audience=audience_name(a), reach=REACH_WORDS[a.reached])


def phase_names(record) -> dict[str, str]:
    """Each phase's name by its id: a reader is told a phase by the name the record gives
    it ('Petition and letters'), never by its id (`petition`)."""
    return {p.id: p.name for p in record.phases}


def phase_name(record, phase_id):
    """The name of the phase `phase_id` names (its id when the record has no such phase)."""
    return phase_names(record).get(phase_id, phase_id)


# a verdict's level and its confidence, as types and as the ordered scales
Level = Literal["poor", "weak", "fair", "good", "insufficient evidence"]
Confidence = Literal["low", "medium", "high"]
SCALE: tuple[Level, ...] = (N_("poor"), N_("weak"), N_("fair"), N_("good"))
INSUFFICIENT: Level = N_("insufficient evidence")
MIN_JUDGEABLE = 2
# a question whose criteria count the rows of a table (the activities for 1, 2 and 5; the
# contacts and acts for 4) rests on few of them below this: one row more or fewer moves a
# share by more than 20 points, or turns a criterion, so its confidence is held at low,
# whatever share of its criteria can be judged (Analysis.rests_on)
MIN_ACTIVITIES = 5
CONFIDENCE: tuple[Confidence, ...] = (N_("low"), N_("medium"), N_("high"))
N_("Poor"), N_("Weak"), N_("Fair"), N_("Good")  # capitalised, as a sentence starts


@dataclass
class Criterion:
    """One yes/no test of the record. `met` is None when the record cannot tell. `id` is
    the criterion's stable name (set from its method's `@criterion` mark): the checklist and
    other code find a criterion by it, never by its wording."""

    name: str
    met: Optional[bool]
    because: str
    evidence: list[str] = field(default_factory=list)
    id: str = ""
    # for a criterion that is a share of rows (activities with an effort level, …): how
    # many rows it is a share of. Fewer than MIN_ACTIVITIES hold the question's confidence
    # at low, however many activities the record holds (Analysis._thin_evidence)
    base: Optional[int] = None
    # False: the record gives the criterion nothing to test, as another criterion already
    # judges what it lacks (a main goal with no deadline is counted unmeasurable; "attained
    # by its deadline" then has no deadline to test). Never met nor unmet, and not counted
    # in how low the verdict could be (verdict_from's floor): it is not missing evidence
    applicable: bool = True

    def __post_init__(self):
        if not self.applicable:
            self.met = None
        if self.met is not None:
            self.met = bool(self.met)  # numpy's bool_ from pandas comparisons
        self.evidence = listed(self.evidence)


@dataclass
class Finding:
    text: str
    evidence: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.evidence = listed(self.evidence)


def any_of(*signs: Optional[bool]) -> Optional[bool]:
    """Three-valued 'or' over a rule's signs: True when the record shows any of them, False
    only when it shows every one absent, None when none is seen and the record is silent on
    one (None). Silence is never read as 'none': a sign the record does not record is not a
    sign checked and absent (docs/evaluation-method.md, "The checklist")."""
    if any(s is True for s in signs):
        return True
    return False if all(s is False for s in signs) else None


def all_of(*parts: Optional[bool]) -> Optional[bool]:
    """Three-valued 'and' over what a rule needs together (media *and* political pressure):
    False when the record shows one part absent, True only when it shows every one, None
    when a part is not recorded."""
    if any(p is False for p in parts):
        return False
    return True if all(p is True for p in parts) else None


def evidence_text(evidence: Sequence[str]) -> str:
    """Evidence as one text, 'activities.csv:2, activities.csv:5'; a list cut to its first
    rows (a large record's: evaluation keeps at most LIST_CAP) ends with their count, said
    in the report's language."""
    if evidence and isinstance(evidence[-1], Msg) and evidence[-1].template == MORE:
        return joined(", ", evidence)
    return ", ".join(evidence)


def level_said(level: str, floor: Optional[str] = None) -> "Msg | str":
    """A verdict's level in words: the level, or — when the criteria that could not be
    judged could, unmet, make it lower (`Verdict.floor`) — the range it lies in ('weak to
    good'), never the upper end alone."""
    if floor and floor != level and level != INSUFFICIENT:
        return Msg("{floor} to {level}", floor=floor, level=level)
    return level


def with_confidence(
    level: str, confidence: Optional[str], floor: Optional[str] = None
) -> "Msg | str":
    """A verdict as shown anywhere it appears — a summary line, a tile, a table cell: its
    level with its confidence ('good (low confidence)'), never the level alone; a verdict
    the unjudged criteria could lower is its range ('weak to good (low confidence)',
    `level_said`). A withheld verdict has no confidence and is its words alone
    ('insufficient evidence')."""
    if not confidence or level == INSUFFICIENT:
        return level
    if floor and floor != level:
        return Msg(
            "{floor} to {level} ({confidence} confidence)",
            floor=floor,
            level=level,
            confidence=confidence,
        )
    return Msg("{level} ({confidence} confidence)", level=level, confidence=confidence)


def level_of(shown: object) -> str:
    """The level of a verdict as `with_confidence` shows it (a table colours its cell by
    it): a level word as it is; a range ('weak to good'), its lower end — the colour never
    says more than the evidence carries; anything that is not text, ''."""
    if isinstance(shown, Msg) and "floor" in shown.fields and "level" in shown.fields:
        return str(shown.fields["floor"])
    if isinstance(shown, Msg) and set(shown.fields) == {"level", "confidence"}:
        return str(shown.fields["level"])
    return shown if isinstance(shown, str) else ""


def floor_level(level: str, floor: Optional[str]) -> str:
    """The lowest level a verdict may have (its floor when it has one): what a count or a
    colour of verdicts goes by, so that none is read higher than the evidence carries."""
    return floor if floor and level in SCALE else level


def _level(share: float) -> Level:
    """The scale's level for a share of criteria met."""
    return SCALE[min(3, int(share * 4))] if share < 1 else SCALE[3]


@dataclass
class Verdict:
    level: Level
    confidence: Optional[Confidence]
    met: int
    judgeable: int
    total: int
    cap_reason: str = ""  # why the level was held below what the share of criteria gives
    confidence_reason: str = ""  # why the confidence was held below what coverage gives
    # the level were every criterion that could not be judged unmet, when it is lower than
    # `level` (None otherwise): the verdict is then the range floor–level, never its top
    # alone, and its confidence is low (verdict_from)
    floor: Optional[Level] = None

    # criteria judged not met, and unjudged ones the floor counts (set by verdict_from:
    # a criterion that does not apply is neither)
    unmet: int = 0
    unjudged_counted: int = 0

    @property
    def withheld(self) -> bool:
        return self.level == INSUFFICIENT

    @property
    def said(self) -> "Msg | str":
        """The level (or its range) with its confidence, as every summary shows it
        (`with_confidence`)."""
        return with_confidence(self.level, self.confidence, self.floor)

    def sentence(self) -> Msg:
        if self.withheld and self.cap_reason:
            return Msg("Insufficient evidence: {reason}.", reason=self.cap_reason)
        if self.withheld:
            return Msg(
                "Insufficient evidence: only {judgeable} of {total} criteria can be "
                "judged from the record (at least {needed} are needed).",
                judgeable=self.judgeable,
                total=self.total,
                needed=MIN_JUDGEABLE,
            )
        s = Msg(
            "{Level} — {met} of {judgeable} judgeable criteria met ({unjudged} could not "
            "be judged); confidence {confidence}.",
            # a range ('Weak to good') when the unjudged criteria could make it lower
            Level=Msg("{floor} to {level}", floor=Msg(self.floor.capitalize()), level=self.level)
            if self.floor
            else Msg(self.level.capitalize()),
            met=self.met,
            judgeable=self.judgeable,
            unjudged=self.total - self.judgeable,
            confidence=self.confidence,
        )
        if self.cap_reason:
            s = Msg(
                "{sentence} Held at {level}: {reason}.",
                sentence=s,
                level=self.level,
                reason=self.cap_reason,
            )
        if self.floor:
            s = Msg(
                "{sentence} It could be as low as {floor}: {n} criterion could not be "
                "judged, and were it not met, {met} of {total} would be met; so the verdict "
                "is a range, and its confidence low.",
                "{sentence} It could be as low as {floor}: {n} criteria could not be "
                "judged, and were they not met, {met} of {total} would be met; so the verdict "
                "is a range, and its confidence low.",
                sentence=s,
                floor=self.floor,
                n=self.unjudged_counted,
                met=self.met,
                total=self.met + self.unjudged_counted + self.unmet,
            )
        if self.confidence_reason:
            s = Msg(
                "{sentence} Confidence held at {confidence}: {reason}.",
                sentence=s,
                confidence=self.confidence,
                reason=self.confidence_reason,
            )
        return s


def verdict_from(
    criteria: list[Criterion],
    vague_share: float = 0.0,
    cap: Optional[tuple[Level, str]] = None,
    confidence_cap: Optional[tuple[Confidence, str]] = None,
    lowered: Optional[str] = None,
) -> Verdict:
    """`cap` = (highest level allowed, why): a question may weigh one criterion above the
    rest (question 3: a main goal not achieved cannot make the goals 'fair').
    `confidence_cap` = (highest confidence allowed, why): the evidence is thin however many
    criteria it lets be judged (few activities).
    `lowered` = why the confidence is one step lower than coverage gives: the criteria that
    decide the verdict rest on evidence the record cannot check (question 3: a main goal
    judged attained that has no measurable indicator)."""
    judged = [c for c in criteria if c.met is not None]
    met = sum(bool(c.met) for c in judged)
    if cap is not None and cap[0] == INSUFFICIENT:  # the question's own reason to withhold
        return Verdict(INSUFFICIENT, None, met, len(judged), len(criteria), cap[1])
    if len(judged) < MIN_JUDGEABLE:
        return Verdict(INSUFFICIENT, None, met, len(judged), len(criteria))
    level = _level(met / len(judged))
    coverage = len(judged) / len(criteria)
    conf = 2 if coverage >= 0.8 else 1 if coverage >= 0.5 else 0
    if vague_share > 0.5:
        conf = max(0, conf - 1)
    reason = confidence_reason = ""
    if lowered and conf > 0:
        conf, confidence_reason = conf - 1, lowered
    if cap is not None and SCALE.index(level) > SCALE.index(cap[0]):
        level, reason = cap
    if confidence_cap is not None and conf > CONFIDENCE.index(confidence_cap[0]):
        conf, confidence_reason = CONFIDENCE.index(confidence_cap[0]), confidence_cap[1]
    # missing evidence never raises a verdict: the share of the judgeable criteria met is
    # the level on what the record shows, and the level were every unjudged criterion
    # unmet is how low it could be. When that is lower, the verdict is the range between
    # them, of low confidence (a criterion turned from 'not met' to 'cannot be judged' can
    # raise the top of the range, never its bottom: docs/evaluation-method.md)
    lowest = _level(met / sum(c.applicable for c in criteria))
    if SCALE.index(lowest) > SCALE.index(level):  # a cap holds the range's top, and so its bottom
        lowest = level
    floor: Optional[Level] = None
    if lowest != level:
        floor, conf = lowest, 0
    return Verdict(
        level,
        CONFIDENCE[conf],
        met,
        len(judged),
        len(criteria),
        reason,
        confidence_reason,
        floor,
        unmet=len(judged) - met,
        unjudged_counted=sum(c.met is None and c.applicable for c in criteria),
    )


def criterion(criterion_id: str):
    """Marks a method of a question as one of its criteria. The method returns a Criterion;
    the question judges its criteria in the order its class defines them."""

    def mark(method):
        method.criterion_id = criterion_id
        return method

    return mark


@dataclass
class BarChart:
    """A chart of horizontal bars as data: the report draws it (render.report.bar_chart);
    the question only says what it shows. Each group is (label, [(series, value, text,
    colour or None)]); `top` is the value of a full bar."""

    title: str
    groups: list[tuple]
    top: float
    colours: tuple[str, ...] = ()


@dataclass
class OrdinalChart:
    """Ordinal judgements as labelled marks on their scale, never as lengths: 'partly
    achieved' is a step, not 75 % of a bar. Each row is (label, the step judged or None,
    the words shown, colour)."""

    title: str
    scale: tuple[str, ...]
    rows: list[tuple]


def row_ref(table: str, rows) -> list[str]:
    return [f"{table}:{int(r)}" for r in rows]


class Analysis:
    """One evaluation question, computed from a record in one call.

    A question describes itself: its `number`, the `question` it asks, a short `word` for
    summaries, the `introduction` under its heading in the report. Computing it runs
    `measure()` (its indicators and whatever its criteria read), then each method marked
    `@criterion(id)` in the order the class defines them, then `conclude()` (its findings).
    `.summary()` gives the indicators table, `.verdict`, `.criteria` and `.findings`;
    `.chart()` what the report draws, `.plot()` a matplotlib figure.
    """

    number: int = 0
    question: str = ""
    word: str = ""
    introduction: str = ""
    # the record's tables whose rows the criteria count: fewer than MIN_ACTIVITIES rows in
    # them hold the confidence at low (one rule for every question, `_thin_rows`)
    rests_on: tuple[str, ...] = ()

    def __init__(self, campaign: Campaign, as_of: Optional[date] = None):
        # the campaign as it stood on the as-of date: the one cut (record.asof), made here
        # too so that a question built on its own sees no more than the evaluation does
        self.campaign = cut_as_of(campaign, as_of)
        self.as_of = as_of
        self.indicators: list[tuple[str, str, str]] = []  # (indicator, value, evidence)
        self.findings: list[Finding] = []
        self.vague_share = 0.0
        self.cap: Optional[tuple[Level, str]] = None
        # why the confidence is one step lower than the criteria's coverage gives (set by
        # measure or conclude; verdict_from's `lowered`)
        self.confidence_lowered: Optional[str] = None
        # (highest confidence allowed, why), set by measure or conclude: the question's own
        # reason to hold it, beside the thin tables' (`_thin_rows`, `_thin_shares`)
        self.confidence_held: Optional[tuple[Confidence, str]] = None
        self.measure()
        self.criteria: list[Criterion] = []
        for name in self.criterion_methods():
            c = getattr(self, name)()
            c.id = getattr(type(self), name).criterion_id
            self.criteria.append(c)
        self.conclude()
        self.verdict = verdict_from(
            self.criteria,
            self.vague_share,
            self.cap,
            self._thin_rows() or self._thin_shares() or self.confidence_held,
            self.confidence_lowered,
        )

    def _thin_rows(self) -> Optional[tuple[Confidence, str]]:
        """Fewer than MIN_ACTIVITIES rows in the tables the question rests on hold its
        confidence at low. A table the record states empty (`no_engagements: true`) is a
        full account, not a thin one."""
        if not self.rests_on:
            return None
        n = sum(len(getattr(self.campaign, table)) for table in self.rests_on)
        stated = "engagements" in self.rests_on and self.campaign.record.no_engagements
        if n >= MIN_ACTIVITIES or (n == 0 and stated):
            return None
        if self.rests_on != ("activities",):
            return (
                CONFIDENCE[0],
                Msg(
                    "the record holds {n} contact or act of decision makers (engagements.csv, "
                    "decisions.csv; fewer than {min}: one more or fewer could turn a criterion)",
                    "the record holds {n} contacts and acts of decision makers (engagements.csv, "
                    "decisions.csv; fewer than {min}: one more or fewer could turn a criterion)",
                    n=n,
                    min=MIN_ACTIVITIES,
                ),
            )
        return (
            CONFIDENCE[0],
            Msg(
                "the record holds {n} activity (fewer than {min}: one more or fewer would "
                "move a share of them by more than 20 points)",
                "the record holds {n} activities (fewer than {min}: one more or fewer would "
                "move a share of them by more than 20 points)",
                n=n,
                min=MIN_ACTIVITIES,
            ),
        )

    def _thin_shares(self) -> Optional[tuple[Confidence, str]]:
        """A share criterion judged on fewer than MIN_ACTIVITIES rows: one row more or fewer
        would turn it, whatever the record's size (1 of 5 activities with an audience, at
        100 %, is no measure of where the effort went)."""
        thin = [
            c
            for c in self.criteria
            if c.met is not None and c.base is not None and c.base < MIN_ACTIVITIES
        ]
        if not thin:
            return None
        return (
            CONFIDENCE[0],
            Msg(
                "{shares} (fewer than {min}: one more or fewer would move a share of them by "
                "more than 20 points)",
                shares=joined(
                    "; ",
                    [
                        Msg(
                            "'{name}' is a share of {n} recorded item",
                            "'{name}' is a share of {n} recorded items",
                            name=c.name,
                            n=c.base,
                        )
                        for c in thin
                    ],
                ),
                min=MIN_ACTIVITIES,
            ),
        )

    @classmethod
    def criterion_methods(cls) -> list[str]:
        """The names of the methods marked `@criterion`, in the order the class (then its
        bases) defines them."""
        names: list[str] = []
        for klass in cls.__mro__:
            for name, value in vars(klass).items():
                if hasattr(value, "criterion_id") and name not in names:
                    names.append(name)
        return names

    @classmethod
    def criterion_ids(cls) -> list[str]:
        return [getattr(cls, name).criterion_id for name in cls.criterion_methods()]

    def criterion(self, criterion_id: str) -> Criterion:
        """One criterion by its id (a KeyError names the question's ids)."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(
            f"question {self.number} has no criterion {criterion_id!r}; "
            f"its criteria: {', '.join(c.id for c in self.criteria)}"
        )

    @classmethod
    def title(cls) -> Msg:
        """The report's heading: '1. Is the right audience targeted?'."""
        return Msg("{number}. {question}", number=cls.number, question=cls.question)

    def measure(self) -> None:  # pragma: no cover - each question implements it
        raise NotImplementedError

    def conclude(self) -> None:
        """The question's findings, from its indicators and criteria (none by default)."""

    def chart(self) -> "BarChart | OrdinalChart | list[BarChart] | str | None":
        """What the report draws for this question: bar charts as data, a sentence when
        there is nothing to draw, or None for the matplotlib figure of `.plot()`."""
        return None

    def indicator(self, name: str, value, evidence: Sequence[str] | str = ()) -> None:
        if isinstance(evidence, str):
            evidence = [evidence]
        # a Msg stays one (a str that a report can translate)
        self.indicators.append(
            (name, value if isinstance(value, str) else str(value), evidence_text(listed(evidence)))
        )

    def summary(self) -> pd.DataFrame:
        return pd.DataFrame(self.indicators, columns=["indicator", "value", "evidence"])

    def criteria_table(self) -> pd.DataFrame:
        word = {True: N_("met"), False: N_("not met"), None: N_("cannot be judged")}
        # a criterion the record gives nothing to test (no deadline; no interim goal listed)
        # does not apply, as docs/evaluation-method.md says: not "cannot be judged", which
        # says evidence is missing (trial 6, L9)
        return pd.DataFrame(
            [
                (
                    c.name,
                    word[c.met] if c.applicable else N_("does not apply"),
                    c.because,
                    evidence_text(c.evidence),
                )
                for c in self.criteria
            ],
            columns=["criterion", "result", "because", "evidence"],
        )

    def to_dict(self) -> dict:
        v = self.verdict
        return {
            "question": self.question,
            "number": self.number,
            "verdict": v.level,
            "confidence": v.confidence,
            "verdict_cap": v.cap_reason,
            "confidence_cap": v.confidence_reason,
            # the lowest level the unjudged criteria allow, when below `verdict` (else None)
            "verdict_floor": v.floor,
            "criteria_met": v.met,
            "criteria_judgeable": v.judgeable,
            "criteria_total": v.total,
            "criteria": [
                {
                    "name": c.name,
                    "met": None if c.met is None else bool(c.met),
                    "applicable": c.applicable,
                    "because": c.because,
                    "evidence": c.evidence,
                }
                for c in self.criteria
            ],
            "indicators": [
                {"indicator": a, "value": b, "evidence": e} for a, b, e in self.indicators
            ],
            "findings": [{"text": f.text, "evidence": f.evidence} for f in self.findings],
        }

    def plot(self, ax=None):  # pragma: no cover - each question implements it
        raise NotImplementedError

    @staticmethod
    def _nothing_to_plot(fig, ax, message: str):
        ax.text(0.5, 0.5, message, ha="center", va="center")
        ax.set_axis_off()
        return fig

    def _axes(self, ax, size=(7, 3.2)):
        from evalkit.style.plotting import pyplot

        plt = pyplot()
        if ax is None:
            fig, ax = plt.subplots(figsize=size)
        return ax.figure, ax


def fit_margins(fig, labels, bottom: float = 0.2, wspace: float = 0.0) -> None:
    """Room for the y-axis labels from their length, without tight_layout's extra draw
    (which doubled the cost of every figure in a report)."""
    longest = max((len(str(l)) for l in labels), default=8)
    width = fig.get_figwidth()
    left = min(0.55, (0.25 + 0.075 * longest) / width)
    fig.subplots_adjust(left=left, right=0.97, top=0.88, bottom=bottom, wspace=wspace)
