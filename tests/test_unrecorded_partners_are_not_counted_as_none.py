"""A count of something the record does not record is 'not recorded', never 0 (trial 6, M6):
the comparison's "Did each campaign build on the last?" said 'partners before 0 · partners
after 0 · shared 0 · none' for two records that list no partners at all; the replication's
coalitions claim read a record without `coalitions` as one that had none."""

from __future__ import annotations

import math

from conftest import small_record

from evalkit.comparison import load_results, partner_reuse
from evalkit.comparison.replication import _coalitions, _no_building
from evalkit.comparison.tables import MILITARY, mix_against_attainment, mix_plot, shown_shares
from evalkit.i18n import localized
from evalkit.results.build import results_document, results_json

PARTNER = {"name": "River Friends", "kind": "ngo", "source": "s"}


def _results(tmp_path, *records):
    """results.json of each (id, yaml changes) record, read back as the comparison reads them."""
    out = tmp_path / "results"
    for i, (rid, changes) in enumerate(records):
        campaign = small_record(tmp_path / f"r{i}", id=rid, **changes)
        (out / rid).mkdir(parents=True)
        (out / rid / "results.json").write_text(results_json(results_document(campaign)))
    return load_results(out)


def _row(tmp_path, first: dict, second: dict) -> dict:
    (tmp_path / "r0").mkdir()
    (tmp_path / "r1").mkdir()
    results = _results(tmp_path, ("first", first), ("second", {"follows": "first", **second}))
    (row,) = partner_reuse(results).to_dict("records")
    return {k: localized(v) if isinstance(v, str) else v for k, v in row.items()}


def test_partners_neither_record_lists_are_not_recorded_not_none(tmp_path):
    row = _row(tmp_path, {}, {})
    assert [row[k] for k in ("partners before", "partners after", "shared", "shared names")] == [
        "not recorded"
    ] * 4
    assert row["overlap (Jaccard)"] is None
    assert localized(row["shared names"], "ar") == "غير مسجل"


def test_no_coalitions_says_nothing_of_partners(tmp_path):
    # the trial's records: `coalitions: []`, no `partners` key
    row = _row(tmp_path, {"coalitions": []}, {})
    assert (row["partners before"], row["partners after"], row["shared"]) == ("not recorded",) * 3


def test_a_coalition_s_members_alone_are_a_lower_bound_on_the_partners(tmp_path):
    coalition = {"id": "c", "name": "River Coalition", "members": [PARTNER], "source": "s"}
    row = _row(tmp_path, {"coalitions": [coalition]}, {"coalitions": [coalition]})
    assert (row["partners before"], row["partners after"], row["shared"]) == ("at least 1",) * 3
    assert row["shared names"] == "River Friends" and row["overlap (Jaccard)"] is None


def test_partners_one_record_lists_are_counted_and_the_other_s_not(tmp_path):
    row = _row(tmp_path, {"partners": [PARTNER]}, {})
    assert (row["partners before"], row["partners after"], row["shared"]) == (
        1,
        "not recorded",
        "not recorded",
    )
    assert row["overlap (Jaccard)"] is None


def test_records_that_say_there_were_no_partners_share_none(tmp_path):
    row = _row(tmp_path, {"partners": [], "coalitions": []}, {"partners": [PARTNER]})
    assert (row["partners before"], row["partners after"], row["shared"]) == (0, 1, 0)
    assert row["shared names"] == "none" and row["overlap (Jaccard)"] == 0


def test_the_replication_reads_coalitions_left_out_as_not_recorded(tmp_path):
    for i in range(3):
        (tmp_path / f"r{i}").mkdir()
    silent = _results(tmp_path, *((rid, {}) for rid in MILITARY))
    by_id = {r.record.id: r for r in silent}
    verdict, text = _coalitions(by_id)
    assert verdict == "cannot be computed"
    assert str(text).startswith("aleppo-is-burning: coalitions not recorded; ")
    _, text = _no_building(by_id)
    assert "aleppo-is-burning → save-ghouta: partners not recorded" in str(text)


def test_the_replication_reads_coalitions_said_none_as_none(tmp_path):
    for i in range(3):
        (tmp_path / f"r{i}").mkdir()
    said = _results(tmp_path, *((rid, {"coalitions": [], "partners": []}) for rid in MILITARY))
    by_id = {r.record.id: r for r in said}
    verdict, text = _coalitions(by_id)
    assert verdict == "agrees" and "aleppo-is-burning: 0 coalitions recorded" in str(text)
    _, text = _no_building(by_id)
    assert "aleppo-is-burning → save-ghouta: no shared partner" in str(text)


def test_an_older_results_json_without_the_field_is_read_by_its_lists(tmp_path):
    (tmp_path / "r0").mkdir()
    (tmp_path / "r1").mkdir()
    results = _results(
        tmp_path, ("first", {"partners": [PARTNER]}), ("second", {"follows": "first"})
    )
    for r in results:
        r.facts.partners_recorded = None
    (row,) = partner_reuse(results).to_dict("records")
    assert (row["partners before"], row["partners after"]) == (1, "not recorded")


def test_the_activity_mix_of_a_record_without_activities_has_no_shares(tmp_path):
    (tmp_path / "r0").mkdir()
    results = _results(tmp_path, ("first", {}))
    (row,) = mix_against_attainment(results).to_dict("records")
    assert row["activities"] == 0 and math.isnan(row["mobilisation share"])
    # the table leaves it empty, never 0%, and the chart draws no bar (before: the chart of
    # a batch whose records have no activities failed, 'no numeric data to plot')
    (shown,) = shown_shares(mix_against_attainment(results)).to_dict("records")
    assert shown["mobilisation share"] == ""
    fig = mix_plot(results)
    assert not any(bar.get_width() for bar in fig.axes[0].patches)
