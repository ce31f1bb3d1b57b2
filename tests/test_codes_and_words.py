"""Findings of a new-user trial on campaign records and spreadsheets nobody here had seen:
a metric's value checked by what the metric measures, codes said with the one they are
closest to, plural forms after a bound, the Excel copy's sheet names, languages by name.
Each is pinned on a real run of a small record (or workbook) made here."""

import re

import pytest

from conftest import MET_HEADER, act, small_record
from test_reader_words import visible


@pytest.fixture(autouse=True)
def _english_after():
    """A report built here in Arabic sets the process's language: the next test's is English."""
    from evalkit.i18n import set_language

    yield
    set_language("en")


def _problems(path):
    from evalkit.record.load import check_record

    return [str(p) for p in check_record(path)[1]]


def _report(folder, lang: str) -> str:
    from evalkit.render.report import CampaignReport

    report = CampaignReport(str(folder), "", lang)
    return visible(str(report.summary()) + str(report.overview()) + str(report.questions()))


# --- a metric's value as its kind allows: a share may have decimals, a count may not ---------
def test_a_percentage_with_decimals_is_read_and_shown_as_written(tmp_path):
    c = small_record(
        tmp_path,
        activities=[act("a1")],
        metrics=[
            "2020-02,percent,45.5,,,,,,,poll: aware,s",
            "2020-03,percent,40.5..45.25,,,,,,,poll: support,s",
            "2020-02..2020-03,donations,1250.50,,,,,,,EUR,s",
        ],
    )
    english = _report(c.path, "en")
    assert "a level, not a rate: 45.5% at 2020-02" in english
    assert "40.5–45.25%" in english
    arabic = _report(c.path, "ar")
    assert "45.5%" in arabic


def test_a_count_with_decimals_and_a_share_over_100_are_refused_naming_the_metric(tmp_path):
    c = small_record(tmp_path, activities=[act("a1")], metrics=["2020-02,posts,30,,,,,,,,s"])
    rows = [
        "2020-02,posts,4.5,,,,,,,,s",
        "2020-02,signatures,about 10.5,,,,,,,,s",
        "2020-02,percent,145,,,,,,,poll,s",
        "2020-02,percent,thousands,,,,,,,poll,s",
        "2020-02,percent,100,,,,,,,poll,s",  # a whole share: fine
        "2020-02,percnt,45.5,,,,,,,poll,s",  # the metric is wrong: said once, at the metric
    ]
    (c.path / "metrics.csv").write_text("\n".join([MET_HEADER, *rows]) + "\n", encoding="utf-8")
    problems = _problems(c.path)
    assert len(problems) == 5, problems
    posts, signatures, over, words, code = problems
    assert (
        "metrics.csv:2: value: posts is a count, and a count is a whole number, got '4.5'" in posts
    )
    assert "Only a metric that is no count may have decimals: percent (share)" in posts
    assert "signatures is a count" in signatures and "'about 10.5'" in signatures
    assert "metrics.csv:4: value: percent is a share from 0 to 100, got '145'" in over
    assert "metrics.csv:5: value: percent is a share from 0 to 100" in words
    assert "metrics.csv:7: metric: unknown code 'percnt'" in code


def test_a_workbooks_percentage_with_decimals_is_read(tmp_path):
    import openpyxl

    from evalkit.record.workbook import folder_to_workbook

    c = small_record(
        tmp_path,
        activities=[act("a1", date="2020-02-10")],
        metrics=["2020-02,percent,30,,,,,,,poll,s", "2020-03,posts,40,,,,,,,,s"],
    )
    book = folder_to_workbook(c.path, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    header = [cell.value for cell in wb["metrics"][1]]
    col = "ABCDEFGHIJKL"[header.index("value")]
    wb["metrics"][f"{col}2"].value = 45.5  # a number cell, as Excel keeps one typed
    wb["metrics"][f"{col}3"].value = 40.5
    wb.save(book)
    problems = _problems(book)
    assert len(problems) == 1, problems
    assert f"metrics!{col}3: value: posts is a count, and a count is a whole number" in problems[0]


# --- an unknown code or id is said with the one it is closest to -----------------------------
def test_misspelt_codes_and_ids_of_a_records_tables_say_which_one_was_meant(tmp_path):
    from conftest import ACT_HEADER

    c = small_record(tmp_path, activities=[act("a1")], metrics=["2020-02,posts,30,,,,,,,,s"])
    activity = act("a1", kind="lobying", channel="in person", scope="nationl", audience="publc")
    (c.path / "activities.csv").write_text(f"{ACT_HEADER}\n{activity}\n", encoding="utf-8")
    rows = [
        "2020-02,hashtag_use,30,,,,,internationl,p-1,,s",
        "2020-02,posts,30,Englsh,,twiter,,,p1,,ss",
        "2020-02,posts,30,الانكليزية,,,,,,,s",
        "2020-02,posts,30,,,,,zzzzzz,,,s",  # close to nothing: no guess
    ]
    (c.path / "metrics.csv").write_text("\n".join([MET_HEADER, *rows]) + "\n", encoding="utf-8")
    said = "\n".join(_problems(c.path))
    for where, field, meant in (
        ("activities.csv:2", "kind: unknown code 'lobying'", "lobbying"),
        ("activities.csv:2", "channel: unknown code 'in person'", "in_person"),
        ("activities.csv:2", "scope: unknown code 'nationl'", "national"),
        ("activities.csv:2", "audience: unknown audience 'publc'", "public"),
        ("metrics.csv:2", "metric: unknown code 'hashtag_use'", "hashtag_uses"),
        ("metrics.csv:2", "scope: unknown code 'internationl'", "international"),
        ("metrics.csv:2", "phase: unknown phase 'p-1'", "p1"),
        ("metrics.csv:3", "language: unknown language 'Englsh'", "English"),
        ("metrics.csv:3", "platform: unknown code 'twiter'", "twitter"),
        ("metrics.csv:3", "source: unknown source 'ss'", "s"),
        ("metrics.csv:4", "language: unknown language 'الانكليزية'", "الإنجليزية"),
    ):
        assert f"{where}: {field} (did you mean '{meant}'?)" in said, (field, said)
    assert "unknown code 'zzzzzz'; expected one of: local, national" in said


def test_misspelt_keys_codes_and_ids_of_campaign_yaml_say_which_one_was_meant(tmp_path):
    c = small_record(
        tmp_path,
        hot_events=[
            {
                "id": "siege",
                "kind": "offensive",
                "description": "the siege",
                "date": "2020-01-01",
                "source": "s",
            }
        ],
    )
    from ruamel.yaml import YAML

    path = c.path / "campaign.yaml"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    data["audiences"][1]["segment"] = "general_publik"
    data["sources"][0]["citaton"] = data["sources"][0].pop("citation")
    data["hot_events"][0]["kind"] = "ofensive"
    data["phases"][0]["trigger"] = "seige"
    data["media_tools"] = {
        "hashtags": [{"text": "#StopIt", "language": "Arabik", "phase": "p-1", "source": "s"}]
    }
    with open(path, "w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(data, fh)
    said = "\n".join(_problems(c.path))
    assert "segment: unknown code 'general_publik' (did you mean 'general_public'?)" in said
    assert "sources[0].citaton: unknown key (did you mean 'citation'?); allowed keys:" in said
    assert "kind: unknown code 'ofensive' (did you mean 'offensive'?)" in said
    assert "trigger: unknown hot event 'seige' (did you mean 'siege'?)" in said
    assert "language: unknown language 'Arabik' (did you mean 'Arabic'?)" in said
    assert "phase: unknown phase 'p-1' (did you mean 'p1'?); known phases: p1" in said


def test_a_workbooks_misspelt_code_and_entry_id_say_which_one_was_meant(tmp_path):
    import openpyxl

    from evalkit.record.workbook import folder_to_workbook

    goals = [
        {
            "id": "stop-it",
            "level": "main",
            "horizon": "long",
            "text": "Stop it.",
            "source": "s",
            "judgements": [
                {
                    "attainment": "partly",
                    "as_of": "2020-06",
                    "evidence": "some",
                    "judged_by": "t",
                    "source": "s",
                }
            ],
        }
    ]
    c = small_record(tmp_path, activities=[act("a1")], goals=goals)
    book = folder_to_workbook(c.path, tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(book)
    header = [cell.value for cell in wb["activities"][1]]
    channel = "ABCDEFGHIJKLMNOPQ"[header.index("channel")]
    wb["activities"][f"{channel}2"].value = "virtaul"
    wb["judgements"]["A2"].value = "stop-itt"
    wb.save(book)
    said = "\n".join(_problems(book))
    assert (
        f"activities!{channel}2: channel: unknown code 'virtaul' (did you mean 'virtual'?)" in said
    )
    assert (
        "judgements!A2: goal: 'stop-itt' is not the id of an entry on the goals sheet "
        "(did you mean 'stop-it'?)" in said
    )


# --- a counted noun after a bound takes the form of the number shown beside it -------------
def _bounded_report(tmp_path, lang: str) -> str:
    from evalkit.render.report import CampaignReport

    c = small_record(
        tmp_path,
        activities=[
            act("a1", events="more than 1"),
            act("a2", events="at most 30", date="2020-02"),
            act("a3", events="about 3", date="2020-03"),
        ],
        media_tools={
            "hashtags": [
                {"text": "#StopIt", "language": "ar", "uses": "at least 1", "source": "s"}
            ],
            "accounts": [
                {
                    "platform": "twitter",
                    "name": "the campaign's account",
                    "language": "en",
                    "posts": "about 1",
                    "followers": "more than 11",
                    "source": "s",
                }
            ],
        },
    )
    report = CampaignReport(str(c.path), "", lang)
    return visible(str(report.grid_table()) + str(report.overview()))


def test_an_english_count_after_a_bound_of_one_is_singular(tmp_path):
    text = _bounded_report(tmp_path, "en")
    for said in ("more than 1 event", "at least 1 use", "about 1 post", "at most 30 events"):
        assert re.search(rf"\b{said}\b", text), said
    assert "about 3 events" in text and "more than 11 followers" in text
    assert not re.search(r"\b(?:than|least|most|about|nearly) 1 [a-z]+s\b", text)


def test_an_arabic_count_after_a_bound_takes_the_form_of_its_number_beside_the_noun(tmp_path):
    text = _bounded_report(tmp_path, "ar")
    # 'at most 30 events': the bound before the number, so that the noun follows its number
    assert "ما لا يزيد على 30 فعالية" in text and "على الأكثر فعالية" not in text
    assert "حوالي 3 فعاليات" in text  # 3 to 10: the plural
    assert "أكثر من 11 متابعاً" in text  # 11 to 99: the singular, accusative
    # a bound of one keeps its number, in the form of many that writes it
    assert "أكثر من 1 فعالية" in text and "ما لا يقل عن 1 استخدام" in text


def test_a_count_shown_with_decimals_takes_the_form_of_many():
    from evalkit.i18n import Msg

    # the form follows the number as the sentence shows it: '1.0' is not the number one
    assert str(Msg("{n} week", "{n} weeks", n=1.0)) == "1.0 weeks"
    assert str(Msg("{n} week", "{n} weeks", n=1)) == "1 week"
    assert Msg("{n} week", "{n} weeks", n=1.0).translated("ar") == "1.0 أسبوع"
    assert str(Msg("{n} week", "{n} weeks", n=Msg("{low}–{high}", low="0", high="1"))) == (
        "0–1 weeks"
    )


# --- the Excel copy's sheets are named at a word boundary ------------------------------------
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_excel_copys_sheet_names_are_cut_at_a_word_and_unique(tmp_path, lang):
    import openpyxl
    from click.testing import CliRunner

    from evalkit.cli import main
    from evalkit.render.office import SHEET_TITLE, html_tables_to_xlsx

    c = small_record(tmp_path, activities=[act("a1"), act("a2", date="2020-02")])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(c.path), "--out", str(out), "--no-progress", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(
        html_tables_to_xlsx(out / "small" / "evaluation.html", tmp_path / "copy.xlsx", lang)
    )
    names = book.sheetnames
    assert len({n.casefold() for n in names}) == len(names) >= 10
    cut = 0
    for name in names:
        heading = " ".join(str(book[name]["A1"].value).replace("?", " ").split())
        assert len(name) <= SHEET_TITLE, name
        words = re.sub(r" \d+$", "", name) if name not in heading else name
        if words.endswith("…"):  # cut short: whole words of the heading, then the mark
            cut += 1
            kept = words.removesuffix("…")
            assert heading.startswith(kept), (name, heading)
            assert heading[len(kept)] in " ,،", (name, heading)  # at a word's end
        else:  # whole
            assert words == heading, (name, heading)
    assert cut >= 3  # the questions' headings are longer than a sheet's name


# --- languages named in the report's language, never by their codes --------------------------
def _languages_report(tmp_path, lang: str) -> str:
    tags = [
        {"text": t, "language": code, "trended": "no", "source": "s"}
        for t, code in (("#StopIt", "en"), ("#HaltIt", "en"), ("#أوقفوها", "ar"), ("#Durdur", "tr"))
    ]
    accounts = [
        {
            "platform": "twitter",
            "name": f"team {team}",
            "language": "kmr",
            "team": team,
            "source": "s",
        }
        for team in ("one", "two")
    ]
    c = small_record(
        tmp_path,
        activities=[act("a1", language="en", audience="dm"), act("a2", language="fr")],
        media_tools={"hashtags": tags, "accounts": accounts},
    )
    from evalkit.render.report import CampaignReport

    grid = CampaignReport(str(c.path), "", lang).grid_table()
    return _report(c.path, lang) + visible(str(grid))


def test_an_english_report_names_languages_never_by_their_codes(tmp_path):
    text = _languages_report(tmp_path, "en")
    # only the group that is split (trial 11, LOW-3: 'Arabic: 1 distinct' competed with none)
    assert "Attention was split over competing hashtags: English: 2 distinct." in text
    assert "Arabic: 1 distinct" not in text and "Turkish: 1 distinct" not in text
    assert "Competing hashtags (English)" in text and "Hashtags that trended (Turkish)" in text
    assert "#Durdur (Turkish; trended: no)" in text
    assert "in the decision makers' languages (English)" in text
    assert "(twitter, kmr)" in text  # a code without a name in CLDR: the code itself
    assert "accounts in kmr run by 2 teams" in text
    assert not re.search(r"(?<![\w#/.-])(?:en|ar|tr|fr)(?:[:;,)]| hashtags)", text), re.findall(
        r".{40}(?<![\w#/.-])(?:en|ar|tr|fr)(?:[:;,)]| hashtags).{20}", text
    )


def test_an_arabic_report_names_languages_in_arabic(tmp_path):
    text = _languages_report(tmp_path, "ar")
    assert "الإنجليزية: عدد الوسوم المتمايزة 2" in text
    assert "العربية: عدد الوسوم المتمايزة 1" not in text
    assert "وسوم متنافسة (الإنجليزية)" in text
    assert "#Durdur (التركية؛" in text
    assert "بلغات صناع القرار (الإنجليزية)" in text
    assert "وسمان متنافسان باللغة الإنجليزية" in text
    assert not re.search(r"(?<![\w#/.-])(?:en|ar|tr|fr)(?:[:;,)؛،]|\s*\))", text), re.findall(
        r".{40}(?<![\w#/.-])(?:en|ar|tr|fr)(?:[:;,)؛،]|\s*\)).{20}", text
    )
