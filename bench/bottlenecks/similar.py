"""Benchmark "similar bottlenecks" on bench/bottlenecks/similar_pairs.jsonl: for each pair, is
the existing bottleneck found when the same problem is reported again in other words?

.venv/bin/python bench/bottlenecks/similar.py [--postgres URL] [--show-misses]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from database import fresh_database, percentile, reporter  # noqa: E402

from mdma.bottlenecks.models import Bottleneck  # noqa: E402
from mdma.bottlenecks.similar import similar  # noqa: E402
from mdma.bottlenecks.states import Status  # noqa: E402
from mdma.core.time import utcnow  # noqa: E402
from mdma.extensions import db  # noqa: E402

DATASET = HERE / "similar_pairs.jsonl"
TOP3_TARGET = 0.9


def load(rows: list[dict]) -> dict[str, int]:
    """Every existing bottleneck and distractor, submitted; returns pair id → bottleneck id."""
    writer = reporter()
    ids = {}
    for row in rows:
        text = row["existing"] if row["kind"] == "pair" else row
        bottleneck = Bottleneck(
            title=text["title"],
            description=text["description"],
            status=Status.SUBMITTED,
            reporter_id=writer.id,
            submitted_at=utcnow(),
        )
        db.session.add(bottleneck)
        db.session.flush()
        ids[row["id"]] = bottleneck.id
    db.session.commit()
    return ids


def run(rows: list[dict], show_misses: bool) -> dict:
    ids = load(rows)
    pairs = [row for row in rows if row["kind"] == "pair"]
    similar("warm-up", "")  # the first call samples word rarity
    ranks, latencies = [], []
    for pair in pairs:
        started = time.perf_counter()
        found = similar(pair["new"]["title"], pair["new"]["description"], limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
        order = [bottleneck.id for bottleneck, _score in found]
        expected = ids[pair["id"]]
        rank = order.index(expected) + 1 if expected in order else None
        ranks.append(rank)
        if show_misses and rank != 1:
            print(f"{pair['id']} rank {rank}: {pair['new']['title']!r}")
            for bottleneck, score in found[:3]:
                print(f"    {score:.3f} {bottleneck.title}")
        db.session.rollback()
    count = len(pairs)
    return {
        "pairs": count,
        "bottlenecks": len(rows),
        "top1": sum(r == 1 for r in ranks) / count,
        "top3": sum(r is not None and r <= 3 for r in ranks) / count,
        "mrr": sum(1 / r for r in ranks if r) / count,
        "median_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="also run on a PostgreSQL server")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--dataset", type=Path, default=DATASET)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    backends = [("sqlite", None)] + ([("postgresql", args.postgres)] if args.postgres else [])
    ok = True
    for name, url in backends:
        with fresh_database(url):
            result = run(rows, args.show_misses)
        print(
            f"{name}: {result['pairs']} pairs among {result['bottlenecks']} bottlenecks  "
            f"top-1 {result['top1']:.2f}  top-3 {result['top3']:.2f}  MRR {result['mrr']:.2f}  "
            f"latency median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms"
        )
        ok = ok and result["top3"] >= TOP3_TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
