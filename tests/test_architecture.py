"""The shape of the code: a question describes itself, so adding one is its module and its
entry in evaluation.QUESTIONS; the checklist finds criteria by id, not by wording."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evalkit.evaluation import QUESTIONS, Evaluation
from evalkit.evaluation.checklist import RULES
from evalkit.record.load import load_campaign

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "evalkit"

TOY = '''
"""A toy sixth question, for the test that adding a question takes one module."""
from evalkit.evaluation.base import Analysis, BarChart, Criterion, criterion
from evalkit.i18n import Msg


class ToyQuestion(Analysis):
    number = 6
    question = "Did the toy question find the record?"
    word = "toy"
    introduction = "A question added by the architecture test."

    def measure(self):
        self.n = len(self.campaign.activities)
        self.indicator(Msg("Toy count of activities"), self.n)

    @criterion("toy_has_activities")
    def _has_activities(self):
        return Criterion(Msg("The toy found activities"), self.n > 0,
                         Msg("{n} activities", n=self.n))

    @criterion("toy_has_sources")
    def _has_sources(self):
        return Criterion(Msg("The toy found sources"), bool(self.campaign.record.sources),
                         Msg("sources listed"))

    def chart(self):
        return BarChart(Msg("Toy chart"), [("activities", [("", float(self.n), str(self.n))])],
                        float(self.n))
'''


def test_every_question_describes_itself_with_stable_criterion_ids():
    assert [q.number for q in QUESTIONS] == [1, 2, 3, 4, 5]
    for q in QUESTIONS:
        assert q.question and q.word and q.introduction, q
        ids = q.criterion_ids()
        assert ids and len(ids) == len(set(ids)), (q, ids)


def test_criteria_are_judged_in_the_order_their_class_defines_them(record):
    ev = Evaluation(load_campaign(record))
    for q in ev.questions.values():
        assert [c.id for c in q.criteria] == type(q).criterion_ids()
    assert ev.questions[5].criterion("no_coordination_problems").name.startswith("No coordination")


def test_checklist_rules_cite_criteria_by_id_whatever_their_wording(record, monkeypatch):
    """Rewording a criterion must not break a rule: W8 reads question 1's language criterion
    by its id, so a criterion renamed in the code still feeds it."""
    from evalkit.evaluation import audience

    original = audience.RightAudience._decision_makers_languages

    def reworded(self):
        c = original(self)
        c.name, c.met = "Reworded: most output in the decision makers' languages", False
        return c

    reworded.criterion_id = original.criterion_id
    monkeypatch.setattr(audience.RightAudience, "_decision_makers_languages", reworded)
    ev = Evaluation(load_campaign(record))
    w8 = next(r for r in ev.checklist if r.rule.id == "W8")
    assert w8.status == "fires"
    assert any("Reworded" in str(e) for e in w8.evidence), w8.evidence


@pytest.mark.slow
def test_a_sixth_question_is_one_module_and_one_entry_and_reaches_report_notebook_results(
    tmp_path, record
):
    """Copy the package, add a toy question module and its entry in QUESTIONS, and run the
    whole pipeline with it: the question is in the report, the notebook and results.json."""
    pkg = tmp_path / "src" / "evalkit"
    shutil.copytree(
        PACKAGE, pkg, symlinks=False, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (pkg / "evaluation" / "toy.py").write_text(textwrap.dedent(TOY), encoding="utf-8")
    init = pkg / "evaluation" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    entry = "    TacticUsefulness,\n)"
    assert entry in text
    text = text.replace(entry, "    TacticUsefulness,\n    ToyQuestion,\n)")  # the one entry ...
    text = text.replace(
        "from evalkit.evaluation.tactics import TacticUsefulness",
        "from evalkit.evaluation.tactics import TacticUsefulness\n"
        "from evalkit.evaluation.toy import ToyQuestion",
    )  # ... and its import
    init.write_text(text, encoding="utf-8")
    out = tmp_path / "reports"
    env = {**os.environ, "PYTHONPATH": str(pkg.parent)}
    code = (
        "import sys, evalkit; from evalkit.run.pipeline import evaluate;"
        "assert evalkit.__file__.startswith(sys.argv[1]), evalkit.__file__;"
        "o = evaluate(sys.argv[2], sys.argv[3]); print(o.describe());"
        "sys.exit(o.status != 'ok')"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(pkg), str(record), str(out)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = next(out.iterdir())
    results = json.loads((report / "results.json").read_text(encoding="utf-8"))
    toy = results["questions"]["6"]
    assert toy["question"] == "Did the toy question find the record?"
    assert [c["name"] for c in toy["criteria"]] == [
        "The toy found activities",
        "The toy found sources",
    ]
    assert toy["verdict"] in ("poor", "weak", "fair", "good")
    page = (report / "evaluation.html").read_text(encoding="utf-8")
    assert "6. Did the toy question find the record?" in page
    assert "A question added by the architecture test." in page and "Toy chart" in page
    assert "The toy found activities" in page
    notebook = (report / "evaluation.ipynb").read_text(encoding="utf-8")
    assert "The toy found sources" in notebook


def test_rules_are_listed_once_each():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == 35
