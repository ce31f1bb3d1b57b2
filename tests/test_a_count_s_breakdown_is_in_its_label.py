"""Two rows of one metric from different platforms are told apart where question 2 names
them, and their running totals are two lines, never one that falls (trial 19, M4: a
website's 'more than 6,000' beside paper forms' '3,000–4,000', both labelled 'Signatures
(Petition drive)')."""

from conftest import small_record

from evalkit.evaluation import Evaluation
from evalkit.i18n import localized

HEADER = "date,metric,value,cumulative,platform,source"


def test_rows_of_two_platforms_are_named_and_drawn_apart(tmp_path):
    campaign = small_record(tmp_path)
    (campaign.path / "metrics.csv").write_text(
        "\n".join(
            [
                HEADER,
                "2020-02-15,signatures,more than 6000,yes,website,s",
                "2020-03-01,signatures,3000..4000,yes,other,s",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    import evalkit

    campaign, problems = evalkit.check_record(campaign.path)
    assert not problems, [str(p) for p in problems]
    q2 = Evaluation(campaign).questions[2]
    names = [localized(n) for n, _, _ in q2.indicators if localized(n).startswith("Signatures")]
    assert names == ["Signatures (website)", "Signatures (other)"]
    assert q2.running_totals()["group"].nunique() == 2
    assert "موقع إلكتروني" in localized(
        next(n for n, _, _ in q2.indicators if localized(n) == "Signatures (website)"), "ar"
    )
