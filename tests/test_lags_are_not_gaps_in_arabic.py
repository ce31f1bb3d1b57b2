"""A lag of an autocorrelation test is «فترة إبطاء» in Arabic, never a gap (trial 7, L2): «عند 4
فجوات زمنية» ("at 4 time gaps") for Ljung-Box's "at 4 lags" read, beside the series' gap
warnings («فجوة»: a date without a row), as if the test had found four gaps in the data.
Every message of the catalogue that says "lag" now says it with the statistical term, in
each of Arabic's forms."""

from __future__ import annotations

import re

import pytest

from evalkit.i18n import Msg, plural_catalogue

ISOLATES = re.compile("[\u2066-\u2069\u200f]")


def test_the_catalogue_says_lag_with_the_statistical_term():
    catalogue = plural_catalogue("ar")
    lags = [singular for singular in catalogue if re.search(r"\blag\b", singular)]
    assert len(lags) >= 4  # Ljung-Box (3 messages) and Newey–West
    for singular in lags:
        for form in catalogue[singular]:
            assert "إبطاء" in form and "فجو" not in form, (singular, form)


@pytest.mark.parametrize(
    "n,words",
    [(1, "فترة إبطاء واحدة"), (2, "فترتي إبطاء"), (4, "4 فترات إبطاء"), (12, "12 فترةَ إبطاء")],
)
def test_a_ljung_box_sentence_reads_lags_in_arabic(n, words):
    msg = Msg(
        "Residuals are autocorrelated (Ljung-Box {p} at {n} lag): the intervals may be too narrow.",
        "Residuals are autocorrelated (Ljung-Box {p} at {n} lags): the intervals may be too "
        "narrow.",
        p="p = 0.29",
        n=n,
    )
    said = ISOLATES.sub("", msg.translated("ar"))
    assert f"p = 0.29 عند {words})" in said, said
