"""Time `mdma privacy rescan` on the volume of `mdma demo --scale N` (N bottlenecks, 5×N
occurrences), on a fresh database: SQLite in a temporary folder, or PostgreSQL with --postgres.

.venv/bin/python bench/privacy/rescan.py [--scale 100000] [--postgres URL]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "bottlenecks"))

from database import fresh_database  # noqa: E402

from mdma.extensions import db  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scale", type=int, default=100_000, help="bottlenecks (default 100000)")
    ap.add_argument("--postgres", help="a PostgreSQL server URL; a database of its own is made")
    args = ap.parse_args()

    from mdma.accounts.demo import create_demo_users
    from mdma.bottlenecks.demo import create_demo_bottlenecks
    from mdma.bottlenecks.demo.staff import create_volume_staff
    from mdma.bottlenecks.demo.volume import generate
    from mdma.directory.demo import create_demo_organisations
    from mdma.privacy import rescan

    with fresh_database(args.postgres):
        started = time.perf_counter()
        create_demo_organisations()
        create_demo_users()
        create_demo_bottlenecks()
        create_volume_staff()
        written = generate(args.scale, seed=2026)
        db.session.commit()
        print(f"generated in {time.perf_counter() - started:.0f} s: {written}")
        rescan.lexicon_ready()
        total = rescan.count_texts()
        started, cpu = time.perf_counter(), time.process_time()
        result = rescan.rescan()
        db.session.commit()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"rescan of {result.texts:,} stored texts ({total:,} counted): {wall:.0f} s wall, "
            f"{cpu:.0f} s CPU of this process (one core), {result.texts / wall:,.0f} texts/s; "
            f"{result.open:,} open findings"
        )
        for name, count in result.per_field.items():
            print(f"  {name}: {count:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
