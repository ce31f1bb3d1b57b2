"""A tab where campaign.yaml is indented is said as a tab, at its line, with what to do
(trial 10, L11: the parser's own 'found character that cannot start any token')."""

from __future__ import annotations

import evalkit
from conftest import small_record
from evalkit.i18n import localized


def test_a_tab_in_the_yaml_is_said_as_a_tab(tmp_path):
    small_record(tmp_path)
    path = tmp_path / "small" / "campaign.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("  ") and ":" in line)
    lines[i] = "\t" + lines[i].lstrip()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = evalkit.check_record(tmp_path / "small")
    [p] = problems
    assert p.line == i + 1
    assert str(p.message) == (
        "a tab character: YAML indents with spaces only; replace the tab with spaces"
    )
    assert "tab" not in localized(p.message, "ar")
