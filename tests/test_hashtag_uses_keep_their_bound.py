"""results.json keeps what a hashtag's count of uses is (exact, at least, at most, about, a
range), so that a comparison never reads "more than 3000" as 3000."""

import json

from evalkit.results.build import results_document, results_json
from evalkit.results.model import CampaignResults

from conftest import small_record


def test_each_hashtags_uses_carry_their_bound(tmp_path):
    written = {
        "#exact": 1200,
        "#least": "more than 3000",
        "#most": "at most 40",
        "#about": "about 12,000",
        "#range": "2000..3000",
    }
    c = small_record(
        tmp_path,
        media_tools={
            "hashtags": [
                {"text": t, "language": "en", "uses": u, "source": "s"} for t, u in written.items()
            ]
        },
    )
    doc = json.loads(results_json(results_document(c)))
    got = {
        h["text"]: (h["uses"], h["uses_bound"], h["uses_high"]) for h in doc["facts"]["hashtags"]
    }
    assert got == {
        "#exact": (1200, "exact", None),
        "#least": (3000, "lower", None),
        "#most": (40, "upper", None),
        "#about": (12000, "approximate", None),
        "#range": (2000, "range", 3000),
    }
    # and the model reads them back as written
    r = CampaignResults.model_validate(doc)
    assert [h.uses_bound for h in r.facts.hashtags] == [b for _, b, _ in got.values()]
