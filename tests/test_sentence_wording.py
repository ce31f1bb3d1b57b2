"""How sentences say numbers and dates: a signed number in an Arabic sentence keeps its sign
before its digits on screen (the sign is a neutral character, which a right-to-left line
draws after the digits, '291.7%+'; evalkit.i18n.LTR_TEXT); a start known to a window."""

import numpy as np
import pandas as pd

from evalkit.i18n import FSI, PDI, isolated, localized
from evalkit.stats import Counterfactual


def test_a_signed_number_is_isolated_in_an_arabic_sentence_and_left_alone_in_english():
    for value in ("+291.7%", "-0.5", "−1.03", "+2"):
        assert isolated(value, "ar") == FSI + value + PDI
        assert isolated(value, "en") == value
    # an unsigned number has no neutral to move, and a hyphenated word is no sign
    for value in ("12%", "2014", "0.78"):
        assert isolated(value, "ar") == value


def test_the_counterfactuals_relative_effect_reads_with_its_sign_first_in_arabic():
    rng = np.random.default_rng(7)
    n = 80
    y = 10 + rng.normal(size=n)
    y[60:] += 25  # a large rise: a relative effect with a '+' sign, and lower bounds too
    d = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n), "y": y})
    cf = Counterfactual(
        d, "y", [], (d.date[0], d.date[59]), (d.date[60], d.date[n - 1]), time="date"
    )
    said = [localized(s, "ar") for s in cf.sentences()]
    effect = next(s for s in said if "+" in s)
    # every signed figure sits inside an isolate: none is drawn with its sign at the end
    plain = effect
    for part in effect.split(FSI)[1:]:
        plain = plain.replace(FSI + part.split(PDI)[0] + PDI, "")
    assert "+" not in plain, effect
    assert FSI + "+" in effect


def test_a_phase_started_inside_a_window_is_said_to_start_between_its_ends():
    """Save Ghouta's phase 'after' started some time in 2018-03..2018-12: before, its timing
    line read '(from between 2018-03 and 2018-12, …)'."""
    from conftest import CASE_STUDIES

    from evalkit.evaluation.timing import launch_timing
    from evalkit.record.load import load_campaign

    record = load_campaign(CASE_STUDIES / "save-ghouta").record
    said = {t.phase.id: t.sentence() for t in launch_timing(record)}
    en, ar = localized(said["after"], "en"), localized(said["after"], "ar")
    assert "(started between 2018-03 and 2018-12, " in en and "from between" not in en
    assert "(بدأت بين " in ar and "من بين" not in ar
    # an exact start keeps 'from'
    exact = next(t for k, t in said.items() if k != "after" and ".." not in str(t))
    assert "(from " in localized(exact, "en")
