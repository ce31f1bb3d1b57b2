"""The largest counts (question 2's reach line, results.json's facts, the comparison's "largest
counts recorded") are counts of the campaign's reach (trial 5, F15): a series that measures
an outcome — the company's sales index a boycott wanted down — is what the campaign set out
to change, and its highest value (before the campaign) was listed there as if it were a
count of whom the campaign reached. A reach series still is."""

from __future__ import annotations

from conftest import small_record

import evalkit
from evalkit.comparison.tables import reach_against_outcome
from evalkit.results.build import results_document
from evalkit.results.model import CampaignResults


def _results(tmp_path, rows: list[str]) -> CampaignResults:
    small_record(tmp_path)
    folder = tmp_path / "small"
    (folder / "series.csv").write_text(
        "date,metric,value,measures,source\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    return CampaignResults.model_validate(results_document(campaign))


def _weeks(metric: str, values: list[float], measures: str) -> list[str]:
    import pandas as pd

    days = pd.date_range("2019-11-04", periods=len(values), freq="7D")
    return [f"{d.date()},{metric},{v},{measures},s" for d, v in zip(days, values)]


SALES = [102.6, 101.0, 100.5, 99.8, 93.0, 92.1, 91.5, 90.9]


def test_an_outcome_series_is_not_among_the_largest_counts(tmp_path):
    results = _results(tmp_path, _weeks("sales index", SALES, "outcome"))
    # before: "the outcome series 'sales index' at its highest: 102.6 (2019-11-04; series.csv)"
    assert results.facts.largest_counts == []
    [cell] = reach_against_outcome([results])["largest counts recorded"]
    assert str(cell) == (
        "none recorded in metrics.csv; activities.csv (participants, foreign participants, "
        "events); campaign.yaml (hashtag uses, accounts' followers and posts, coalition "
        "sizes); series.csv (series that measure reach)"
    )


def test_a_reach_series_beside_it_still_is(tmp_path):
    rows = _weeks("sales index", SALES, "outcome") + _weeks(
        "followers", [10, 40, 90, 160, 250, 300, 320, 330], "reach"
    )
    results = _results(tmp_path, rows)
    assert results.facts.largest_counts == [
        "the series 'followers' at its highest: 330 (2019-12-23; series.csv)"
    ]
