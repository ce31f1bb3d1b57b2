"""`evalkit run --lang ar`: an Arabic, right-to-left report in which every word evalkit
writes comes from the message catalogue; the record's own text is shown as written; numbers
and dates keep their order; results.json stays the same data in any language."""

import csv
import html
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import CASE_IDS, CASE_STUDIES
from evalkit.cli import main
from evalkit.i18n import catalogue, plural_catalogue
from evalkit.i18n.messages import all_messages, plural_messages

ROOT = CASE_STUDIES.parent
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_every_message_has_an_arabic_translation_keeping_its_fields():
    ar = catalogue("ar")
    missing = sorted(m for m in all_messages() if not ar.get(m))
    assert missing == [], f"{len(missing)} untranslated; run scripts/update_catalogue.py"
    for msgid, text in ar.items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), msgid


def test_the_catalogue_holds_no_message_the_code_no_longer_uses():
    assert sorted(set(catalogue("ar")) - all_messages()) == []
    used = {form for pair in plural_messages() for form in pair}
    assert sorted(set(plural_catalogue("ar")) - used) == []


def test_every_message_with_a_count_has_its_six_arabic_forms():
    forms = plural_catalogue("ar")
    assert plural_messages()  # "{n} day" / "{n} days" at least
    for singular, plural in plural_messages():
        assert len(forms.get(singular, ())) == 6, singular
        fields = set(PLACEHOLDER.findall(plural))
        assert all(set(PLACEHOLDER.findall(f)) <= fields for f in forms[singular]), singular
        assert set(PLACEHOLDER.findall(forms[singular][3])) == fields, singular  # 3–10


def test_a_count_of_days_takes_the_arabic_form_for_its_number():
    from evalkit.i18n import Msg

    said = {n: Msg("{n} day", "{n} days", n=n) for n in (1, 2, 3, 11, 100)}
    assert [str(said[n]) for n in (1, 2)] == ["1 day", "2 days"]
    assert [said[n].translated("ar") for n in (1, 2, 3, 11, 100)] == [
        "يوم واحد",
        "يومان",
        "3 أيام",
        "11 يوماً",
        "100 يوم",
    ]


def test_arabic_lists_vague_dates_and_fields_are_written_the_arabic_way():
    from evalkit.i18n import FSI, PDI, Msg, joined, localized

    assert (
        joined(", ", [Msg("{n} of {total} met", n=1, total=2), "W7"])
        .translated("ar")
        .endswith("، " + FSI + "W7" + PDI)
    )
    assert localized("late 2015-07", "ar") == "أواخر " + FSI + "2015-07" + PDI
    assert localized("late 2015-07", "en") == "late 2015-07"
    # a window, with a qualifier at its end or at both, said in words: each end in Arabic,
    # each date isolated, never the record's syntax '..'
    assert localized("late 2019-12..early 2020-01", "ar") == (
        "بين أواخر " + FSI + "2019-12" + PDI + " وأوائل " + FSI + "2020-01" + PDI
    )
    assert localized("2018-08..mid 2018-09", "ar") == (
        "بين " + FSI + "2018-08" + PDI + " ومنتصف " + FSI + "2018-09" + PDI
    )
    assert localized("2018-08..mid 2018-09", "en") == "between 2018-08 and mid 2018-09"
    # a Latin field keeps its own order inside an Arabic sentence; a plain number needs not
    said = Msg(
        "Verdict: {sentence}",
        sentence=Msg(
            "the start came {days} the event", days=Msg("{n} day after", "{n} days after", n=65)
        ),
    ).translated("ar")
    assert FSI not in said and "65 يوماً بعد" in said


def _record_text(folder):
    """Every string the evaluator wrote in the record: shown as written in any language."""
    found = set()

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            found.add(" ".join(x.split()))
            found.update(part for part in x.split("; "))  # a long cell may be cut at one

    walk(YAML(typ="safe").load((folder / "campaign.yaml").read_text(encoding="utf-8")))
    for name in ("activities.csv", "metrics.csv", "engagements.csv", "decisions.csv", "series.csv"):
        if not (folder / name).is_file():
            continue
        with open(folder / name, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                found |= {" ".join(c.split()) for c in row}
                found |= {part for c in row for part in c.split("; ")}
    return found


def _page_language(page):
    """The <html> element's lang and dir (in whichever order the page writes them)."""
    tag = re.search(r"<html\b[^>]*>", page).group(0)
    return tuple(re.search(rf'\b{a}="([^"]*)"', tag).group(1) for a in ("lang", "dir"))


def _chart_text(page):
    """The words drawn in the charts: each is an SVG whose text stays text."""
    import base64

    out = []
    for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page):
        svg = base64.b64decode(data).decode("utf-8")
        out += [
            html.unescape(re.sub(r"<[^>]+>", "", t))
            for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
        ]
    return " ".join(out)


def _visible_text(page):
    charts = _chart_text(page)
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)  # never seen
    page = re.sub(r'src="data:[^"]*"', "", page) + " <p>" + html.escape(charts) + "</p>"
    page = re.sub(r"</?(bdi|a|code|strong|span)\b[^>]*>", "", page)  # inline: no break
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    # the directional marks and isolates are invisible: they only order what is seen
    return " ".join(re.sub("[\u200e\u200f\u2066-\u2069]", "", text).split())


# words that stay Latin in an Arabic report: file names and formats a reader types or opens,
# the SMART acronym, the program's own name and commands, the record paths evidence cites
# and the record field `follows`, and the proper names of two statistical methods
KEPT = {
    "Ljung-Box",
    "Newey",
    "West",
    "CausalImpact",
    "evalkit",
    "csv",
    "yaml",
    "json",
    "JSON",
    "results",
    "activities",
    "metrics",
    "engagements",
    "decisions",
    "campaign",
    "series",
    "SMART",
    "docs",
    "evaluation-method",
    "run",
    "goals",
    "audiences",
    # entries without ids cited at their place from 0 ('campaign.yaml media_tools.accounts[1]')
    "accounts",
    "hashtags",
    "md",
    "run-all",
    "follows",
    "worksheets",
}


def _english_left(text, record_text):
    """The Latin words of `text` once the record's own strings are taken out."""
    for written in sorted(record_text, key=len, reverse=True):
        if len(written) >= 3:
            for w in {written, written.rstrip(".")}:
                text = re.sub(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", " ", text)
    return [w for w in re.findall(r"\b[A-Za-z][A-Za-z'-]{2,}\b", text) if w not in KEPT]


@pytest.mark.parametrize("case", CASE_IDS)
def test_arabic_report_is_right_to_left_and_all_evalkits_words_are_arabic(arabic_reports, case):
    page = (arabic_reports / case / "evaluation.html").read_text(encoding="utf-8")
    assert _page_language(page) == ("ar", "rtl")
    text = _visible_text(page)
    left = _english_left(text, _record_text(CASE_STUDIES / case))
    assert left == [], left[:40]
    for heading in ("الأسئلة الخمسة في لمحة", "قائمة التحقق في الورقة", "ما العمل بعد ذلك"):
        assert heading in text


def test_arabic_comparative_report_translates_what_it_reads_from_results_json(arabic_reports):
    page = (arabic_reports / "comparative.html").read_text(encoding="utf-8")
    assert _page_language(page) == ("ar", "rtl")
    text = _visible_text(page)
    assert "مقارنة الحملات" in text and "الوصول مقابل النتيجة" in text
    # the grid, the rates and the launch sentences come from results.json: in Arabic too
    records = set().union(*(_record_text(CASE_STUDIES / case) for case in CASE_IDS))
    left = _english_left(text, records)
    assert left == [], left[:40]


def test_results_json_is_the_same_data_whatever_the_report_language(arabic_reports, case_reports):
    for case in CASE_IDS:
        ar = json.loads((arabic_reports / case / "results.json").read_text(encoding="utf-8"))
        en = json.loads((case_reports / case / "results.json").read_text(encoding="utf-8"))
        assert ar == en, case


def test_english_stays_the_default(case_reports):
    page = (case_reports / "caesar" / "evaluation.html").read_text(encoding="utf-8")
    assert _page_language(page) == ("en", "ltr") and "The five questions at a glance" in page


def test_arabic_page_in_a_browser_is_right_aligned_and_numbers_read_left_to_right(
    arabic_reports, browser, tmp_path
):
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.goto((arabic_reports / "caesar" / "evaluation.html").as_uri())
    page.screenshot(path=str(tmp_path / "arabic.png"))
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # the title's text ends at the right edge of its box: right-aligned
    title = page.evaluate("""() => {
        const h = document.querySelector('h1'), r = document.createRange();
        r.selectNodeContents(h);
        const t = r.getBoundingClientRect(), b = h.getBoundingClientRect();
        return {textRight: t.right, boxRight: b.right};
    }""")
    assert abs(title["boxRight"] - title["textRight"]) < 4, title
    # a date after an Arabic word: its digits are laid out left to right, not mirrored
    order = page.evaluate("""() => {
        const bdi = [...document.querySelectorAll('bdi')]
            .find(b => /^\\d{4}-\\d{2}$/.test(b.textContent));
        const node = bdi.firstChild, xs = [];
        for (let i = 0; i < node.length; i++) {
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
            xs.push(r.getBoundingClientRect().left);
        }
        return {text: bdi.textContent, xs};
    }""")
    assert order["xs"] == sorted(order["xs"]), order


def _positions(page, selector, pieces):
    """The x centre and top of each piece of text, found in order in the first element
    matching `selector` whose text holds them all."""
    return page.evaluate(
        """([selector, pieces]) => {
        const el = [...document.querySelectorAll(selector)]
            .find(e => { let at = 0; return pieces.every(p => (at = e.textContent.indexOf(p, at)) >= 0); });
        if (!el) return null;
        const nodes = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) nodes.push(walker.currentNode);
        const text = nodes.map(n => n.data).join('');
        const at = (i) => { for (const n of nodes) { if (i < n.length) return [n, i]; i -= n.length; } };
        let from = 0;
        return pieces.map(p => {
            const i = text.indexOf(p, from); from = i + p.length;
            const [a, ai] = at(i), [b, bi] = at(i + p.length - 1);
            const r = document.createRange(); r.setStart(a, ai); r.setEnd(b, bi + 1);
            const box = r.getClientRects()[0];
            return {piece: p, x: box.left + box.width / 2, top: box.top};
        });
    }""",
        [selector, pieces],
    )


def _right_to_left(found, pairs=2):
    """Consecutive pieces on one line stand right to left, as an Arabic reader reads."""
    same_line = [(a, b) for a, b in zip(found, found[1:]) if abs(a["top"] - b["top"]) < 3]
    assert len(same_line) >= pairs, found
    return all(a["x"] > b["x"] for a, b in same_line)


def test_latin_runs_and_dates_inside_arabic_text_stand_in_reading_order(
    arabic_reports, browser, tmp_path
):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto((arabic_reports / "caesar" / "evaluation.html").as_uri())
    page.screenshot(path=str(tmp_path / "caesar-ar.png"), full_page=True)
    # the Phases row: a Latin phase name, then its dates in parentheses, the vague one in
    # Arabic words: name · ( · منتصف 2014 · إلى · 2014 · ) from right to left
    phase = _positions(page, "td", ["hearing", "(", "منتصف", "2014", "إلى", "2014)"])
    assert phase is not None, "the Phases row names the vague start in Arabic"
    assert _right_to_left(phase), phase
    # the Goal row of the grid: the goal's English text, then its term in Arabic
    page.goto((arabic_reports / "save-ghouta" / "evaluation.html").as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    goal = _positions(page, "td", ["outside Syria", "(", "مدى قصير", ")"])
    assert goal is not None and _right_to_left(goal), goal
    page.goto((arabic_reports / "index.html").as_uri())
    # the run line: "… {version} من evalkit." — the full stop ends the Arabic sentence, at
    # its left end, outside the Latin name
    found = _positions(page, "p", ["evalkit", "."])
    assert found is not None and _right_to_left(found, pairs=1), found


def test_the_arabic_comparative_names_campaigns_in_arabic_and_lays_its_heat_map_right_to_left(
    arabic_reports,
):
    import base64

    page = (arabic_reports / "comparative.html").read_text(encoding="utf-8")
    results = sorted(
        (json.loads((arabic_reports / c / "results.json").read_text()) for c in CASE_IDS),
        key=lambda r: (r["facts"]["start"], r["record"]["id"]),
    )
    names = [r["record"]["name_ar"] for r in results]  # the comparison's order: by start
    for name in names:
        assert name in page
    m = re.search(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,([^"]+)"', page)
    svg = base64.b64decode(m.group(1)).decode("utf-8")
    # each question's label is a right-to-left isolate (RLI): its number first, at the right
    assert "\u20671." in svg
    # the first campaign (the earliest) in the right-hand column, as in the table below
    xs = {
        n: float(
            re.search(rf'<text[^>]*x="([\d.]+)"[^>]*>\u2067?{re.escape(n.split()[0])}', svg).group(
                1
            )
        )
        for n in names[:1] + names[-1:]
    }
    first, last = names[0], names[-1]
    assert xs[first] > xs[last], xs


def test_arabic_titles_are_text_without_markup(arabic_reports):
    for path in [
        arabic_reports / "index.html",
        arabic_reports / "comparative.html",
        arabic_reports / "caesar" / "evaluation.html",
        arabic_reports / "caesar" / "record.html",
    ]:
        title = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        assert "<" not in title.group(1) and "&lt;" not in title.group(1), path


def test_a_sentence_read_back_from_results_json_translates_like_the_original():
    from evalkit.i18n import Msg, joined, message_table, revive

    inner = Msg("{part} of {n} hashtag trended", "{part} of {n} hashtags trended", part=1, n=6)
    outer = Msg("{what}", what=joined("; ", [inner, Msg("no coalition recorded")]))
    stored = json.loads(json.dumps({"x": outer}))  # as results.json holds it: text only
    table = json.loads(json.dumps(message_table({"x": outer})))
    back = revive(stored["x"], table)
    assert str(back) == str(outer)
    assert back.translated("ar") == outer.translated("ar") != str(outer)


def test_every_record_writes_its_sentence_table_as_json(tmp_path):
    """Fields of any type (a coalition's size is a qualified count) are stored as JSON."""
    from conftest import ROOT
    from evalkit import load_campaign
    from evalkit.i18n import message_table
    from evalkit.results.build import campaign_results

    for folder in sorted((ROOT / "tests" / "records").iterdir()):
        if (folder / "campaign.yaml").is_file():
            json.dumps(message_table(campaign_results(load_campaign(folder))))


def test_an_arabic_timeline_of_a_short_campaign_names_no_month_in_english(tmp_path):
    # a span of weeks puts the year and month beside the axis as an offset ("2012-Jan")
    from evalkit.i18n import set_language
    from evalkit.render.timeline import campaign_timeline
    from conftest import small_record

    c = small_record(
        tmp_path,
        phases=[
            {"id": "p1", "name": "one", "start": "2012-01-18", "end": "2012-01-20", "source": "s"}
        ],
    )
    set_language("ar")
    try:
        fig = campaign_timeline(c)
        fig.canvas.draw()  # the formatter writes the labels when drawn
    finally:
        set_language("en")
    drawn = " ".join(
        t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + [ax.xaxis.get_offset_text()]
    )
    assert "2012-01" in drawn
    assert not re.search(r"Jan|Feb|Dec", drawn), drawn


def test_the_index_of_an_arabic_run_is_arabic_with_the_campaigns_arabic_names(arabic_reports):
    page = (arabic_reports / "index.html").read_text(encoding="utf-8")
    assert _page_language(page) == ("ar", "rtl")
    text = _visible_text(page)
    assert "تقييمات الحملات" in text and "أنقذوا الغوطة" in text  # heading; Save Ghouta's name
    # the dashboard quotes each main goal as its record writes it; all else is Arabic
    written = set().union(*(_record_text(CASE_STUDIES / c) for c in CASE_IDS))
    assert _english_left(text, written) == []
    assert "الأسئلة الخمسة" in text


def test_the_workshop_worksheets_in_arabic_are_arabic_and_right_to_left(tmp_path):
    result = CliRunner().invoke(main, ["worksheets", "--out", str(tmp_path), "--lang", "ar"])
    assert result.exit_code == 0, result.output
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "ar").glob("*.html")}
    assert len(pages) == 4
    for name, page in pages.items():
        assert _page_language(page) == ("ar", "rtl"), name
        assert _english_left(_visible_text(page), set()) == [], name
    # the vocabulary is evalkit's own, translated: the segments, the verdict scale
    assert "صناع القرار" in pages["audience-grid"]  # decision makers
    assert "أدلة غير كافية" in pages["five-question-debrief"]  # insufficient evidence
    assert "الصفحة" in pages["launch-timing"]  # the running footer: page


# the tatweel (U+0640) joins a prefixed letter to what cannot take it joined: a digit, a
# quotation «…», a number filled in ({n}, {range}); never an Arabic letter («بـصيغتين») or a
# field that holds words or Latin codes («بـ{language}», «لـ{case}», «بـ{late}»)
TATWEEL = "\u0640"
TATWEEL_ALLOWED = re.compile("\u0640(?=[0-9«]|\\{(?:n|range)\\})")


def test_no_arabic_message_puts_a_tatweel_before_a_letter_or_a_field_of_words():
    texts = [
        *catalogue("ar").values(),
        *(f for forms in plural_catalogue("ar").values() for f in forms),
    ]
    stray = [t for t in texts if t.count(TATWEEL) != len(TATWEEL_ALLOWED.findall(t))]
    assert stray == []


@pytest.mark.slow
def test_an_arabic_report_says_the_confidence_level_in_words_that_agree(tmp_path):
    result = CliRunner().invoke(
        main,
        ["run", str(CASE_STUDIES / "caesar"), str(ROOT / "examples" / "sicily-smoke-free-law")]
        + ["--out", str(tmp_path), "--lang", "ar", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    caesar = _visible_text((tmp_path / "caesar" / "evaluation.html").read_text(encoding="utf-8"))
    # «الثقة» is feminine and the level words masculine («عالٍ»): «الثقة عالٍ» was the report's
    assert "مستوى الثقة بالحكم عالٍ" in caesar and "مستوى الثقة بالحكم متوسط" in caesar
    assert not re.search("(?<!مستوى )الثقة (?:بالحكم )?(?:عالٍ|متوسط|منخفض)", caesar)
    assert "# السؤال الحكم مستوى الثقة المعايير المستوفاة" in caesar  # the verdicts' heading
    assert "حسابات باللغة العربية يديرها فريقان" in caesar  # a language by its name
    # question 2's word takes the article as the other questions' do («الجمهور»، «الأهداف»)
    assert (
        # question 2 a range: 3 of 4 judgeable met, 3 of 7 were the unjudged unmet
        "1 الجمهور: جيد (مستوى الثقة عالٍ) · 2 الوصول: من ضعيف إلى جيد (مستوى الثقة منخفض) · "
        "3 الأهداف" in caesar
    )
    sicily = _visible_text(
        (tmp_path / "sicily-smoke-free-law" / "evaluation.html").read_text(encoding="utf-8")
    )
    # the sensitivity table's bounds are the average effect's, not the levels low and high
    assert "متوسط الأثر الحد الأدنى للمتوسط الحد الأعلى للمتوسط احتمال الذيل" in sicily
    for page in (caesar, sicily):
        assert not re.search(f"{TATWEEL}(?![0-9«])", page), re.findall(
            f".{{20}}{TATWEEL}.{{20}}", page
        )


def test_an_arabic_report_shows_the_records_ids_and_words_as_written_never_translated(tmp_path):
    # an audience whose id is a vocabulary word (the place 'home', «بلد الحملة») and no
    # description, and one whose description is another ('media'): the record's own words
    record = tmp_path / "caesar"
    shutil.copytree(CASE_STUDIES / "caesar", record)
    yaml = YAML()
    data = yaml.load((record / "campaign.yaml").read_text(encoding="utf-8"))
    inside = next(a for a in data["audiences"] if a["id"] == "syrians-inside")
    inside["id"] = "home"
    del inside["description"]
    abroad = next(a for a in data["audiences"] if a["id"] == "syrians-abroad")
    abroad["description"] = "media"
    with open(record / "campaign.yaml", "w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    for table in ("activities.csv", "engagements.csv", "metrics.csv"):
        path = record / table
        path.write_text(
            path.read_text(encoding="utf-8").replace("syrians-inside", "home"), encoding="utf-8"
        )
    # and a table's own words: an activity described as 'media'
    with open(record / "activities.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("description")] = "media"
    with open(record / "activities.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(record), "--out", str(out), "--lang", "ar", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    page = _visible_text((out / "caesar" / "evaluation.html").read_text(encoding="utf-8"))
    page = page.replace("\u2068", "").replace("\u2069", "")
    # question 2's targeted audiences, each by its own name, its reach in Arabic
    assert "home: تم الوصول إليه" in page and "media: تم الوصول إليه" in page, page
    assert "بلد الحملة: تم" not in page and "الإعلام: تم" not in page
    assert "media [أوائل 2018]" in page and "الإعلام [" not in page  # the grid's activity
    # and so when a report reads the sentence back from results.json (the comparative)
    from evalkit.i18n import localized, remember, revive

    results = json.loads((out / "caesar" / "results.json").read_text(encoding="utf-8"))
    remember(results["messages"])
    said = [
        localized(revive(text, results["messages"]), "ar")
        for text in results["messages"]
        if "targeted audiences with a known reach" in text
    ]
    assert said and all(
        "home: تم الوصول إليه" in s.replace("\u2068", "").replace("\u2069", "") for s in said
    )


def test_an_arabic_count_agrees_with_its_number_after_a_bound_and_in_counted_sentences(
    tmp_path,
):
    # two activities counted as the sources give them: 'more than 8' events (a noun of
    # 3 to 10: «فعاليات»), 'about 1' (no word form can carry 'about': «حوالي 1 فعالية»)
    record = tmp_path / "caesar"
    shutil.copytree(CASE_STUDIES / "caesar", record)
    with open(record / "activities.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    events = rows[0].index("events")
    rows[1][events], rows[2][events] = "more than 8", "about 1"
    with open(record / "activities.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(record), "--out", str(out), "--lang", "ar", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    page = _visible_text((out / "caesar" / "evaluation.html").read_text(encoding="utf-8"))
    page = page.replace("\u2068", "").replace("\u2069", "")
    assert "(أكثر من 8 فعاليات)" in page and "(حوالي 1 فعالية)" in page
    assert "أكثر من 8 فعالية" not in page and "حوالي 1 فعاليات" not in page
    # counts said beside a word that would have to agree with them are said as a number
    assert "عدد صناع القرار المسمَّين: " in page and "عدد الشركاء المسمَّين: 18" in page
    assert not re.search(r"\d+ مسمَّون", page)
    assert re.search(r"المعايير المستوفاة: \d+ من \d+ قابلة للحكم", page)
    assert not re.search(r"من \d+ معايير قابلة للحكم", page)


def test_the_records_own_words_are_still_text_to_json_yaml_and_pickle():
    import io
    import pickle

    from evalkit.i18n import Verbatim
    from evalkit.record.load import load_campaign

    record = load_campaign(CASE_STUDIES / "caesar").record
    audience = record.audiences[0]
    assert isinstance(audience.id, Verbatim) and not isinstance(audience.segment, Verbatim)
    dumped = record.model_dump()
    out = io.StringIO()
    YAML().dump(dumped, out)  # the round-trip writer, as the workshop's copies use it
    assert f"id: {audience.id}" in out.getvalue()
    assert json.loads(json.dumps(dumped, default=str))["audiences"][0]["id"] == audience.id
    assert isinstance(pickle.loads(pickle.dumps(audience.id)), Verbatim)
