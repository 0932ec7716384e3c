"""The messages pages as members meet them: writing from a profile, being turned away from a
newcomer kindly with what they typed kept, a conversation nobody else can open, leaving."""

import json
from datetime import timedelta

import sqlalchemy as sa

from forum.conversations.models import Conversation, Message
from forum.extensions import db
from forum.timeutil import utcnow
from forum.writing.tokens import new_token
from tests.factories import make_thread, make_user


def _established(name: str):
    member = make_user(name, created_at=utcnow() - timedelta(days=90))
    make_thread(author=member, title=f"A story by {name}")
    return member


def _messages() -> list[str]:
    return db.session.scalars(sa.select(Message.body_source).order_by(Message.id)).all()


def test_a_member_writes_to_another_from_their_profile_and_the_header_counts_it(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    profile = client.get("/u/harbour")
    assert b'href="/messages/new?to=harbour"' in profile.data
    form = client.get("/messages/new?to=harbour")
    assert b'value="harbour"' in form.data
    sent = client.post(
        "/messages/new",
        data={"to": "harbour", "body": "Saw your story. Tuesdays are hard for me too."},
    )
    assert sent.status_code == 302 and "/messages/" in sent.headers["Location"]
    auth.logout()
    auth.login("harbour")
    page = client.get("/")
    assert b'aria-label="1 with new messages"' in page.data
    listed = client.get("/messages/")
    assert b"With river" in listed.data
    conversation = db.session.scalar(sa.select(Conversation.id))
    opened = client.get(f"/messages/{conversation}")
    assert b"Tuesdays are hard for me too." in opened.data
    assert opened.headers["Cache-Control"] == "no-store"
    assert b"with new messages" not in client.get("/").data


def test_writing_to_a_newcomer_is_turned_away_kindly_and_the_words_are_kept(client, auth):
    _established("lantern")
    make_user("firstweek")
    db.session.commit()
    auth.login("lantern")
    page = client.post("/messages/new", data={"to": "firstweek", "body": "Let's talk on WhatsApp"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "firstweek is new here; reply to their posts instead." in text
    assert "Nothing was sent." in text and "Let&#39;s talk on WhatsApp" in text
    assert _messages() == []


def test_an_unknown_pseudonym_is_named_and_nothing_is_sent(client, auth):
    _established("lantern")
    db.session.commit()
    auth.login("lantern")
    page = client.post("/messages/new", data={"to": "nobody-here", "body": "Hello"})
    assert page.status_code == 400
    assert b"No member goes by nobody-here." in page.data
    assert _messages() == []


def test_nobody_outside_a_conversation_can_open_it_or_post_to_it(client, auth):
    _established("river"), _established("harbour"), _established("outsider")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Just between us."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    auth.logout()
    assert client.get(f"/messages/{conversation}").status_code == 302  # to sign in
    auth.login("outsider")
    assert client.get(f"/messages/{conversation}").status_code == 404
    sent = client.post(f"/messages/{conversation}/send", data={"body": "Let me in"})
    assert sent.status_code == 404
    assert client.post(f"/messages/{conversation}/leave").status_code == 404
    assert _messages() == ["Just between us."]


def test_a_reply_sent_twice_is_one_message(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "First."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    form = {"body": "Only once, please.", "write_token": new_token()}
    first = client.post(f"/messages/{conversation}/send", data=form)
    again = client.post(f"/messages/{conversation}/send", data=form)
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    assert _messages() == ["First.", "Only once, please."]


def test_contact_details_in_a_message_ask_the_sender_first(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    page = client.post(
        "/messages/new", data={"to": "harbour", "body": "Email me at river@example.org"}
    )
    assert page.status_code == 200
    assert b"keep their conversations here" in page.data
    assert _messages() == []
    sent = client.post(
        "/messages/new",
        data={"to": "harbour", "body": "Email me at river@example.org", "post_anyway": "y"},
    )
    assert sent.status_code == 302 and _messages() == ["Email me at river@example.org"]


def test_a_member_who_leaves_no_longer_sees_the_conversation(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Hello."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    left = client.post(f"/messages/{conversation}/leave")
    assert left.status_code == 302
    assert b"No conversations yet" in client.get("/messages/").data
    assert client.get(f"/messages/{conversation}").status_code == 404


def test_a_member_can_choose_to_hear_only_from_people_they_replied_to(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("harbour")
    assert b"Only people I've replied to can message me" in client.get("/messages/").data
    client.post("/messages/who-can-write", data={"replied_only": "y"})
    auth.logout()
    auth.login("river")
    page = client.post("/messages/new", data={"to": "harbour", "body": "Hello"})
    assert b"harbour hears privately only from people they have replied to." in page.data
    assert _messages() == []


def test_a_suspended_member_reads_their_conversations_and_may_leave_but_not_send(client, auth):
    river, _ = _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Before the pause."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    river.suspended_until = utcnow() + timedelta(days=2)
    river.suspension_reason = "Cooling off."
    db.session.commit()
    assert b"Before the pause." in client.get(f"/messages/{conversation}").data
    refused = client.post(f"/messages/{conversation}/send", data={"body": "During it."})
    assert refused.status_code == 403 and b"send messages" in refused.data
    assert client.get("/messages/new").status_code == 403
    assert client.post(f"/messages/{conversation}/leave").status_code == 302
    assert _messages() == ["Before the pause."]


def test_the_export_holds_my_conversations_with_my_own_messages_only(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Mine to take."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    auth.logout()
    auth.login("harbour")
    client.post(f"/messages/{conversation}/send", data={"body": "Harbour's own words."})
    auth.logout()
    auth.login("river")
    exported = client.post("/settings/export").get_json()
    assert exported["conversations"] == [
        {
            "with": ["harbour"],
            "joined": exported["conversations"][0]["joined"],
            "left": None,
            "muted": False,
            "my_messages": [
                {
                    "sent": exported["conversations"][0]["my_messages"][0]["sent"],
                    "text": "Mine to take.",
                }
            ],
        }
    ]
    assert "Harbour's own words." not in json.dumps(exported)


def test_a_token_that_made_a_reply_sent_with_a_message_asks_again_and_links_to_the_reply(
    client, auth
):
    river, _ = _established("river"), _established("harbour")
    thread = make_thread(author=river, title="Evenings")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Hello."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    token = new_token()
    reply = client.post(f"/t/{thread.id}/reply", data={"body": "A reply.", "write_token": token})
    assert reply.status_code == 302
    page = client.post(
        f"/messages/{conversation}/send", data={"body": "Other words.", "write_token": token}
    )
    assert page.status_code == 200
    assert b"You sent this form once already" in page.data and b'href="/p/' in page.data
    assert _messages() == ["Hello."]


def test_a_newcomer_who_chose_replied_only_sees_why_a_message_did_not_go(client, auth):
    _established("river"), _established("harbour")
    db.session.commit()
    auth.login("river")
    client.post("/messages/new", data={"to": "harbour", "body": "Hello."})
    conversation = db.session.scalar(sa.select(Conversation.id))
    auth.logout()
    auth.login("harbour")
    client.post("/messages/who-can-write", data={"replied_only": "y"})
    auth.logout()
    auth.login("river")
    page = client.post(f"/messages/{conversation}/send", data={"body": "Still there?"})
    assert b"hears privately only from people they have replied to" in page.data
    assert b"Nothing was sent." in page.data
    assert _messages() == ["Hello."]
