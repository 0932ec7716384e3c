"""A worker killed with SIGKILL while members write: the master replaces it, nothing is torn,
and a write sent again after its worker died (the same form, the same token) is stored once."""

import http.client
import os
import re
import signal
import threading
import time
from collections import Counter

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from forum.search import maintenance
from tests.conftest import make_app
from tests.factories import make_board, make_thread, make_user
from tests.production.checks import inconsistencies
from tests.production.server import gunicorn, write_token

CLIENTS, WRITES_EACH, KILLS = 8, 12, 2
MARK = re.compile(r"killc\d+n\d+")


def _write(server, name: str, client: int, board_slug: str, thread_id: int, done: list) -> None:
    """Alternate new threads and replies; a dropped connection is tried again (bounded), with
    the form as it was, token and all, as a browser resends it."""
    visitor = server.member()
    visitor.sign_in(name)
    for n in range(WRITES_EACH):
        if n % 3 == 0:
            path = f"/b/{board_slug}/new"
            form = {"title": f"Night {client}-{n}", "body": f"Starting over, killc{client}n{n}."}
        else:
            path, form = f"/t/{thread_id}/reply", {"body": f"Still going, killc{client}n{n}."}
        form["write_token"] = write_token()
        for _ in range(10):
            try:
                answer = visitor.post(path, form, timeout=20)
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
                continue
            done.append(answer.status)
            break


def test_killing_a_worker_mid_write_leaves_whole_threads_and_an_index_without_drift(
    tmp_path, _postgres_schema
):
    """Threads and replies written while workers are killed are whole, counted right, and
    the index matches the database (or `search check --repair` makes it match)."""
    app = make_app(tmp_path)
    with app.app_context():
        board = make_board()
        thread = make_thread(board=board)
        names = [make_user().pseudonym for _ in range(CLIENTS)]
        slug, thread_id = board.slug, thread.id
        db.session.remove()
        db.engine.dispose()
    done: list = []
    killed = []
    with gunicorn(app, workers=4) as server:
        clients = [
            threading.Thread(target=_write, args=(server, name, i, slug, thread_id, done))
            for i, name in enumerate(names)
        ]
        for client in clients:
            client.start()
        for kill in range(KILLS):
            deadline = time.monotonic() + 30
            while len(done) < (kill + 1) * CLIENTS * WRITES_EACH // (KILLS + 2):
                assert time.monotonic() < deadline, "the clients stopped writing"
                time.sleep(0.02)
            victim = server.workers()[kill]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        for client in clients:
            client.join(timeout=90)
        assert not any(client.is_alive() for client in clients)
        replaced = server.wait_for_workers(4)
        assert not set(killed) & set(replaced)
        assert set(done) == {302}, Counter(done)
        assert server.member().get("/").status == 200
    with app.app_context():
        assert inconsistencies() == []
        bodies = db.session.scalars(sa.select(Post.body_source)).all()
        written = Counter(m.group() for body in bodies if (m := MARK.search(body)))
        # Every write answered, each stored exactly once however often it was sent.
        assert len(written) == len(done) == CLIENTS * WRITES_EACH
        assert set(written.values()) == {1}
        drift = maintenance.check(app)
        if drift.count:  # a worker killed between its commit and its indexing
            maintenance.check(app, repair=True)
        assert maintenance.check(app).count == 0
        db.session.remove()
        db.engine.dispose()
    print(f"\n{len(killed)} workers killed; {len(done)} writes answered; drift {drift.count}")
