"""A required key misspelt ('judge_by' for 'judged_by') is one mistake, said once: the
unknown key with its suggestion, not also 'judged_by: required field is missing' (trial 17,
L6). A key that is missing with no misspelling near it is still said missing."""

import evalkit
from conftest import SMALL_MAIN_GOAL, small_record

JUDGEMENT = {"attainment": "achieved", "as_of": "2020-03", "evidence": "e", "source": "s"}


def _problems(tmp_path, **judgement):
    goal = {**SMALL_MAIN_GOAL, "judgements": [{**JUDGEMENT, "judged_by": "t"}]}
    campaign = small_record(tmp_path, goals=[goal])
    path = campaign.path / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    key = next(iter(judgement))
    path.write_text(text.replace("judged_by: t", f"{key}: t"), encoding="utf-8")
    _, problems = evalkit.check_record(campaign.path)
    return [(p.field, str(p.message)) for p in problems]


def test_a_misspelt_required_key_is_said_once_with_its_suggestion(tmp_path):
    said = _problems(tmp_path, judge_by="t")
    assert len(said) == 1, said
    field, message = said[0]
    assert field == "goals[0].judgements[0].judge_by"
    assert message.startswith("unknown key (did you mean 'judged_by'?)")


def test_a_required_key_replaced_by_an_unrelated_one_is_said_missing_too(tmp_path):
    said = _problems(tmp_path, colour="t")
    assert {f for f, _ in said} == {
        "goals[0].judgements[0].colour",
        "goals[0].judgements[0].judged_by",
    }
