"""The committed migrations build exactly the schema the models describe."""

import os

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from forum import create_app
from forum.extensions import db
from tests.conftest import POSTGRES_URL, settings_for


def _upgrade_and_compare(url: str, tmp_path) -> list:
    app = create_app(settings_for(tmp_path, DATABASE_URL=url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
        downgrade(revision="base")
        tables = sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
    return differences, tables


def test_migrations_match_the_models_on_sqlite(tmp_path):
    differences, tables = _upgrade_and_compare(f"sqlite:///{tmp_path / 'migrated.db'}", tmp_path)
    assert differences == []
    assert set(tables) <= {"alembic_version"}


@pytest.mark.postgres
@pytest.mark.skipif(
    not POSTGRES_URL, reason="set FORUM_TEST_DATABASE_URL to check migrations on PostgreSQL"
)
def test_migrations_match_the_models_on_postgresql(tmp_path):
    name = f"hearth_migrations_{os.getpid()}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = sa.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        differences, tables = _upgrade_and_compare(url, tmp_path)
        assert differences == []
        assert set(tables) <= {"alembic_version"}
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
