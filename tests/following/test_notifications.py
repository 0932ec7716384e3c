"""Members hear of replies to their posts, of mentions and of replies in threads they follow."""

import pytest

from forum.extensions import db
from forum.following import services
from forum.following.models import FollowState
from forum.moderation import actions
from forum.moderation import services as moderation
from forum.notices.models import NoticeKind
from forum.permissions import Role
from tests.factories import (
    make_board,
    make_established,
    make_post,
    make_thread,
    make_user,
    opening_post,
)
from tests.following.helpers import personal_notices
from tests.moderation.helpers import item_for


def test_a_reply_to_a_post_tells_its_author_once(app):
    """The author of a post reads who answered it, where, and the first words of the answer."""
    author = make_user("river")
    thread = make_thread(author=author, title="Week two")
    reply = make_post(thread, make_user("lantern"), "Keep going, **river**.", opening_post(thread))
    (notice,) = personal_notices(author)
    assert notice.kind == NoticeKind.REPLY
    assert notice.title == "lantern replied to your post in “Week two”"
    assert notice.body == "Keep going, river."
    assert notice.link == f"/p/{reply.id}"


def test_followers_hear_of_each_reply_but_never_of_their_own(app):
    """Everyone who took part in a thread hears of a new reply, except the one who wrote it."""
    starter, first, second = make_user(), make_user("first-one"), make_user()
    thread = make_thread(author=starter, title="Cravings at night")
    make_post(thread, first)
    make_post(thread, second, "Tea and a walk help me.")
    assert [n.title for n in personal_notices(starter)] == [
        "New reply from first-one in “Cravings at night”",
        f"New reply from {second.pseudonym} in “Cravings at night”",
    ]
    assert len(personal_notices(first)) == 1
    assert personal_notices(second) == []


def test_a_mention_tells_the_member_named(app):
    """Writing @pseudonym, in any capitalisation, tells that member they were mentioned."""
    named = make_established("Quiet-Harbour")
    thread = make_thread(title="Who helped you")
    make_post(thread, make_user("lantern"), "Thank you @quiet-harbour, and @nobody-here.")
    (notice,) = personal_notices(named)
    assert notice.kind == NoticeKind.MENTION
    assert notice.title == "lantern mentioned you in “Who helped you”"


def test_an_author_who_mentions_themself_is_not_told(app):
    """Naming yourself in your own post sends you nothing."""
    author = make_user("river")
    make_thread(author=author, body="Note to self, @river: breathe.")
    assert personal_notices(author) == []


def test_a_post_tells_at_most_ten_mentioned_members(app):
    """A post naming many members tells only the first ten, so a list can't flood people."""
    members = [make_established(f"friend{n:02}") for n in range(12)]
    make_post(body=" ".join(f"@{m.pseudonym}" for m in members))
    told = [m for m in members if personal_notices(m)]
    assert told == members[:10]


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("hi @river.", ["river"]),
        ("@river and @River and @lantern-", ["river", "lantern"]),
        ("mail me at someone@example.org", []),
        ("@ab is too short, @@river is not a name", []),
        ("(@river)", ["river"]),
    ],
)
def test_mentions_are_read_from_the_source_as_written(source, names):
    """Only @names shaped like a pseudonym count, each once, and never an email address."""
    assert services.mentioned_names(source) == names


def test_a_muted_thread_sends_nothing_at_all(app):
    """A member who muted a thread hears neither of replies to them nor of mentions there."""
    author = make_user("river")
    thread = make_thread(author=author)
    services.set_follow(author, thread, FollowState.MUTED)
    db.session.commit()
    make_post(thread, make_user(), "Hello @river", opening_post(thread))
    assert personal_notices(author) == []


def test_a_held_reply_tells_nobody_until_a_moderator_approves_it(app):
    """A newcomer's reply waiting for approval sends its notices only once it is public."""
    author = make_user()
    thread = make_thread(author=author, board=make_board())
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    held = make_post(thread, make_user("new-here"), "Thank you all", opening_post(thread))
    assert personal_notices(author) == []
    moderation.decide(make_user(role=Role.MODERATOR), item_for(held), "approve", "")
    db.session.commit()
    (notice,) = personal_notices(author)
    assert notice.title.startswith("new-here replied to your post")


def test_a_held_thread_mentions_nobody_until_approved(app):
    """Mentions in a newcomer's first thread wait with it, then go out on approval."""
    named = make_established("river")
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    thread = make_thread(author=make_user(), body="Found you, @river")
    assert personal_notices(named) == []
    moderation.decide(make_user(role=Role.MODERATOR), item_for(opening_post(thread)), "approve", "")
    db.session.commit()
    assert [n.kind for n in personal_notices(named)] == [NoticeKind.MENTION]


def test_a_hidden_post_is_no_longer_quoted_in_notices(app):
    """When the moderators hide a reply, the notices about it keep their title but not its words."""
    author = make_user()
    reply = make_post(make_thread(author=author), body="Words that broke a rule")
    assert personal_notices(author)[0].body == "Words that broke a rule"
    actions.act_on_post(make_user(role=Role.MODERATOR), reply, "hide", "Unkind")
    db.session.commit()
    db.session.expire_all()
    (notice,) = personal_notices(author)
    assert notice.body == "" and notice.title


def test_a_post_behind_a_content_note_is_not_quoted_in_notices(app):
    """A reply approved with a content note tells its news without quoting the words behind it."""
    author = make_user()
    thread = make_thread(author=author)
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    held = make_post(thread, make_user(), "Details of the night I used", opening_post(thread))
    held.content_note = "use"
    moderation.decide(make_user(role=Role.MODERATOR), item_for(held), "approve", "")
    db.session.commit()
    (notice,) = personal_notices(author)
    assert notice.body == "" and notice.title


def test_the_notices_page_links_to_the_reply(client, auth):
    """The member sees the reply notice in the header count and opens the reply from it."""
    author = make_user()
    thread = make_thread(author=author, title="Day ten")
    reply = make_post(thread, make_user("lantern"), "Proud of you.")
    auth.login(author)
    assert 'aria-label="1 unread"' in client.get("/").get_data(as_text=True)
    page = client.get("/notices/").get_data(as_text=True)
    assert "New reply from lantern in “Day ten”" in page and "Proud of you." in page
    assert f'href="/p/{reply.id}"' in page
    client.post("/notices/read-all")
    assert "unread" not in client.get("/").get_data(as_text=True)


def test_replies_in_an_archived_board_send_nothing(app):
    """A post approved after its board was archived tells nobody, since nobody can read it."""
    author = make_user()
    board = make_board()
    thread = make_thread(author=author, board=board)
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    held = make_post(thread, make_user(), "late words", opening_post(thread))
    board.is_archived = True
    db.session.commit()
    moderation.decide(make_user(role=Role.MODERATOR), item_for(held), "approve", "")
    db.session.commit()
    assert personal_notices(author) == []
