"""Several gunicorn workers posting at once, one killed midway: every committed post is found."""

import http.client
import os
import re
import signal
import threading
import time
import urllib.parse

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from tests.conftest import POSTGRES_URL, make_app
from tests.factories import make_thread, make_user
from tests.production.server import gunicorn

CLIENTS, POSTS_EACH, WORKERS = 4, 10, 3
pytestmark = pytest.mark.skipif(
    bool(POSTGRES_URL), reason="runs once, on SQLite; tests/production/ runs on both"
)


def _client(server, name: str, thread_id: int, index: int, done: list) -> None:
    visitor = server.member()
    visitor.sign_in(name)
    for n in range(POSTS_EACH):
        body = {"body": f"Worker test post tokenc{index}n{n} here."}
        for _ in range(5):  # a killed worker drops the connection: try again
            try:
                visitor.post(f"/t/{thread_id}/reply", body, timeout=10)
                done.append(n)
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)


def test_every_committed_post_is_found_after_a_worker_is_killed(tmp_path):
    """Posts written through several workers, one killed with SIGKILL, all end up searchable."""
    app = make_app(tmp_path)
    with app.app_context():
        thread = make_thread()
        names = [make_user().pseudonym for _ in range(CLIENTS)]
        thread_id = thread.id
        db.session.remove()
        db.engine.dispose()
    with gunicorn(app, workers=WORKERS) as server:
        done: list = []
        clients = [
            threading.Thread(target=_client, args=(server, name, thread_id, i, done))
            for i, name in enumerate(names)
        ]
        for client in clients:
            client.start()
        deadline = time.monotonic() + 30
        while len(done) < CLIENTS * POSTS_EACH // 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(server.workers()[0], signal.SIGKILL)
        for client in clients:
            client.join(timeout=60)
        assert len(done) > CLIENTS * POSTS_EACH // 2

        with app.app_context():
            bodies = db.session.scalars(
                sa.select(Post.body_source).where(Post.is_opening.is_(False))
            ).all()
            db.session.remove()
            db.engine.dispose()
        assert len(bodies) >= len(done)
        # A retried request whose first answer was lost may have posted twice: count each.
        tokens = [re.search(r"tokenc\d+n\d+", body).group() for body in bodies]
        for token in set(tokens):
            page = server.member().get(f"/search?q={urllib.parse.quote(token)}").text
            count = tokens.count(token)
            assert f"{count} post{'s' if count > 1 else ''} found" in page, token
