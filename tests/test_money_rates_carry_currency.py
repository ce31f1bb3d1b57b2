"""Every number derived from an amount of money carries the currency its row's note names,
as the amount itself does ('31,250.40 GBP'): its rate per week, the bound a finding reads,
a window under a week, the chart's axis, S12's rise — in English and in Arabic. Figures in
two currencies (or one the note does not name) are no rise the record shows."""

from __future__ import annotations

import re

from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES
from evalkit.i18n import localized, plain
from conftest import act, small_record

MONEY = [
    "2020-01-01..2020-01-31,donations,31250.40,,,website,,,,GBP,s",
    "2020-02,donations,more than 1200,,,website,,,,in euros,s",
    "2020-03,donations,1000..2000,,,website,,,,USD,s",
    "2020-03-02,donations,500,,,website,,,,GBP,s",
    "2020-02-10..2020-03-20,donations,about 900,,,website,,,,online appeal,s",
]


def _indicators(ev, lang="en"):
    return {
        plain(str(localized(i[1], lang))) for i in ev.questions[2].indicators if "Donations" in i[0]
    }


def test_each_rate_of_money_is_written_with_its_currency(tmp_path):
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], metrics=MONEY))
    said = _indicators(ev)
    assert (
        "31,250.40 GBP over 4.4 weeks (between 2020-01-01 and 2020-01-31): 7,057 GBP per week"
        in {s.replace("2020-01-01..2020-01-31", "between 2020-01-01 and 2020-01-31") for s in said}
    ), said
    joined = " | ".join(said)
    assert "at least 289.65 EUR per week" in joined
    assert "225.80–451.62 USD per week" in joined
    assert "500 GBP in 1 day, not scaled up to a week" in joined
    # "about 900" over 5.7 weeks is 157.5 a week: an approximate rate keeps two significant
    # digits (reach._rate_text: one would say 'about 200', a quarter more)
    assert "about 160 (the note names no currency) per week" in joined, joined
    # no rate of money is a bare number
    for s in said:
        rate = s.rpartition(": ")[2]
        assert re.search(r"(GBP|EUR|USD|names no currency)", rate), s
    ar = " | ".join(_indicators(ev, "ar"))
    assert "7,057 GBP" in ar and "289.65 EUR" in ar and "USD" in ar, ar


def test_a_lower_bound_of_money_reads_its_rate_with_the_currency(tmp_path):
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], metrics=MONEY))
    found = [str(f.text) for f in ev.questions[2].findings if "is a lower bound" in str(f.text)]
    assert found == [
        "more than 1,200 EUR in donations is a lower bound: the true rate is 289.65 EUR per "
        "week or more, never exactly that."
    ]
    ar = [str(localized(f.text, "ar")) for f in ev.questions[2].findings if "289.65" in str(f.text)]
    assert "289.65 \u2068EUR\u2069 في الأسبوع" in ar[0], ar


def test_the_money_axis_names_the_currency_code_the_notes_name(tmp_path):
    metrics = [
        "2020-01,donations,1000,,,website,,,,in pounds sterling,s",
        "2020-03,donations,5000,,,website,,,,GBP,s",
        "2020-02,views,300,,,youtube,,,,,s",
    ]
    ev = Evaluation(small_record(tmp_path, activities=[act("a1")], metrics=metrics))
    fig = ev.questions[2].plot()
    labels = [ax.get_xlabel() for ax in fig.axes]
    assert any(l.startswith("money per week, in GBP (an axis of its own") for l in labels), labels


def test_a_rise_in_donations_compares_amounts_of_one_currency(tmp_path):
    (tmp_path / "mixed").mkdir()
    mixed = Evaluation(
        small_record(
            tmp_path / "mixed",
            activities=[act("a1")],
            metrics=[
                "2020-01,donations,900,,,website,,,,online appeal,s",
                "2020-03,donations,5000,,,website,,,,USD,s",
            ],
        )
    )
    s12 = next(r for r in mixed.checklist if r.rule.id == "S12")
    assert s12.status == CANNOT
    assert str(s12.evidence[0]) == (
        "donations: 2 figures (metrics.csv:2, :3), but no two in one currency the notes name; "
        "a rise compares amounts of one currency"
    )
    assert plain(str(localized(s12.evidence[0], "ar"))).startswith(
        "التبرعات: رقمان (metrics.csv:2, :3)"
    )
    (tmp_path / "one").mkdir()
    one = Evaluation(
        small_record(
            tmp_path / "one",
            activities=[act("a1")],
            metrics=[
                "2020-01,donations,900,,,website,,,,GBP,s",
                "2020-02,donations,700,,,website,,,,USD,s",
                "2020-03,donations,5000,,,website,,,,GBP,s",
            ],
        )
    )
    s12 = next(r for r in one.checklist if r.rule.id == "S12")
    assert s12.status == FIRES
    assert str(s12.evidence[0]).startswith("donations 2020-01: 900 GBP → 2020-03: 5,000 GBP")
