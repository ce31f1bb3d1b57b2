"""One reading of a goal's judgement and of a decision maker's acts in every place that shows
them (trial 4: F-O1, F-O2, F-O4/F-O9, F-O6, F-O7, F-O11, F-O13–F-O15, F-W11): question 3,
question 5, question 4's chart, indicators and criteria, the checklist's W12, results.json
and the comparative report. Pinned on real runs (`evalkit run-all`, English and Arabic) of
small records shaped like the trial's campaigns."""

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import act, run_all_in_both_languages, small_record

COUNCIL = "Municipal Council"
PHASE = {"id": "p1", "name": "Gathering", "start": "2020-01", "end": "2020-03-31", "source": "s"}
VOTE = {
    "id": "vote",
    "kind": "vote",
    "description": "The council votes to build on the park",
    "date": "early 2020-01",
    "source": "s",
}


def _judgement(attainment: str, as_of: str, evidence: str = "the evaluator's reading") -> dict:
    return {
        "attainment": attainment,
        "as_of": as_of,
        "evidence": evidence,
        "judged_by": "tester",
        "source": "s",
    }


def _goal(id, level, text, judgements=(), decision_makers=(COUNCIL,), **more) -> dict:
    return {
        "id": id,
        "level": level,
        "horizon": "short",
        "text": text,
        "decision_makers": list(decision_makers),
        "judgements": list(judgements),
        "source": "s",
        **more,
    }


def _record(root: Path, id: str, name: str, **yaml) -> None:
    work = root / f"_{id}"
    work.mkdir(parents=True)
    small_record(work, id=id, name={"en": name, "ar": name}, **yaml)
    shutil.move(str(work / "small"), root / id)
    shutil.rmtree(work)


ACTS = [act("a1", date="2020-01-15"), act("a2", kind="lobbying", date="2020-02-01")]


def _batch(root: Path) -> Path:
    records = root / "records"
    records.mkdir()
    # campaign A: the council postponed the project (a partial concession the campaign
    # rejected as not enough); the evaluator judged the main goal partly achieved
    _record(
        records,
        "park",
        "Save The Park",
        phases=[{**PHASE, "trigger": "vote"}],
        hot_events=[VOTE],
        activities=ACTS,
        engagements=[f"2020-02-05,{COUNCIL},{COUNCIL},meeting,none,sit-in talks,s"],
        decisions=[
            f"2020-03-10,{COUNCIL},{COUNCIL},plan,partial,rejected,postponed one year,s",
        ],
        goals=[
            _goal(
                "cancel",
                "main",
                "Cancel the park's conversion.",
                [_judgement("partly", "2020-04", "postponed a year, not cancelled")],
            )
        ],
    )
    # the same concession, but the goal judged fully achieved: the record goes against it
    _record(
        records,
        "won",
        "Claimed Win",
        activities=ACTS,
        engagements=[f"2020-02-05,{COUNCIL},{COUNCIL},meeting,none,talks,s"],
        decisions=[f"2020-03-10,{COUNCIL},{COUNCIL},plan,partial,rejected,postponed,s"],
        goals=[
            _goal(
                "cancel",
                "main",
                "Cancel the project.",
                [_judgement("achieved", "2020-04", "the campaign says it won")],
            )
        ],
    )
    # campaign B: no contact recorded (and not said to be none); an interim goal judged
    # "unknown" after its deadline; another partly achieved; the main goal not judged
    _record(
        records,
        "appeal",
        "Medicine Appeal",
        activities=ACTS,
        goals=[
            _goal(
                "air-bridge",
                "main",
                "Fund an air bridge of medicine.",
                decision_makers=["Foreign Secretary"],
            ),
            _goal(
                "signatures",
                "interim",
                "10,000 signatures on the petition.",
                [_judgement("unknown", "2020-04", "the final count was not saved")],
                decision_makers=["Foreign Secretary"],
                indicator="signatures",
                target="10,000",
                deadline="2020-02",
            ),
            _goal(
                "raise",
                "interim",
                "Raise 50,000 for medicine.",
                [_judgement("partly", "2020-03")],
                decision_makers=["Foreign Secretary"],
            ),
        ],
    )
    # campaign C: one decision maker met, the other only sent a letter nobody answered; an
    # interim goal achieved after the tactics, the main goal not
    _record(
        records,
        "coalition",
        "Detention Coalition",
        activities=ACTS,
        engagements=[
            "2020-02-05,States,States,meeting,none,forum side event,s",
            "2020-02-10,European Commission,European Commission,letter,none,open letter,s",
        ],
        goals=[
            _goal(
                "pledges",
                "main",
                "States pledge to end child detention.",
                [_judgement("not_achieved", "2020-04")],
                decision_makers=["States", "European Commission"],
            ),
            _goal(
                "media",
                "interim",
                "Coverage in major media.",
                [_judgement("achieved", "2020-03")],
                decision_makers=["States"],
            ),
        ],
    )
    return records


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """`evalkit run-all` of the batch, in English and in Arabic."""
    root = tmp_path_factory.mktemp("goals")
    return run_all_in_both_languages(_batch(root), root)


def _results(runs, id: str) -> dict:
    return json.loads((runs["en"] / id / "results.json").read_text(encoding="utf-8"))


def _text(fragment: str) -> str:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(re.sub("[\u200e\u200f\u2066-\u2069]", "", plain).split())


def _page(runs, id: str, lang: str = "en") -> str:
    return _text((runs[lang] / id / "evaluation.html").read_text(encoding="utf-8"))


def _section(runs, id: str, n: int, lang: str = "en") -> str:
    """Question n's section of the report page, as text."""
    page = (runs[lang] / id / "evaluation.html").read_text(encoding="utf-8")
    start = re.search(rf'id="{n}\.', page).start()
    return _text(page[start : re.search(rf'id="{n + 1}\.', page).start()])


def _criterion(results: dict, question: int, name: str) -> dict:
    (c,) = [c for c in results["questions"][str(question)]["criteria"] if c["name"] == name]
    return c


def _indicator(results: dict, question: int, name: str) -> str:
    (v,) = [
        i["value"]
        for i in results["questions"][str(question)]["indicators"]
        if i["indicator"] == name
    ]
    return v


def _rule(results: dict, rule: str) -> dict:
    (r,) = [r for r in results["checklist"] if r["rule"] == rule]
    return r


OUTCOME = "A policy outcome or main-goal attainment followed the tactics in time"
HALF = "At least half of the named decision makers were engaged"
STATEMENT = "A named decision maker made a public statement or took policy action"


# --- F-O6: a partial concession supports "partly"; only "achieved" is contradicted by it ------
def test_a_partial_concession_the_campaign_rejected_supports_a_partly_achieved_goal(runs):
    r = _results(runs, "park")
    q3 = r["questions"]["3"]
    assert q3["verdict"] != "insufficient evidence"
    assert "contradict" not in json.dumps(q3)
    assert _criterion(r, 3, "Main goal achieved at least in part")["met"] is True
    # W12 does not fire on the evaluator's "partly"
    assert _rule(r, "W12")["status"] != "fires"
    # question 5 counts the same judgement as question 3 does
    assert _criterion(r, 5, OUTCOME)["met"] is True
    assert (
        "main goal Cancel the park's conversion: partly achieved"
        in (_criterion(r, 5, OUTCOME)["because"])
    )
    assert r["facts"]["main_goal"][0]["counted"] is True
    assert r["goals"][0]["counted"] is True
    assert "is contradicted by the record's own acts (" not in _page(runs, "park")


def test_the_same_concession_goes_against_a_goal_judged_fully_achieved_in_every_place(runs):
    r = _results(runs, "won")
    assert r["questions"]["3"]["verdict"] == "insufficient evidence"
    assert "go against the main goal's judgement" in r["questions"]["3"]["verdict_cap"]
    assert _rule(r, "W12")["status"] == "fires"
    # question 5 does not count as an outcome what question 3 does not count, and does
    # not read the refused judgement as "none" either
    outcome = _criterion(r, 5, OUTCOME)
    assert outcome["met"] is None
    assert "its judgement is not counted" in outcome["because"]
    assert "Cancel the project: achieved" not in outcome["because"]
    # the comparison reads the evaluation's own reading (results.json)
    assert r["facts"]["main_goal"][0]["counted"] is False


# --- F-O7/F-O15: a rejected partial concession is no "public statement" --------------------
def test_a_rejected_partial_concession_is_no_public_statement_in_the_report_or_comparison(runs):
    r = _results(runs, "park")
    reached = _indicator(r, 4, f"Reached: {COUNCIL}")
    assert reached.startswith("engaged by the campaign's contacts; by their own act: aware")
    assert "public statement" not in reached
    assert _criterion(r, 4, STATEMENT)["met"] is False
    assert r["facts"]["decision_makers_top_rung"] == "engaged"
    comparative = _text((runs["en"] / "comparative.html").read_text(encoding="utf-8"))
    assert "public statement" not in comparative


# --- F-O4/F-O9: the criterion reads the indicators' outcomes --------------------------------
def test_outcomes_that_followed_are_named_by_the_criterion_that_does_not_count_them(runs):
    r = _results(runs, "coalition")
    followed = _indicator(r, 5, "Outcomes that followed mobilisation activities in time")
    assert "interim goal Coverage in major media: achieved" in followed
    c = _criterion(r, 5, OUTCOME)
    assert c["met"] is False
    assert c["because"] == (
        "no policy outcome or main-goal attainment followed in time; what followed is "
        "neither a policy outcome nor the main goal: interim goal Coverage in major media: "
        "achieved"
    )
    assert "none recorded" not in c["because"]


def test_with_the_main_goal_not_judged_no_outcome_is_cannot_be_judged_not_none(runs):
    c = _criterion(_results(runs, "appeal"), 5, OUTCOME)
    assert c["met"] is None
    assert "the main goal's attainment is not known" in c["because"]
    assert "Fund an air bridge of medicine: no judgement yet" in c["because"]
    assert "interim goal Raise 50,000 for medicine: partly achieved" in c["because"]


# --- F-O1: "unknown" is not "not attained" --------------------------------------------------
def test_an_unknown_attainment_after_the_deadline_is_not_a_missed_deadline(runs):
    r = _results(runs, "appeal")
    page = _page(runs, "appeal")
    assert "deadline missed" not in page and "not attained by its deadline" not in page
    indicators = [i["value"] for i in r["questions"]["3"]["indicators"]]
    assert not any("deadline missed" in v for v in indicators)
    assert "لم يتحقق في موعده" not in _page(runs, "appeal", "ar")


# --- F-O2: no contact recorded reads "not recorded" in the chart and indicators too ---------
def test_contacts_not_recorded_are_not_reached_nowhere(runs):
    r = _results(runs, "appeal")
    assert _indicator(r, 4, "Reached: Foreign Secretary") == "contacts not recorded"
    coverage = _indicator(r, 4, "Coverage of the target list")
    assert "0 of 1" not in coverage and coverage.startswith("no contact with decision makers")
    assert _criterion(r, 4, HALF)["met"] is None
    q4 = _section(runs, "appeal", 4)
    assert "Foreign Secretary contacts not recorded" in q4  # the chart's bar
    assert "not reached" not in q4 and "0 engagement" not in q4
    q4_ar = _section(runs, "appeal", 4, "ar")
    assert "التواصل غير مسجل" in q4_ar and "لم يُبلغ" not in q4_ar


# --- F-O11: "engaged" is the ladder's rung, not any contact ---------------------------------
def test_a_letter_nobody_answered_made_them_aware_not_engaged(runs):
    r = _results(runs, "coalition")
    c = _criterion(r, 4, HALF)
    assert c["because"] == (
        "1 of 2 engaged; only made aware (a one-way contact, not answered): European Commission"
    )
    assert c["met"] is True  # one of two is half
    assert _indicator(r, 4, "Reached: European Commission").startswith("aware")
    arabic = _page(runs, "coalition", "ar")
    assert "1 من 2 بلغوا درجة التواصل أو أعلى" in arabic


# --- F-O13/F-O14: the comparison reads each evaluation; silence is not failure --------------
def test_the_comparison_lists_each_main_goal_as_its_own_evaluation_reads_it(runs):
    page = _text((runs["en"] / "comparative.html").read_text(encoding="utf-8"))
    start = page.index("Main goal achieved at least in part")
    line = page[start : page.index(".", page.index("not yet judged", start)) + 1]
    assert line == (
        "Main goal achieved at least in part (the evaluators' judgements): Save The Park; "
        "not achieved: Detention Coalition; judged achieved, but not counted by the "
        "campaign's own evaluation (the record itself goes against the judgement): "
        "Claimed Win; not yet judged: Medicine Appeal."
    )
    assert "not achieved or not yet judged" not in page
    # why, as the campaign's own report says it (results.json `not_counted_because`)
    assert "achieved (not counted: the record's own acts go against it)" in page
    arabic = _text((runs["ar"] / "comparative.html").read_text(encoding="utf-8"))
    assert "لم يتحقق: Detention Coalition" in arabic
    assert "لم يُحكم عليه بعد: Medicine Appeal" in arabic


def test_an_older_results_json_without_counted_is_read_as_it_was(runs, tmp_path):
    from evalkit.comparison import load_results, main_goal_state

    shutil.copytree(runs["en"], tmp_path / "old")
    path = tmp_path / "old" / "won" / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for g in data["facts"]["main_goal"] + data["goals"]:
        g.pop("counted")
    path.write_text(json.dumps(data), encoding="utf-8")
    states = {r.record.id: main_goal_state(r) for r in load_results(tmp_path / "old")}
    assert states == {
        "park": "reached",
        "won": "reached",
        "appeal": "not judged",
        "coalition": "not achieved",
    }


def test_a_version_4_results_json_says_not_counted_without_a_reason_it_does_not_hold(
    runs, tmp_path
):
    from evalkit.comparison.tables import attainment_words
    from evalkit.comparison import load_results

    shutil.copytree(runs["en"], tmp_path / "v4")
    path = tmp_path / "v4" / "won" / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 4
    for g in data["facts"]["main_goal"] + data["goals"]:
        g.pop("not_counted_because")
    path.write_text(json.dumps(data), encoding="utf-8")
    won = next(r for r in load_results(tmp_path / "v4") if r.record.id == "won")
    assert attainment_words(won.facts.main_goal) == (
        "achieved (not counted: the record itself goes against it)"
    )


def test_a_partly_achieved_main_goal_not_counted_is_said_partly_never_attained(runs, tmp_path):
    # trial 11, L1: «حُكم بتحققه» ("judged attained") of a goal judged partly achieved
    from evalkit.comparison import load_results
    from evalkit.comparison.summary import summary_lines
    from evalkit.i18n import localized

    shutil.copytree(runs["en"], tmp_path / "partly")
    path = tmp_path / "partly" / "won" / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for g in data["facts"]["main_goal"]:
        g["attainment"] = "partly"
    path.write_text(json.dumps(data), encoding="utf-8")
    said = " ".join(localized(l) for l in summary_lines(load_results(tmp_path / "partly")))
    assert (
        "judged partly achieved, but not counted by the campaign's own evaluation (the "
        "record itself goes against the judgement): Claimed Win"
    ) in said
    assert "judged achieved, but" not in said


# --- F-W11: a phase's trigger set it off: its start is on or after the event ----------------
def test_a_phase_set_off_by_its_trigger_started_at_it_not_before(runs):
    r = _results(runs, "park")
    (launch,) = [t for t in r["launch_timing"] if t["role"] == "launch"]
    assert launch["linked"] is True and launch["timing"] == "at" and launch["reactive"] is True
    assert launch["lag_days"][0] == 0
    assert "cannot tell whether the start came before" not in _page(runs, "park")
    comparative = _text((runs["en"] / "comparative.html").read_text(encoding="utf-8"))
    assert "cannot be told from the dates: Save The Park" not in comparative
    assert re.search(
        r"First launches reactive to a hot event: \d of 4 \([^)]*Save The Park", comparative
    )


# --- the goal's decision makers together: an act against answered by another's act for -----
def test_a_treaty_blocked_at_a_conference_then_adopted_by_vote_is_no_contradiction(tmp_path):
    from evalkit.cli import main

    records = tmp_path / "records"
    records.mkdir()
    _record(
        records,
        "treaty",
        "Treaty Campaign",
        activities=ACTS,
        engagements=["2020-02-05,UN member states,UN member states,meeting,none,talks,s"],
        decisions=[
            "2020-03-10,Final conference,UN member states,other,against,,consensus blocked,s",
            "2020-03-20,UN General Assembly,UN General Assembly,treaty,for,,adopted by vote,s",
        ],
        goals=[
            _goal(
                "treaty",
                "main",
                "A treaty agreed by governments.",
                [{**_judgement("achieved", "2020-04"), "attained": "2020-03-20"}],
                decision_makers=["UN General Assembly", "UN member states"],
            )
        ],
    )
    result = CliRunner().invoke(
        main, ["run-all", str(records), "--out", str(tmp_path / "out"), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    r = json.loads((tmp_path / "out" / "treaty" / "results.json").read_text(encoding="utf-8"))
    assert r["questions"]["3"]["verdict"] != "insufficient evidence"
    assert _rule(r, "W12")["status"] != "fires"
    assert r["facts"]["main_goal"][0]["counted"] is True
    assert (
        "main goal A treaty agreed by governments: achieved"
        in (_criterion(r, 5, OUTCOME)["because"])
    )
