"""A misspelt column header is said once, at the header, and the table's rows are still
checked on their other columns: all of a record's problems in one pass (trial 13, M2: an
unknown audience on row 3 was said only after the header was fixed)."""

from conftest import validate_lines


def _rewrite(path, old, new, line=None):
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, text in enumerate(lines):
        if line is None or i == line:
            lines[i] = text.replace(old, new, 1)
            if line is not None or old in text:
                break
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_table_with_a_misspelt_header_still_says_its_rows_problems(record):
    activities = record / "activities.csv"
    _rewrite(activities, "description", "descripton", line=0)
    _rewrite(activities, ",diaspora,", ",diaspra,", line=1)
    code, lines = validate_lines(str(record))
    assert code == 1
    said = "\n".join(lines)
    assert "activities.csv:1: descripton: unknown column (did you mean 'description'?)" in said
    assert "activities.csv:1: description: required column is missing" in said
    assert (
        "activities.csv:2: audience: unknown audience 'diaspra' (did you mean 'diaspora'?)" in said
    )
    # the missing column is not said again on every row
    assert not any(":2: description:" in line for line in lines)


def test_a_series_file_with_a_misspelt_header_still_says_its_rows_problems(record):
    (record / "series.csv").write_text(
        "date,metric,vaule,source\n"
        "2024-01-01,signatures,10,interview-1\n"
        "2024-13-02,signatures,12,interview-1\n",
        encoding="utf-8",
    )
    code, lines = validate_lines(str(record))
    assert code == 1
    said = "\n".join(lines)
    assert "series.csv:1: vaule: unknown column (did you mean 'value'?)" in said
    assert "series.csv:1: value: required column is missing" in said
    assert "series.csv:3: date: '2024-13-02' is not a day written YYYY-MM-DD" in said
