"""What a second new-user trial found a report saying more than its record holds, each
fixed as a class and pinned on a real evaluation of a small record: a hashtag whose trending
is not recorded read as one that did not trend, ..."""

import json

from evalkit import load_campaign as evalkit_load
from evalkit.comparison import fragmentation
from evalkit.evaluation import Evaluation
from evalkit.results.build import results_document, results_json
from evalkit.results.model import CampaignResults
from conftest import SMALL_DECISION_MAKERS, SMALL_PUBLIC, small_record


def _results(campaign) -> CampaignResults:
    """The campaign's results.json as the comparison reads it."""
    return CampaignResults.model_validate(json.loads(results_json(results_document(campaign))))


def _tags(*trended):
    return {
        "hashtags": [
            {"text": f"#Tag{i}", "language": "en", "trended": t, "source": "s"}
            for i, t in enumerate(trended)
        ]
    }


# --- item 2: trending not recorded is not "none" --------------------------------------------
def test_hashtags_whose_trending_is_not_recorded_read_as_not_recorded_not_as_none(tmp_path):
    c = small_record(tmp_path, media_tools=_tags("unknown", "unknown", "unknown"))
    reach = Evaluation(c).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (English)")
    assert cell == "not recorded for 3 of 3"
    trended = reach.criterion("hashtag_trended")
    assert trended.met is None
    assert "0 of" not in str(trended.because) and "not recorded for 3 of 3" in str(trended.because)
    [row] = fragmentation([_results(c)]).to_dict("records")
    assert str(row["trended"]) == "not recorded for 3 of 3"


def test_some_trending_not_recorded_says_how_many_beside_what_is_known(tmp_path):
    c = small_record(tmp_path, media_tools=_tags("yes", "unknown", "no"))
    reach = Evaluation(c).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (English)")
    assert cell == "#Tag0; not recorded for 1 of 3"
    assert reach.criterion("hashtag_trended").met is True
    [row] = fragmentation([_results(c)]).to_dict("records")
    assert str(row["trended"]) == "at least 1; not recorded for 1 of 3"

    (tmp_path / "d").mkdir()
    d = small_record(tmp_path / "d", media_tools=_tags("no", "unknown"))
    reach = Evaluation(d).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (English)")
    assert cell == "none of the 1 with a record; not recorded for 1 of 2"
    assert reach.criterion("hashtag_trended").met is None
    assert str(reach.criterion("hashtag_trended").because) == (
        # none said as none, not as a zero counted out of them
        "the one hashtag with a record did not trend; not recorded for 1 of 2"
    )
    # all recorded: the counts as before
    (tmp_path / "e").mkdir()
    e = small_record(tmp_path / "e", media_tools=_tags("no", "no"))
    [row] = fragmentation([_results(e)]).to_dict("records")
    assert row["trended"] == 0


# --- item 3: a verdict is never shown without its confidence ---------------------------------
# the small record's two audiences, the decision makers reached
_AUDIENCES = [SMALL_DECISION_MAKERS | {"reached": "yes"}, SMALL_PUBLIC]


def _two_small_records(tmp_path, same_name=False):
    """Two small records (question 2 'good' of low confidence), run as a batch; with
    `same_name`, both named 'Small' (their ids differ)."""
    from click.testing import CliRunner
    from evalkit.cli import main

    records = tmp_path / "records"
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        # `accounts: []`: continuity judged on the phases (silence on accounts leaves it
        # open); the decision makers reached: 'most targeted audiences reached' judged (with
        # their reach not recorded, 1 of 2 reached could be most or not)
        small_record(tmp_path / name, media_tools={"accounts": []}, audiences=_AUDIENCES)
        text = (tmp_path / name / "small" / "campaign.yaml").read_text(encoding="utf-8")
        records.mkdir(exist_ok=True)
        (tmp_path / name / "small").rename(records / name)
        (records / name / "campaign.yaml").write_text(
            text.replace("id: small", f"id: small-{name}").replace(
                "en: Small", "en: Small" if same_name else f"en: Small {name}"
            ),
            encoding="utf-8",
        )
    return records, lambda *args: CliRunner().invoke(main, [*args, "--no-progress"])


def _text(path):
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for t in soup(["script", "style"]):
        t.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_every_summary_of_a_verdict_carries_its_confidence(tmp_path):
    records, run = _two_small_records(tmp_path)
    c = evalkit_load(records / "a")
    q2 = Evaluation(c).questions[2].verdict
    # the case the trial met (good of low confidence), now said as the range it is: 2 of 2
    # judgeable criteria met, 2 of 7 were the 5 unjudged unmet (weak)
    assert (q2.floor, q2.level, q2.confidence) == ("weak", "good", "low")
    out = tmp_path / "out"
    result = run("run-all", str(records), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    page = _text(out / "small-a" / "evaluation.html")
    five = page.split("In five lines ¶", 1)[1].split("The five questions at a glance", 1)[0]
    assert "2 reach weak to good (low confidence)" in five  # the strip
    assert "2 reach: weak to good (low confidence)" in five  # the verdicts line
    assert "Reach weak to good (low confidence)," in five
    # never the range's top alone, nor a level without its confidence
    assert "reach good" not in five and "reach: good" not in five
    assert "Reach weak to good," not in five
    index = _text(out / "index.html")
    assert index.count("2 reach weak to good (low confidence)") == 2
    assert "2 reach good" not in index
    comparative = _text(out / "comparative.html")
    assert "reach weak to good ×2 (low confidence)" in comparative
    assert (
        "Was the audience reached? weak to good (low confidence) weak to good (low confidence)"
        in comparative
    )
    # Q2 beside Q3
    assert "Small a weak to good (low confidence) insufficient evidence" in comparative
    # its main goal has no judgement: not listed as reaching its audience but failing its goal
    assert "Small a: weak to good (low confidence)" not in comparative
    data = json.loads((out / "small-a" / "results.json").read_text(encoding="utf-8"))
    assert {k: data["questions"]["2"][k] for k in ("verdict", "verdict_floor", "confidence")} == {
        "verdict": "good",
        "verdict_floor": "weak",
        "confidence": "low",
    }

    ar = tmp_path / "ar"
    result = run("run-all", str(records), "--out", str(ar), "--jobs", "2", "--lang", "ar")
    assert result.exit_code == 0, result.output
    for page in (ar / "small-a" / "evaluation.html", ar / "index.html", ar / "comparative.html"):
        assert "من ضعيف إلى جيد (مستوى الثقة منخفض)" in _text(page), page


# --- item 4: a day count between vague dates is a range, never a day picked -----------------
def test_days_from_launch_between_vague_dates_are_a_range_not_the_earliest_day(tmp_path):
    from evalkit.evaluation import DecisionMakersReached

    c = small_record(
        tmp_path,
        phases=[{"id": "p1", "name": "one", "start": "2020-01", "end": "2020-06", "source": "s"}],
        engagements=["2020-02..2020-03,UN Security Council,UN,letter,none,,s"],
    )
    q = DecisionMakersReached(c)
    # the launch: 2020-01-01 to 2020-01-31; the letter: 2020-02-01 to 2020-03-31 — 1 to 90
    # days after (the earliest days' difference, 31, was shown before)
    assert list(q.table["days from launch"]) == ["1 to 90"]
    said = next(str(v) for n, v, _ in q.indicators if n.startswith("Days from launch"))
    assert said.startswith("1 to 90 days") and "earliest day" not in said
    exact = small_record(
        tmp_path / "exact" if (tmp_path / "exact").mkdir() is None else tmp_path,
        engagements=["2020-01-20,UN Security Council,UN,letter,none,,s"],
    )
    q = DecisionMakersReached(exact)
    assert list(q.table["days from launch"]) == ["19"]
    assert next(str(v) for n, v, _ in q.indicators if n.startswith("Days from")) == "19 days"


def test_continuity_is_not_met_when_the_dates_allow_a_gap_over_30_days(tmp_path):
    c = small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "one", "start": "2014", "end": "2014", "source": "s"},
            {"id": "p2", "name": "two", "start": "2015", "end": "2016", "source": "s"},
        ],
    )
    reach = Evaluation(c).questions[2]
    gaps = next(str(v) for n, v, _ in reach.indicators if n == "Gaps between phases")
    assert gaps == "one → two: 0–728 days"
    continuity = reach.criterion("continuity")
    assert continuity.met is None  # not met, not failed: the dates cannot tell
    assert "the dates allow 1 gap to be longer (one → two: 0–728 days)" in str(continuity.because)


def test_lateness_after_a_vague_deadline_is_the_span_the_dates_allow(tmp_path):
    goal = {
        "id": "main",
        "level": "main",
        "horizon": "long",
        "text": "Stop it.",
        "indicator": "i",
        "target": "t",
        "deadline": "2016",
        "source": "s",
        "judgements": [
            {
                "attainment": "achieved",
                "as_of": "2021",
                "attained": "2017",
                "evidence": "e",
                "judged_by": "t",
                "source": "s",
            }
        ],
    }
    # the campaign began before its deadline (an attainment before the launch is not its own)
    phases = [
        {
            "id": "p1",
            "name": "Phase 1",
            "start": "2015-01-01",
            "end": "2015-12-31",
            "source": "s",
        }
    ]
    q3 = Evaluation(small_record(tmp_path, goals=[goal], phases=phases)).questions[3]
    c = q3.criterion("main_goal_on_time")
    # 2017 is 1 day (2017-01-01 after 2016-12-31) to 1 year after 2016: not "1 day"
    assert c.met is False and "attained 2017, 1 day to 1 year after its deadline" in str(c.because)


# --- item 5: two records of one name are two campaigns in comparative.json ------------------
def test_comparative_json_keeps_both_campaigns_of_one_name(tmp_path):
    import warnings

    from evalkit.results.model import read_results_dir
    from evalkit.run.pipeline import comparative_data

    records, run = _two_small_records(tmp_path, same_name=True)
    out = tmp_path / "out"
    result = run("run-all", str(records), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "comparative.json").read_text(encoding="utf-8"))
    assert data["campaigns"] == ["small-a", "small-b"]
    # each verdict row names its campaign, told apart by its id
    assert {(v["campaign"], v["id"]) for v in data["verdicts"]} == {
        ("Small (small-a)", "small-a"),
        ("Small (small-b)", "small-b"),
    }
    assert len(data["verdicts"]) == 10
    # the side-by-side grid: a column per campaign, none merged
    assert {"Small (small-a)", "Small (small-b)"} <= set(data["grid"][0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "DataFrame columns are not unique" was a warning
        comparative_data(read_results_dir(out))


# --- item 6: a folder of a batch that is not a record is named, with why --------------------
def test_a_batch_names_each_folder_it_skips_and_why(tmp_path):
    from click.testing import CliRunner
    from evalkit.cli import main

    records = tmp_path / "records"
    (tmp_path / "a").mkdir()
    small_record(tmp_path / "a")
    records.mkdir()
    (tmp_path / "a" / "small").rename(records / "good")
    tables = records / "no-yaml"  # the tables without their campaign.yaml
    tables.mkdir()
    for name in ("activities.csv", "metrics.csv"):
        (tables / name).write_text((records / "good" / name).read_text())
    cased = records / "cased"  # the record's file under another name
    cased.mkdir()
    (cased / "Campaign.YAML").write_text((records / "good" / "campaign.yaml").read_text())
    (records / ".git").mkdir()  # hidden folders are no one's records

    result = CliRunner().invoke(main, ["validate", str(records)])
    out = result.output
    assert f"{tables}: skipped, not a record: no campaign.yaml in it, beside its tables" in out
    assert f"{cased}: skipped, not a record: no campaign.yaml in it (it holds Campaign.YAML" in out
    assert ".git" not in out
    assert "1 of 1 record(s) valid; 2 folders skipped, not a record (cased, no-yaml)" in out
    assert result.exit_code == 1

    run = CliRunner().invoke(
        main, ["run-all", str(records), "--out", str(tmp_path / "out"), "--no-progress"]
    )
    assert f"{tables}: skipped, not a record" in run.output
    assert "2 folders skipped, not a record (cased, no-yaml)" in run.output.splitlines()[-1]
    assert run.exit_code == 2  # the two skipped folders; the record itself ran
    assert (tmp_path / "out" / "small" / "evaluation.html").is_file()


# --- item 7: a workbook's missing field is located in its own column ------------------------
def test_a_missing_field_on_a_workbook_sheet_points_at_its_own_cell(tmp_path):
    from openpyxl import load_workbook

    import evalkit
    from evalkit.record.workbook import folder_to_workbook

    small_record(tmp_path)
    book = folder_to_workbook(tmp_path / "small", tmp_path / "small.xlsx")
    wb = load_workbook(book)
    header = [c.value for c in wb["phases"][1]]
    start = header.index("start") + 1
    wb["phases"].cell(row=2, column=start).value = None
    wb.save(book)
    _, problems = evalkit.check_record(book)
    said = [str(p) for p in problems]
    letter = "ABCDEFGH"[start - 1]
    assert f"phases!{letter}2: start: required field is missing" in said, said
    assert letter != "A"


# --- item 7: a title's other name keeps its brackets on screen ------------------------------
_LINES = """() => {
  // the title's characters as a reader sees them: line by line, left to right, each
  // bracket drawn mirrored where it is laid out right to left
  const h = document.querySelector('h1'), r = document.createRange(), out = [];
  const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  const mirror = {'(': ')', ')': '('};
  let n;
  while ((n = walk.nextNode())) {
    const rtl = getComputedStyle(n.parentElement).direction === 'rtl';
    for (let i = 0; i < n.length; i++) {
      r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect();
      const c = n.data[i];
      if (b.width > 0) out.push([Math.round(b.top / 10), b.left, rtl && mirror[c] || c]);
    }
  }
  out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lines = [];
  let top = null;
  for (const [t, , c] of out) {
    if (t !== top) { lines.push(''); top = t; }
    lines[lines.length - 1] += c;
  }
  return lines.map(l => l.trim());
}"""


def test_a_latin_name_ending_in_a_bracket_reads_whole_in_an_arabic_title(tmp_path, browser):
    from click.testing import CliRunner
    from evalkit.cli import main

    c = small_record(
        tmp_path, name={"en": "Water for Tal Abyad (simulated)", "ar": "مياه (محاكاة)"}
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(c.path), "--out", str(out), "--lang", "ar", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    page.goto((out / "small" / "evaluation.html").as_uri())
    for width in (1280, 900, 600, 360):  # on one line, and wrapped at a phone's width
        page.set_viewport_size({"width": width, "height": 800})
        lines = page.evaluate(_LINES)
        name = "(Water for Tal Abyad (simulated))"  # whole, its brackets with it
        if len(lines) == 1:  # left of the Arabic, as a right-to-left line puts it
            assert lines[0] == name + " (ةاكاحم) هايم :مييقت", (width, lines)
        else:  # wrapped: the Arabic line keeps no bracket of the name's
            assert lines[0] == "(ةاكاحم) هايم :مييقت", (width, lines)
            assert " ".join(lines[1:]) == name, (width, lines)
    page.close()


# --- item 8: convert keeps campaign.yaml's comments and the paper's grid --------------------
def test_convert_to_a_workbook_and_back_keeps_the_comments_and_the_paper_grid(tmp_path):
    from click.testing import CliRunner

    from evalkit.cli import main
    from evalkit.record.comments import yaml_comments

    c = small_record(tmp_path)
    folder = c.path
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert "evaluator: tester\n" in text and "\nphases:\n" in text
    text = "# SIMULATED record: invented campaign, invented data.\n" + text.replace(
        "evaluator: tester\n", "evaluator: tester  # a test, not a person\n"
    ).replace("\nphases:\n", "\n# the only phase\nphases:\n")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    (folder / "paper_grid.csv").write_text("dimension,item,entry\nGoals,main,Stop it\n")
    runner = CliRunner()
    book, back = tmp_path / "small.xlsx", tmp_path / "back"
    assert runner.invoke(main, ["convert", str(folder), str(book)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(book), str(back)]).exit_code == 0
    written = (back / "campaign.yaml").read_text(encoding="utf-8")
    assert written.startswith("# SIMULATED record: invented campaign, invented data.\n")
    assert "evaluator: tester  # a test, not a person\n" in written
    # each beside the entry it stood by, though the file is laid out afresh
    assert (
        set(yaml_comments(written))
        == set(yaml_comments(text))
        == {
            ("", "start", "SIMULATED record: invented campaign, invented data."),
            ("evaluator", "after", "a test, not a person"),
            ("phases", "before", "the only phase"),
        }
    )
    assert (back / "paper_grid.csv").read_text() == "dimension,item,entry\nGoals,main,Stop it\n"
    assert runner.invoke(main, ["validate", str(back)]).exit_code == 0
