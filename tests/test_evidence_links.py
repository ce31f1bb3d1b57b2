"""Evidence in a report is a link to the row it names, on a rendered copy of the record
beside the report; long cells are cut with a count, and the page stays small."""
import csv
import re
import sys
from pathlib import Path

import pytest

from conftest import CASE_IDS, CASE_STUDIES
from evalkit.render.page import EvidenceLinks, record_page
from evalkit.run.pipeline import evaluate
from evalkit.render.report import CELL_LIMIT, capped

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from simulated_record import simulated_record  # noqa: E402


@pytest.mark.parametrize("case", CASE_IDS)
def test_every_evidence_link_lands_on_the_row_it_names(case_reports, case):
    folder = case_reports / case
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    record = (folder / "record.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="evidence" href="record.html#([^"]+)">([^<]+)</a>', page)
    assert len(links) >= 10
    yaml_lines = (CASE_STUDIES / case / "campaign.yaml").read_text(encoding="utf-8").splitlines()
    for anchor, text in links:
        assert f'id="{anchor}"' in record, anchor
        file, _, line = anchor.partition(":")
        if file.endswith(".csv") and text.startswith(file):
            assert text == anchor  # the link says the row it goes to
        if file == "campaign.yaml" and line:
            # campaign.yaml goals[x] lands on the line that says id: x
            entry = re.search(r"\[([\w.-]+)\]", text).group(1)
            assert yaml_lines[int(line) - 1].strip().lstrip("- ") == f"id: {entry}"


def test_record_page_rows_carry_the_line_numbers_the_loader_gives(case_reports):
    from evalkit import load_campaign
    campaign = load_campaign(CASE_STUDIES / "caesar")
    record = (case_reports / "caesar" / "record.html").read_text(encoding="utf-8")
    for _, row in campaign.activities.iterrows():
        m = re.search(rf'<tr id="activities.csv:{row["row"]}"><td class="line">\d+</td>'
                      r'<td dir="auto">([^<]*)</td>', record)
        assert m and m.group(1) == row["id"], row["id"]


def test_the_record_files_are_copied_beside_the_report_unchanged(case_reports):
    for name in ("campaign.yaml", "activities.csv", "metrics.csv", "engagements.csv"):
        copy = case_reports / "caesar" / "record" / name
        assert copy.read_bytes() == (CASE_STUDIES / "caesar" / name).read_bytes()
    page = (case_reports / "caesar" / "evaluation.html").read_text(encoding="utf-8")
    assert 'href="record.html"' in page


def test_a_row_with_a_line_break_inside_a_quoted_cell_keeps_later_anchors_right(tmp_path):
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "campaign.yaml").write_text("id: x\n", encoding="utf-8")
    (folder / "activities.csv").write_text('id,description\na,"two\nlines"\nb,one\n',
                                           encoding="utf-8")
    page = record_page(folder, "x", "X")
    # the loader numbers a row by the file line it ends on: b is on line 4
    assert '<tr id="activities.csv:4"><td class="line">4</td><td dir="auto">b</td>' in page


def test_evidence_text_becomes_links_and_other_text_is_left_alone():
    links = EvidenceLinks("goals:\n  - id: main-goal\n    text: x\n")
    out = links("rates (metrics.csv:5, :7); activities.csv:10; campaign.yaml goals[main-goal];"
                " at 12:30 in campaign.yaml")
    assert '<a class="evidence" href="record.html#metrics.csv:5">metrics.csv:5</a>' in out
    assert ', <a class="evidence" href="record.html#metrics.csv:7">:7</a>' in out
    assert 'href="record.html#activities.csv:10"' in out
    assert 'href="record.html#campaign.yaml:2">campaign.yaml goals[main-goal]</a>' in out
    assert "at 12:30 in" in out and 'href="record.html#campaign.yaml">campaign.yaml</a>' in out


def test_a_long_cell_is_cut_at_an_item_and_says_how_many_were_left_out():
    items = [f"activity {i}" for i in range(5000)]
    text = capped("; ".join(items))
    assert len(text) < CELL_LIMIT + 100
    shown = text.split(" … and ")[0].split("; ")
    assert shown == items[:len(shown)]  # whole items only
    left = int(re.search(r"… and ([\d,]+) more not shown", text).group(1).replace(",", ""))
    assert len(shown) + left == 5000
    assert capped("short; list") == "short; list"


@pytest.mark.slow
def test_a_10000_activity_report_stays_small_and_its_record_page_has_every_row(tmp_path):
    record = simulated_record(tmp_path / "simulated", 10_000)
    outcome = evaluate(record, tmp_path / "out")
    assert outcome.status == "ok", outcome.describe()
    folder = Path(outcome.out_dir)
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "SIMULATED" in page  # its report can never pass for a real campaign's
    assert len(page.encode("utf-8")) < 1_500_000
    assert "more not shown (all of them are in results.json)" in page
    record_html = (folder / "record.html").read_text(encoding="utf-8")
    with open(record / "activities.csv", newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    assert rows == 10_000 and record_html.count('<tr id="activities.csv:') == rows
