"""Evidence in a report is a link to the row it names, on a rendered copy of the record
beside the report; long cells are cut with a count, and the page stays small."""

import csv
import re
import sys
from pathlib import Path

import pytest

from conftest import CASE_IDS, CASE_STUDIES
from evalkit.render.page import RECORD_PAGE_LINES, EvidenceLinks, record_page
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
        entry = re.search(r"\[([\w.-]+)\]", text)
        if file == "campaign.yaml" and line and not entry.group(1).isdigit():
            # campaign.yaml goals[x] lands on the line that says id: x (an entry cited by
            # its place: tests/test_evidence_anchors.py)
            assert yaml_lines[int(line) - 1].strip().lstrip("- ") == f"id: {entry.group(1)}"


def test_record_page_rows_carry_the_line_numbers_the_loader_gives(case_reports):
    from evalkit import load_campaign

    campaign = load_campaign(CASE_STUDIES / "caesar")
    record = (case_reports / "caesar" / "record.html").read_text(encoding="utf-8")
    for _, row in campaign.activities.iterrows():
        m = re.search(
            rf'<tr id="activities.csv:{row["row"]}"><td class="line">\d+</td>'
            r'<td dir="auto">([^<]*)</td>',
            record,
        )
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
    (folder / "activities.csv").write_text(
        'id,description\na,"two\nlines"\nb,one\n', encoding="utf-8"
    )
    page = record_page(folder, "x", "X")
    # the loader numbers a row by the file line it ends on: b is on line 4
    assert '<tr id="activities.csv:4"><td class="line">4</td><td dir="auto">b</td>' in page


def test_evidence_text_becomes_links_and_other_text_is_left_alone():
    links = EvidenceLinks("goals:\n  - id: main-goal\n    text: x\n")
    out = links(
        "rates (metrics.csv:5, :7); activities.csv:10; campaign.yaml goals[main-goal];"
        " at 12:30 in campaign.yaml"
    )
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
    assert shown == items[: len(shown)]  # whole items only
    left = int(re.search(r"… and ([\d,]+) more not shown", text).group(1).replace(",", ""))
    assert len(shown) + left == 5000
    assert capped("short; list") == "short; list"


def test_a_cut_list_cut_again_counts_every_item_it_stands_for():
    from evalkit.i18n import joined

    items = [f"activity {i}, a description long enough to fill the cell" for i in range(5000)]
    text = capped(str(joined("; ", items)))
    shown = text.split(" … and ")[0].split("; ")
    assert shown == items[: len(shown)] and len(shown) < 40
    left = int(re.search(r"… and ([\d,]+) more not shown", text).group(1).replace(",", ""))
    assert len(shown) + left == 5000


@pytest.mark.slow
def test_a_10000_activity_report_stays_small_and_its_record_page_shows_the_first_rows(tmp_path):
    record = simulated_record(tmp_path / "simulated", 10_000)
    outcome = evaluate(record, tmp_path / "out")
    assert outcome.status == "ok", outcome.describe()
    folder = Path(outcome.out_dir)
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "SIMULATED" in page  # its report can never pass for a real campaign's
    assert len(page.encode("utf-8")) < 1_500_000
    assert "more not shown (results.json lists them; the record has every row)" in page
    record_html = (folder / "record.html").read_text(encoding="utf-8")
    with open(record / "activities.csv", newline="", encoding="utf-8") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    shown = RECORD_PAGE_LINES - 1  # the simulated record has no blank lines
    assert rows == 10_000 and record_html.count('<tr id="activities.csv:') == shown
    assert f"… and {rows - shown} more rows after line {RECORD_PAGE_LINES:,}" in record_html
    assert (folder / "record" / "activities.csv").is_file()


def test_record_page_in_a_browser_numbers_each_yaml_line_on_its_own_line(case_reports, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((case_reports / "caesar" / "record.html").as_uri())
    lines = page.evaluate("""() => [...document.querySelectorAll('pre > span')].slice(0, 40)
        .filter(s => s.lastChild.nodeType === Node.TEXT_NODE && s.lastChild.data.trim())
        .map(s => {
            const number = s.querySelector('.line');
            const r = document.createRange();  // the line's text, after its number
            r.setStartAfter(number); r.setEnd(s, s.childNodes.length);
            const rects = [...r.getClientRects()].filter(x => x.width > 0);
            return {number: number.getBoundingClientRect().top, first: rects[0].top,
                    last: rects[rects.length - 1].top, text: s.lastChild.data};
        })""")
    assert len(lines) > 30
    for line in lines:
        # the number starts the line its text is on, not a line of its own above it
        assert abs(line["number"] - line["first"]) < 2, line
        if len(line["text"]) < 60:
            assert line["last"] - line["first"] < 2, line  # a short line stays one line


def test_a_jump_to_a_row_shows_the_tables_column_names_and_wide_tables_scroll(
    case_reports, browser
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((case_reports / "caesar" / "record.html").as_uri() + "#activities.csv:10")
    seen = page.evaluate("""() => {
        const row = document.getElementById('activities.csv:10');
        const table = row.closest('table'), box = row.closest('.scroll');
        const head = table.querySelector('thead th').getBoundingClientRect();
        const last = [...table.querySelectorAll('thead th')].pop();
        const before = {row: row.getBoundingClientRect().toJSON(), head: head.toJSON()};
        box.scrollLeft = box.scrollWidth;  // scrolled to its end, the last column shows
        return {...before, lastRight: last.getBoundingClientRect().right,
                box: box.getBoundingClientRect().toJSON(), width: innerWidth,
                height: innerHeight, scrollable: box.scrollWidth > box.clientWidth,
                overflowX: getComputedStyle(box).overflowX};
    }""")
    row, head, box = seen["row"], seen["head"], seen["box"]
    # the column names are on screen, stuck to the top of the table's box, above the row
    assert 0 <= head["top"] and head["bottom"] <= seen["height"], seen
    assert abs(head["top"] - max(box["top"], 0)) < 2, seen
    assert head["bottom"] <= row["top"] + 1 and row["bottom"] <= seen["height"], seen
    # a table wider than the page scrolls inside its box, which ends inside the page
    assert seen["scrollable"] and seen["overflowX"] in ("auto", "scroll"), seen
    assert box["right"] <= seen["width"] and seen["lastRight"] <= box["right"] + 1, seen


def test_an_arabic_hashtag_on_the_record_page_reads_with_its_hash_first(case_reports, browser):
    """'#حلب_تحترق' in a left-to-right YAML line or table cell: the # starts the Arabic
    run, so it stands at the run's right, before its first letter as an Arabic reader reads."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((case_reports / "aleppo-is-burning" / "record.html").as_uri())
    found = page.evaluate("""() => [...document.querySelectorAll('pre > span, td')]
        .filter(e => e.textContent.includes('#حلب_تحترق')).map(e => {
            const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const n = walker.currentNode, i = n.data.indexOf('#حلب');
                if (i < 0) continue;
                const x = (a) => { const r = document.createRange(); r.setStart(n, a);
                                   r.setEnd(n, a + 1); return r.getBoundingClientRect().left; };
                return {where: e.tagName, hash: x(i), first: x(i + 1)};
            }
        })""")
    assert {f["where"] for f in found} == {"SPAN", "TD"}, found
    for f in found:
        assert f["hash"] > f["first"], f
