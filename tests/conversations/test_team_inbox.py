"""Contact the moderators: a member writes to the moderator team from any page's footer or
from a notice, any moderator answers from the inbox, and the member reads "the moderators";
nobody else can tell that they wrote."""

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.conversations.models import Conversation, Membership, Message
from forum.extensions import db
from forum.moderation import services as moderation
from forum.notices.models import Notice, NoticeKind
from forum.permissions import Role
from forum.timeutil import utcnow
from tests.conftest import make_app
from tests.factories import PASSWORD, make_board, make_post, make_thread, make_user

QUESTION = "Why was my post about the meeting hidden? I only named the church hall."
ANSWER = "It named a place and a time, which could identify you. You can post it again without."


def _write_to_team(client, body: str = QUESTION, **extra):
    response = client.post("/messages/moderators", data={"body": body, **extra})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(sa.select(Conversation).order_by(Conversation.id.desc()))


def _answer(client, conversation, body: str = ANSWER):
    return client.post(f"/mod/inbox/{conversation.id}/answer", data={"body": body})


def _shape(page: str) -> str:
    """A page without what differs at every request (form tokens, times, flashed words)."""
    page = re.sub(r'name="csrf_token" value="[^"]*"', "", page)
    page = re.sub(r'<div class="flashes".*?</div>', "", page, flags=re.S)
    page = re.sub(r"<time [^>]*>[^<]*</time>", "", page)
    return " ".join(page.split())


def _as(client, auth, who):
    auth.logout()
    auth.login(who)


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/b/evenings",
        "/t/{thread}",
        "/help",
        "/guidelines",
        "/welcome",
        "/transparency",
        "/search?q=evenings",
        "/signin",
        "/notices/",
        "/messages/",
        "/me",
        "/settings",
        "/u/harbour",
    ],
)
def test_every_main_page_has_contact_the_moderators_in_its_footer(client, auth, page):
    """Wherever a member is, the footer offers a line to the moderators."""
    member = make_user("harbour")
    thread = make_thread(member, make_board("Evenings", "evenings"))
    if page not in ("/signin",):
        auth.login(member)
    response = client.get(page.format(thread=thread.id))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    footer = text[text.index('<footer class="site-footer">') :]
    assert '<a href="/messages/moderators">Contact the moderators</a>' in footer


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in_first(client):
    response = client.get("/messages/moderators")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]


def test_the_form_says_every_moderator_can_read_it_and_that_it_is_not_encrypted(client, auth):
    auth.login(make_user("harbour"))
    page = client.get("/messages/moderators").get_data(as_text=True)
    assert "Every moderator can read it" in page
    assert "not end-to-end encrypted" in page
    assert "Nobody else can see that you wrote to them." in page


def test_a_member_asks_about_a_notice_which_is_pointed_at_never_copied(client, auth):
    """ "Contact the moderators about this" on a moderation notice opens the form about it; the
    team reads the notice and the post it is about, from where they are."""
    member = make_user("harbour")
    steward = make_user("steward-ash", role=Role.MODERATOR)
    post = make_post(author=member, body="Meet me at St Mary's hall, Tuesdays at 7.")
    moderation.act_directly(steward, post, "hide", "It names a place and a time.")
    db.session.commit()
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == member.id))
    auth.login(member)
    notices = client.get("/notices/").get_data(as_text=True)
    assert f'href="/messages/moderators?notice={notice.id}">Contact the moderators about this' in (
        notices
    )
    form = client.get(f"/messages/moderators?notice={notice.id}").get_data(as_text=True)
    assert "About your notice" in form and notice.title in form
    assert f'name="about" type="hidden" value="{notice.id}"' in form

    conversation = _write_to_team(client, about=str(notice.id))
    assert conversation.with_team
    assert (conversation.about_notice_id, conversation.about_post_id) == (notice.id, post.id)
    stored = db.session.scalars(
        sa.select(Message.body_source).where(Message.conversation_id == conversation.id)
    ).all()
    assert stored == [QUESTION]  # the notice's words stay in the notice

    _as(client, auth, steward)
    page = client.get(f"/mod/inbox/{conversation.id}").get_data(as_text=True)
    assert "About their notice" in page and "It names a place and a time." in page
    assert f'href="/mod/posts/{post.id}"' in page


def test_a_member_cannot_point_at_someone_elses_notice(client, auth):
    other = make_user("lantern")
    steward = make_user("steward-ash", role=Role.MODERATOR)
    moderation.act_directly(steward, make_post(author=other), "hide", "Off topic.")
    db.session.commit()
    theirs = db.session.scalar(sa.select(Notice.id).where(Notice.user_id == other.id))
    auth.login(make_user("harbour"))
    form = client.get(f"/messages/moderators?notice={theirs}").get_data(as_text=True)
    assert "About your notice" not in form and "Off topic." not in form
    conversation = _write_to_team(client, about=str(theirs))
    assert conversation.about_notice_id is None and conversation.about_post_id is None


def test_any_moderator_answers_and_the_member_reads_only_the_moderators(client, auth):
    """Two moderators answer; the member sees "the moderators", never either pseudonym, on
    the page and in their export, while the team knows who wrote what."""
    member = make_user("harbour")
    ash = make_user("steward-ash", role=Role.MODERATOR)
    birch = make_user("keeper-birch", role=Role.ADMIN)
    auth.login(member)
    conversation = _write_to_team(client)

    _as(client, auth, ash)
    inbox = client.get("/mod/inbox/").get_data(as_text=True)
    assert "From harbour" in inbox and "1 new" in inbox and "1 not answered" in inbox
    answered = _answer(client, conversation)
    assert answered.status_code == 302
    assert f"/mod/inbox/{conversation.id}" in answered.headers["Location"]
    _as(client, auth, birch)
    assert "not answered" not in client.get("/mod/inbox/").get_data(as_text=True)
    team_page = client.get(f"/mod/inbox/{conversation.id}").get_data(as_text=True)
    assert "the moderators (steward-ash)" in team_page
    assert _answer(client, conversation, "And take all the time you need.").status_code == 302

    _as(client, auth, member)
    assert b'aria-label="1 with new messages"' in client.get("/").data
    listed = client.get("/messages/").get_data(as_text=True)
    assert "With the moderators" in listed
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert ANSWER in page and "And take all the time you need." in page
    assert page.count("<strong>the moderators</strong>") == 2
    assert "every moderator can read this conversation" in page
    assert "steward-ash" not in page and "keeper-birch" not in page
    export = client.post("/settings/export").get_data(as_text=True)
    assert "steward-ash" not in export and "keeper-birch" not in export
    (kept,) = json.loads(export)["conversations"]
    assert kept["with"] == ["the moderators"]
    assert [m["text"] for m in kept["my_messages"]] == [QUESTION]
    assert [m["text"] for m in kept["answers_from_the_moderators"]] == [
        ANSWER,
        "And take all the time you need.",
    ]
    authors = db.session.scalars(
        sa.select(Message.author_id).where(Message.as_team.is_(True)).order_by(Message.id)
    ).all()
    assert authors == [ash.id, birch.id]


def test_an_answer_is_a_notice_that_points_at_the_conversation_without_its_words(client, auth):
    member = make_user("harbour")
    steward = make_user("steward-ash", role=Role.MODERATOR)
    auth.login(member)
    conversation = _write_to_team(client)
    _as(client, auth, steward)
    _answer(client, conversation)
    (notice,) = db.session.scalars(sa.select(Notice).where(Notice.user_id == member.id)).all()
    assert notice.kind == NoticeKind.TEAM_ANSWER
    assert notice.link == f"/messages/{conversation.id}"
    assert notice.body == "" and notice.actor_id is None
    every_notice_word = db.session.execute(sa.select(Notice.title, Notice.body)).all()
    assert not any(ANSWER in t or ANSWER in b or QUESTION in b for t, b in every_notice_word)
    _as(client, auth, member)
    notices = client.get("/notices/").get_data(as_text=True)
    assert "The moderators answered your message" in notices
    assert ANSWER not in notices and "steward-ash" not in notices
    assert f'href="/messages/{conversation.id}"' in notices


@pytest.mark.parametrize("who", [None, Role.MEMBER])
def test_the_inbox_is_closed_to_visitors_and_members(client, auth, who):
    writer = make_user("harbour")
    auth.login(writer)
    conversation = _write_to_team(client)
    auth.logout()
    if who is not None:
        auth.login(make_user("lantern", role=who))
    for method, url in (
        ("GET", "/mod/inbox/"),
        ("GET", f"/mod/inbox/{conversation.id}"),
        ("POST", f"/mod/inbox/{conversation.id}/answer"),
    ):
        response = client.open(url, method=method, data={"body": "Let me in"})
        if who is None:
            assert response.status_code == 302 and "/signin" in response.headers["Location"]
        else:
            assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message)) == 1


def test_the_inbox_opens_no_conversation_between_members(client, auth):
    """A moderator reads the team's conversations, never members' private ones."""
    river = make_user("river", created_at=utcnow() - timedelta(days=90))
    make_thread(river)
    harbour = make_user("harbour", created_at=utcnow() - timedelta(days=90))
    make_thread(harbour)
    auth.login(river)
    client.post("/messages/new", data={"to": "harbour", "body": "Just between us."})
    private = db.session.scalar(sa.select(Conversation.id))
    _as(client, auth, make_user("steward-ash", role=Role.MODERATOR))
    assert client.get(f"/mod/inbox/{private}").status_code == 404
    assert _answer(client, db.session.get(Conversation, private)).status_code == 404
    assert "Just between us." not in client.get("/mod/inbox/").get_data(as_text=True)


def test_no_other_member_can_tell_that_someone_wrote_to_the_moderators(client, auth):
    """Not on the writer's profile, not in anyone's messages or notices, not in search, not
    on the transparency page."""
    writer = make_user("harbour")
    make_thread(writer, title="Evenings are long")
    onlooker = make_user("lantern")
    auth.login(onlooker)
    before = {
        url: _shape(client.get(url).get_data(as_text=True))
        for url in ("/transparency", "/u/harbour", "/messages/", "/notices/")
    }
    _as(client, auth, writer)
    conversation = _write_to_team(client)
    _as(client, auth, make_user("steward-ash", role=Role.MODERATOR))
    _answer(client, conversation)
    _as(client, auth, onlooker)
    for url, earlier in before.items():
        assert _shape(client.get(url).get_data(as_text=True)) == earlier, url
    assert client.get(f"/messages/{conversation.id}").status_code == 404
    assert client.post(f"/messages/{conversation.id}/to-the-moderators").status_code == 404
    found = client.get("/search?q=church+hall").get_data(as_text=True)
    assert QUESTION not in found and f"/messages/{conversation.id}" not in found
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Notice).where(Notice.user_id == onlooker.id)
        )
        == 0
    )


def test_a_suspended_member_can_still_write_to_the_moderators_and_answer_them(client, auth):
    """A question about a decision stays possible while writing elsewhere is paused."""
    member = make_user(
        "harbour",
        suspended_until=utcnow() + timedelta(days=3),
        suspension_reason="Cooling off.",
    )
    auth.login(member)
    paused = client.get("/messages/new")
    assert paused.status_code == 403
    assert b'<a href="/messages/moderators">write to the moderators</a>' in paused.data
    form = client.get("/messages/moderators")
    assert form.status_code == 200
    assert b"While your account is paused you can still write to the moderators" in form.data
    conversation = _write_to_team(client)
    _as(client, auth, make_user("steward-ash", role=Role.MODERATOR))
    _answer(client, conversation)
    _as(client, auth, member)
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert f'action="/messages/{conversation.id}/to-the-moderators"' in page
    reply = client.post(
        f"/messages/{conversation.id}/to-the-moderators", data={"body": "Thank you. Understood."}
    )
    assert reply.status_code == 302
    assert db.session.scalars(
        sa.select(Message.body_source).where(Message.author_id == member.id).order_by(Message.id)
    ).all() == [QUESTION, "Thank you. Understood."]
    assert client.post(f"/messages/{conversation.id}/send", data={"body": "x"}).status_code == 403


def test_contact_details_are_asked_about_first_and_nothing_typed_is_lost(client, auth):
    auth.login(make_user("harbour"))
    typed = "Please call me on 07700 900123 about my ban."
    page = client.post("/messages/moderators", data={"body": typed})
    assert page.status_code == 200
    assert b"This may identify you or someone else" in page.data
    assert b"07700 900123 about my ban." in page.data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message)) == 0
    empty = client.post("/messages/moderators", data={"body": "   "})
    assert empty.status_code == 400 and b"Please write something first." in empty.data


def test_the_same_form_sent_twice_opens_one_conversation(client, auth):
    auth.login(make_user("harbour"))
    form = client.get("/messages/moderators").get_data(as_text=True)
    token = form.split('name="write_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    first = client.post("/messages/moderators", data={"body": QUESTION, "write_token": token})
    again = client.post("/messages/moderators", data={"body": QUESTION, "write_token": token})
    assert first.headers["Location"] == again.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 1


def test_new_conversations_with_the_team_are_limited_per_day_and_the_words_kept(tmp_path):
    app = make_app(
        tmp_path, RATE_LIMITS_ENABLED=True, TEAM_CONVERSATIONS_LIMIT_PER_MEMBER="1 per day"
    )
    with app.app_context():
        make_user("harbour")
        client = app.test_client()
        client.post("/signin", data={"pseudonym": "harbour", "password": PASSWORD})
        assert client.post("/messages/moderators", data={"body": QUESTION}).status_code == 302
        second = client.post("/messages/moderators", data={"body": "One more thing, sorry."})
        assert second.status_code == 429
        assert b"One more thing, sorry." in second.data
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 1
        db.session.remove()
        db.engine.dispose()


def test_an_answer_cannot_be_sent_once_the_member_has_left_the_conversation(client, auth):
    member = make_user("harbour")
    auth.login(member)
    conversation = _write_to_team(client)
    client.post(f"/messages/{conversation.id}/leave")
    _as(client, auth, make_user("steward-ash", role=Role.MODERATOR))
    page = client.get(f"/mod/inbox/{conversation.id}").get_data(as_text=True)
    assert "an answer would not reach them" in page
    refused = _answer(client, conversation)
    assert refused.status_code == 400 and ANSWER.encode() in refused.data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice)) == 0


@pytest.mark.parametrize("mode", ["detach", "remove"])
def test_leaving_hearth_treats_the_conversation_with_the_team_as_any_other(client, auth, mode):
    """Keeping posts keeps the messages as "a former member"; removing them removes the
    messages too. The team keeps its side, as another member would."""
    member = make_user("harbour")
    auth.login(member)
    conversation = _write_to_team(client)
    conversation_id = conversation.id
    _as(client, auth, make_user("steward-ash", role=Role.MODERATOR))
    _answer(client, conversation)
    _as(client, auth, member)
    deleted = client.post(
        "/settings/delete", data={"mode": mode, "password": PASSWORD, "confirm": "y"}
    )
    assert deleted.status_code == 302
    left = db.session.scalars(
        sa.select(Message.body_source)
        .where(Message.conversation_id == conversation_id, Message.as_team.is_(False))
        .order_by(Message.id)
    ).all()
    assert left == ([QUESTION] if mode == "detach" else [])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 0
    auth.login("steward-ash")
    inbox = client.get("/mod/inbox/").get_data(as_text=True)
    assert "From a former member" in inbox and "harbour" not in inbox
    page = client.get(f"/mod/inbox/{conversation_id}").get_data(as_text=True)
    assert (QUESTION in page) == (mode == "detach") and ANSWER in page
