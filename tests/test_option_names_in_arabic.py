"""A command's option named in an Arabic sentence (`--campaigns`, `--as-of`) reads as one
left-to-right run with its dashes before the word, on a page and in a terminal's line: the
dashes are neutral characters, which a right-to-left line would otherwise draw after it."""

import json
import re

from click.testing import CliRunner

from evalkit.cli import main
from evalkit.i18n import FSI, PDI
from evalkit.record.problems import rtl_line
from evalkit.render.markup import esc


def test_an_option_in_an_arabic_page_sentence_is_isolated_with_its_dashes():
    page = str(esc("أعد التشغيل بالخيار --as-of ثم قارن.", "rtl"))
    assert re.search(r'<bdi dir="ltr"[^>]*>--as-of</bdi>', page)


def test_an_option_in_an_arabic_terminal_line_is_isolated_with_its_dashes():
    assert FSI + "--campaigns" + PDI in rtl_line("سمِّ الحملات بالخيار --campaigns (معرّفات)")


def test_a_dash_apart_from_the_word_stays_the_arabic_sentences_punctuation():
    assert rtl_line("نص - English text") == "نص - " + FSI + "English text" + PDI


def test_the_arabic_compare_refusal_names_its_option_in_one_piece(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "results.json").write_text(json.dumps({"schema_version": 2}))
    said = CliRunner().invoke(main, ["compare", str(tmp_path), "--lang", "ar"]).output
    assert "--campaigns" in said.replace(FSI, "").replace(PDI, "")
    assert "--" + FSI not in said  # the dashes inside the run, never left before it
    assert FSI + "--campaigns" + PDI in said
