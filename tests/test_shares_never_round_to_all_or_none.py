"""A share is never printed '100%' unless it is all, nor '0%' unless it is none: '100%'
reads as 'every one', which a record with one exception does not say (bounds.percent)."""

from evalkit.evaluation.bounds import percent
from evalkit.evaluation.audience import RightAudience
from evalkit.evaluation.tactics import TacticUsefulness

from conftest import act, small_record
from test_questions import indicator


def test_a_share_near_the_ends_keeps_the_decimals_that_keep_it_off_them():
    assert percent(0.996) == "99.6%"
    assert percent(0.9996) == "99.96%"
    assert percent(0.004) == "0.4%"
    assert percent(1.0) == "100%"
    assert percent(0.0) == "0%"
    assert percent(0.62) == "62%"
    assert percent(0.5) == "50%"


def test_a_bound_near_the_ends_is_rounded_the_safe_way_and_still_off_them():
    # an upper bound of 99.61% rounds up, but not to 'all'; a lower bound down, not to 'none'
    assert percent(0.9961, "up") == "99.7%"
    assert percent(0.0049, "down") == "0.4%"
    assert percent(0.994, "up") == "99.4%"


def test_one_exception_among_many_activities_is_not_reported_as_all(tmp_path):
    activities = [act(f"a{i}", effort="low") for i in range(249)] + [act("a249", effort="high")]
    c = small_record(tmp_path, activities=activities)
    q = TacticUsefulness(c)
    assert indicator(q, "Share of low-effort activities") == "99.6% of 250 with an effort level"
    aimed = RightAudience(c)
    # every activity is aimed at the public: that one is all, and says so
    assert "(100%)" in indicator(aimed, "Activities aimed at the general public")
