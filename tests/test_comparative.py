"""The main job end to end: four evaluations, the comparative report that replicates the
paper, the landing page; batch failures, determinism, atomic writes, a real browser."""

import hashlib
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from evalkit.cli import main
from evalkit.results.model import SCHEMA_VERSION
from evalkit.comparison import (
    CLAIMS,
    computed_counts,
    load_results,
    replication_items,
    replication_table,
)
from evalkit.i18n import localized
from evalkit.run.pipeline import evaluate
from conftest import CASE_IDS, CASE_STUDIES, edit


def test_run_all_writes_every_evaluation_the_comparison_and_the_index(case_reports):
    for case in CASE_IDS:
        for name in ("evaluation.ipynb", "evaluation.html", "results.json"):
            assert (case_reports / case / name).is_file()
    for name in ("comparative.html", "comparative.ipynb", "index.html"):
        assert (case_reports / name).is_file()


def test_results_json_carries_schema_version_content_hash_and_evalkit_version(case_reports):
    from evalkit import __version__, load_campaign

    r = json.loads((case_reports / "caesar" / "results.json").read_text())
    assert r["schema_version"] == SCHEMA_VERSION == 5 and r["evalkit_version"] == __version__
    assert r["record_content_hash"] == load_campaign(CASE_STUDIES / "caesar").content_hash
    assert len(r["record_content_hash"]) == 64


def test_comparative_report_has_every_section(case_reports):
    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    for heading in (
        "The paper's grid, side by side",
        "The five questions, side by side",
        "Mobilisation across the campaigns",
        "Hashtag fragmentation",
        "Reactive or designed launches",
        "Reach against outcome",
        "Mobilisation, advocacy and lobbying against main-goal attainment",
    ):
        assert f">{heading}<a" in page, heading
    # sections shown only when they apply: the paper's sequence and the paper's claims
    for heading in ("Did each campaign build on the last?", "Replicating the paper"):
        assert f">{heading}<a" in page, heading
    assert "CampaignReport" not in page and "ComparativeReport(" not in page


def _replication(case_reports):
    t = replication_table(load_results(case_reports))
    return dict(zip(t["claim"], zip(t["result"], t["evalkit computed"])))


def test_replication_says_cannot_where_the_records_cannot_test_the_paper(case_reports):
    claims = _replication(case_reports)
    status, computed = claims["X3"]  # the decline was observed, not counted (fn 55)
    assert status == "cannot be computed"
    assert "at least 5.9 per week" in computed and "at least 35 per week" in computed
    assert "Idlib has no counted stand figure" in computed and "fn 55" in computed
    assert claims["X4"][0] == "cannot be computed"  # foreign participation never counted
    # names are not identities: a shared name is not a partnership carried over
    assert claims["X2"][0] == "cannot be computed"
    # Ghouta's other-language entries stand for an unknown number of pages (fn 76: "each")
    assert claims["X6"][0] == "cannot be computed"
    assert "save-ghouta: 4 entries for accounts in another language, 4 of them" in claims["X6"][1]
    # a Caesar finding: the records do not attribute the Act to one kind of activity
    assert claims["X10"][0] == "cannot be computed" and "together with" in claims["X10"][1]
    for claim in ("X11", "X12", "X13", "X14", "X15", "X16"):
        assert claims[claim][0] == "cannot be computed", (claim, claims[claim])


def test_replication_agrees_where_the_data_supports_the_paper(case_reports):
    claims = _replication(case_reports)
    for claim in ("X1", "X7", "C1", "C2", "C4", "G1", "I1"):
        assert claims[claim][0] == "agrees", (claim, claims[claim])
    # "Idlib ... none trended": Idlib's record does not say whether its Arabic hashtags
    # trended, so none trending cannot be read from it (a not-recorded is not a "no")
    assert claims["X5"][0] == "cannot be computed", claims["X5"]
    assert "whether they trended not recorded for 3" in claims["X5"][1]
    # Aleppo's and Ghouta's first launches: the dates allow 70 (90) days before the
    # offensive to 29 (60) after, so whether they were reactive cannot be told (issue 19)
    for claim in ("X8", "A1"):
        assert claims[claim][0] == "cannot be computed", (claim, claims[claim])
    assert "aleppo-is-burning: before or at the hot event" in claims["X8"][1]
    assert "UNICEF, White Helmets" in claims["X2"][1]  # Ghouta -> Idlib shared partners


def test_comparative_runs_under_plain_papermill_from_results_only(case_reports, tmp_path):
    import papermill as pm
    from evalkit.run.templates import template_path

    copy = tmp_path / "results"
    for case in ("save-ghouta", "caesar"):
        (copy / case).mkdir(parents=True)
        shutil.copy(case_reports / case / "results.json", copy / case / "results.json")
    out = tmp_path / "c.ipynb"
    pm.execute_notebook(
        str(template_path("comparative.ipynb")),
        str(out),
        parameters={"results_dir": str(copy)},
        kernel_name="python3",
        progress_bar=False,
    )
    assert "Save Ghouta" in out.read_text(encoding="utf-8")


def test_index_lists_each_record_with_its_status(case_reports):
    page = (case_reports / "index.html").read_text(encoding="utf-8")
    for case in CASE_IDS:
        assert f'href="{case}/evaluation.html"' in page
        assert f'href="{case}/record.html"' in page
    assert 'href="comparative.html"' in page and "evalkit" in page


def test_the_index_is_a_dashboard_of_verdicts_goals_and_run_status(case_reports):
    """One row per campaign: the five verdict tiles in words, dates, the main goal and its
    attainment, the as-of date, links, and the run's status apart from the verdicts."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((case_reports / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.td.get_text(strip=True): tr for tr in page.select("table.dashboard tbody tr")}
    for case in CASE_IDS:
        results = json.loads((case_reports / case / "results.json").read_text())
        row = rows[results["record"]["name_en"]]
        tiles = [li.get_text(" ", strip=True) for li in row.select("ul.tiles li")]
        assert len(tiles) == 5
        for n, tile in enumerate(tiles, start=1):
            q = results["questions"][str(n)]
            level = q["verdict"] or "insufficient evidence"
            said = f"{level} ({q['confidence']} confidence)" if q["confidence"] else level
            assert tile.startswith(str(n)) and tile.endswith(said)  # never the level alone
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        # the dates as the record writes them, never the days a vague date allows
        facts = results["facts"]
        said = [localized(facts[k], "en") for k in ("start_said", "end_said")]
        assert cells[1] == " – ".join(said)  # 'late 2017 – between 2019-02 and 2021-04'
        assert results["facts"]["main_goal"][0]["text"][:25] in cells[3]
        assert cells[4] == "everything recorded"
        assert cells[6] == "written by this run"  # status, never a verdict word
    assert not page.find(string="ok")


def test_batch_reports_a_failing_record_and_the_others_go_on(record, tmp_path):
    edit(record / "campaign.yaml", "level: interim ", "level: intrim ")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "run",
            str(record),
            str(CASE_STUDIES / "caesar"),
            str(CASE_STUDIES / "save-ghouta"),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--no-progress",
        ],
    )
    assert result.exit_code == 1  # one failure
    assert "invalid record" in result.output and "intrim" in result.output
    assert (out / "caesar" / "results.json").is_file()
    assert (out / "save-ghouta" / "results.json").is_file()
    index = (out / "index.html").read_text()
    assert 'class="invalid"' in index


def test_the_comparison_of_a_run_says_which_of_its_records_it_leaves_out(record, tmp_path):
    # trial 14, M5: "1 campaign: …", silent that the run's other records had failed
    edit(record / "campaign.yaml", "level: interim ", "level: intrim ")
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.move(str(record), folder / "broken")
    shutil.copytree(CASE_STUDIES / "caesar", folder / "caesar")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run-all", str(folder), "--out", str(out), "--no-progress"])
    assert result.exit_code == 1, result.output
    page = (out / "comparative.html").read_text(encoding="utf-8")
    assert (
        "Left out: 1 record of the same run could not be evaluated (broken); the index says why."
        in page
    )


@pytest.mark.slow
def test_rerunning_unchanged_inputs_gives_identical_results_json(tmp_path):
    evaluate(CASE_STUDIES / "idlib-under-fire", tmp_path / "a")
    evaluate(CASE_STUDIES / "idlib-under-fire", tmp_path / "b")
    a = (tmp_path / "a" / "idlib-under-fire" / "results.json").read_bytes()
    b = (tmp_path / "b" / "idlib-under-fire" / "results.json").read_bytes()
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest()


@pytest.mark.slow
def test_a_run_killed_mid_way_leaves_the_earlier_report_whole(tmp_path):
    out = tmp_path / "reports"
    assert evaluate(CASE_STUDIES / "save-ghouta", out).status == "ok"
    folder = out / "save-ghouta"

    def files():  # the report's files, its copy of the record included
        return {
            str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()
        }

    before = files()
    code = (
        f"from evalkit.run.pipeline import evaluate; "
        f"evaluate({str(CASE_STUDIES / 'save-ghouta')!r}, {str(out)!r})"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".staging-*")) and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the evaluation ended before it could be killed"
    time.sleep(1.0)  # the kernel is running the notebook now
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert files() == before


def test_reports_open_in_a_real_browser_without_script_errors(case_reports, browser):
    errors = []
    page = browser.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((case_reports / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Campaign evaluations"
    page.click("a[href='caesar/evaluation.html']")
    headings = page.locator("h2").all_inner_texts()
    for expected in (
        "The campaign",
        "The paper's grid",
        "1. Is the right audience targeted?",
        "5. Are the tactics used useful?",
        "The paper's checklist",
        "What to do next",
    ):
        assert any(h.startswith(expected) for h in headings), (expected, headings)
    assert page.locator("figure.chart").count() >= 6 and page.locator("img").count() >= 1
    assert page.evaluate("() => [...document.images].every(i => i.naturalWidth > 0)")
    bar = page.locator("figure.chart .bar").first.bounding_box()
    assert bar is not None and bar["height"] > 0  # the CSS bars are drawn
    # navigation: contents link to the sections, links back to the index and files
    toc = page.locator("nav.toc a").all_inner_texts()
    assert "2. Was the audience reached?" in toc and "What to do next" in toc
    assert page.locator("a[href='../index.html']").count() == 1
    assert page.locator("a[href='results.json']").count() == 1
    # a phone (390 px): tables scroll inside their box, the page never scrolls sideways
    phone = browser.new_page(viewport={"width": 390, "height": 800})
    for url in (case_reports / "caesar" / "evaluation.html", case_reports / "comparative.html"):
        phone.goto(url.as_uri())
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, (url.name, width)
    assert errors == []


def test_comparative_report_opens_with_summary_and_heat_map_and_ends_with_the_grid(case_reports):
    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    order = [
        page.index(marker)
        for marker in (
            ">In a few lines<a",
            'alt="verdicts heat map"',
            ">Reach against outcome<a",
            ">Replicating the paper<a",
            ">The paper's grid, side by side<a",
        )
    ]
    assert order == sorted(order)
    # the long grid is folded (its button's words marked, for the Word copy to leave out)
    assert '<details><summary class="click">Show the table' in page[order[-1] :]


def test_comparative_summary_is_computed_from_the_results(case_reports):
    from evalkit.comparison import summary_lines

    results = load_results(case_reports)
    said = "\n".join(summary_lines(results))
    # the evaluators' recorded attainments: only Caesar's main goal reached, in part
    assert (
        "Main goal achieved at least in part (the evaluators' judgements): "
        "The Caesar campaigns (detainees);"
    ) in said
    # computed launch timing: the three military campaigns launched at their hot events
    assert "First launches reactive to a hot event: 1 of 4" in said
    assert "cannot be told from the dates: Aleppo Is Burning" in said
    # the verdict counts add up to the campaigns for each question
    counts = re.search(r"Verdicts \(how many campaigns at each level\): (.*)\.", said).group(1)
    for question in counts.split(" · "):
        # each level's count (its confidences, in brackets, count the same campaigns again)
        levels = re.sub(r"\([^)]*\)", "", question)
        assert sum(int(n) for n in re.findall(r"×(\d+)", levels)) == 4, question
    n = computed_counts(replication_table(results))
    assert (f"The paper's claims: of {n['computed']} computed, {n['agree']} agree") in said


def test_replication_table_speaks_in_words_not_codes(case_reports):
    text = " ".join(replication_table(load_results(case_reports))["evalkit computed"])
    assert (
        "not_achieved" not in text and "reactive True" not in text and "designed False" not in text
    )


def test_a_trend_is_not_tested_on_bounded_counts_of_two_campaigns(case_reports, monkeypatch):
    """Three bounded stand counts of two campaigns cannot carry a Poisson trend: the
    comparative report shows the counts and says why no trend is tested."""
    import pandas as pd

    from evalkit import comparison
    from evalkit.comparison import tables

    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    results = load_results(case_reports)
    rates = tables.international_stand_rates(results)
    if rates["id"].nunique() < tables.TREND_MIN_CAMPAIGNS:
        assert comparison.stand_rate_trend(results) is None
        assert "a trend needs counts from at least 3" in page
        assert "rate ratio per" not in page.lower()
    # counted figures from three campaigns do carry one
    three = pd.DataFrame(
        {
            "campaign": ["A", "B", "C"],
            "id": ["a", "b", "c"],
            # windows the records write as windows: their weeks are the counts' exposure
            "window": [
                "2016-01-01..2016-01-28",
                "2018-01-01..2018-01-28",
                "2019-01-01..2019-01-28",
            ],
            "start": [1, 2, 3],
            "weeks": [4.0, 4.0, 4.0],
            "count": [40, 23, 9],
            "bound": ["exact", "exact", "approximate"],
            "per week": ["", "", ""],
            "rate_low": [10, 5, 2.5],
            "rate_high": [10, 5, 2.5],
        }
    )
    monkeypatch.setattr(tables, "international_stand_rates", lambda results: three)
    assert tables.stand_trend_withheld([]) is None
    assert tables.stand_rate_trend([]) is not None
    three.loc[:1, "bound"] = "lower"
    assert "open-ended" in tables.stand_trend_withheld([])


def test_the_paper_grids_are_compared_cell_by_cell_and_written_to_comparative_json(case_reports):
    """86 cells of the paper's appendix grids against evalkit's: each disagreement has its
    reason, in the comparative report and in comparative.json."""
    data = json.loads((case_reports / "comparative.json").read_text(encoding="utf-8"))
    g = data["grid_agreement"]
    assert g["cells"] == 86
    assert g["agree"] == 82 and len(g["disagree"]) == 4
    # each disagreement is a computation from the data or what the format can say
    assert sorted(
        (d["campaign"], d["dimension"], d["row"], d["paper"], d["evalkit"]) for d in g["disagree"]
    ) == [
        ("caesar", "Media tools", "visual identity", "limited", "absent"),
        ("idlib-under-fire", "Launch timing", "after", "after", "independent"),
        ("save-ghouta", "Launch timing", "after", "after", "at or after"),
        ("save-ghouta", "Launch timing", "before", "before", "undetermined"),
    ]
    for d in g["disagree"]:
        assert d["reason"] and d["paper"] != d["evalkit"]
    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    assert f"86 cells of the paper's grids: {g['agree']} agree" in page
    assert {r["id"] for r in data["replication"]} and data["verdicts"] and data["grid"]
    per_campaign = {c: 0 for c in data["campaigns"]}
    for r in data["campaigns"]:
        results = json.loads((case_reports / r / "results.json").read_text(encoding="utf-8"))
        per_campaign[r] = len(results.get("paper_grid") or [])
    assert per_campaign == {
        "aleppo-is-burning": 20,
        "save-ghouta": 23,
        "idlib-under-fire": 22,
        "caesar": 21,
    }


def test_every_claim_quotes_the_paper_verbatim_and_says_its_kind():
    """Each claim's Arabic words stand in the paper's text as they are; its kind says whether
    evalkit computes it or only reads back an evaluator's judgement; no section is a '§2'."""
    import pathlib

    paper = pathlib.Path("/work/shared/paper/syrian-advocacy-campaigns-2021.ar.txt")
    text = paper.read_text(encoding="utf-8") if paper.is_file() else None
    for c in CLAIMS:
        assert c.kind in ("computed", "restates judgement"), c.id
        assert c.paper_quote and c.quote_en and "§2" not in c.section, c.id
        if text is not None:
            assert c.paper_quote in text, (c.id, c.paper_quote)
    restating = {c.id for c in CLAIMS if c.kind == "restates judgement"}
    assert {"X9", "A3", "G2", "I2", "C3"} <= restating


def test_the_headline_counts_computed_claims_only(case_reports):
    t = replication_table(load_results(case_reports))
    n = computed_counts(t)
    assert n["computed"] + n["restate"] == len(t) == len(CLAIMS)
    assert n["agree"] + n["disagree"] + n["cannot"] == n["computed"]
    # X5 cannot be computed: Idlib's Arabic hashtags' trending is not recorded
    assert n == {"computed": 22, "agree": 8, "disagree": 0, "cannot": 14, "restate": 5}
    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    assert (
        f"Of {n['computed']} computed claims: {n['agree']} agree, {n['disagree']} disagree, "
        f"{n['cannot']} cannot be computed from the records; {n['restate']} restate the "
        "evaluator's judgement."
    ) in page
    assert "تكرار الهدف نفسه والاستراتيجيات ذاتها" in page  # (bidi-isolated in the cell)
    items = replication_items(load_results(case_reports))
    assert [i["id"] for i in items] == [c.id for c in CLAIMS]
    data = json.loads((case_reports / "comparative.json").read_text(encoding="utf-8"))
    keys = ("id", "section", "claim", "paper_quote", "kind", "verdict")
    assert [[i[k] for k in keys] for i in data["replication"]] == [
        [i[k] for k in keys] for i in items
    ]
    for i in items:
        assert {"id", "section", "claim", "paper_quote", "kind", "verdict", "because"} <= set(i)
        assert i["verdict"] in ("agrees", "disagrees", "cannot be computed") and i["because"]


def _table_with(page: str, heading: str) -> tuple[list[str], list[list[str]]]:
    """The headings and the rows (each cell's text) of the page's table headed `heading`."""
    import re

    def text(cell: str) -> str:
        return re.sub(r"<[^>]+>", "", cell).strip()

    for table in re.findall(r"<table>(.*?)</table>", page, flags=re.S):
        heads = [text(h) for h in re.findall(r"<th>(.*?)</th>", table)]
        if heading in heads:
            body = table.split("<tbody>", 1)[1]
            rows = [
                [text(c) for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
            ]
            return heads, rows
    raise AssertionError(f"no table headed {heading!r}")


def test_the_comparison_shows_shares_as_percentages_not_fractions(case_reports):
    import base64
    import re

    from evalkit.comparison import _name, load_results

    page = (case_reports / "comparative.html").read_text(encoding="utf-8")
    heads, rows = _table_with(page, "mobilisation share")
    by_name = {row[0]: row for row in rows}
    for r in load_results(case_reports):
        kinds = r.facts.activity_mix.kind
        total = sum(kinds.values())
        row = by_name[str(_name(r))]
        for kind in ("mobilisation", "advocacy", "lobbying"):
            share = row[heads.index(f"{kind} share")]
            assert share == f"{kinds.get(kind, 0) / total:.0%}", (r.record.id, kind, share)
    heads, rows = _table_with(page, "overlap (Jaccard)")
    overlaps = [row[heads.index("overlap (Jaccard)")] for row in rows]
    assert overlaps and all(re.fullmatch(r"\d{1,3}%", o) for o in overlaps), overlaps
    # the mix chart's axis too: 0% to 100%, as the table
    charts = [
        base64.b64decode(m).decode()
        for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    ]
    [mix] = [c for c in charts if "share of recorded activities" in c]
    assert re.findall(r">(\d+%)<", mix)[:5] == ["0%", "25%", "50%", "75%", "100%"]
