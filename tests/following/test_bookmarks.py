"""Members save posts, find them on their bookmarks page, and never see one that was hidden."""

import sqlalchemy as sa

from forum.accounts.services import DeleteMode, delete_account
from forum.extensions import db
from forum.following.models import Bookmark, ThreadState
from forum.moderation import actions
from forum.permissions import Role
from tests.factories import PASSWORD, make_post, make_thread, make_user
from tests.following.helpers import saved_post_ids


def test_a_member_saves_a_post_and_finds_it_on_the_bookmarks_page(client, auth):
    """Bookmark under a post keeps it on /bookmarks, with a link back to it in its thread."""
    member = make_user()
    post = make_post(make_thread(title="What got me through"), body="Call someone first.")
    auth.login(member)
    response = client.post(f"/p/{post.id}/bookmark")
    assert response.status_code == 302 and response.headers["Location"] == f"/p/{post.id}"
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "Saved to your bookmarks." in page and 'aria-pressed="true">Bookmarked' in page
    page = client.get("/bookmarks").get_data(as_text=True)
    assert "What got me through" in page and "Call someone first." in page
    assert f'href="/p/{post.id}"' in page


def test_bookmarking_again_or_removing_takes_the_post_off(client, auth):
    """The same button unsaves a post; the bookmarks page has its own Remove button."""
    member = make_user()
    first, second = make_post(), make_post()
    auth.login(member)
    client.post(f"/p/{first.id}/bookmark")
    client.post(f"/p/{first.id}/bookmark")
    assert saved_post_ids(member) == []
    client.post(f"/p/{second.id}/bookmark")
    response = client.post(f"/bookmarks/{second.id}/remove")
    assert response.headers["Location"] == "/bookmarks"
    assert "No bookmarks yet." in client.get("/bookmarks").get_data(as_text=True)


def test_a_saved_post_that_is_hidden_no_longer_shows_its_words(client, auth):
    """Once the moderators hide a saved post, the page only says one post is no longer public."""
    member = make_user()
    post = make_post(body="Something that broke the rules")
    auth.login(member)
    client.post(f"/p/{post.id}/bookmark")
    actions.act_on_post(make_user(role=Role.MODERATOR), post, "hide", "Unkind")
    db.session.commit()
    page = client.get("/bookmarks").get_data(as_text=True)
    assert "Something that broke the rules" not in page
    assert "1 saved post is no longer public" in page
    client.post("/bookmarks/remove-unreadable")
    assert saved_post_ids(member) == []


def test_nobody_can_save_a_post_they_cannot_read(client, auth, app):
    """A reply waiting for approval can't be saved by other members: it is not found."""
    thread = make_thread()
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    held = make_post(thread, make_user())
    app.config["TRUST_NEW_POSTS_WAIT"] = False
    member = make_user()
    auth.login(member)
    assert client.post(f"/p/{held.id}/bookmark").status_code == 404
    assert client.post("/p/999999/bookmark").status_code == 404
    assert saved_post_ids(member) == []


def test_bookmarks_are_private_to_each_member(client, auth):
    """One member's saved posts never appear on another's bookmarks page."""
    saver, other = make_user(), make_user()
    post = make_post(body="Only the saver kept this")
    db.session.add(Bookmark(user_id=saver.id, post_id=post.id))
    db.session.commit()
    auth.login(other)
    assert "Only the saver kept this" not in client.get("/bookmarks").get_data(as_text=True)
    client.post(f"/bookmarks/{post.id}/remove")
    assert saved_post_ids(saver) == [post.id]


def test_the_bookmarks_page_asks_visitors_to_sign_in(client):
    """A signed-out visitor is sent to sign in, and sees no Bookmarks link."""
    response = client.get("/bookmarks")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]
    assert 'href="/bookmarks"' not in client.get("/").get_data(as_text=True)


def test_the_header_links_members_to_their_bookmarks(client, auth):
    """Every page's header has a Bookmarks link for a signed-in member."""
    auth.login(make_user())
    assert '<a href="/bookmarks">Bookmarks</a>' in client.get("/").get_data(as_text=True)


def test_deleting_an_account_forgets_its_bookmarks_and_follows(app):
    """A member who leaves takes their saved posts and followed threads with them."""
    member = make_user()
    post = make_post(make_thread(author=member))
    db.session.add(Bookmark(user_id=member.id, post_id=post.id))
    db.session.commit()
    delete_account(member, PASSWORD, DeleteMode.REMOVE)
    db.session.commit()
    for model in (Bookmark, ThreadState):
        left = sa.select(sa.func.count()).select_from(model).where(model.user_id == member.id)
        assert db.session.scalar(left) == 0


def _saved_noted_post(member, kind="relapse", body="The night I went back to it."):
    post = make_post(make_thread(title="A hard week"), body=body)
    post.content_note = kind
    db.session.add(Bookmark(user_id=member.id, post_id=post.id))
    db.session.commit()
    return post


def test_a_saved_post_a_reader_chose_to_hide_shows_none_of_its_words(client, auth):
    """A reader who hid relapse detail meets only a quiet line on /bookmarks, as in the thread."""
    member = make_user(note_prefs={"relapse": "hide"})
    _saved_noted_post(member)
    auth.login(member)
    page = client.get("/bookmarks").get_data(as_text=True)
    assert "The night I went back to it." not in page
    assert "A post with a content note you chose to hide (Relapse detail)" in page
    assert "A hard week" in page and 'href="/settings#reading"' in page


def test_a_saved_post_behind_a_note_stays_folded_until_the_reader_opens_it(client, auth):
    """By default the saved post's words wait behind its note, as they do in the thread."""
    member = make_user()
    _saved_noted_post(member, kind="grief", body="Missing him today.")
    auth.login(member)
    page = client.get("/bookmarks").get_data(as_text=True)
    body_at = page.index("Missing him today.")
    assert page.rfind('<details class="content-note">', 0, body_at) > page.rfind(
        "</details>", 0, body_at
    )
    assert "Content note: Grief. Open to read" in page


def test_a_reader_who_opens_a_kind_of_note_reads_saved_posts_with_the_label(client, auth):
    """A kind set to open shows the saved words straight away, under the note's label."""
    member = make_user(note_prefs={"grief": "open"})
    _saved_noted_post(member, kind="grief", body="Missing him today.")
    auth.login(member)
    page = client.get("/bookmarks").get_data(as_text=True)
    assert "Content note: Grief</p>" in page and "Missing him today." in page
    assert '<details class="content-note">' not in page
