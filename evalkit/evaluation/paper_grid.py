"""The paper's own appendix grid for a campaign (`paper_grid.csv` beside one of its
records: every cell as the paper has it, in Arabic, with a code where the row is a code)
against the grid evalkit generates from the record, cell by cell.

A coded row is compared with what evalkit computes or reads from the record: activities
at each scope, launch timing from the dates, the visual identity, hashtags and accounts, the
discourse levels, the goals' attainment. A text row (goals, audiences, strategies) agrees
when evalkit's grid represents it. Every disagreement says why: a misencoding to fix, or a
computation evalkit makes from the data that the paper's coders made otherwise."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional

from evalkit.evaluation.grid import build_grid, judgement_as_of
from evalkit.evaluation.judgements import reading
from evalkit.evaluation.timing import launch_timing
from evalkit.i18n import N_, Msg, joined
from evalkit.record.load import PAPER_GRID_FILE, Campaign

# the paper's presence codes: 'limited' is there, only weak
PRESENT = {"present", "limited", "dominant"}
SCOPE_ROWS = {
    "virtual": None,
    "in person, local": ("local", "national"),
    "in person, regional": ("regional",),
    "in person, international": ("international",),
}
EMPTY = {"", "none recorded", "not recorded"}
# the words the comparison's cells show, for the catalogue
N_("limited"), N_("text"), N_("represented"), N_("not represented"), N_("not judged")
N_("not recorded")


def read_paper_grid(folder: str | Path) -> Optional[list[dict]]:
    path = Path(folder) / PAPER_GRID_FILE
    if not path.is_file():
        return None
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _presence(paper: str, n: int, what: Msg) -> tuple[str, bool, Msg]:
    ours = "present" if n else "absent"
    agrees = (paper in PRESENT) == bool(n)
    return (
        ours,
        agrees,
        Msg("{what}: {n} in the record; the paper codes {paper}", what=what, n=n, paper=paper),
    )


def _scope(campaign: Campaign, row: str, paper: str):
    acts = campaign.activities
    scopes = SCOPE_ROWS[row]
    if acts.empty:
        n = 0
    elif scopes is None:
        n = int((acts["channel"] == "virtual").sum())
    else:
        n = int(((acts["channel"] == "in_person") & acts["scope"].isin(scopes)).sum())
    return _presence(paper, n, Msg("activity rows ({row})", row=row))


def _launch(campaign: Campaign, row: str, paper: str):
    """The paper's launch rows are what came before, at and after the hot event: the code
    agrees when some phase of the record is computed so from the dates (the paper's records
    name that phase `before` or `after` where they can)."""
    timings = launch_timing(campaign.record)
    named = [t for t in timings if t.phase.id == row]
    pool = named or timings
    ours = sorted({t.timing for t in pool})
    if row == "after" and not named:
        later = [t for t in timings if t.role != "launch"]
        if later:
            return (
                "after",
                True,
                Msg(
                    "phases after the first launch: {phases}",
                    phases=joined(", ", [t.phase.name for t in later]),
                ),
            )
    agrees = paper in ours
    return (
        ", ".join(ours),
        agrees,
        Msg(
            "launch timing computed {ours} from the dates ({sentence}); the paper codes {paper}",
            ours=", ".join(ours),
            sentence=pool[0].sentence() if pool else "",
            paper=paper,
        ),
    )


def _media(campaign: Campaign, row: str, paper: str):
    mt = campaign.record.media_tools
    if row == "visual identity":
        present = mt.visual_identity.present if mt.visual_identity else "unknown"
        ours = {"yes": "present", "no": "absent"}.get(present, "not recorded")
        agrees = ours != "not recorded" and (paper in PRESENT) == (ours == "present")
        return (
            ours,
            agrees,
            Msg(
                "the record's visual identity: {ours}; the paper codes {paper}",
                ours=present,
                paper=paper,
            ),
        )
    if row == "hashtags":
        return _presence(paper, len(mt.hashtags), Msg("hashtags"))
    return _presence(paper, len(mt.accounts), Msg("accounts"))


def _discourse(campaign: Campaign, row: str, paper: str):
    element = getattr(campaign.record.discourse, row.replace(" ", "_"), None)
    ours = element.level if element is not None else "not recorded"
    # the format's levels are absent / present / dominant: the paper's 'limited' (there, but
    # weak) is recorded as present, with the paper's words in its note
    same = ours == paper or (ours in PRESENT and paper in PRESENT)
    return (
        ours,
        same,
        Msg(
            "the record's {row} discourse: {ours}; the paper codes {paper}",
            row=row,
            ours=ours,
            paper=paper,
        ),
    )


def _result(campaign: Campaign, row: str, paper: str):
    level = "main" if row == "main" else "interim"
    # each judgement as question 3 reads it (judgements.reading): one the record's own acts
    # go against is shown not counted, and never agrees with the paper's code
    read = [
        (j.attainment, reading(g, j, campaign))
        for g in campaign.record.goals
        if g.level == level
        if (j := judgement_as_of(g, None)) is not None
    ]
    found = [
        a if how != "not counted" else Msg("{attainment} (not counted)", attainment=a)
        for a, how in read
    ]
    counted_codes = [a for a, how in read if how != "not counted"]
    if not found:
        return (
            "not judged",
            False,
            Msg(
                "no {level} goal of the record is judged; the paper codes {paper}",
                level=level,
                paper=paper,
            ),
        )
    agrees = paper in counted_codes
    ours = joined(", ", found)
    return (
        str(ours),
        agrees,
        Msg(
            "the record's {level} goals: {ours}; the paper codes {paper}",
            level=level,
            ours=ours,
            paper=paper,
        ),
    )


CODED = {
    "Geographic scope": _scope,
    "Launch timing": _launch,
    "Media tools": _media,
    "Discourse": _discourse,
    "Result": _result,
}


def _represented(grid, dimension: str, row: str):
    part = grid[grid["dimension"] == dimension]
    hit = part[part["item"].astype(str).str.startswith(row.split(" (")[0])]
    filled = [str(e) for e in hit["entry"] if str(e).strip().lower() not in EMPTY]
    if filled:
        return "represented", True, Msg("evalkit's grid has the row")
    return "not represented", False, Msg("evalkit's grid has no entry for the paper's row")


def grid_agreement(campaign: Campaign) -> Optional[list[dict]]:
    """Each cell of the paper's grid for this campaign against evalkit's; None without a
    paper_grid.csv beside the record."""
    cells = read_paper_grid(campaign.path)
    if cells is None:
        return None
    grid = build_grid(campaign, None)
    out = []
    for c in cells:
        dimension, row, paper = c["dimension"], c["row"], (c.get("code") or "").strip()
        judge = CODED.get(dimension)
        if judge is not None and paper:
            try:
                ours, agrees, because = judge(campaign, row, paper)
            except KeyError:  # a coded row evalkit has no computation for
                ours, agrees, because = _represented(grid, dimension, row)
        else:
            ours, agrees, because = _represented(grid, dimension, row)
            paper = paper or "text"
        out.append(
            {
                "dimension": dimension,
                "row": row,
                "paper": paper,
                "evalkit": str(ours),
                "agrees": bool(agrees),
                "because": because,
                "source": c.get("source", ""),
            }
        )
    return out
