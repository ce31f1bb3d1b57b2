"""series.csv in the evaluation: the counterfactual and the interrupted time series shown in
question 2 or 3 and written to results.json, checked on a public series with a published
result (Lopez Bernal et al. 2017, the Sicily smoking ban; ../shared/reference/sicily), and
located errors for a bad series file."""

import csv
import json
import re
from pathlib import Path

import pytest

import evalkit
from conftest import CASE_STUDIES
from evalkit.run.pipeline import evaluate

SICILY = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sicily" / "sicily.csv"

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sicily-smoke-free-law"


def test_the_bundled_example_series_is_the_published_data_unchanged():
    """examples/sicily-smoke-free-law/series.csv is the tutorial's sicily.csv, row for row."""
    if not SICILY.is_file():
        pytest.skip(f"the reference data set is absent: {SICILY}")
    with open(SICILY, newline="") as f:
        reference = [
            (f"{r['year']}-{int(r['month']):02d}-01", r["aces"], r["stdpop"])
            for r in csv.DictReader(f)
        ]
    with open(EXAMPLE / "series.csv", newline="", encoding="utf-8") as f:
        bundled = [(r["date"], r["value"], r["exposure"]) for r in csv.DictReader(f)]
    assert bundled == reference and len(bundled) == 59


@pytest.fixture(scope="module")
def sicily_record() -> Path:
    """The bundled worked example (the main job runs it too)."""
    return EXAMPLE


@pytest.fixture(scope="module")
def sicily_report(sicily_record, tmp_path_factory) -> Path:
    outcome = evaluate(sicily_record, tmp_path_factory.mktemp("out"))
    assert outcome.status == "ok", outcome.describe()
    return Path(outcome.out_dir)


def test_a_public_series_reproduces_its_published_level_change(sicily_report):
    results = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))
    [series] = results["series"]
    assert series["measures"] == "outcome" and series["question"] == 3
    its = series["interrupted_time_series"]
    # the data do not support a trend change (the tutorial: p about 0.43): level only
    assert "level changes only" in its["model"] and "harmonics" in its["model"]
    [level] = its["effects"]
    # Lopez Bernal et al. 2017: rate ratio 0.885, 95% CI 0.839 to 0.933
    assert level["estimate"] == pytest.approx(0.885, abs=0.001)
    assert level["ci_low"] == pytest.approx(0.839, abs=0.001)
    assert level["ci_high"] == pytest.approx(0.933, abs=0.001)


def test_autocorrelated_residuals_bring_robust_intervals_beside_the_models(sicily_report):
    its = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))["series"][0][
        "interrupted_time_series"
    ]
    # Ljung-Box p = 0.011 on the tutorial's model: its interval is shown, and beside it the
    # Newey–West one (here the narrower), never silently swapped in
    assert any("Residuals are autocorrelated (Ljung-Box p = 0.011" in s for s in its["sentences"])
    assert not any("hac_lags" in s for s in its["sentences"])  # no advice to a programmer
    [robust] = its["robust_effects"]
    [level] = its["effects"]
    assert robust["estimate"] == pytest.approx(level["estimate"])
    assert (robust["ci_low"], robust["ci_high"]) != (level["ci_low"], level["ci_high"])
    [sentence] = its["robust_sentences"]
    assert sentence.startswith("With autocorrelation-robust (Newey–West, 11 lags) errors: ")
    assert f"{robust['ci_low']:.3f} to {robust['ci_high']:.3f}" in sentence


def test_the_counterfactual_is_computed_around_the_launch_with_its_interval(sicily_report):
    results = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))
    cf = results["series"][0]["counterfactual"]
    assert results["series"][0]["launch"] == "2005-01-01"
    effects = {e["measure"]: e for e in cf["effects"]}
    absolute = effects["absolute effect"]
    assert absolute["average_low"] <= absolute["average"] <= absolute["average_high"]
    assert any("interval" in s for s in cf["sentences"])


def test_question_3_shows_the_series_with_panels_sentences_and_sensitivity(sicily_report):
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    q3 = page[page.index('<h2 id="3.-To-what') : page.index('<h2 id="4.-Were')]
    assert "Series in the record (outcome)" in q3
    assert 'alt="acute coronary events: observed and counterfactual' in q3
    assert 'alt="acute coronary events: interrupted time series"' in q3
    assert "Sensitivity: the average effect under other model settings" in q3
    assert "level changes only" in q3
    assert "not by itself proof" in q3  # the caveat travels with the numbers
    q2 = page[page.index('<h2 id="2.-Was') : page.index('<h2 id="3.-To-what')]
    assert "Series in the record" not in q2  # an outcome series is not reach


def test_the_counterfactual_shows_its_chosen_model_residual_check_and_alternatives(sicily_report):
    results = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))
    cf = results["series"][0]["counterfactual"]
    choice = {c["model"]: c["weight"] for c in cf["model_choice"]}
    # a monthly series: the local level, AR(1) noise, and AR(1) noise around a linear trend
    # (no weekly pattern)
    assert set(choice) == {"local level", "AR(1) noise", "AR(1) noise around a linear trend"}
    assert cf["model"] == max(choice, key=choice.get)
    assert sum(choice.values()) == pytest.approx(1.0)
    assert any(s.startswith(f"Model: {cf['model']}") for s in cf["sentences"])
    assert any(s.startswith("Why this model: of 3 candidates") for s in cf["sentences"])
    lb = cf["residual_check"]
    said = [s for s in cf["sentences"] if "Ljung-Box" in s]
    assert len(said) == 1 and f"at {lb['lags']} lags" in said[0]
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    q3 = page[page.index('<h2 id="3.-To-what') : page.index('<h2 id="4.-Were')]
    assert "The models the pre-period chose between" in q3
    sensitivity = q3[q3.index("Sensitivity: the average effect") :]
    for row in (
        "chosen by the pre-period",
        "<td>AR(1) noise</td>",
        "local linear trend",
        "R CausalImpact's prior (level sd 0.01)",
    ):
        assert row in sensitivity, row


def _refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def test_results_json_is_strict_json_even_where_an_interval_is_missing(sicily_report):
    text = (sicily_report / "results.json").read_text(encoding="utf-8")
    results = json.loads(text, parse_constant=_refuse)  # NaN or Infinity would raise
    actual = next(
        e for e in results["series"][0]["counterfactual"]["effects"] if e["measure"] == "actual"
    )
    assert actual["average_low"] is None  # what was observed has no interval: null


def test_case_studies_have_no_series_and_no_series_section(case_reports):
    for case in ("caesar", "save-ghouta"):
        results = json.loads((case_reports / case / "results.json").read_text(encoding="utf-8"))
        assert results["series"] == []
        page = (case_reports / case / "evaluation.html").read_text(encoding="utf-8")
        assert "Series in the record" not in page


def test_a_series_too_short_before_the_launch_says_why_instead_of_a_number(sicily_record, tmp_path):
    import shutil

    folder = tmp_path / "short"
    shutil.copytree(sicily_record, folder)
    rows = (folder / "series.csv").read_text(encoding="utf-8").splitlines()
    # keep June 2004 onwards: 7 months before the launch, too few for the model (10)
    (folder / "series.csv").write_text("\n".join([rows[0], *rows[30:]]) + "\n", encoding="utf-8")
    from evalkit.evaluation import Evaluation

    ev = Evaluation(evalkit.load_campaign(folder))
    [a] = ev.series
    assert a.counterfactual is None
    assert "the pre-period has 7 observations" in a.counterfactual_problem
    # the reason is evalkit's sentence: an Arabic report gives it in Arabic
    from evalkit.i18n import localized

    assert "في فترة ما قبل الانطلاق 7 قيم مرصودة" in localized(a.counterfactual_problem, "ar")


def test_every_problem_of_a_bad_series_file_is_located_in_one_pass(tmp_path):
    import shutil

    folder = tmp_path / "rec"
    shutil.copytree(CASE_STUDIES / "caesar", folder)
    (folder / "series.csv").write_text(
        "date,metric,value,source,colour\n"
        "2014-06-01,followers,1200,paper-s3-2,red\n"
        "2014-06,followers,1300,paper-s3-2,red\n"
        '2014-06-03,followers,"1,800",paper-s3-2,red\n'
        "2014-06-01,followers,1500,nowhere,red\n",
        encoding="utf-8",
    )
    _, problems = evalkit.check_record(folder)
    said = [str(p) for p in problems]
    assert any("series.csv:1: colour: unknown column" in p for p in said), said
    # the unknown column stops the rows being read: fix it and the rows are checked
    text = (folder / "series.csv").read_text(encoding="utf-8").replace(",colour", "")
    (folder / "series.csv").write_text(text.replace(",red", ""), encoding="utf-8")
    _, problems = evalkit.check_record(folder)
    said = [str(p) for p in problems]
    assert any("series.csv:3: date: '2014-06' is not a day" in p for p in said), said
    assert any("series.csv:4: value: '1,800' is not a number" in p for p in said), said
    assert any("series.csv:5: source: 'nowhere'" in p for p in said), said
    assert any(
        "series.csv:5: date: 2014-06-01 already has a value for 'followers' on line 2" in p
        for p in said
    ), said


def test_a_misnamed_series_file_is_named(tmp_path):
    import shutil

    folder = tmp_path / "rec"
    shutil.copytree(CASE_STUDIES / "caesar", folder)
    (folder / "Series.csv").write_text("date,metric,value,source\n", encoding="utf-8")
    _, problems = evalkit.check_record(folder)
    assert any("Series.csv" in str(p) and "series.csv" in str(p) for p in problems)


@pytest.mark.slow
def test_the_series_section_of_an_arabic_report_is_arabic_too(sicily_record, tmp_path):
    # the statistics' tables and model sentences are evalkit's words: translated like the rest
    from test_arabic import _english_left, _record_text, _visible_text

    outcome = evaluate(sicily_record, tmp_path, lang="ar")
    assert outcome.status == "ok", outcome.describe()
    page = (Path(outcome.out_dir) / "evaluation.html").read_text(encoding="utf-8")
    text = _visible_text(page)
    assert "نسبة المعدلات" in text and "الأثر المطلق" in text  # rate ratio, absolute effect
    assert _english_left(text, _record_text(sicily_record)) == []


def test_the_statistics_leave_no_warning_in_the_notebook_or_the_report(sicily_report):
    """statsmodels' RuntimeWarnings and convergence messages are the statistics' own
    business: none reaches the executed notebook's outputs or the page a reader sees."""
    nb = json.loads((sicily_report / "evaluation.ipynb").read_text(encoding="utf-8"))
    streams = [
        o
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    ]
    assert streams == []
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    assert "Warning" not in page and "warnings.warn" not in page


def test_the_series_charts_are_titled_by_their_labels_only(sicily_report):
    from test_report_pages import _figures

    figures = _figures((sicily_report / "evaluation.html").read_text("utf-8"))
    its = [f for f in figures if "counterfactual (no interruption)" in f["svg"]]
    assert its and all(
        f["caption"] == "" and "Interrupted time series" not in f["svg"] for f in its
    )


# --- the interrupted time series on series no one has seen: what a record's series brings ---
def _series_record(tmp_path, rows, launch="2020-03-02", hot_events=(), controls=()):
    """A small valid record whose series.csv holds `rows` (date, value[, control values]) for
    one outcome metric, launched on `launch`."""
    from conftest import small_record

    small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "Phase 1", "start": launch, "end": "2020-12-31", "source": "s"}
        ],
        hot_events=list(hot_events),
    )
    folder = tmp_path / "small"
    header = ",".join(["date", "metric", "value", "measures", "source", *controls])
    lines = [header] + [
        ",".join([str(r[0]), "signatures", str(r[1]), "outcome", "s", *map(str, r[2:])])
        for r in rows
    ]
    (folder / "series.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from evalkit.evaluation import Evaluation

    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    [a] = Evaluation(campaign).series
    return a


def test_a_hot_event_a_point_from_the_launch_is_not_an_interruption_of_its_own(tmp_path):
    import numpy as np
    import pandas as pd

    days = pd.date_range("2020-01-06", periods=120, freq="D")
    y = np.random.default_rng(1).poisson(30, len(days))
    event = {
        "id": "raid",
        "kind": "other",
        "description": "A raid in the news.",
        "date": "2020-03-01",  # the day before the launch
        "source": "s",
    }
    a = _series_record(tmp_path, zip(days.date, y), hot_events=[event])
    # the launch, the campaign's own date, is kept; the event is said, not silently dropped
    assert [str(k) for k in a.interruptions] == ["the launch"]
    assert a.its_notes == [
        "A raid in the news (2020-03-01) falls within 1 point of the launch: the two cannot be "
        "told apart, and a change after the launch may be due to either."
    ]
    results = a.to_dict()["interrupted_time_series"]
    # after the dates tested (tests/test_series_phases.py)
    assert results["notes"] == a.its_dates + a.its_notes


def test_a_daily_series_with_a_weekly_rhythm_has_day_of_week_effects(tmp_path):
    import numpy as np
    import pandas as pd

    days = pd.date_range("2020-01-06", periods=140, freq="D")
    rhythm = np.array([1.0, 1.1, 1.1, 1.0, 0.9, 0.5, 0.4])[days.day_of_week]  # quiet weekends
    y = np.random.default_rng(2).poisson(40 * rhythm)
    a = _series_record(tmp_path, zip(days.date, y))
    assert "day-of-week effects" in str(a.its_model)
    # the rhythm is the model's, not left in its residuals as autocorrelation
    saturday = np.exp(a.its.result.params["weekday 5"])
    assert saturday == pytest.approx(0.5, abs=0.08)
    assert not a.its.autocorrelated and a.its_robust is None
    from evalkit.stats import InterruptedTimeSeries

    data = pd.DataFrame({"date": days, "value": y.astype(float)})
    blind = InterruptedTimeSeries(data, "value", a.interruptions, time="date")
    assert blind.autocorrelated  # without the weekday terms the rhythm reads as autocorrelation


def test_a_control_series_explains_a_rise_the_campaign_did_not_cause(tmp_path):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    weeks = pd.date_range("2019-09-02", periods=60, freq="7D")
    # the news moves both: coverage jumps at the launch week and the signatures follow it
    news = 200 * np.exp(np.cumsum(rng.normal(0, 0.05, 60)) + 0.6 * (weeks >= "2020-03-02"))
    y = rng.poisson(0.5 * news)
    rows = list(zip(weeks.date, y, np.round(news, 1)))
    a = _series_record(tmp_path, rows, controls=["control_news"])
    assert "regression on the log of news" in str(a.its_model)
    [level] = [r for _, r in a.its.effects().iterrows() if r["change"] == "level"]
    assert level["ci_low"] <= 1 <= level["ci_high"], level
    # without the control the same rise reads as the campaign's effect
    (tmp_path / "plain").mkdir()
    plain = _series_record(tmp_path / "plain", [r[:2] for r in rows])
    [level] = [r for _, r in plain.its.effects().iterrows() if r["change"] == "level"]
    assert level["ci_low"] > 1


def test_a_constant_series_is_not_computed_and_says_why(tmp_path):
    import pandas as pd

    days = pd.date_range("2020-01-06", periods=90, freq="D")
    a = _series_record(tmp_path, [(d, 12) for d in days.date])
    assert a.its is None and "the series is constant (12 throughout)" in str(a.its_problem)
    assert a.counterfactual is None and "constant" in str(a.counterfactual_problem)


def test_a_hot_event_in_the_post_period_is_said_beside_the_counterfactual(tmp_path):
    import numpy as np
    import pandas as pd

    days = pd.date_range("2020-01-06", periods=120, freq="D")
    y = np.random.default_rng(4).poisson(30, len(days))
    event = {
        "id": "film",
        "kind": "other",
        "description": "A documentary on national television.",
        "date": "2020-03-20",
        "source": "s",
    }
    a = _series_record(tmp_path, zip(days.date, y), hot_events=[event])
    assert a.counterfactual is not None
    assert a.counterfactual_notes == [
        "A hot event falls in the post-period: A documentary on national television "
        "(2020-03-20). The effect is the campaign's and the event's together; the "
        "counterfactual cannot tell them apart."
    ]
    assert a.to_dict()["counterfactual"]["notes"] == a.counterfactual_notes
    (tmp_path / "before").mkdir()
    early = _series_record(
        tmp_path / "before", zip(days.date, y), hot_events=[event | {"date": "2020-02-01"}]
    )
    assert early.counterfactual_notes == []


def test_a_p_value_that_rounds_to_zero_is_shown_as_below_the_last_decimal(sicily_report):
    its = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))["series"][0][
        "interrupted_time_series"
    ]
    [level] = its["effects"]
    assert level["p_value"] < 0.00005  # the data: far below what four decimals show
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    # the table's row of the level change: its p-value cell, never "0", and the bound the
    # sentences give (p_said: '< 0.001'), not a finer one of its own
    [row] = [r for r in re.findall(r"<tr>.*?</tr>", page) if "<td>rate ratio</td>" in r]
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert "&lt; 0.001" in cells and "0" not in cells and "0.0" not in cells, cells


def test_when_the_two_models_disagree_about_the_launch_the_report_says_why(sicily_report):
    series = json.loads((sicily_report / "results.json").read_text(encoding="utf-8"))["series"][0]
    # the published level change is established; the counterfactual finds no effect
    assert "insufficient evidence of an effect" in " ".join(series["counterfactual"]["sentences"])
    notes = series["interrupted_time_series"]["notes"]
    # which one finds the change comes first (trial 12, L3)
    assert any(
        n.startswith(
            "The interrupted time series establishes a change at the launch; the "
            "counterfactual establishes no effect after it. The two models disagree about "
            "the launch"
        )
        for n in notes
    ), notes
    # the ban is the launch: one date, said once
    assert any("falls at the same point of the series as the launch" in n for n in notes)
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    assert "The two models disagree about the launch" in page
    # a count series with a change established: what the test claims on null counts
    assert any("11.5–12% of series with no change" in n for n in notes)


def _two_series(record: Path, followers_control: str) -> None:
    """Two weekly series around the scaffold's launch (2024-01-10), 30 weeks each: a
    `signatures` series with its control `control_lebanon`, and a `followers` series whose
    control cells are `followers_control`."""
    from datetime import date, timedelta

    weeks = [date(2023, 10, 1) + timedelta(days=7 * i) for i in range(30)]
    rows = ["date,metric,value,source,measures,control_lebanon"]
    for i, day in enumerate(weeks):
        after = day >= date(2024, 1, 10)
        rows.append(
            f"{day},signatures,{100 + 3 * i + 20 * after + i % 3},interview-1,reach,{50 + i}"
        )
    for i, day in enumerate(weeks):
        cell = followers_control.format(i=i)
        rows.append(
            f"{day},followers,{1000 + 10 * i + 50 * after + i % 4},interview-1,reach,{cell}"
        )
    (record / "series.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_a_control_column_empty_for_a_whole_metric_means_no_control_for_that_metric(record):
    from evalkit.evaluation import Evaluation

    _two_series(record, "")
    campaign, problems = evalkit.check_record(record)
    assert problems == [], [str(p) for p in problems]
    by_metric = {a.metric: a for a in Evaluation(campaign).series}
    assert by_metric["signatures"].counterfactual.controls == ["lebanon"]  # as a reader names it
    followers = by_metric["followers"].counterfactual
    assert followers is not None, by_metric["followers"].counterfactual_problem
    assert followers.controls == []


def test_a_control_with_some_values_for_a_metric_must_have_one_on_every_row(record):
    # followers' control is kept for its first 20 weeks only
    _two_series(record, "{i}")
    lines = (record / "series.csv").read_text(encoding="utf-8").splitlines()
    for n in range(52, 62):  # the file's lines 52-61: followers' last ten weeks
        lines[n - 1] = lines[n - 1].rsplit(",", 1)[0] + ","
    (record / "series.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(record)
    assert campaign is None
    assert [(p.line, p.field) for p in problems] == [(n, "control_lebanon") for n in range(52, 62)]
    assert all("a control series must have a value on every row" in p.message for p in problems)


def test_the_statistics_tables_write_their_numbers_as_the_sentences_beside_them(sicily_report):
    # before: 407.4027 in a table beside '407.4' in the text, a relative effect of 2.9175
    # beside '+291.7%', and a tail probability of 0.001 beside 'below 0.003'
    page = (sicily_report / "evaluation.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    cells = [re.findall(r"<td>(.*?)</td>", r) for r in rows]
    numbers = [
        c.replace("\u2068", "").replace("\u2069", "")
        for row in cells
        if row and row[0] in ("actual", "prediction", "absolute effect")
        for c in row[1:]
    ]
    assert numbers, "no effects table"
    for n in numbers:
        digits = re.sub(r"\D", "", n).lstrip("0")
        whole = re.fullmatch(r"-?[\d,]+", n) is not None
        assert len(digits) <= 4 or whole, n  # four significant digits, 13,241 kept whole
    [relative] = [row for row in cells if row and row[0] == "relative effect"]
    text = re.sub(r"<[^>]+>", "", page)
    shown = re.search(r"relative ([+-][\d.]+%)", text)
    assert shown and relative[1] == shown.group(1), (relative, shown)
    assert all(c.endswith("%") for c in relative[1:]), relative
    if "Tail probability below" in text:  # no simulated path as extreme: a bound, as said
        bound = re.search(r"Tail probability below ([\d.]+)", text).group(1)
        sensitivity = [row for row in cells if row and row[0] == "chosen by the pre-period"]
        assert sensitivity and sensitivity[0][-1].endswith(f"&lt; {bound}"), sensitivity


def test_a_tail_probability_no_simulated_path_reached_is_shown_as_the_texts_bound():
    from evalkit.stats.counterfactual import tail_said

    assert tail_said(1 / 1001, 1000) == "< 0.003"  # none of 1,000 paths: the rule of three
    assert tail_said(1 / 501, 500) == "< 0.006"
    assert tail_said(13 / 1001, 1000) == "0.013"  # measured: 12 of 1,000


def test_a_control_series_is_named_as_a_reader_says_it_not_by_its_column(tmp_path):
    # before: 'control_زوار_مكتبة_المدينة' in the model line and the sensitivity table
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    weeks = pd.date_range("2019-09-02", periods=60, freq="7D")
    visits = 300 + np.cumsum(rng.normal(0, 5, 60))
    y = rng.poisson(0.2 * visits + 20 * (weeks >= "2020-03-02"))
    rows = list(zip(weeks.date, y, np.round(visits, 1)))
    a = _series_record(tmp_path, rows, controls=["control_city_library_visits"])
    assert "regression on city library visits" in str(a.its_model) or (
        "regression on the log of city library visits" in str(a.its_model)
    ), a.its_model
    assert a.counterfactual is not None, a.counterfactual_problem
    table = a.counterfactual.sensitivity()
    assert "city library visits" in set(table["controls"]), table["controls"]
    assert not any("control_" in str(s) for s in a.counterfactual.sentences())


def test_interruptions_days_apart_are_numbered_lines_named_in_the_legend(tmp_path):
    # before: each name written at the top of its line, two of them 4 days apart on top of
    # each other (the trial's library campaign: a hot event on 03-08, the launch on 03-12).
    # Two dates are both tested only 6 observed points apart or more (3 per term of the
    # segment between them): a week apart on 200 days, still drawn close together
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(2)
    days = pd.date_range("2020-01-06", periods=200, freq="D")
    y = rng.poisson(40 + 15 * (days >= "2020-03-02"))
    event = {"id": "vote", "kind": "vote", "description": "Council vote.", "source": "s"}
    event["date"] = "2020-02-24"  # a week before the launch
    a = _series_record(tmp_path, list(zip(days.date, y)), hot_events=[event])
    assert len(a.interruptions) == 2, a.interruptions
    fig = a.its.plot()
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("1: ") for t in legend) and any(t.startswith("2: ") for t in legend)
    fig.canvas.draw()
    marks = [t for t in ax.texts if t.get_text() in ("1", "2")]
    assert len(marks) == 2
    boxes = [t.get_window_extent() for t in marks]
    assert not boxes[0].overlaps(boxes[1]), boxes


def test_counts_with_a_jump_and_a_ramp_say_the_sizes_disagree_and_the_count_caution(tmp_path):
    # trial 11, M2: a counterfactual's +97% beside an interrupted time series' +42% jump and
    # "established" trend changes, with nothing said between them. SIMULATED (seed 3):
    # weekly Poisson counts around 100, from the launch x1.3 and then 3% a week more
    import numpy as np
    import pandas as pd

    from evalkit.i18n import localized

    days = pd.date_range("2019-06-03", periods=66, freq="7D")
    launch = pd.Timestamp("2020-03-02")
    rng = np.random.default_rng(3)
    k = (days - launch).days // 7
    y = rng.poisson(np.where(k >= 0, 100.0 * 1.3 * 1.03 ** np.maximum(k, 0), 100.0))
    a = _series_record(tmp_path, zip(days.date, y))
    assert a.its.established() == [True, True] and a.counterfactual.effect_established
    notes = [localized(m) for m in a.agreement_notes()]
    assert len(notes) == 1 and notes[0].startswith(
        "The two models agree there is an effect at the launch but not on its size: the "
        "counterfactual's average effect over the post-period is +95.8%"
    )
    assert "the interrupted time series' jump at the launch +28.6% (+18.8% to +39.1%)" in notes[0]
    [caution] = [localized(m) for m in a.count_caution()]
    assert "11.5–12% of series with no change had one established, against 5%" in caution
    said = [localized(x) for x in a.to_dict()["interrupted_time_series"]["notes"]]
    assert notes[0] in said and caution in said  # results.json carries both
    assert "على الأعداد يُثبت هذا الاختبار تغيّرات غير موجودة" in localized(
        a.count_caution()[0], "ar"
    )
