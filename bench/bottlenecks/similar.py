"""Benchmark "similar bottlenecks": is the existing bottleneck suggested first when the same
problem is reported again in other words, and does a new problem get no confident suggestion?
The platform's `similar()` beside the baselines (baselines.py), on the same texts.

.venv/bin/python bench/bottlenecks/similar.py [--dataset FILE_OR_FOLDER] [--postgres URL]
    [--show-misses] [--no-baselines]
"""

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines import available, document  # noqa: E402
from database import fresh_database, percentile, reporter  # noqa: E402

from mdma.bottlenecks import vectors  # noqa: E402
from mdma.bottlenecks.models import Bottleneck  # noqa: E402
from mdma.bottlenecks.similar import similar  # noqa: E402
from mdma.bottlenecks.states import Status  # noqa: E402
from mdma.core.time import utcnow  # noqa: E402
from mdma.extensions import db  # noqa: E402

DATASET = HERE / "similar_pairs.jsonl"
TOP3_TARGET = 0.9
#: Kinds of row whose new report is the same problem as the existing bottleneck beside it.
PAIRS = ("pair", "duplicate")
#: Fields a posting may name the existing bottleneck it duplicates by.
REFERENCES = ("duplicate_of", "same_as", "existing_id", "expected", "match")


@dataclass
class Posting:
    id: str
    title: str
    description: str
    #: The key of the existing bottleneck it duplicates; None for a new problem.
    duplicate_of: str | None


def read(path: Path) -> tuple[dict[str, dict], list[Posting]]:
    """Existing bottlenecks by key and the new postings, from one JSON-lines file or every
    `*.jsonl` in a folder. A `pair` row carries its existing bottleneck and a new report; a row
    with a title of its own is an existing bottleneck; a row with only `new` is a posting,
    naming the bottleneck it duplicates (one of REFERENCES) or none."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    existing, postings = {}, []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "existing" in row:
                existing[row["id"]] = row["existing"]
            elif "title" in row:
                existing[row["id"]] = {"title": row["title"], "description": row["description"]}
            if "new" in row:
                # A pair's new report duplicates its existing bottleneck; a row of another kind
                # that carries both (a near miss) is a new problem beside it.
                paired = "existing" in row and row.get("kind", "pair") in PAIRS
                target = row["id"] if paired and row.get("same", True) else None
                for field in REFERENCES:
                    target = row.get(field) or target
                new = row["new"]
                postings.append(Posting(row["id"], new["title"], new["description"], target))
    return existing, postings


def load(existing: dict[str, dict]) -> dict[str, int]:
    """Every existing bottleneck, submitted; returns its key → bottleneck id."""
    writer = reporter()
    ids = {}
    for key, text in existing.items():
        bottleneck = Bottleneck(
            title=text["title"],
            description=text["description"],
            status=Status.SUBMITTED,
            reporter_id=writer.id,
            submitted_at=utcnow(),
        )
        db.session.add(bottleneck)
        db.session.flush()
        ids[key] = bottleneck.id
    # Written without the services (no logbook, no guard): their vectors as the CLI rebuilds them.
    vectors.reindex_all()
    db.session.commit()
    return ids


def figures(ranks: list[int | None], confident_new: list[bool]) -> dict:
    """Top-1, top-3 and MRR over the duplicates; the share of new problems that still got a
    confident suggestion."""
    count = len(ranks) or 1
    return {
        "duplicates": len(ranks),
        "top1": sum(r == 1 for r in ranks) / count,
        "top3": sum(r is not None and r <= 3 for r in ranks) / count,
        "mrr": sum(1 / r for r in ranks if r) / count,
        "new": len(confident_new),
        "confident_new": sum(confident_new) / len(confident_new) if confident_new else None,
    }


def run_platform(existing, postings, show_misses: bool) -> dict:
    ids = load(existing)
    keys = {bottleneck_id: key for key, bottleneck_id in ids.items()}
    similar("warm-up", "")  # the first call samples word rarity
    ranks, confident_new, latencies = [], [], []
    for posting in postings:
        started = time.perf_counter()
        found = similar(posting.title, posting.description, limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
        order = [keys[s.bottleneck.id] for s in found]
        if posting.duplicate_of is None:
            confident_new.append(bool(found) and found[0].confident)
            if show_misses and confident_new[-1]:
                print(f"{posting.id} confident: {posting.title!r} → {found[0].bottleneck.title!r}")
        else:
            rank = order.index(posting.duplicate_of) + 1 if posting.duplicate_of in order else None
            ranks.append(rank)
            if show_misses and rank != 1:
                print(f"{posting.id} rank {rank}: {posting.title!r}")
                for s in found[:3]:
                    print(f"    {s.score:.3f} {s.bottleneck.title}  [{', '.join(s.shared)}]")
        db.session.rollback()
    result = figures(ranks, confident_new)
    result["median_ms"] = statistics.median(latencies)
    result["p95_ms"] = percentile(latencies, 0.95)
    return result


def run_baseline(method, existing, postings) -> dict:
    texts = {key: document(text["title"], text["description"]) for key, text in existing.items()}
    ranker = method(texts)
    ranks = []
    for posting in postings:
        if posting.duplicate_of is None:
            continue  # a baseline has no confidence of its own: nothing to count
        ranked = ranker.rank(document(posting.title, posting.description))
        order = [key for key, _score in ranked]
        ranks.append(
            order.index(posting.duplicate_of) + 1 if posting.duplicate_of in order else None
        )
    return figures(ranks, [])


def line(name: str, result: dict) -> str:
    confident = result["confident_new"]
    shown = "—" if confident is None else f"{confident:.2f} of {result['new']}"
    text = (
        f"{name:<28} top-1 {result['top1']:.2f}  top-3 {result['top3']:.2f}  "
        f"MRR {result['mrr']:.2f}  confident on a new problem {shown}"
    )
    if "median_ms" in result:
        text += f"  latency median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="also run on a PostgreSQL server")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--dataset", type=Path, default=DATASET)
    args = parser.parse_args()
    existing, postings = read(args.dataset)
    duplicates = sum(p.duplicate_of is not None for p in postings)
    print(
        f"{args.dataset.name}: {len(existing)} existing bottlenecks, {duplicates} duplicates, "
        f"{len(postings) - duplicates} new problems"
    )
    backends = [("sqlite", None)] + ([("postgresql", args.postgres)] if args.postgres else [])
    ok = True
    for name, url in backends:
        with fresh_database(url):
            result = run_platform(existing, postings, args.show_misses)
        print(line(f"platform ({name})", result))
        ok = ok and result["top3"] >= TOP3_TARGET
    if not args.no_baselines:
        for method in available():
            print(line(method.name, run_baseline(method, existing, postings)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
