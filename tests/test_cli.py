"""The `mdma` command, run in-process on a database of its own."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy.orm import Session

from mdma.accounts.models import LoginFailure, LoginSession, User
from mdma.bottlenecks.models import Bottleneck
from mdma.cli import main
from mdma.cli.demo.accounts import DEMO_PASSWORD
from mdma.cli.demo.stories import STORIES
from mdma.core.time import utcnow
from mdma.directory.models import Organisation
from mdma.permissions import Role
from tests.conftest import shared_extensions_kept
from tests.factories import PASSWORD


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite file the command works on, migrated with `mdma db upgrade`."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("MDMA_DATABASE_URL", url)
    monkeypatch.setenv("MDMA_SECRET_KEY", "cli-test-secret")
    monkeypatch.setenv("MDMA_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("MDMA_ARGON2_MEMORY_COST", "1024")
    with shared_extensions_kept():  # each command builds an app of its own
        assert mdma("db", "upgrade").exit_code == 0
        engine = sa.create_engine(url)
        yield engine
        engine.dispose()


def mdma(*args):
    return CliRunner().invoke(main, list(args))


def _users(engine) -> dict[str, User]:
    with Session(engine) as session:
        return {user.email: user for user in session.scalars(sa.select(User))}


def _organisation_count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(Organisation))


def _create(*extra, email="eerste@test.example", password=PASSWORD):
    return mdma(
        "user",
        "create",
        "--email",
        email,
        "--name",
        "Eerste Beheerder",
        "--password",
        password,
        *extra,
    )


def test_user_create_makes_an_account_that_can_log_in(database):
    result = _create("--role", "admin")
    assert result.exit_code == 0, result.output
    assert "@eerste.beheerder" in result.output
    user = _users(database)["eerste@test.example"]
    assert (user.name, user.role, user.active) == ("Eerste Beheerder", "admin", True)
    assert user.password_hash.startswith("$argon2id$")


def test_user_create_links_the_sectors_given_by_code(database):
    result = _create("--role", "policy_owner", "--sector", "housing", "--sector", "income")
    assert result.exit_code == 0, result.output
    with Session(database) as session:
        user = session.scalar(sa.select(User).where(User.email == "eerste@test.example"))
        assert {s.code for s in user.sectors} == {"housing", "income"}


def test_user_create_with_an_unknown_sector_creates_nothing(database):
    result = _create("--role", "policy_owner", "--sector", "housing", "--sector", "ruimtevaart")
    assert result.exit_code != 0
    assert "ruimtevaart" in result.output
    assert _users(database) == {}


def test_user_create_with_a_weak_password_creates_nothing(database):
    result = _create("--role", "admin", password="kort")
    assert result.exit_code != 0
    assert _users(database) == {}


def test_user_create_for_a_policy_owner_without_sector_creates_nothing(database):
    result = _create("--role", "policy_owner")
    assert result.exit_code != 0
    assert _users(database) == {}


@pytest.mark.parametrize("address", ["not-an-address", "an@peeters", "an peeters@x.example"])
def test_user_create_with_an_invalid_address_creates_nothing(database, address):
    result = _create("--role", "admin", email=address)
    assert result.exit_code != 0
    assert "Vul een geldig e-mailadres in." in result.output  # the default language
    assert _users(database) == {}


def test_user_create_with_an_address_in_use_creates_nothing_more(database):
    _create("--role", "admin")
    result = _create("--role", "researcher", email="EERSTE@test.example")
    assert result.exit_code != 0
    assert [user.role for user in _users(database).values()] == ["admin"]


def test_demo_loads_organisations_and_users_of_every_role(database):
    result = mdma("demo")
    assert result.exit_code == 0, result.output
    assert _organisation_count(database) >= 30
    users = _users(database)
    assert {user.role for user in users.values()} == set(Role)
    assert DEMO_PASSWORD in result.output
    for email in users:
        assert email in result.output


def test_demo_prints_its_log_ins_and_not_its_mail(database):
    result = mdma("demo")
    assert "Demo log-ins" in result.output
    assert "Mail to" not in result.output and "Beste " not in result.output


def test_demo_users_all_have_the_printed_password(database):
    mdma("demo")
    hasher = PasswordHasher()
    assert all(
        hasher.verify(user.password_hash, DEMO_PASSWORD) for user in _users(database).values()
    )


def test_running_demo_twice_adds_nothing(database):
    mdma("demo")
    organisations, users = _organisation_count(database), set(_users(database))
    result = mdma("demo")
    assert result.exit_code == 0, result.output
    assert "0 new organisations, 0 new users" in result.output
    assert _organisation_count(database) == organisations
    assert set(_users(database)) == users


def _bottleneck_statuses(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(sa.select(Bottleneck.status)))


def test_demo_tells_bottlenecks_in_every_kind_of_state(database):
    result = mdma("demo")
    assert result.exit_code == 0, result.output
    statuses = set(_bottleneck_statuses(database))
    assert {"draft", "submitted", "triaged", "in_discussion", "resolved", "closed"} <= statuses
    assert f"{len(STORIES)} new bottlenecks" in result.output
    assert "0 new bottlenecks" in mdma("demo").output


def test_demo_at_scale_adds_the_generated_volume(database):
    result = mdma("demo", "--scale", "50")
    assert result.exit_code == 0, result.output
    assert "50 bottlenecks" in result.output and "250 occurrences" in result.output
    assert len(_bottleneck_statuses(database)) == len(STORIES) + 50


def test_maintenance_purges_old_failed_log_ins_and_ended_sessions(database):
    assert _create("--role", "admin").exit_code == 0
    [user] = _users(database).values()
    now = utcnow()
    with Session(database) as session:
        session.add_all(
            [
                LoginFailure(key="email:oud@test.example", at=now - timedelta(days=2)),
                LoginFailure(key="email:vers@test.example", at=now - timedelta(minutes=5)),
            ]
        )
        for name, ends in (("ended", now - timedelta(minutes=1)), ("lasting", now + timedelta(1))):
            session.add(
                LoginSession(
                    user_id=user.id,
                    secret_hash=name.ljust(64, "0"),
                    device=name,
                    created_at=now - timedelta(days=1),
                    last_used_at=now - timedelta(hours=13),
                    expires_at=ends,
                )
            )
        session.commit()

    result = mdma("maintenance")

    assert result.exit_code == 0, result.output
    assert "1 old failed log-in(s) and 1 ended session(s)" in result.output
    with Session(database) as session:
        assert session.scalars(sa.select(LoginFailure.key)).all() == ["email:vers@test.example"]
        assert session.scalars(sa.select(LoginSession.device)).all() == ["lasting"]


def test_demo_tells_proposals_and_a_public_advice_once(database):
    from mdma.proposals.models import Advice, Proposal

    result = mdma("demo")
    assert result.exit_code == 0, result.output
    assert "3 new proposals" in result.output
    with Session(database) as session:
        assert set(session.scalars(sa.select(Proposal.status))) == {"adopted", "under_discussion"}
        assert session.scalars(sa.select(Advice.public)).all() == [True]
    assert "0 new proposals" in mdma("demo").output


def test_proposals_remind_tells_how_many_owners_were_reminded(database):
    result = mdma("proposals", "remind")
    assert result.exit_code == 0, result.output
    assert "0 overdue answer(s)" in result.output
