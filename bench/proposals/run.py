"""Benchmark proposals and policy advice at volume, in process, on SQLite (and PostgreSQL).

.venv/bin/python bench/proposals/run.py [--scale 100000] [--proposals 5000] [--advice 200]
        [--postgres URL] [--no-sqlite] [--runs 30]

Builds a throwaway database with `mdma demo --scale N` bottlenecks, writes `--proposals`
proposals in bulk (each linking 5–40 random bottlenecks, one to three target levels, in every
state), then times:
- an advice of `--advice` adopted Flemish proposals: assembling it (the evidence of each
  proposal and the annex, counted in the database), and exporting it as HTML, Word and PDF
  (budgets: 3 s, 3 s, 10 s);
- the evidence panel (the query layer, and the whole proposal page) and the tracking board
  (page and API), median and p95 over `--runs` requests (budget: p95 100 ms).
"""

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from mdma import create_app  # noqa: E402
from mdma.accounts import logins  # noqa: E402
from mdma.accounts.models import User  # noqa: E402
from mdma.bottlenecks.models import Bottleneck  # noqa: E402
from mdma.core.databases import throwaway_database  # noqa: E402
from mdma.core.time import utcnow  # noqa: E402
from mdma.extensions import db  # noqa: E402
from mdma.proposals import advice, exports, queries  # noqa: E402
from mdma.proposals.models import Followup, Proposal, proposal_bottlenecks  # noqa: E402

BUDGETS = {"html": 3.0, "docx": 3.0, "pdf": 10.0}
PAGE_BUDGET_MS = 100
LEVELS = ("local", "flemish", "federal")
STATES = ("draft", "under_discussion", "adopted", "adopted", "adopted", "closed", "abandoned")
FOLLOW_UPS = ("planned", "in_advice", "submitted", "answered", "in_implementation", "realised")


def main() -> None:
    args = _arguments()
    backends = [] if args.no_sqlite else [("SQLite", _sqlite())]
    if args.postgres:
        backends.append(("PostgreSQL", throwaway_database(args.postgres, "mdma_bench")))
    for name, (url, drop) in backends:
        try:
            _run(name, url, args)
        finally:
            drop()


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000, help="bottlenecks")
    parser.add_argument("--proposals", type=int, default=5_000)
    parser.add_argument("--advice", type=int, default=200, help="proposals in the advice")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgres", metavar="URL", help="a role that may create databases")
    parser.add_argument("--no-sqlite", action="store_true")
    return parser.parse_args()


def _sqlite():
    folder = Path(tempfile.mkdtemp(prefix="mdma-bench-proposals-"))

    def drop():
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()

    return f"sqlite:///{folder / 'proposals.sqlite'}", drop


def _run(name: str, url: str, args) -> None:
    print(f"\n== {name}")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": secrets.token_hex(16),
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        },
        instance_path=tempfile.mkdtemp(prefix="mdma-bench-instance-"),
    )
    with app.app_context():
        started = time.perf_counter()
        coordinator_id, ids = _build(args)
        print(f"  built in {time.perf_counter() - started:.0f} s")
        _advice(coordinator_id, ids[: args.advice])
        _panel_and_board(app, coordinator_id, args)


def _build(args) -> tuple[int, list[int]]:
    from mdma.cli.demo import create_demo
    from mdma.cli.demo.staff import create_volume_staff
    from mdma.cli.demo.volume import generate

    upgrade()
    create_demo()
    create_volume_staff()
    generate(args.scale)
    db.session.commit()
    rng = random.Random(2026)
    bottleneck_ids = db.session.scalars(
        sa.select(Bottleneck.id).where(Bottleneck.status != "draft")
    ).all()
    owners = db.session.scalars(
        sa.select(User.id).where(User.role.in_(["policy_owner", "coordinator"]))
    ).all()
    coordinator = db.session.scalar(sa.select(User.id).where(User.role == "coordinator"))
    now = date.today()
    time_now = utcnow()
    proposals, links, followups = [], [], []
    first = (db.session.scalar(sa.select(sa.func.max(Proposal.id))) or 0) + 1
    for number in range(first, first + args.proposals):
        # The first `--advice` are adopted, for the Flemish level, in no advice yet.
        in_advice = number < first + args.advice
        status = "adopted" if in_advice else rng.choice(STATES)
        proposals.append(
            {
                "id": number, "title": f"Voorstel {number}: snellere toekenning van rechten",
                "problem": "Gezinnen wachten te lang.\n\nDe aanvraag is ingewikkeld.",
                "proposal": "Ken rechten **automatisch** toe.", "expected_effect": "Minder wachten.",
                "kind": rng.choice(["improvement", "agreement", "structural"]), "status": status,
                "owner_id": rng.choice(owners), "author_id": coordinator, "version": 1,
                "created_at": time_now, "updated_at": time_now,
            }
        )  # fmt: skip
        for bottleneck_id in rng.sample(bottleneck_ids, rng.randint(5, 40)):
            links.append({"proposal_id": number, "bottleneck_id": bottleneck_id})
        levels = ["flemish"] if in_advice else rng.sample(LEVELS, rng.randint(1, 3))
        for level in levels:
            stage = "planned" if in_advice or status != "adopted" else None
            stage = stage or rng.choice(FOLLOW_UPS)
            submitted = now - timedelta(days=rng.randint(1, 400)) if stage != "planned" else None
            followups.append(
                {"proposal_id": number, "level": level, "body": "Minister", "status": stage,
                 "submitted_on": submitted if stage not in ("planned", "in_advice") else None,
                 "submitted_to": "", "answer_text": ""}
            )  # fmt: skip
    db.session.execute(sa.insert(Proposal), proposals)
    db.session.execute(proposal_bottlenecks.insert(), links)
    db.session.execute(sa.insert(Followup), followups)
    db.session.commit()
    print(
        f"  {args.scale:,} bottlenecks, {len(proposals):,} proposals, {len(links):,} links, "
        f"{len(followups):,} follow-ups"
    )
    return coordinator, [p["id"] for p in proposals]


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _advice(coordinator_id: int, proposal_ids: list[int]) -> None:
    coordinator = db.session.get(User, coordinator_id)
    content = advice.Content(
        title="Beleidsadvies", introduction="Inleiding.\n\n" * 5, conclusion="Besluit.",
        proposal_ids=proposal_ids,
    )  # fmt: skip
    made, seconds = _timed(
        lambda: advice.create(
            coordinator, level="flemish", period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31), content=content,
        )
    )  # fmt: skip
    print(f"  advice of {len(proposal_ids)} proposals assembled in {seconds:.2f} s")
    version = advice.latest_version(made)
    for kind, render in (("html", exports.html), ("docx", exports.docx), ("pdf", exports.pdf)):
        # The whole way of a download: the document assembled (as a new version would be)
        # and exported.
        document, seconds = _timed(lambda render=render: render(version))
        flag = "" if seconds <= BUDGETS[kind] else "  ! over budget"
        print(
            f"  export {kind:<4} {seconds:6.2f} s (+ assembling), {len(document) / 1e6:.1f} MB, "
            f"budget {BUDGETS[kind]:.0f} s{flag}"
        )
    db.session.rollback()


def _percentiles(samples: list[float]) -> str:
    samples = sorted(s * 1000 for s in samples)
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    flag = "" if p95 <= PAGE_BUDGET_MS else " !"
    return f"median {statistics.median(samples):6.1f} ms  p95 {p95:6.1f} ms{flag}"


def _panel_and_board(app, coordinator_id: int, args) -> None:
    rng = random.Random(7)
    last = db.session.scalar(sa.select(sa.func.max(Proposal.id)))
    ids = [rng.randint(last - args.proposals + 1, last) for _ in range(args.runs)]
    samples = [_timed(lambda i=i: queries.evidence(i))[1] for i in ids]
    print(f"  {'evidence panel (queries)':<34} {_percentiles(samples)}")
    db.session.remove()
    client = app.test_client()
    with app.test_request_context():
        user = db.session.get(User, coordinator_id)
        logins.start(user, device="bench")
        credential = user.login_credential()
        db.session.commit()
    with client.session_transaction() as flask_session:
        flask_session["_user_id"] = credential
        flask_session["_fresh"] = True
    for label, urls in (
        ("proposal page (with evidence)", [f"/proposals/{i}" for i in ids]),
        ("tracking board", ["/proposals/board"] * args.runs),
        ("tracking board, Flemish, overdue", ["/proposals/board?level=flemish&overdue=y"] * args.runs),
        ("board API", ["/api/v1/proposals/board"] * args.runs),
    ):  # fmt: skip
        client.get(urls[0])  # warm
        samples = []
        for url in urls:
            response, seconds = _timed(lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            samples.append(seconds)
        print(f"  {label:<34} {_percentiles(samples)}")


if __name__ == "__main__":
    main()
