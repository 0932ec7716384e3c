"""A thread page's post cards are kept once for all who see the same, and never shown to a
reader they were not made for: every reader's page is the page rendered for them alone."""

import re

import pytest

from forum.accounts.queries import user_by_pseudonym
from forum.blocks.models import ShutKind
from forum.blocks.services import shut_out
from forum.extensions import db
from forum.following.models import FollowState
from forum.following.services import set_follow
from forum.moderation.actions import act_on_post
from forum.permissions import Role
from forum.posts import erasure, lifecycle
from forum.posts.models import PostStatus
from forum.reactions.services import toggle_reaction
from forum.web.fragments import CSRF_SLOT, FragmentCache
from forum.writing.checks import Draft
from forum.writing.services import write_edit, write_reply
from tests.conftest import AuthActions
from tests.factories import make_post, make_thread, make_user, opening_post

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# The reply form's one-time token is new on every page, and the form token is signed anew
# each second, cards kept or not.
ONE_TIME = re.compile(r'(name="(?:write|csrf)_token"[^>]*value=")[^"]*"')


@pytest.fixture
def circle(app):
    """A thread with most of what a card can show: reactions, a content note, an edit, a
    reply to someone who left, a post waiting for a moderator and one hidden."""
    writer = make_user(pseudonym="writer")
    thread = make_thread(author=writer, title="Ninety days", body="Ninety days today.")
    friend = make_user(pseudonym="friend")
    leaving = make_user(pseudonym="leaving")
    answered = make_post(thread=thread, author=leaving, body="Proud of you, truly.")
    make_post(thread=thread, author=friend, body="Same here, day forty.", parent=answered)
    write_reply(
        friend, thread, Draft("The second week was hard.", content_note="relapse", post_anyway=True)
    )
    edited = make_post(thread=thread, author=writer, body="First words.")
    write_edit(writer, edited, Draft("Better words, after a think.", post_anyway=True))
    make_post(
        thread=thread, author=friend, body="Still waiting to be seen.", status=PostStatus.PENDING
    )
    make_post(
        thread=thread, author=friend, body="Words the moderators hid.", status=PostStatus.HIDDEN
    )
    toggle_reaction(friend, opening_post(thread), "strength")
    erasure.detach_posts_of(leaving)
    db.session.commit()
    return thread


def _readers(circle):
    """Signed-out, the author, another member, a moderator, one who muted the friend, one who
    hides notes about relapse, one reading in Spanish in Madrid."""
    muter = make_user(pseudonym="muter")
    shut_out(muter, user_by_pseudonym("friend"), ShutKind.MUTE, "month")
    readers = {
        "signed out": None,
        "writer": user_by_pseudonym("writer"),
        "friend": user_by_pseudonym("friend"),
        "member": make_user(pseudonym="member"),
        "moderator": make_user(pseudonym="moderator", role=Role.MODERATOR),
        "muter": muter,
        "hider": make_user(pseudonym="hider", note_prefs={"relapse": "hide"}),
        "in Spanish": make_user(pseudonym="lectora", locale="es", time_zone="Europe/Madrid"),
    }
    db.session.commit()
    return readers


def _clients(app, readers):
    clients = {}
    for name, reader in readers.items():
        client = app.test_client()
        if reader is not None:
            AuthActions(client).login(reader)
        clients[name] = client
    return clients


def _page(client, thread) -> str:
    response = client.get(f"/t/{thread.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _same_but_for_one_time_token(client, thread) -> str:
    return ONE_TIME.sub(r"\1", _page(client, thread))


def test_every_reader_gets_the_page_made_for_them_from_kept_cards(app, circle):
    """Cards kept while others read are exactly what each reader's own rendering would be."""
    clients = _clients(app, _readers(circle))
    app.extensions["fragments"] = FragmentCache(0)
    for client in clients.values():
        _page(client, circle)  # a first visit marks what is new; the next ones agree
    alone = {name: _same_but_for_one_time_token(c, circle) for name, c in clients.items()}
    kept = app.extensions["fragments"] = FragmentCache(5000)
    for client in clients.values():
        _page(client, circle)
    for name, client in reversed(list(clients.items())):
        assert _same_but_for_one_time_token(client, circle) == alone[name], name
    assert kept.hits > 0
    # Readers who see a card the same way share it: fewer cards than readers times posts.
    assert len(kept) < len(clients) * 8


def test_what_each_reader_sees_differs_where_it_should(app, circle):
    """The kept cards still say what is this reader's: their muting, their notes, their
    language, their own pending post."""
    clients = _clients(app, _readers(circle))
    for client in clients.values():
        _page(client, circle)
    pages = {name: _page(client, circle) for name, client in clients.items()}
    assert "Still waiting to be seen." in pages["friend"]
    assert "Still waiting to be seen." not in pages["member"]
    assert "Still waiting to be seen." not in pages["signed out"]
    assert "Words the moderators hid." not in pages["member"]
    assert "A post from someone you muted" in pages["muter"]
    assert "A post from someone you muted" not in pages["member"]
    assert "A post with a content note you chose to hide" in pages["hider"]
    assert "The second week was hard." not in pages["hider"]
    assert "Responder a esto" in pages["in Spanish"]
    assert 'aria-pressed="true"' in pages["friend"]  # the friend's own reaction
    assert 'aria-pressed="true"' not in pages["member"]
    assert "Sending strength: friend" in pages["writer"]  # who reacted, for the author only
    assert "Sending strength: friend" not in pages["member"]
    assert "Edit" in pages["writer"] and ">Edit<" not in pages["member"]
    assert "Moderate" in pages["moderator"] and "Moderate" not in pages["member"]
    assert "in reply to a former member" in pages["member"]


def test_no_reader_is_sent_another_reader_s_form_token(app, circle):
    """Cards keep a slot for the token; each page fills it with its own reader's."""
    readers = _readers(circle)
    clients = _clients(app, {"member": readers["member"], "friend": readers["friend"]})
    tokens = {}
    for name, client in clients.items():
        page = _page(client, circle)
        tokens[name] = set(TOKEN.findall(page))
        assert len(tokens[name]) == 1, name
        assert CSRF_SLOT not in page
    assert tokens["member"] != tokens["friend"]
    kept = app.extensions["fragments"]
    for piece in kept.pieces():
        assert not any(token in piece for found in tokens.values() for token in found)
    assert any(CSRF_SLOT in piece for piece in kept.pieces())


def test_a_signed_out_reader_gets_no_form_token(app, circle):
    """Signed-out pages hold no form, so reading one puts nothing in the session."""
    client = app.test_client()
    page = _page(client, circle)
    assert "csrf_token" not in page and CSRF_SLOT not in page
    with client.session_transaction() as session:
        assert "csrf_token" not in session


@pytest.mark.parametrize("change", ["hidden", "edited", "renamed", "reacted", "erased"])
def test_a_change_to_a_post_shows_at_once_to_a_member_with_cards_kept(app, circle, change):
    """A member's page never shows a kept card older than the post it stands for."""
    member = make_user(pseudonym="member")
    client = app.test_client()
    AuthActions(client).login(member)
    _page(client, circle)
    before = _page(client, circle)
    post = opening_post(circle)
    writer = user_by_pseudonym("writer")
    if change == "hidden":
        lifecycle.set_post_status(post, PostStatus.HIDDEN)
        gone, shown = "Ninety days today.", "This post is hidden by the moderators."
    elif change == "edited":
        write_edit(
            writer, post, Draft("Ninety-one days now.", title="Ninety days", post_anyway=True)
        )
        gone, shown = "Ninety days today.", "Ninety-one days now."
    elif change == "renamed":
        writer.pseudonym = "writer-anew"
        gone, shown = ">writer<", ">writer-anew<"
    elif change == "reacted":
        toggle_reaction(make_user(), post, "strength")
        gone, shown = "Sending strength · 1", "Sending strength · 2"
    else:
        erasure.detach_posts_of(writer)
        gone, shown = ">writer<", "a former member"
    db.session.commit()
    after = _page(client, circle)
    assert gone in before and gone not in after
    assert after.count(shown) > before.count(shown)


def test_a_board_s_rows_kept_are_each_reader_s_own(app, circle):
    """A board page from kept rows is the page rendered alone, for a member with new posts
    to catch up on as for a signed-out reader; a new reply shows at once."""
    member = make_user(pseudonym="member")
    clients = _clients(app, {"signed out": None, "member": member})
    path = f"/b/{circle.board.slug}"
    set_follow(member, circle, FollowState.FOLLOWING)
    db.session.commit()
    clients["member"].get(f"/t/{circle.id}")  # read it, so that new replies are counted
    make_post(thread=circle, author=user_by_pseudonym("friend"), body="One more for you.")

    def board_page(client):
        return ONE_TIME.sub(r"\1", client.get(path).get_data(as_text=True))

    app.extensions["fragments"] = FragmentCache(0)
    alone = {name: board_page(client) for name, client in clients.items()}
    app.extensions["fragments"] = FragmentCache(5000)
    for client in clients.values():
        board_page(client)
    for name, client in clients.items():
        assert board_page(client) == alone[name], name
    assert "1 new" in alone["member"] and "1 new" not in alone["signed out"]
    replies = alone["member"].count("replies")
    make_post(thread=circle, author=user_by_pseudonym("friend"), body="And another.")
    assert "2 new" in board_page(clients["member"])
    assert board_page(clients["member"]).count("replies") == replies


def test_no_member_s_writing_can_fill_a_worker_s_memory(app):
    """The kept pieces stay within their budget of bytes, however long the posts; a piece
    over a hundredth of it is rendered each time and never kept."""
    kept = FragmentCache(size=1000, budget=100_000)
    assert kept.get_or_render("long", lambda: "a" * 5_000) == "a" * 5_000
    assert len(kept) == 0
    for n in range(100):
        kept.get_or_render(n, lambda n=n: f"{n:04d}" * 250)  # 1,000 bytes each
    assert kept.bytes_kept <= 100_000 and len(kept) == 100
    kept.get_or_render("one more", lambda: "b" * 900)
    assert kept.bytes_kept <= 100_000 and len(kept) == 100  # the oldest made room
    assert kept.get_or_render(99, lambda: "not rendered again") == "0099" * 250


def test_a_very_long_post_is_shown_whole_and_not_kept(app, circle):
    """A card over a hundredth of the budget is shown as rendered each time, and the
    worker keeps none of it."""
    kept = app.extensions["fragments"] = FragmentCache(5000, budget=1_000_000)
    make_post(thread=circle, body="Day by day, " * 1500)
    for _ in range(2):
        assert _page(app.test_client(), circle).count("Day by day,") == 1500
    assert all("Day by day," not in piece for piece in kept.pieces())
    assert any("Ninety days today." in piece for piece in kept.pieces())
    assert kept.bytes_kept <= 1_000_000


@pytest.mark.parametrize("change", ["edited", "redacted", "hidden", "erased"])
def test_words_taken_away_leave_the_worker_s_memory_at_once(app, circle, change):
    """Once a post is edited, redacted, hidden or its author erased, no piece this worker
    kept (its cards, its thread's row on the board) still holds what it was."""
    kept = app.extensions["fragments"] = FragmentCache(5000)
    moderator = make_user(pseudonym="steady", role=Role.MODERATOR)
    member = make_user(pseudonym="member")
    client = app.test_client()
    AuthActions(client).login(member)
    _page(client, circle)
    client.get(f"/b/{circle.board.slug}")
    post = opening_post(circle)
    writer = user_by_pseudonym("writer")
    old = "Ninety days today." if change != "erased" else ">writer<"
    assert any(old in piece for piece in kept.pieces())
    if change == "edited":
        write_edit(writer, post, Draft("Ninety-one days.", title="Ninety days", post_anyway=True))
    elif change == "redacted":
        act_on_post(moderator, post, "redact", "A name was in it.", "Ninety [removed].")
    elif change == "hidden":
        lifecycle.set_post_status(post, PostStatus.HIDDEN)
    else:
        erasure.detach_posts_of(writer)
    db.session.commit()
    assert not any(old in piece for piece in kept.pieces())
    assert old not in _page(client, circle)


def test_pieces_let_go_by_what_they_were_made_from():
    """Forgetting a post drops its pieces and only them, also after some were pushed out."""
    kept = FragmentCache(size=3)
    for n in range(4):
        kept.get_or_render(("card", n), lambda n=n: f"card {n}", tag=("post", n % 2))
    assert len(kept) == 3  # ("card", 0) made room
    assert kept.forget([("post", 0)]) == 1
    assert kept.pieces() == ["card 1", "card 3"]
    assert kept.forget([("post", 0), ("post", 9)]) == 0
    assert kept.forget([("post", 1)]) == 2 and len(kept) == 0 and kept.bytes_kept == 0
    kept.get_or_render("row", lambda: "row", tag=("thread", 1))
    assert kept.forget([("thread", 1), ("thread", 1)]) == 1  # named twice, dropped once
