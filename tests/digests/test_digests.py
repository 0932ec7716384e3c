"""Quiet, discreet notifications: a digest only when asked for, sent to a real SMTP server
and read back (a neutral subject, counts and links, no words and no names, one-click
unsubscribe); quiet hours with no email and no unread counts; the settings form."""

import email
import html
import socket
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from forum.accounts.models import User
from forum.digests.mail import SUBJECT
from forum.digests.quiet import in_quiet_hours
from forum.digests.services import due_members, send_digest, unsubscribe_token
from forum.extensions import db
from forum.timeutil import utcnow
from tests.conftest import AuthActions, RequestIsolatingClient, make_app
from tests.factories import make_post, make_thread, make_user

REPLY_WORDS = "The second week was easier; keep writing it down."


class Inbox:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield handler.messages, controller.port
    controller.stop()


@pytest.fixture
def mailing_app(tmp_path, inbox, _postgres_schema):
    _, port = inbox
    app = make_app(
        tmp_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_USE_TLS=False,
        SITE_URL="https://hearth.example",
    )
    app.test_client_class = RequestIsolatingClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _with_a_reply(member):
    """Someone answers the member's thread: one unread notice for them."""
    thread = make_thread(member, title="My second week")
    make_post(thread, author=make_user(f"kind-stranger-{member.id}"), body=REPLY_WORDS)
    return thread


def test_a_daily_digest_arrives_with_nothing_private_in_it(mailing_app, inbox):
    messages, _ = inbox
    member = make_user("river-stone", email="me@example.org", digest="daily")
    _with_a_reply(member)
    assert send_digest(member.id) is True
    db.session.commit()
    assert len(messages) == 1
    sent = messages[0]
    assert sent["Subject"] == SUBJECT and sent["To"] == "me@example.org"
    body = sent.get_payload(decode=True).decode()
    assert "1 unread notice" in body and "https://hearth.example/notices/" in body
    for private in ("river-stone", "kind-stranger", "My second week", REPLY_WORDS):
        assert private not in sent.as_string()
    assert (
        sent["List-Unsubscribe"].strip().startswith("<https://hearth.example/digest/unsubscribe/")
    )
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Sent today: not again until tomorrow.
    assert send_digest(member.id) is False and len(messages) == 1
    assert due_members(utcnow() + timedelta(hours=23, minutes=5)) == [member.id]


def test_nobody_is_emailed_who_did_not_ask_or_has_nothing_new(mailing_app, inbox):
    messages, _ = inbox
    _with_a_reply(make_user("no-email-given", digest="daily"))
    _with_a_reply(make_user("email-but-no-digest", email="a@example.org"))
    make_user("nothing-new", email="b@example.org", digest="weekly")
    assert due_members() == [
        db.session.scalar(sa.select(User.id).where(User.pseudonym == "nothing-new"))
    ]
    for member_id in db.session.scalars(sa.select(User.id)):
        send_digest(member_id)
    assert messages == []


def test_the_queue_job_sends_each_due_digest(mailing_app, inbox):
    messages, _ = inbox
    for name in ("first-reader", "second-reader"):
        _with_a_reply(make_user(name, email=f"{name}@example.org", digest="daily"))
    assert mailing_app.extensions["tasks"].jobs["queue_digests"].call_local() == 2
    assert sorted(m["To"] for m in messages) == [
        "first-reader@example.org",
        "second-reader@example.org",
    ]


def test_quiet_hours_hold_the_email_and_the_unread_counts(mailing_app, inbox):
    messages, _ = inbox
    client = mailing_app.test_client()
    auth = AuthActions(client)
    member = make_user(
        "night-owl",
        email="owl@example.org",
        digest="daily",
        quiet_from=22,
        quiet_until=7,
        time_zone="Europe/Madrid",
    )
    _with_a_reply(member)
    # 23:30 in Madrid (22:30 UTC in winter): quiet; 08:30 there: not.
    late, morning = datetime(2026, 1, 20, 22, 30), datetime(2026, 1, 21, 7, 30)
    assert in_quiet_hours(member, late) and not in_quiet_hours(member, morning)
    assert send_digest(member.id, now=late) is False and messages == []
    assert send_digest(member.id, now=morning) is True and len(messages) == 1
    db.session.commit()
    auth.login(member)
    member.quiet_from, member.quiet_until = 0, 0  # no quiet hours: the count shows
    db.session.commit()
    assert 'aria-label="1 unread"' in client.get("/").get_data(as_text=True)
    member.time_zone, member.quiet_from, member.quiet_until = "UTC", 0, 23
    if utcnow().hour == 23:
        member.quiet_from, member.quiet_until = 23, 22
    db.session.commit()
    assert 'aria-label="1 unread"' not in client.get("/").get_data(as_text=True)


def test_one_click_unsubscribe_works_without_signing_in(mailing_app):
    client = mailing_app.test_client()
    member = make_user("enough-email", email="x@example.org", digest="weekly")
    token = unsubscribe_token(member)
    assert client.get(f"/digest/unsubscribe/{token}").status_code == 200
    assert client.post(f"/digest/unsubscribe/{token}").status_code == 200
    assert db.session.get(User, member.id).digest == "none"
    assert client.post("/digest/unsubscribe/not-a-token").status_code == 404


def test_the_settings_ask_for_an_email_for_a_digest_and_keep_what_was_typed(app, client, auth):
    member = make_user("careful-one")
    auth.login(member)
    answer = client.post(
        "/settings/notifications", data={"digest": "daily", "quiet_from": "22", "quiet_until": ""}
    )
    assert answer.status_code == 400
    page = html.unescape(answer.get_data(as_text=True))
    assert "Give an email address for the digest" in page and "Choose both hours" in page
    assert answer.headers["Cache-Control"] == "no-store"
    saved = client.post(
        "/settings/notifications",
        data={
            "email": "me@example.org",
            "digest": "weekly",
            "quiet_from": "22",
            "quiet_until": "7",
            "time_zone": "America/Mexico_City",
        },
    )
    assert saved.status_code == 302
    member = db.session.get(User, member.id)
    assert (member.email, member.digest, member.quiet_from, member.quiet_until) == (
        "me@example.org",
        "weekly",
        22,
        7,
    )
    assert member.time_zone == "America/Mexico_City"
