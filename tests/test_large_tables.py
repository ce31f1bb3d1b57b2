"""Large tables (issue 18 item 11): the record's tables are read a block of rows at a time and
checked column by column, with no model kept per row. What that must not change: the frames
are the row models' own values, and a problem is found and said the same wherever its row
falls in the blocks. (Time and memory are measured in benchmarks/large_table.py.)"""

import csv
import json
import shutil
import sys

import pandas as pd
import pytest
from markupsafe import Markup

from evalkit.i18n import Verbatim
from evalkit.record import load, schema
from evalkit.record.csvtable import data_rows, open_table
from evalkit.record.values import DateSpan, Quantity
from conftest import CASE_STUDIES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from simulated_record import simulated_record  # noqa: E402

RECORDS = sorted(
    p.parent
    for p in [
        *CASE_STUDIES.glob("*/campaign.yaml"),
        *(ROOT / "tests" / "records").glob("*/campaign.yaml"),
    ]
)


def row_by_row_frame(path, model) -> pd.DataFrame:
    """The frame built the way evalkit once built it: one row model per row."""
    columns = ["row"] + [c for f in load._fields(model) for c in f.columns]
    records = []
    if path.is_file():
        header, reader = open_table(path, [])
        for line, cells in data_rows(path.name, header, reader, []):
            obj = model.model_validate(
                {k: v for k, v in cells.items() if k in model.model_fields and v}
            )
            rec = {"row": line}
            for name in model.model_fields:
                v = getattr(obj, name)
                if isinstance(v, DateSpan):
                    rec |= {
                        name: v.text,
                        f"{name}_start": pd.Timestamp(v.start),
                        f"{name}_end": pd.Timestamp(v.end),
                    }
                elif isinstance(v, Quantity):
                    rec |= {
                        name: v.value,
                        f"{name}_qualifier": v.qualifier,
                        f"{name}_low": v.lower,
                        f"{name}_high": v.upper,
                        f"{name}_words": v.words or None,
                    }
                else:
                    rec[name] = v
            records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=columns)
    for c in columns:
        if c.endswith(("_start", "_end")):
            frame[c] = pd.to_datetime(frame[c])
    return frame


def frames(campaign):
    return dict(
        zip(
            schema.TABLES,
            (campaign.activities, campaign.metrics, campaign.engagements, campaign.decisions),
        )
    )


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.name)
def test_frames_hold_the_row_models_values(record):
    campaign, problems = load.check_record(record)
    assert problems == []
    for name, frame in frames(campaign).items():
        pd.testing.assert_frame_equal(frame, row_by_row_frame(record / name, schema.TABLES[name]))


def test_a_frame_is_the_same_however_its_rows_fall_in_blocks(tmp_path, monkeypatch):
    record = simulated_record(tmp_path / "r", 300)
    whole, _ = load.check_record(record)
    monkeypatch.setattr(load, "BLOCK", 7)
    monkeypatch.setattr(load, "CACHED", 3)  # the caches of distinct cells emptied often
    blocks, _ = load.check_record(record)
    for name, frame in frames(blocks).items():
        pd.testing.assert_frame_equal(frame, frames(whole)[name])
        pd.testing.assert_frame_equal(frame, row_by_row_frame(record / name, schema.TABLES[name]))


def bad_record(tmp_path):
    record = tmp_path / "bad"
    shutil.copytree(CASE_STUDIES / "caesar", record)
    rows = [
        "bad id,2018,,d,mobilisation,,,virtual,local,,,ar,,,,,app-caesar-virtual",
        "x1,2018-13-01,,d,mob,,,virtual,local,,,ar,,,,,app-caesar-virtual",
        "x2,,,d,advocacy,,,virtual,local,,,xx-lang,,,,,nosuch",
        "x3,2018,nophase,,advocacy,,huge,virtual,planet,,,ar,noaud,1.800,-5,thousands,app-caesar-virtual",
        "x3,1999,,d,advocacy,,,virtual,local,,,ar,,about 50,,,app-caesar-virtual",
        "x4,2018,,d,advocacy,,,virtual,local",
        "x5,1998,,d,advocacy,,,virtual,local,,,ar,,,,,app-caesar-virtual",
    ]
    with open(record / "activities.csv", "a", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")
    return record


def test_problems_are_the_same_however_the_rows_fall_in_blocks(tmp_path, monkeypatch):
    record = bad_record(tmp_path)
    _, whole = load.check_record(record)
    monkeypatch.setattr(load, "BLOCK", 2)
    monkeypatch.setattr(load, "CACHED", 1)
    _, blocks = load.check_record(record)
    assert sorted(map(str, blocks)) == sorted(map(str, whole))
    said = "\n".join(map(str, blocks))
    # one of each kind, located: a cell's own check, a reference, an id repeated in a later
    # block, the rows dated outside the campaign counted across blocks, a short row
    for expected in (
        "activities.csv:30: id: expected a slug",
        "activities.csv:31: kind: unknown code 'mob'",
        "activities.csv:32: date: required field is missing",
        "activities.csv:32: source: unknown source 'nosuch'",
        "activities.csv:33: participants: ambiguous number '1.800'",
        "activities.csv:33: audience: unknown audience 'noaud'",
        "activities.csv:34: id: duplicate id 'x3'",
        "activities.csv:34: date: 2 rows are dated outside the campaign",
        "activities.csv:35: expected 17 cells as in the header, found 9",
    ):
        assert expected in said, expected
    assert "lines 34, 36:" in said


# --- a large record's report: every list cut with a count, the record page cut with a link --


def test_a_tables_rows_past_the_record_pages_limit_are_counted_and_the_file_linked(
    tmp_path, monkeypatch
):
    from evalkit.render import page

    record = simulated_record(tmp_path / "r", 60)
    monkeypatch.setattr(page, "RECORD_PAGE_LINES", 21)
    html = page.record_page(record, "r", "simulated")
    assert html.count('<tr id="activities.csv:') == 20
    assert 'id="activities.csv:21"' in html and 'id="activities.csv:22"' not in html
    assert "… and 40 more rows after line 21: the whole table is in the file" in html
    assert '<a href="record/activities.csv">activities.csv</a></p>' in html
    assert html.count('<tr id="engagements.csv:') == 15  # a table under the limit: every row
    arabic = page.record_page(record, "r", "simulated", lang="ar")
    assert "بعد السطر 21: الجدول كاملاً في الملف" in arabic
    # evidence naming a row the page does not show links to the file itself
    links = page.EvidenceLinks()
    out = str(links(Markup("activities.csv:21, :22")))
    assert 'href="record.html#activities.csv:21"' in out
    assert '<a class="evidence" href="record/activities.csv">:22</a>' in out


def test_a_large_records_results_json_lists_at_most_the_cap_and_counts_the_rest(tmp_path):
    from evalkit.i18n import LIST_CAP, MORE
    from evalkit.results.build import results_document, results_json

    doc = json.loads(
        results_json(results_document(load.load_campaign(simulated_record(tmp_path / "r", 400))))
    )
    lists, notes = [], []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            lists.append(len(x))
            notes.extend(v for v in x if isinstance(v, str) and v.startswith("… and "))
            for v in x:
                walk(v)

    walk(doc)
    # the checklist's evidence: its rule's sentence before a criterion's cut evidence
    assert max(lists) <= LIST_CAP + 1
    # the activities the questions count are cut, each with the count of the rest
    more = MORE.split("{n}")[1]
    assert notes and all(n.endswith(more) for n in notes)
    # every row counted: the grid's virtual activities, against the file's own count
    with open(tmp_path / "r" / "activities.csv", newline="", encoding="utf-8") as fh:
        virtual = sum(r["channel"] == "virtual" for r in csv.DictReader(fh))
    [entry] = [g["entry"] for g in doc["grid"] if g["item"] == "virtual"]
    assert virtual > LIST_CAP and entry.endswith(MORE.format(n=virtual - LIST_CAP))
    q1 = [i["evidence"] for i in doc["questions"]["1"]["indicators"] if more in i["evidence"]]
    assert q1 and all(e.count("activities.csv:") == LIST_CAP - 1 for e in q1)


def test_question_2_names_the_first_counts_and_counts_the_others(tmp_path, monkeypatch):
    from evalkit.evaluation import reach
    from evalkit.i18n import LIST_CAP, MORE
    from evalkit.results.build import results_document, results_json

    campaign = load.load_campaign(simulated_record(tmp_path / "r", 28, metrics=300))
    whole = results_json(results_document(campaign))
    doc = json.loads(whole)
    q2 = doc["questions"]["2"]
    counts = [i for i in q2["indicators"] if i["evidence"].startswith("metrics.csv:")]
    assert len(counts) == LIST_CAP
    [other] = [i for i in q2["indicators"] if i["indicator"] == "Other counts in metrics.csv"]
    assert other["value"] == MORE.format(n=300 - LIST_CAP)
    assert len(q2["findings"]) <= LIST_CAP + 3
    # a count's sentences are the same made with the table or made when asked for
    monkeypatch.setattr(reach, "TEXT_ROWS", 10)
    assert results_json(results_document(campaign)) == whole


def test_a_large_records_results_are_written_apart_before_its_kernel(tmp_path, monkeypatch):
    from evalkit.run import pipeline

    monkeypatch.setattr(pipeline, "LARGE_TABLES", 0)  # every record counts as large
    built_here = []
    checked = pipeline._checked
    monkeypatch.setattr(pipeline, "_checked", lambda *a: built_here.append(a) or checked(*a))
    outcome = pipeline.evaluate(CASE_STUDIES / "caesar", tmp_path / "out")
    assert outcome.status == "ok", outcome.describe()
    assert built_here == []  # the campaign was built in the other process, not this one
    report = tmp_path / "out" / "caesar"
    results = json.loads((report / "results.json").read_text(encoding="utf-8"))
    assert results["record"]["id"] == "caesar"
    assert (report / "record.html").is_file() and (report / "evaluation.html").is_file()
    # an invalid large record: its problems, and no kernel started
    bad = bad_record(tmp_path)
    outcome = pipeline.evaluate(bad, tmp_path / "out2")
    assert outcome.status == "invalid" and any("duplicate id" in str(p) for p in outcome.problems)


def test_reading_a_table_turns_the_collector_back_on_even_when_it_fails(tmp_path, monkeypatch):
    import gc

    assert gc.isenabled()
    record = simulated_record(tmp_path / "r", 30)
    load.check_record(record)
    assert gc.isenabled()

    def fails(*a, **k):
        assert not gc.isenabled()  # off while the rows are checked
        raise RuntimeError("a fault in the middle of a table")

    monkeypatch.setattr(load._Refs, "check", fails)
    with pytest.raises(RuntimeError):
        load.check_record(record)
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_finds_it_off(tmp_path):
    import gc

    record = simulated_record(tmp_path / "r", 30)
    gc.disable()
    try:
        load.check_record(record)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_two_threads_leave_the_collector_on(tmp_path):
    """Section A starts, B starts, A ends, B ends: the collector stays off until B ends
    and is on after it (a naive save-and-restore would leave it off for good)."""
    import gc
    import threading

    from evalkit.record.csvtable import gc_paused

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def a():
        with gc_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b():
        a_in.wait(5)
        with gc_paused():
            b_in.set()
            a_out.wait(5)
            seen["during B after A"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"during B after A": False}
    assert gc.isenabled()


def test_a_checked_text_cell_is_kept_as_the_cells_own_string():
    # pydantic returns a copy of each text it checks; the frame keeps the cell's own, so
    # an id (unique to its row, and held by the duplicate-id check too) is stored once
    fields = {f.name: f for f in load._fields(schema.ActivityRow)}
    for name, text in (("id", "save-the-rest-sim-00001"), ("kind", "mobilisation")):
        f = fields[name]
        assert not f.plain  # checked by pydantic (a pattern, a code), not taken as written
        cell = "".join(list(text))  # a string object of its own, as the CSV reader makes
        (value,), errors, _ = f.check(cell, load._cells_of(f))
        assert not errors and value == text
        if isinstance(value, Verbatim):  # free text (an id): the record's own words, one
            # object in the frame in place of the reader's (__slots__: no larger than a str)
            assert name == "id" and Verbatim.__slots__ == ()
        else:
            assert value is cell
