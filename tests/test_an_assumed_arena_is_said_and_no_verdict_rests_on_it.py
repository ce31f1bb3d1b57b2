"""A verdict on a default the evaluator did not write says so, or is withheld (trial 6, L4):
"In-person activity reached the decision makers' arena (national or wider): not met" rested
on the national arena assumed for a decision-maker audience at home with no `arena` and no
`region`, and did not say it was assumed. It is judged only where every arena the audience
could have gives the same answer, and says the arena is assumed."""

from __future__ import annotations

import re

from conftest import act, small_record

from evalkit.evaluation.reach import Reach

PUBLIC = {
    "id": "public",
    "segment": "general_public",
    "tier": "secondary",
    "region": "local",
    "languages": ["en"],
    "targeted": "yes",
    "source": "s",
}


def _arena(tmp_path, *activities, **where):
    court = {
        "id": "court",
        "segment": "decision_makers",
        "tier": "primary",
        "languages": ["ar"],
        "targeted": "yes",
        "source": "s",
        **(where or {"place": ["home", "decision_makers"]}),
    }
    c = small_record(tmp_path, activities=list(activities), audiences=[court, PUBLIC])
    return next(x for x in Reach(c).criteria if "arena" in str(x.name))


TOWN = act("a1", channel="in_person", scope="local")
ABROAD = act("a2", channel="in_person", scope="international")
ONLINE = act("a3", channel="virtual", scope="local")


def test_a_verdict_the_assumed_arena_alone_gives_is_withheld_and_says_why(tmp_path):
    c = _arena(tmp_path, TOWN)  # the trial's phase 2: a court at home, a local sit-in
    assert c.met is None
    assert str(c.because) == (
        "0 in-person activities at national or wider scope; the arena of court is not "
        "recorded (no arena or region): national is assumed from where they sit, but it may "
        "be narrower, where the in-person activities at a narrower scope would reach it; "
        "write their arena in campaign.yaml to judge it"
    )
    arabic = re.sub("[\u2066-\u2069]", "", c.because.translated("ar"))
    assert "ساحة court غير مسجلة" in arabic and "افتُرض النطاق «وطني»" in arabic
    assert "أضيق" in arabic


def test_a_withheld_arena_verdict_names_the_audience_and_says_it_may_be_wider(tmp_path):
    # trial 17, L2 and L3: four national sit-ins beside a minister whose arena is assumed
    # national; named by the audience's description, never its id
    c = _arena(
        tmp_path,
        act("a1", channel="in_person", scope="national"),
        description="the minister",
        place=["home", "decision_makers"],
    )
    assert c.met is None
    said = str(c.because)
    assert "the arena of the minister is not recorded" in said
    assert "but it may be wider, where these activities would not reach it" in said


def test_a_verdict_every_arena_gives_stands_and_still_says_the_arena_is_assumed(tmp_path):
    met = _arena(tmp_path, ABROAD)  # in-person abroad reaches any arena
    assert met.met is True and "national is assumed" in str(met.because)
    unmet = _arena(tmp_path, ONLINE)  # no in-person activity reaches none
    assert unmet.met is False and "national is assumed" in str(unmet.because)


def test_an_arena_the_record_writes_is_judged_as_before(tmp_path):
    c = _arena(tmp_path, TOWN, region="local")  # region local: met nationally, as documented
    assert c.met is False and "assumed" not in str(c.because)
    c = _arena(tmp_path, TOWN, place=["home", "decision_makers"], arena="local")
    assert c.met is True and "assumed" not in str(c.because)
