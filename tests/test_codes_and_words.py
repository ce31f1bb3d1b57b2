"""Findings of a new-user trial on campaign records and spreadsheets nobody here had seen:
a metric's value checked by what the metric measures, codes said with the one they are
closest to, plural forms after a bound, the Excel copy's sheet names, languages by name.
Each is pinned on a real run of a small record (or workbook) made here."""

from conftest import MET_HEADER, act, small_record
from test_reader_words import visible


def _problems(path):
    from evalkit.record.load import check_record

    return [str(p) for p in check_record(path)[1]]


def _report(folder, lang: str) -> str:
    from evalkit.render.report import CampaignReport

    report = CampaignReport(str(folder), "", lang)
    return visible(str(report.summary()) + str(report.overview()) + str(report.questions()))


# --- a metric's value as its kind allows: a share may have decimals, a count may not ---------
def test_a_percentage_with_decimals_is_read_and_shown_as_written(tmp_path):
    c = small_record(
        tmp_path,
        activities=[act("a1")],
        metrics=[
            "2020-02,percent,45.5,,,,,,,poll: aware,s",
            "2020-03,percent,40.5..45.25,,,,,,,poll: support,s",
            "2020-02..2020-03,donations,1250.50,,,,,,,EUR,s",
        ],
    )
    english = _report(c.path, "en")
    assert "a level, not a rate: 45.5% at 2020-02" in english
    assert "40.5–45.25%" in english
    arabic = _report(c.path, "ar")
    assert "45.5%" in arabic


def test_a_count_with_decimals_and_a_share_over_100_are_refused_naming_the_metric(tmp_path):
    c = small_record(tmp_path, activities=[act("a1")], metrics=["2020-02,posts,30,,,,,,,,s"])
    rows = [
        "2020-02,posts,4.5,,,,,,,,s",
        "2020-02,signatures,about 10.5,,,,,,,,s",
        "2020-02,percent,145,,,,,,,poll,s",
        "2020-02,percent,thousands,,,,,,,poll,s",
        "2020-02,percent,100,,,,,,,poll,s",  # a whole share: fine
        "2020-02,percnt,45.5,,,,,,,poll,s",  # the metric is wrong: said once, at the metric
    ]
    (c.path / "metrics.csv").write_text("\n".join([MET_HEADER, *rows]) + "\n", encoding="utf-8")
    problems = _problems(c.path)
    assert len(problems) == 5, problems
    posts, signatures, over, words, code = problems
    assert (
        "metrics.csv:2: value: posts is a count, and a count is a whole number, got '4.5'" in posts
    )
    assert "Only a metric that is no count may have decimals: percent (share)" in posts
    assert "signatures is a count" in signatures and "'about 10.5'" in signatures
    assert "metrics.csv:4: value: percent is a share from 0 to 100, got '145'" in over
    assert "metrics.csv:5: value: percent is a share from 0 to 100" in words
    assert "metrics.csv:7: metric: unknown code 'percnt'" in code


def test_a_workbooks_percentage_with_decimals_is_read(tmp_path):
    import openpyxl

    from evalkit.record.workbook import folder_to_workbook

    c = small_record(
        tmp_path,
        activities=[act("a1", date="2020-02-10")],
        metrics=["2020-02,percent,30,,,,,,,poll,s", "2020-03,posts,40,,,,,,,,s"],
    )
    book = folder_to_workbook(c.path, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    header = [cell.value for cell in wb["metrics"][1]]
    col = "ABCDEFGHIJKL"[header.index("value")]
    wb["metrics"][f"{col}2"].value = 45.5  # a number cell, as Excel keeps one typed
    wb["metrics"][f"{col}3"].value = 40.5
    wb.save(book)
    problems = _problems(book)
    assert len(problems) == 1, problems
    assert f"metrics!{col}3: value: posts is a count, and a count is a whole number" in problems[0]
