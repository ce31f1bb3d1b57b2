"""A decision maker's own act dated after the campaign's last phase (the council votes a
month after the sit-in) is an outcome, accepted as a goal's judgement is, and read as one
that followed the tactics (trial 7, M3: refused as "outside the campaign", with no way out
but inventing a phase). One dated before the campaign is refused with what to do; so is a
contact outside the phases. A partial concession is said as one wherever it is an outcome."""

import evalkit
from evalkit.evaluation import Evaluation
from evalkit.evaluation.decision_makers import DecisionMakersReached
from evalkit.evaluation.tactics import TacticUsefulness
from evalkit.i18n import localized

from conftest import DEC_HEADER, ENG_HEADER, act, small_record
from test_questions import criterion, indicator

COUNCIL = "UN Security Council"
# the phase runs 2020-01-01 to 2020-03-31 (conftest.small_record)
VOTE_AFTER = f"2020-05-15,{COUNCIL},{COUNCIL},resolution,for,,Plan adopted,s"
PART_AFTER = f"2020-05-15,{COUNCIL},{COUNCIL},resolution,partial,accepted,First stage adopted,s"
VOTE_BEFORE = f"2019-11-02,{COUNCIL},{COUNCIL},vote,against,,Plan rejected,s"


def _record(tmp_path, decisions):
    return small_record(
        tmp_path,
        activities=[act("a1", kind="lobbying", date="2020-03")],
        decisions=decisions,
    )


def test_an_act_after_the_last_phase_is_accepted_and_followed_the_tactics(tmp_path):
    c = _record(tmp_path, [VOTE_AFTER])
    outcomes = indicator(TacticUsefulness(c), "Outcomes that followed lobbying activities in time")
    assert f"{COUNCIL}: resolution" in outcomes
    q5 = TacticUsefulness(c)
    followed = criterion(
        q5, "A policy outcome or main-goal attainment followed the tactics in time"
    )
    assert followed.met is True and followed.evidence == ["decisions.csv:2"]
    q4 = DecisionMakersReached(c)
    assert criterion(q4, "A named decision maker took policy action").met is True


def test_a_partial_concession_after_the_campaign_is_said_partial(tmp_path):
    c = _record(tmp_path, [PART_AFTER])
    q5 = TacticUsefulness(c)
    followed = criterion(
        q5, "A policy outcome or main-goal attainment followed the tactics in time"
    )
    assert str(followed.because) == (
        f"{COUNCIL}: resolution (a partial concession the campaign accepted)"
    )
    assert localized(followed.because, "ar").endswith("(تنازل جزئي قبلته الحملة)")
    s8 = next(r for r in Evaluation(c).checklist if r.rule.id == "S8")
    assert [str(e) for e in s8.evidence] == [
        f"{COUNCIL}: resolution (a partial concession the campaign accepted) (decisions.csv:2)"
    ]


def _folder(tmp_path, decisions=(), engagements=()):
    small_record(tmp_path, activities=[act("a1", kind="lobbying", date="2020-03")])
    folder = tmp_path / "small"
    (folder / "decisions.csv").write_text(
        "\n".join([DEC_HEADER, *decisions]) + "\n", encoding="utf-8"
    )
    (folder / "engagements.csv").write_text(
        "\n".join([ENG_HEADER, *engagements]) + "\n", encoding="utf-8"
    )
    return folder


def test_an_act_before_the_campaign_is_refused_with_what_to_do(tmp_path):
    folder = _folder(tmp_path, [VOTE_BEFORE, VOTE_AFTER])
    campaign, problems = evalkit.check_record(folder)
    assert campaign is None
    assert [str(p).removeprefix(f"{folder}/") for p in problems] == [
        "decisions.csv:2: date: 2019-11-02 is before the campaign (its first phase starts "
        "2020-01-01): a decision maker's act before the campaign cannot be its outcome; if it "
        "set the campaign off, record it in hot_events and name it in the phase's trigger, "
        "else leave it out"
    ]


def test_a_contact_after_the_last_phase_is_still_refused_and_told_what_to_do(tmp_path):
    meeting = f"2020-05-01,{COUNCIL},{COUNCIL},meeting,none,,s"
    folder = _folder(tmp_path, engagements=[meeting])
    campaign, problems = evalkit.check_record(folder)
    assert campaign is None
    assert [str(p).removeprefix(f"{folder}/") for p in problems] == [
        "engagements.csv:2: date: 2020-05-01 is outside the campaign (2020-01-01 to "
        "2020-03-31, from its phases): check the date, or the phases' start and end"
    ]
