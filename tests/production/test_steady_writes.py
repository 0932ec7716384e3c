"""Members writing without pause through four gunicorn workers, on SQLite and Whoosh: the
request that indexes after its commit leaves what it can't do in its short turn to the next
committer, so no request is held until gunicorn kills its worker, and at the end the index
holds every reply.

Before the drain was bounded, the request holding the index lock drained until the writes
stopped: under steady writes that was gunicorn's timeout, a killed worker and an error page
for a reply that had been saved. Here gunicorn's timeout is short (15 s) and the writing goes
on for twice as long, so a request that drained until the writes stopped would be killed.
"""

import re
import threading
import time
from collections import Counter

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from forum.search import maintenance, sync
from forum.search.models import SearchOutbox
from tests.conftest import make_app
from tests.factories import make_board, make_thread, make_user
from tests.production.checks import inconsistencies
from tests.production.server import RETRIED, gunicorn, write_token

WRITERS, THREADS = 8, 4
WRITING_SECONDS, WORKER_TIMEOUT = 30, 15
MARK = re.compile(r"steadyc\d+n\d+")


def _write(server, name: str, client: int, threads, until: float, answers: list) -> None:
    visitor = server.member()
    visitor.sign_in(name)
    n = 0
    while time.monotonic() < until:
        thread_id = threads[(client + n) % len(threads)]
        form = {"body": f"Another evening held. steadyc{client}n{n}.", "write_token": write_token()}
        began = time.monotonic()
        try:
            answer, sendings = visitor.send(f"/t/{thread_id}/reply", form)
            answers.append((answer.status, sendings, time.monotonic() - began))
        except RETRIED as error:
            answers.append((repr(error), None, time.monotonic() - began))
        n += 1


def test_steady_writes_never_hold_a_request_until_its_worker_is_killed(tmp_path, _postgres_schema):
    app = make_app(tmp_path)
    with app.app_context():
        board = make_board()
        threads = [make_thread(board=board, title=f"Evening {i}").id for i in range(THREADS)]
        names = [make_user().pseudonym for _ in range(WRITERS)]
        db.session.remove()
        db.engine.dispose()
    answers: list = []
    with gunicorn(app, workers=4, worker_timeout=WORKER_TIMEOUT) as server:
        workers = set(server.workers())
        until = time.monotonic() + WRITING_SECONDS
        clients = [
            threading.Thread(target=_write, args=(server, name, i, threads, until, answers))
            for i, name in enumerate(names)
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=WRITING_SECONDS + 240)
        assert not any(client.is_alive() for client in clients)
        # No worker was killed for a request held too long: the same four are serving.
        assert set(server.workers()) == workers
        reader = server.member()
        statuses = Counter(status for status, _, _ in answers)
        assert statuses == {302: len(answers)}, statuses
        # What the last requests left waiting is indexed by the next committer or the search
        # worker; here a search's own short drain takes it, a few rows at a time.
        for _ in range(200):
            reader.get("/search?q=held")
            with app.app_context():
                waiting = db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))
                db.session.remove()
            if not waiting:
                break
    with app.app_context():
        bodies = db.session.scalars(sa.select(Post.body_source)).all()
        written = Counter(m.group() for body in bodies if (m := MARK.search(body)))
        assert len(written) == len(answers) and set(written.values()) == {1}
        assert inconsistencies() == []
        sync.drain(app)
        assert maintenance.check(app).count == 0
        db.session.remove()
        db.engine.dispose()
    took = sorted(seconds for _, _, seconds in answers)
    again = sum(sendings - 1 for _, sendings, _ in answers if sendings)
    print(
        f"\n{len(answers)} replies in {WRITING_SECONDS} s by {WRITERS} members, {again} sent "
        f"again; answered in median {took[len(took) // 2]:.2f} s, "
        f"99th percentile {took[int(len(took) * 0.99)]:.2f} s, longest {took[-1]:.2f} s"
    )
