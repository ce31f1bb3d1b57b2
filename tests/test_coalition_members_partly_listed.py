"""A coalition that lists some of its members, of a size recorded larger, is not said to
have its "members not listed": the others are, as many as its size leaves, the qualifier
kept (trial 7, L3: "members not listed" for a coalition of "more than 30" listing 2)."""

from evalkit.evaluation.tactics import TacticUsefulness
from evalkit.i18n import localized

from conftest import small_record
from test_questions import criterion

BREADTH = "A coalition or partners of at least three different orientations"


def _members(*orientations):
    return [
        {"name": f"org {o}", "kind": "ngo", "orientation": o, "source": "s"} for o in orientations
    ]


def _breadth(tmp_path, *coalitions):
    c = small_record(
        tmp_path,
        coalitions=[
            {"id": f"c{i}", "name": name, "size": size, "members": members, "source": "s"}
            for i, (name, size, members) in enumerate(coalitions)
        ],
        partners=[],
    )
    return criterion(TacticUsefulness(c), BREADTH)


def test_the_members_a_coalition_lists_are_not_said_unlisted(tmp_path):
    c = _breadth(
        tmp_path, ("Culture for All", "أكثر من 30 منظمة", _members("cultural", "students"))
    )
    assert c.met is None  # the others may bring a third orientation
    assert str(c.because) == (
        "2 orientations among 2 partners; the other members (more than 28) not listed for "
        "Culture for All"
    )
    assert "بقية الأعضاء (أكثر من 28) غير مدرجين في" in localized(c.because, "ar")


def test_a_coalition_known_only_by_its_size_and_one_listing_some(tmp_path):
    c = _breadth(
        tmp_path,
        ("Alliance", "about 12", []),
        ("Front", "10..15", _members("faith", "labour")),
    )
    assert str(c.because) == (
        "2 orientations among 2 partners; members not listed for Alliance; the other members "
        "(8–13) not listed for Front"
    )
