"""A record written in English, reported in Arabic (`evalkit run RECORD --lang ar`): every
piece of the record's text — a cause, an event, a phase name, an id, a date — is isolated
from the Arabic around it, so a reader's browser shows each English run in one piece, in
its own order, its full stop at its end (issue 17 item 2). Checked where a reader checks it:
the boxes Chromium lays the characters out in, at several page widths."""

import base64
import re

import pytest
from click.testing import CliRunner

from conftest import act, small_record
from evalkit.cli import main

CAUSE = "276 schoolgirls were abducted from Chibok, Borno State, by Boko Haram in April 2014."
SUMMARY = "A hand-made test record in English. Parents marched in Abuja (Unity Fountain sit-ins)."
EVENTS = {
    "abduction": ("2014-04-14", "Boko Haram abducts the schoolgirls from Chibok."),
    "video": ("2014-05-05", "Shekau claims the abduction in a video (the girls will be sold)."),
    "summit": (
        "2014-05-17",
        "Paris summit on security in Nigeria (Nigeria, its neighbours and Western states)",
    ),
}


def _english_record(folder):
    return small_record(
        folder,
        activities=[
            act("march", audience="national-assembly", language="en", date="2014-04-30").replace(
                "activity march", "March to the National Assembly in the rain."
            ),
            act(
                "sit-in", "advocacy", audience="national-assembly", language="en", date="2014-06"
            ).replace("activity sit-in", "Daily sit-ins (Unity Fountain)."),
        ],
        id="english-record",
        name={"en": "Bring Back Our Girls (test)"},
        cause=CAUSE,
        summary=SUMMARY,
        organisers=["Oby Ezekwesili (former minister)", "Chibok parents' association."],
        phases=[
            {
                "id": "first-marches",
                "name": "First marches (Abuja and Lagos)",
                "start": "2014-04-30",
                "end": "2014-05",
                "trigger": "abduction",
                "source": "s",
            },
            {
                "id": "sit-ins",
                "name": "Daily sit-ins at the Unity Fountain",
                "start": "late 2014-05",
                "end": "2015-05-28",
                "source": "s",
            },
        ],
        hot_events=[
            {"id": k, "kind": "other", "description": d, "date": date, "source": "s"}
            for k, (date, d) in EVENTS.items()
        ],
        goals=[
            {
                "id": "rescue",
                "level": "main",
                "horizon": "medium",
                "text": "Rescue the girls and bring them home.",
                "deadline": "2014-12",
                "decision_makers": ["National Assembly"],
                "source": "s",
                "judgements": [
                    {
                        "attainment": "partly",
                        "as_of": "2017-05",
                        "evidence": "Some of the girls were freed by 2017.",
                        "judged_by": "tester",
                        "source": "s",
                    }
                ],
            }
        ],
        audiences=[
            {
                "id": "national-assembly",
                "segment": "decision_makers",
                "tier": "primary",
                "region": "local",
                "languages": ["en"],
                "stance": "neutral",
                "targeted": "yes",
                "reached": "yes",
                "source": "s",
            },
            {
                "id": "world-public",
                "segment": "general_public",
                "tier": "secondary",
                "region": "international",
                "languages": ["en"],
                "stance": "ally",
                "targeted": "yes",
                "reached": "yes",
                "source": "s",
            },
        ],
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The record's report in Arabic and in English."""
    folder = tmp_path_factory.mktemp("record")
    campaign = _english_record(folder)
    out = {}
    for lang in ("ar", "en"):
        out[lang] = tmp_path_factory.mktemp(lang)
        result = CliRunner().invoke(
            main,
            ["run", str(campaign.path), "--out", str(out[lang]), "--lang", lang, "--no-progress"],
        )
        assert result.exit_code == 0, result.output
    return {lang: path / "english-record" / "evaluation.html" for lang, path in out.items()}


# The boxes of each character of `piece` (every occurrence) in the elements matching
# `selector` whose text holds `within` too, and of every other visible character of the
# same element.
_BOXES = """([selector, piece, within]) => {
    const found = [];
    for (const el of document.querySelectorAll(selector)) {
        const nodes = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) nodes.push(walker.currentNode);
        const text = nodes.map(n => n.data).join('');
        if (!text.includes(within)) continue;
        const starts = [];
        for (let i = text.indexOf(piece); i >= 0; i = text.indexOf(piece, i + 1)) starts.push(i);
        if (!starts.length) continue;
        const chars = [];
        let at = 0;
        for (const n of nodes) {
            for (let i = 0; i < n.length; i++, at++) {
                if (!n.data[i].trim() || /[\\u2066-\\u2069]/.test(n.data[i])) continue;
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const b = r.getClientRects()[0];
                if (b && b.width > 0) chars.push({at, c: n.data[i], x: b.left + b.width / 2,
                    left: b.left, right: b.right, top: b.top, bottom: b.bottom});
            }
        }
        for (const s of starts) found.push({
            run: chars.filter(c => c.at >= s && c.at < s + piece.length),
            others: chars.filter(c => c.at < s || c.at >= s + piece.length),
        });
    }
    return found;
}"""


def _lines(chars):
    """Characters grouped into the lines they stand on, top to bottom."""
    lines: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if lines and abs(lines[-1][0]["top"] - c["top"]) < 4:
            lines[-1].append(c)
        else:
            lines.append([c])
    return lines


def _problems(run, others, boxed=True):
    """What a reader would see wrong with an English run: characters out of their left-to-
    right order on a line, lines out of order, another text inside its box (interleaved),
    its last character not at the right end of its last line."""
    lines = _lines(run)
    said = []
    for line in lines:
        logical = sorted(line, key=lambda c: c["at"])
        if [c["x"] for c in logical] != sorted(c["x"] for c in logical):
            said.append("characters out of order on a line")
    order = [min(c["at"] for c in line) for line in lines]
    if order != sorted(order):
        said.append("lines out of order")
    last = max(run, key=lambda c: c["at"])
    if last["x"] != max(c["x"] for c in lines[-1]) or last not in lines[-1]:
        said.append(f"its last character {last['c']!r} is not at its end")
    if boxed:
        left, right = min(c["left"] for c in run), max(c["right"] for c in run)
        top, bottom = min(c["top"] for c in run), max(c["bottom"] for c in run)
        inside = [
            o["c"]
            for o in others
            if left < o["x"] < right and top < (o["top"] + o["bottom"]) / 2 < bottom
        ]
        if inside:
            said.append(f"other text inside it: {''.join(inside)!r}")
    return said


WIDTHS = (1280, 1000, 760)


def test_english_record_text_in_the_arabic_report_reads_in_one_piece_with_its_stop_at_its_end(
    reports, browser, tmp_path
):
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 1000})
    page.goto(reports["ar"].as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # (where, English run, what else the element holds, boxed: it stands as an item of its
    # own, so nothing else may stand inside its box; a run the sentence quotes wraps with
    # the sentence)
    row = "(2014-04-14)؛ Shekau"  # only the Hot events row holds this
    samples = [
        ("td", CAUSE, "", True),  # the Cause cell: a sentence starting with a number
        ("td", SUMMARY, "", True),
        # the Hot events row: each event, then its date in brackets, one after the other
        *(("td", d.rstrip("."), row, True) for _, d in EVENTS.values()),
        ("td", "2014-04-30", "", True),  # a date in a table (Phases, the grid, timing)
        ("td", "2015-05-28", "", True),
        ("td", "national-assembly", "", True),  # an id in question 2's criteria
        ("td", "First marches (Abuja and Lagos)", "", True),
        ("td", "Oby Ezekwesili (former minister)", "", True),  # an item of a list (Organisers)
        # a sentence the launch timing quotes, its full stop inside the quote
        ("td", EVENTS["abduction"][1], "«", False),
    ]
    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        page.screenshot(path=str(tmp_path / f"ar-{width}.png"), full_page=True)
        for selector, piece, within, boxed in samples:
            found = page.evaluate(_BOXES, [selector, piece, within])
            assert found, f"{piece!r} is not in any {selector}"
            for one in found:
                for problem in _problems(one["run"], one["others"], boxed):
                    failures.append((width, piece[:40], problem))
    assert failures == [], "\n".join(map(str, failures))


def test_the_arabic_timeline_key_reads_right_to_left_with_each_phase_in_one_piece(reports, browser):
    page_text = reports["ar"].read_text(encoding="utf-8")
    svg = next(
        base64.b64decode(d).decode("utf-8")
        for d in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page_text)
        if "First marches" in base64.b64decode(d).decode("utf-8")
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_content(f"<!DOCTYPE html><html><body>{svg}</body></html>")
    # the key's line: المراحل: 1 {name} ({start} إلى {end})؛ 2 {name}, right to left
    pieces = ["المراحل", "1", "First marches (Abuja and Lagos)", "(", "2014-04-30", "إلى"]
    pieces += ["2014-05", ")", "2", "Daily sit-ins at the Unity Fountain"]
    found = page.evaluate(
        """(pieces) => {
        const t = [...document.querySelectorAll('text')]
            .find(e => e.textContent.includes('First marches'));
        const text = t.textContent, out = [];
        let from = 0;
        for (const p of pieces) {
            const i = text.indexOf(p, from); from = i + p.length;
            const xs = [];
            for (let k = i; k < i + p.length; k++) {
                const b = t.getExtentOfChar(k); xs.push(b.x + b.width / 2);
            }
            out.push({piece: p, xs});
        }
        return out;
    }""",
        pieces,
    )
    centres = [sum(p["xs"]) / len(p["xs"]) for p in found]
    assert centres == sorted(centres, reverse=True), found  # right to left
    for name in (found[2], found[-1]):
        assert name["xs"] == sorted(name["xs"]), name  # the English names left to right


def test_the_english_report_of_the_same_record_isolates_nothing(reports):
    """The isolation is the Arabic page's: the English page shows the record's text as
    written, with no left-to-right isolate and no isolate mark in it."""
    page = reports["en"].read_text(encoding="utf-8")
    assert CAUSE in page and '<bdi dir="ltr"' not in page
    assert not re.search("[\u2066-\u2069]", page)
