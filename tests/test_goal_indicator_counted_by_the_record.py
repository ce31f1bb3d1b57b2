"""A goal may name the metric (or series) that counts its indicator (`indicator_metric`), and
its target is then a number the count must reach. A judgement of "achieved" that the
record's own count shows short of the target is the paper's over-estimated achievement in
the record's own figures (trial 11, H1: 10,000 signatures judged collected by 2025-04-20, the
running total 9,400 on 2025-06-15): not counted by question 3, no outcome of the tactics in
question 5, cited by the checklist's W12, said in Arabic. A count that confirms the target,
or cannot tell, is said beside the judgement and changes nothing."""

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from evalkit.results.build import results_document

HEADER = "date,metric,value,cumulative,platform,source"


def _goal(attainment="achieved", attained="2020-02-20", target="10000", metric="signatures"):
    judgement = {
        "attainment": attainment,
        "as_of": "2020-03",
        "evidence": "the organisers said the petition reached its goal",
        "judged_by": "t",
        "source": "s",
    }
    if attained:
        judgement["attained"] = attained
    return {
        "id": "petition",
        "level": "interim",
        "horizon": "short",
        "text": "Collect 10,000 signatures.",
        "indicator": "signatures",
        "target": target,
        "indicator_metric": metric,
        "source": "s",
        "judgements": [judgement],
    }


MAIN = {
    "id": "main",
    "level": "main",
    "horizon": "long",
    "text": "Stop it.",
    "decision_makers": ["UN Security Council"],
    "source": "s",
    "judgements": [
        {
            "attainment": "not_achieved",
            "as_of": "2020-06",
            "evidence": "e",
            "judged_by": "t",
            "source": "s",
        }
    ],
}


PHASE = {"id": "p1", "name": "Petition", "start": "2020-01-01", "end": "2020-06-30", "source": "s"}


def _record(tmp_path, rows, **goal):
    tmp_path.mkdir(exist_ok=True)
    campaign = small_record(tmp_path, goals=[MAIN, _goal(**goal)], phases=[PHASE])
    folder = campaign.path
    (folder / "metrics.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    return campaign


RUNNING = [
    "2020-01-15,signatures,3200,yes,website,s",
    "2020-02-15,signatures,7900,yes,website,s",
    "2020-04-15,signatures,9400,yes,website,s",
]


def test_achieved_while_the_running_total_after_it_is_below_the_target_is_not_counted(tmp_path):
    campaign = _record(tmp_path, RUNNING)
    doc = results_document(campaign)
    petition = next(g for g in doc["goals"] if g["id"] == "petition")
    assert petition["counted"] is False
    assert petition["not_counted_because"] == "count"  # said why, for the comparison
    evaluation = Evaluation(campaign)
    q3 = evaluation.questions[3]
    said = [localized(f.text) for f in q3.contradictions]
    assert said == [
        "The judgement that 'Collect 10,000 signatures' was achieved is contradicted by its "
        "indicator as the record counts it: the record's own count, a running total, is "
        "9,400 signatures (2020-04-15), on or after 2020-02-20: below the target, 10,000. It is "
        "not counted; check the judgement, or the figures, against their evidence."
    ]
    assert q3.contradictions[0].evidence == ["campaign.yaml goals[petition]", "metrics.csv:4"]
    words, counted = q3._as_read(q3.table[q3.table["goal"] == "petition"].iloc[0])
    assert not counted
    assert localized(words) == "achieved (not counted: the record's own count is below its target)"
    # no time to attainment, no outcome of the tactics
    assert not q3.table.set_index("goal").loc["petition", "launch to attainment"]
    q5 = evaluation.questions[5]
    followed = q5.policy_outcomes + q5.other_outcomes
    assert not any("Collect 10,000" in localized(o[2]) for o in followed)
    # the checklist's W12 fires on it, and cites the metrics row
    w12 = next(r for r in evaluation.checklist if r.rule.id == "W12")
    assert w12.status == "fires" and "metrics.csv:4" in w12.evidence
    arabic = localized(q3.contradictions[0].text, "ar")
    assert "9,400" in arabic and "10,000" in arabic and "counted" not in arabic


def test_a_running_total_at_the_target_before_the_attainment_confirms_it(tmp_path):
    campaign = _record(tmp_path, [*RUNNING[:1], "2020-02-10,signatures,10200,yes,website,s"])
    q3 = Evaluation(campaign).questions[3]
    assert not q3.contradicted
    lines = [localized(v) for n, v, _ in q3.indicators if "count of the indicator" in localized(n)]
    assert lines == [
        "judged achieved as of 2020-03; the record's own count reached the target (10,000) by "
        "2020-02-20: 10,200 signatures (2020-02-10)"
    ]


def test_a_count_that_stops_before_the_attainment_neither_confirms_nor_contradicts(tmp_path):
    # 7,900 a week before the attainment date, nothing after: the total may have grown
    campaign = _record(tmp_path, RUNNING[:2])
    q3 = Evaluation(campaign).questions[3]
    assert not q3.contradicted
    assert results_document(campaign)["goals"][1]["counted"] is True
    lines = [localized(v) for n, v, _ in q3.indicators if "count of the indicator" in localized(n)]
    assert lines == [
        "judged achieved as of 2020-03; the record's own count neither confirms nor "
        "contradicts the target (10,000): 7,900 signatures (2020-02-15), its highest figure by "
        "2020-02-20"
    ]


def test_partly_is_what_a_count_below_the_target_means(tmp_path):
    campaign = _record(tmp_path, RUNNING, attainment="partly")
    assert not Evaluation(campaign).questions[3].contradicted


def test_counts_per_period_add_up_and_two_platforms_totals_add_up(tmp_path):
    # per month, not running totals: 3,000 + 4,000 by the attainment, below 10,000
    monthly = [
        "2020-01,signatures,3000,no,website,s",
        "2020-02,signatures,4000,no,website,s",
    ]
    q3 = Evaluation(_record(tmp_path / "a", monthly)).questions[3]
    assert "its rows that start by 2020-02-20 added up, is 7,000 signatures" in localized(
        q3.contradictions[0].text
    )
    # two platforms' running totals after the attainment: 6,000 + 5,000 reach 10,000, so no
    # single platform's figure below the target contradicts it
    two = [
        "2020-04-15,signatures,6000,yes,website,s",
        "2020-04-15,signatures,5000,yes,facebook,s",
    ]
    assert not Evaluation(_record(tmp_path / "b", two)).questions[3].contradicted


def test_a_figure_written_as_a_lower_bound_never_contradicts(tmp_path):
    rows = ["2020-04-15,signatures,more than 9000,yes,website,s"]
    assert not Evaluation(_record(tmp_path, rows)).questions[3].contradicted


def test_an_indicator_metric_the_record_does_not_hold_or_a_target_that_is_no_number_is_an_error(
    tmp_path,
):
    campaign = _record(tmp_path, RUNNING)
    folder = campaign.path
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(
        text.replace("indicator_metric: signatures", "indicator_metric: signature").replace(
            "target: '10000'", "target: about ten thousand"
        ),
        encoding="utf-8",
    )
    _, problems = evalkit.check_record(folder)
    said = sorted(f"{p.field}: {p.message}" for p in problems)
    assert said == [
        "goals[1].indicator_metric: 'signature' names no metric of metrics.csv and no series "
        "of series.csv (did you mean 'signatures'?); the record's metrics and series: "
        "signatures",
        "goals[1].target: with indicator_metric, the target is the number the count must "
        "reach, or come down to: write it as a number ('10000', 'at least 20', 'more than "
        "60'; 'at most 40', 'fewer than 40' for a count to bring down), got 'about ten "
        "thousand'",
    ]
    assert all(p.line for p in problems)


def test_a_metric_code_no_row_records_yet_is_a_warning(tmp_path):
    campaign = _record(tmp_path, RUNNING, metric="protest_stands")
    said = [str(w.message) for w in campaign.warnings]
    assert any("'protest_stands': no row of metrics.csv records it" in w for w in said)
    assert not Evaluation(campaign).questions[3].contradicted


def test_rows_split_by_platform_are_never_added_up_into_a_target_reached(tmp_path):
    # trial 12, H1/H2: a total row beside its parts, or one total whose cell was left
    # empty, read as two counts: 6,000 and 6,000 "reached" 10,000. The largest group alone
    # shows what was reached; their sum only bounds a count from above
    running = [
        "2020-02-10,signatures,6000,yes,website,s",
        "2020-02-10,signatures,6000,yes,,s",
    ]
    q3 = Evaluation(_record(tmp_path / "a", running)).questions[3]
    [(_, said, _)] = [i for i in q3.indicators if "count of the indicator" in localized(i[0])]
    assert "neither confirms nor contradicts" in localized(said)
    monthly = ["2020-01,signatures,6000,no,website,s", "2020-01,signatures,6000,no,,s"]
    q3 = Evaluation(_record(tmp_path / "b", monthly)).questions[3]
    [(_, said, _)] = [i for i in q3.indicators if "count of the indicator" in localized(i[0])]
    assert "neither confirms nor contradicts" in localized(said)


def test_an_about_figure_or_one_dated_by_the_attainment_s_month_never_contradicts(tmp_path):
    # trial 12, M1: "about 9,990" is no count below 10,000; M2: a total dated 2020-02 may be
    # from before the 20th
    about = ["2020-04-15,signatures,about 9990,yes,website,s"]
    assert not Evaluation(_record(tmp_path / "a", about)).questions[3].contradicted
    month = ["2020-02,signatures,9400,yes,website,s"]
    assert not Evaluation(_record(tmp_path / "b", month)).questions[3].contradicted


def test_a_series_that_is_no_running_total_adds_up_its_values_per_period(tmp_path):
    # trial 12, H5: weekly new signatures (about 3,400 in all) read as a level of 300
    campaign = _record(tmp_path, [])
    rows = ["date,metric,value,source"] + [
        f"2020-01-{d:02d},new signatures,300,s" for d in (6, 13, 20, 27)
    ]
    (campaign.path / "series.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = (campaign.path / "campaign.yaml").read_text(encoding="utf-8")
    (campaign.path / "campaign.yaml").write_text(
        text.replace("indicator_metric: signatures", "indicator_metric: new signatures"),
        encoding="utf-8",
    )
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    [c] = Evaluation(campaign).questions[3].contradictions
    assert "its rows that start by 2020-02-20 added up, is 1,200 (new signatures)" in localized(
        c.text
    )


def test_the_deadline_of_a_goal_its_count_goes_against_says_the_judgement_is_not_counted(
    tmp_path,
):
    # trial 12, L4: "the latest judgement was made before it; judge the goal again"
    campaign = small_record(
        tmp_path, goals=[MAIN, _goal() | {"deadline": "2020-06-30"}], phases=[PHASE]
    )
    (campaign.path / "metrics.csv").write_text(
        "\n".join([HEADER, *RUNNING]) + "\n", encoding="utf-8"
    )
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    q3 = Evaluation(campaign).questions[3]
    said = localized(q3.table.set_index("goal").loc["petition", "deadline"])
    assert said == (
        "whether attained by its deadline (2020-06-30) cannot be told: the judgement of "
        "2020-03 is not counted (the record itself goes against it)"
    )


def test_a_workbook_s_unknown_indicator_metric_names_the_metrics_sheet_not_a_csv_file(tmp_path):
    from conftest import validate_lines
    from evalkit.record.workbook import folder_to_workbook

    folder = _record(tmp_path / "rec", RUNNING).path
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    (folder / "campaign.yaml").write_text(
        text.replace("indicator_metric: signatures", "indicator_metric: signature"),
        encoding="utf-8",
    )
    book = folder_to_workbook(folder, tmp_path / "rec.xlsx")
    code, lines = validate_lines(str(book))
    assert code == 1
    said = [line for line in lines if "indicator_metric" in line]
    assert len(said) == 1 and (
        "'signature' names no metric of the metrics sheet and no series of the series sheet "
        "(did you mean 'signatures'?)" in said[0]
    ), lines
    assert not any(".csv" in line for line in said)


def test_a_target_in_arabic_digits_is_the_same_number_the_count_is_read_against(tmp_path):
    # docs/campaign-format.md's example: `١٠٬٠٠٠` (Arabic thousands separator)
    campaign = _record(tmp_path, RUNNING, target="١٠٬٠٠٠")
    said = [localized(f.text) for f in Evaluation(campaign).questions[3].contradictions]
    assert len(said) == 1 and "below the target, 10,000" in said[0], said


def test_the_count_a_reading_rests_on_is_said_as_the_record_writes_it(tmp_path):
    # trial 13, H2: 'about 10,450' (read as 0 to no limit) was said "at most 0 signatures"
    from evalkit.evaluation.indicator import indicator_count

    def reading(rows, name):
        campaign = _record(tmp_path / name, rows, attained="2020-04-20")
        goal = next(g for g in campaign.record.goals if g.id == "petition")
        return localized(indicator_count(goal, goal.judgements[-1], campaign).words())

    about = reading(["2020-04-15,signatures,about 10450,yes,website,s"], "about")
    assert "about 10,450 signatures (2020-04-15), its highest figure by 2020-04-20" in about
    assert "at most" not in about and " 0 " not in about
    more = reading(["2020-04-15,signatures,more than 9000,yes,website,s"], "more")
    assert "more than 9,000 signatures (2020-04-15)" in more
    # counts per period added up: a bound of the sum, worded as one (below: at most) ...
    summed = reading(
        [
            "2020-01-15,signatures,about 3000,no,website,s",
            "2020-03-15,signatures,4000,no,website,s",
        ],
        "sum",
    )
    assert (
        "is about 7,000 signatures as written, at most 8,500 with a figure written 'about' read as"
    ) in summed, summed
    # ... and unsettled, the rows as written (trial 15, M1: "at least 4,000" read as a figure)
    unsettled = reading(
        [
            "2020-01-15,signatures,about 5000,no,website,s",
            "2020-03-15,signatures,4000,no,website,s",
        ],
        "unsettled",
    )
    assert "add up to about 9,000 signatures as written, at least 7,333" in unsettled, unsettled
    # a total with a bound among its rows is no 'about' figure (trial 16, M4)
    bounded = reading(
        [
            "2020-01-15,signatures,about 5000,no,website,s",
            "2020-03-15,signatures,more than 4000,no,website,s",
        ],
        "bounded",
    )
    assert "add up to at least 7,333 signatures" in bounded, bounded
    assert "about" not in bounded.split("add up to")[1], bounded


def test_a_reading_of_the_largest_breakdown_alone_says_the_others_are_not_added(tmp_path):
    # trial 14, M3: 38,000 on the website beside 14,000 on paper read as "38,000 signatures"
    from evalkit.evaluation.indicator import indicator_count

    rows = [
        "2020-02-10,signatures,8000,yes,website,s",
        "2020-02-10,signatures,3000,yes,other,s",
    ]
    campaign = _record(tmp_path, rows)
    goal = next(g for g in campaign.record.goals if g.id == "petition")
    said = localized(indicator_count(goal, goal.judgements[-1], campaign).words())
    assert (
        "8,000 signatures (2020-02-10), its highest figure by 2020-02-20, of one of its 2 "
        "breakdowns (by platform, country, language or scope; the others by then: 3,000 "
        "signatures): they are not added up, since they may be parts of one count, or one "
        "may count another's too"
    ) in said
    assert "write their total as a row of its own" in said
    # the breakdown left out is said too (trial 16, M3), and in Arabic with its noun
    arabic = localized(indicator_count(goal, goal.judgements[-1], campaign).words(), "ar")
    assert "3,000" in arabic and "8,000" in arabic and "breakdown" not in arabic
