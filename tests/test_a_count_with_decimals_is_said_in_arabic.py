"""The message for a count written with decimals is Arabic in an Arabic run: the metrics
that may have decimals with their kinds in Arabic, its example scale word Arabic (trial 10,
L9: «percent (share), donations (amount)» and '1.2 million' in an Arabic sentence)."""

import evalkit
from conftest import MET_HEADER, small_record

from evalkit.i18n import localized


def test_the_decimals_message_names_the_kinds_in_the_reader_s_language(tmp_path):
    campaign = small_record(tmp_path)
    (campaign.path / "metrics.csv").write_text(
        f"{MET_HEADER}\n2020-01,signatures,1.5,,,,,,,,s\n", encoding="utf-8"
    )
    _, problems = evalkit.check_record(campaign.path)
    [p] = problems
    english = localized(p.message, "en")
    assert english.endswith(
        "Only a metric that is no count may have decimals: percent (share), donations (amount)"
    )
    arabic = localized(p.message, "ar").replace("\u2068", "").replace("\u2069", "")
    assert "percent (نسبة)" in arabic and "donations (مبلغ)" in arabic
    assert "share" not in arabic and "amount" not in arabic and "million" not in arabic
