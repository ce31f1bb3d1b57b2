"""HTML is made from autoescaped templates and Markup fragments: text is escaped by
construction, the page holds one stylesheet and lists the sections its fragments hold."""

import ast
import re
from pathlib import Path

import pytest

from conftest import CASE_IDS, ROOT
from evalkit.render.markup import Html, concat, css_string, esc, plain_isolated


def test_text_joined_to_a_fragment_is_escaped_and_fragments_are_not():
    fragment = Html("<p>a</p>")
    assert fragment + "<script>" == "<p>a</p>&lt;script&gt;"
    assert "<i>" + fragment == "&lt;i&gt;<p>a</p>"
    assert fragment + Html("<b>b</b>") == "<p>a</p><b>b</b>"
    assert isinstance(fragment + "x", Html)


def test_a_fragment_keeps_the_headings_of_what_it_was_joined_from():
    a, b = Html("<h2>A</h2>", headings=[("A", "A")]), Html("<h2>B</h2>", headings=[("B", "B")])
    assert (a + "text" + b).headings == (("A", "A"), ("B", "B"))
    assert concat([a, "<x>", b]).headings == (("A", "A"), ("B", "B"))


def test_css_strings_cannot_end_the_string_or_the_style_element():
    assert css_string('a "b" \\ </style>') == "a \\22 b\\22  \\5c  \\3c /style>"


def test_text_that_holds_no_markup_isolates_latin_runs_with_unicode_isolates():
    assert plain_isolated("تقارير evalkit", "rtl") == "تقارير \u2066evalkit\u2069"
    assert "<" not in plain_isolated("تقييم: Save Ghouta", "rtl")
    assert "<b>" not in esc("<b>", "rtl") and "&lt;b&gt;" in esc("<b>", "rtl")


def test_record_text_in_an_arabic_page_is_one_isolate_whatever_it_starts_or_ends_with():
    # a Latin text on its own is isolated whole, its number first and its full stop last
    said = esc("276 girls abducted in April 2014.", "rtl")
    assert said == '<bdi dir="ltr" class="item">276 girls abducted in April 2014.</bdi>'
    # an id or a date never breaks at its hyphen; a field keeps the direction of its first
    # letter, the Arabic inside an English field isolated as an English page isolates it
    assert esc("national-assembly", "rtl") == '<bdi dir="ltr" class="word">national-assembly</bdi>'
    field = esc("عند \u2068Protests (نافورة الوحدة) in Abuja.\u2069", "rtl")
    assert field == (
        'عند <bdi dir="ltr">Protests (<bdi dir="rtl" lang="ar">نافورة الوحدة</bdi>) in Abuja.</bdi>'
    )
    # a list of fields joined by Arabic commas is right to left
    assert esc("x \u2068\u2068W7\u2069، \u2068W11\u2069\u2069", "rtl").startswith(
        'x <bdi dir="rtl">'
    )
    # a list's item wraps in a box glued to the separator after it; a quoted phrase wraps
    # with its sentence (a box would stand its quotes beside its last line)
    items = esc("\u2068Caesar Files Group (lawyers)\u2069؛ \u2068a group of NGOs\u2069", "rtl")
    assert items.startswith(
        '<span class="glued"><bdi dir="ltr" class="item">Caesar Files Group (lawyers)</bdi>؛</span>'
    )
    quoted = esc("عند «\u2068The photos came out.\u2069» (2014)", "rtl")
    assert quoted == 'عند «<bdi dir="ltr">The photos came out.</bdi>» (2014)'
    # an English page is as it was: no isolate around Latin text
    assert esc("276 girls abducted in April 2014.", "ltr") == "276 girls abducted in April 2014."


def _literals_building_html(path: Path):
    """String literals starting with a tag that are not the template of a Markup(…) helper,
    and f-strings starting with one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Markup" and node.args
    }
    tag = re.compile(r"\s*</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.JoinedStr)
            and node.values
            and isinstance(node.values[0], ast.Constant)
            and tag.match(str(node.values[0].value))
        ):
            yield node.lineno, "f-string"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and tag.match(node.value)
            and id(node) not in allowed
        ):
            yield node.lineno, node.value[:40]


def test_no_module_writes_html_tags_in_python_strings():
    found = [
        (str(p.relative_to(ROOT)), line, what)
        for p in sorted((ROOT / "evalkit").rglob("*.py"))
        for line, what in _literals_building_html(p)
    ]
    assert found == []


@pytest.mark.parametrize("case", CASE_IDS[:1])
def test_the_page_holds_one_stylesheet_and_contents_listing_each_section(case_reports, case):
    page = (case_reports / case / "evaluation.html").read_text(encoding="utf-8")
    assert page.count("<style") == 1 and page.count("evalkit's one stylesheet") == 1
    toc = re.search(r'<nav aria-label="Contents" class="toc">(.*?)</nav>', page, re.S).group(1)
    listed = re.findall(r'<a href="#([^"]+)">', toc)
    headings = re.findall(r'<h2 id="([^"]+)">', page)
    assert listed == headings and len(listed) >= 12


def test_no_attribute_of_a_page_holds_markup(case_reports):
    for page in [
        case_reports / "comparative.html",
        case_reports / "index.html",
        *(
            case_reports / case / name
            for case in CASE_IDS
            for name in ("evaluation.html", "record.html")
        ),
    ]:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'src="data:[^"]*"', "", text)
        assert not re.search(r'="[^"]*<bdi', text), page
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        assert "<" not in title and "&lt;" not in title, page


def test_arabic_record_text_in_an_english_page_is_one_right_to_left_run_numbers_and_all():
    # cut at its number, the goal's words would show in English order
    goal = esc("Goal: جمع 10,000 توقيع على العريضة.", "ltr")
    assert goal == 'Goal: <bdi dir="rtl" lang="ar">جمع 10,000 توقيع على العريضة</bdi>.'
    assert plain_isolated("جمع 10,000 توقيع", "ltr") == "\u2067جمع 10,000 توقيع\u2069"
    # a bracket the run opens goes in with it when the text closes it; the English around
    # the Arabic stays outside
    assert esc("Protests at نافورة (الوحدة) in Abuja", "ltr") == (
        'Protests at <bdi dir="rtl" lang="ar">نافورة (الوحدة)</bdi> in Abuja'
    )
    assert esc("Name «لا للعطش» and more", "ltr") == (
        'Name «<bdi dir="rtl" lang="ar">لا للعطش</bdi>» and more'
    )
    # Arabic text with an English name inside is one right-to-left isolate, the name isolated
    # in it; an English sentence that opens on an Arabic name stays English
    assert esc("حملة Save Ghouta الثانية", "ltr") == (
        '<bdi dir="rtl" lang="ar">حملة <bdi dir="ltr" class="item">Save Ghouta</bdi> الثانية</bdi>'
    )
    assert esc("«حلب تحترق» was launched in 2016.", "ltr") == (
        '«<bdi dir="rtl" lang="ar">حلب تحترق</bdi>» was launched in 2016.'
    )


def test_arabic_names_in_an_english_sentence_are_each_one_isolate_beside_the_dates(tmp_path):
    # trial 13, M1: a phases cell, «name (start to end); name (start to end)», read as one
    # right-to-left run across the dates, showed '(to 2025-02-28 2025-02-01)'
    from evalkit.i18n import Msg, localized

    cell = Msg(
        "{p0}; {p1}",
        p0=Msg(
            "{name} ({start} to {end})", name="المرحلة الأولى", start="2025-02-01", end="2025-02-28"
        ),
        p1=Msg(
            "{name} ({start} to {end})",
            name="المرحلة الثانية",
            start="2025-03-01",
            end="2025-04-30",
        ),
    )
    html = esc(localized(cell, "en"), "ltr")
    # each part left to right (its first letter is English), its Arabic name right to left
    assert html == (
        '<bdi dir="ltr"><bdi dir="rtl">المرحلة الأولى</bdi> (2025-02-01 to 2025-02-28)</bdi>; '
        '<bdi dir="ltr"><bdi dir="rtl">المرحلة الثانية</bdi> (2025-03-01 to 2025-04-30)</bdi>'
    )
    # the English text results.json keeps has no isolate marks
    assert "\u2068" not in str(cell)
