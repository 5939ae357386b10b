"""The API fuzzing test, run longer: more generated requests per operation, every role, in
both generation modes, on SQLite and (when given) PostgreSQL. Prints requests, time and every
failure found (a 5xx, or an answer the OpenAPI document does not describe).

    .venv/bin/python bench/api/fuzz.py --examples 50
    .venv/bin/python bench/api/fuzz.py --examples 25 --seed 7 \\
        --postgres postgresql+psycopg://mdma_ci:mdma_ci@127.0.0.1:5432/postgres
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from mdma import create_app  # noqa: E402
from mdma.core.databases import throwaway_database  # noqa: E402
from mdma.extensions import db  # noqa: E402
from tests.api.fuzzing import NEGATIVE, POSITIVE, ROLES, fuzz, make_world  # noqa: E402


def run(url: str, folder: str, args) -> int:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "fuzz",
            "MDMA_MAIL_BACKEND": "log",
            "MDMA_ARGON2_TIME_COST": 1,
            "MDMA_ARGON2_MEMORY_COST": 1024,
        },
        instance_path=folder,
    )
    failures = 0
    with app.app_context():
        upgrade()
        world = make_world(db.session)
        for role in args.roles:
            outcome = fuzz(
                app, world, role, examples=args.examples, modes=(POSITIVE, NEGATIVE), seed=args.seed
            )
            rate = outcome.requests / outcome.seconds if outcome.seconds else 0
            print(
                f"  {role:<14} {outcome.requests:>6} requests {outcome.seconds:>7.1f} s "
                f"({rate:.0f}/s)  failures: {len(outcome.failures)}",
                flush=True,
            )
            for failure in outcome.failures:
                print("    " + failure.replace("\n", "\n    "))
            failures += len(outcome.failures)
        db.session.remove()
        db.engine.dispose()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50, help="per operation, mode and role")
    parser.add_argument("--seed", type=int, default=None, help="random (not the CI's requests)")
    parser.add_argument("--roles", nargs="*", default=ROLES, choices=ROLES)
    parser.add_argument("--postgres", help="an admin URL: also a throwaway PostgreSQL database")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        if not args.no_sqlite:
            print("SQLite", flush=True)
            failures += run(f"sqlite:///{folder}/fuzz.sqlite", folder, args)
        if args.postgres:
            url, drop = throwaway_database(args.postgres, "mdma_fuzz")
            try:
                print("PostgreSQL", flush=True)
                failures += run(url, folder, args)
            finally:
                drop()
    print(f"failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
