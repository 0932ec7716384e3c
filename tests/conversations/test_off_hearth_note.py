"""A newcomer who is sent contact details in a conversation sees, beside that message, a kind
note that the guidelines keep conversations on Hearth; nobody else does."""

from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import Role
from forum.conversations.models import Conversation, Message
from forum.extensions import db
from forum.timeutil import utcnow
from tests.factories import make_thread, make_user

NOTE = "Hearth's guidelines</a> ask people to keep their conversations here"
DETAILS = "If it helps, my snapchat is jo_r, I am up late."


def _established(name: str):
    member = make_user(name, created_at=utcnow() - timedelta(days=90))
    make_thread(author=member, title=f"A story by {name}")
    return member


def _details_sent_to(client, auth, recipient: str) -> int:
    """The moderator writes to the recipient, then sends a handle past the identity question."""
    auth.login("steward")
    client.post("/messages/new", data={"to": recipient, "body": "Welcome."})
    conversation = db.session.scalar(sa.select(sa.func.max(Conversation.id)))
    asked = client.post(f"/messages/{conversation}/send", data={"body": DETAILS})
    assert "it looks like it contains a username on another app" in asked.get_data(as_text=True)
    client.post(f"/messages/{conversation}/send", data={"body": DETAILS, "post_anyway": "y"})
    assert db.session.scalars(sa.select(Message.body_source)).all()[-1] == DETAILS
    auth.logout()
    return conversation


def test_a_newcomer_sees_a_kind_note_beside_a_message_with_contact_details(client, auth):
    make_user("steward", role=Role.MODERATOR)
    make_user("firstweek")
    conversation = _details_sent_to(client, auth, "firstweek")
    auth.login("firstweek")
    # The newcomer's own words with a handle in them bring no note for the newcomer.
    client.post(
        f"/messages/{conversation}/send",
        data={"body": "my telegram is first_w", "post_anyway": "y"},
    )
    page = client.get(f"/messages/{conversation}").get_data(as_text=True)
    assert DETAILS in page and "my telegram is first_w" in page
    assert page.count(NOTE) == 1
    assert 'href="/guidelines"' in page
    assert page.index(NOTE) < page.index("my telegram is first_w")


def test_the_sender_and_an_established_member_see_no_note(client, auth):
    make_user("steward", role=Role.MODERATOR)
    make_user("firstweek")
    _established("harbour")
    to_newcomer = _details_sent_to(client, auth, "firstweek")
    to_established = _details_sent_to(client, auth, "harbour")
    auth.login("steward")
    assert NOTE not in client.get(f"/messages/{to_newcomer}").get_data(as_text=True)
    auth.logout()
    auth.login("harbour")
    page = client.get(f"/messages/{to_established}").get_data(as_text=True)
    assert DETAILS in page
    assert NOTE not in page


def test_a_newcomer_sees_no_note_beside_a_message_without_contact_details(client, auth):
    make_user("steward", role=Role.MODERATOR)
    make_user("firstweek")
    auth.login("steward")
    client.post("/messages/new", data={"to": "firstweek", "body": "Welcome. How is today?"})
    conversation = db.session.scalar(sa.select(Conversation.id))
    auth.logout()
    auth.login("firstweek")
    page = client.get(f"/messages/{conversation}").get_data(as_text=True)
    assert "Welcome. How is today?" in page and NOTE not in page
