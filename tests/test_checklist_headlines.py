"""A checklist rule that fires states only what its evidence established (Rule.signs). The
paper's point may hold more than a record can show: W15 is the virtual space as the main
arena *and* undisciplined online discourse; W13's cost, W22's "too many" and S12's
"indirect" are in no field. A row that fired on one half, or on the sign without the
qualifier, says that and no more, in English and in Arabic, in the report and in
results.json; the halves not shown are named as not shown."""

from __future__ import annotations

from pathlib import Path

import pytest

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.evaluation.checklist import CANNOT, FIRES, QUIET, RULES, Rule
from evalkit.i18n import localized
from evalkit.render.report import CampaignReport
from evalkit.results.build import campaign_results
from conftest import act, small_record

ROOT = Path(__file__).resolve().parents[1]
RECORDS = sorted(p.parent for p in (ROOT / "case_studies").glob("*/campaign.yaml")) + sorted(
    p.parent for p in (ROOT / "tests" / "records").glob("*/campaign.yaml")
)


def _rule(ev, rule_id):
    return next(r for r in ev.checklist if r.rule.id == rule_id)


def _said(ev, result, lang="en"):
    return str(localized(ev.result_text(result), lang))


def _evidence(result, lang="en"):
    return " | ".join(str(localized(e, lang)) for e in result.evidence)


MOSTLY_VIRTUAL = [act("a1"), act("a2"), act("a3"), act("a4", channel="in_person")]
MOSTLY_IN_PERSON = [act("a1"), act("a2", channel="in_person"), act("a3", channel="in_person")]


def test_w15_fired_by_the_virtual_share_alone_says_only_that(tmp_path):
    ev = Evaluation(small_record(tmp_path, activities=MOSTLY_VIRTUAL))
    w15 = _rule(ev, "W15")
    assert w15.status == FIRES and w15.found == ["virtual"]
    en, ar = _said(ev, w15), _said(ev, w15, "ar")
    assert en == "More than half of the activities virtual", en
    assert "discourse" not in en and "main arena" not in en
    assert ar == "أكثر من نصف الأنشطة افتراضية", ar
    assert "خطاب" not in ar and "منضبط" not in ar
    # the half not shown is named as such, in both languages
    assert "the record does not show: Hostile language seen online" in _evidence(w15)
    assert "لا يُظهر السجل: لغة عدائية على الإنترنت" in _evidence(w15, "ar"), _evidence(w15, "ar")
    assert "3 of 4 activities virtual" in _evidence(w15)


def test_w15_fired_by_hostile_language_online_alone_says_only_that(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=MOSTLY_IN_PERSON,
            discourse={
                "hostile_language": {
                    "present": "yes",
                    "where": "online",
                    "note": "insults in the replies",
                    "source": "s",
                }
            },
        )
    )
    w15 = _rule(ev, "W15")
    assert w15.status == FIRES and w15.found == ["hostile"]
    assert _said(ev, w15) == "Hostile language seen online"
    assert "virtual" not in _said(ev, w15).lower()
    assert "More than half of the activities virtual" in _evidence(w15)


def test_hostile_language_without_where_it_was_seen_is_no_online_discourse(tmp_path):
    """Placards at a rally are hostile language, not online discourse: with `where` not
    recorded, the second half is not shown, and on a mostly in-person record the rule cannot
    be judged (it neither fires nor says there was none)."""
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=MOSTLY_IN_PERSON,
            discourse={
                "hostile_language": {"present": "yes", "note": "angry banners", "source": "s"}
            },
        )
    )
    w15 = _rule(ev, "W15")
    assert w15.status == CANNOT, _evidence(w15)
    assert "hostile language recorded (angry banners), but not where it was seen" in _evidence(w15)
    assert "لم يُسجَّل أين ظهرت" in _evidence(w15, "ar"), _evidence(w15, "ar")
    # not fired: the row states the paper's point, the thing checked
    assert _said(ev, w15) == "Virtual space as the main arena; undisciplined online discourse"


def test_hostile_language_seen_offline_does_not_fire_w15(tmp_path):
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=MOSTLY_IN_PERSON,
            discourse={
                "hostile_language": {
                    "present": "yes",
                    "where": "offline",
                    "note": "angry banners",
                    "source": "s",
                }
            },
        )
    )
    assert _rule(ev, "W15").status == QUIET


@pytest.mark.parametrize(
    "rule_id,found,said,not_said,changes",
    [
        (
            "W16",
            ["identity"],
            "No visual identity",
            "spokesperson",
            {
                "media_tools": {
                    "visual_identity": {"present": "no", "source": "s"},
                    "spokesperson": {"present": "yes", "source": "s"},
                }
            },
        ),
        (
            "W16",
            ["spokesperson"],
            "No official spokesperson",
            "visual identity",
            {"media_tools": {"spokesperson": {"present": "no", "source": "s"}}},
        ),
        ("W14", ["coalition"], "No coalition", "coordination", {"coalitions": []}),
    ],
)
def test_a_rule_of_several_signs_states_the_one_it_found(
    tmp_path, rule_id, found, said, not_said, changes
):
    ev = Evaluation(small_record(tmp_path, activities=MOSTLY_IN_PERSON, **changes))
    r = _rule(ev, rule_id)
    assert r.status == FIRES and r.found == found, _evidence(r)
    assert _said(ev, r) == said
    assert not_said not in _said(ev, r).lower()
    assert "the record does not show:" in _evidence(r)


def test_a_qualifier_no_field_records_is_not_stated_when_the_rule_fires(tmp_path):
    """W22's 'too many', W13's cost, W3's 'strong': the record shows imagery used, a
    low-effort mix, a counter-narrative — and the row says that much."""
    ev = Evaluation(
        small_record(
            tmp_path,
            activities=MOSTLY_VIRTUAL,
            discourse={"shocking_imagery": {"present": "yes", "source": "s"}},
            opponents=[
                {"name": "Them", "kind": "government", "counter_narrative": "yes", "source": "s"}
            ],
        )
    )
    for rule_id, said, ar, unsaid in (
        ("W22", "Shocking imagery used", "استُخدمت صور صادمة", "Too many"),
        ("W13", "Low-effort activities more than half of the mix", "منخفضة الجهد", "Cost"),
        ("W3", "A counter-narrative from the other side", "سردية مضادة", "strong"),
    ):
        r = _rule(ev, rule_id)
        assert r.status == FIRES, (rule_id, _evidence(r))
        assert _said(ev, r) == said and unsaid not in _said(ev, r)
        assert ar in _said(ev, r, "ar") and "قوية" not in _said(ev, r, "ar")


@pytest.fixture(scope="module")
def bundled():
    return {p.name: Evaluation(evalkit.load_campaign(p)) for p in RECORDS}


def test_every_fired_rule_of_the_bundled_records_states_only_the_signs_it_found(bundled):
    fired = 0
    for name, ev in bundled.items():
        for r in ev.checklist:
            if r.status != FIRES or not r.rule.signs:
                continue
            fired += 1
            keys = [k for k, _ in r.rule.signs]
            assert r.found and set(r.found) <= set(keys), (name, r.rule.id)
            said = _said(ev, r)
            for key, sign in r.rule.signs:
                assert (sign in said) == (key in r.found), (name, r.rule.id, said)
            # the paper's full point is not the headline of a rule whose point says more
            assert not said.startswith(r.rule.text) or r.rule.text in dict(r.rule.signs).values()
    assert fired >= 20


def test_results_json_and_the_report_state_the_same_headline(bundled):
    ghouta = bundled["save-ghouta"]
    results = campaign_results(ghouta.campaign)
    row = next(c for c in results["checklist"] if c["rule"] == "W15")
    assert row["status"] == FIRES and row["text"] == "More than half of the activities virtual"
    html = str(CampaignReport(str(ROOT / "case_studies" / "save-ghouta")).checklist_table())
    assert "More than half of the activities virtual" in html
    assert "undisciplined online discourse" not in html.split("other rules")[0]


def test_a_rule_of_several_signs_that_fires_without_naming_one_is_an_error(tmp_path):
    rule = Rule(
        "X1",
        "weakness",
        "strategy",
        "one; two",
        judge=lambda ctx: (True, ["something"]),
        signs=(("one", "One"), ("two", "Two")),
    )
    with pytest.raises(ValueError, match="X1 fired without saying which of its signs"):
        rule.run(Evaluation(small_record(tmp_path)))


def test_every_sign_headline_has_its_arabic():
    from evalkit.i18n import catalogue

    ar = catalogue("ar")
    for rule in RULES:
        for _, sign in rule.signs:
            assert ar.get(sign), (rule.id, sign)


def test_the_exercise_key_states_the_weaknesses_as_the_evaluation_does():
    import re

    exercise = ROOT / "workshop" / "exercise"
    key = (exercise / "key.md").read_text(encoding="utf-8")
    results = campaign_results(evalkit.load_campaign(exercise / "simulated-river-campaign"))
    rows = re.findall(r"^\| (W\d+) \| (.+) \|$", key, re.M)
    assert rows == [
        (c["rule"], c["text"])
        for c in results["checklist"]
        if c["status"] == FIRES and c["kind"] == "weakness"
    ]
