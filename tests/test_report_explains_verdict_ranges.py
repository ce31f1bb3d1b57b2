"""The report's opening of 'The five questions at a glance' says how to read a verdict: its
scale, its confidence, and a range ('weak to good'), which the reader otherwise meets in
the verdicts with no word on what its two ends mean — in English and in Arabic, in a report
whose question 2 is such a range."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import small_record
from evalkit.cli import main
from test_new_user_trial import _AUDIENCES


def _text(path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for t in soup(["script", "style"]):
        t.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" ")).replace("\u2068", "").replace("\u2069", "")


@pytest.mark.parametrize(
    "lang, explained, shown",
    [
        (
            "en",
            "the verdict is a range, such as 'weak to good' (good from the criteria judged, "
            "weak were none of the others met), with low confidence and the colour of its "
            "lower end.",
            "weak to good (low confidence)",
        ),
        (
            "ar",
            "يكون الحكم مدى، مثل «من ضعيف إلى جيد» (جيد بحسب المعايير المحكوم عليها، وضعيف "
            "لو لم يُستوفَ أيٌّ من المعايير الأخرى)، ومستوى الثقة به منخفض، ولونه لون طرفه الأدنى.",
            "من ضعيف إلى جيد (مستوى الثقة منخفض)",
        ),
    ],
)
def test_the_verdicts_opening_explains_a_range(tmp_path, lang, explained, shown):
    small_record(tmp_path, media_tools={"accounts": []}, audiences=_AUDIENCES)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["run", str(tmp_path / "small"), "--out", str(out), "--lang", lang, "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    page = _text(out / "small" / "evaluation.html")
    heading = "The five questions at a glance" if lang == "en" else "الأسئلة الخمسة في لمحة"
    opening = page.split(heading + " ¶", 1)[1][:1500]  # the section, not the contents
    assert explained in opening, opening
    assert shown in page  # the range the opening explains, as the report shows it
