"""A record whose campaign.yaml is empty, or lacks a list the tables refer to, gets the one
cause, never a knock-on error per row that names an id of the missing list (trial 5, F12):
series.csv's sources are checked as the other tables' are, only against sources that
campaign.yaml states."""

import re

import pytest

from conftest import edit
from evalkit.record.load import check_record

SERIES = "date,metric,value,measures,source\n" + "".join(
    f"2024-01-{d:02d},signatures,{d * 10},reach,interview-1\n" for d in range(1, 29)
)


def _problems(folder) -> list[str]:
    campaign, problems = check_record(folder)
    assert campaign is None
    return [str(p).replace(f"{folder}/", "") for p in problems]


@pytest.fixture
def with_series(record):
    (record / "series.csv").write_text(SERIES, encoding="utf-8")
    assert check_record(record)[1] == []  # valid as it stands
    return record


@pytest.mark.parametrize("content", ["", "\n", "# only a comment\n"])
def test_an_empty_campaign_yaml_is_one_problem(with_series, content):
    (with_series / "campaign.yaml").write_text(content, encoding="utf-8")
    assert _problems(with_series) == [
        "campaign.yaml:1: the file is empty; start from `evalkit new DIR`"
    ]


def test_a_campaign_yaml_that_is_no_mapping_is_one_problem(with_series):
    (with_series / "campaign.yaml").write_text("- a list\n- not a record\n", encoding="utf-8")
    assert _problems(with_series) == [
        "campaign.yaml:1: expected a mapping of keys (id:, name:, ...) at the top, got list"
    ]


def test_sources_left_out_are_said_once_not_per_series_row(with_series):
    text = (with_series / "campaign.yaml").read_text(encoding="utf-8")
    start = text.index("\nsources:")
    end = text.index("\nphases:")
    (with_series / "campaign.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    found = _problems(with_series)
    assert [p for p in found if p.startswith("campaign.yaml") and ": sources:" in p] == [found[0]]
    assert found[0].startswith("campaign.yaml:4: sources: required field is missing")
    assert not [p for p in found if "series.csv" in p or "is not a source id" in p], found


def test_a_wrong_source_in_the_series_is_still_said(with_series):
    edit(with_series / "series.csv", "reach,interview-1", "reach,interview-9")
    assert _problems(with_series) == [
        "series.csv:2: source: 'interview-9' is not a source id in campaign.yaml's sources"
        " (did you mean 'interview-1'?)"
    ]


def test_audiences_left_out_are_said_once_per_table(record):
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    start = text.index("\naudiences:")
    end = re.search(r"\n(?!  |\n|#)\S", text[start + 1 :])
    assert end is not None
    text = text[:start] + text[start + 1 + end.start() :]
    (record / "campaign.yaml").write_text(text, encoding="utf-8")
    found = _problems(record)
    assert found == [
        "activities.csv:2: audience: 1 row names one of the record's audiences (line 2), but "
        "campaign.yaml lists no audiences: add them, or leave the audience cells empty"
    ], found
