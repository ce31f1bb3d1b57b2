"""without_stop's shortcut (text that cannot end in a full stop is returned without the
regex, issue 16 item 6: a counterfactual's sentences fit a few dozen fields) gives what the
regex gives, on every ending the regex looks at."""

import itertools

from evalkit.i18n import _STOP, FSI, PDI, Exact, Msg, without_stop


def test_the_shortcut_is_the_regex_on_every_ending():
    parts = ["", "a", ".", "..", "…", PDI, FSI, "\n", " ", "3.5", "e.g", "x)"]
    for combo in itertools.product(parts, repeat=4):
        text = "".join(combo)
        assert without_stop(text) == _STOP.sub(r"\1", text), repr(text)
    assert without_stop("The end.\n") == "The end\n"  # $ matches before a final newline
    assert without_stop(f"{FSI}Oxfam.{PDI}") == f"{FSI}Oxfam{PDI}"


def test_what_is_not_plain_text_is_left_as_it_is():
    assert without_stop(Exact("file.")) == "file."
    assert without_stop(3.5) == 3.5
    stopped = without_stop(Msg("Done."))
    assert stopped == "Done"
