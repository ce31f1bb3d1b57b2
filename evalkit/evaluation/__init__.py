"""The five evaluation questions, launch timing, the paper's checklist and recommendations,
computed from one record in one call:

    ev = Evaluation(load_campaign("case_studies/caesar"), as_of=date(2016, 12, 31))
    ev.questions[3].summary(); ev.questions[3].plot(); ev.checklist; ev.recommendations()
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from evalkit.record.asof import cut_as_of
from evalkit.record.load import Campaign
from evalkit.evaluation.timing import launch_timing
from evalkit.evaluation.audience import RightAudience
from evalkit.evaluation.base import INSUFFICIENT, SCALE, Analysis, Criterion, Finding, Verdict
from evalkit.evaluation.checklist import FIRES, RULES, run_checklist
from evalkit.evaluation.decision_makers import DecisionMakersReached
from evalkit.evaluation.goals import GoalAttainment
from evalkit.evaluation.reach import Reach
from evalkit.evaluation.impact import analyse_series
from evalkit.evaluation.recommendations import (
    PAPER_CAMPAIGNS,
    RECOMMENDATIONS,
    set_aside,
    with_example,
)
from evalkit.evaluation.tactics import TacticUsefulness

# The evaluation's questions, in the report's order. Each describes itself (its number,
# question, short word, introduction, criteria and chart): adding a question is its module
# and one entry here (docs/architecture.md).
QUESTIONS: tuple[type[Analysis], ...] = (
    RightAudience,
    Reach,
    GoalAttainment,
    DecisionMakersReached,
    TacticUsefulness,
)


def question_words() -> dict[int, str]:
    """Each question in a word or two, for summaries and the verdict strip."""
    return {q.number: q.word for q in QUESTIONS}


QUESTION_WORDS = question_words()


class Evaluation:
    def __init__(self, campaign: Campaign, as_of: Optional[date] = None):
        # one cut for everything below: the campaign as it stood on the as-of date
        campaign = cut_as_of(campaign, as_of)
        self.campaign = campaign
        self.as_of = as_of
        self.questions: dict[int, Analysis] = {q.number: q(campaign, as_of) for q in QUESTIONS}
        self.timing = launch_timing(campaign.record)
        self.checklist = run_checklist(self)
        # series.csv, when present: counterfactual and interrupted time series per series
        self.series = analyse_series(campaign, self.timing)

    def recommendations(self) -> list[tuple[int, str, list[str]]]:
        """(number, text, rules that call for it) for every firing weakness."""
        why: dict[int, list[str]] = {}
        for r in self.checklist:
            if r.status == FIRES and r.rule.kind == "weakness":
                for n in r.rule.recommendations:
                    why.setdefault(n, []).append(r.rule.id)
        return [
            (n, with_example(*RECOMMENDATIONS[n], self.is_paper_campaign), why[n])
            for n in sorted(why)
            if set_aside(n, self) is None
        ]

    def set_aside(self) -> list[tuple[int, str, str]]:
        """(number, text, why it does not fit) for recommendations a firing weakness calls
        for whose precondition this campaign does not meet."""
        called = sorted(
            {
                n
                for r in self.checklist
                if r.status == FIRES and r.rule.kind == "weakness"
                for n in r.rule.recommendations
            }
        )
        return [
            (n, with_example(*RECOMMENDATIONS[n], self.is_paper_campaign), why)
            for n in called
            if (why := set_aside(n, self)) is not None
        ]

    @property
    def is_paper_campaign(self) -> bool:
        """One of the paper's four campaigns: its report may quote the paper's wording."""
        return self.campaign.record.id in PAPER_CAMPAIGNS

    def rule_text(self, rule) -> str:
        return with_example(rule.text, rule.paper_example, self.is_paper_campaign)

    def result_text(self, result) -> str:
        """A checklist row's point as its result states it: a rule that fires says only the
        signs the record showed (RuleResult.headline), with the paper's own wording beside
        it for the paper's campaigns; otherwise the rule's point, as checked."""
        return with_example(result.headline, result.rule.paper_example, self.is_paper_campaign)

    def to_dict(self) -> dict:
        return {
            "questions": {str(n): q.to_dict() for n, q in self.questions.items()},
            "checklist": [
                {
                    "rule": r.rule.id,
                    "kind": r.rule.kind,
                    "group": r.rule.group,
                    # as the report states it: what a rule that fires found
                    "text": self.result_text(r),
                    "status": r.status,
                    "evidence": r.evidence,
                    "recommendations": list(r.rule.recommendations),
                }
                for r in self.checklist
            ],
            "recommendations": [
                {"number": n, "text": t, "because": w} for n, t, w in self.recommendations()
            ],
            "recommendations_set_aside": [
                {"number": n, "text": t, "why": w} for n, t, w in self.set_aside()
            ],
            "series": [a.to_dict() for a in self.series],
        }


__all__ = [
    "Evaluation",
    "QUESTIONS",
    "QUESTION_WORDS",
    "RULES",
    "SCALE",
    "INSUFFICIENT",
    "Analysis",
    "Criterion",
    "Finding",
    "Verdict",
    "RightAudience",
    "Reach",
    "GoalAttainment",
    "DecisionMakersReached",
    "TacticUsefulness",
]
