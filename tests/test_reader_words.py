"""What a new reader meets in a report (issue 17, 'reports for people'): counts said in the
form their number takes, words instead of the record format's codes, evidence of every table
a link, one list marker, the campaign's own name first in its language — checked on the
text of real reports of the test records, in English and in Arabic."""

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from evalkit.cli import main

RECORDS = ROOT / "tests" / "records"
# decisions.csv (you-stink), many vocabulary values and a long span (control-arms-att)
READER_RECORDS = ["you-stink-2015", "control-arms-att"]


@pytest.fixture(scope="module", params=["en", "ar"])
def reader_reports(request, tmp_path_factory) -> tuple[str, Path]:
    """`evalkit run` of the reader records in one language: (lang, output folder)."""
    lang = request.param
    out = tmp_path_factory.mktemp(f"reader-{lang}")
    result = CliRunner().invoke(
        main,
        ["run", *(str(RECORDS / r) for r in READER_RECORDS), "--out", str(out)]
        + ["--lang", lang, "--jobs", "2", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    return lang, out


def visible(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<(td|th|li|p|h\d|div|tr|figcaption|summary|title)\b", r" ¶ <\1", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    return re.sub(r"\s+", " ", text.replace("\u2068", "").replace("\u2069", ""))


def _page(out: Path, record: str, name: str = "evaluation.html") -> str:
    return (out / record / name).read_text(encoding="utf-8")


# --- evidence of every table is a link -------------------------------------------------------


def test_every_table_of_the_record_format_has_its_rows_linked():
    from evalkit.record.load import RECORD_FILES
    from evalkit.render.page import EvidenceLinks

    tables = [f for f in RECORD_FILES if f.endswith(".csv")]
    assert {"activities.csv", "decisions.csv", "series.csv"} <= set(tables)
    out = EvidenceLinks()("; ".join(f"{t}:2" for t in tables))
    for t in tables:
        assert f'<a class="evidence" href="record.html#{t}:2">{t}:2</a>' in out, t


def test_every_row_a_report_cites_is_a_link_to_an_anchor_of_the_record_page(reader_reports):
    _, out = reader_reports
    for record in READER_RECORDS:
        page, rendered = _page(out, record), _page(out, record, "record.html")
        linked = re.findall(r'<a class="evidence" href="record.html#([\w.]+:\d+)">', page)
        assert any(a.startswith("decisions.csv:") for a in linked)  # both have decisions
        for anchor in linked:
            assert f'id="{anchor}"' in rendered, anchor
        # no row reference is left as plain text: each one's text is inside a link
        bare = re.sub(r'<a class="evidence"[^>]*>[^<]*</a>', "", page)
        assert not re.findall(r"\b\w+\.csv:\d+", visible(bare)), record


# --- the overview's counts ------------------------------------------------------------------


def _overview(record, as_of, lang) -> str:
    from evalkit.render.report import CampaignReport

    return visible(str(CampaignReport(str(record), as_of, lang).overview()))


def test_recorded_counts_include_decision_makers_own_acts_when_there_are_some():
    text = _overview(RECORDS / "you-stink-2015", "", "en")
    assert "Recorded ¶ 11 activities, 8 metrics, 0 decision-maker engagements, 6 acts of" in text
    assert "acts of decision makers" not in _overview(RECORDS / "kony-2012", "", "en")
    ar = _overview(RECORDS / "you-stink-2015", "", "ar")
    assert "11 نشاطاً، 8 مقاييس، 0 تواصل مع صنّاع القرار، 6 إجراءات لصنّاع القرار" in ar


def test_what_the_as_of_cut_left_out_is_counted_in_the_form_each_number_takes():
    """One activity, two decisions, one judgement and one phase left out or cut."""
    en = _overview(RECORDS / "you-stink-2015", "2015-09", "en")
    assert (
        "1 activity, 2 decisions, 1 judgement dated after 2015-09-30, or that may be; "
        "running on that date, cut to end on it: 1 phase"
    ) in en
    ar = _overview(RECORDS / "you-stink-2015", "2015-09", "ar")
    assert "نشاط واحد، قراران، حكم واحد" in ar and "مرحلة واحدة" in ar
    assert not re.search(r"\b[12] (?:نشاط|مرحلة|قرار|حكم)", ar)
