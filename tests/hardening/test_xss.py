"""No script of a member's runs in another's browser: the XSS corpus, wherever text is shown."""

from urllib.parse import quote

import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Post, Thread
from tests.factories import make_board, make_post, make_thread, make_user
from tests.hardening.xss_corpus import script_problems, vectors
from tests.moderation.helpers import item_for

VECTORS = vectors()


def _safe(response, where: str) -> None:
    assert response.status_code < 500, where
    problems = script_problems(response.get_data(as_text=True))
    assert not problems, f"{where}: {problems}"


def _title(vector: str) -> str:
    return f"On {vector}"[:150]


def test_the_corpus_has_more_than_a_hundred_vectors():
    """The corpus is large enough to cover the spellings the issue lists."""
    assert len(set(VECTORS)) >= 100


def test_the_checker_finds_what_it_is_meant_to_find():
    """A page with a script, a handler or a script link is caught, so a pass means something."""
    assert script_problems("<p>fine</p><a href='https://example.org'>x</a>") == []
    assert script_problems("<script>1</script>")
    assert script_problems("<b onmouseover=x>")
    assert script_problems("<a href=' JaVa\tScRiPt:x'>")
    assert script_problems("<a href='data:text/html,x'>")


def test_vectors_in_titles_bodies_and_content_notes_never_run(app, client, auth):
    """Each vector as a thread title, its text and its content note: every page stays inert."""
    author = make_user()
    board = make_board()
    auth.login(author)
    for vector in VECTORS:
        response = client.post(
            f"/b/{board.slug}/new",
            data={
                "title": _title(vector),
                "body": vector,
                "content_note": "other",
                "content_note_text": vector.strip()[:100] or "note",
                "post_anyway": "y",
            },
        )
        _safe(response, f"posting {vector!r}")
        if response.status_code != 302:
            continue  # refused with a message (e.g. a NUL byte); the form page was checked
        _safe(client.get(response.headers["Location"]), f"thread page of {vector!r}")
    threads = db.session.scalars(sa.select(Thread).where(Thread.board_id == board.id)).all()
    assert len(threads) >= 100
    for thread in threads:
        opening = db.session.scalar(
            sa.select(Post).where(Post.thread_id == thread.id, Post.is_opening)
        )
        _safe(client.get(f"/p/{opening.id}/edit"), f"edit form of {thread.title!r}")
        _safe(client.get(f"/p/{opening.id}/history"), f"history of {thread.title!r}")
    for page in range(1, len(threads) // 30 + 2):
        _safe(client.get(f"/b/{board.slug}?page={page}"), f"board page {page}")
    for path in ("/", f"/u/{author.pseudonym}", "/search?q=alert", "/search?q=script"):
        _safe(client.get(path), path)
    auth.logout()
    for path in ("/", f"/b/{board.slug}", "/search?q=alert", "/welcome"):
        _safe(client.get(path), f"signed out: {path}")


def test_vectors_in_replies_and_their_quotes_never_run(app, client, auth):
    """As replies, quoted in a reply form, and in the notices they send: nothing runs."""
    thread = make_thread()
    replier = make_user()
    auth.login(replier)
    for vector in VECTORS[::3]:
        response = client.post(f"/t/{thread.id}/reply", data={"body": vector, "post_anyway": "y"})
        _safe(response, f"replying {vector!r}")
    for post in db.session.scalars(sa.select(Post).where(Post.thread_id == thread.id)):
        _safe(client.get(f"/t/{thread.id}/reply?to={post.id}"), f"quoting post {post.id}")
    for page in (1, 2, 3):
        _safe(client.get(f"/t/{thread.id}?page={page}"), f"thread page {page}")
    auth.logout()
    auth.login(thread.author)
    _safe(client.get("/notices/"), "the author's notices")


def test_vectors_in_report_notes_never_run_for_moderators(app, client, auth):
    """A report note is shown to moderators; none of the corpus runs in their browser."""
    thread = make_thread()
    posts = [make_post(thread, body=f"Reply {n}.") for n in range(len(VECTORS))]
    reporter = make_user()
    auth.login(reporter)
    for post, vector in zip(posts, VECTORS, strict=True):
        response = client.post(
            f"/p/{post.id}/report", data={"reason": "harassment", "note": vector[:500]}
        )
        _safe(response, f"reporting with {vector!r}")
    _safe(client.get("/reports/mine"), "my reports")
    auth.logout()
    auth.login(make_user(role=Role.MODERATOR))
    _safe(client.get("/mod/queue"), "the queue")
    for post in posts:
        item = item_for(post)
        if item is not None:
            _safe(client.get(f"/mod/items/{item.id}"), f"item of post {post.id}")


def test_vectors_as_search_queries_never_run(app, client):
    """Whatever is typed in the search box comes back inert, in the box and in the results."""
    make_thread(title="Alert and awake", body="Sleep came back after a month. alert(1)")
    for vector in VECTORS:
        _safe(client.get(f"/search?q={quote(vector)}"), f"searching {vector!r}")


def test_vectors_as_pseudonyms_are_refused_and_never_run(app, client):
    """Pseudonyms allow no markup; the refusal page and the profile address stay inert."""
    for vector in VECTORS:
        response = client.post(
            "/signup",
            data={"pseudonym": vector, "password": "lanterns over the harbour",
                  "confirm": "lanterns over the harbour", "guidelines": "y"},
        )  # fmt: skip
        assert response.status_code == 400, vector
        _safe(response, f"signing up as {vector!r}")
        _safe(client.get(f"/u/{quote(vector, safe='')}"), f"profile of {vector!r}")
