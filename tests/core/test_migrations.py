"""The migrations: one linear chain that builds, seeds and removes the schema, and that
matches the models exactly (Alembic's autogenerate compare finds nothing to do)."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from mdma import config, create_app
from mdma.core.databases import throwaway_database
from mdma.core.models import include_object
from mdma.directory.models import Sector
from mdma.extensions import db
from tests import conftest  # its `testing_config` would be collected as a test if imported

SEEDED_SECTORS = {"employment", "education", "income", "housing", "children", "health"}


@pytest.fixture(params=conftest.BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    url, drop = throwaway_database(conftest.POSTGRES_URL, "mdma_test")
    yield url
    drop()


@pytest.fixture
def migrating_app(empty_database, smtp_server, tmp_path):
    """An application of its own on the empty database, inside its app context."""
    instance = tmp_path / "instance"
    with conftest.shared_extensions_kept():
        application = create_app(
            conftest.testing_config(empty_database, smtp_server[0].port, instance),
            instance_path=str(instance),
        )
        with application.app_context():
            yield application
            db.session.remove()
            db.engine.dispose()


def table_names() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def sector_codes() -> set[str]:
    codes = set(db.session.scalars(sa.select(Sector.code)))
    db.session.rollback()
    return codes


def test_migrations_form_one_linear_chain():
    script = ScriptDirectory(str(config.ROOT / "migrations"))
    assert len(script.get_bases()) == 1
    assert len(script.get_heads()) == 1
    assert all(not revision.is_merge_point for revision in script.walk_revisions())


def test_upgrade_of_an_empty_database_seeds_the_six_sectors(migrating_app):
    upgrade()
    assert sector_codes() == SEEDED_SECTORS


def test_downgrade_to_base_leaves_only_the_version_table(migrating_app):
    upgrade()
    downgrade(revision="base")
    assert table_names() == {"alembic_version"}


def test_upgrade_after_a_full_downgrade_builds_the_schema_again(migrating_app):
    upgrade()
    tables = table_names()
    downgrade(revision="base")
    upgrade()
    assert table_names() == tables
    assert sector_codes() == SEEDED_SECTORS


def test_models_and_migrations_do_not_drift_apart(migrating_app):
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
