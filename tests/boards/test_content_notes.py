"""Content notes: the author warns, and each reader chooses collapsed, open or hidden."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Post
from tests.factories import make_board, make_post, make_thread, make_user


def _noted_post(author=None, kind="relapse", text=None, body="The night I slipped."):
    post = make_post(author=author, body=body)
    post.content_note, post.content_note_text = kind, text
    db.session.commit()
    return post


def test_an_author_adds_a_content_note_to_a_reply(client, auth):
    thread = make_thread()
    auth.login(make_user())
    response = client.post(
        f"/t/{thread.id}/reply",
        data={
            "body": "What happened that week.",
            "content_note": "use",
            "content_note_text": "pills",
        },
    )
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post).order_by(Post.id.desc()))
    assert (post.content_note, post.content_note_text) == ("use", "pills")


def test_something_else_needs_the_authors_words_and_keeps_what_was_typed(client, auth):
    make_board("Stories", "stories")
    auth.login(make_user())
    response = client.post(
        "/b/stories/new", data={"title": "My week", "body": "kept words", "content_note": "other"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "say in a few words what the note is about" in page and "kept words" in page


def test_by_default_the_body_is_collapsed_behind_the_note(client):
    post = _noted_post()
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert '<details class="content-note">' in page
    assert "Content note: Relapse detail" in page
    body_at = page.index("The night I slipped.")
    assert page.rfind("<details", 0, body_at) > page.rfind("</details>", 0, body_at)


def test_the_authors_own_words_show_on_the_note(client):
    post = _noted_post(kind="other", text="hospital stay")
    assert "Content note: hospital stay" in client.get(f"/t/{post.thread_id}").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("mode", "shown", "collapsed"),
    [("open", True, False), ("hide", False, False), ("collapsed", True, True)],
)
def test_each_reader_chooses_how_to_see_each_kind_of_note(client, auth, mode, shown, collapsed):
    post = _noted_post()
    reader = make_user()
    auth.login(reader)
    response = client.post("/settings/reading", data={"note_relapse": mode})
    assert response.status_code == 302
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert ("The night I slipped." in page) == shown
    assert ('<details class="content-note">' in page) == collapsed
    if mode == "hide":
        assert "A post with a content note you chose to hide" in page


def test_a_hidden_kind_leaves_other_kinds_alone(client, auth):
    relapse = _noted_post(kind="relapse", body="relapse words")
    grief = _noted_post(kind="grief", body="grief words")
    reader = make_user()
    reader.note_prefs = {"relapse": "hide", "grief": "open"}
    db.session.commit()
    auth.login(reader)
    assert "relapse words" not in client.get(f"/t/{relapse.thread_id}").get_data(as_text=True)
    assert "grief words" in client.get(f"/t/{grief.thread_id}").get_data(as_text=True)


def test_the_settings_page_keeps_the_readers_choices(client, auth):
    auth.login(make_user())
    client.post(
        "/settings/reading", data={"note_grief": "hide", "note_abuse": "open", "greeter": "y"}
    )
    page = client.get("/settings").get_data(as_text=True)
    assert '<option selected value="hide">' in page
    assert '<option selected value="open">' in page
    assert 'name="greeter" type="checkbox" value="y" checked' in page or "checked" in page


def test_a_notice_about_a_noted_reply_quotes_none_of_its_words(client, auth):
    from forum.notices.models import Notice

    starter = make_user()
    thread = make_thread(author=starter)
    auth.login(make_user())
    client.post(
        f"/t/{thread.id}/reply",
        data={"body": "the hardest night of all", "content_note": "relapse"},
    )
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == starter.id))
    assert notice is not None
    assert "hardest night" not in notice.title + notice.body


def test_a_content_note_of_only_blank_characters_counts_as_none(client, auth):
    """A note choice that is only a line break is no choice: the reply is posted without one."""
    thread = make_thread()
    auth.login(make_user())
    response = client.post(
        f"/t/{thread.id}/reply",
        data={"body": "Quiet night.", "content_note": "\r", "content_note_text": "01"},
    )
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post).order_by(Post.id.desc()))
    assert post.content_note is None and post.content_note_text is None


@pytest.mark.parametrize(
    "page_of",
    [
        pytest.param(lambda post: f"/p/{post.id}/report", id="report"),
        pytest.param(lambda post: f"/t/{post.thread_id}/reply?to={post.id}", id="reply"),
    ],
)
def test_pages_that_quote_a_post_keep_a_hidden_kind_out_of_sight(client, auth, page_of):
    """Reporting or answering a post the reader hid shows the quiet line, not its words."""
    post = _noted_post()
    auth.login(make_user(note_prefs={"relapse": "hide"}))
    response = client.get(page_of(post))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The night I slipped." not in page
    assert "A post with a content note you chose to hide (Relapse detail)" in page


def test_an_author_who_hides_a_kind_is_spared_it_on_their_own_posts_pages_too(client, auth):
    """The author's own history and delete pages follow the author's own reading choices."""
    author = make_user(note_prefs={"relapse": "hide"})
    post = _noted_post(author=author)
    auth.login(author)
    client.post(f"/p/{post.id}/edit", data={"body": "Later words.", "content_note": "relapse"})
    for path in (f"/p/{post.id}/history", f"/p/{post.id}/delete"):
        page = client.get(path).get_data(as_text=True)
        assert "The night I slipped." not in page and "Later words." not in page, path
        assert "A post with a content note you chose to hide" in page, path


def test_earlier_versions_stay_folded_behind_the_note(client, auth):
    """Every version on the history page waits behind the post's note until the reader opens it."""
    author = make_user()
    post = _noted_post(author=author)
    auth.login(author)
    client.post(f"/p/{post.id}/edit", data={"body": "Later words.", "content_note": "relapse"})
    page = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    for words in ("The night I slipped.", "Later words."):
        at = page.index(words)
        assert page.rfind('<details class="content-note">', 0, at) > page.rfind(
            "</details>", 0, at
        ), words
