"""Question 2: was the audience reached? (paper fn 16; §2 cross-campaign findings on
mobilisation, hashtags and English engagement; §4 weaknesses 7, 8, 14, 15)."""
from __future__ import annotations

import math

import pandas as pd

from ..values import Quantity
from .base import Analysis, Criterion, Finding, fit_margins, row_ref
from .hashtags import effective_number, group_variants

EVENT_METRICS = ("protest_stands", "demonstrations", "events")
# A pause longer than this between two phases is a stop-and-restart (§4 weakness 11).
GAP_DAYS = 30


def _rate_text(q: Quantity, weeks: float) -> str:
    lo, hi = q.lower / weeks, q.upper / weeks
    if q.bound == "lower":
        return f"at least {lo:.1f} per week"
    if q.bound == "upper":
        return f"at most {hi:.1f} per week"
    return f"{'about ' if q.bound == 'approximate' else ''}{lo:.1f} per week"


def event_rates(campaign) -> pd.DataFrame:
    """Counted events (stands, demonstrations) per week of the window each count covers,
    with the qualifier kept as a bound. Reads metrics.csv only, so a count noted in both
    tables is not counted twice."""
    m = campaign.metrics
    m = m[m["metric"].isin(EVENT_METRICS)] if not m.empty else m
    rows = []
    for _, r in m.iterrows():
        days = (r["date_end"] - r["date_start"]).days + 1
        weeks = days / 7
        q = Quantity(r["value"], r["value_qualifier"])
        rows.append({
            "row": r["row"], "metric": r["metric"], "scope": r.get("scope"),
            "start": r["date_start"],
            "phase": r.get("phase"), "window": r["date"], "weeks": round(weeks, 1),
            "count": str(q), "bound": q.bound,
            "rate_low": q.lower / weeks, "rate_high": q.upper / weeks,
            "per week": _rate_text(q, weeks), "source": r["source"],
        })
    return pd.DataFrame(rows, columns=["row", "metric", "scope", "start", "phase", "window", "weeks",
                                       "count", "bound", "rate_low", "rate_high", "per week",
                                       "source"])


class Reach(Analysis):
    number = 2
    question = "Was the audience reached?"

    def compute(self) -> None:
        c, rec = self.campaign, self.campaign.record
        acts, metrics = c.activities, c.metrics

        uses = metrics[metrics["metric"] == "hashtag_uses"] if not metrics.empty else metrics
        for lang, part in uses.groupby("language", dropna=False):
            best = part.loc[part["value_low"].idxmax()]
            self.indicator(f"Hashtag uses ({lang if isinstance(lang, str) else 'language not stated'})",
                           str(Quantity(best["value"], best["value_qualifier"]))
                           + f" ({best['date']})", row_ref("metrics.csv", part["row"]))
        tags = rec.media_tools.hashtags
        for lang in sorted({h.language for h in tags}):
            trended = [h.text for h in tags if h.language == lang and h.trended == "yes"]
            self.indicator(f"Hashtags that trended ({lang})", ", ".join(trended) or "none")

        self.by_channel = (acts.groupby(["channel", "scope"]).size().rename("activities")
                           .reset_index() if not acts.empty else
                           pd.DataFrame(columns=["channel", "scope", "activities"]))
        for ch in ("in_person", "virtual"):
            n = int((acts["channel"] == ch).sum()) if not acts.empty else 0
            self.indicator(f"Activities {ch.replace('_', ' ')}", n)

        self.rates = event_rates(c)
        for _, r in self.rates.iterrows():
            self.indicator(f"{r['metric'].replace('_', ' ').capitalize()} ({r['scope'] or 'scope not stated'}"
                           f"{', ' + r['phase'] if isinstance(r['phase'], str) else ''})",
                           f"{r['count']} over {r['weeks']} weeks ({r['window']}): {r['per week']}",
                           [f"metrics.csv:{r['row']}"])
        n_num = len(metrics)
        self.vague_share = (float((metrics["value_qualifier"] != "exactly").mean())
                            if n_num else 0.0)

        part = acts.dropna(subset=["participants", "foreign_participants"]) \
            if not acts.empty else acts
        if len(part):
            share = part["foreign_participants"].sum() / part["participants"].sum()
            self.indicator("Foreign share of participants",
                           f"{share:.0%} over {len(part)} activities with both counts",
                           row_ref("activities.csv", part["row"]))
        else:
            self.indicator("Foreign share of participants", "not recorded (no activity gives "
                           "both participants and foreign participants)")

        media = [a for a in rec.audiences if a.segment == "media"]
        self.indicator("Mainstream media reached",
                       "; ".join(f"{a.id}: {a.reached}" for a in media) or "not recorded",
                       [f"campaign.yaml audiences[{a.id}]" for a in media])

        # fragmentation, per language
        self.fragmentation = []
        for lang in sorted({h.language for h in tags}):
            texts = [h.text for h in tags if h.language == lang]
            groups = group_variants(texts)
            known = {h.text: (h.uses.value if h.uses else None) for h in tags
                     if h.language == lang}
            eff = effective_number([sum(known[t] or 0 for t in g) if all(known[t] is not None
                                    for t in g) else None for g in groups])
            self.fragmentation.append({"language": lang, "hashtags": len(texts),
                                       "distinct after merging spellings": len(groups),
                                       "spelling variants": sum(len(g) - 1 for g in groups),
                                       "effective number": eff})
            self.indicator(f"Competing hashtags ({lang})",
                           f"{len(groups)} distinct of {len(texts)} written forms"
                           + (f"; variants: {', '.join('/'.join(g) for g in groups if len(g) > 1)}"
                              if any(len(g) > 1 for g in groups) else "")
                           + (f"; effective number {eff:.2f}" if eff else
                              "; effective number not computable (uses not recorded for every hashtag)"))

        gaps = []
        phases = sorted(rec.phases, key=lambda p: p.start.start)
        for a, b in zip(phases, phases[1:]):
            lo, hi = (b.start.start - a.end.end).days, (b.start.end - a.end.start).days
            if hi > 0:
                gaps.append((a, b, max(lo, 0), hi))
        self.indicator("Gaps between phases",
                       "; ".join(f"{a.id} → {b.id}: {lo}–{hi} days" for a, b, lo, hi in gaps)
                       or "none")
        campaign_end = max(p.end.end for p in rec.phases)
        silent = [a for a in rec.media_tools.accounts
                  if a.active_to is not None and a.active_to.end < campaign_end]
        self.indicator("Accounts that went silent before the campaign ended",
                       "; ".join(f"{a.name} ({a.platform}, last active {a.active_to.text})"
                                 for a in silent) or "none recorded")

        # --- criteria ---
        trend = [h.trended for h in tags]
        self.criteria.append(Criterion(
            "A campaign hashtag trended", True if "yes" in trend else
            (False if trend and all(t == "no" for t in trend) else None),
            f"{trend.count('yes')} of {len(trend)} hashtags trended" if trend
            else "no hashtags recorded"))
        intl = acts[(acts["channel"] == "in_person") & (acts["scope"] == "international")] \
            if not acts.empty else acts
        self.criteria.append(Criterion(
            "In-person activity reached the international arena",
            (len(intl) > 0) if not acts.empty else None,
            f"{len(intl)} international in-person activities", row_ref("activities.csv", intl["row"])[:5]
            if len(intl) else []))
        reached = [a.reached for a in media if a.reached != "unknown"]
        self.criteria.append(Criterion(
            "Mainstream media were reached", (any(r in ("yes", "partly") for r in reached))
            if reached else None, "; ".join(f"{a.id}: {a.reached}" for a in media)
            or "no media audience recorded"))
        foreign = [a for a in rec.audiences if a.segment == "general_public"
                   and a.region in ("international", "blocking_state")
                   and any(l.lower() not in ("ar", "arabic") for l in a.languages)
                   and a.reached != "unknown"]
        self.criteria.append(Criterion(
            "The foreign (non-Arabic-speaking) public was reached",
            all(a.reached == "yes" for a in foreign) if foreign else None,
            "; ".join(f"{a.id}: {a.reached}" for a in foreign)
            or "no foreign public audience with a known reach"))
        self.criteria.append(Criterion(
            "One hashtag per language (no competing hashtags)",
            all(f["distinct after merging spellings"] <= 1 for f in self.fragmentation)
            if self.fragmentation else None,
            "; ".join(f"{f['language']}: {f['distinct after merging spellings']}"
                      for f in self.fragmentation) or "no hashtags recorded"))
        self.criteria.append(Criterion(
            f"Continuity: no pause over {GAP_DAYS} days between phases and no account fell silent",
            not (any(lo > GAP_DAYS for *_, lo, _ in gaps) or silent),
            f"{len(gaps)} gaps, {len(silent)} silent accounts"))

        if any(f["distinct after merging spellings"] > 1 for f in self.fragmentation):
            self.findings.append(Finding(
                "Attention was split over competing hashtags: "
                + "; ".join(f"{f['language']}: {f['distinct after merging spellings']} distinct"
                            for f in self.fragmentation) + "."))
        for _, r in self.rates.iterrows():
            if r["bound"] == "lower":
                self.findings.append(Finding(
                    f"{r['count']} {r['metric'].replace('_', ' ')} is a lower bound: the true "
                    f"rate is {r['per week']} or more, never exactly that.", [f"metrics.csv:{r['row']}"]))

    def plot(self, ax=None):
        fig, ax = self._axes(ax)
        r = self.rates
        if r.empty:
            return self._nothing_to_plot(fig, ax, "No counted events in metrics.csv")
        labels = [f"{m.replace('_', ' ')}\n{w}" for m, w in zip(r["metric"], r["window"])]
        y = range(len(r))
        for i, (_, row) in enumerate(r.iterrows()):
            lo = row["rate_low"]
            hi = row["rate_high"] if math.isfinite(row["rate_high"]) else None
            if row["bound"] == "lower":
                ax.annotate("", xy=(lo * 1.6 + 1, i), xytext=(lo, i),
                            arrowprops=dict(arrowstyle="->", color="#4c72b0"))
                ax.plot([lo], [i], "o", color="#4c72b0")
            elif row["bound"] == "upper":
                ax.annotate("", xy=(0, i), xytext=(hi, i),
                            arrowprops=dict(arrowstyle="->", color="#dd8452"))
                ax.plot([hi], [i], "o", color="#dd8452")
            else:
                ax.plot([lo], [i], "s", color="#55a868")
        ax.set_yticks(list(y), labels)
        ax.invert_yaxis()
        ax.set_xlabel("events per week (arrow: the count is a bound; the rate may lie that way)")
        ax.set_title("Counted events per week of the window they cover")
        fit_margins(fig, [l for lab in labels for l in lab.split("\n")])
        return fig
