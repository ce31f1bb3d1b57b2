"""A counted noun after a decimal agrees, in Arabic, with the number before the point
(«3.5 ملايين»): «4.4 أسابيع», never «4.4 أسبوع» (trial 5, F7); 11 to 99 take the singular of
many («12.9 أسبوعاً»); a fraction of 0, 1 or 2 (whose forms write a count of exactly that,
«أسبوعان») and from 100 the last form («1.1 أسبوع»). English keeps '1.1 weeks'."""

from __future__ import annotations

import pytest

from evalkit.evaluation import Evaluation
from evalkit.evaluation.reach import weeks_msg
from evalkit.i18n import Msg, localized, plain
from conftest import act, small_record


@pytest.mark.parametrize(
    "weeks, arabic",
    [
        (4.4, "4.4 أسابيع"),
        (3.0, "3 أسابيع"),
        (10.9, "10.9 أسابيع"),
        (12.9, "12.9 أسبوعاً"),
        (0.5, "0.5 أسبوع"),
        (1.1, "1.1 أسبوع"),
        (2.1, "2.1 أسبوع"),
        (2.0, "أسبوعان"),
        (100.4, "100.4 أسبوع"),
    ],
)
def test_a_fraction_of_weeks_takes_the_form_of_its_whole_part(weeks, arabic):
    assert localized(weeks_msg(weeks), "ar") == arabic


def test_english_and_bounds_keep_their_forms():
    assert str(weeks_msg(1.14)) == "1.1 weeks" and str(weeks_msg(4.4)) == "4.4 weeks"
    # the numeral beside the noun decides, for a bound as for a count
    at_least = Msg("{n} week", "{n} weeks", n=Msg("at least {n}", n="4.4"))
    assert localized(at_least, "ar") == "ما لا يقل عن 4.4 أسابيع"
    assert localized(Msg("{n} week", "{n} weeks", n=1.0), "ar") == "1.0 أسبوع"


def test_a_donations_row_reads_its_weeks_and_rate_in_arabic(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=[act("a1")],
            metrics=["2020-03,donations,4350.75,,,website,,,,EUR,s"],
        )
    )
    [said] = [
        plain(str(localized(i[1], "ar")))
        for i in ev.questions[2].indicators
        if "Donations" in str(i[0])
    ]
    # before: «4,350.75 EUR خلال 4.4 أسبوع (2020-03): 982.4 في الأسبوع»
    assert said == "4,350.75 EUR خلال 4.4 أسابيع (2020-03): 982.43 EUR في الأسبوع"
