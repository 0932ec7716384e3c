"""Rate limits on sign-in, sign-up and writing, the kind 429 page, and Redis shared by workers."""

import html
import os
import secrets
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from demo import cli as demo_cli
from forum.accounts.models import User
from forum.conversations.services import start_conversation
from forum.extensions import db
from forum.moderation.models import Report
from forum.posts.models import Post
from forum.recovery.models import local_today
from forum.timeutil import utcnow
from forum.trust.levels import UNLOCKS, TrustLevel
from forum.web.limits import SlowDown, count_writing
from forum.writing.checks import Draft
from tests.factories import PASSWORD, make_board, make_post, make_thread, make_user
from tests.recovery.helpers import make_counter

REDIS_URL = os.environ.get("FORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SLOW_DOWN = "Please slow down a little"


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _from(address: str) -> dict:
    # The client address as the WSGI server would report it; no traffic leaves the process.
    return {"environ_base": {"REMOTE_ADDR": address}}


def _signin(client, name: str, password: str = "not-the-password", address: str = "10.0.0.1"):
    return client.post("/signin", data={"pseudonym": name, "password": password}, **_from(address))


def test_failed_signins_into_one_pseudonym_are_limited_from_any_client(limited_app):
    """After three wrong passwords for one name, even a fourth client is asked to slow down."""
    app = limited_app(SIGNIN_LIMIT_PER_PSEUDONYM="3 per minute")
    make_user("steady-hands")
    client = app.test_client()
    for number in range(3):
        assert _signin(client, "steady-hands", address=f"10.0.0.{number}").status_code == 400
    response = _signin(client, "Steady-Hands", PASSWORD, address="10.0.0.9")
    assert response.status_code == 429
    page = _page(response)
    assert SLOW_DOWN in page and "what you typed is kept" in page
    assert 'value="Steady-Hands"' in page
    assert int(response.headers["Retry-After"]) > 0
    # Another member's name is not affected.
    make_user("other-name")
    assert _signin(client, "other-name", PASSWORD, address="10.0.0.9").status_code == 302


def test_failed_signins_from_one_client_are_limited_whatever_the_name(limited_app):
    """Guessing across many pseudonyms from one client is stopped, and the name typed stays."""
    app = limited_app(SIGNIN_LIMIT_PER_CLIENT="3 per minute")
    client = app.test_client()
    for number in range(3):
        assert _signin(client, f"guess-{number}").status_code == 400
    response = _signin(client, "guess-last")
    assert response.status_code == 429
    assert 'value="guess-last"' in _page(response)
    assert _signin(client, "guess-last", address="10.0.0.2").status_code == 400


def test_successful_signins_do_not_use_up_the_limit(limited_app):
    """A member who signs in often is never told to slow down."""
    app = limited_app(
        SIGNIN_LIMIT_PER_PSEUDONYM="2 per minute", SIGNIN_LIMIT_PER_CLIENT="2 per minute"
    )
    make_user("often-here")
    client = app.test_client()
    for _ in range(4):
        assert _signin(client, "often-here", PASSWORD).status_code == 302
        client.post("/signout")


def test_signups_from_one_client_are_limited_and_the_form_comes_back_filled_in(limited_app):
    """A third account from one client in an hour waits, with pseudonym and email kept."""
    app = limited_app(SIGNUP_LIMIT_PER_CLIENT="2 per hour")
    client = app.test_client()
    good = "lanterns over the harbour"
    for number in range(2):
        data = {"pseudonym": f"newcomer-{number}", "password": good, "confirm": good}
        response = client.post("/signup", data={**data, "guidelines": "y"})
        assert response.status_code == 302
        client.post("/signout")
    data = {"pseudonym": "third-one", "password": good, "confirm": good, "guidelines": "y"}
    response = client.post("/signup", data={**data, "email": "me@example.org"})
    assert response.status_code == 429
    page = _page(response)
    assert SLOW_DOWN in page
    assert 'value="third-one"' in page and 'value="me@example.org"' in page
    assert good not in page  # a password is never echoed back
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2


def test_replies_beyond_the_limit_come_back_with_the_text_typed(limited_app):
    """The third reply in a minute is not saved, and its words are in the form to send later."""
    app = limited_app(POSTS_LIMIT_PER_MEMBER="2 per minute")
    member = make_user()
    thread = make_thread()
    client = app.test_client()
    _signin(client, member.pseudonym, PASSWORD)
    for number in range(2):
        reply = client.post(f"/t/{thread.id}/reply", data={"body": f"Reply number {number}."})
        assert reply.status_code == 302
    words = "Still here <on day 9> & holding on"
    response = client.post(
        f"/t/{thread.id}/reply", data={"body": words, "content_note_text": "a slip"}
    )
    assert response.status_code == 429
    page = _page(response)
    assert SLOW_DOWN in page and words in page and 'value="a slip"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 3


def test_new_threads_share_the_members_writing_limit(limited_app):
    """A new thread after a reply uses the same count, and its title and text are kept."""
    app = limited_app(POSTS_LIMIT_PER_MEMBER="1 per minute")
    member = make_user()
    thread = make_thread()
    board = make_board(slug="night-owls")
    client = app.test_client()
    _signin(client, member.pseudonym, PASSWORD)
    assert client.post(f"/t/{thread.id}/reply", data={"body": "First."}).status_code == 302
    response = client.post(
        f"/b/{board.slug}/new", data={"title": "Three months today", "body": "It got easier."}
    )
    assert response.status_code == 429
    page = _page(response)
    assert 'value="Three months today"' in page and "It got easier." in page
    # Someone else writes freely: the count is per member.
    other = app.test_client()
    _signin(other, make_user().pseudonym, PASSWORD, address="10.0.0.5")
    assert other.post(f"/t/{thread.id}/reply", data={"body": "Welcome."}).status_code == 302


def test_a_milestone_share_counts_against_the_same_writing_limit(limited_app):
    """Sharing a milestone is writing too: after a reply it waits, and its words are kept."""
    app = limited_app(POSTS_LIMIT_PER_MEMBER="1 per minute")
    member = make_user()
    thread = make_thread()
    make_board("Milestones", "milestones")
    counter = make_counter(member, local_today("UTC") - timedelta(days=29))
    client = app.test_client()
    _signin(client, member.pseudonym, PASSWORD)
    assert client.post(f"/t/{thread.id}/reply", data={"body": "First."}).status_code == 302
    response = client.post(
        f"/me/counters/{counter.id}/milestones/30/share",
        data={"title": "A month", "body": "Thirty days, one at a time."},
    )
    assert response.status_code == 429
    page = _page(response)
    assert SLOW_DOWN in page and "Thirty days, one at a time." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 2


@pytest.mark.parametrize("level", [TrustLevel.NEW, TrustLevel.REGULAR])
def test_reports_beyond_the_hourly_limit_come_back_with_the_note_typed(limited_app, level):
    """Reports are counted like every other limit, as many an hour as the reporter's earned
    trust allows: the one past it waits, its note kept."""
    app = limited_app()
    allowed = UNLOCKS[level].reports_per_hour
    member = make_user(trust_level=level)
    posts = [make_post() for _ in range(allowed + 1)]
    client = app.test_client()
    _signin(client, member.pseudonym, PASSWORD)
    for post in posts[:allowed]:
        assert client.post(f"/p/{post.id}/report", data={"reason": "spam"}).status_code == 302
    response = client.post(f"/p/{posts[-1].id}/report", data={"reason": "spam", "note": "kept"})
    assert response.status_code == 429
    page = _page(response)
    assert f"up to {allowed} reports an hour" in page and "kept" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == allowed


def test_reading_pages_are_never_limited(limited_app):
    """Opening the forms themselves does not count, however often."""
    app = limited_app(SIGNIN_LIMIT_PER_CLIENT="1 per minute", SIGNUP_LIMIT_PER_CLIENT="1 per hour")
    client = app.test_client()
    for _ in range(5):
        assert client.get("/signin").status_code == 200
        assert client.get("/signup").status_code == 200


def test_limits_are_off_in_the_rest_of_the_suite(app, client):
    """The shared test settings turn limits off so that other tests can post freely."""
    assert app.config["RATE_LIMITS_ENABLED"] is False
    for _ in range(40):
        assert _signin(client, "nobody-here").status_code == 400


def _redis_reachable() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # any failure means: no Redis to test against
        return f"Redis not reachable at {REDIS_URL} ({type(error).__name__}: {error})"
    return None


def test_two_workers_share_their_counts_through_redis(limited_app):
    """With Redis, a worker started afresh still knows the attempts another worker counted."""
    reason = _redis_reachable()
    if reason:
        pytest.skip(reason)
    # A fresh secret gives this run its own counters in a shared Redis.
    shared = {"REDIS_URL": REDIS_URL, "SECRET_KEY": secrets.token_hex(16)}
    first = limited_app("one", SIGNIN_LIMIT_PER_CLIENT="3 per minute", **shared)
    for number in range(3):
        assert _signin(first.test_client(), f"guess-{number}").status_code == 400
    # A second app binds the limiter to new storage; memory would start again from zero.
    second = limited_app("two", SIGNIN_LIMIT_PER_CLIENT="3 per minute", **shared)
    response = _signin(second.test_client(), "guess-last")
    assert response.status_code == 429
    assert 'value="guess-last"' in _page(response)


def test_a_members_writing_is_counted_once_across_workers_through_redis(limited_app):
    """The writing limit counted by the write rule lives in Redis too: a second worker knows."""
    reason = _redis_reachable()
    if reason:
        pytest.skip(reason)
    shared = {"REDIS_URL": REDIS_URL, "SECRET_KEY": secrets.token_hex(16)}
    first = limited_app("one", POSTS_LIMIT_PER_MEMBER="2 per minute", **shared)
    # Only its id is counted; end the read that loads it before the next app empties the
    # tables (on PostgreSQL a transaction left open would hold up the TRUNCATE).
    member = SimpleNamespace(id=make_user().id)
    db.session.commit()
    with first.test_request_context():
        count_writing(member)
        count_writing(member)
    second = limited_app("two", POSTS_LIMIT_PER_MEMBER="2 per minute", **shared)
    with second.test_request_context(), pytest.raises(SlowDown):
        count_writing(member)


def test_without_redis_a_new_worker_counts_from_zero(limited_app):
    """The control for the Redis test: memory storage is per worker."""
    first = limited_app("one", SIGNIN_LIMIT_PER_CLIENT="3 per minute")
    for number in range(3):
        assert _signin(first.test_client(), f"guess-{number}").status_code == 400
    second = limited_app("two", SIGNIN_LIMIT_PER_CLIENT="3 per minute")
    assert _signin(second.test_client(), "guess-last").status_code == 400


def test_an_unreachable_redis_does_not_stop_members_signing_in(limited_app):
    """When Redis is away the forum counts in memory rather than refusing to serve."""
    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = limited_app(REDIS_URL=f"redis://127.0.0.1:{port}/0")
    make_user("steady-hands")
    assert _signin(app.test_client(), "steady-hands", PASSWORD).status_code == 302


def test_with_redis_away_the_writing_limit_is_counted_in_memory(limited_app):
    """Redis unreachable: replies are still saved, and the writing limit still holds."""
    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = limited_app(
        REDIS_URL=f"redis://127.0.0.1:{port}/0", POSTS_LIMIT_PER_MEMBER="2 per minute"
    )
    member = make_user()
    thread = make_thread()
    client = app.test_client()
    _signin(client, member.pseudonym, PASSWORD)
    for number in range(2):
        reply = client.post(f"/t/{thread.id}/reply", data={"body": f"Still here {number}."})
        assert reply.status_code == 302
    assert client.post(f"/t/{thread.id}/reply", data={"body": "Third."}).status_code == 429


def test_the_demo_seeds_with_limits_on(limited_app, monkeypatch):
    """`make run` keeps its limits on; the demo's eighteen months of posts are not refused."""
    app = limited_app(POSTS_LIMIT_PER_MEMBER="2 per minute")
    monkeypatch.setattr(demo_cli, "THREADS", 20)
    result = app.test_cli_runner().invoke(demo_cli.seed, ["demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) > 20
    assert app.config["RATELIMIT_ENABLED"] is True


def test_searches_from_one_signed_out_client_are_limited_with_the_kind_page(limited_app):
    """One client hammering search slows down; another reader searches on untouched."""
    app = limited_app(SEARCH_LIMIT_PER_CLIENT="3 per minute")
    client = app.test_client()
    for _ in range(3):
        assert client.get("/search?q=sleep", **_from("10.0.0.7")).status_code == 200
    slowed = client.get("/search?q=sleep", **_from("10.0.0.7"))
    assert slowed.status_code == 429 and SLOW_DOWN in _page(slowed)
    assert int(slowed.headers["Retry-After"]) > 0
    assert client.get("/search?q=sleep", **_from("10.0.0.8")).status_code == 200
    # The empty search page is not a search: it is never counted.
    assert client.get("/search", **_from("10.0.0.7")).status_code == 200


def _all_at_once(count: int, send) -> list[int]:
    """Send `count` requests from as many threads, released together; their statuses."""
    start = threading.Barrier(count)

    def one(number: int) -> int:
        start.wait(timeout=30)
        return send(number).status_code

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


# A slower hash than the suite's, so that the attempts sent at once overlap while checked.
SLOW_HASH = {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:60000"}


def test_failed_signins_sent_at_once_never_pass_the_limit(limited_app):
    """Twelve wrong passwords sent at the same moment: five are answered, the rest wait."""
    app = limited_app(SIGNIN_LIMIT_PER_PSEUDONYM="5 per minute", **SLOW_HASH)
    make_user("steady-hands")
    db.session.commit()
    statuses = _all_at_once(12, lambda n: _signin(app.test_client(), "steady-hands"))
    assert statuses.count(400) == 5
    assert statuses.count(429) == 7
    # The right password is refused too while the limit lasts: a guesser learns nothing.
    assert _signin(app.test_client(), "steady-hands", PASSWORD).status_code == 429


def test_failed_signins_from_one_client_sent_at_once_never_pass_its_limit(limited_app):
    """A client guessing many names at once gets no more answers than its limit allows."""
    app = limited_app(SIGNIN_LIMIT_PER_CLIENT="4 per minute", **SLOW_HASH)
    statuses = _all_at_once(10, lambda n: _signin(app.test_client(), f"guess-{n}"))
    assert statuses.count(400) == 4
    assert statuses.count(429) == 6


def test_signups_sent_at_once_never_make_more_accounts_than_the_limit(limited_app):
    """Eight sign-ups from one client at the same moment: only three accounts are made."""
    app = limited_app(SIGNUP_LIMIT_PER_CLIENT="3 per hour", **SLOW_HASH)
    good = "lanterns over the harbour"

    def sign_up(number: int):
        data = {"pseudonym": f"newcomer-{number}", "password": good, "confirm": good}
        return app.test_client().post("/signup", data={**data, "guidelines": "y"})

    statuses = _all_at_once(8, sign_up)
    assert statuses.count(302) == 3
    assert statuses.count(429) == 5
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 3


def test_a_new_member_starts_only_a_few_conversations_a_day(limited_app):
    """How many conversations a member may start in a day goes with their level."""
    limited_app(MESSAGES_LIMIT_PER_MEMBER="1000 per hour")
    member = make_user(created_at=utcnow() - timedelta(days=90))
    make_thread(author=member, title="Ninety days")
    friends = [make_user(created_at=utcnow() - timedelta(days=90)) for _ in range(3)]
    for friend in friends:
        make_thread(author=friend, title="A story")
    allowed = UNLOCKS[TrustLevel.NEW].conversations_per_day
    for friend in friends[:allowed]:
        start_conversation(member, [friend], Draft("How are you doing?"))
        db.session.commit()
    with pytest.raises(SlowDown):
        start_conversation(member, [friends[allowed]], Draft("And you?"))
