"""A date typed in Arabic-Indic (or Persian) digits is shown as every other date is, in
Western digits (trial 7, L1): «٢٠٢٣-٠٦-٠١» was read right (2023-06-01) but echoed as typed, so
a phase read «(٢٠٢٣-٠٦-٠١ إلى 2023-07-15)» — two scripts, and on screen two orders, since the
bidi algorithm draws the Arabic-Indic date ٠١-٠٦-٢٠٢٣. Every parsed date's text is now its
Western form (`values.DateSpan.text`); the record's page still shows the cell as typed."""

from __future__ import annotations

import re

from conftest import act, small_record

from evalkit.i18n import set_language
from evalkit.record.values import DateSpan
from evalkit.render.page import record_page
from evalkit.render.report import CampaignReport

EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def test_a_date_in_arabic_or_persian_digits_is_read_and_written_in_western_digits():
    for typed, shown in [
        ("٢٠٢٣-٠٦-٠١", "2023-06-01"),
        ("late ۲۰۲۳-۰۶", "late 2023-06"),
        ("٢٠٢٣-٠٦..2023-07", "2023-06..2023-07"),
    ]:
        d = DateSpan.parse(typed)
        assert d.text == shown and DateSpan.parse(shown) == d


def test_the_arabic_report_shows_every_date_in_western_digits(tmp_path):
    phases = [
        {"id": "p1", "name": "Launch", "start": "2020-01-01", "end": "2020-02-29", "source": "s"},
        {"id": "p2", "name": "Sit-in", "start": "٢٠٢٠-٠٣-٠١", "end": "2020-03-31", "source": "s"},
    ]
    goals = [
        {
            "id": "main",
            "level": "main",
            "horizon": "long",
            "text": "Stop it.",
            "decision_makers": ["UN Security Council"],
            "deadline": "٢٠٢٠-١٢-٣١",
            "judgements": [
                {
                    "as_of": "٢٠٢٠-٠٣",
                    "attainment": "partly",
                    "judged_by": "tester",
                    "evidence": "half of it",
                    "source": "s",
                }
            ],
            "source": "s",
        }
    ]
    campaign = small_record(
        tmp_path,
        activities=[act("a1"), act("a2", date="٢٠٢٠-٠٣-١٥", channel="in_person")],
        phases=phases,
        goals=goals,
    )
    assert campaign.activities.set_index("id").loc["a2", "date"] == "2020-03-15"
    set_language("ar")
    try:
        report = CampaignReport(str(tmp_path / "small"), lang="ar")
        page = "".join(
            str(block())
            for block in (
                report.overview,
                report.timeline,
                report.grid_table,
                report.questions,
                report.timing_table,
                report.checklist_table,
            )
        )
    finally:
        set_language("en")
    assert not EASTERN_DIGITS.search(page), EASTERN_DIGITS.findall(page)[:5]
    for shown in ("2020-03-01", "2020-12-31", "2020-03-15"):
        assert shown in page
    # the record's own page quotes the cells as typed
    raw = record_page(tmp_path / "small", "small", "Small", "ar")
    assert "٢٠٢٠-٠٣-١٥" in re.sub("<[^>]+>", "", raw)


def test_a_series_dated_in_arabic_indic_digits_is_read_as_the_same_days(tmp_path):
    from evalkit.record.series import read_series

    eastern = "٠١٢٣٤٥٦٧٨٩"
    rows = [(f"2024-01-0{d}", f"٢٠٢٤-٠١-٠{eastern[d]}", 10 + d) for d in range(1, 8)]
    western, arabic = tmp_path / "w.csv", tmp_path / "a.csv"
    western.write_text(
        "date,metric,value,source\n" + "".join(f"{w},signatures,{v},s\n" for w, _, v in rows),
        encoding="utf-8",
    )
    arabic.write_text(
        "date,metric,value,source\n" + "".join(f"{a},signatures,{v},s\n" for _, a, v in rows),
        encoding="utf-8",
    )
    want, problems_w, _ = read_series(western, {"s"})
    got, problems_a, _ = read_series(arabic, {"s"})
    assert problems_w == [] and problems_a == []
    assert got.equals(want) and len(got) == 7


def test_a_series_value_in_arabic_notation_is_read_as_the_same_number(tmp_path):
    """Values typed as an Arabic spreadsheet writes them: Arabic-Indic digits, Arabic's
    decimal separator ٫ and its thousands separator ٬ (in threes) read as the same numbers
    in Western notation; a ٬ out of its threes, or two decimal separators, are refused with
    the cell named."""
    from evalkit.record.series import read_series

    def table(values):
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.csv"
        path.write_text(
            "date,metric,value,source\n"
            + "".join(f"2024-01-0{i},signatures,{v},s\n" for i, v in enumerate(values, 1)),
            encoding="utf-8",
        )
        return read_series(path, {"s"})

    want, problems_w, _ = table(["12.5", "1200", "1234567.25", "-3", "7"])
    got, problems_a, _ = table(["١٢٫٥", "١٬٢٠٠", "١٬٢٣٤٬٥٦٧٫٢٥", "-٣", "۷"])
    assert problems_w == [] and problems_a == []
    assert got.equals(want)
    _, problems, _ = table(["١٢٬٥", "1.2٫5", "7", "8", "9"])
    assert [(p.line, p.field) for p in problems] == [(2, "value"), (3, "value")]
    assert all("not a number" in str(p) for p in problems)
