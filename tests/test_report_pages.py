"""The pages of a run as a reader moves between them: every link leads to a file the run
wrote (the comparative report back to each evaluation, an evaluation to its own copies, "the
notebook" to a readable page), each chart has one title, and on a phone a chart keeps the
size its words are readable at — checked on the real pages, in English and in Arabic."""

import base64
import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import CASE_IDS
from evalkit.i18n import tr
from evalkit.render.report import RATES_TITLE

TIMELINE_TITLE = (
    "The campaign in time (a vague date is drawn as the span it allows; "
    "▼ hot event, ◆ an event the campaign made)"
)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def _relative_links(page: Path) -> list[tuple[str, Path]]:
    """(href, file it names) for each link of `page` to a file beside it."""
    out = []
    for href in HREF.findall(page.read_text(encoding="utf-8")):
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:  # web links, anchors in the page
            continue
        out.append((href, (page.parent / unquote(parts.path)).resolve()))
    return out


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html")) + sorted(out.glob("*/*.html"))


@pytest.mark.parametrize("reports", ["case_reports", "arabic_reports"])
def test_every_link_between_the_pages_of_a_run_leads_to_a_file_it_wrote(reports, request):
    out = request.getfixturevalue(reports)
    dead = [
        f"{page.relative_to(out)}: {href}"
        for page in _pages(out)
        for href, target in _relative_links(page)
        if not target.is_file()
    ]
    assert dead == []
    # the pages that link were all looked at: index, comparative, 4 evaluations, notebooks
    assert len(_pages(out)) >= 1 + 2 + 3 * len(CASE_IDS)


@pytest.mark.parametrize("reports", ["case_reports", "arabic_reports"])
def test_the_comparative_report_links_each_campaign_to_its_evaluation(reports, request):
    out = request.getfixturevalue(reports)
    page = out / "comparative.html"
    text = page.read_text(encoding="utf-8")
    links = _relative_links(page)
    for case in CASE_IDS:
        target = (out / case / "evaluation.html").resolve()
        named = [h for h, t in links if t == target]
        # from the line under the title and from the campaigns' names in its tables
        assert len(named) >= 5, (case, named)
    # the names link, as a reader sees them (the Arabic report names them in Arabic)
    results = [json.loads((out / c / "results.json").read_text("utf-8")) for c in CASE_IDS]
    for r in results:
        name = r["record"]["name_ar"] if reports == "arabic_reports" else r["record"]["name_en"]
        href = f"{r['record']['id']}/evaluation.html"
        shown = re.findall(rf'<a href="{re.escape(href)}">(.*?)</a>', text)
        assert any(name in html.unescape(re.sub("<[^>]+>", "", s)) for s in shown), (name, shown)


def _files_nav(page: Path) -> dict[str, str]:
    """The links above a report: href -> what it says."""
    nav = re.search(r'<nav\b[^>]*class="links"[^>]*>(.*?)</nav>', page.read_text("utf-8"), re.S)
    return {
        html.unescape(h): html.unescape(re.sub("<[^>]+>", "", t))
        for h, t in re.findall(r'<a href="([^"]*)">(.*?)</a>', nav.group(1))
    }


def test_an_evaluation_links_its_pdf_only_when_it_was_printed_and_no_word_copy_without_docx(
    case_reports,
):
    for case in CASE_IDS:
        folder = case_reports / case
        nav = _files_nav(folder / "evaluation.html")
        assert ("evaluation.pdf" in nav) == (folder / "evaluation.pdf").is_file()
        assert "evaluation.docx" not in nav and not (folder / "evaluation.docx").exists()
    nav = _files_nav(case_reports / "comparative.html")
    assert ("comparative.pdf" in nav) == (case_reports / "comparative.pdf").is_file()


@pytest.mark.parametrize("reports", ["case_reports", "arabic_reports"])
def test_the_notebook_link_opens_a_readable_page_of_the_executed_notebook(reports, request):
    out = request.getfixturevalue(reports)
    lang = "ar" if reports == "arabic_reports" else "en"
    for report in [out / "caesar" / "evaluation.html", out / "comparative.html"]:
        nav = _files_nav(report)
        [href] = [h for h, said in nav.items() if said == tr("the notebook", lang)]
        notebook = report.parent / href
        assert notebook.suffix == ".html" and notebook.is_file()
        page = notebook.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in page
        # its code (escaped, as text), the outputs the code made, and the way back
        assert "report.summary()" in re.sub("<[^>]+>", "", page)
        assert 'class="input_area"' in page
        assert (
            tr("In five lines" if report.stem == "evaluation" else "In a few lines", lang) in page
        )
        assert f'href="{report.name}"' in page
        # the .ipynb is still beside it, linked, for JupyterLab
        ipynb = report.with_suffix(".ipynb")
        assert f'href="{ipynb.name}"' in page
        assert json.loads(ipynb.read_text(encoding="utf-8"))["metadata"]["papermill"]
    # the report itself shows no code
    assert "report.summary()" not in (out / "caesar" / "evaluation.html").read_text("utf-8")


def _figures(page: str) -> list[dict]:
    """Each drawn chart: its caption and the words in its SVG."""
    found = []
    for m in re.finditer(r'<figure class="evalkit plot">(.*?)</figure>', page, re.S):
        caption = re.search(r"<figcaption>(.*?)</figcaption>", m.group(1), re.S)
        svg = base64.b64decode(re.search(r"base64,([^\"]+)", m.group(1)).group(1)).decode()
        words = [
            html.unescape(re.sub("<[^>]+>", "", t))
            for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
        ]
        plain = html.unescape(re.sub("<[^>]+>", "", caption.group(1))) if caption else ""
        found.append({"caption": re.sub("[\u2066-\u2069]", "", plain), "svg": " ".join(words)})
    return found


@pytest.mark.parametrize("reports", ["case_reports", "arabic_reports"])
def test_each_chart_has_one_title_worded_once_for_its_kind(reports, request):
    out = request.getfixturevalue(reports)
    lang = "ar" if reports == "arabic_reports" else "en"
    for page in [out / c / "evaluation.html" for c in CASE_IDS] + [out / "comparative.html"]:
        text = page.read_text(encoding="utf-8")
        headings = {
            html.unescape(re.sub("<[^>]+>|¶", "", h)).strip()
            for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", text, re.S)
        }
        for f in _figures(text):
            # the title is the caption, never drawn in the picture too, nor a heading's twin
            assert not f["caption"] or f["caption"] not in f["svg"], (page, f["caption"])
            assert f["caption"] not in headings
        for title in (
            "Every count in metrics.csv, per week of the window it covers",
            "Activity mix against main-goal attainment",
            TIMELINE_TITLE,
        ):  # titles once drawn inside the pictures
            assert tr(title, lang)[:40] not in " ".join(f["svg"] for f in _figures(text))
    # the counts-per-week chart of question 2 under the one title of its kind (the
    # comparative report's rates chart uses the same, evalkit.render.report.RATES_TITLE)
    ghouta = _figures((out / "save-ghouta" / "evaluation.html").read_text("utf-8"))
    assert tr(RATES_TITLE, lang) in [f["caption"] for f in ghouta]
    assert ghouta[0]["caption"] == tr(TIMELINE_TITLE, lang)
    # the comparative report's charts sit under their section headings, untitled
    compared = _figures((out / "comparative.html").read_text("utf-8"))
    assert all(f["caption"] == "" for f in compared)
    if lang == "ar":  # no English axis name left in a drawn chart (pandas' 'campaign')
        assert not any(re.search(r"\bcampaign\b", f["svg"]) for f in compared)


def _chart_layout(page):
    return page.evaluate("""() => ({
        pageWidth: document.documentElement.scrollWidth,
        charts: [...document.querySelectorAll('figure.plot')].map(f => {
            const box = f.querySelector('.plot-scroll'), img = f.querySelector('img');
            const b = box.getBoundingClientRect(), i = img.getBoundingClientRect();
            return {natural: img.naturalWidth, shown: i.width,
                    box: b.width, scrolls: box.scrollWidth > box.clientWidth,
                    start: box.dataset.start, imgLeft: i.left, boxLeft: b.left,
                    imgRight: i.right, boxRight: b.right};
        })})""")


@pytest.mark.parametrize("reports", ["case_reports", "arabic_reports"])
def test_on_a_phone_charts_keep_their_natural_size_in_a_box_that_scrolls_sideways(
    reports, request, browser, tmp_path
):
    """At 390 px a chart shrunk to the screen had 4–5 px words: it keeps its natural size
    (its words at their drawn size) and scrolls in its own box, opening at its labels'
    side; the page itself never scrolls sideways. At 1280 px nothing scrolls."""
    out = request.getfixturevalue(reports)
    for name in ["save-ghouta/evaluation.html", "comparative.html"]:
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((out / name).as_uri())
            page.screenshot(path=str(tmp_path / f"{width}.png"))
            layout = _chart_layout(page)
            page.close()
            assert layout["pageWidth"] <= width, (name, width, layout["pageWidth"])
            assert layout["charts"], name
            for c in layout["charts"]:
                if width == 390:
                    assert c["shown"] == pytest.approx(c["natural"], abs=1), c
                    assert c["box"] <= 390 and c["scrolls"] == (c["natural"] > c["box"]), c
                    # the box opens where the chart's labels are
                    if c["start"] == "left":
                        assert abs(c["imgLeft"] - c["boxLeft"]) < 2, c
                    else:
                        assert abs(c["imgRight"] - c["boxRight"]) < 2, c
                else:
                    assert not c["scrolls"] and c["shown"] <= c["natural"] + 1, c


def test_the_notebook_page_of_an_arabic_report_shows_its_code_left_to_right(
    arabic_reports, browser, tmp_path
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((arabic_reports / "caesar" / "evaluation.notebook.html").as_uri())
    page.screenshot(path=str(tmp_path / "notebook.png"))
    said = page.evaluate("""() => ({
        body: getComputedStyle(document.body).direction,
        code: getComputedStyle(document.querySelector('.input_area pre')).direction})""")
    page.close()
    assert said == {"body": "rtl", "code": "ltr"}
