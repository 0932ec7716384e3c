"""SQL-shaped input in every parameter and form field: no error, and nothing changed by it."""

from urllib.parse import quote, urlencode

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post
from tests.factories import PASSWORD
from tests.hardening.test_fuzz_forms import FORMS
from tests.hardening.world import build_world

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE users; --",
    "'); DELETE FROM posts; --",
    "1' UNION SELECT password_hash, 1 FROM users --",
    "admin'--",
    "1 AND 1=(SELECT COUNT(*) FROM pg_sleep(5))",
    "%' AND '%'='",
    "\\'; UPDATE users SET role=3; --",
    "-1",
    "99999999999999999999999",
    "²",  # a digit to str.isdigit that int() refuses
    "1" * 5000,  # longer than int() converts
]
# Every query parameter any page reads.
QUERY_NAMES = [
    "page", "q", "to", "next", "after", "state", "reason", "board", "moderator", "verb",
    "target", "target_id", "include_hidden", "kind",
]  # fmt: skip
STRING_PARTS = ("<slug>", "<pseudonym>", "<kind>", "<direction>")


@pytest.fixture
def app(unindexed_app):
    return unindexed_app


def _fingerprint() -> dict:
    """What an injection would change: the tables that exist, who has which role and password."""
    inspector = sa.inspect(db.engine)
    users = db.session.execute(sa.select(User.id, User.role, User.password_hash)).all()
    return {"tables": sorted(inspector.get_table_names()), "users": sorted(map(tuple, users))}


def _row_counts() -> dict:
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = db.session.scalar(sa.select(sa.func.count()).select_from(table))
    return counts


def _signed_in(app, user):
    client = app.test_client()
    if user is not None:
        client.post("/signin", data={"pseudonym": user.pseudonym, "password": PASSWORD})
    return client


def test_sql_shaped_query_parameters_and_addresses_change_nothing(app):
    """Every readable page, with every parameter and name in the address SQL-shaped: no error."""
    world = build_world()
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static"]
    before_counts, before = _row_counts(), _fingerprint()
    for role in ("anonymous", "moderator"):
        client = _signed_in(app, world.users[role])
        for payload in PAYLOADS:
            query = urlencode({name: payload for name in QUERY_NAMES})
            for rule in rules:
                url = world.url(rule.rule)
                response = client.get(f"{url}?{query}")
                assert response.status_code < 500, (role, url, payload)
                for part in STRING_PARTS:
                    if part in rule.rule:
                        shaped = world.url(rule.rule.replace(part, quote(payload, safe="")))
                        assert client.get(shaped).status_code < 500, (role, shaped)
    db.session.expire_all()
    assert _fingerprint() == before
    # Reading writes only how far a member read a thread, a moderator's time in the queue,
    # and drains the search queue, never anything a parameter named.
    after_counts = _row_counts()
    for bookkeeping in ("thread_states", "search_outbox", "moderator_care"):
        after_counts.pop(bookkeeping), before_counts.pop(bookkeeping)
    assert after_counts == before_counts


@pytest.mark.parametrize("name", sorted(FORMS))
def test_sql_shaped_form_fields_change_nothing_else(app, name):
    """Each form with every field SQL-shaped: no error, and no role, password or table moves."""
    role, rule, fields, _kept = FORMS[name]
    world = build_world()
    before = _fingerprint()
    for payload in PAYLOADS:
        client = _signed_in(app, world.users[role])
        response = client.post(world.url(rule), data=dict.fromkeys(fields, payload))
        assert response.status_code < 500, (name, payload)
    db.session.expire_all()
    after = _fingerprint()
    assert after["tables"] == before["tables"]
    # Sign-up may add a member; nobody else's role or password changes.
    assert set(before["users"]) <= set(after["users"])
    # Whatever was stored as text is stored as typed, never run.
    for body in db.session.scalars(sa.select(Post.body_source)):
        if "--" in body or "'" in body:
            assert body in PAYLOADS, body
