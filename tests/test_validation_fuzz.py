"""Hundreds of malformed records: validation reports problems, never a traceback."""

import shutil
import string

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML

import evalkit
from conftest import SCAFFOLD

BASE = YAML(typ="safe").load((SCAFFOLD / "campaign.yaml").read_text(encoding="utf-8"))
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


PATHS = [p for p in _paths(BASE) if p]


def _mutate(data, path, value, delete):
    import copy

    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(PATHS), junk, st.booleans()), min_size=1, max_size=4
    ),
    csv_noise=st.text(alphabet=string.printable + "،ـ", max_size=80),
)
def test_malformed_records_give_problems_not_tracebacks(tmp_path_factory, mutations, csv_noise):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(SCAFFOLD, folder, dirs_exist_ok=True)
    data = BASE
    for path, value, delete in mutations:
        try:
            data = _mutate(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue
    with open(folder / "campaign.yaml", "w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(data, fh)
    with open(folder / "activities.csv", "a", encoding="utf-8") as fh:
        fh.write(csv_noise + "\n")
    campaign, problems = evalkit.check_record(folder)
    assert (campaign is None) == bool(problems)
    for p in problems:
        assert p.file and p.message


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_yaml_text_never_raises(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzztext")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    campaign, problems = evalkit.check_record(folder)
    assert campaign is None and problems
