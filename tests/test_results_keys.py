"""results.json's keys are its schema version's: every key an evaluation writes is one the
results model knows, docs/results-format.md describes, and the frozen key list of
SCHEMA_VERSION holds. A key added (renamed, removed) without a new version fails here —
the fault of the keys that were added to version-1 files while older evalkits, which forbid
keys they do not know, refused those files that claimed their version."""

from __future__ import annotations

import json
import re
import shutil
import types
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import CASE_IDS, CASE_STUDIES, ROOT
from evalkit.record.load import load_campaign
from evalkit.results.build import results_document, results_json
from evalkit.results.model import READS, SCHEMA_VERSION, CampaignResults

DOCS = ROOT / "docs" / "results-format.md"

# Each version's keys, frozen when it was made: never edit a released version's list. A new
# key is a new version: raise SCHEMA_VERSION, describe the key in docs/results-format.md
# (since the new version) and add the new version's list here: an earlier version's, with
# the keys it adds.
KEYS: dict[int, str] = {
    2: """
as_of
as_of_cut
as_of_cut.account_counts
as_of_cut.activities
as_of_cut.activities_clipped
as_of_cut.as_of
as_of_cut.decisions
as_of_cut.engagements
as_of_cut.hashtag_counts
as_of_cut.hot_events
as_of_cut.judgements
as_of_cut.metrics
as_of_cut.phases
as_of_cut.phases_clipped
as_of_cut.series_values
checklist
checklist[].evidence
checklist[].group
checklist[].kind
checklist[].recommendations
checklist[].rule
checklist[].status
checklist[].text
evalkit_version
facts
facts.accounts
facts.accounts[].language
facts.accounts[].platform
facts.accounts[].team
facts.activities
facts.activity_mix
facts.activity_mix.channel
facts.activity_mix.channel.*
facts.activity_mix.effort
facts.activity_mix.effort.*
facts.activity_mix.kind
facts.activity_mix.kind.*
facts.coalitions
facts.coalitions_recorded
facts.coordination_problems
facts.decision_makers_top_rung
facts.decision_makers_top_rung_by
facts.decision_makers_top_rung_may_be_higher
facts.end
facts.end_said
facts.event_rates
facts.event_rates[].bound
facts.event_rates[].count
facts.event_rates[].metric
facts.event_rates[].per_week
facts.event_rates[].phase
facts.event_rates[].rate_high
facts.event_rates[].rate_low
facts.event_rates[].row
facts.event_rates[].scope
facts.event_rates[].weeks
facts.event_rates[].window
facts.event_rates[].window_start
facts.hashtag_fragmentation
facts.hashtag_fragmentation[].distinct
facts.hashtag_fragmentation[].language
facts.hashtag_fragmentation[].phase
facts.hashtag_fragmentation[].trended
facts.hashtag_fragmentation[].trended_not_recorded
facts.hashtag_fragmentation[].written_forms
facts.hashtags
facts.hashtags[].language
facts.hashtags[].phase
facts.hashtags[].text
facts.hashtags[].trended
facts.hashtags[].uses
facts.hashtags[].uses_bound
facts.hashtags[].uses_high
facts.largest_counts
facts.largest_counts_whole_record
facts.main_goal
facts.main_goal[].attainment
facts.main_goal[].counted
facts.main_goal[].decision_makers
facts.main_goal[].id
facts.main_goal[].judged_by
facts.main_goal[].text
facts.orientations
facts.partners
facts.partners_recorded
facts.start
facts.start_said
facts.visual_identity
goals
goals[].attainment
goals[].counted
goals[].horizon
goals[].id
goals[].judged_as_of
goals[].level
goals[].text
grid
grid[].dimension
grid[].entry
grid[].item
grid[].sources
launch_timing
launch_timing[].designed
launch_timing[].event
launch_timing[].lag_days
launch_timing[].linked
launch_timing[].phase
launch_timing[].planned
launch_timing[].reactive
launch_timing[].role
launch_timing[].timing
messages
messages.*
paper_grid
paper_grid[].agrees
paper_grid[].because
paper_grid[].dimension
paper_grid[].evalkit
paper_grid[].paper
paper_grid[].row
paper_grid[].source
questions
questions.*
questions.*.confidence
questions.*.confidence_cap
questions.*.criteria
questions.*.criteria[].applicable
questions.*.criteria[].because
questions.*.criteria[].evidence
questions.*.criteria[].met
questions.*.criteria[].name
questions.*.criteria_judgeable
questions.*.criteria_met
questions.*.criteria_total
questions.*.findings
questions.*.findings[].evidence
questions.*.findings[].text
questions.*.indicators
questions.*.indicators[].evidence
questions.*.indicators[].indicator
questions.*.indicators[].value
questions.*.number
questions.*.question
questions.*.verdict
questions.*.verdict_cap
questions.*.verdict_floor
recommendations
recommendations[].because
recommendations[].number
recommendations[].text
recommendations_set_aside
recommendations_set_aside[].number
recommendations_set_aside[].text
recommendations_set_aside[].why
record
record.follows
record.format_version
record.id
record.name_ar
record.name_en
record_content_hash
record_warnings
record_warnings[].field
record_warnings[].file
record_warnings[].line
record_warnings[].message
schema_version
series
series[].counterfactual
series[].counterfactual.effects
series[].counterfactual.effects[].average
series[].counterfactual.effects[].average_high
series[].counterfactual.effects[].average_low
series[].counterfactual.effects[].cumulative
series[].counterfactual.effects[].cumulative_high
series[].counterfactual.effects[].cumulative_low
series[].counterfactual.effects[].measure
series[].counterfactual.model
series[].counterfactual.model_choice
series[].counterfactual.model_choice[].hold-out log score
series[].counterfactual.model_choice[].model
series[].counterfactual.model_choice[].weight
series[].counterfactual.notes
series[].counterfactual.residual_check
series[].counterfactual.residual_check.lags
series[].counterfactual.residual_check.p
series[].counterfactual.sentences
series[].counterfactual.tail_probability
series[].counterfactual_not_computed
series[].first
series[].interrupted_time_series
series[].interrupted_time_series.effects
series[].interrupted_time_series.effects[].change
series[].interrupted_time_series.effects[].ci_high
series[].interrupted_time_series.effects[].ci_low
series[].interrupted_time_series.effects[].estimate
series[].interrupted_time_series.effects[].interruption
series[].interrupted_time_series.effects[].p_value
series[].interrupted_time_series.effects[].scale
series[].interrupted_time_series.interruptions
series[].interrupted_time_series.interruptions.*
series[].interrupted_time_series.model
series[].interrupted_time_series.notes
series[].interrupted_time_series.robust_effects
series[].interrupted_time_series.robust_effects[].change
series[].interrupted_time_series.robust_effects[].ci_high
series[].interrupted_time_series.robust_effects[].ci_low
series[].interrupted_time_series.robust_effects[].estimate
series[].interrupted_time_series.robust_effects[].interruption
series[].interrupted_time_series.robust_effects[].p_value
series[].interrupted_time_series.robust_effects[].scale
series[].interrupted_time_series.robust_sentences
series[].interrupted_time_series.sentences
series[].interrupted_time_series_not_computed
series[].last
series[].launch
series[].measures
series[].metric
series[].points
series[].question
""",
}
# version 3: version 2's keys and the rung's note (docs/results-format.md, "Versions")
KEYS[3] = KEYS[2] + "facts.decision_makers_top_rung_note\n"
KEYS[4] = (
    KEYS[3] + "facts.decision_makers_top_rung_who\n" + "facts.main_goal_decision_makers_top_rung\n"
)
# version 5: why a judgement was not counted
KEYS[5] = KEYS[4] + "goals[].not_counted_because\n" + "facts.main_goal[].not_counted_because\n"


def _frozen(version: int) -> set[str]:
    return {line for line in KEYS[version].splitlines() if line.strip()}


def documented() -> dict[str, int]:
    """The keys docs/results-format.md's table describes, each with the version since which."""
    found = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        row = re.match(r"\| `([^`]+)` \| [^|]* \| (\d+) \|", line)
        if row:
            assert row.group(1) not in found, f"described twice: {row.group(1)}"
            found[row.group(1)] = int(row.group(2))
    return found


def _unwrap(annotation):
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            return annotation


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_keys(annotation=CampaignResults, path: str = "", open_: set | None = None) -> set[str]:
    """Every key the results model describes; a mapping whose values are models as `.*`.
    A mapping of plain values is the key alone, and put in `open_` (its keys are data or
    columns the model leaves open, such as the effects' columns: the docs list them)."""
    out: set[str] = set()
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if _is_model(annotation):
        for name, info in annotation.model_fields.items():
            key = f"{path}.{name}" if path else name
            out |= {key} | model_keys(info.annotation, key, open_)
    elif origin is list:
        out |= model_keys(typing.get_args(annotation)[0], path + "[]", open_)
    elif origin is dict and _is_model(_unwrap(typing.get_args(annotation)[1])):
        out |= {path + ".*"} | model_keys(typing.get_args(annotation)[1], path + ".*", open_)
    elif origin is dict and open_ is not None:
        open_.add(path)
    return out


def written_keys(value, annotation, path: str, keyed: set[str], out: set[str]) -> None:
    """Every key `value` (a results.json read back) holds, walked with the model's types: a
    mapping whose keys are data (`keyed`: ids, codes, numbers, sentences) as `.*`."""
    annotation = _unwrap(annotation) if annotation is not None else None
    origin = typing.get_origin(annotation)
    if isinstance(value, dict):
        fields = annotation.model_fields if _is_model(annotation) else {}
        values_are = typing.get_args(annotation)[1] if origin is dict else None
        for k, v in value.items():
            key = (f"{path}.{k}" if path else k) if path not in keyed else f"{path}.*"
            out.add(key)
            inner = fields[k].annotation if k in fields else values_are
            written_keys(v, inner, key, keyed, out)
    elif isinstance(value, list) and origin is list:
        for v in value:
            written_keys(v, typing.get_args(annotation)[0], path + "[]", keyed, out)


def _keyed(keys) -> set[str]:
    return {k.removesuffix(".*") for k in keys if k.endswith(".*")}


def _with_a_warning(tmp_path: Path) -> Path:
    """The Sicily example with a month of its series missing: a record warning."""
    record = tmp_path / "sicily-gap"
    shutil.copytree(ROOT / "examples" / "sicily-smoke-free-law", record)
    series = record / "series.csv"
    lines = series.read_text(encoding="utf-8").splitlines(keepends=True)
    series.write_text("".join(lines[:20] + lines[21:]), encoding="utf-8")
    return record


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, set[str]]:
    """The keys of results.json as evaluations write it — each case study (as of a date
    too), each test record and example, and a record with a warning — by record."""
    records = [
        (p.parent, "")
        for folder in ("case_studies", "tests/records", "examples")
        for p in sorted((ROOT / folder).glob("*/campaign.yaml"))
    ]
    records += [(CASE_STUDIES / "caesar", "2016"), (CASE_STUDIES / "aleppo-is-burning", "2016-05")]
    records.append((_with_a_warning(tmp_path_factory.mktemp("warned")), ""))
    keyed = _keyed(_frozen(SCHEMA_VERSION))
    found = {}
    for record, as_of in records:
        data = json.loads(results_json(results_document(load_campaign(record), as_of)))
        keys: set[str] = set()
        written_keys(data, CampaignResults, "", keyed, keys)
        found[f"{record.name} {as_of}".strip()] = keys
    return found


def test_every_key_written_is_in_the_frozen_list_of_the_schema_version(written):
    """The test that makes the next key a new version: a key written that version
    SCHEMA_VERSION's frozen list does not hold."""
    frozen = _frozen(SCHEMA_VERSION)
    stray = {k: sorted(keys - frozen) for k, keys in written.items() if keys - frozen}
    assert not stray, (
        f"results.json holds keys schema version {SCHEMA_VERSION} does not have: {stray}. A new "
        "key is a new schema version: raise SCHEMA_VERSION in evalkit/results/model.py, "
        "describe it in docs/results-format.md (since the new version, and under 'Versions'), "
        "and freeze the new version's keys in KEYS here"
    )


def test_the_files_written_hold_every_kind_of_key_the_version_has(written):
    """The records read above reach every key (so that the walk checks them all), save the
    parts no such record has."""
    seen = set().union(*written.values())
    assert _frozen(SCHEMA_VERSION) - seen == set()
    assert written["sicily-gap"] >= {"record_warnings[].message", "record_warnings[].line"}


def test_the_docs_describe_exactly_the_keys_of_the_schema_version():
    docs = documented()
    assert set(docs) == _frozen(SCHEMA_VERSION), (
        sorted(set(docs) ^ _frozen(SCHEMA_VERSION)),
        "docs/results-format.md and the frozen keys differ",
    )
    assert all(1 <= since <= SCHEMA_VERSION for since in docs.values())
    # the keys a version added are named under 'Versions' (a few as their parent's)
    text = DOCS.read_text(encoding="utf-8")
    assert re.search(rf"^# results.json, schema version {SCHEMA_VERSION}$", text, re.M)
    for version in range(1, SCHEMA_VERSION + 1):
        assert re.search(rf"^- \*\*{version}\*\* \(", text, re.M), f"version {version}"


def test_the_model_describes_exactly_the_documented_keys():
    """The model's fields are the keys the docs describe, but for the columns of rows the
    model keeps as plain mappings (the effects' columns, as_of_cut's counts)."""
    docs = set(documented())
    open_: set[str] = set()
    model = model_keys(open_=open_)
    assert model - docs == set(), sorted(model - docs)
    beyond_model = {d for d in docs - model if not any(d.startswith(o + ".") for o in open_)}
    assert beyond_model == set(), sorted(beyond_model)
    assert "series[].counterfactual.effects[]" in open_ and "as_of_cut" in open_


def test_a_key_left_out_of_the_frozen_list_is_caught(written):
    """The check itself fails on a key the version does not hold (here: one more question
    field), as it will on the next key added without a new version."""
    frozen = _frozen(SCHEMA_VERSION) - {"questions.*.verdict_floor"}
    assert any("questions.*.verdict_floor" in keys - frozen for keys in written.values())


@pytest.mark.parametrize("case", CASE_IDS)
def test_each_case_study_writes_the_current_version(case):
    data = results_document(load_campaign(CASE_STUDIES / case))
    assert data["schema_version"] == SCHEMA_VERSION == READS[-1]
