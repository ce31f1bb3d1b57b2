"""A YAML syntax error says what to change in campaign.yaml, in the report's language, the
parser's own words after it (trial 13, M3: an Arabic phase name with a colon read 'mapping
values are not allowed in this context', in English in the Arabic output too)."""

import pytest

import evalkit
from evalkit.i18n import localized

CASES = {
    # a phase name with ': ' inside it, as Arabic names often have
    "colon": (
        '    name: "Phase 1 (filled in)"',
        "    name: المرحلة الأولى: التعريف بالقضية",
        "the value holds a colon and a space (': '), which YAML reads as a new field: put "
        "the whole value in double quotes",
    ),
    "at": (
        "evaluator: Your name (filled in)",
        "evaluator: @handle",
        "a value cannot start with @ in YAML: put the whole value in double quotes",
    ),
    # a quote opened on the file's last line (one opened earlier runs on to the next quote,
    # and the parser sees the lines after it out of place: the indentation hint)
    "quote": (
        "country: UK, source: interview-1}",
        'country: "UK, source: interview-1}',
        "a quote opens a value and is never closed",
    ),
    "indent": (
        "    start: 2024-01-10",
        "   start: 2024-01-10",
        "the indentation of this line differs from the entries beside it",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_yaml_syntax_error_says_what_to_change(record, case):
    old, new, said = CASES[case]
    path = record / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = evalkit.check_record(record)
    [p] = problems
    assert p.line is not None
    message = localized(p.message)
    assert message.startswith("YAML syntax error: ") and said in message, message
    assert "(the parser: " in message
    # in Arabic, but for the parser's own words after the hint
    arabic, parser = localized(p.message, "ar").split("(عبارة المحلّل: ")
    assert "YAML" in arabic and "value" not in arabic and "quotes" not in arabic, arabic
    assert str(p.message.fields["error"]) in parser
