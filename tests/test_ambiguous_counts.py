"""A count is read as written or refused with how to write it, never read one way in
silence: '7.480' (a point grouping thousands, or a decimal point?) is refused with both
readings, '7 480' says a space groups no thousands, and what was counted may follow the
number ('more than 1,000 organisations', a coalition's size), while words that would change
the number ('1000 or more', '2 milion') are refused."""

import pytest

from conftest import edit
from evalkit.record.load import check_record
from evalkit.record.values import Quantity


def _problems(folder) -> list[str]:
    campaign, problems = check_record(folder)
    assert campaign is None
    return [str(p).replace(f"{folder}/", "") for p in problems]


def test_a_point_grouping_thousands_in_a_count_is_refused_with_both_readings(record):
    edit(record / "activities.csv", "about 400", "7.480")
    assert _problems(record) == [
        "activities.csv:2: participants: ambiguous number '7.480': is the point a thousands "
        "separator, as in much of Europe and the Arab world (7480), or a decimal point (7.48, "
        "which no count is)? A count is a whole number: write 7480 or 7,480"
    ]


def test_a_point_grouping_thousands_in_a_metric_value_is_refused(record):
    edit(record / "metrics.csv", "about 5000", "7.480")
    [said] = _problems(record)
    assert said.startswith("metrics.csv:2: value: ambiguous number '7.480': is the point a")
    assert "Write 7480 or 7,480 for the first; 7.48 for the second" in said


@pytest.mark.parametrize("written", ["7480", "7,480", "about 7,480"])
def test_a_count_written_plainly_is_read(record, written):
    edit(record / "activities.csv", "about 400", f'"{written}"' if "," in written else written)
    campaign, problems = check_record(record)
    assert problems == []
    assert campaign is not None
    assert campaign.activities["participants"].iloc[0] == 7480


def test_a_space_grouping_thousands_is_refused(record):
    edit(record / "activities.csv", "about 400", "7 480")
    assert _problems(record) == [
        "activities.csv:2: participants: '7 480': a space does not group thousands in a "
        "count; write 7480 or 7,480"
    ]


def test_a_coalition_size_may_say_what_it_counts(record):
    with open(record / "campaign.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "coalitions:\n"
            '  - {id: main, name: The coalition, size: "more than 1,000 organisations", '
            "source: interview-1}\n"
        )
    text = (record / "campaign.yaml").read_text(encoding="utf-8")
    assert text.count("\ncoalitions:") == 1, "the template gives coalitions already"
    campaign, problems = check_record(record)
    assert problems == []
    assert campaign is not None
    size = campaign.record.coalitions[0].size
    assert (size.value, size.qualifier) == (1000, "more_than")


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "1000 or more",
            "'1000 or more': the words after the number ('or more') change what it says; "
            "write a qualifier before the number ('at least 60', 'more than 1,000'), a scale "
            "word in full ('2 thousand', '1.5 million'), and after the number only what was "
            "counted ('1,000 organisations')",
        ),
        (
            "2 milion",
            "'2 milion': is 'milion' the scale word 'million'? Write it in full ('2 million'); "
            "a word after the number is read as what was counted",
        ),
    ],
)
def test_words_after_a_number_that_change_it_are_refused(written, said):
    with pytest.raises(ValueError) as raised:
        Quantity.parse(written)
    assert str(raised.value.args[0]) == said
