"""The campaign record's data contract, as code.

A record is a folder: `campaign.yaml` (the campaign's structure) and three CSV tables that an
evaluator fills in a spreadsheet (`activities.csv`, `metrics.csv`, `engagements.csv`). The
models below are the contract; `docs/campaign-format.md` explains every field with examples.
Controlled vocabularies follow the paper (digest §1-§2): the appendix grid, the effort table
(footnote 12), the activity kinds (footnote 26), the audience groups (section 4, fn 23).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
import functools
from types import UnionType
from typing import (
    Annotated,
    Any,
    Callable,
    ClassVar,
    Literal,
    Optional,
    Union,
    get_args,
    get_origin,
)

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from evalkit.record.languages import parse_language
from evalkit.i18n import Exact, Msg, joined
from evalkit.record.problems import quoted
from evalkit.record.values import DateSpan, Quantity

# Version 2 added vocabulary (scope national, metric kinds views/pledges/donations/percent,
# ranges, coalition_building, treaty/executive_decision/withdrawn responses, celebrities), a phase's
# `trigger`, a record's `follows`, a coalition's `size` and activities' `event`; later,
# optional fields only (issue 19): decisions.csv (decision makers' own acts), metrics'
# `cumulative`, a judgement's `attained`, an audience's `place`, `opponents`,
# `no_engagements`, languages by name. Every version-1 record is a valid version-2 record,
# so both are read by the same contract.
FORMAT_VERSION = 2
SUPPORTED_FORMAT_VERSIONS = (1, 2)

Date = Annotated[DateSpan, BeforeValidator(DateSpan.parse)]
Count = Annotated[Quantity, BeforeValidator(Quantity.parse)]
# a metric's value: a count, a share or an amount, as its metric's kind says (MetricRow.across)
Measure = Annotated[Quantity, BeforeValidator(Quantity.measured)]


def _made_already(d: DateSpan) -> DateSpan:
    """A judgement is made on evidence already in: the earliest day its date (and the date
    of the attainment it records) allows cannot be after the day the record is checked
    ('2026' is accepted during 2026, not before)."""
    today = date.today()
    if d.start > today:
        raise ValueError(
            Msg(
                "{date} is after today ({today}): a judgement records what had happened when "
                "it was made, not what is to come",
                date=Exact(d.text),
                today=today.isoformat(),
            )
        )
    return d


JudgedOn = Annotated[DateSpan, BeforeValidator(DateSpan.parse), AfterValidator(_made_already)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
SourceRef = Annotated[str, Field(min_length=1)]
# an ISO 639 code or a language's name in English or Arabic, kept as the code
Language = Annotated[str, BeforeValidator(parse_language)]

# --- vocabularies --------------------------------------------------------------------------
GoalLevel = Literal["interim", "main"]
Horizon = Literal["short", "medium", "long"]
Attainment = Literal["achieved", "partly", "not_achieved", "unknown"]
HotEventKind = Literal[
    "offensive",
    "ceasefire",
    "truce",
    "agreement",
    "summit",
    "photo_release",
    "vote",
    "law",
    "hearing",
    "publication",
    "other",
]
# Events that can set off a campaign; the others (truces, deals, laws) close or answer one.
TRIGGER_KINDS = ("offensive", "photo_release", "vote", "hearing", "publication", "other")
Segment = Literal[
    "decision_makers",
    "media",
    "politicians",
    "civil_society",
    "academics",
    "celebrities",
    "general_public",
]
INFLUENCER_SEGMENTS = ("media", "politicians", "civil_society", "academics", "celebrities")
Tier = Literal["primary", "secondary"]
Region = Literal["local", "regional", "international", "blocking_state"]
# Where a public is, relative to the campaign (the paper's regions are its own setting: see
# REGION_PLACES): its home, the place the cause concerns, where the decision makers sit,
# other countries. A domestic movement's public is all of home, affected and decision makers'.
Place = Literal["home", "affected", "decision_makers", "other_countries"]
PLACES = ("home", "affected", "decision_makers", "other_countries")
# The paper's regions read as places: its campaigns were run by the affected people (local =
# home and the affected place) for decision makers abroad (international = the Western
# decision makers' countries); regional (Arab) publics and blocking states are other countries.
REGION_PLACES = {
    "local": ("home", "affected"),
    "regional": ("other_countries",),
    "international": ("decision_makers", "other_countries"),
    "blocking_state": ("other_countries",),
}
OpponentKind = Literal["counter_campaign", "lobby", "government", "media", "armed_group", "other"]
Stance = Literal["ally", "neutral", "opponent", "mixed", "unknown"]
Reached = Literal["yes", "partly", "no", "unknown"]
Presence = Literal["absent", "present", "dominant", "unknown"]
YesNoUnknown = Literal["yes", "no", "unknown"]
Platform = Literal[
    "twitter", "facebook", "instagram", "youtube", "telegram", "whatsapp", "website", "other"
]
PartnerKind = Literal[
    "ngo",
    "coalition",
    "media",
    "government",
    "intergovernmental",
    "diaspora_organisation",
    "legal",
    "academic",
    "individual",
    "other",
]
ActivityKind = Literal["mobilisation", "advocacy", "lobbying", "coalition_building"]
ACTIVITY_KINDS = ("mobilisation", "advocacy", "lobbying", "coalition_building")
PaperActivityKind = Literal["evidence_argument", "direct_to_decision_makers", "public_pressure"]
Effort = Literal["low", "medium", "high"]
Channel = Literal["virtual", "in_person"]
Scope = Literal["local", "national", "regional", "international"]
SCOPES = ("local", "national", "regional", "international")
Metric = Literal[
    "hashtag_uses",
    "posts",
    "followers",
    "protest_stands",
    "demonstrations",
    "signatures",
    "media_items",
    "co_sponsors",
    "events",
    "participants",
    "cities",
    "countries",
    "organisations",
    "views",
    "pledges",
    "donations",
    "percent",
    "other",
]
# What a metric's value is, and so what it may be: a count of things (signatures, posts,
# views) is a whole number; a share (`percent`, e.g. of a poll) runs from 0 to 100 and may
# have decimals (45.5); an amount of money (`donations`, in the currency the note names)
# may have cents. Every metric not listed is a count.
MetricKind = Literal["count", "share", "amount"]
METRIC_KINDS: dict[str, MetricKind] = {"percent": "share", "donations": "amount"}


def metric_kind(metric: str) -> MetricKind:
    return METRIC_KINDS.get(metric, "count")


def metric_value_problem(values: dict, written: str) -> Optional[Msg]:
    """What is wrong with a metric's `value` (as `written`) for its metric's kind: a count
    with decimals, a share outside 0–100; None when nothing is."""
    metric, q = values["metric"], values["value"]
    kind = metric_kind(metric)
    if kind == "count" and not all(float(v).is_integer() for v in (q.value, q.high or 0)):
        # each metric's code as written, its kind in the reader's words (trial 10, L9)
        decimals = joined(
            ", ",
            [Msg("{metric} ({kind})", metric=Exact(m), kind=k) for m, k in METRIC_KINDS.items()],
        )
        return Msg(
            "{metric} is a count, and a count is a whole number, got {value}; a decimal point "
            "only goes before a scale word ('1.2 million'). If a spreadsheet turned '1.200' "
            "into 1.2, write the count without the point (1200) or as text. Only a metric "
            "that is no count may have decimals: {decimals}",
            metric=Exact(metric),
            value=quoted(written),
            decimals=decimals,
        )
    if kind == "share" and max(q.value, q.high or 0) > 100:
        return Msg(
            "{metric} is a share from 0 to 100, got {value}; write a share as its percentage "
            "(45.5 for 45.5%), and a count with its own metric",
            metric=Exact(metric),
            value=quoted(written),
        )
    return None


EngagementType = Literal[
    "meeting",
    "testimony",
    "hearing",
    "letter",
    "petition_delivered",
    "briefing",
    "exhibition",
    "other",
]
# What decision makers did on their own (decisions.csv), apart from contacts with the campaign
DecisionAct = Literal[
    "statement",
    "plan",
    "vote",
    "resolution",
    "law",
    "treaty",
    "executive_decision",
    "sanctions",
    "truce",
    "withdrawn",
    "other",
]
Direction = Literal["for", "against", "partial"]  # relative to the campaign's ask
CampaignAnswer = Literal["accepted", "rejected", "unknown"]  # to a partial concession
Response = Literal[
    "none",
    "rejected",
    "statement",
    "vote",
    "resolution",
    "law",
    "truce",
    "sanctions",
    "treaty",
    "executive_decision",
    "withdrawn",
    "unknown",
]
DISCOURSE_ELEMENTS = ("informational", "emotional", "humanitarian", "rational", "call_to_action")


class _Strict(BaseModel):
    # a number where text goes (`target: 10000`, an id `2018`, a workbook's number cell)
    # is the text of its digits: YAML reads them as a number, the evaluator wrote text
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
    )
    # the row's checks across its fields (tables only: Across)
    across: ClassVar[tuple[Across, ...]] = ()


@dataclass(frozen=True)
class Across:
    """A table row's check across its fields, which the table reader makes (a row model has
    no model validator: a table is checked a column at a time, evalkit.record.load): once
    every one of `fields` is valid on a row, `check(values, written)` — the fields' values
    and the cell of `field` as written — says what is wrong, at `field`, or None."""

    field: str
    fields: tuple[str, ...]
    check: Callable[[dict, str], Optional[str]]


# --- campaign.yaml -------------------------------------------------------------------------
class Source(_Strict):
    id: Slug
    citation: Text = Field(description="where the fact is, e.g. 'Paper §3.1, Aleppo; appendix'")
    url: Optional[str] = None
    published: Optional[Date] = Field(
        None,
        description="when the source was published (an as-of report marks one published "
        "after its date); without it, a date in the citation is read",
    )


class Names(_Strict):
    en: Text
    ar: Optional[str] = None


class Phase(_Strict):
    id: Slug
    name: Text
    start: Date
    end: Date
    trigger: Optional[Slug] = Field(
        None,
        description="the hot event (its id) this phase answers, when the evaluator "
        "knows it; otherwise evalkit looks for one near the start",
    )
    description: Optional[str] = None
    source: SourceRef


class HotEvent(_Strict):
    id: Slug
    kind: HotEventKind
    description: Text
    date: Date
    foreseeable_from: Optional[Date] = Field(
        None, description="from when a prepared observer could expect it"
    )
    made_by_campaign: bool = Field(
        False, description="the campaign chose this event's timing (e.g. Caesar's photo release)"
    )
    source: SourceRef


class Judgement(_Strict):
    attainment: Attainment
    as_of: JudgedOn
    attained: Optional[JudgedOn] = Field(
        None,
        description="when the goal was attained (achieved or partly), apart from when "
        "it was judged",
    )
    evidence: Text
    judged_by: Text
    source: SourceRef


# what a goal's `target` may say when `indicator_metric` names a metric: a number the count
# must reach (a floor), or one it must come down to (a ceiling: 'at most 40' eviction
# filings a week), never 'about …' (evaluation/indicator.py reads it)
TARGET_FLOORS = ("exactly", "at_least", "more_than", "between")
TARGET_CEILINGS = ("at_most", "less_than")


class Goal(_Strict):
    id: Slug
    level: GoalLevel
    horizon: Horizon
    text: Text
    indicator: Optional[str] = None
    target: Optional[str] = None
    indicator_metric: Optional[str] = Field(
        None,
        description="the metric (signatures, protest_stands, …) or the series that counts "
        "the indicator; its target is then a number the count must reach (10000, at least "
        "20) or come down to (at most 40), and a judgement of 'achieved' that the record's "
        "own count shows short of it is not counted",
    )
    deadline: Optional[Date] = None
    decision_makers: list[Text] = Field(default_factory=list)
    judgements: list[Judgement] = Field(default_factory=list)
    source: SourceRef


# how favourable each attainment is, for reading judgements that disagree: the least of them
# is read (`latest_judgement`), so that a campaign's own claim never wins over an
# evaluator's less favourable judgement of the same date by the order of the rows; unknown
# sits below partly and achieved, since a judge who could not tell withholds them
FAVOURABLE = {"not_achieved": 0, "unknown": 1, "partly": 2, "achieved": 3}


def latest_judgements(goal: "Goal", as_of: Optional[date] = None) -> list["Judgement"]:
    """The judgements made by `as_of` (a judgement counts once its period has ended) that
    may be the latest: those whose period ends no earlier than any of them starts. One as a
    rule; two or more when their dates tie or overlap (`as_of: 2019-12` twice; `2019` and
    `2019-11`), and the record cannot say which came last."""
    made = [j for j in goal.judgements if as_of is None or j.as_of.end <= as_of]
    if not made:
        return []
    last_start = max(j.as_of.start for j in made)
    return [j for j in made if j.as_of.end >= last_start]


def latest_judgement(goal: "Goal", as_of: Optional[date] = None) -> Optional["Judgement"]:
    """The judgement of a goal as of `as_of`: the latest made by then, and of judgements that
    may each be the latest (`latest_judgements`), the least favourable (FAVOURABLE) — never
    the first listed."""
    latest = latest_judgements(goal, as_of)
    return min(latest, key=lambda j: FAVOURABLE[j.attainment]) if latest else None


def disagreeing(goal: "Goal", as_of: Optional[date] = None) -> list["Judgement"]:
    """The judgements that may each be the latest by `as_of` and differ in attainment (empty
    when they agree or there is one): the report says them, and reads the least favourable."""
    latest = latest_judgements(goal, as_of)
    return latest if len({j.attainment for j in latest}) > 1 else []


def disputed(goal: "Goal", judgement: "Judgement") -> list["Judgement"]:
    """The goal's other judgements that may have been made at the same time as `judgement`
    (their periods overlap) and are less favourable (FAVOURABLE): with any, the record
    does not establish the attainment `judgement` states."""
    return [
        k
        for k in goal.judgements
        if k is not judgement
        and k.as_of.start <= judgement.as_of.end
        and judgement.as_of.start <= k.as_of.end
        and FAVOURABLE[k.attainment] < FAVOURABLE[judgement.attainment]
    ]


def launch_day(record):
    """The campaign's first day: the earliest day its first phase may have started (None
    for a record without phases)."""
    return min((p.start.start for p in record.phases), default=None)


def before_launch(judgement: Optional["Judgement"], launch) -> bool:
    """A judgement of attainment (achieved or partly) whose attainment lies wholly before
    the campaign's launch (`launch`: its first day, `launch_day`): when the goal was
    attained (`attained`), else the judgement's own date, ended before the campaign began,
    so the campaign cannot have brought it about. Question 3 does not count it and question
    5 takes it as no outcome of the tactics (trial 9, H3: monitors installed two months
    before the launch lifted question 3 from Fair to Good)."""
    if launch is None or judgement is None or judgement.attainment not in ("achieved", "partly"):
        return False
    return (judgement.attained or judgement.as_of).end < launch


def _listed(value):
    return [value] if isinstance(value, str) else value


class Audience(_Strict):
    id: Slug
    segment: Segment
    tier: Tier
    region: Optional[Region] = None
    place: Annotated[list[Place], BeforeValidator(_listed)] = Field(
        default_factory=list,
        description="where this public is relative to the campaign (home, affected, "
        "decision_makers, other_countries); without it, read from `region`: "
        + "; ".join(
            f"{region} = {' and '.join(p.replace('_', ' ') for p in places)}"
            for region, places in REGION_PLACES.items()
        ),
    )
    languages: list[Language] = Field(default_factory=list)
    stance: Stance = "unknown"
    targeted: YesNoUnknown = "unknown"
    reached: Reached = "unknown"
    arena: Optional[Scope] = Field(
        None,
        description="for decision makers: the activity scope that reaches them (local for a "
        "city council, national for a parliament, international for the UN); without it, "
        "read from `region`, else national at home and international abroad",
    )
    description: Optional[str] = None
    source: SourceRef

    @model_validator(mode="after")
    def _somewhere(self):
        if self.region is None and not self.place:
            raise ValueError(
                Msg("give `place` (home, affected, decision_makers, other_countries) or `region`")
            )
        return self

    @property
    def places(self) -> tuple[str, ...]:
        """Where the public is, relative to the campaign: `place`, else the paper's region."""
        if self.place:
            return tuple(self.place)
        # _somewhere guarantees a region where there is no place (the model is frozen)
        assert self.region is not None
        return REGION_PLACES[self.region]

    @property
    def abroad(self) -> bool:
        """Outside the campaign's home."""
        return "home" not in self.places


# The entries that state one thing (a visual identity present or not, a discourse element's
# level): what they state needs its source; `unknown` states nothing, and needs none (a
# source given with it is checked all the same). An entry that states other things (a
# hashtag, an account, a judgement, a table's row) keeps its source whatever its `unknown`
# fields: docs/campaign-format.md, *Sources*.
SOURCE_UNLESS_UNKNOWN = "required unless the value is unknown (unknown needs no source)"


def _sourced_unless_unknown(states: str) -> Any:
    """A `source` validator for an entry whose field `states` is its one statement."""

    def needed(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        stated = info.data.get(states)
        if value is None and stated is not None and stated != "unknown":
            raise ValueError(
                Msg(
                    "required field is missing: the source of {field}: {value} (only "
                    "{field}: unknown needs none)",
                    field=Exact(states),
                    value=Exact(stated),
                )
            )
        return value

    return field_validator("source", mode="after")(classmethod(needed))


def _source_unless_unknown() -> Any:
    return Field(None, validate_default=True, description=SOURCE_UNLESS_UNKNOWN)


class VisualIdentity(_Strict):
    present: YesNoUnknown
    description: Optional[str] = None
    source: Optional[SourceRef] = _source_unless_unknown()
    source_needed = _sourced_unless_unknown("present")


class Spokesperson(_Strict):
    present: YesNoUnknown
    description: Optional[str] = None
    source: Optional[SourceRef] = _source_unless_unknown()
    source_needed = _sourced_unless_unknown("present")


class Hashtag(_Strict):
    text: Annotated[str, Field(pattern=r"^#\S+$")]
    language: Language
    phase: Optional[Slug] = None
    uses: Optional[Count] = None
    trended: YesNoUnknown = "unknown"
    official: YesNoUnknown = "unknown"
    note: Optional[str] = None
    source: SourceRef


class Account(_Strict):
    platform: Platform
    name: Text
    language: Language
    followers: Optional[Count] = None
    posts: Optional[Count] = None
    active_from: Optional[Date] = None
    active_to: Optional[Date] = None
    team: Optional[str] = Field(None, description="who runs it; different teams = split effort")
    official: YesNoUnknown = "unknown"
    note: Optional[str] = None
    source: SourceRef


class MediaTools(_Strict):
    visual_identity: Optional[VisualIdentity] = None
    spokesperson: Optional[Spokesperson] = None
    hashtags: list[Hashtag] = Field(default_factory=list)
    accounts: list[Account] = Field(default_factory=list)


class DiscourseElement(_Strict):
    level: Presence
    note: Optional[str] = None
    source: Optional[SourceRef] = _source_unless_unknown()
    source_needed = _sourced_unless_unknown("level")


class Flag(_Strict):
    present: YesNoUnknown
    where: Optional[Literal["online", "offline", "both"]] = Field(
        None, description="where it was seen: placards at a rally are offline"
    )
    note: Optional[str] = None
    source: Optional[SourceRef] = _source_unless_unknown()
    source_needed = _sourced_unless_unknown("present")


class Discourse(_Strict):
    informational: Optional[DiscourseElement] = None
    emotional: Optional[DiscourseElement] = None
    humanitarian: Optional[DiscourseElement] = None
    rational: Optional[DiscourseElement] = None
    call_to_action: Optional[DiscourseElement] = None
    hostile_language: Optional[Flag] = None
    shocking_imagery: Optional[Flag] = None


class Partner(_Strict):
    name: Text
    kind: PartnerKind
    orientation: Optional[str] = None
    country: Optional[str] = None
    source: SourceRef


class Coalition(_Strict):
    id: Slug
    name: Text
    size: Optional[Count] = Field(
        None, description="how many members the coalition had, when only the count is known"
    )
    members: list[Partner] = Field(default_factory=list)
    source: SourceRef


class Opponent(_Strict):
    """Those working against the campaign's ask (the paper's opponents, fn 23): a
    counter-campaign, a lobby, a government."""

    name: Text
    kind: OpponentKind
    counter_narrative: YesNoUnknown = Field(
        "unknown", description="they put out a narrative against the campaign's"
    )
    description: Optional[str] = None
    source: SourceRef


class CampaignRecord(_Strict):
    format_version: int
    id: Slug
    name: Names
    cause: Text
    follows: Optional[Slug] = Field(
        None, description="id of the earlier campaign this one follows in a sequence"
    )
    summary: Optional[str] = None
    organisers: list[Text] = Field(default_factory=list)
    evaluator: Text
    sources: list[Source] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    hot_events: list[HotEvent] = Field(default_factory=list)
    goals: list[Goal] = Field(min_length=1)
    audiences: list[Audience] = Field(default_factory=list)
    media_tools: MediaTools = Field(default_factory=MediaTools)
    discourse: Discourse = Field(default_factory=Discourse)
    coalitions: list[Coalition] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    opponents: list[Opponent] = Field(default_factory=list)
    no_engagements: bool = Field(
        False,
        description="the record states the campaign had no contact with decision "
        "makers (an empty engagements table alone says nothing)",
    )
    notes: Optional[str] = None

    @model_validator(mode="after")
    def _own_words(self) -> "CampaignRecord":
        """Every free-text value of the record (ids, names, descriptions, sources: not its
        vocabulary, dates or counts) as the record's own words, which a report never
        translates (evalkit.i18n.Verbatim)."""
        _as_own_words(self)
        return self

    def recorded(self, key: str) -> bool:
        """Whether the evaluator wrote the list `key` (`coalitions`, `partners`,
        `opponents`): `[]` says there were none; a key left out — in a workbook, a sheet
        left empty — says nothing, and is never read as none. Each list answers for itself:
        partners listed say nothing of coalitions."""
        return key in self.model_fields_set

    @property
    def opponents_recorded(self) -> bool:
        """`opponents: []` says there were none; leaving the key out says nothing."""
        return self.recorded("opponents")

    @property
    def partners_recorded(self) -> bool:
        """Whether the evaluator said anything of who the campaign worked with (either list;
        what each says is `recorded` of its own key)."""
        return self.recorded("coalitions") or self.recorded("partners")


def free_text(info) -> bool:
    """A field whose text is the evaluator's own: a str that is no vocabulary (Literal) and
    no language code."""
    annotation, metadata = info.annotation, list(info.metadata)
    while True:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) is Annotated:
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif get_origin(annotation) in (list, Union, UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            break
    return annotation is str and not any(
        getattr(m, "func", None) is parse_language for m in metadata
    )


@functools.cache
def _free_text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(n for n, info in model.model_fields.items() if free_text(info))


def _as_own_words(node) -> None:
    from evalkit.i18n import Verbatim

    if isinstance(node, BaseModel):
        free = _free_text_fields(type(node))
        for name in type(node).model_fields:
            value = node.__dict__.get(name)
            if name in free and isinstance(value, str):
                node.__dict__[name] = Verbatim(value)
            elif name in free and isinstance(value, list):
                node.__dict__[name] = [Verbatim(v) if isinstance(v, str) else v for v in value]
            else:
                _as_own_words(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _as_own_words(item)


# --- CSV tables ----------------------------------------------------------------------------
class ActivityRow(_Strict):
    id: Slug
    event: Optional[Slug] = None  # rows of one event share it (not a clash of two events)
    date: Date
    phase: Optional[Slug] = None
    description: Text
    kind: ActivityKind
    paper_kind: Optional[PaperActivityKind] = None
    effort: Optional[Effort] = None
    channel: Channel
    scope: Scope
    country: Optional[str] = None
    city: Optional[str] = None
    language: Optional[Language] = None
    audience: Optional[Slug] = None
    participants: Optional[Count] = None
    foreign_participants: Optional[Count] = None
    events: Optional[Count] = None
    # who called it: two rows at one place and time by different organisers are competing
    # calls (a coordination clash); rows of one organiser are not
    organiser: Optional[str] = None
    source: SourceRef


class MetricRow(_Strict):
    date: Date
    metric: Metric
    value: Measure
    cumulative: Optional[Literal["yes", "no"]] = Field(
        None,
        description="yes: a running total to date (a petition's signatures so far), "
        "never divided into weekly rates",
    )
    language: Optional[Language] = None
    hashtag: Optional[str] = None
    platform: Optional[Platform] = None
    country: Optional[str] = None
    scope: Optional[Scope] = None
    phase: Optional[Slug] = None
    note: Optional[str] = None
    source: SourceRef

    # the value as its metric's kind allows (a count whole, a share 0–100)
    across = (Across("value", ("metric", "value"), metric_value_problem),)


class EngagementRow(_Strict):
    date: Date
    decision_maker: Text
    institution: Optional[str] = None
    type: EngagementType
    response: Response = "unknown"
    description: Optional[str] = None
    source: SourceRef


class DecisionRow(_Strict):
    """What a decision maker did on their own — a plan, a vote, a law — whether or not the
    campaign had any contact with them (contacts go in engagements.csv)."""

    date: Date
    decision_maker: Text
    institution: Optional[str] = None
    act: DecisionAct
    direction: Direction
    campaign_answer: CampaignAnswer = Field(
        "unknown", description="for a partial concession: did the campaign accept it"
    )
    # an act is read against the judgements of the goals it answers: this one, or when
    # empty every goal naming its decision maker (trial 11, M1: permits reinstated in
    # November are no answer to a petition's April signatures)
    goal: Optional[Slug] = Field(
        None,
        description="the id of the goal this act answers; empty: every goal that names "
        "its decision maker",
    )
    description: Optional[str] = None
    source: SourceRef


TABLES: dict[str, type[_Strict]] = {
    "activities.csv": ActivityRow,
    "metrics.csv": MetricRow,
    "engagements.csv": EngagementRow,
    "decisions.csv": DecisionRow,
}
RECORD_FILE = "campaign.yaml"
