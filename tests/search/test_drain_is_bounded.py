"""A request that commits while others keep writing answers at once: it indexes a bounded
batch after its commit and leaves the rest, never draining until the writes stop."""

import sqlalchemy as sa

from forum.extensions import db
from forum.search import queries, sync
from forum.search.models import SearchOutbox
from tests.factories import make_post, make_thread
from tests.search.conftest import found


def _queued() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))


def _queue_replies(app, count: int) -> list[int]:
    app.config["SEARCH_DRAIN_AFTER_COMMIT"] = False
    thread = make_thread(body="Steady evening of writing.")
    posts = [make_post(thread, body=f"Kestrel note {n}.").id for n in range(count)]
    app.config["SEARCH_DRAIN_AFTER_COMMIT"] = True
    return posts


def test_a_request_drains_one_small_batch_when_its_time_is_up(app):
    _queue_replies(app, 2 * sync.REQUEST_BATCH + 10)
    waiting = _queued()
    taken = sync.drain(app, within=0.0)
    assert taken == sync.REQUEST_BATCH
    assert _queued() == waiting - sync.REQUEST_BATCH


def test_under_steady_writes_a_request_stops_at_its_time_while_the_outbox_refills(app, monkeypatch):
    """Each batch drained sees new rows arrive, as under steady writes: the drain still ends."""
    _queue_replies(app, 5)
    batches = []
    real = sync._drain_batch

    def refilling(engine, batch):
        batches.append(batch)
        return real(engine, batch) or 1  # pretend a new row always arrived meanwhile

    monkeypatch.setattr(sync, "_drain_batch", refilling)
    clock = iter(float(n) for n in range(100))
    monkeypatch.setattr(sync.time, "monotonic", lambda: next(clock))
    sync.drain(app, within=3.0)
    assert 1 <= len(batches) <= 4


def test_the_search_worker_and_later_requests_index_what_was_left(app):
    posts = _queue_replies(app, sync.REQUEST_BATCH + 5)
    sync.drain(app, within=0.0)
    assert _queued() > 0
    sync.drain(app)
    assert _queued() == 0
    assert len(found(q="kestrel")) == min(len(posts), queries.PER_PAGE)


def test_a_reply_posted_with_a_long_queue_is_saved_and_found_later(app, client, auth):
    from tests.factories import make_user

    _queue_replies(app, 3 * sync.REQUEST_BATCH)
    thread = make_thread(body="Another place to write.")
    member = make_user()
    auth.login(member)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Osprey above the lake."})
    assert response.status_code == 302
    sync.drain(app)
    assert len(found(q="osprey")) == 1


def test_a_newcomers_held_posts_are_indexed_without_waiting_on_their_own_request(
    app, client, auth, caplog
):
    """Holding a post for approval releases a savepoint, which SQLAlchemy also announces as
    a commit: draining then waited on the request's own write lock (10 s on SQLite, then
    "database is locked"). Only the real commit drains."""
    from forum.permissions import Role
    from tests.factories import make_user

    app.config["TRUST_NEW_POSTS_WAIT"] = True
    thread = make_thread(author=make_user(role=Role.MODERATOR), body="Welcome, all.")
    auth.login(make_user("brand-new"))
    for n in range(3):
        response = client.post(f"/t/{thread.id}/reply", data={"body": f"Hello, first {n}."})
        assert response.status_code == 302
    assert "Updating the search index failed" not in caplog.text
    assert _queued() == 0
