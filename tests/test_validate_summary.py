"""The line `evalkit validate` (and `run`) says of a record matches its problems: with errors
the record cannot be evaluated, and says how many; with warnings alone it can be, and says
how many to check — in English and in Arabic (trial 5, F10)."""

from click.testing import CliRunner

from conftest import edit, validate_lines
from evalkit.cli import main


def _warned(record, gaps: int = 1):
    """`gaps` warnings, never an error: a weekly series missing a week, `gaps` times."""
    dates = [f"2024-01-{d:02d}" for d in (1, 8, 15, 29)] + [f"2024-02-{d:02d}" for d in (5, 19)]
    rows = [
        f"{d},signatures,{i},interview-1" for i, d in enumerate(dates if gaps > 1 else dates[:5])
    ]
    (record / "series.csv").write_text(
        "date,metric,value,source\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )


def _one_error(record):
    edit(record / "activities.csv", ",mobilisation,", ",mobilisaton,")


def test_errors_and_a_warning_say_the_record_cannot_be_evaluated(record):
    _one_error(record)
    _warned(record)
    code, lines = validate_lines(str(record))
    assert code == 1
    assert lines[0] == (
        f"{record}: 1 error: the record cannot be evaluated until it is fixed; and 1 warning"
    )
    assert not any("the record can be evaluated" in line for line in lines)
    assert lines[-1] == "0 of 1 record(s) valid; 1 with warnings"
    code, lines = validate_lines("--lang", "ar", str(record))
    assert code == 1
    assert lines[0] == f"{record}: خطأ واحد: لا يمكن تقييم السجل حتى يُصحَّح؛ وتحذير واحد"
    assert not any("يمكن تقييم السجل؛" in line for line in lines)


def test_the_errors_are_counted_in_the_summary_line(record):
    _one_error(record)
    edit(record / "activities.csv", ",international,", ",internatonal,")
    code, lines = validate_lines(str(record))
    assert code == 1
    errors = [line for line in lines[1:-1] if not line.strip().startswith("warning:")]
    assert len(errors) == 2
    assert lines[0] == f"{record}: 2 errors: the record cannot be evaluated until they are fixed"
    code, lines = validate_lines("--lang", "ar", str(record))
    assert lines[0] == f"{record}: خطآن: لا يمكن تقييم السجل حتى يُصحَّحا"


def test_warnings_alone_say_the_record_can_be_evaluated_and_how_many(record):
    _warned(record, gaps=2)
    code, lines = validate_lines(str(record))
    assert code == 0
    assert lines[0] == (
        f"{record}: valid, with 2 warnings: the record can be evaluated; check each one"
    )
    assert sum(line.strip().startswith("warning:") for line in lines) == 2
    code, lines = validate_lines("--lang", "ar", str(record))
    assert code == 0
    assert lines[0] == f"{record}: صالح، مع تحذيرين: يمكن تقييم السجل؛ راجع كلاً منهما"


def test_run_says_an_invalid_record_was_not_evaluated_with_its_errors_counted(record, tmp_path):
    _one_error(record)
    result = CliRunner().invoke(
        main, ["run", str(record), "--out", str(tmp_path / "out"), "--no-progress"]
    )
    assert result.exit_code == 1
    assert f"{record}: invalid record, not evaluated: 1 error" in result.stderr
