"""What a reader of a report is shown of the record (the third new-user trial): the record's
own words never go through evalkit's catalogue, whatever they spell — a phase whose id is
`signatures` is not the metric word 'signatures' («التوقيعات») — and a reader is shown
names where the record gives them, never ids, field names or the record format's syntax.
Checked on real runs (`evalkit run`) of a small record, in English and in Arabic."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from evalkit.cli import main
from test_reader_words import visible

CAMPAIGN = """\
format_version: 2
id: park-rescue
name:
  en: "Park Rescue"
  ar: "إنقاذ الحديقة"
cause: The council proposed selling half of the park.
evaluator: Tester
sources:
  - id: notes
    citation: Organiser's notes (test)
phases:
  - id: signatures
    name: "Petition and letters"
    start: 2023-02-01
    end: 2023-04-30
    source: notes
  - id: council-vote
    name: "Run-up to the council vote"
    start: 2023-05-01
    end: 2023-06-13
    source: notes
hot_events:
  - id: sale-proposal
    kind: publication
    description: The council publishes its plan to sell the park.
    date: 2023-01-20
    source: notes
goals:
  - id: stop-sale
    level: main
    horizon: medium
    text: The council votes against selling the park.
    decision_makers: [City Council]
    source: notes
    judgements:
      - attainment: partly
        as_of: 2023-06-20
        evidence: The sale was postponed.
        judged_by: Tester
        source: notes
audiences:
  - id: residents
    segment: general_public
    tier: secondary
    place: [home, affected, decision_makers]
    languages: [en]
    stance: ally
    targeted: "yes"
    reached: unknown
    source: notes
  - id: council
    segment: decision_makers
    tier: primary
    place: [home]
    languages: [en]
    stance: mixed
    targeted: "yes"
    reached: "yes"
    arena: local
    source: notes
"""
ACTIVITIES = """\
id,date,phase,description,kind,effort,channel,scope,language,audience,events,source
doors,2023-02..2023-04,signatures,Door-to-door petition drive,mobilisation,high,in_person,local,en,residents,,notes
letters,2023-03,signatures,Letters to councillors,lobbying,low,virtual,local,en,council,,notes
picnic,2023-06-10,council-vote,Protest picnic in the park,mobilisation,medium,in_person,local,en,residents,1,notes
"""
METRICS = """\
date,metric,value,language,phase,note,source,cumulative
2023-02-28,signatures,850,en,signatures,paper petition,notes,yes
2023-02-01..2023-04-30,signatures,about 2700,en,signatures,paper petition,notes,yes
2023-06-10,participants,about 200,en,council-vote,picnic,notes,
"""
ENGAGEMENTS = """\
date,decision_maker,institution,type,response,description,source
2023-06-12,City Council,City Council,petition_delivered,statement,Petition handed over,notes
"""


def park_record(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in (
        ("campaign.yaml", CAMPAIGN),
        ("activities.csv", ACTIVITIES),
        ("metrics.csv", METRICS),
        ("engagements.csv", ENGAGEMENTS),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def park(tmp_path_factory) -> Path:
    return park_record(tmp_path_factory.mktemp("park") / "park-rescue")


@pytest.fixture(scope="module", params=["en", "ar"])
def park_report(request, park, tmp_path_factory) -> tuple[str, str]:
    """(lang, the visible text of the record's evaluation.html in that language)."""
    lang = request.param
    out = tmp_path_factory.mktemp(f"park-{lang}")
    result = CliRunner().invoke(
        main, ["run", str(park), "--out", str(out), "--lang", lang, "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    page = (out / "park-rescue" / "evaluation.html").read_text(encoding="utf-8")
    return lang, visible(page)


def test_a_phase_id_that_spells_a_vocabulary_word_is_never_translated(park_report):
    lang, text = park_report
    # the phase `signatures` is the record's; «التوقيعات» is evalkit's word for the metric
    assert "التوقيعات (التوقيعات" not in text


def test_the_records_table_text_is_its_own_words_by_construction(park):
    import evalkit
    from evalkit.i18n import Verbatim, localized
    from evalkit.record import schema

    campaign, problems = evalkit.check_record(park)
    assert not problems
    for file, model in schema.TABLES.items():
        frame = getattr(campaign, file.removesuffix(".csv"), None)
        if frame is None or frame.empty:
            continue
        for name, info in model.model_fields.items():
            if schema.free_text(info) and name in frame:
                for value in frame[name].dropna():
                    assert isinstance(value, Verbatim), (file, name, value)
                    assert localized(value, "ar") == value
                    # cut or capitalised by the code, still the record's
                    assert isinstance(value.capitalize().rstrip("."), Verbatim)


def test_counts_and_recommendations_name_a_phase_by_its_name_not_its_id(park_report):
    lang, text = park_report
    signatures = "التوقيعات" if lang == "ar" else "Signatures"
    participants = "المشاركون" if lang == "ar" else "Participants"
    assert f"{signatures} (Petition and letters)" in text
    assert f"{participants} (Run-up to the council vote)" in text
    # recommendation 11 set aside: the launch that answered an unforeseeable event
    assert "(Petition and letters); " in text or "(Petition and letters)؛ " in text
    for phase_id in ("(signatures)", "(council-vote)", "council-vote,", "council-vote)"):
        assert phase_id not in text


def test_an_audience_is_named_and_its_reach_said_in_words(park_report):
    lang, text = park_report
    if lang == "en":
        assert "residents (reach not recorded)" in text
        assert "council (reached)" in text
        assert "council: reached" in text
    else:
        assert "residents (الوصول إليه غير مسجل)" in text
        assert "council: تم الوصول إليه" in text
    for code in ("(reached: unknown)", "council: yes", "(الوصول: غير معروف)", "council: نعم"):
        assert code not in text


def test_no_field_name_or_window_syntax_is_shown_to_a_reader(park_report):
    import re

    lang, text = park_report
    assert "foreseeable_from" not in text
    assert not re.search(r"\d{4}(?:-\d\d){0,2}\.\.(?:(?:early|mid|late) )?\d{4}", text)
    # a running total over a window stands by the window's end
    if lang == "en":
        assert "about 2,700 by 2023-04-30 (counted from 2023-02-01)" in text
        assert "Door-to-door petition drive [between 2023-02 and 2023-04]" in text
    else:
        assert "حوالي 2,700 حتى 2023-04-30 (بدءاً من 2023-02-01)" in text
        assert "Door-to-door petition drive [بين 2023-02 و2023-04]" in text


def test_a_workbook_report_cites_its_evidence_as_sheet_cells_linked_to_the_record_page(
    park, tmp_path
):
    import re

    book = tmp_path / "park-rescue.xlsx"
    runner = CliRunner()
    converted = runner.invoke(main, ["convert", str(park), str(book)])
    assert converted.exit_code == 0, converted.output
    out = tmp_path / "out"
    result = runner.invoke(main, ["run", str(book), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    page = (out / "park-rescue" / "evaluation.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a class="evidence" href="record\.html#([^"]+)">([^<]+)</a>', page))
    assert links, "no evidence links"
    text = visible(page)
    assert "activities.csv:" not in text and "campaign.yaml goals[" not in text
    # each link names the sheet's cell and still leads to the row of record.html
    assert links["metrics.csv:3"] == "metrics!A3"
    assert links["activities.csv:2"] == "activities!A2"
    record_page = (out / "park-rescue" / "record.html").read_text(encoding="utf-8")
    goal = next(a for a, shown in links.items() if shown == "goals!A2")
    assert (
        f'id="{goal}"' in record_page and "stop-sale" in record_page.split(f'id="{goal}"')[1][:400]
    )


def test_new_with_xlsx_sends_the_arabic_name_to_the_campaign_sheet_not_a_yaml_file(tmp_path):
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["new", "حملة إنقاذ مكتبة الحي", "--xlsx"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert "campaign.yaml" not in result.output
    assert "name.ar on its campaign sheet" in result.output
    (book,) = tmp_path.glob("*.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(book)["campaign"]
    assert {r[0].value: r[1].value for r in sheet.iter_rows(min_row=2)}["name.ar"] == (
        "حملة إنقاذ مكتبة الحي"
    )
