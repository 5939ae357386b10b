"""Speed of search and "similar bottlenecks" at scale: generates N bottlenecks (and posts in a
fifth of their threads) with SQLAlchemy Core from the words of similar_pairs.jsonl, rebuilds
the index with reindex_all(), then times a list search (COUNT, first page, excerpts) and
similar() for a set of queries.

.venv/bin/python bench/bottlenecks/search_speed.py [--count 100000] [--postgres URL]
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sqlalchemy as sa  # noqa: E402
from database import fresh_database, percentile, reporter  # noqa: E402

from mdma.bottlenecks import queries, search  # noqa: E402
from mdma.bottlenecks.models import Bottleneck  # noqa: E402
from mdma.bottlenecks.similar import similar  # noqa: E402
from mdma.extensions import db  # noqa: E402
from mdma.threads.models import Post, Thread  # noqa: E402

TARGET_MS = 100
SEARCHES = [
    "gezin",
    "huurwaarborg",
    "kinderopvang wachtlijst",
    "belgie",
    "schulden energie",
    "tandarts",
    '"foo" OR (',
    "ocmw leefloon kinderen",
    "zzzonbekend",
]


def vocabulary() -> list[str]:
    rows = [json.loads(line) for line in (HERE / "similar_pairs.jsonl").read_text().splitlines()]
    texts = []
    for row in rows:
        for part in (row.get("existing"), row.get("new"), row):
            if part and "title" in part:
                texts.append(f"{part['title']} {part['description']}")
    return " ".join(texts).split()


def generate(count: int) -> None:
    words = vocabulary()  # sampling from the running text keeps common words common
    rng = random.Random(7)
    writer = reporter()
    now = db.session.scalar(sa.select(sa.func.current_timestamp()))
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        threads = (
            db.session.execute(sa.insert(Thread).returning(Thread.id), [{"created_at": now}] * size)
            .scalars()
            .all()
        )
        db.session.execute(
            sa.insert(Bottleneck),
            [
                {
                    "title": " ".join(rng.choices(words, k=rng.randint(4, 9))),
                    "description": " ".join(rng.choices(words, k=rng.randint(20, 70))),
                    "status": "submitted",
                    "level": "operational",
                    "families_count": 1,
                    "domains": "",
                    "tags": [],
                    "reporter_id": writer.id,
                    "submitted_at": now,
                    "thread_id": thread,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for thread in threads
            ],
        )
        db.session.execute(
            sa.insert(Post),
            [
                {
                    "thread_id": thread,
                    "author_id": writer.id,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "body": " ".join(rng.choices(words, k=rng.randint(15, 60))),
                }
                for thread in threads
                if rng.random() < 0.2
            ],
        )
        db.session.commit()
    search.reindex_all()
    db.session.commit()


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
        db.session.rollback()
    return times


def list_page(actor, q: str) -> None:
    page = queries.list_page(actor, queries.ListFilter(q=q), page=1, per_page=20)
    search.snippets([b.id for b in page.items], q)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with fresh_database(args.postgres):
        started = time.perf_counter()
        generate(args.count)
        print(f"generated {args.count} bottlenecks in {time.perf_counter() - started:.0f} s")
        actor = db.session.scalar(sa.select(Bottleneck.reporter))
        searches, suggestions = [], []
        for q in SEARCHES:
            times = timed(lambda q=q: list_page(actor, q), args.repeat)
            searches += times
            print(f"  search {q!r:30} median {statistics.median(times):6.1f} ms")
        titles = db.session.scalars(sa.select(Bottleneck.title).limit(40)).all()
        similar("warm-up", "")
        for title in titles:
            suggestions += timed(lambda t=title: similar(t, t), 1)
        for name, times in (("search + list page", searches), ("similar()", suggestions)):
            print(
                f"{name}: median {statistics.median(times):.1f} ms, "
                f"p95 {percentile(times, 0.95):.1f} ms"
            )
    return 0 if percentile(searches, 0.95) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
