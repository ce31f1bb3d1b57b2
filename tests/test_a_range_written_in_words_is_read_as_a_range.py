"""A range written as people write it — 'between 3,000 and 4,000', '3,000–4,000' (as a
report writes one), «ما بين 3000 و 4000» (trial 17, L1: refused, the error offering only
'50000..70000') — is read as the range '3000..4000'; one that runs from high to low is
refused as '4000..3000' is, and a qualified end is no plain range."""

import pytest

from evalkit.i18n import localized
from evalkit.record.values import Quantity


@pytest.mark.parametrize(
    "written",
    [
        "3000..4000",
        "between 3000 and 4000",
        "Between 3,000 and 4,000",
        "from 3,000 to 4,000",
        "3,000–4,000",
        "3000-4000",
        "ما بين 3000 و 4000",
        "بين ٣٠٠٠ و٤٠٠٠",
        "من 3000 إلى 4000",
    ],
)
def test_a_range_in_words_or_with_a_dash_is_the_range(written):
    q = Quantity.parse(written)
    assert (q.qualifier, q.value, q.high) == ("between", 3000.0, 4000.0)


@pytest.mark.parametrize("written", ["4000-3000", "بين 4000 و3000"])
def test_a_range_from_high_to_low_is_refused_with_how_to_write_it(written):
    with pytest.raises(ValueError) as e:
        Quantity.parse(written)
    assert "runs from high to low; write low..high" in localized(e.value.args[0])


def test_the_error_for_a_number_it_cannot_read_shows_a_range_in_words_too():
    with pytest.raises(ValueError) as e:
        Quantity.parse("between about 3 and 5")
    said = localized(e.value.args[0])
    assert "'between 50,000 and 70,000'" in said
    assert "«ما بين 50000 و70000»" in localized(e.value.args[0], "ar")
