"""Large tables (issue 18 item 11): the record's tables are read a block of rows at a time and
checked column by column, with no model kept per row. What that must not change: the frames
are the row models' own values, and a problem is found and said the same wherever its row
falls in the blocks. (Time and memory are measured in benchmarks/large_table.py.)"""

import shutil
import sys

import pandas as pd
import pytest

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
