"""What a second new-user trial found a report saying more than its record holds, each
fixed as a class and pinned on a real evaluation of a small record: a hashtag whose trending
is not recorded read as one that did not trend, ..."""

import json

from evalkit import load_campaign as evalkit_load
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


# --- item 3: a verdict is never shown without its confidence ---------------------------------
def _two_small_records(tmp_path):
    """Two small records (question 2 'good' of low confidence), run as a batch."""
    from click.testing import CliRunner
    from evalkit.cli import main

    records = tmp_path / "records"
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        small_record(tmp_path / name)
        text = (tmp_path / name / "small" / "campaign.yaml").read_text(encoding="utf-8")
        records.mkdir(exist_ok=True)
        (tmp_path / name / "small").rename(records / name)
        (records / name / "campaign.yaml").write_text(
            text.replace("id: small", f"id: small-{name}").replace(
                "en: Small", f"en: Small {name}"
            ),
            encoding="utf-8",
        )
    return records, lambda *args: CliRunner().invoke(main, [*args, "--no-progress"])


def _text(path):
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for t in soup(["script", "style"]):
        t.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_every_summary_of_a_verdict_carries_its_confidence(tmp_path):
    records, run = _two_small_records(tmp_path)
    c = evalkit_load(records / "a")
    q2 = Evaluation(c).questions[2].verdict
    assert (q2.level, q2.confidence) == ("good", "low")  # the case the trial met
    out = tmp_path / "out"
    result = run("run-all", str(records), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    page = _text(out / "small-a" / "evaluation.html")
    five = page.split("In five lines ¶", 1)[1].split("The five questions at a glance", 1)[0]
    assert "2 reach good (low confidence)" in five  # the strip
    assert "2 reach: good (low confidence)" in five  # the verdicts line
    assert "Reach good (low confidence)," in five
    assert "Reach good," not in five and "reach: good ·" not in five
    index = _text(out / "index.html")
    assert index.count("2 reach good (low confidence)") == 2
    assert "2 reach good 3" not in index
    comparative = _text(out / "comparative.html")
    assert "reach good ×2 (low confidence)" in comparative
    assert "Was the audience reached? good (low confidence) good (low confidence)" in comparative
    assert "Small a good (low confidence) insufficient evidence" in comparative  # Q2 beside Q3
    assert "Small a: good (low confidence)" in comparative

    ar = tmp_path / "ar"
    result = run("run-all", str(records), "--out", str(ar), "--jobs", "2", "--lang", "ar")
    assert result.exit_code == 0, result.output
    for page in (ar / "small-a" / "evaluation.html", ar / "index.html", ar / "comparative.html"):
        assert "جيد (مستوى الثقة منخفض)" in _text(page), page
