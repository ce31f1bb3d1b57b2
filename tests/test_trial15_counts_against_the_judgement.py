"""Trial 15: over-claims the record's own figures show, that had passed as "achieved":
a level measured below the target on the very day the goal is said attained (H1), a count
written "nearly" the target (H2), a row pasted twice that made a target "reached" (H5), and
the words of a sum of rows that is no single figure (M1)."""

import evalkit
from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized
from evalkit.results.build import results_document

from test_goal_indicator_counted_by_the_record import MAIN, PHASE, _goal


def _record(tmp_path, rows, header="date,metric,value,cumulative,platform,source", **goal):
    tmp_path.mkdir(parents=True, exist_ok=True)
    campaign = small_record(tmp_path, goals=[MAIN, _goal(**goal)], phases=[PHASE])
    (campaign.path / "metrics.csv").write_text("\n".join([header, *rows]) + "\n", "utf-8")
    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    return campaign


def _count_line(q3) -> str:
    return next(
        localized(v)
        for name, v, _ in q3.indicators
        if "own count of the indicator" in localized(name)
        or "Judgement the record contradicts" in localized(name)
    )


# --- H1: a level below the target on the day the goal is said attained ----------------------
def test_a_share_below_the_target_on_the_day_it_is_said_attained_goes_against_achieved(tmp_path):
    campaign = _record(tmp_path, ["2020-02-20,percent,41,,,s"], metric="percent", target="60")
    q3 = Evaluation(campaign).questions[3]
    assert "petition" in q3.contradicted
    said = localized(q3.contradictions[0].text)
    assert "the record's own figure of the day the goal is said attained by is 41" in said
    assert "below the target, 60, and no figure by then reached it" in said
    goal = next(g for g in results_document(campaign)["goals"] if g["id"] == "petition")
    assert goal["counted"] is False and goal["not_counted_because"] == "count"
    arabic = localized(q3.contradictions[0].text, "ar")
    assert "41" in arabic and "60" in arabic and "figure" not in arabic
    # the share with its sign in both languages, never the code's word (trial 16, L1)
    assert "is 41% (2020-02-20)" in said and "41%" in arabic and "percent" not in arabic


def test_followers_below_the_target_on_the_day_go_against_achieved_but_not_partly(tmp_path):
    rows = ["2020-02-20,followers,21000,,instagram,s"]
    achieved = _record(tmp_path / "a", rows, metric="followers", target="50000")
    assert "petition" in Evaluation(achieved).questions[3].contradicted
    partly = _record(tmp_path / "b", rows, metric="followers", target="50000", attainment="partly")
    assert not Evaluation(partly).questions[3].contradicted


def test_a_level_below_the_target_before_or_after_the_day_says_nothing_against_it(tmp_path):
    # a level may have risen to the target after an earlier figure, or fallen after it
    for i, day in enumerate(("2020-02-10", "2020-03-15")):
        campaign = _record(
            tmp_path / str(i), [f"{day},percent,41,,,s"], metric="percent", target="60"
        )
        assert not Evaluation(campaign).questions[3].contradicted, day


def test_a_level_that_reached_the_target_before_the_day_is_not_contradicted_by_a_fall(tmp_path):
    rows = ["2020-02-01,percent,62,,,s", "2020-02-20,percent,41,,,s"]
    q3 = Evaluation(_record(tmp_path, rows, metric="percent", target="60")).questions[3]
    assert not q3.contradicted
    assert "reached the target (60)" in _count_line(q3)


def test_a_level_written_about_or_more_than_on_the_day_says_nothing_against_it(tmp_path):
    for i, value in enumerate(("about 41", "more than 41")):
        campaign = _record(
            tmp_path / str(i), [f"2020-02-20,percent,{value},,,s"], metric="percent", target="60"
        )
        assert not Evaluation(campaign).questions[3].contradicted, value


# --- H2: "nearly N" is short of N ------------------------------------------------------------
def test_a_running_total_of_nearly_the_target_goes_against_achieved(tmp_path):
    campaign = _record(tmp_path, ["2020-02-20,signatures,nearly 10000,yes,website,s"])
    q3 = Evaluation(campaign).questions[3]
    assert "petition" in q3.contradicted
    assert "nearly 10,000 signatures" in localized(q3.contradictions[0].text)


def test_counts_per_period_adding_up_to_fewer_than_the_target_go_against_achieved(tmp_path):
    rows = [
        "2020-01,signatures,6000,no,website,s",
        "2020-02,signatures,fewer than 4000,no,website,s",
    ]
    assert "petition" in Evaluation(_record(tmp_path, rows)).questions[3].contradicted


def test_nearly_a_figure_above_the_target_leaves_it_unsettled(tmp_path):
    campaign = _record(tmp_path, ["2020-02-20,signatures,nearly 10001,yes,website,s"])
    assert not Evaluation(campaign).questions[3].contradicted


def test_nearly_the_target_in_arabic_goes_against_achieved(tmp_path):
    campaign = _record(tmp_path, ["2020-02-20,signatures,قرابة ١٠٠٠٠,yes,website,s"])
    assert "petition" in Evaluation(campaign).questions[3].contradicted


# --- H5: a row pasted twice -----------------------------------------------------------------
RALLIES = [
    "2020-01-12,participants,4500,no,,s",
    "2020-02-10,participants,3000,no,,s",
    "2020-02-10,participants,3000,no,,s",
]


def test_a_row_pasted_twice_is_a_warning_of_the_record_check_naming_both_rows(tmp_path):
    campaign = _record(tmp_path, RALLIES, metric="participants")
    said = [f"{w.file}:{w.line}: {w.message}" for w in campaign.warnings]
    assert any(
        s.startswith("metrics.csv:4: this row repeats row 3 of the table cell for cell")
        for s in said
    ), said
    # `evalkit validate` says it too: the check without the frames
    warnings: list = []
    evalkit.check_record(campaign.path, build=False, warnings=warnings)
    assert any("repeats row 3 of the table" in str(w.message) for w in warnings)


def test_a_row_pasted_twice_never_makes_a_target_reached(tmp_path):
    # 4,500 + 3,000 = 7,500, the copy makes 10,500: the target of 10,000 is not confirmed
    q3 = Evaluation(_record(tmp_path, RALLIES, metric="participants")).questions[3]
    assert not q3.contradicted  # read with the copy it is no count below the target either
    line = _count_line(q3)
    assert "neither confirms nor contradicts the target (10,000)" in line
    assert "its rows that end by 2020-02-20 add up to 7,500 participants" in line
    assert "(metrics.csv:4) read once; read twice, they add up to 10,500 participants" in line
    assert "reached" not in line


def test_two_rows_alike_but_for_their_note_are_two_events_and_no_warning(tmp_path):
    rows = [
        "2020-01-12,participants,4500,no,,s,rally 1",
        "2020-02-10,participants,3000,no,,s,rally 2",
        "2020-02-10,participants,3000,no,,s,rally 3",
    ]
    campaign = _record(
        tmp_path,
        rows,
        header="date,metric,value,cumulative,platform,source,note",
        metric="participants",
    )
    assert not [w for w in campaign.warnings if "repeats row" in str(w.message)]
    q3 = Evaluation(campaign).questions[3]
    assert "reached the target (10,000)" in _count_line(q3)


# --- M1: a sum of rows is said as one, not as a "highest figure" ------------------------------
def test_rows_added_up_that_cannot_settle_the_target_are_said_as_added_up(tmp_path):
    rows = ["2020-01-12,participants,about 6000,no,,s", "2020-02-10,participants,3000,no,,s"]
    line = _count_line(Evaluation(_record(tmp_path, rows, metric="participants")).questions[3])
    assert "its rows that end by 2020-02-20 add up to about 9,000 participants" in line
    assert "its highest figure" not in line


def test_many_copies_are_each_said_up_to_the_cap_then_counted(tmp_path):
    from evalkit.i18n import LIST_CAP

    rows = ["2020-01-12,participants,10,no,,s"] * (LIST_CAP + 11)
    campaign = _record(tmp_path, rows, metric="participants")
    said = [str(w.message) for w in campaign.warnings]
    assert sum("repeats row 2 of the table" in s for s in said) == LIST_CAP
    assert "10 more rows repeat earlier ones cell for cell" in said


# --- H3: one figure written "about" no longer switches the reading off ------------------------
VIEWS = "date,metric,value,cumulative,platform,source"


def test_rows_far_short_of_the_target_with_one_about_figure_go_against_achieved(tmp_path):
    # 2,500 + 3,000 + about 900 = about 6,400, at most 6,850 (about read within half again)
    rows = [
        "2020-01,signatures,2500,no,website,s",
        "2020-02-01..2020-02-10,signatures,3000,no,website,s",
        "2020-02-11..2020-02-20,signatures,about 900,no,website,s",
    ]
    q3 = Evaluation(_record(tmp_path, rows)).questions[3]
    assert "petition" in q3.contradicted
    said = localized(q3.contradictions[0].text)
    # the rows' total as written beside the bound it is read as (trial 16, M2)
    assert (
        "is about 6,400 signatures as written, at most 6,850 with a figure written 'about' "
        "read as at most half again"
    ) in said
    arabic = localized(q3.contradictions[0].text, "ar")
    assert "6,850" in arabic and "half again" not in arabic


def test_an_about_figure_that_could_make_up_the_difference_leaves_it_unsettled(tmp_path):
    # 4,500 + about 3,000: at most 9,000 against 10,000 is below; about 4,000 could reach it
    rows = [
        "2020-01-12,signatures,4500,no,website,s",
        "2020-02-10,signatures,about 4000,no,website,s",
    ]
    q3 = Evaluation(_record(tmp_path, rows)).questions[3]
    assert not q3.contradicted
    line = _count_line(q3)
    assert "its rows that end by 2020-02-20 add up to about 8,500 signatures" in line


def test_about_the_target_itself_still_neither_confirms_nor_contradicts(tmp_path):
    # trial 12, M1, kept: about 9,990 a running total after the attainment is no count below
    for i, value in enumerate(("about 9990", "about 10010")):
        q3 = Evaluation(
            _record(tmp_path / str(i), [f"2020-04-15,signatures,{value},yes,website,s"])
        ).questions[3]
        assert not q3.contradicted, value
        assert "reached the target" not in _count_line(q3), value
