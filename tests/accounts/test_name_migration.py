"""The migration that gives stored pseudonyms their skeleton: nobody is locked out."""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from forum import create_app
from forum.accounts.passwords import hash_password
from forum.accounts.services import authenticate
from forum.extensions import db
from tests.conftest import settings_for
from tests.factories import PASSWORD

MIGRATION = Path(__file__).parents[2] / "migrations/versions/e1f3a5b7c9d1_pseudonym_skeletons.py"


def _revisions() -> tuple[str, str]:
    """This migration's revision and the one before it, however the chain was laid."""
    spec = importlib.util.spec_from_file_location("pseudonym_skeletons", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.down_revision, module.revision


BEFORE, AFTER = _revisions()
# Members as the earlier revision stored them: its key folded non-ASCII look-alikes only.
EARLIER = [
    ("WildOrchard", "wildorchard"),
    ("WiIdOrchard", "wiidorchard"),  # joined when a capital I for an l was still accepted
    ("Ζωή", "ζωή"),
    ("quiet-river", "quiet-river"),
]


def test_stored_members_get_skeletons_and_look_alikes_are_reported_not_locked_out(tmp_path, capfd):
    """After the upgrade each member signs in with their own name, the two whose names look
    alike are named in the log, and a downgrade gives back the earlier keys."""
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    app = create_app(settings_for(tmp_path, DATABASE_URL=url))
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            hashed = hash_password(PASSWORD)
            for name, key in EARLIER:
                conn.execute(
                    sa.text(
                        "INSERT INTO users (pseudonym, pseudonym_key, password_hash, role,"
                        " session_token, created_at, is_greeter, show_day_counts)"
                        " VALUES (:name, :key, :hash, 'member', :name, '2025-01-01', 0, 1)"
                    ),
                    {"name": name, "key": key, "hash": hashed},
                )
        upgrade(revision=AFTER)
        rows = dict(db.session.execute(sa.text("SELECT pseudonym, pseudonym_key FROM users")).all())
        assert rows["WiIdOrchard"] == "wiidorchard" and rows["Ζωή"] == "ζωή"
        upgrade()  # the rest of the chain, so that the models' later columns are there
        for name, _ in EARLIER:
            member = authenticate(name, PASSWORD)
            assert member is not None and member.pseudonym == name
        assert authenticate("W1ldOrchard", PASSWORD) is None  # which of the two?
        db.session.remove()
        downgrade(revision=BEFORE)
        keys = db.session.execute(sa.text("SELECT pseudonym, pseudonym_key FROM users")).all()
        assert dict(keys) == dict(EARLIER)
        db.session.remove()
        db.engine.dispose()
    # The migration's log goes where alembic's goes (standard error, for `flask db upgrade`).
    warned = [line for line in capfd.readouterr().err.splitlines() if "look alike" in line]
    assert len(warned) == 1
    assert "WildOrchard (#1)" in warned[0] and "WiIdOrchard (#2)" in warned[0]
