"""Arithmetic on qualified counts keeps the bounds the record allows (trial 5, F0 and F8).

A share, an effective number or a rate computed from "at least 1000", "5000..8000" or
"about 150" is never said as one exact number: it is the interval those counts allow, and a
bound is rounded the safe way (a lower bound down, an upper bound up)."""

from __future__ import annotations

import itertools
import math

import pytest

from conftest import act, small_record

from evalkit.evaluation import Evaluation
from evalkit.evaluation.bounds import effective_number_of, percent, rounded, share_of
from evalkit.i18n import localized, set_language


def _with_counts(id_, participants, foreign, date="2020-01"):
    """An activity row with its participants and foreign participants (quoted: a count
    may hold a comma or a range)."""
    return (
        f"{id_},{date},,activity {id_},mobilisation,,low,in_person,international,,Paris,"
        f'en,public,"{participants}","{foreign}",,s'
    )


def _indicator(question, name) -> object:
    hits = [value for label, value, _ in question.indicators if str(label) == name]
    assert len(hits) == 1, [str(label) for label, _, _ in question.indicators]
    return hits[0]


def _share(tmp_path, *rows):
    ev = Evaluation(small_record(tmp_path, activities=[_with_counts(*r) for r in rows]))
    return _indicator(ev.questions[2], "Foreign share of participants")


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


# --- the foreign share of participants (F0) ---------------------------------------------------


def test_exact_counts_give_one_share(tmp_path):
    assert str(_share(tmp_path, ("a1", "150", "120"), ("a2", "50", "0"))) == (
        "60% over 2 activities with both counts"
    )


def test_a_lower_bound_is_never_added_as_an_exact_count(tmp_path):
    # the trial's variant: (120 + 1000) / (150 + 5000) = 22% was printed; the record allows
    # 1,120 of 8,150 (13.7%) to 8,120 of 8,150 (99.6%)
    said = str(_share(tmp_path, ("a1", "150", "120"), ("a2", "5000..8000", "at least 1000")))
    # the upper end, 99.63%, rounded up but never to 100%: one of them is not foreign
    assert said == "between 13% and 99.7% over 2 activities with both counts"
    assert "22%" not in said


def test_ranges_and_about_give_bounds_said_approximate(tmp_path):
    # the trial's record (free-the-press-long-simulated, activities.csv:5-6): it printed 99%
    said = str(
        _share(tmp_path, ("a1", "about 150", "about 120"), ("a2", "5000..8000", "5000..8000"))
    )
    assert said == (
        "between 62% and 99.7% (some of the counts it rests on are approximate) over 2 "
        "activities with both counts"
    )


def test_about_counts_give_about_a_share(tmp_path):
    assert str(_share(tmp_path, ("a1", "about 200", "about 50"))) == (
        "about 25% over 1 activity with both counts"
    )


def test_an_open_ended_whole_leaves_only_an_upper_bound(tmp_path):
    # 30 of 100 foreign, then "more than 100" participants with 10 foreign: the share may
    # come near 0 (a huge crowd), and is at most 40 of 200
    said = str(_share(tmp_path, ("a1", "100", "30"), ("a2", "more than 100", "10")))
    assert said == "at most 20% over 2 activities with both counts"


def test_bounds_that_allow_any_share_are_not_computed(tmp_path):
    said = str(_share(tmp_path, ("a1", "more than 100", "at least 10")))
    assert said.startswith("not computed: the qualifiers of the counts")
    assert "any share from 0% to 100%" in said


def test_more_foreign_participants_than_participants_is_named_not_divided(tmp_path):
    said = str(_share(tmp_path, ("a1", "100", "30"), ("a2", "10", "40")))
    assert said == (
        "not computed: activities.csv:3 gives more foreign participants than participants"
    )


def test_the_share_in_arabic_keeps_its_bounds(tmp_path):
    said = _share(tmp_path, ("a1", "about 150", "about 120"), ("a2", "5000..8000", "5000..8000"))
    set_language("ar")
    text = localized(said)
    assert "بين 62% و99.7%" in text and "بعض الأعداد التي يستند إليها تقريبية" in text
    assert "99%" not in text


def test_share_bounds_are_the_least_and_the_most_the_counts_allow():
    # brute force over the corners and the middle of each count's bounds
    parts, wholes = [(120, 120), (1000, 8000)], [(150, 150), (5000, 8000)]
    got = share_of(parts, wholes)
    seen = [(120 + f) / (150 + p) for p in range(5000, 8001, 250) for f in range(1000, p + 1, 250)]
    assert got.low == pytest.approx(min(seen)) and got.high == pytest.approx(max(seen))


# --- the effective number of hashtags ---------------------------------------------------------


def _tags(*uses):
    return {
        "hashtags": [
            {"text": f"#Tag{i}", "language": "en", "uses": u, "source": "s"}
            for i, u in enumerate(uses)
        ]
    }


def _effective(tmp_path, *uses):
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], media_tools=_tags(*uses)))
    return str(_indicator(ev.questions[2], "Competing hashtags (English)"))


def test_the_effective_number_of_exact_uses_is_one_number(tmp_path):
    assert _effective(tmp_path, 900, 100).endswith("effective number 1.22")


def test_the_effective_number_of_bounded_uses_is_their_interval(tmp_path):
    # the trial's boycott record: 'about 12,000' and 'more than 3000' gave 'effective number
    # 1.47', the value at 3000 exactly; the second may be far more, or as many as the first
    said = _effective(tmp_path, "about 12000", "more than 3000")
    assert said.endswith(
        "effective number anywhere from 1 to 2 (the counts' qualifiers allow every value)"
    )
    said = _effective(tmp_path, 12000, "3000..6000")
    assert said.endswith("effective number between 1.47 and 1.8")


def test_one_hashtag_is_one_whatever_its_uses(tmp_path):
    assert _effective(tmp_path, "about 500").endswith("effective number 1")


@pytest.mark.parametrize(
    "uses",
    [
        [(0, 10), (5, 5)],
        [(100, 300), (10, 10), (50, 80)],
        [(1, 1000), (1, 1000), (500, 500)],
        [(20, 20), (0, 0), (5, 40)],
    ],
)
def test_effective_number_bounds_hold_every_value_and_are_reached(uses):
    got = effective_number_of(uses)
    assert got is not None
    grid = [[lo + (hi - lo) * k / 20 for k in range(21)] for lo, hi in uses]
    seen = [sum(u) ** 2 / sum(x * x for x in u) for u in itertools.product(*grid) if sum(u) > 0]
    assert min(seen) >= got.low - 1e-9 and max(seen) <= got.high + 1e-9
    assert min(seen) == pytest.approx(got.low, abs=1e-6)
    assert max(seen) == pytest.approx(got.high, rel=1e-3)


# --- bounds rounded the safe way (F8) ---------------------------------------------------------


def test_rounding_a_bound_never_claims_more_than_it():
    assert rounded(22.95, 1, "down") == 22.9 and rounded(22.95, 1, "up") == 23.0
    assert rounded(615.3846, 1, "down") == 615.3 and rounded(6.77, 1, "up") == 6.8
    assert rounded(23.0, 1, "down") == 23.0 and rounded(0.3 * 100, 0, "up") == 30.0
    assert (percent(0.8333, "up"), percent(0.8333, "down"), percent(0.8333)) == (
        "84%",
        "83%",
        "83%",
    )
    assert rounded(math.inf, 1, "down") == math.inf


# one phase long enough for the trial's window (2021-03..2022-10)
LONG = [{"id": "p1", "name": "Phase 1", "start": "2020-01-01", "end": "2022-12-31", "source": "s"}]


def _metric(tmp_path, value, date="2021-03..2022-10"):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=[act("a1")],
            metrics=[f'{date},participants,"{value}",,,,,national,,,s'],
            phases=LONG,
        )
    )
    q = ev.questions[2]
    return [str(v) for label, v, _ in q.indicators if str(label).startswith("Participants")], [
        str(f.text) for f in q.findings if "lower bound" in str(f.text)
    ]


def test_a_lower_bound_rate_is_rounded_down(tmp_path):
    # the trial's record: 'thousands' (at least 2,000) over 2021-03..2022-10, 87.14 weeks:
    # 22.95 a week, which it printed as 'at least 23 per week'
    (value,), (finding,) = _metric(tmp_path, "thousands")
    assert value.endswith("at least 22.9 per week")
    assert "the true rate is 22.9 per week or more" in finding
    assert "23 per week" not in value + finding


def test_an_upper_bound_rate_is_rounded_up_and_a_range_outwards(tmp_path):
    # a turnout over a window written as one (one date, "2020-01", is an event's: not a rate)
    (value,), _ = _metric(tmp_path, "at most 30", date="2020-01-01..2020-01-31")
    assert value.endswith("at most 6.8 per week")  # 30 / (31 / 7) = 6.77
    (tmp_path / "r").mkdir()
    (value,), _ = _metric(tmp_path / "r", "2000..3000")
    assert value.endswith("22.9–34.5 per week")  # 22.95 to 34.43


def test_a_lower_bound_rate_in_arabic(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=[act("a1")],
            metrics=["2021-03..2022-10,participants,thousands,,,,,national,,,s"],
            phases=LONG,
        )
    )
    set_language("ar")
    texts = [
        localized(v) for label, v, _ in ev.questions[2].indicators if "articipants" in str(label)
    ]
    assert any("22.9 على الأقل في الأسبوع" in t for t in texts), texts


def _time_to_attainment(tmp_path, **judgement):
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Stop it.",
        "decision_makers": ["UN Security Council"],
        "source": "s",
        "judgements": [
            {"attainment": "achieved", "evidence": "e", "judged_by": "t", "source": "s"} | judgement
        ],
    }
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], goals=[goal]))
    return [str(v) for label, v, _ in ev.questions[3].indicators if "to attainment" in str(label)]


def test_a_time_that_is_only_an_upper_bound_is_rounded_up(tmp_path):
    # attained by the judgement of 2021-04 (not when): at most 485 days from 2020-01-01,
    # 1.33 years — 'at most 1.3 years' would claim it was quicker than the record allows
    (said,) = _time_to_attainment(tmp_path, as_of="2021-04")
    assert said.startswith("at most 1.4 years (attained by the judgement of 2021-04")


def test_the_ends_of_a_time_range_are_rounded_outwards(tmp_path):
    # attained some day of 2021-04: 456 to 485 days after the launch, 1.25 to 1.33 years
    (said,) = _time_to_attainment(tmp_path, as_of="2021-05", attained="2021-04")
    assert said == "1.2–1.4 years"
