"""Comparing evaluated campaigns from their `results.json` files (never re-running them):
the paper's grid and the five verdicts side by side, cross-campaign findings computed from
the data, and the replication table of the paper's claims."""
from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable, Optional

import pandas as pd

from .evaluation import QUESTION_WORDS
from .evaluation.base import SCALE
from .evaluation.recommendations import PAPER_CAMPAIGNS
from .grid import ATTAINMENT_WORDS
from .i18n import N_, Msg, joined, localized, tr
from .stats import RateTrend

AGREES, DISAGREES, CANNOT = N_("agrees"), N_("disagrees"), N_("cannot be computed")
MILITARY = ("aleppo-is-burning", "save-ghouta", "idlib-under-fire")


def load_results(results_dir: str | Path, ids: Optional[list[str]] = None) -> list[dict]:
    """Every `<id>/results.json` under `results_dir` (or the named ids), oldest campaign first."""
    folder = Path(results_dir)
    paths = ([folder / i / "results.json" for i in ids] if ids
             else sorted(folder.glob("*/results.json")))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no results for: {', '.join(missing)}; run the evaluations first")
    results = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    # campaigns are columns and rows by name: two records of one name get their ids added
    names = [r["record"]["name_en"] for r in results]
    for r in results:
        name = r["record"]["name_en"]
        r["record"]["label"] = name if names.count(name) == 1 else f"{name} ({r['record']['id']})"
    return sorted(results, key=lambda r: (r["facts"]["start"], r["record"]["id"]))


def _name(r: dict) -> str:
    return r["record"].get("label", r["record"]["name_en"])


def grid_side_by_side(results: list[dict]) -> pd.DataFrame:
    frames = []
    for r in results:
        g = pd.DataFrame(r["grid"])[["dimension", "item", "entry"]]
        frames.append(g.set_index(["dimension", "item"])["entry"].rename(_name(r)))
    out = pd.concat(frames, axis=1)
    # keep the paper's dimension order as the first record gives it
    order = list(dict.fromkeys(pd.DataFrame(results[0]["grid"])["dimension"]))
    out = out.reset_index()
    out["dimension"] = pd.Categorical(out["dimension"], order, ordered=True)
    return out.sort_values(["dimension"], kind="stable").fillna("—")


def verdicts(results: list[dict]) -> pd.DataFrame:
    rows = []
    for r in results:
        for n, q in sorted(r["questions"].items()):
            rows.append({"campaign": _name(r), "question": f"{n}. {q['question']}",
                         "verdict": q["verdict"], "confidence": q["confidence"] or "",
                         "score": SCALE.index(q["verdict"]) if q["verdict"] in SCALE else None})
    return pd.DataFrame(rows)


def _wrapped(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width)) or text


def verdict_heatmap(results: list[dict]):
    """The five verdicts of each campaign as coloured cells, in the verdict colours of the
    evaluation reports (white text passes WCAG AA on each); blank: insufficient evidence."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    from .colours import VERDICT_COLOURS
    v = verdicts(results)
    names = [_name(r) for r in results]
    table = v.pivot(index="question", columns="campaign", values="score")[names]
    labels = v.pivot(index="question", columns="campaign", values="verdict")[names]
    fig, ax = plt.subplots(figsize=(3.2 + 1.6 * len(results), 3.8))
    ax.imshow(table.astype(float).to_numpy(), vmin=-0.5, vmax=3.5, aspect="auto",
              cmap=ListedColormap([VERDICT_COLOURS[level] for level in SCALE]))
    for (i, j), text in pd.DataFrame(labels.to_numpy()).stack().items():
        if isinstance(text, str):
            ax.text(j, i, tr(text), ha="center", va="center", color="white", fontsize=9,
                    fontweight="bold")
    for (i, j), value in pd.DataFrame(table.to_numpy()).isna().stack().items():
        if value:  # no verdict: a white cell, said in words
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, color="white", ec="#999"))
            ax.text(j, i, _wrapped(tr("insufficient evidence"), 12), ha="center", va="center",
                    fontsize=7)
    # wrapped labels: long campaign names no longer run into each other
    ax.set_xticks(range(len(names)), [_wrapped(n, 16) for n in names], fontsize=8)
    ax.set_yticks(range(len(table.index)), [_wrapped(tr(q), 34) for q in table.index], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_xticks([x + 0.5 for x in range(len(names) - 1)], minor=True)
    ax.set_yticks([y + 0.5 for y in range(len(table.index) - 1)], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


# --- cross-campaign findings -----------------------------------------------------------------
def international_stand_rates(results: list[dict]) -> pd.DataFrame:
    rows = []
    for r in results:
        for e in r["facts"]["event_rates"]:
            if e["metric"] == "protest_stands" and e["scope"] == "international":
                rows.append({"campaign": _name(r), "id": r["record"]["id"],
                             "window": e["window"], "start": e["window_start"],
                             "weeks": e["weeks"], "count": e["count"], "bound": e["bound"],
                             "per week": e["per_week"], "rate_low": e["rate_low"],
                             "rate_high": e["rate_high"]})
    return pd.DataFrame(rows, columns=["campaign", "id", "window", "start", "weeks", "count",
                                       "bound", "per week", "rate_low", "rate_high"]
                        ).sort_values("start", kind="stable")


def stand_rate_trend(results: list[dict]) -> Optional[RateTrend]:
    r = international_stand_rates(results)
    if len(r) < 2:
        return None
    return RateTrend([f"{c} ({w})" for c, w in zip(r["campaign"], r["window"])],
                     list(r["count"]), list(r["weeks"]))


def fragmentation(results: list[dict]) -> pd.DataFrame:
    rows = []
    for r in results:
        for f in r["facts"]["hashtag_fragmentation"]:
            rows.append({"campaign": _name(r), "phase": f["phase"] or N_("whole campaign"),
                         "language": f["language"], "written forms": f["written_forms"],
                         "distinct hashtags": f["distinct"], "trended": f["trended"]})
    return pd.DataFrame(rows)


def sequence_links(results: list[dict]) -> list[tuple[dict, dict]]:
    """(earlier, later) pairs where a record says it `follows` another record present."""
    by_id = {r["record"]["id"]: r for r in results}
    return [(by_id[r["record"]["follows"]], r) for r in results
            if r["record"].get("follows") in by_id]


def partner_reuse(results: list[dict]) -> pd.DataFrame:
    """Partners shared along `follows` links only: campaigns that are not a sequence did
    not "build on the last" (they may share partners by chance of the same field)."""
    rows = []
    for a, b in sequence_links(results):
        pa, pb = set(a["facts"]["partners"]), set(b["facts"]["partners"])
        shared = sorted(pa & pb)
        union = pa | pb
        rows.append({"from": _name(a), "to": _name(b), "partners before": len(pa),
                     "partners after": len(pb), "shared": len(shared),
                     "shared names": ", ".join(shared) or N_("none"),
                     "overlap (Jaccard)": round(len(shared) / len(union), 2) if union else None})
    return pd.DataFrame(rows)


def first_launch(r: dict) -> Optional[dict]:
    return next((t for t in r["launch_timing"] if t["role"] == "launch"), None)


def attainment_words(goals: list[dict]) -> str:
    """Recorded attainments in words ('not achieved', 'partly achieved'), not codes."""
    return joined(", ", [ATTAINMENT_WORDS.get(g["attainment"], str(g["attainment"]))
                         for g in goals])


def launch_words(t: dict) -> Msg:
    """A launch's timing in words, e.g. 'at the hot event: reactive'."""
    reactive = {True: N_("reactive"), False: N_("not reactive"),
                None: N_("whether reactive cannot be told")}[t["reactive"]]
    if t["designed"]:
        return Msg("{timing} the hot event: {reactive}; designed (the campaign made its own "
                   "event)", timing=t["timing"], reactive=reactive)
    return Msg("{timing} the hot event: {reactive}", timing=t["timing"], reactive=reactive)


def launches(results: list[dict]) -> pd.DataFrame:
    """The launch and any relaunches after a pause; escalations of a running campaign are
    not launches and are not counted."""
    rows = []
    for r in results:
        first = first_launch(r)
        starts = [t for t in r["launch_timing"] if t["role"] in ("launch", "relaunch")]
        rows.append({"campaign": _name(r),
                     "first launch": first["timing"] if first else N_("not recorded"),
                     "reactive": {True: "yes", False: "no", None: N_("cannot tell")}[
                         first["reactive"] if first else None],
                     "designed (made its own event)": "yes" if first and first["designed"] else "no",
                     "reactive launches and relaunches":
                         Msg("{n} of {total}", n=sum(t["reactive"] is True for t in starts),
                             total=len(starts))})
    return pd.DataFrame(rows)


def reach_against_outcome(results: list[dict]) -> pd.DataFrame:
    """Q2 (was the audience reached?) beside Q3 (were the goals achieved?): a campaign can
    reach millions and still fail its main goal; the two are never averaged."""
    rows = []
    for r in results:
        q2, q3 = r["questions"]["2"], r["questions"]["3"]
        rows.append({"campaign": _name(r), "reach (Q2)": q2["verdict"],
                     "goals (Q3)": q3["verdict"],
                     "main goal": attainment_words(r["facts"]["main_goal"]) or N_("not recorded"),
                     "largest counts recorded": joined("; ", r["facts"].get("largest_counts", []))
                     or N_("none")})
    return pd.DataFrame(rows)


def mix_against_attainment(results: list[dict]) -> pd.DataFrame:
    rows = []
    for r in results:
        kinds = r["facts"]["activity_mix"]["kind"]
        total = sum(kinds.values()) or 1
        rows.append({"campaign": _name(r), "activities": r["facts"]["activities"],
                     **{f"{k} share": round(kinds.get(k, 0) / total, 2)
                        for k in ("mobilisation", "advocacy", "lobbying")},
                     "main goal": attainment_words(r["facts"]["main_goal"]),
                     "highest decision-maker rung": r["facts"]["decision_makers_top_rung"]})
    return pd.DataFrame(rows)


def mix_plot(results: list[dict]):
    import matplotlib.pyplot as plt
    m = mix_against_attainment(results).set_index("campaign")
    shares = m[["mobilisation share", "advocacy share", "lobbying share"]]
    fig, ax = plt.subplots(figsize=(7.5, 3))
    shares.plot.barh(stacked=True, ax=ax, color=["#4c72b0", "#dd8452", "#55a868"])
    for i, (name, row) in enumerate(m.iterrows()):
        ax.text(1.01, i, tr("main goal: {attainment}").format(
            attainment=localized(row["main goal"])), va="center", fontsize=8)
    ax.set_xlim(0, 1.45)
    ax.invert_yaxis()
    ax.set_xlabel(tr("share of recorded activities"))
    # below the axes: a legend inside would cover the bars
    ax.legend([tr(c) for c in shares.columns], fontsize=8, loc="upper center",
              bbox_to_anchor=(0.4, -0.3), ncol=3, frameon=False)
    ax.set_title(tr("Activity mix against main-goal attainment"))
    fig.tight_layout()
    return fig


# --- the replication table --------------------------------------------------------------------
@dataclass
class Claim:
    id: str
    source: str
    text: str
    check: Callable[[dict], tuple[str, str]]   # by_id -> (status, what evalkit computed)


def _need(by_id, ids):
    missing = [i for i in ids if i not in by_id]
    return missing


def _same_goal_and_strategy(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    goals = [" ".join(g["text"] for g in by_id[i]["facts"]["main_goal"]) for i in MILITARY]
    sims = [SequenceMatcher(None, goals[0].lower(), g.lower()).ratio() for g in goals[1:]]
    mob = [by_id[i]["facts"]["activity_mix"]["kind"].get("mobilisation", 0)
           / max(1, by_id[i]["facts"]["activities"]) for i in MILITARY]
    same = min(sims) >= 0.6 and max(mob) - min(mob) <= 0.25
    return (AGREES if same else DISAGREES,
            Msg("main-goal text similarity to Aleppo's: {similarity}; mobilisation share of "
                "activities: {shares}", similarity=", ".join(f"{s:.2f}" for s in sims),
                shares=", ".join(f"{m:.0%}" for m in mob)))


def _no_building(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    pairs = []
    for a, b in zip(MILITARY, MILITARY[1:]):
        shared = sorted(set(by_id[a]["facts"]["partners"]) & set(by_id[b]["facts"]["partners"]))
        pairs.append((a, b, shared))
    reused = [p for p in pairs if p[2]]
    text = joined("; ", [Msg("{a} → {b}: {shared}", a=a, b=b,
                             shared=", ".join(s) if s else N_("no shared partner"))
                         for a, b, s in pairs])
    if not reused:
        return AGREES, Msg("{pairs} (partners only; lessons are not in the records)", pairs=text)
    return DISAGREES, Msg("{pairs}: some partners recur, so not every campaign started from "
                          "zero in partners (lessons are not in the records)", pairs=text)


def _declining(by_id):
    rates = []
    for i in MILITARY:
        for e in by_id.get(i, {}).get("facts", {}).get("event_rates", []):
            if e["metric"] == "protest_stands" and e["scope"] == "international":
                rates.append((i, e))
    if len(rates) < 2:
        return CANNOT, Msg("fewer than two counted international stand figures")
    parts = [Msg("{campaign} {window}: {count} over {weeks} weeks = {rate}", campaign=i,
                 window=e["window"], count=e["count"], weeks=e["weeks"], rate=e["per_week"])
             for i, e in rates]
    no_idlib = not any(i == "idlib-under-fire" for i, _ in rates)
    # a decline needs each later rate's upper bound below the earlier one's lower bound
    declines = all((b["rate_high"] if b["rate_high"] is not None else float("inf"))
                   < (a["rate_low"] or 0) for (_, a), (_, b) in zip(rates, rates[1:]))
    rises = any((b["rate_low"] or 0) > (a["rate_high"] if a["rate_high"] is not None else float("inf"))
                for (_, a), (_, b) in zip(rates, rates[1:]))
    if no_idlib:
        parts.append(Msg("Idlib has no counted stand figure"))
    text = joined("; ", parts)
    if declines:
        return AGREES, text
    if rises:
        return DISAGREES, Msg("{rates}: per week of the window each count covers, the counts "
                              "do not decline — the raw counts compare windows of different "
                              "lengths", rates=text)
    return CANNOT, Msg("{rates}: the bounds overlap, so the direction cannot be told",
                       rates=text)


def _foreign_participation(by_id):
    return CANNOT, Msg("no record counts foreign participants (the paper itself observed this "
                       "and did not count it, fn 55)")


def _fragmentation(by_id):
    if _need(by_id, MILITARY):
        return CANNOT, Msg("needs the three military-event campaigns' results")
    out = []
    for i in MILITARY:
        frag = by_id[i]["facts"]["hashtag_fragmentation"]
        first_phase = frag[0]["phase"] if frag else None
        part = [f for f in frag if f["phase"] == first_phase]
        distinct = max((f["distinct"] for f in part), default=0)
        trended = sum(f["trended"] for f in part)
        out.append((i, distinct, trended))
    a, *rest = out
    ok = a[1] <= 1 and a[2] >= 1 and all(d > 1 and t == 0 for _, d, t in rest)
    text = joined("; ", [Msg("{campaign}: {n} distinct hashtags per language at most in its "
                             "first phase, {trended} trended", campaign=i, n=d, trended=t)
                         for i, d, t in out])
    return (AGREES if ok else DISAGREES), text


def _arabic_first(by_id):
    counts = []
    for i, r in by_id.items():
        other = [a for a in r["facts"]["accounts"] if a["language"] not in ("ar", "unknown")]
        counts.append((i, len(other), len(r["facts"]["accounts"])))
    if not counts:
        return CANNOT, Msg("no results")
    usual = sum(1 for _, n, _ in counts if n <= 2) > len(counts) / 2
    text = joined("; ", [Msg("{campaign}: {n} of {total} accounts in another language",
                             campaign=i, n=n, total=t) for i, n, t in counts])
    return (AGREES if usual else DISAGREES), text


def _english_weak(by_id):
    tags = [(i, h) for i, r in by_id.items() for h in r["facts"]["hashtags"]
            if h["language"] != "ar"]
    known = [(i, h) for i, h in tags if h["trended"] != "unknown"]
    if not known:
        return CANNOT, Msg("no non-Arabic hashtag with a known trending status")
    trended = [h["text"] for _, h in known if h["trended"] == "yes"]
    ar_trended = [h["text"] for r in by_id.values() for h in r["facts"]["hashtags"]
                  if h["language"] == "ar" and h["trended"] == "yes"]
    text = Msg("{n} of {total} non-Arabic hashtags trended; Arabic hashtags that trended: "
               "{arabic}", n=len(trended), total=len(known),
               arabic=", ".join(ar_trended) or N_("none"))
    return (AGREES if not trended else DISAGREES), text


def _reactive(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    first = {i: first_launch(by_id[i]) for i in (*MILITARY, "caesar")}
    ok = all(first[i]["reactive"] is True for i in MILITARY) and first["caesar"]["designed"]
    text = joined("; ", [Msg("{campaign}: {launch}", campaign=i, launch=launch_words(t))
                         for i, t in first.items()])
    return (AGREES if ok else DISAGREES), text


def _only_caesar(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    att = {i: [g["attainment"] for g in by_id[i]["facts"]["main_goal"]] for i in by_id}
    reached = [i for i, a in att.items() if any(x in ("achieved", "partly") for x in a)]
    text = Msg("main goal reached at least in part by: {campaigns} (the evaluator's recorded "
               "judgements, with the paper's evidence; not computed)",
               campaigns=", ".join(reached) or N_("none"))
    return (AGREES if reached == ["caesar"] else DISAGREES), text


def _lobbying_mattered(by_id):
    if _need(by_id, (*MILITARY, "caesar")):
        return CANNOT, Msg("needs all four campaigns' results")
    rows = []
    for i, r in by_id.items():
        kinds = r["facts"]["activity_mix"]["kind"]
        share = kinds.get("lobbying", 0) / max(1, r["facts"]["activities"])
        rows.append((i, share, r["facts"]["decision_makers_top_rung"]))
    top = max(rows, key=lambda x: x[1])
    policy = [i for i, _, rung in rows if rung == "policy action"]
    text = joined("; ", [Msg("{campaign}: lobbying {share} of activities, highest rung "
                             "'{rung}'", campaign=i, share=f"{s:.0%}", rung=rung)
                         for i, s, rung in rows])
    ok = top[0] == "caesar" and policy == ["caesar"]
    return (AGREES if ok else DISAGREES), Msg("{text} (a sequence in time, not proof of cause)",
                                              text=text)


def _case_reactive(case, expect):
    def check(by_id):
        if case not in by_id:
            return CANNOT, Msg("no results for {case}", case=case)
        t = first_launch(by_id[case])
        got = t["reactive"]
        if got is None:
            return CANNOT, Msg("launch timing undetermined: {timing}", timing=t["timing"])
        return (AGREES if got == expect else DISAGREES), Msg("first launch {launch}",
                                                             launch=launch_words(t))
    return check


def _case_attainment(case, expect):
    def check(by_id):
        if case not in by_id:
            return CANNOT, Msg("no results for {case}", case=case)
        goals = by_id[case]["facts"]["main_goal"]
        att = [g["attainment"] for g in goals]
        return (AGREES if att == [expect] else DISAGREES), Msg(
            "recorded judgement: {attainment} (the evaluator's, from the paper's evidence; "
            "evalkit records it, it does not compute it)", attainment=attainment_words(goals))
    return check


def _aleppo_conversion(by_id):
    r = by_id.get("aleppo-is-burning")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="aleppo-is-burning")
    kinds = r["facts"]["activity_mix"]["kind"]
    mob, total = kinds.get("mobilisation", 0), r["facts"]["activities"]
    rung = r["facts"]["decision_makers_top_rung"]
    ok = mob / max(1, total) >= 0.6 and rung in ("not reached", "aware", None)
    return (AGREES if ok else DISAGREES), Msg(
        "{n} of {total} activities were mobilisation; decision makers named in the goal: "
        "highest rung '{rung}'", n=mob, total=total, rung=rung)


def _idlib_split(by_id):
    r = by_id.get("idlib-under-fire")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="idlib-under-fire")
    teams = sorted({a["team"] for a in r["facts"]["accounts"] if a["team"]})
    if not teams:
        return CANNOT, Msg("no account records who runs it")
    text = Msg("{n} accounts run by {teams} teams ({names})", n=len(r["facts"]["accounts"]),
               teams=len(teams), names="; ".join(teams))
    if r["facts"]["coordination_problems"]:
        text = Msg("{text}; also: {problems}", text=text,
                   problems=joined("; ", r["facts"]["coordination_problems"]))
    return (AGREES if len(teams) > 1 else DISAGREES), text


def _ghouta_identity(by_id):
    r = by_id.get("save-ghouta")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="save-ghouta")
    vi = r["facts"]["visual_identity"]
    return (AGREES if vi == "no" else CANNOT if vi in (None, "unknown") else DISAGREES), \
        Msg("visual identity recorded as: {value}", value=str(vi))


def _caesar_combined(by_id):
    r = by_id.get("caesar")
    if r is None:
        return CANNOT, Msg("no results for {case}", case="caesar")
    kinds = r["facts"]["activity_mix"]["kind"]
    ok = all(kinds.get(k, 0) > 0 for k in ("mobilisation", "advocacy", "lobbying"))
    return (AGREES if ok else DISAGREES), joined(", ", [Msg("{kind}: {n}", kind=k, n=v)
                                                        for k, v in kinds.items()])


CLAIMS = [
    Claim("X1", "§2 cross-campaign", "The three military campaigns repeated the same main goal and strategy.", _same_goal_and_strategy),
    Claim("X2", "§2 cross-campaign", "None built on the previous one's partners or lessons; each started from zero.", _no_building),
    Claim("X3", "§2 cross-campaign", "Declining mobilisation: international stands fell from 60+ (Aleppo phase 1) to ≤30 (phase 2, last month) to 40+ in a week (Ghouta) to fewer in Idlib.", _declining),
    Claim("X4", "§2 cross-campaign, fn 55", "Foreign activists' participation fell from Aleppo to Ghouta to Idlib.", _foreign_participation),
    Claim("X5", "§2 cross-campaign", "Hashtag fragmentation grew: one hashtag trended (Aleppo phase 1); Ghouta and Idlib spread over many, none trended.", _fragmentation),
    Claim("X6", "§2 cross-campaign, fn 76", "Arabic-first messaging: usually one or two accounts posting in another language.", _arabic_first),
    Claim("X7", "§2 cross-campaign", "English engagement very weak.", _english_weak),
    Claim("X8", "§2 cross-campaign", "Reactive launches in all three military campaigns; Caesar designed ahead.", _reactive),
    Claim("X9", "§2 cross-campaign", "Only Caesar (partly) reached its main goal.", _only_caesar),
    Claim("X10", "§2 cross-campaign", "Lobbying of decision makers mattered most.", _lobbying_mattered),
    Claim("A1", "§3.1 Aleppo", "Aleppo Is Burning was reactive (launched with a foreseeable offensive).", _case_reactive("aleppo-is-burning", True)),
    Claim("A2", "§3.1 Aleppo", "Its capacity to mobilise exceeded its capacity to convert mobilisation into gains.", _aleppo_conversion),
    Claim("A3", "§3.1 Aleppo", "Main goal not achieved.", _case_attainment("aleppo-is-burning", "not_achieved")),
    Claim("G1", "§3.1 Ghouta", "Save Ghouta had no visual identity.", _ghouta_identity),
    Claim("G2", "§3.1 Ghouta", "Main goal not achieved.", _case_attainment("save-ghouta", "not_achieved")),
    Claim("I1", "§3.1 Idlib", "Idlib Under Fire had no central campaign: accounts run by different teams.", _idlib_split),
    Claim("I2", "§3.1 Idlib", "Main goal not achieved.", _case_attainment("idlib-under-fire", "not_achieved")),
    Claim("C1", "§3.2 Caesar", "The Caesar campaigns were not reactive: designed to make an event.", _case_reactive("caesar", False)),
    Claim("C2", "§3.2 Caesar", "Mobilisation, advocacy and lobbying were combined.", _caesar_combined),
    Claim("C3", "§3.2 Caesar", "Main goal partly achieved.", _case_attainment("caesar", "partly")),
]


def paper_results(results: list[dict]) -> list[dict]:
    """The results of the paper's own campaigns: the only ones its claims are about."""
    return [r for r in results if r["record"]["id"] in PAPER_CAMPAIGNS]


def replication_table(results: list[dict]) -> pd.DataFrame:
    """The paper's claims against what evalkit computed, over the paper's campaigns only
    (a claim such as "English engagement very weak" is not about anyone else's campaign)."""
    by_id = {r["record"]["id"]: r for r in paper_results(results)}
    rows = []
    for c in CLAIMS:
        status, computed = c.check(by_id)
        rows.append({"claim": c.id, "paper": c.source, "the paper says": c.text,
                     "evalkit computed": computed, "result": status})
    return pd.DataFrame(rows)




def _names(rs: list[dict]) -> str:
    return ", ".join(_name(r) for r in rs) or N_("none")


def summary_lines(results: list[dict]) -> list[Msg]:
    """The comparison in a few lines, each computed from the results (verdicts, the
    evaluators' recorded attainments, launch timing, the replication table)."""
    years = sorted(str(r["facts"]["start"])[:4] for r in results)
    span = years[0] if years[0] == years[-1] else Msg("{first} to {last}", first=years[0],
                                                      last=years[-1])
    lines = [Msg("{n} campaigns compared, started {span}: {names}.", n=len(results), span=span,
                 names=_names(results))]
    spread = []
    for n, word in ((str(k), w) for k, w in QUESTION_WORDS.items()):
        counts = {}
        for r in results:
            level = r["questions"][n]["verdict"] or "insufficient evidence"
            counts[level] = counts.get(level, 0) + 1
        order = [*reversed(SCALE), "insufficient evidence"]
        spread.append(Msg("{question} {counts}", question=word, counts=joined(", ", [
            Msg("{level} ×{n}", level=lvl, n=counts[lvl]) for lvl in order if lvl in counts])))
    lines.append(Msg("Verdicts (how many campaigns at each level): {spread}.",
                     spread=joined(" · ", spread)))
    reached = [r for r in results
               if any(g["attainment"] in ("achieved", "partly") for g in r["facts"]["main_goal"])]
    failed = [r for r in results if r["facts"]["main_goal"] and r not in reached]
    lines.append(Msg("Main goal achieved at least in part (the evaluators' judgements): "
                     "{reached}; not achieved or not yet judged: {failed}.",
                     reached=_names(reached), failed=_names(failed)))
    reach_no_goal = [r for r in failed if r["questions"]["2"]["verdict"] in ("fair", "good")]
    if reach_no_goal:
        lines.append(Msg("Reached their audience (question 2 fair or good) but not their main "
                         "goal: {names}.", names=_names(reach_no_goal)))
    firsts = [(r, first_launch(r)) for r in results]
    reactive = [r for r, t in firsts if t and t["reactive"] is True]
    designed = [r for r, t in firsts if t and t["designed"]]
    line = Msg("First launches reactive to a hot event: {n} of {total}", n=len(reactive),
               total=len(results))
    if reactive:
        line = Msg("{line} ({names})", line=line, names=_names(reactive))
    if designed:
        line = Msg("{line}; designed to make their own event: {names}", line=line,
                   names=_names(designed))
    lines.append(Msg("{line}.", line=line))
    if paper_results(results):
        counts = replication_table(results)["result"].value_counts()
        lines.append(Msg("The paper's claims: {agree} agree with what evalkit computed, "
                         "{disagree} disagree, {cannot} cannot be computed (see the last "
                         "sections).", agree=counts.get(AGREES, 0),
                         disagree=counts.get(DISAGREES, 0), cannot=counts.get(CANNOT, 0)))
    return lines
