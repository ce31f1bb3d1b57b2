"""What the trainers' notebook (templates/notebooks/workshop.ipynb) calls: the record's data
as a learner sees it, one edit to a copy of the record, and the criteria before and after.
The record itself is never changed: an edit is made on a copy in a temporary folder and
validated like any record, so a mistyped date gets the usual located error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from evalkit.i18n import N_, Msg, language
from evalkit.record.load import Campaign, load_campaign
from evalkit.evaluation.timing import phase_gaps
from evalkit.record.values import Quantity


def overview(campaign: Campaign) -> Msg:
    """The record in one line: how much data the session will look at."""
    return Msg(
        "{name}: {activities}, {counts}, {phases}.",
        name=campaign.name_in(language()),
        activities=Msg("{n} activity", "{n} activities", n=len(campaign.activities)),
        counts=Msg(
            "{n} count in metrics.csv", "{n} counts in metrics.csv", n=len(campaign.metrics)
        ),
        phases=Msg("{n} phase", "{n} phases", n=len(campaign.record.phases)),
    )


def verdict_line(question) -> Msg:
    return Msg("Verdict: {sentence}", sentence=question.verdict.sentence())


def metrics_view(campaign: Campaign) -> pd.DataFrame:
    """metrics.csv as written: the date, the metric, the count with its qualifier, the phase."""
    m = campaign.metrics
    return pd.DataFrame(
        {
            "line": m["row"],
            "date": m["date"],
            "metric": m["metric"],
            "count as recorded": [Quantity.from_row(r, "value").msg() for _, r in m.iterrows()],
            "phase": m["phase"].fillna(""),
            "note": m["note"].fillna(""),
        }
    )


def phases_view(campaign: Campaign) -> pd.DataFrame:
    """The phases in time order and the pause before each, in days (fewest–most)."""
    gaps = {g.after.id: g.days for g in phase_gaps(campaign.record)}
    rows = []
    for p in sorted(campaign.record.phases, key=lambda p: p.start.start):
        days = gaps.get(p.id)
        rows.append(
            {
                "phase": p.id,
                "name": p.name,
                "start": p.start.text,
                "end": p.end.text,
                "pause before it (days)": f"{days[0]}–{days[1]}" if days else N_("none"),
            }
        )
    return pd.DataFrame(rows)


def with_phase_start(record_path: str | Path, phase_id: str, new_start: str) -> Campaign:
    """A copy of the record with one phase starting on `new_start` (a date as the record
    writes dates: 2016-07, 2016-07-01, late 2016-06 …), validated and loaded."""
    from ruamel.yaml import YAML

    source = Path(record_path)
    copy = Path(tempfile.mkdtemp(prefix="evalkit-workshop-")) / source.name
    shutil.copytree(source, copy)
    yaml = YAML()  # round trip: comments and layout of the copy stay as they were
    data = yaml.load((copy / "campaign.yaml").read_text(encoding="utf-8"))
    phase = next((p for p in data["phases"] if p.get("id") == phase_id), None)
    if phase is None:
        known = ", ".join(str(p.get("id")) for p in data["phases"])
        raise ValueError(
            f"no phase {phase_id!r} in {source / 'campaign.yaml'}; its phases: {known}"
        )
    phase["start"] = new_start
    with open(copy / "campaign.yaml", "w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return load_campaign(copy)


def before_and_after(before, after) -> pd.DataFrame:
    """Each criterion of one question, its result before and after the edit, and the
    verdicts, so the learner sees exactly what the edit changed."""
    b, a = before.criteria_table(), after.criteria_table()
    rows = [
        {"criterion": c, "before": rb, "after": ra, "changed": "yes" if rb != ra else ""}
        for c, rb, ra in zip(b["criterion"], b["result"], a["result"])
    ]
    rows.append(
        {
            "criterion": N_("VERDICT"),
            # with its confidence, as every verdict is shown
            "before": before.verdict.said,
            "after": after.verdict.said,
            "changed": "yes" if str(before.verdict.said) != str(after.verdict.said) else "",
        }
    )
    return pd.DataFrame(rows)
