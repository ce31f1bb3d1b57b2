"""A code typed as its Arabic word — the word the Arabic template's comments and reports use
for it — is told which code it is (trial 11, L6: channel «حضوري» got "unknown code" and no
"did you mean 'in_person'?")."""

import evalkit
from conftest import ACT_HEADER, act, small_record

from evalkit.record.problems import closest


def test_the_arabic_word_of_a_code_or_the_word_without_its_article_names_the_code():
    kinds = ["mobilisation", "advocacy", "lobbying", "coalition_building"]
    assert closest("حضوري", ["virtual", "in_person"]) == "in_person"
    assert closest("الضغط", kinds) == "lobbying"
    assert closest("حشد", kinds) == "mobilisation"  # «الحشد» without its article
    assert closest("كلمة", kinds) is None  # no code's word: no guess


def test_validate_suggests_the_code_of_an_arabic_word_at_its_cell(tmp_path):
    campaign = small_record(tmp_path, activities=[act("a1")])
    row = act("a1", channel="حضوري")
    (campaign.path / "activities.csv").write_text(f"{ACT_HEADER}\n{row}\n", encoding="utf-8")
    _, problems = evalkit.check_record(campaign.path)
    [p] = problems
    assert (p.line, p.field) == (2, "channel")
    assert str(p.message).startswith("unknown code 'حضوري' (did you mean 'in_person'?)")
