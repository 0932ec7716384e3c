"""Twenty members replying at once through four gunicorn workers: no reply lost or doubled.

On a busy machine some requests time out. A real client sends those again, the same form
with the same token, which makes it safe; the test does so too, and asserts on what was
stored: every reply exactly once.
"""

import re
import threading
import time
from collections import Counter

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from forum.search import maintenance
from forum.search.engine import engine_for
from forum.search.parse import parse
from tests.conftest import make_app
from tests.factories import make_board, make_thread, make_user
from tests.production.checks import inconsistencies
from tests.production.server import RETRIED, gunicorn, write_token

CLIENTS, REPLIES_EACH, THREADS = 20, 25, 5
TOKEN = re.compile(r"tokc(\d+)r(\d+)t(\d+)")


def _write(server, name: str, client: int, threads: list[int], answers: list, start) -> None:
    visitor = server.member()
    visitor.sign_in(name)
    start.wait(timeout=30)
    for n in range(REPLIES_EACH):
        thread_id = threads[(client + n) % len(threads)]
        body = f"Holding on together. tokc{client}r{n}t{thread_id} and writerc{client}."
        form = {"body": body, "write_token": write_token()}
        try:
            answer, sendings = visitor.send(f"/t/{thread_id}/reply", form)
            answers.append((client, n, answer.status, sendings))
        except RETRIED as error:
            answers.append((client, n, repr(error), None))


def test_five_hundred_replies_at_once_are_each_stored_once_and_found(tmp_path, _postgres_schema):
    """500 replies sent at once by 20 members through 4 workers (those that time out sent
    again, as a member would) are each stored exactly once, in their thread, and each is
    found by search."""
    app = make_app(tmp_path)
    with app.app_context():
        board = make_board()
        threads = [make_thread(board=board, title=f"Check-in {i}").id for i in range(THREADS)]
        names = [make_user().pseudonym for _ in range(CLIENTS)]
        db.session.remove()
        db.engine.dispose()
    answers: list = []
    began = time.monotonic()
    with gunicorn(app, workers=4) as server:
        start = threading.Barrier(CLIENTS + 1)
        clients = [
            threading.Thread(target=_write, args=(server, name, i, threads, answers, start))
            for i, name in enumerate(names)
        ]
        for client in clients:
            client.start()
        start.wait(timeout=60)
        for client in clients:
            client.join(timeout=300)
        assert not any(client.is_alive() for client in clients)
        # Each member's 25 replies, found through the running server's search page.
        reader = server.member()
        for client in range(CLIENTS):
            page = reader.get(f"/search?q=writerc{client}").text
            assert f"{REPLIES_EACH} posts found" in page, client
    with app.app_context():
        rows = db.session.execute(
            sa.select(Post.id, Post.thread_id, Post.body_source).where(Post.is_opening.is_(False))
        ).all()
        tokens = Counter(TOKEN.search(body).group() for _, _, body in rows)
        assert len(rows) == len(tokens) == CLIENTS * REPLIES_EACH
        assert set(tokens.values()) == {1}
        # Each member was answered with their reply in the end, however many sendings it took.
        statuses = Counter(status for _, _, status, _ in answers)
        assert statuses == {302: CLIENTS * REPLIES_EACH}, statuses
        for _, thread_id, body in rows:
            assert int(TOKEN.search(body).group(3)) == thread_id
        assert inconsistencies() == []
        assert maintenance.check(app).count == 0
        engine = engine_for(app)
        for post_id, _, body in rows:
            hits = engine.search(parse({"q": TOKEN.search(body).group()}), {}, True, 5)
            assert hits.ids == [post_id], body
        db.session.remove()
        db.engine.dispose()
    again = sum(sendings - 1 for *_, sendings in answers if sendings)
    print(
        f"\n{len(rows)} replies written, {len(rows)} found, {again} sent again; "
        f"{time.monotonic() - began:.0f} s"
    )
