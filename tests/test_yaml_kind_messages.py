"""A value of the wrong kind in campaign.yaml is said in the evaluator's words, for every
field: what was given, what the field takes, an example as the record writes it — never
pydantic's sentence ("input should be a valid string") or Python's values (True, None)
(trial 5, F14). Digits where text goes are that text; a bare true or false where a code
goes says to quote the code."""

import io
import re

import pytest
from ruamel.yaml import YAML

from conftest import edit
from evalkit.record.load import check_record

PYTHON_SPEAK = re.compile(
    r"input should|valid (string|integer|number|boolean|list|dictionary)|instance of|"
    r"\bTrue\b|\bFalse\b|\bNone\b|unable to (parse|interpret)|after validation"
)


def _problems(folder) -> list[str]:
    campaign, problems = check_record(folder)
    assert campaign is None
    return [str(p).replace(f"{folder}/", "") for p in problems]


def test_digits_where_text_goes_are_that_text(record):
    edit(record / "campaign.yaml", "target: at least 20 stands", "target: 50000")
    edit(record / "campaign.yaml", "evaluator: ", "evaluator: 2018  #")
    campaign, problems = check_record(record)
    assert problems == []
    assert campaign is not None
    assert campaign.record.goals[0].target == "50000"
    assert campaign.record.evaluator == "2018"


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            'targeted: "yes"',
            "targeted: true",
            "campaign.yaml:57: audiences[0].targeted: YAML reads a bare true as a yes/no value, "
            "not as the code 'yes': write targeted: \"yes\", in quotes",
        ),
        (
            'visual_identity: {present: "no"',
            "visual_identity: {present: false",
            "campaign.yaml:61: media_tools.visual_identity.present: YAML reads a bare false as a "
            "yes/no value, not as the code 'no': write present: \"no\", in quotes",
        ),
        (
            "informational: {level: present",
            "informational: {level: true",
            "campaign.yaml:67: discourse.informational.level: YAML reads a bare true as a yes/no "
            "value, and this field takes one of the codes absent, present, dominant or unknown; "
            "e.g. level: absent",
        ),
        (
            "informational: {level: present",
            "informational: {level: ",
            "campaign.yaml:67: discourse.informational.level: the key has no value; write one of "
            "the codes absent, present, dominant or unknown, or leave the key out",
        ),
        (
            "format_version: 2",
            "format_version: one",
            "campaign.yaml:4: format_version: expected a whole number, got the text 'one'; e.g. "
            "format_version: 2",
        ),
    ],
)
def test_a_wrong_kind_is_said_with_how_to_write_it(record, old, new, said):
    edit(record / "campaign.yaml", old, new)
    assert said in _problems(record)


def test_a_required_list_left_out_says_what_it_holds(record):
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    start, end = text.index("\nsources:"), text.index("\nphases:")
    (record / "campaign.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert _problems(record)[0] == (
        "campaign.yaml:4: sources: required field is missing: the record needs sources, a list "
        "of at least one entry, each with the keys id, citation (required) and url, published; "
        'e.g. sources: [{id: interview-1, citation: "Interview with an organiser, 2024-03-01"}]'
    )


def _leaves(data, path=()):
    """Every scalar of the record, by its path."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i))
    else:
        yield path


def test_no_field_of_the_record_is_said_in_python(record):
    yaml = YAML()
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    paths = list(_leaves(yaml.load(text)))
    assert len(paths) > 60
    found: dict[str, list[str]] = {}
    for path in paths:
        for value in (True, ["a", "b"], {"x": "y"}, None):
            data = yaml.load(text)
            at = data
            for part in path[:-1]:
                at = at[part]
            at[path[-1]] = value
            out = io.StringIO()
            yaml.dump(data, out)
            (record / "campaign.yaml").write_text(out.getvalue(), encoding="utf-8")
            campaign, problems = check_record(record)
            for p in problems:
                if PYTHON_SPEAK.search(str(p.message)):
                    found.setdefault(str(p.message), []).append(".".join(map(str, path)))
    assert found == {}, "\n".join(f"{k}: {v[:3]}" for k, v in found.items())
