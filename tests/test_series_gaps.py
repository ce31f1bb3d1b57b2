"""series.csv read by its dates: gaps, mixed steps and rows out of order are warnings at their
row (never errors: the record is still usable) in `evalkit validate`, results.json and the
report, in its language, and as the as-of cut leaves the series; the interrupted time series
counts time in the series' own step from the dates, keeps its day-of-week terms and seasons
across gaps; a running total (`cumulative: yes`) is modelled by its change per step."""

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import evalkit
from evalkit.cli import main
from evalkit.evaluation import Evaluation


def _record(tmp_path, rows, launch="2024-03-10", header="date,metric,value,source"):
    """A small valid record launched on `launch` whose series.csv holds `rows` (CSV lines
    without the header)."""
    from conftest import small_record

    small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "Phase 1", "start": launch, "end": "2024-12-31", "source": "s"}
        ],
    )
    folder = tmp_path / "small"
    (folder / "series.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def _daily(days, values, metric="signatures", extra=""):
    return [f"{d},{metric},{v},s{extra}" for d, v in zip(days, values)]


def _trial_series() -> list[str]:
    """Daily signatures with a week left out (2024-03-03..08), rows 12 and 13 swapped, and
    weekly rows from 2024-04-05."""
    days = [date(2024, 2, 20) + timedelta(d) for d in range(60)]
    days = [d for d in days if not date(2024, 3, 3) <= d <= date(2024, 3, 8)]
    days = days[:40] + [days[39] + timedelta(7 * k) for k in range(1, 5)]
    rows = _daily(days, [100 + 3 * i for i in range(len(days))])
    rows[10], rows[11] = rows[11], rows[10]
    return rows


def test_validate_says_gaps_mixed_steps_and_order_as_warnings_at_their_rows(tmp_path):
    folder = _record(tmp_path, _trial_series())
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output  # warnings never block
    out = result.output
    assert f"{folder}: valid, with 3 warnings: the record can be evaluated" in out
    assert (
        f"  warning: {folder}/series.csv:13: date: 'signatures': 2024-03-01 comes after a row "
        "dated 2024-03-02: the rows are not in date order (1 row out of order)"
    ) in out
    assert (
        f"  warning: {folder}/series.csv:14: date: 'signatures' jumps from 2024-03-02 to "
        "2024-03-09, where its step is 1 day: 6 days without a row."
    ) in out
    assert (
        f"  warning: {folder}/series.csv:42: date: 'signatures' changes step: its rows from "
        "2024-04-05 to 2024-05-03 are 1 week apart, where its step is 1 day."
    ) in out
    assert "1 of 1 record(s) valid; 1 with warnings" in out


def test_a_regular_series_has_no_warning_and_a_repeated_date_is_still_an_error(tmp_path):
    days = [date(2024, 2, 20) + timedelta(d) for d in range(30)]
    folder = _record(tmp_path, _daily(days, range(30)))
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0 and "warning" not in result.output
    assert f"{folder}: valid\n" in result.output
    rows = _daily(days, range(30))
    rows.insert(5, rows[4])
    (folder / "series.csv").write_text(
        "\n".join(["date,metric,value,source", *rows]) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "series.csv:7: date: 2024-02-24 already has a value for 'signatures' on line 6" in (
        result.output
    )


def test_weekly_and_monthly_series_are_read_in_their_own_step(tmp_path):
    weeks = [date(2024, 1, 1) + timedelta(7 * k) for k in range(20) if k not in (5, 6)]
    months = [date(2022 + m // 12, m % 12 + 1, 1) for m in range(30) if m != 10]
    rows = _daily(weeks, range(18), "weekly") + _daily(months, range(29), "monthly")
    folder = _record(tmp_path, rows)
    warnings: list = []
    evalkit.check_record(folder, build=False, warnings=warnings)
    said = [str(w.message) for w in warnings]
    assert said == [
        "'weekly' jumps from 2024-01-29 to 2024-02-19, where its step is 1 week: 2 weeks "
        "without a row. The statistics count them as a gap; a date not observed is written as "
        "a row with an empty value",
        "'monthly' jumps from 2022-10-01 to 2022-12-01, where its step is 1 month: 1 month "
        "without a row. The statistics count them as a gap; a date not observed is written as "
        "a row with an empty value",
    ]
    # a row with an empty value is an observed date: no gap
    rows = _daily(weeks, range(18), "weekly")
    rows.insert(5, f"{date(2024, 2, 5)},weekly,,s")
    rows.insert(6, f"{date(2024, 2, 12)},weekly,,s")
    (folder / "series.csv").write_text(
        "\n".join(["date,metric,value,source", *rows]) + "\n", encoding="utf-8"
    )
    warnings = []
    evalkit.check_record(folder, build=False, warnings=warnings)
    assert warnings == []


@pytest.fixture(scope="module")
def gappy_runs(tmp_path_factory):
    """The trial's series evaluated in English and Arabic (results.json and the report)."""
    from evalkit.run.pipeline import evaluate

    tmp = tmp_path_factory.mktemp("gappy")
    folder = _record(tmp, _trial_series())
    out = {}
    for lang in ("en", "ar"):
        outcome = evaluate(folder, tmp / f"out-{lang}", lang=lang)
        assert outcome.status == "ok", outcome.describe()
        out[lang] = Path(outcome.out_dir)
    return out


def test_results_json_keeps_the_warnings_at_their_rows(gappy_runs):
    results = json.loads((gappy_runs["en"] / "results.json").read_text(encoding="utf-8"))
    warnings = results["record_warnings"]
    assert [(w["file"], w["line"], w["field"]) for w in warnings] == [
        ("series.csv", 13, "date"),
        ("series.csv", 14, "date"),
        ("series.csv", 42, "date"),
    ]
    assert warnings[1]["message"].startswith("'signatures' jumps from 2024-03-02 to 2024-03-09")
    # the contract reads it, and its sentences are in the file's messages for other languages
    from evalkit.results.model import read_results

    assert len(read_results(gappy_runs["en"] / "results.json").record_warnings) == 3
    assert warnings[1]["message"] in results["messages"]


def test_the_report_shows_the_warnings_in_its_language(gappy_runs):
    from test_arabic import _visible_text

    en = _visible_text((gappy_runs["en"] / "evaluation.html").read_text(encoding="utf-8"))
    assert "'signatures' jumps from 2024-03-02 to 2024-03-09, where its step is 1 day" in en
    assert "(series.csv:14)" in en
    assert "Warnings about its dates" in en
    ar = _visible_text((gappy_runs["ar"] / "evaluation.html").read_text(encoding="utf-8"))
    assert "تقفز السلسلة «signatures» من" in ar and "تنبيهات بشأن تواريخها" in ar
    assert "6 أيام" in ar  # 6 days, in the form Arabic gives 6
    assert "jumps from" not in ar and "changes step" not in ar


def test_an_as_of_cut_says_only_the_warnings_of_the_rows_it_keeps(tmp_path):
    from evalkit.record.asof import cut_as_of

    folder = _record(tmp_path, _trial_series(), launch="2024-02-25")
    campaign, problems = evalkit.check_record(folder)
    assert not problems and len(campaign.warnings) == 3
    # before the weekly rows: the order and the gap stay, the change of step is not said
    early = cut_as_of(campaign, date(2024, 4, 1))
    assert [w.line for w in early.warnings] == [13, 14]
    assert early.warnings[1] is campaign.warnings[1]  # as given, where nothing changed
    # before the gap: nothing left to warn of but the order
    assert [w.line for w in cut_as_of(campaign, date(2024, 3, 2)).warnings] == [13]
    # and results.json of an evaluation as of a date says the cut's
    from evalkit.results.build import campaign_results

    cut = campaign_results(campaign, "2024-04-01")
    assert [w["line"] for w in cut["record_warnings"]] == [13, 14]


def _linear(days, slope, jump_at, jump, rng):
    t = np.array([(d - days[0]).days for d in days], float)
    y = 50 + slope * t + np.where(np.array(days) >= jump_at, jump, 0.0)
    return np.round(y + rng.normal(0, 0.3, len(days)), 2)


def test_the_interrupted_time_series_measures_time_in_days_across_a_gap(tmp_path):
    """A series rising 0.5 a day, a level change of +8 at the launch, and 15 days of the
    pre-period without rows: counted by row, the trend read 0.5 a day over 15 fewer points
    (0.6 per 'step') and took part of the level change for it."""
    from evalkit.stats import InterruptedTimeSeries

    launch = date(2024, 3, 10)
    days = [date(2024, 1, 1) + timedelta(d) for d in range(120)]
    days = [d for d in days if not date(2024, 1, 20) <= d < date(2024, 2, 4)]
    y = _linear(days, 0.5, launch, 8.0, np.random.default_rng(3))
    frame = pd.DataFrame({"date": pd.to_datetime(days), "value": y})
    its = InterruptedTimeSeries(
        frame, "value", {"launch": pd.Timestamp(launch)}, time="date", family="gaussian"
    )
    assert its.result.params["time"] == pytest.approx(0.5, abs=0.01)
    [level, slope] = its.effects().to_dict(orient="records")
    assert level["estimate"] == pytest.approx(8.0, abs=0.5)
    assert slope["estimate"] == pytest.approx(0.0, abs=0.02) and slope["scale"] == (
        "difference per day"
    )
    # the same through an evaluation: the model line says time is read from the dates
    folder = _record(tmp_path, _daily(days, y), launch=str(launch))
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    assert "time counted from the dates (15 days without a row, counted as gaps)" in a.its_model
    assert a.its.result.params["time"] == pytest.approx(0.5, abs=0.01)
    [level] = a.its.effects().to_dict(orient="records")  # level only: no trend change
    assert level["estimate"] == pytest.approx(8.0, abs=0.5)


def test_a_weekly_series_counts_its_trend_per_week(tmp_path):
    from evalkit.stats import InterruptedTimeSeries

    launch = date(2024, 6, 3)
    days = [date(2024, 1, 1) + timedelta(7 * k) for k in range(40) if not 8 <= k < 12]
    t = np.array([(d - days[0]).days / 7 for d in days])
    y = np.round(20 + 2.0 * t + np.random.default_rng(4).normal(0, 0.2, len(t)), 2)
    frame = pd.DataFrame({"date": pd.to_datetime(days), "value": y})
    its = InterruptedTimeSeries(
        frame, "value", {"launch": pd.Timestamp(launch)}, time="date", family="gaussian"
    )
    assert its.result.params["time"] == pytest.approx(2.0, abs=0.02)
    assert its.effects()["scale"].tolist() == ["difference", "difference per week"]


def test_a_daily_series_with_gaps_keeps_its_day_of_week_effects(tmp_path):
    days = pd.date_range("2024-01-03", periods=140, freq="D")  # a Wednesday first
    rhythm = np.array([1.0, 1.1, 1.1, 1.0, 0.9, 0.5, 0.4])[days.day_of_week]  # quiet weekends
    y = np.random.default_rng(2).poisson(40 * rhythm)
    keep = ~((days >= "2024-02-01") & (days < "2024-02-11"))  # ten days without rows
    folder = _record(tmp_path, _daily(days[keep].date, y[keep]), launch="2024-03-01")
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    assert "day-of-week effects" in str(a.its_model)
    assert "10 days without a row" in str(a.its_model)
    # the first day observed (a Wednesday) is the baseline: Saturday against Wednesday
    assert a.its.weekday_baseline == 2 and "weekday 2" not in a.its.X
    saturday = np.exp(a.its.result.params["weekday 5"])
    assert saturday == pytest.approx(0.5 / 1.1, abs=0.08)


def test_a_monthly_series_missing_a_month_keeps_its_seasons(tmp_path):
    months = pd.date_range("2018-01-01", periods=48, freq="MS")
    season = 1 + 0.3 * np.sin(2 * np.pi * months.month / 12)
    y = np.random.default_rng(5).poisson(200 * season)
    keep = months != pd.Timestamp("2019-05-01")
    folder = _record(tmp_path, _daily(months[keep].date, y[keep]), launch="2020-06-01")
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    assert "two annual harmonics" in str(a.its_model)
    assert "1 month without a row" in str(a.its_model)


def test_a_running_total_marked_cumulative_is_modelled_by_its_change_per_day(tmp_path):
    """Signatures to date, 30 new a day before the launch and 60 after: read as levels, the
    total's rise is an 'effect' whatever happens; by its change per day, the rate doubled."""
    days = pd.date_range("2024-02-01", periods=80, freq="D")
    rng = np.random.default_rng(6)
    new = rng.poisson(np.where(days >= "2024-03-10", 60, 30))
    total = np.cumsum(new)
    keep = ~((days >= "2024-02-15") & (days < "2024-02-18"))
    rows = _daily(days[keep].date, total[keep], extra=",yes")
    folder = _record(tmp_path, rows, header="date,metric,value,source,cumulative")
    campaign, problems = evalkit.check_record(folder)
    assert not problems
    [a] = Evaluation(campaign).series
    # 80 dates, 3 left out: 77 totals, 75 changes one day apart (none across the gap)
    assert a.points == 75
    [level, *_] = a.its.effects().to_dict(orient="records")
    assert level["estimate"] == pytest.approx(2.0, abs=0.15)
    assert any("running total (cumulative: yes" in str(n) for n in a.its_notes)
    assert not a.its.running_total
    # a value that is not yes or no, or a series marked on some rows only, is an error
    rows[3] = rows[3].replace(",yes", ",Yes!")
    rows[5] = rows[5].replace(",yes", ",no")
    (folder / "series.csv").write_text(
        "\n".join(["date,metric,value,source,cumulative", *rows]) + "\n", encoding="utf-8"
    )
    _, problems = evalkit.check_record(folder)
    assert [str(p).split("/")[-1] for p in problems] == [
        "series.csv:5: cumulative: 'Yes!' is not one of yes, no (did you mean 'yes'?) (yes: a "
        "running total to date; no or empty: a value per period)"
    ]
    rows[3] = rows[3].replace(",Yes!", ",yes")
    (folder / "series.csv").write_text(
        "\n".join(["date,metric,value,source,cumulative", *rows]) + "\n", encoding="utf-8"
    )
    _, problems = evalkit.check_record(folder)
    assert [p.message for p in problems] == [
        "'signatures' is marked cumulative on some rows and not on others; a series is a "
        "running total on every row (yes) or on none (no or empty)"
    ]


def test_a_workbooks_warnings_name_its_sheet_and_cell(tmp_path):
    folder = _record(tmp_path, _trial_series())
    book = tmp_path / "small.xlsx"
    assert CliRunner().invoke(main, ["convert", str(folder), str(book)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(book)])
    assert result.exit_code == 0, result.output
    assert "  warning: series!A14: date: 'signatures' jumps from 2024-03-02" in result.output
    assert "series.csv" not in result.output
    campaign, problems = evalkit.check_record(book)
    assert not problems
    assert [w.file for w in campaign.warnings] == ["series!A13", "series!A14", "series!A42"]
    assert campaign.warnings[1].warning


def _totals_record(tmp_path):
    """Signatures to date recorded three times in metrics.csv (the second a lower bound) and
    a reach series of followers marked cumulative, beside per-period stands."""
    folder = _record(
        tmp_path,
        [
            f"{d.date()},followers,{v},s,yes,reach"
            for d, v in zip(pd.date_range("2024-03-01", periods=5, freq="D"), [100, 130, 170, 0, 0])
            if v
        ],
        launch="2024-03-01",
        header="date,metric,value,source,cumulative,measures",
    )
    (folder / "metrics.csv").write_text(
        "metric,value,date,scope,phase,cumulative,source,note\n"
        "signatures,1000,2024-03-01..2024-03-31,international,p1,yes,s,\n"
        "signatures,more than 2500,2024-03-01..2024-04-30,international,p1,yes,s,\n"
        "signatures,4000,2024-03-01..2024-05-31,international,p1,yes,s,\n"
        "protest_stands,3,2024-03-02,local,p1,,s,\n",
        encoding="utf-8",
    )
    return folder


def test_question_2_draws_running_totals_as_a_line_of_levels_at_their_dates(tmp_path):
    folder = _totals_record(tmp_path)
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    reach = Evaluation(campaign).questions[2]
    totals = reach.running_totals()
    assert [(str(r.label), str(r.date.date()), r.low) for r in totals.itertuples()] == [
        ("followers", "2024-03-01", 100.0),
        ("followers", "2024-03-02", 130.0),
        ("followers", "2024-03-03", 170.0),
        ("Signatures (international)", "2024-03-31", 1000.0),
        ("Signatures (international)", "2024-04-30", 2500.0),
        ("Signatures (international)", "2024-05-31", 4000.0),
    ]
    fig = reach.totals_plot()
    lines = {
        line.get_label(): list(line.get_ydata())
        for line in fig.axes[0].get_lines()
        if not line.get_label().startswith("_")
    }
    # levels as recorded, one line each: never summed (7,500 signatures), never a rate
    assert lines == {
        "followers": [100.0, 130.0, 170.0],
        "Signatures (international)": [1000.0, 2500.0, 4000.0],
    }
    # the chart of rates per week keeps only the per-period count
    rates = reach.plot()
    assert len(rates.axes[0].get_yticklabels()) == 1
    # W7 never compares running totals: a total to date is no count of mobilisation per window
    from evalkit.evaluation.checklist import FIRES

    [w7] = [r for r in Evaluation(campaign).checklist if r.rule.id == "W7"]
    assert w7.status != FIRES
    assert "no repeated counts of one kind to compare" in [str(e) for e in w7.evidence]


def test_the_report_shows_the_running_totals_chart_in_its_language(tmp_path):
    from evalkit.run.pipeline import evaluate
    from test_arabic import _visible_text

    folder = _totals_record(tmp_path)
    for lang, title in (
        ("en", "Running totals: each total at its date, a level (never a rate)"),
        ("ar", "المجاميع التراكمية: كل مجموع عند تاريخه، مستوى (لا معدّل أبداً)"),
    ):
        outcome = evaluate(folder, tmp_path / f"out-{lang}", lang=lang)
        assert outcome.status == "ok", outcome.describe()
        page = (Path(outcome.out_dir) / "evaluation.html").read_text(encoding="utf-8")
        assert title in _visible_text(page)


def test_many_gaps_in_one_series_are_said_once_with_their_count(tmp_path):
    """A daily series kept on working days only has a gap every weekend: one warning with
    the count, the first and the last, not one a week."""
    days = [date(2024, 1, 1) + timedelta(d) for d in range(60)]
    folder = _record(tmp_path, _daily([d for d in days if d.weekday() < 5], range(60)))
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{folder}: valid, with 1 warning: the record can be evaluated" in result.output
    assert (
        f"  warning: {folder}/series.csv:7: date: 'signatures' has 8 gaps, where its step is "
        "1 day: 16 days without a row in all, the first from 2024-01-05 to 2024-01-08, the "
        "last from 2024-02-23 to 2024-02-26."
    ) in result.output
