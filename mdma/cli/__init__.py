"""The `mdma` command: database, users, demo data, development and production servers."""

import logging
import os
import sys

import click
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext
from flask_migrate.cli import db as db_command

from mdma import create_app


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False)
def main():
    """The MDMA platform."""


main.add_command(db_command)
main.add_command(shell_command)
main.add_command(routes_command)


@main.group()
def user():
    """Manage accounts."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    required=True,
    type=click.Choice(
        ["case_manager", "social_worker", "policy_owner", "coordinator", "researcher", "admin"]
    ),
)
@click.option("--sector", "sectors", multiple=True, help="Sector code; repeat for several.")
@click.option("--organisation", default=None, help="Name of an organisation in the directory.")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_user(email, name, role, sectors, organisation, password):
    """Create an account directly (the first administrator, say)."""
    import sqlalchemy as sa

    from mdma.accounts.services import create_user as create
    from mdma.core.errors import RuleViolation
    from mdma.directory.models import Organisation, Sector
    from mdma.extensions import db

    chosen = db.session.scalars(sa.select(Sector).where(Sector.code.in_(sectors))).all()
    unknown = set(sectors) - {s.code for s in chosen}
    if unknown:
        raise click.BadParameter(
            f"unknown sector code(s): {', '.join(sorted(unknown))}", param_hint="--sector"
        )
    org = None
    if organisation:
        org = db.session.scalar(sa.select(Organisation).where(Organisation.name == organisation))
        if org is None:
            raise click.BadParameter(
                f"no organisation named {organisation!r}", param_hint="--organisation"
            )
    try:
        account = create(
            None,
            email=email,
            name=name,
            role=role,
            password=password,
            organisation=org,
            sectors=chosen,
        )
    except RuleViolation as violation:
        raise click.ClickException(str(violation.message)) from violation
    db.session.commit()
    click.echo(f"Created {account.role} {account.name} <{account.email}> as @{account.handle}.")


@main.command()
@click.option(
    "--scale",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Also generate N bottlenecks with 5×N occurrences, in bulk (for benchmarks).",
)
@click.option("--seed", default=2026, show_default=True, help="Seed of the generated volume.")
@with_appcontext
def demo(scale, seed):
    """Load fictional demo data: organisations of a Flemish city, users of every role and
    bottlenecks in every state."""
    import time

    from mdma.cli.demo import DEMO_PASSWORD, create_demo
    from mdma.extensions import db

    # The demo's stories notify fictional people; without an SMTP server their mail would
    # fill the terminal through the log.
    logging.getLogger("mdma.core.mail").setLevel(logging.ERROR)
    made = create_demo()
    db.session.commit()
    click.echo("Demo data: " + ", ".join(f"{n} new {kind}" for kind, n in made.added.items()) + ".")
    if scale:
        from mdma.cli.demo.staff import create_volume_staff
        from mdma.cli.demo.volume import generate

        started = time.perf_counter()
        create_volume_staff()
        written = generate(scale, seed=seed)
        db.session.commit()
        tables = ", ".join(f"{count:,} {table}" for table, count in written.items())
        click.echo(f"Generated in {time.perf_counter() - started:.0f} s: {tables}.")
    click.echo(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
    for email, role in made.logins:
        click.echo(f"  {role:<14} {email}")


@main.group("bottlenecks")
def bottlenecks_group():
    """Scheduled work on bottlenecks."""


@bottlenecks_group.command("remind")
@with_appcontext
def remind():
    """Send the day's reminders (run once a working day, e.g. from cron): overdue first
    answers to their routed sectors, late criteria checks to their sectors and then the
    coordinator, due progress reports to the signal's owner. Each is sent once."""
    from mdma.bottlenecks import routing
    from mdma.bottlenecks.signals import services as signals
    from mdma.extensions import db

    answers = routing.send_reminders()
    structural = signals.send_reminders()
    db.session.commit()
    click.echo(f"{answers} overdue bottleneck(s), {structural} structural reminder(s) sent.")


@bottlenecks_group.command("reindex-similar")
@click.option(
    "--stale", is_flag=True, help="Only those embedded by an earlier version, or not at all."
)
@with_appcontext
def reindex_similar(stale):
    """Embed every submitted bottleneck's text again for the similar suggestions (after an
    import, a restore or a new model; with --stale after an upgrade that changed what is
    embedded). The serving processes pick the vectors up by themselves."""
    import time

    import sqlalchemy as sa

    from mdma.bottlenecks import vectors
    from mdma.bottlenecks.models import Bottleneck
    from mdma.extensions import db

    started = time.perf_counter()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Bottleneck))
    with click.progressbar(length=total, label="Embedding bottlenecks") as bar:
        done = vectors.reindex_all(progress=bar.update, stale_only=stale)
    db.session.commit()
    click.echo(f"Embedded {done:,} bottlenecks in {time.perf_counter() - started:.0f} s.")


@main.group("sessions")
def sessions_group():
    """Scheduled work on sessions."""


@sessions_group.command("remind")
@with_appcontext
def remind_action_points():
    """Remind the owners of overdue action points (run once a day, e.g. from cron); each owner
    is reminded of one action point at most once a day."""
    from mdma.extensions import db
    from mdma.sessions import agenda

    count = agenda.send_reminders()
    db.session.commit()
    click.echo(f"{count} overdue action point(s) reminded.")


@main.group("proposals")
def proposals_group():
    """Scheduled work on proposals."""


@proposals_group.command("remind")
@with_appcontext
def remind_proposals():
    """Remind each proposal's owner of levels that have not answered a submitted proposal
    within MDMA_PROPOSAL_ANSWER_WEEKS weeks (run daily; at most once a week per level)."""
    from mdma.extensions import db
    from mdma.proposals import services as proposals

    sent = proposals.send_reminders()
    db.session.commit()
    click.echo(f"{sent} overdue answer(s) of a level: their owners have been reminded.")


@main.command("maintenance")
@with_appcontext
def maintenance():
    """Daily housekeeping (e.g. from cron): remove failed log-ins past their window and
    log-in sessions that have ended."""
    from mdma.accounts import logins, throttle
    from mdma.extensions import db

    failures, sessions = throttle.purge(), logins.purge()
    db.session.commit()
    click.echo(f"Removed {failures} old failed log-in(s) and {sessions} ended session(s).")


@main.group("notifications")
def notifications_group():
    """Notifications by e-mail."""


@notifications_group.command("digest")
@with_appcontext
def digest_command():
    """Send today's digests (run once a day, e.g. from cron; a second run sends nothing twice)."""
    from mdma.extensions import db
    from mdma.notifications import digest

    count = digest.send()
    db.session.commit()
    click.echo(f"{count} digest(s) sent.")


@main.group("privacy")
def privacy_group():
    """The personal-data guard."""


@privacy_group.command("rescan")
@with_appcontext
def rescan_command():
    """Scan every stored free text again with the guard as it is now; coordinators review what
    it finds on the page "Personal data in stored texts"."""
    import time

    from mdma.extensions import db
    from mdma.privacy import rescan

    started = time.perf_counter()
    total = rescan.count_texts()
    with click.progressbar(length=total, label="Scanning stored texts") as bar:
        result = rescan.rescan(progress=bar.update)
    db.session.commit()
    fields = ", ".join(f"{name}: {count}" for name, count in result.per_field.items())
    click.echo(
        f"Scanned {result.texts:,} texts in {time.perf_counter() - started:.0f} s: "
        f"{result.open} open findings ({result.new} new). {fields}"
    )


@main.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
@click.option("--quiet", is_flag=True, help="Say where it runs, and then only errors.")
def run_command(host, port, debug, quiet):
    """The development server, with Socket.IO."""
    from mdma.extensions import socketio

    app = create_app({"MDMA_PRELOAD_GUARD": True})
    if quiet and not debug:
        from werkzeug.serving import make_server

        # Werkzeug's own server without its banner, warnings and a line per request.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        server = make_server(host, port, app, threaded=True)
        click.echo(f"The MDMA platform runs at http://{host}:{port} (stop with Ctrl+C).")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            server.server_close()
        return
    # FlaskGroup marks the process as run from its CLI, and Flask then ignores app.run().
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    socketio.run(
        app, host=host, port=port, debug=debug, use_reloader=debug, allow_unsafe_werkzeug=True
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host, port):
    """The production server: gunicorn, one gevent worker (Socket.IO needs sticky sessions)."""
    # the guard loads in gunicorn_conf; the serving processes never change the schema
    env = dict(os.environ, MDMA_ASYNC_MODE="gevent", MDMA_SERVING="1")
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        os.path.join(os.path.dirname(__file__), "gunicorn_conf.py"),
        "--worker-class",
        "gevent",
        "--workers",
        "1",
        "--bind",
        f"{host}:{port}",
        "--no-control-socket",
        "--access-logfile",
        "-",
        "mdma:create_app()",
    ]
    os.execvpe(sys.executable, args, env)
