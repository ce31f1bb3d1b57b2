"""A count of people taking part is counted at an event: dated by one vague date, it is never
spread over the days that date allows, and W7 finds a decline only where every reading of
the dates shows one (trial 6, H2: about 400 at a vigil in mid February, then 450 at a sit-in
in September, was "about 300 per week … then 105 per week" and W7 fired on a rise)."""

from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES
from evalkit.i18n import localized
from conftest import small_record


def _met(date, metric, value, note=""):
    return f"{date},{metric},{value},,,,,local,,{note},s"


def _w7(ev):
    r = next(r for r in ev.checklist if r.rule.id == "W7")
    return r.status, " ".join(localized(e) for e in r.evidence)


def _indicator(ev, row):
    q2 = ev.questions[2]
    return next(
        localized(value) for _, value, evidence in q2.indicators if f"metrics.csv:{row}" in evidence
    )


def test_a_rise_in_turnout_over_vaguer_dates_is_not_a_decline(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            _met("mid 2020-01", "participants", "about 400", "vigil"),
            _met("2020-03", "participants", "450", "sit-in"),
        ],
    )
    ev = Evaluation(c)
    status, evidence = _w7(ev)
    assert status != FIRES, evidence
    assert "no decline between comparable counts" in evidence
    assert "per week" not in evidence
    # each turnout shown as its count, never divided by its date's width
    assert _indicator(ev, 2) == (
        "a turnout, not a rate: about 400, not spread over the 10 days its date allows "
        "(mid 2020-01)"
    )
    assert _indicator(ev, 3) == (
        "a turnout, not a rate: 450, not spread over the 31 days its date allows (2020-03)"
    )


def test_a_fall_in_turnout_is_still_found_by_its_counts(tmp_path):
    c = small_record(
        tmp_path,
        metrics=[
            _met("mid 2020-01", "participants", "about 400"),
            _met("2020-03", "participants", "150..300"),
        ],
    )
    status, evidence = _w7(Evaluation(c))
    assert status == FIRES
    assert "participants (local): about 400 (mid 2020-01) then 150–300 (2020-03)" in evidence


def test_a_turnout_on_a_known_day_compares_with_one_dated_to_a_month(tmp_path):
    # both are counts at an event: before, a day's count and a month's were never compared
    c = small_record(
        tmp_path,
        metrics=[
            _met("2020-01-15", "participants", "450"),
            _met("2020-03", "participants", "about 400"),
        ],
    )
    status, evidence = _w7(Evaluation(c))
    assert status == FIRES
    assert "450 (2020-01-15) then about 400 (2020-03)" in evidence


def test_a_weekly_rate_that_falls_only_because_the_date_is_wider_is_uncertain(tmp_path):
    # 10 stands in mid January, 12 in March: 7 per week, then 2.7 per week, but more stands
    c = small_record(
        tmp_path,
        metrics=[
            _met("mid 2020-01", "protest_stands", "10"),
            _met("2020-03", "protest_stands", "12"),
        ],
    )
    ev = Evaluation(c)
    status, evidence = _w7(ev)
    assert status == CANNOT, evidence
    assert "the rate per week fell but the count did not" in evidence
    # stands are events: over the window their date gives, they are still a rate
    assert _indicator(ev, 3) == "12 over 4.4 weeks (2020-03): 2.7 per week"


def test_windows_the_record_writes_as_windows_compare_by_their_rates(tmp_path):
    # the record says each count covers its window: 10 per week, then 2.8 per week
    c = small_record(
        tmp_path,
        metrics=[
            _met("2020-01-01..2020-01-14", "protest_stands", "20"),
            _met("2020-02-01..2020-03-31", "protest_stands", "24"),
            _met("2020-01-01..2020-01-14", "participants", "1400"),
        ],
    )
    ev = Evaluation(c)
    status, evidence = _w7(ev)
    assert status == FIRES
    assert "10 per week (between 2020-01-01 and 2020-01-14) then 2.8 per week" in evidence
    # a turnout over a window written as one is the record's own exposure: a rate
    assert _indicator(ev, 4) == (
        "1,400 over 2 weeks (between 2020-01-01 and 2020-01-14): 700 per week"
    )
