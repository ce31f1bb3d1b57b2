"""Recording that something is not known needs no source: `present: unknown` (visual
identity, spokesperson, hostile language, shocking imagery) and `level: unknown` (a discourse
element) are valid without one, while every value that states something keeps needing its
source (trial 5, F3; docs/campaign-format.md, *Sources*)."""

import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SCAFFOLD, edit
from evalkit.cli import main
from evalkit.evaluation.grid import build_grid
from evalkit.i18n import FSI, PDI
from evalkit.record.load import check_record, load_campaign
from evalkit.record.workbook import folder_to_workbook

VI = '  visual_identity: {present: "no", source: interview-1}\n'
INFORMATIONAL = "  informational: {level: present, source: interview-1}\n"


@pytest.fixture
def record(tmp_path):
    folder = tmp_path / "rec"
    shutil.copytree(SCAFFOLD, folder)
    return folder


def _problems(record) -> list[str]:
    _, problems = check_record(record, build=False)
    return [str(p) for p in problems]


def test_unknown_without_a_source_is_valid_for_every_entry_that_states_one_thing(record):
    edit(
        record / "campaign.yaml",
        VI,
        "  visual_identity: {present: unknown}\n  spokesperson: {present: unknown}\n",
    )
    edit(
        record / "campaign.yaml",
        INFORMATIONAL,
        "  informational: {level: unknown, note: not seen in the sources}\n"
        "  hostile_language: {present: unknown}\n  shocking_imagery: {present: unknown}\n",
    )
    assert _problems(record) == []
    campaign = load_campaign(record)
    assert campaign.record.media_tools.visual_identity.source is None
    # the grid says what is recorded, unknown, and cites no source for it
    grid = build_grid(campaign)
    row = grid[grid.iloc[:, 1].astype(str) == "visual identity"].iloc[0]
    assert str(row.iloc[2]) == "unknown" and str(row.iloc[3]) == ""


@pytest.mark.parametrize(
    "old, new, field, said",
    [
        (
            VI,
            '  visual_identity: {present: "yes"}\n',
            "media_tools.visual_identity.source",
            "present: yes",
        ),
        (VI, '  spokesperson: {present: "no"}\n', "media_tools.spokesperson.source", "present: no"),
        (
            INFORMATIONAL,
            "  informational: {level: present}\n",
            "discourse.informational.source",
            "level: present",
        ),
        (
            INFORMATIONAL,
            "  emotional: {level: absent}\n",
            "discourse.emotional.source",
            "level: absent",
        ),
        (
            INFORMATIONAL,
            '  hostile_language: {present: "no", where: online}\n',
            "discourse.hostile_language.source",
            "present: no",
        ),
    ],
)
def test_a_value_that_states_something_still_needs_its_source(record, old, new, field, said):
    edit(record / "campaign.yaml", old, new)
    [problem] = _problems(record)
    assert f": {field}: required field is missing: the source of {said} (only " in problem
    assert problem.endswith(": unknown needs none)")


def test_a_source_given_with_unknown_is_checked_all_the_same(record):
    edit(
        record / "campaign.yaml", VI, "  visual_identity: {present: unknown, source: intervew-1}\n"
    )
    [problem] = _problems(record)
    assert "media_tools.visual_identity.source: unknown source 'intervew-1'" in problem


def test_the_arabic_message_says_which_value_needs_the_source(record):
    edit(record / "campaign.yaml", INFORMATIONAL, "  informational: {level: dominant}\n")
    result = CliRunner().invoke(main, ["validate", "--lang", "ar", str(record)])
    text = result.output.replace(FSI, "").replace(PDI, "")
    assert (
        "discourse.informational.source: حقل مطلوب ناقص: مصدر level: dominant "
        "(القيمة level: unknown وحدها لا تحتاج إلى مصدر)"
    ) in text


def test_a_workbook_row_set_to_unknown_needs_no_source_and_its_comment_says_so(tmp_path):
    book = folder_to_workbook(SCAFFOLD, tmp_path / "rec.xlsx")
    wb = load_workbook(book)
    sheet = wb["campaign"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    rows["media_tools.visual_identity.present"][1].value = "unknown"
    rows["media_tools.visual_identity.source"][1].value = None
    wb.save(book)
    campaign, problems = check_record(book)
    assert problems == [] and campaign.record.media_tools.visual_identity.present == "unknown"
    # the comment of the source's row: required unless unknown, not 'optional'
    comment = rows["media_tools.visual_identity.source"][0].comment
    assert comment is not None and comment.text.startswith(
        "required unless the value is unknown (unknown needs no source)"
    ), comment
    # and the same row set to 'yes' without a source is an error at its cell
    rows["media_tools.visual_identity.present"][1].value = "yes"
    wb.save(book)
    _, problems = check_record(book)
    [problem] = [str(p) for p in problems]
    cell = rows["media_tools.visual_identity.source"][1].coordinate
    assert problem.startswith(f"campaign!{cell}: media_tools.visual_identity.source: required")
