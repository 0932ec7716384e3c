"""The Whoosh folder deleted or truncated under a running server: no 500, then a rebuild."""

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from forum.search import maintenance, sync
from tests.conftest import make_app
from tests.factories import make_board, make_thread, make_user
from tests.production.server import gunicorn

REPLIES = 12


def _delete(folder: Path) -> None:
    shutil.rmtree(folder)


def _truncate(folder: Path) -> None:
    for item in folder.iterdir():
        if item.is_file() and not item.name.endswith(".lock"):
            item.write_bytes(b"")


@pytest.mark.parametrize("damage", [_delete, _truncate], ids=["deleted", "truncated"])
def test_a_lost_index_never_breaks_a_page_and_a_rebuild_brings_every_post_back(
    tmp_path, _postgres_schema, damage
):
    """With its index folder gone or emptied, the forum still answers every request, posts
    still land in the database, and `search rebuild` makes search find all of them again."""
    app = make_app(tmp_path)
    with app.app_context():
        board = make_board()
        thread = make_thread(board=board, title="Lanterns")
        name = make_user().pseudonym
        thread_id = thread.id
        db.session.remove()
        db.engine.dispose()
    with gunicorn(app, workers=2) as server:
        member = server.member()
        member.sign_in(name)
        for n in range(REPLIES // 2):
            body = {"body": f"Before the loss, lanternword {n}."}
            assert member.post(f"/t/{thread_id}/reply", body).status == 302
        assert f"{REPLIES // 2} posts found" in member.get("/search?q=lanternword").text
        # Requests drain for a bounded time: on a slow machine some rows may still wait.
        # The loss is of an index that had caught up (a drain after it starts a new one).
        with app.app_context():
            sync.drain(app)
            db.session.remove()
            db.engine.dispose()
        damage(Path(app.config["SEARCH_INDEX_DIR"]))
        for _ in range(4):  # each worker's searcher notices: search says it is unavailable
            answer = server.member().get("/search?q=lanternword")
            assert answer.status == 200 and "Search isn't available" in answer.text
        for n in range(REPLIES // 2, REPLIES):
            body = {"body": f"After the loss, lanternword {n}."}
            assert member.post(f"/t/{thread_id}/reply", body).status == 302
            for path in ("/search?q=lanternword", f"/t/{thread_id}", "/", "/search?q=lost"):
                answer = server.member().get(path)
                assert answer.status == 200, (path, answer.status)
        with app.app_context():
            count = db.session.scalar(
                sa.select(sa.func.count()).select_from(Post).where(Post.thread_id == thread_id)
            )
            assert count == REPLIES + 1
            assert maintenance.rebuild(app) == REPLIES + 1
            db.session.remove()
            db.engine.dispose()
        page = server.member().get("/search?q=lanternword").text
        assert f"{REPLIES} posts found" in page
        # A reply after the rebuild is indexed as usual.
        assert member.post(f"/t/{thread_id}/reply", {"body": "lanternword again"}).status == 302
        assert f"{REPLIES + 1} posts found" in server.member().get("/search?q=lanternword").text
    with app.app_context():
        assert maintenance.check(app).count == 0
        db.session.remove()
        db.engine.dispose()
