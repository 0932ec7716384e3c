"""Posts rejected or taken back before anyone saw them, under the old states, lose their
public marks when the forum is upgraded."""

from datetime import datetime

import sqlalchemy as sa
from flask_migrate import upgrade

from forum import create_app
from forum.extensions import db
from tests.conftest import settings_for

BEFORE = "a7b9c1d3e5f7"
NOW = datetime(2026, 11, 1, 12, 0)

# What happened to each post, and the status the old code left it in.
STORIES = {
    "rejected": ("removed", ["reject"], True),
    "rejected, then restored and removed": ("removed", ["reject", "restore", "remove"], True),
    "removed after it was public": ("removed", ["remove"], False),
    "taken back while it waited": ("deleted", [], True),
    "approved, then deleted by its author": ("deleted", ["approve"], True),
    "deleted, never held": ("deleted", [], False),
    "still waiting": ("pending", [], True),
}
EXPECTED = {
    "rejected": "rejected",
    "rejected, then restored and removed": "removed",
    "removed after it was public": "removed",
    "taken back while it waited": "withdrawn",
    "approved, then deleted by its author": "deleted",
    "deleted, never held": "deleted",
    "still waiting": "pending",
}


def _insert(conn, table: str, **row) -> int:
    columns = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    return conn.execute(
        sa.text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id"), row
    ).scalar_one()


def _old_forum(conn) -> dict[str, int]:
    user = _insert(
        conn,
        "users",
        pseudonym="quiet-river",
        pseudonym_key="quiet-river",
        password_hash="x",
        role="member",
        session_token="t",
        created_at=NOW,
        is_greeter=False,
    )
    board = _insert(
        conn,
        "boards",
        slug="b",
        name="B",
        description="",
        position=0,
        is_archived=False,
        thread_count=0,
        post_count=0,
        created_at=NOW,
    )
    ids = {}
    for story, (status, verbs, held) in STORIES.items():
        thread = _insert(
            conn,
            "threads",
            board_id=board,
            author_id=user,
            title=story,
            kind="story",
            status="visible",
            is_pinned=False,
            is_locked=False,
            is_featured=False,
            created_at=NOW,
            last_activity_at=NOW,
            post_count=0,
        )
        post = _insert(
            conn,
            "posts",
            thread_id=thread,
            author_id=user,
            body_source="Honestly some nights are hard.",
            body_html="<p>Honestly some nights are hard.</p>",
            status=status,
            is_opening=False,
            created_at=NOW,
        )
        if held:
            _insert(
                conn,
                "review_items",
                post_id=post,
                kind="pending",
                state="resolved" if verbs else "open",
                has_care=False,
                reporter_count=0,
                auto_hidden=False,
                escalated=False,
                created_at=NOW,
            )
        for verb in verbs:
            _insert(
                conn,
                "mod_actions",
                moderator_id=None,
                verb=verb,
                target_type="post",
                target_id=post,
                subject_id=user,
                reason="A reason",
                created_at=NOW,
            )
        ids[story] = post
    return ids


def test_posts_nobody_saw_lose_their_marks_on_upgrade(tmp_path):
    """A rejected post, or one its author took back while it waited, is no longer listed as
    "removed" or "deleted"; every post that was once public keeps its mark."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    app = create_app(settings_for(tmp_path, DATABASE_URL=url))
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            ids = _old_forum(conn)
        upgrade(revision="d0e2f4a6b8c0")
        with db.engine.connect() as conn:
            statuses = dict(conn.execute(sa.text("SELECT id, status FROM posts")).all())
        db.engine.dispose()
    assert {story: statuses[post] for story, post in ids.items()} == EXPECTED
