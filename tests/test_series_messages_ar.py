"""series.csv's problems said in the evaluator's language, as every other table's are
(tests/test_arabic_cli.py): Arabic sentences with the record's cells kept as written."""

import re

from click.testing import CliRunner

from evalkit.cli import main
from evalkit.i18n import FSI, PDI


def _series(record, rows: list[str]) -> None:
    source = re.search(r"^\s*- id: (\S+)", (record / "campaign.yaml").read_text(), re.M)
    assert source
    (record / "series.csv").write_text(
        "date,metric,value,source\n" + "".join(f"{r},{source.group(1)}\n" for r in rows),
        encoding="utf-8",
    )


def test_a_series_bad_day_and_bad_number_are_said_in_arabic_with_the_cells_as_written(record):
    _series(record, ["03/12/2024,signatures,10", "2024-03-13,signatures,many"])
    result = CliRunner().invoke(main, ["validate", "--lang", "ar", str(record)])
    assert result.exit_code == 1
    text = result.output.replace(FSI, "").replace(PDI, "")
    assert "series.csv:2: date: '03/12/2024' ليس يوماً مكتوباً بالصيغة YYYY-MM-DD" in text
    assert "series.csv:3: value: 'many' ليس رقماً" in text
    # the same record in English is as it was
    english = CliRunner().invoke(main, ["validate", str(record)]).output
    assert "series.csv:2: date: '03/12/2024' is not a day written YYYY-MM-DD" in english
