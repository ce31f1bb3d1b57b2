"""The rate of an "about" count keeps two significant digits, or the count's own when it has
more: "about 400" over 1.4 weeks is "about 280 per week", never "about 300" (which claims 7%
more than the count gives: trial 6, L2); it is never more precise than the count."""

from __future__ import annotations

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from conftest import small_record


def _rate(tmp_path, date, value, metric="hashtag_uses"):
    ev = Evaluation(small_record(tmp_path, metrics=[f'{date},{metric},"{value}",,,,,local,,,s']))
    (value,) = [
        localized(v) for _, v, where in ev.questions[2].indicators if "metrics.csv:2" in where
    ]
    return value


def test_a_one_digit_count_gives_a_two_digit_rate(tmp_path):
    # 400 / (10 / 7) = 280
    assert _rate(tmp_path, "mid 2020-01", "about 400").endswith("about 280 per week")


def test_about_two_million_over_a_year_is_not_rounded_to_one_digit(tmp_path):
    # 2,000,000 / (366 / 7) = 38,251: 'about 38,000', never 'about 40,000'
    assert _rate(tmp_path, "2020", "about 2 million").endswith("about 38,000 per week")


def test_a_rate_is_never_more_precise_than_its_count(tmp_path):
    # 806 has three digits: 806 / (10 / 7) = 564.2 is 'about 564', never 'about 564.2'
    assert _rate(tmp_path, "mid 2020-01", "about 806").endswith("about 564 per week")
