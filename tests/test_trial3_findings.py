"""Findings of a new-user trial that ran evalkit on campaign records nobody here had seen:
what the comparative report and question 2 said of them, each fixed as a class and pinned on
real runs of small records, in English and Arabic."""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import SMALL_PUBLIC, act, run_all_in_both_languages, small_record

ACTS = [act(f"a{i}") for i in range(6)]
RAID = {"id": "raid", "kind": "offensive", "description": "A raid", "source": "s"}


def _record(root: Path, id: str, name: str, series: list[str] = (), **yaml) -> None:
    """A small valid record `id` under `root` (its series.csv rows, if any)."""
    work = root / f"_{id}"
    work.mkdir(parents=True)
    small_record(work, id=id, name={"en": name, "ar": name}, **yaml)
    folder = work / "small"
    if series:
        (folder / "series.csv").write_text(
            "\n".join(["date,metric,value,measures,source", *series]) + "\n", encoding="utf-8"
        )
    shutil.move(str(folder), root / id)
    shutil.rmtree(work)


def _batch(root: Path) -> Path:
    """Records whose counts are anywhere but metrics.csv, and whose first launches stand to
    the hot events in each way a launch can."""
    records = root / "records"
    records.mkdir()
    # counts in campaign.yaml only; launched at an offensive (reactive)
    _record(
        records,
        "yaml-counts",
        "YAML counts",
        activities=ACTS,
        media_tools={
            "hashtags": [{"text": "#Keep", "language": "ar", "uses": "about 5000", "source": "s"}],
            "accounts": [
                {
                    "platform": "twitter",
                    "name": "@keep",
                    "language": "ar",
                    "followers": 1200,
                    "source": "s",
                }
            ],
        },
        coalitions=[{"id": "c", "name": "Keep Coalition", "size": "more than 30", "source": "s"}],
        hot_events=[{**RAID, "date": "2020-01-01"}],
    )
    # counts in series.csv only; the only offensive long before the start (independent)
    _record(
        records,
        "series-counts",
        "Series counts",
        activities=ACTS,
        series=[f"2020-01-{d:02d},signatures,{100 + 7 * d},reach,s" for d in range(1, 29)],
        hot_events=[{**RAID, "date": "2019-06-01"}],
    )
    # counts in activities.csv only; started before a foreseeable offensive (anticipated)
    _record(
        records,
        "activity-counts",
        "Activity counts",
        activities=[*ACTS[:5], ACTS[5].replace(",,,,s", ",about 3000,,,s")],
        hot_events=[{**RAID, "date": "2020-01-20", "foreseeable_from": "2019-12"}],
    )
    # no count anywhere; timed to a vote foreseen months ahead (planned)
    _record(
        records,
        "no-counts",
        "No counts",
        activities=ACTS,
        hot_events=[
            {
                "id": "vote",
                "kind": "vote",
                "description": "The council votes",
                "date": "2020-01-03",
                "foreseeable_from": "2019-09",
                "source": "s",
            }
        ],
    )
    # no hot event at all
    _record(records, "no-events", "No events", activities=ACTS)
    return records


@pytest.fixture(scope="module")
def trial_reports(tmp_path_factory) -> dict[str, Path]:
    """`evalkit run-all` of the batch, in English and in Arabic."""
    root = tmp_path_factory.mktemp("trial3")
    return run_all_in_both_languages(_batch(root), root)


def _text(fragment: str) -> str:
    plain = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return " ".join(re.sub("[\u200e\u200f\u2066-\u2069]", "", plain).split())


def _row(page: str, section: str, campaign: str) -> list[str]:
    """The cells of `campaign`'s row in the table under the heading `section`."""
    table = page[page.index(f'id="{section}"') :]
    table = table[: table.index("</table>")]
    row = re.search(rf'<tr><td><a href="{campaign}/evaluation.html">.*?</tr>', table).group(0)
    return [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def _summary_line(page: str, start: str) -> str:
    """The line of the comparison's summary that starts with `start`."""
    lines = [_text(li) for li in re.findall(r"<li>(.*?)</li>", page, re.S)]
    (line,) = [li for li in lines if li.startswith(start)]
    return line


def _comparative(reports: dict[str, Path], lang: str) -> str:
    return (reports[lang] / "comparative.html").read_text(encoding="utf-8")


# --- the comparison's largest counts: read wherever a record holds them -----------------------
def test_the_largest_counts_are_read_from_campaign_yaml_series_and_activities(trial_reports):
    page = _comparative(trial_reports, "en")
    section = "Reach-against-outcome"
    largest = {
        id: _row(page, section, id)[-1]
        for id in ("yaml-counts", "series-counts", "activity-counts", "no-counts")
    }
    assert largest["yaml-counts"] == (
        "about 5,000 hashtag uses (#Keep, campaign.yaml media_tools.hashtags[0]); 1,200 "
        "followers (account @keep, campaign.yaml media_tools.accounts[0]); more than 30 "
        "members (coalition Keep Coalition, campaign.yaml coalitions[c])"
    )
    assert largest["series-counts"] == (
        "the series 'signatures' at its highest: 296 (2020-01-28; series.csv)"
    )
    assert largest["activity-counts"] == (
        "about 3,000 participants (activity a5 in activities.csv, 2020-01)"
    )
    # none anywhere: it says where it looked, never a bare "none"
    assert largest["no-counts"] == (
        "none recorded in metrics.csv; activities.csv (participants, foreign participants, "
        "events); campaign.yaml (hashtag uses, accounts' followers and posts, coalition "
        "sizes); series.csv (series that measure reach)"
    )
    # each campaign's own evaluation leads its reach line with the same counts
    summary = _text(
        (trial_reports["en"] / "yaml-counts" / "evaluation.html").read_text(encoding="utf-8")
    )
    assert (
        "largest counts: about 5,000 hashtag uses (#Keep, campaign.yaml media_tools.hashtags[0])"
    ) in summary


def test_the_largest_counts_cell_in_arabic_names_the_counts_and_where_it_looked(trial_reports):
    page = _comparative(trial_reports, "ar")
    section = "Reach-against-outcome"
    yaml_counts = _row(page, section, "yaml-counts")[-1]
    assert "حوالي 5,000 استخدام للوسم (#Keep، campaign.yaml media_tools.hashtags[0])" in yaml_counts
    assert "متابع (الحساب @keep، campaign.yaml media_tools.accounts[0])" in yaml_counts
    # the series' name is the evaluator's own word, never translated
    assert _row(page, section, "series-counts")[-1] == (
        "السلسلة «signatures» في أعلى قيمها: 296 (2020-01-28؛ series.csv)"
    )
    assert _row(page, section, "no-counts")[-1] == (
        "لا أعداد مسجلة في metrics.csv، ولا في activities.csv (المشاركون، المشاركون الأجانب، "
        "الفعاليات)، ولا في campaign.yaml (استخدامات الوسوم، متابعو الحسابات ومنشوراتها، "
        "أحجام الائتلافات)، ولا في series.csv (السلاسل التي تقيس الوصول)"
    )


def test_an_older_results_json_says_its_counts_are_metrics_csvs_alone(trial_reports, tmp_path):
    from evalkit.comparison import load_results, reach_against_outcome

    # a results.json written before the rest of the record was read: no such field
    shutil.copytree(trial_reports["en"] / "no-counts", tmp_path / "no-counts")
    path = tmp_path / "no-counts" / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["facts"]["largest_counts_whole_record"]
    path.write_text(json.dumps(data), encoding="utf-8")
    (cell,) = reach_against_outcome(load_results(tmp_path))["largest counts recorded"]
    assert str(cell).startswith("none in metrics.csv (its results.json was written before")


# --- the launch-timing sentence: every campaign in one group ---------------------------------
def test_the_launch_sentence_accounts_for_every_campaign(trial_reports):
    line = _summary_line(_comparative(trial_reports, "en"), "First launches")
    assert line == (
        "First launches reactive to a hot event: 1 of 5 (YAML counts); "
        "timed to a scheduled event foreseeable in advance (planned): No counts; "
        "started before the hot event (anticipated it): Activity counts; "
        "independent of the hot events recorded (none that sets a campaign off within 30 "
        "days of the start, none linked to it): Series counts; "
        "no hot event that sets a campaign off is recorded: No events."
    )


def test_the_arabic_launch_sentence_accounts_for_every_campaign(trial_reports):
    line = _summary_line(_comparative(trial_reports, "ar"), "انطلاقات أولى")
    for said in (
        "1 من 5 (YAML counts)",
        "في موعد حدث مقرر كان متوقعاً مسبقاً (مخطط لها): No counts",
        "بدأت قبل الحدث الساخن (استبقته): Activity counts",
        "مستقلة عن الأحداث الساخنة المسجلة (لا حدث مما يُطلق حملةً خلال 30 يوماً من البداية، "
        "ولا حدث مربوط بها): Series counts",
        "لم يُسجَّل حدث ساخن مما يُطلق حملةً: No events",
    ):
        assert said in line, (said, line)


# --- question 2: "most targeted audiences were reached" on a few audiences --------------------
def _audiences(n: int) -> list[dict]:
    """`n` targeted audiences, each reached (the activities' audience `public` first)."""
    return [SMALL_PUBLIC | {"id": "public" if i == 0 else f"public-{i}"} for i in range(n)]


@pytest.mark.parametrize("audiences, held", [(1, True), (4, True), (5, False)])
def test_most_targeted_audiences_reached_over_few_audiences_holds_the_confidence_at_low(
    tmp_path, audiences, held
):
    from evalkit.evaluation import Evaluation

    # 6 activities, each with an effort level and a language, a hashtag and the media (not
    # targeted) with a known reach, so that most criteria are judged: only the audiences are few
    media = {**_audiences(1)[0], "id": "press", "segment": "media", "targeted": "no"}
    hashtag = {"text": "#Keep", "language": "ar", "trended": "no", "source": "s"}
    record = small_record(
        tmp_path,
        activities=ACTS,
        audiences=[*_audiences(audiences), media],
        # `accounts: []`: the campaign had none, so continuity is judged on the phases alone
        # (a record silent on accounts leaves it 'cannot be judged')
        media_tools={"hashtags": [hashtag], "accounts": []},
    )
    q2 = Evaluation(record).questions[2]
    most = q2.criterion("targeted_audiences_reached")
    assert most.met is True
    v = q2.verdict
    if held:
        assert v.confidence == "low"
        assert str(v.confidence_reason) == (
            f"'Most targeted audiences were reached (yes or partly)' is a share of "
            f"{audiences} recorded item{'s' if audiences > 1 else ''} (fewer than 5: one more "
            "or fewer would move a share of them by more than 20 points)"
        )
    else:
        # not held by the share of few audiences; (its arena and foreign public unjudged,
        # it is the range fair to good, of low confidence for that reason alone)
        assert v.confidence_reason == ""
        assert (v.floor, v.level) == ("fair", "good")


def test_the_report_says_most_audiences_reached_cannot_be_judged_on_one_of_two_known(
    trial_reports,
):
    # each batch record has two targeted audiences, one reached, the other's reach unknown:
    # 'most' may hold or not, so it is not judged (before: 'met', a share of 1 recorded item
    # holding the confidence at low; the share rule's sentence is pinned above)
    english = _text(
        (trial_reports["en"] / "yaml-counts" / "evaluation.html").read_text(encoding="utf-8")
    )
    # the criteria table's cells: its name, its result, why
    assert (
        "Most targeted audiences were reached (yes or partly)cannot be judged1 of 1 targeted "
        "audience with a known reach: public: reached; reach not recorded for 1 more targeted "
        "audience"
    ) in english
    arabic = _text(
        (trial_reports["ar"] / "yaml-counts" / "evaluation.html").read_text(encoding="utf-8")
    )
    assert "ولم يُسجَّل الوصول إلى جمهور مستهدف آخر" in arabic


def test_reached_their_audience_but_not_their_main_goal_names_only_goals_judged_not_achieved(
    trial_reports,
):
    # before: a campaign whose main goal had no judgement was listed as having failed it
    from evalkit.comparison import load_results
    from evalkit.comparison.summary import summary_lines

    [results] = [r for r in load_results(trial_reports["en"]) if r.facts.main_goal][:1]
    results.questions["2"].verdict = "fair"

    def line(attainment):
        for g in results.facts.main_goal:
            g.attainment = attainment
        said = [str(s) for s in summary_lines([results]) if "Reached their audience" in str(s)]
        return said[0] if said else None

    assert line("unknown") is None  # not yet judged: no failure anyone recorded
    assert "(judged not achieved)" in line("not_achieved")
    assert line("partly") is None
