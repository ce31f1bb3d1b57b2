"""A SIMULATED large record for the size and speed benchmarks: the Caesar case study's
activities repeated to N rows (new ids, descriptions numbered, the copies on distinct days
between mid 2014 and mid 2020), and optionally M rows of metrics (daily counts of posts,
hashtag uses, views and followers on those days, varied values, some qualified), everything
else as recorded. Its id and name say "simulated", so its report can never pass for a real
campaign's.

    .venv/bin/python benchmarks/simulated_record.py OUT_DIR [--activities 10000] [--metrics 0]
"""

from __future__ import annotations

import argparse
import csv
import shutil
from datetime import date, timedelta
from pathlib import Path

CAESAR = Path(__file__).resolve().parent.parent / "case_studies" / "caesar"


def simulated_record(folder: Path, activities: int = 10_000, metrics: int = 0) -> Path:
    """Write the simulated record into `folder` (created) and return it."""
    folder = Path(folder)
    shutil.copytree(CAESAR, folder)
    yaml_file = folder / "campaign.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    text = text.replace("id: caesar\n", f"id: simulated-{activities}-activities\n", 1)
    text = text.replace(
        "  en: The Caesar campaigns (detainees)",
        f"  en: SIMULATED record ({activities} activities, from the Caesar case)",
        1,
    )
    yaml_file.write_text(text, encoding="utf-8")
    with open(CAESAR / "activities.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(folder / "activities.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for i in range(activities):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row['id']}-sim-{i:05d}"
            row["description"] = f"(simulated copy {i}) {row['description']}"
            if i >= len(rows):  # copies get distinct days, as a long real record would
                row["date"] = (date(2014, 6, 1) + timedelta(days=(i * 7) % 2190)).isoformat()
            writer.writerow(row)
    if metrics:
        _metrics(folder / "metrics.csv", metrics)
    return folder


METRICS = (("posts", "twitter"), ("hashtag_uses", "twitter"), ("views", "youtube"))


def _metrics(path: Path, n: int) -> None:
    with open(CAESAR / "metrics.csv", newline="", encoding="utf-8") as fh:
        recorded = list(csv.DictReader(fh))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(recorded[0]))
        writer.writeheader()
        writer.writerows(recorded)
        for i in range(max(n - len(recorded), 0)):
            metric, platform = METRICS[i % len(METRICS)]
            value = str(100 + (i * 37) % 99_991)
            writer.writerow(
                {
                    "date": (date(2014, 6, 1) + timedelta(days=(i // 3) % 2190)).isoformat(),
                    "metric": metric,
                    "value": f"about {value}" if i % 10 == 0 else value,
                    "language": "ar" if i % 2 else "en",
                    "platform": platform,
                    "scope": "international",
                    "note": f"(simulated count {i})",
                    "source": recorded[0]["source"],
                }
            )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--activities", type=int, default=10_000)
    ap.add_argument("--metrics", type=int, default=0)
    args = ap.parse_args()
    print(simulated_record(Path(args.out), args.activities, args.metrics))
