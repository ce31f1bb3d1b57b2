"""Verdicts of a new-user trial (Bring Back Our Girls, 2014-2017) that over-stated or
contradicted themselves, each fixed as a class and pinned on a real run of a small record:
question 4's one computation of each decision maker's highest rung (the campaign's contacts
and their own acts kept apart), names that may be one decision maker, the as-of notice,
partial attainment, and W11's reactive launch."""

from evalkit.evaluation import Evaluation
from conftest import small_record

UNSC = "UN Security Council"


def _q4(c, **kw):
    return Evaluation(c, **kw).questions[4]


def _views(q, who):
    """What question 4 says of one decision maker: its indicator, its chart bars' texts,
    the rung criteria's reasons and the findings."""
    indicator = next(str(v) for n, v, _ in q.indicators if n == f"Reached: {who}")
    bars = next(bars for label, bars in q.chart().groups if label == who)
    because = {c.id: str(c.because) for c in q.criteria}
    return indicator, [(str(b[0]), b[1], str(b[2])) for b in bars], because, q.findings


# --- item 1: one highest rung, contacts and own acts apart -------------------------------------
def test_only_contacts_every_view_names_the_contact_rung(tmp_path):
    c = small_record(
        tmp_path, engagements=[f"2020-02-01,{UNSC},{UNSC},meeting,statement,minutes,s"]
    )
    q = _q4(c)
    indicator, bars, because, _ = _views(q, UNSC)
    assert indicator.startswith("public statement (1 engagement")
    assert bars == [("", 3, "public statement")]
    assert because["public_statement_or_policy"] == f"highest rung: public statement ({UNSC})"
    assert q.criterion("policy_action").met is False


def test_only_own_acts_are_labelled_as_theirs_not_as_contacts(tmp_path):
    c = small_record(
        tmp_path,
        decisions=[f"2020-02,{UNSC},{UNSC},resolution,for,,resolution adopted,s"],
        no_engagements=True,
    )
    q = _q4(c)
    indicator, bars, because, findings = _views(q, UNSC)
    own = "policy action by their own act; by the campaign's contacts: not reached"
    assert indicator.startswith(own + " (0 engagements)")
    assert bars == [
        ("by the campaign's contacts", 0, "not reached"),
        ("by their own acts", 4, "policy action"),
    ]
    assert because["policy_action"] == f"highest rung: {own} ({UNSC})"
    assert q.criterion("policy_action").met is True
    assert q.criterion("half_of_targets_engaged").met is False
    # "none engaged" beside "took policy action" says which ladder each is on
    texts = [str(f.text) for f in findings]
    assert any(
        t.startswith("None of the decision makers named in the goals was contacted by the campaign")
        and "own acts are counted apart" in t
        for t in texts
    )
    assert not any(
        t.startswith("None of the decision makers named in the goals was engaged") for t in texts
    )


def test_contacts_and_own_acts_both_shown_in_every_view(tmp_path):
    c = small_record(
        tmp_path,
        engagements=[f"2020-02-01,{UNSC},{UNSC},meeting,statement,minutes,s"],
        decisions=[f"2020-03,{UNSC},{UNSC},resolution,for,,resolution adopted,s"],
    )
    q = _q4(c)
    indicator, bars, because, _ = _views(q, UNSC)
    both = "policy action by their own act; by the campaign's contacts: public statement"
    assert indicator.startswith(both + " (1 engagement; first 2020-02-01)")
    assert bars == [
        ("by the campaign's contacts", 3, "public statement"),
        ("by their own acts", 4, "policy action"),
    ]
    assert because["public_statement_or_policy"] == because["policy_action"]
    assert because["policy_action"] == f"highest rung: {both} ({UNSC})"
    assert q.criterion("two_way_engagement").met is True


def test_as_of_cut_the_views_agree_on_what_was_left(tmp_path):
    from datetime import date

    c = small_record(
        tmp_path,
        engagements=[f"2020-03-01,{UNSC},{UNSC},meeting,statement,minutes,s"],
        decisions=[f"2020-01-20,{UNSC},{UNSC},resolution,for,,resolution adopted,s"],
    )
    q = _q4(c, as_of=date(2020, 2, 1))
    indicator, bars, because, _ = _views(q, UNSC)
    assert indicator.startswith(
        "policy action by their own act; by the campaign's contacts: not recorded"
    )
    # nothing recorded by the date is not "not reached" (the chart and criteria agree)
    assert bars[0] == ("by the campaign's contacts", 0, "contacts not recorded")
    assert "by the campaign's contacts: not recorded" in because["policy_action"]


# --- item 2: a decision maker under another name is not "not reached" with confidence -------
def _president(tmp_path, engagements, decisions=None):
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Free them.",
        "decision_makers": ["President of Nigeria"],
        "source": "s",
    }
    return small_record(tmp_path, engagements=engagements, decisions=decisions, goals=[goal])


def test_similar_office_names_are_listed_not_called_not_reached(tmp_path):
    c = _president(
        tmp_path,
        [
            "2020-02-22,President Goodluck Jonathan,Federal Government of Nigeria,meeting,statement,met parents,s"
        ],
    )
    q = _q4(c)
    indicator, bars, because, findings = _views(q, "President of Nigeria")
    assert "not reached" not in indicator
    assert indicator.startswith("no engagement recorded under this name (0 engagements)")
    assert "similar names in the record: President Goodluck Jonathan" in indicator
    assert bars == [("", 0, "no engagement recorded under this name")]
    # the count and the two-way test depend on whether the names are one: not judged
    assert q.criterion("half_of_targets_engaged").met is None
    assert q.criterion("two_way_engagement").met is None
    assert "not known for President of Nigeria" in because["two_way_engagement"]
    hint = next(str(f.text) for f in findings if str(f.text).startswith("President of Nigeria:"))
    assert "name it the same way in the goals and in engagements.csv" in hint
    # no confident "none engaged" either
    assert not any(str(f.text).startswith("None of the decision makers") for f in findings)


def test_a_shared_country_or_generic_word_is_no_similar_name(tmp_path):
    # "of Nigeria", "government": a country and a generic word, not an office
    c = _president(
        tmp_path,
        ["2020-01-30,National Assembly leaders,National Assembly of Nigeria,letter,none,demands,s"],
    )
    q = _q4(c)
    indicator, _, _, findings = _views(q, "President of Nigeria")
    assert indicator == "not reached (0 engagements)"
    assert q.criterion("half_of_targets_engaged").met is False
    assert any(
        str(f.text).startswith("None of the decision makers named in the goals was engaged")
        for f in findings
    )


def test_a_similar_name_only_in_own_acts_leaves_the_contacts_count_judged(tmp_path):
    c = _president(
        tmp_path,
        ["2020-01-30,National Assembly leaders,National Assembly of Nigeria,letter,none,demands,s"],
        decisions=[
            "2020-02-06,President Goodluck Jonathan,Federal Government of Nigeria,plan,for,,help accepted,s"
        ],
    )
    q = _q4(c)
    indicator, _, because, _ = _views(q, "President of Nigeria")
    assert "similar names in the record: President Goodluck Jonathan" in indicator
    # no contact under a similar name: the contacts count stands; the act may be theirs
    assert q.criterion("half_of_targets_engaged").met is False
    assert q.criterion("policy_action").met is None
    assert "not known for President of Nigeria" in because["policy_action"]


def test_a_misspelt_act_beside_rows_under_the_name_is_not_read_as_no_act(tmp_path):
    # trial 13, H3: the council's letter is under its name, its act under "Counsil": the act
    # was not the council's, silently, and question 4 read "poor" with confidence
    council = "Riverton City Council"
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Fund the pipes.",
        "decision_makers": [council],
        "source": "s",
    }
    import evalkit

    small_record(
        tmp_path,
        engagements=[f"2020-02-01,Mayor Jensen,{council},letter,none,petition handed in,s"],
        goals=[goal],
    )
    (tmp_path / "small" / "decisions.csv").write_text(
        "date,decision_maker,institution,act,direction,campaign_answer,goal,description,source\n"
        "2020-02-20,Riverton City Counsil,Riverton City Counsil,executive_decision,for,accepted,main,"
        "pipes funded,s\n",
        encoding="utf-8",
    )
    c, problems = evalkit.check_record(tmp_path / "small")
    assert not problems, [str(p) for p in problems]
    q = _q4(c)
    indicator, _, because, _ = _views(q, council)
    assert "similar names in the record: Riverton City Counsil" in indicator
    assert q.criterion("policy_action").met is None
    assert (
        "not known for Riverton City Council: rows under similar names may be theirs"
        in because["policy_action"]
    )
    # the finding says the rows under the name are there (trial 14, M1)
    texts = [str(f.text) for f in q.findings]
    assert any(
        t.startswith(f"{council}: besides the rows recorded under this name, the record names ")
        for t in texts
    ), texts
    assert not any("no engagement or act is recorded under this name" in t for t in texts)
    # and the record's check says which act and what it was meant to be
    said = [str(w.message) for w in c.warnings]
    assert any(
        "the act answers goal 'main', whose decision makers are Riverton City Council; "
        "'Riverton City Counsil' is none of them (did you mean 'Riverton City Council'?)" in w
        for w in said
    ), said


# --- item 4: question 3 says partial attainment, and shows a complete audit --------------------
def _goal(attainment, **fields):
    return {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Stop it.",
        "decision_makers": [UNSC],
        "source": "s",
        "judgements": [
            {
                "attainment": attainment,
                "as_of": "2020-03",
                "attained": "2020-02-01",
                "judged_by": "tester",
                "evidence": "a resolution",
                "source": "s",
            }
        ],
        **fields,
    }


def _q3_indicators(tmp_path, goal):
    q = Evaluation(small_record(tmp_path, goals=[goal])).questions[3]
    return {str(n): str(v) for n, v, _ in q.indicators}


def test_a_goal_judged_partly_achieved_shows_time_to_partial_attainment(tmp_path):
    partly = _q3_indicators(tmp_path, _goal("partly"))
    assert partly["Time from launch (2020-01-01) to partial attainment: Stop it"] == "31 days"
    assert "Time from launch (2020-01-01) to attainment: Stop it" not in partly
    achieved = _q3_indicators(tmp_path, _goal("achieved"))
    assert achieved["Time from launch (2020-01-01) to attainment: Stop it"] == "31 days"


def test_a_complete_smart_audit_is_shown_as_done(tmp_path):
    measurable = dict(indicator="a resolution", target="adopted", deadline="2020-12")
    complete = _q3_indicators(tmp_path, _goal("achieved", **measurable))
    assert complete["SMART audit: Stop it"] == (
        "complete: specific (who must act), measurable indicator, target, deadline recorded; "
        "realistic ceiling: not judged from the record"
    )
    gaps = _q3_indicators(tmp_path, _goal("achieved", indicator="a resolution"))
    assert gaps["SMART audit: Stop it"].startswith("missing: target, deadline")


# --- item 5: W11 is a reaction to an event that was clearly coming, not to a sudden one --------
MEASURABLE = dict(indicator="a resolution", target="adopted", deadline="2020-12")


def _launch_at(tmp_path, *events, goal=None):
    c = small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "one", "start": "2020-03-10", "end": "2020-04", "source": "s"}
        ],
        goals=[goal or _goal("achieved", **MEASURABLE)],
        hot_events=[{"description": "e", "source": "s", **e} for e in events],
    )
    ev = Evaluation(c)
    w11 = next(r for r in ev.checklist if r.rule.id == "W11")
    return ev, w11.status, [str(e) for e in w11.evidence]


SUDDEN = {"id": "abduction", "kind": "other", "date": "2020-03-01"}


def test_a_launch_reacting_to_a_sudden_event_is_not_weakness_11(tmp_path):
    ev, status, evidence = _launch_at(tmp_path, SUDDEN)
    assert status == "does not fire"
    assert any(
        e.startswith("not counted: a reaction to an event the record does not show")
        for e in evidence
    )


def test_weakness_11_fires_on_an_unmeasurable_goal_and_says_the_sudden_launch_was_not_counted(
    tmp_path,
):
    goal = _goal("achieved")  # no indicator, target or deadline
    ev, status, evidence = _launch_at(tmp_path, SUDDEN, goal=goal)
    assert status == "fires"
    assert evidence[0].startswith("main goal not measurable")
    assert evidence[1].startswith("not counted:")
    # recommendation 11 (time activities to periodic events) answers the lack of foresight,
    # not the unmeasurable goal: set aside, saying why; 2 and 16 still answer W11
    recommended = [n for n, _, _ in ev.recommendations()]
    assert {2, 16} <= set(recommended) and 11 not in recommended  # 8, 10: W6 (no new audience)
    why = {n: str(w) for n, _, w in ev.set_aside()}[11]
    assert why.startswith("its launch answered an event that the record does not show could be")


def test_weakness_11_fires_on_a_reaction_to_a_foreseeable_or_recurring_event(tmp_path):
    foreseen = {**SUDDEN, "kind": "offensive", "foreseeable_from": "2020-02"}
    ev, status, evidence = _launch_at(tmp_path, foreseen)
    assert status == "fires" and evidence[0].startswith("reacted to an event that was foreseeable")
    assert 11 in [n for n, _, _ in ev.recommendations()]
    again = {"id": "first", "kind": "offensive", "date": "2019-06"}
    ev, status, evidence = _launch_at(tmp_path, {**SUDDEN, "kind": "offensive"}, again)
    assert status == "fires"
    assert evidence[0].startswith("reacted to an event of a kind that had happened before")


def test_the_comparisons_highest_rung_says_what_reached_it(tmp_path):
    """The comparative table's highest rung came from a contact, the decision maker's own
    act, or both, and says which (as question 4 does)."""
    from evalkit.results.facts import campaign_facts

    contact = f"2020-02-01,{UNSC},{UNSC},meeting,statement,minutes,s"
    own = f"2020-03,{UNSC},{UNSC},resolution,for,,resolution adopted,s"
    cases = {
        "contacts": (dict(engagements=[contact]), "the campaign's contacts"),
        "own": (dict(decisions=[own], no_engagements=True), "their own act"),
        "both": (
            dict(
                engagements=[f"2020-02-01,{UNSC},{UNSC},meeting,resolution,minutes,s"],
                decisions=[own],
            ),
            "contacts and own act",
        ),
    }
    for name, (kw, expected) in cases.items():
        (tmp_path / name).mkdir()
        c = small_record(tmp_path / name, **kw)
        facts = campaign_facts(Evaluation(c))
        assert facts["decision_makers_top_rung_by"] == expected, name
    (tmp_path / "none").mkdir()
    nothing = small_record(tmp_path / "none", no_engagements=True)
    assert campaign_facts(Evaluation(nothing))["decision_makers_top_rung_by"] is None


def test_a_rung_nobody_recorded_is_not_recorded_never_not_reached(tmp_path):
    """No contacts recorded and no acts: the comparison's highest rung is unknown, and the
    replication of A2 leans on the main goal instead of a 'not reached' no one saw."""
    from evalkit.results.facts import campaign_facts

    (tmp_path / "silent").mkdir()
    silent = campaign_facts(Evaluation(small_record(tmp_path / "silent")))
    assert silent["decision_makers_top_rung"] is None
    (tmp_path / "told").mkdir()
    told = campaign_facts(Evaluation(small_record(tmp_path / "told", no_engagements=True)))
    assert told["decision_makers_top_rung"] == "not reached"  # the record says: no contact


def _lakeford(tmp_path, decisions):
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "A bike lane on Maple Street.",
        "decision_makers": ["Lakeford City Council"],
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": "2020-03",
                "evidence": "the council voted for it",
                "judged_by": "tester",
                "source": "s",
            }
        ],
    }
    return small_record(tmp_path, decisions=decisions, goals=[goal])


def test_a_reversal_under_a_name_like_the_decision_maker_s_is_not_left_counted(tmp_path):
    # trial 14, H1: "Lakeford Council" postponed the lane; the goal names "Lakeford City
    # Council"; the act names no goal: "achieved" stayed counted, question 3 good (high)
    from evalkit.results.build import campaign_results

    c = _lakeford(
        tmp_path,
        ["2020-05-02,Lakeford Council,City of Lakeford,plan,against,,construction postponed,s"],
    )
    e = Evaluation(c)
    q3 = e.questions[3]
    assert q3.verdict.level == "insufficient evidence"
    [doubt] = q3.doubts
    assert str(doubt.text).startswith(
        "The judgement that 'A bike lane on Maple Street' was achieved may be contradicted by "
        "Lakeford Council: plan against"
    )
    assert "under a name like Lakeford City Council's" in str(doubt.text)
    assert "decisions.csv:2" in doubt.evidence
    # not a contradiction the checklist's over-estimation rule may fire on
    assert next(r for r in e.checklist if r.rule.id == "W12").status != "fires"
    assert campaign_results(c)["goals"][0]["counted"] is False
    assert campaign_results(c)["goals"][0]["not_counted_because"] == "similar_act"
    said = [str(w.message) for w in c.warnings]
    assert any(
        "'Lakeford Council' is none of the goals' decision makers (did you mean 'Lakeford City "
        "Council'?)" in w
        for w in said
    ), said


def test_an_act_of_someone_else_leaves_the_judgement_counted(tmp_path):
    c = _lakeford(
        tmp_path,
        ["2020-05-02,Transport minister,Ministry of Transport,plan,against,,other road,s"],
    )
    q3 = Evaluation(c).questions[3]
    assert not q3.doubts and not q3.contradicted
    assert not c.warnings


def test_an_unanswered_contact_under_a_similar_name_is_said_to_be_under_it(tmp_path):
    # trial 14, M1: "the answer to a contact is not recorded" for a target with no contact
    c = _president(
        tmp_path,
        ["2020-02-22,Office of the President,Office of the President,letter,unknown,a letter,s"],
    )
    coverage = next(str(v) for n, v, _ in _q4(c).indicators if n == "Coverage of the target list")
    assert (
        "not known for President of Nigeria: the answer to a contact under a similar name is "
        "not recorded" in coverage
    ), coverage
