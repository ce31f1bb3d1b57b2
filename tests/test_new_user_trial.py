"""What a second new-user trial found a report saying more than its record holds, each
fixed as a class and pinned on a real evaluation of a small record: a hashtag whose trending
is not recorded read as one that did not trend, ..."""

import json

from evalkit.comparison import fragmentation
from evalkit.evaluation import Evaluation
from evalkit.results.build import results_document, results_json
from evalkit.results.model import CampaignResults
from conftest import small_record


def _results(campaign) -> CampaignResults:
    """The campaign's results.json as the comparison reads it."""
    return CampaignResults.model_validate(json.loads(results_json(results_document(campaign))))


def _tags(*trended):
    return {
        "hashtags": [
            {"text": f"#Tag{i}", "language": "en", "trended": t, "source": "s"}
            for i, t in enumerate(trended)
        ]
    }


# --- item 2: trending not recorded is not "none" --------------------------------------------
def test_hashtags_whose_trending_is_not_recorded_read_as_not_recorded_not_as_none(tmp_path):
    c = small_record(tmp_path, media_tools=_tags("unknown", "unknown", "unknown"))
    reach = Evaluation(c).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (en)")
    assert cell == "not recorded for 3 of 3"
    trended = reach.criterion("hashtag_trended")
    assert trended.met is None
    assert "0 of" not in str(trended.because) and "not recorded for 3 of 3" in str(trended.because)
    [row] = fragmentation([_results(c)]).to_dict("records")
    assert str(row["trended"]) == "not recorded for 3 of 3"


def test_some_trending_not_recorded_says_how_many_beside_what_is_known(tmp_path):
    c = small_record(tmp_path, media_tools=_tags("yes", "unknown", "no"))
    reach = Evaluation(c).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (en)")
    assert cell == "#Tag0; not recorded for 1 of 3"
    assert reach.criterion("hashtag_trended").met is True
    [row] = fragmentation([_results(c)]).to_dict("records")
    assert str(row["trended"]) == "at least 1; not recorded for 1 of 3"

    (tmp_path / "d").mkdir()
    d = small_record(tmp_path / "d", media_tools=_tags("no", "unknown"))
    reach = Evaluation(d).questions[2]
    cell = next(v for n, v, _ in reach.indicators if n == "Hashtags that trended (en)")
    assert cell == "none of the 1 with a record; not recorded for 1 of 2"
    assert reach.criterion("hashtag_trended").met is None
    assert str(reach.criterion("hashtag_trended").because) == (
        "0 of 1 hashtag with a record trended; not recorded for 1 of 2"
    )
    # all recorded: the counts as before
    (tmp_path / "e").mkdir()
    e = small_record(tmp_path / "e", media_tools=_tags("no", "no"))
    [row] = fragmentation([_results(e)]).to_dict("records")
    assert row["trended"] == 0
