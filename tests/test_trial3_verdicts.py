"""Findings of the third new-user trial: verdicts said with more confidence than the evidence
allows. Each is fixed as a class and pinned on a real run of a small record (or workbook)."""

import pytest

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET
from evalkit.i18n import localized
from conftest import act, small_record

PARTNERS = [
    {"name": "Allotment Society", "kind": "ngo", "orientation": "environmental", "source": "s"},
    {"name": "School PTA", "kind": "ngo", "orientation": "parents", "source": "s"},
]


def _rule(ev, rule_id):
    return next(r for r in ev.checklist if r.rule.id == rule_id)


def _said(result, lang="en"):
    return " | ".join(str(localized(e, lang)) for e in result.evidence)


# --- 1. a list the record leaves out is not a list of none ----------------------------------
def test_partners_listed_without_a_coalitions_key_do_not_make_dispersion_fire(tmp_path):
    """W14 fired 'no coalition recorded' on a record with partners and no `coalitions` key,
    while the same record without partners could not be judged: adding a fact made the
    verdict harsher. Silence on coalitions is not 'no coalition', in a folder or a workbook
    (whose coalitions sheet is left empty)."""
    from evalkit.record.workbook import folder_to_workbook

    (tmp_path / "folder").mkdir()
    folder = small_record(tmp_path / "folder", partners=PARTNERS)
    book = folder_to_workbook(folder.path, tmp_path / "book.xlsx")
    for record in (folder, evalkit.load_campaign(book)):
        ev = Evaluation(record)
        w14, s5 = _rule(ev, "W14"), _rule(ev, "S5")
        assert w14.status == CANNOT, _said(w14)
        assert "no coalition" not in _said(w14) and "coalitions not recorded" in _said(w14)
        assert "التحالفات غير مسجَّلة" in _said(w14, "ar"), _said(w14, "ar")
        assert s5.status == FIRES and "coalitions not recorded, 2 other partners" in _said(s5)
        breadth = ev.questions[5].criterion("partner_breadth")
        assert breadth.met is None and "coalitions not recorded" in str(breadth.because)


def test_a_coalitions_key_that_says_none_still_makes_dispersion_fire(tmp_path):
    ev = Evaluation(small_record(tmp_path, coalitions=[], partners=PARTNERS))
    w14 = _rule(ev, "W14")
    assert w14.status == FIRES
    assert "the record says there was no coalition (coalitions: [])" in _said(w14)
    assert "يقول السجل صراحةً إنه لم يكن للحملة تحالف" in _said(w14, "ar")
    # both lists written, two orientations and none unknown: breadth is not met
    assert ev.questions[5].criterion("partner_breadth").met is False


@pytest.mark.parametrize(
    "lists, expected",
    [
        (dict(coalitions=[]), CANNOT),  # no coalition; other partners not said
        (dict(partners=[]), CANNOT),  # no other partner; coalitions not said
        (dict(coalitions=[], partners=[]), QUIET),  # both said: none
    ],
)
def test_new_relations_do_not_fire_only_when_both_lists_say_none(tmp_path, lists, expected):
    s5 = _rule(Evaluation(small_record(tmp_path, **lists)), "S5")
    assert s5.status == expected, _said(s5)


def test_partners_of_unknown_orientation_are_not_read_as_a_narrow_coalition(tmp_path):
    unknown = [{"name": f"NGO {i}", "kind": "ngo", "source": "s"} for i in range(3)]
    ev = Evaluation(small_record(tmp_path, coalitions=[], partners=unknown))
    breadth = ev.questions[5].criterion("partner_breadth")
    assert breadth.met is None
    assert "orientation not recorded for 3 partners" in str(breadth.because)


def test_a_weakness_with_a_sign_the_record_is_silent_on_does_not_say_it_does_not_fire(tmp_path):
    """W15 and W16 said 'does not fire' when one of their signs was not recorded: hostile
    language left out read as none, a spokesperson left out as present."""
    acts = [act("a1"), act("a2", channel="in_person"), act("a3", channel="in_person")]
    (tmp_path / "silent").mkdir()
    ev = Evaluation(
        small_record(
            tmp_path / "silent",
            activities=acts,
            media_tools={"visual_identity": {"present": "yes", "source": "s"}},
        )
    )
    w15, w16 = _rule(ev, "W15"), _rule(ev, "W16")
    assert w15.status == CANNOT and "hostile language was used online is not recorded" in _said(w15)
    assert "لم يُسجَّل هل استُخدمت لغة عدائية" in _said(w15, "ar"), _said(w15, "ar")
    assert w16.status == CANNOT and "spokesperson not recorded" in _said(w16)
    (tmp_path / "said").mkdir()
    ev = Evaluation(
        small_record(
            tmp_path / "said",
            activities=acts,
            discourse={"hostile_language": {"present": "no", "source": "s"}},
            media_tools={
                "visual_identity": {"present": "yes", "source": "s"},
                "spokesperson": {"present": "yes", "source": "s"},
            },
        )
    )
    assert _rule(ev, "W15").status == QUIET and _rule(ev, "W16").status == QUIET


# --- 2. a table the as-of cut empties is nothing recorded by then, not a recorded none -------
def _later_contacts(tmp_path):
    return small_record(
        tmp_path,
        activities=[act("a1", date="2020-01-10"), act("a2", date="2020-03-10")],
        engagements=["2020-03-15,UN Security Council,UN Security Council,meeting,law,met,s"],
        decisions=["2020-03-20,UN Security Council,,resolution,for,,adopted,s"],
    )


def test_contacts_all_dated_after_the_as_of_date_are_not_recorded_not_none(tmp_path):
    """As of a date before every engagement, question 4 read 'poor (high confidence)' and
    'None of the decision makers named in the goals was engaged', while a record with no
    engagements table at all reads 'insufficient evidence': the cut's rows dated later were
    taken for a record of none."""
    from datetime import date

    c = _later_contacts(tmp_path)
    ev = Evaluation(c, as_of=date(2020, 2, 15))
    q4 = ev.questions[4]
    assert q4.verdict.level == "insufficient evidence", q4.verdict
    assert not any("None of the decision makers" in str(f.text) for f in q4.findings)
    because = q4.criterion("half_of_targets_engaged").because
    assert q4.criterion("half_of_targets_engaged").met is None
    assert str(because).startswith(
        "no contact with decision makers is recorded by 2020-02-15 (the 1 row of "
        "engagements.csv is dated later"
    )
    arabic = str(localized(because, "ar")).replace("\u2068", "").replace("\u2069", "")
    assert "حتى 2020-02-15 (الصف الوحيد في engagements.csv مؤرخ بعده" in arabic
    for rule_id in ("S2", "S8", "S11"):
        assert _rule(ev, rule_id).status == CANNOT, rule_id
    assert ev.questions[5].criterion("outcome_followed").met is None
    # the record as it would have been written on that date: the same reading
    (tmp_path / "then").mkdir()
    then = Evaluation(small_record(tmp_path / "then", activities=[act("a1", date="2020-01-10")]))
    assert then.questions[4].verdict.level == q4.verdict.level
    # without the cut, the same rows are judged
    assert Evaluation(c).questions[4].criterion("half_of_targets_engaged").met is True


def test_a_record_that_says_there_was_no_contact_is_still_judged_under_the_cut(tmp_path):
    from datetime import date

    c = small_record(tmp_path, activities=[act("a1", date="2020-01-10")], no_engagements=True)
    q4 = Evaluation(c, as_of=date(2020, 2, 15)).questions[4]
    assert q4.criterion("half_of_targets_engaged").met is False


# --- 3. every question's confidence follows the rows it rests on -----------------------------
@pytest.mark.parametrize("n, held", [(1, True), (4, True), (5, False)])
def test_question_4s_confidence_is_held_at_low_on_few_contacts_and_acts(tmp_path, n, held):
    """One engagement row (a petition delivered, answered by a statement) gave question 4
    'fair (high confidence)': the rule that holds questions 1, 2 and 5 at low on fewer than
    five activities did not reach the question that rests on contacts and acts."""
    rows = [
        f"2020-02-{d:02d},UN Security Council,UN Security Council,petition_delivered,statement,"
        "handed over,s"
        for d in range(1, n + 1)
    ]
    q4 = Evaluation(small_record(tmp_path, engagements=rows)).questions[4]
    assert q4.verdict.level == "fair"
    if held:
        assert q4.verdict.confidence == "low"
        assert str(q4.verdict.confidence_reason).startswith(
            f"the record holds {n} contact" + (" or act" if n == 1 else "s and acts")
        )
        assert "Confidence held at low" in str(q4.verdict.sentence())
        arabic = str(localized(q4.verdict.sentence(), "ar"))
        assert "صف واحد زائد أو ناقص قد يقلب معياراً" in arabic, arabic
    else:
        assert q4.verdict.confidence == "high" and q4.verdict.confidence_reason == ""


def test_a_record_that_states_no_contact_is_a_full_account_not_a_thin_one(tmp_path):
    q4 = Evaluation(small_record(tmp_path, no_engagements=True)).questions[4]
    assert q4.verdict.level == "poor" and q4.verdict.confidence_reason == ""


# --- 4. a strength does not fire on evidence that says a part of it is missing ---------------
def test_media_and_political_pressure_does_not_fire_without_the_media(tmp_path):
    """S2 fired with 'no media audience recorded; 1 engagement': a strength shown by evidence
    that says its media half is missing."""
    ev = Evaluation(
        small_record(
            tmp_path,
            engagements=["2020-02-01,UN Security Council,,petition_delivered,statement,x,s"],
        )
    )
    s2 = _rule(ev, "S2")
    assert s2.status == CANNOT, _said(s2)
    assert _said(s2) == "no media audience recorded | 1 engagement"
    assert _said(s2, "ar").startswith("لا جمهور إعلامياً مسجلاً | "), _said(s2, "ar")
    # with the media reached the same contact shows the strength; with them recorded not
    # reached, it does not fire
    for reached, status in (("yes", FIRES), ("no", QUIET)):
        (tmp_path / reached).mkdir()
        media = {
            "id": "media",
            "segment": "media",
            "tier": "secondary",
            "languages": ["en"],
            "region": "international",
            "reached": reached,
            "source": "s",
        }
        rec = small_record(
            tmp_path / reached,
            engagements=["2020-02-01,UN Security Council,,petition_delivered,statement,x,s"],
        )
        ev = Evaluation(
            small_record(
                tmp_path / reached,
                engagements=["2020-02-01,UN Security Council,,petition_delivered,statement,x,s"],
                audiences=[
                    *(a.model_dump(exclude_unset=True) for a in rec.record.audiences),
                    media,
                ],
            )
        )
        assert _rule(ev, "S2").status == status, (reached, _said(_rule(ev, "S2")))
