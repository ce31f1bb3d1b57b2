"""The comparative report's verdict heat map makes each cell as tall as its text (trial 5,
F16): an Arabic verdict range with its confidence takes four lines («من ضعيف جداً إلى
مقبول (مستوى الثقة منخفض)»), and its last line, «منخفض)», was cut by the cell's bottom edge
— the figure was a fixed 3.8 inches tall, and the browser's Arabic font draws taller lines
than matplotlib measures. Checked where a reader sees it: the chart's SVG laid out by
Chromium, each line of every cell inside its cell."""

from __future__ import annotations

import base64
import re

import pytest

from conftest import act, small_record


def _results(tmp_path, name: str):
    from evalkit.results.build import results_document
    from evalkit.results.model import CampaignResults

    folder = tmp_path / name
    folder.mkdir()
    # names of three lines above their column, as the trial's were
    long = {"en": f"The {name} campaign for the street lights of a district (simulated)"}
    long["ar"] = f"حملة {name} لإنارة شوارع حي الشيخ مقصود (محاكاة)"
    campaign = small_record(folder, id=name, name=long, activities=[act("a1")])
    return CampaignResults.model_validate(results_document(campaign))


def _ranged(results, number: str):
    """The results with question `number` judged 'poor to fair (low confidence)': the range
    the trial's record had at question 4, as a verdict the unjudged criteria could lower."""
    q = results.questions[number].model_copy(
        update={"verdict": "fair", "verdict_floor": "poor", "confidence": "low"}
    )
    return results.model_copy(update={"questions": {**results.questions, number: q}})


def _heat_map_svg(results, lang: str) -> str:
    from evalkit.i18n import language, set_language
    from evalkit.render.charts import verdict_heatmap
    from evalkit.render.report import figure

    before = language()
    set_language(lang)
    try:
        html = str(figure(verdict_heatmap(results), "heat map", caption=""))
    finally:
        set_language(before)
    [data] = re.findall(r'data:image/svg\+xml;base64,([^"]+)"', html)
    return base64.b64decode(data).decode("utf-8")


# each line of each cell's words, and the cell it is drawn in (the QuadMesh's paths), as
# the browser lays the SVG out; words outside the grid (names, questions) are left aside
MEASURE = """() => {
  const box = e => e.getBoundingClientRect();
  const cells = [...document.querySelectorAll('g[id^="QuadMesh"] path')].map(box);
  const out = [];
  for (const t of document.querySelectorAll('text')) {
    const b = box(t), x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
    const cell = cells.find(c => c.left <= x && x <= c.right && c.top <= y && y <= c.bottom);
    if (cell) out.push({text: t.textContent, top: b.top, bottom: b.bottom, left: b.left,
                        right: b.right, cell: [cell.top, cell.bottom, cell.left, cell.right]});
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_line_of_every_heat_map_cell_lies_inside_its_cell(tmp_path, browser, lang):
    results = [
        _ranged(_results(tmp_path, "first"), "4"),
        _results(tmp_path, "second"),
        _ranged(_results(tmp_path, "third"), "2"),
    ]
    svg = tmp_path / "heat.svg"
    svg.write_text(_heat_map_svg(results, lang), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1300})
    page.goto(svg.as_uri())
    lines = page.evaluate(MEASURE)
    page.close()
    words = " ".join(line["text"] for line in lines)
    if lang == "ar":
        assert "منخفض)" in words and "ضعيف جداً" in words, words
    else:
        assert "poor to fair" in words, words
    assert len(lines) >= 15, lines
    outside = [
        line
        for line in lines
        if line["top"] < line["cell"][0]
        or line["bottom"] > line["cell"][1]
        or line["left"] < line["cell"][2]
        or line["right"] > line["cell"][3]
    ]
    assert not outside, outside


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_matplotlib_draws_every_cell_text_inside_its_cell(tmp_path, lang):
    """The same, as matplotlib measures it (runs without Chromium): each cell's text extent,
    all its lines, inside the cell's extent, with room to spare for a browser's taller lines."""
    from evalkit.i18n import language, set_language
    from evalkit.render.charts import verdict_heatmap

    results = [
        _ranged(_results(tmp_path, "first"), "4"),
        _results(tmp_path, "second"),
        _ranged(_results(tmp_path, "third"), "2"),
    ]
    before = language()
    set_language(lang)
    try:
        fig = verdict_heatmap(results)
    finally:
        set_language(before)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    [ax] = fig.axes
    measured = []
    for text in ax.texts:
        x, y = text.get_position()
        j, i = int(x), int(y)  # the cell (column j, row i) the text is centred in
        corners = ax.transData.transform([(j, i), (j + 1, i + 1)])
        (x0, y0), (x1, y1) = corners.min(axis=0), corners.max(axis=0)
        box = text.get_window_extent(renderer)
        measured.append((text.get_text(), box.height / (y1 - y0), box.width / (x1 - x0)))
        assert x0 < box.x0 and box.x1 < x1 and y0 < box.y0 and box.y1 < y1, (
            text.get_text(),
            box,
            (x0, y0, x1, y1),
        )
    # the four-line Arabic range (three lines in English) was there, and fills at most
    # three quarters of its cell's height
    tallest = max(measured, key=lambda m: m[1])
    assert tallest[0].count("\n") + 1 == (4 if lang == "ar" else 3), measured
    assert tallest[1] < 0.8, measured
    assert len(measured) == 15, measured
