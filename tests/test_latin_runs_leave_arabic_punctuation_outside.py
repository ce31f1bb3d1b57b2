"""A Latin run inside an Arabic line is isolated without the punctuation that is the Arabic
text's (trial 9, M2): a guillemet that opens Arabic words after the run, and the '</' of a
closing tag, were drawn inside the run's left-to-right isolate — 'الإطلاق: Phase 1 «لا للعطش»'
read on screen as '» Phase 1لا للعطش»', and '</i>' as 'i>…</'. One rule for the pages
(evalkit.render.markup) and a terminal's lines (evalkit.record.problems.rtl_line)."""

import pytest

from evalkit.i18n import FSI, PDI
from evalkit.record.problems import rtl_line
from evalkit.render.markup import esc

CASES = [
    # (text, the runs isolated, in order)
    ("الإطلاق: Phase 1 «لا للعطش»", ["Phase 1"]),
    ("جمعية <i>شركاؤها</i>", ["<i>", "</i>"]),
    ("Water Now «الماء»", ["Water Now"]),
    ("حساب «Water Now» على تويتر", ["«Water Now»"]),
    ("انظر (see docs) هنا", ["(see docs)"]),
    ("موقع example.com.", ["example.com"]),
    ("اللغة C++ هنا", ["C++"]),
]


@pytest.mark.parametrize("text, runs", CASES)
def test_a_page_isolates_the_latin_run_alone(text, runs):
    import re

    html = str(esc(text, "rtl"))
    found = [
        m.replace("&lt;", "<").replace("&gt;", ">")
        for m in re.findall(r'<bdi dir="ltr"[^>]*>(.*?)</bdi>', html)
    ]
    assert found == runs
    # nothing lost or moved: the text without the isolates is the text
    plain = re.sub(r"</?bdi[^>]*>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert plain.replace("&#34;", '"').replace("&amp;", "&") == text


@pytest.mark.parametrize("text, runs", CASES)
def test_a_terminal_line_isolates_the_latin_run_alone(text, runs):
    import re

    line = rtl_line(text)
    assert re.findall(f"{FSI}(.*?){PDI}", line) == runs
    assert line.replace(FSI, "").replace(PDI, "") == text
