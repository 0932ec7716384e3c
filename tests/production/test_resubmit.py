"""A writing form sent again through real gunicorn workers is never a second post: not when
it is sent twice at once, not after the first sending's worker was killed, and not after the
first sending timed out while its worker went on to save it."""

import os
import signal
import sqlite3
import threading
import time
from contextlib import contextmanager
from functools import partial

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from tests.conftest import make_app
from tests.factories import make_board, make_thread, make_user
from tests.production.checks import inconsistencies
from tests.production.proxy import Proxy
from tests.production.server import RETRIED, Visitor, gunicorn, write_token

# Long enough for the requests to reach the database and wait there for its lock.
IN_FLIGHT = 1.5


@contextmanager
def writes_held(app):
    """Hold the database's write lock from outside, as a long transaction or a slow disk
    would: the workers' writes wait for it, mid-request, until the block ends."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        conn = sqlite3.connect(url.database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("LOCK TABLE posts IN EXCLUSIVE MODE")
            try:
                yield
            finally:
                conn.rollback()
    finally:
        engine.dispose()


def _forum(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        board = make_board()
        thread = make_thread(board=board)
        name = make_user().pseudonym
        where = board.slug, thread.id
        db.session.remove()
        db.engine.dispose()
    return app, name, where


def _stored(app, body: str) -> list[int]:
    with app.app_context():
        ids = db.session.scalars(sa.select(Post.id).where(Post.body_source == body)).all()
        assert inconsistencies() == []
        db.session.remove()
        db.engine.dispose()
    return list(ids)


def _in_background(work) -> tuple[threading.Thread, list]:
    results: list = []

    def run():
        try:
            results.append(work())
        except RETRIED as error:
            results.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results


def test_the_same_form_sent_twice_at_once_is_one_post_and_both_land_on_it(
    tmp_path, _postgres_schema
):
    """A reply and a new thread, each sent twice at the same moment by one member (a double
    click, a browser retrying), are each stored once, and both answers lead to them."""
    app, name, (slug, thread_id) = _forum(tmp_path)
    forms = {
        f"/t/{thread_id}/reply": {"body": "Twice at once, kept once."},
        f"/b/{slug}/new": {"title": "One thread only", "body": "A new thread, kept once."},
    }
    answers = {}
    with gunicorn(app, workers=4) as server:
        first = server.member()
        first.sign_in(name)
        second = server.member()
        second.cookies = dict(first.cookies)
        for path, form in forms.items():
            form["write_token"] = write_token()
            # Both wait at the database, each in its own worker, then go on together.
            with writes_held(app):
                sendings = [
                    _in_background(partial(visitor.post, path, form, timeout=30))
                    for visitor in (first, second)
                ]
                time.sleep(IN_FLIGHT)
            for thread, _ in sendings:
                thread.join(timeout=60)
            answers[path] = [results[0] for _, results in sendings]
    for path, form in forms.items():
        [one, other] = answers[path]
        assert one.status == other.status == 302, (one, other)
        assert one.location == other.location
        [post_id] = _stored(app, form["body"])
        if "/reply" in path:
            assert one.location == f"/p/{post_id}"


def _wait_for_post(app, body: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not _stored(app, body):
        assert time.monotonic() < deadline, "the first sending was never saved"
        time.sleep(0.1)


def test_a_form_sent_again_after_its_worker_was_killed_is_one_post(tmp_path, _postgres_schema):
    """A reply whose worker is killed mid-request, and one whose answer was lost after it was
    saved and whose worker was then killed, each sent again as a browser does when the
    connection drops, are each stored once, and the member is taken to them."""
    app, name, (_, thread_id) = _forum(tmp_path)
    path = f"/t/{thread_id}/reply"
    before_saving = {"body": "Sent while the worker died.", "write_token": write_token()}
    after_saving = {"body": "Saved, then the worker died.", "write_token": write_token()}
    with gunicorn(app, workers=2) as server:
        member = server.member()
        member.sign_in(name)
        # Killed while it waits at the database: nothing was saved, the next sending saves.
        with writes_held(app):
            sending, results = _in_background(partial(member.send, path, before_saving))
            time.sleep(IN_FLIGHT)
            killed = server.workers()
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
        sending.join(timeout=120)
        [(first_answer, sendings)] = results
        assert sendings >= 2, "the first sending was expected to die with its worker"
        # The connection lost mid-request (a proxy giving up, a 503 after the COMMIT), the
        # reply saved all the same, then its worker killed: the next sending finds it.
        proxy = Proxy("127.0.0.1", server.port)
        through_proxy = Visitor(proxy.port)
        through_proxy.cookies = dict(member.cookies)
        try:
            with writes_held(app):
                sending, lost = _in_background(partial(through_proxy.post, path, after_saving))
                time.sleep(IN_FLIGHT)
                proxy.cut()
                sending.join(timeout=30)
        finally:
            proxy.stop()
        assert isinstance(lost[0], RETRIED), lost
        _wait_for_post(app, after_saving["body"])
        killed += server.workers()
        for pid in server.workers():
            os.kill(pid, signal.SIGKILL)
        second_answer, _ = member.send(path, after_saving)
        replaced = server.wait_for_workers(2)
        assert not set(killed) & set(replaced)
    for form, answer in ((before_saving, first_answer), (after_saving, second_answer)):
        [post_id] = _stored(app, form["body"])
        assert (answer.status, answer.location) == (302, f"/p/{post_id}")


def test_a_form_that_timed_out_and_is_sent_again_lands_on_the_post_it_made(
    tmp_path, _postgres_schema
):
    """A member who gave up waiting and sends the reply again, while the first sending goes on
    to save it, finds one reply and is taken to it."""
    app, name, (_, thread_id) = _forum(tmp_path)
    form = {"body": "Slow to save, saved once.", "write_token": write_token()}
    with gunicorn(app, workers=2) as server:
        member = server.member()
        member.sign_in(name)
        with writes_held(app):
            try:
                gave_up = member.post(f"/t/{thread_id}/reply", form, timeout=IN_FLIGHT)
            except TimeoutError as error:
                gave_up = error
        assert isinstance(gave_up, TimeoutError), gave_up
        answer, _ = member.send(f"/t/{thread_id}/reply", form)
    [post_id] = _stored(app, form["body"])
    assert (answer.status, answer.location) == (302, f"/p/{post_id}")
