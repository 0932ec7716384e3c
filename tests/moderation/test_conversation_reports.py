"""A member reports a private conversation they are in ("This made me uncomfortable"): the
moderators read its messages only through that report, each reading is logged, and nobody
in the conversation learns who reported."""

from datetime import timedelta

import sqlalchemy as sa

from forum.conversations.models import Conversation, Message
from forum.extensions import db
from forum.moderation.models import ItemKind, ItemState, ModAction, Report, ReviewItem
from forum.notices.models import Notice
from forum.timeutil import utcnow
from tests.factories import make_thread, make_user


def _established(name: str, **fields):
    member = make_user(name, created_at=utcnow() - timedelta(days=90), **fields)
    make_thread(author=member, title=f"A story by {name}")
    return member


def _conversation(client, auth, sender: str, to: str, body: str) -> int:
    auth.login(sender)
    client.post("/messages/new", data={"to": to, "body": body})
    auth.logout()
    return db.session.scalar(sa.select(Conversation.id).order_by(Conversation.id.desc()))


def _report(client, auth, who: str, conversation_id: int, **data):
    auth.login(who)
    data.setdefault("reason", "uncomfortable")
    response = client.post(f"/messages/{conversation_id}/report", data=data)
    auth.logout()
    return response


def _item() -> ReviewItem:
    return db.session.scalar(sa.select(ReviewItem).where(ReviewItem.kind == ItemKind.CONVERSATION))


def _reads() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(ModAction.verb == "read_conversation")
    )


def test_a_newcomer_reports_a_conversation_and_a_moderator_reads_it_through_the_report(
    client, auth
):
    _established("pursuer"), _established("wren"), _established("keeper", role="moderator")
    db.session.commit()
    conversation = _conversation(client, auth, "pursuer", "wren", "Give me your number, let's meet")
    auth.login("wren")
    page = client.get(f"/messages/{conversation}").get_data(as_text=True)
    assert "This made me uncomfortable: report it" in page
    assert "The moderators can read it only if someone in it reports it" in page
    form = client.get(f"/messages/{conversation}/report").get_data(as_text=True)
    assert "you don't need a screenshot" in form
    auth.logout()

    sent = _report(client, auth, "wren", conversation, reason="pressure", note="He keeps asking")
    assert sent.status_code == 302
    item = _item()
    assert item.state == ItemState.OPEN and item.conversation_id == conversation
    report = db.session.scalar(sa.select(Report))
    assert report.subject.pseudonym == "pursuer" and report.post_id is None

    auth.login("keeper")
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert "a private conversation" in queue and "He keeps asking" in queue
    # The queue and the item page show no message until the moderator asks to read.
    assert "Give me your number" not in queue
    before = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "Give me your number" not in before and "Read the messages" in before
    assert _reads() == 0
    reading = client.get(f"/mod/items/{item.id}/messages").get_data(as_text=True)
    assert "Give me your number, let" in reading and "s meet" in reading
    assert "pursuer" in reading and "Your reading is in the log" in reading
    client.get(f"/mod/items/{item.id}/messages")
    assert _reads() == 2
    logged = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "read_conversation"))
    assert logged.target_type.value == "conversation" and logged.target_id == conversation
    assert logged.moderator_id is not None and "Give me" not in logged.reason


def test_the_moderators_cannot_read_a_conversation_nobody_reported_nor_after_the_report_closed(
    client, auth
):
    _established("ash"), _established("birch"), _established("keeper", role="moderator")
    db.session.commit()
    conversation = _conversation(client, auth, "ash", "birch", "See you at the meeting")
    auth.login("keeper")
    assert client.get(f"/messages/{conversation}").status_code == 404
    auth.logout()
    _report(client, auth, "birch", conversation)
    item = _item()
    auth.login("keeper")
    decided = client.post(
        f"/mod/items/{item.id}/decide", data={"verb": "no_action", "reason": "Nothing wrong"}
    )
    assert decided.status_code == 302
    assert client.get(f"/mod/items/{item.id}/messages").status_code == 403
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "the conversation is private again" in page and "See you at the meeting" not in page
    assert _reads() == 0


def test_a_moderator_in_the_conversation_neither_reads_it_as_a_moderator_nor_decides(client, auth):
    _established("keeper", role="moderator"), _established("fern")
    _established("other", role="moderator")
    db.session.commit()
    conversation = _conversation(client, auth, "keeper", "fern", "How are you doing?")
    _report(client, auth, "fern", conversation)
    item = _item()
    auth.login("keeper")
    assert client.get(f"/mod/items/{item.id}/messages").status_code == 403
    refused = client.post(
        f"/mod/items/{item.id}/decide", data={"verb": "no_action", "reason": "fine"}
    )
    assert refused.status_code == 403
    auth.logout()
    auth.login("other")
    assert client.get(f"/mod/items/{item.id}/messages").status_code == 200


def test_only_someone_in_the_conversation_can_report_it_and_only_once(client, auth):
    _established("ash"), _established("birch"), _established("stranger")
    db.session.commit()
    conversation = _conversation(client, auth, "ash", "birch", "Hello")
    assert _report(client, auth, "stranger", conversation).status_code == 404
    assert _report(client, auth, "birch", conversation).status_code == 302
    again = _report(client, auth, "birch", conversation)
    assert again.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 1
    auth.login("birch")
    mine = client.get("/reports/mine").get_data(as_text=True)
    assert "A private conversation" in mine


def test_nobody_in_the_conversation_is_told_who_reported_and_no_message_is_copied(client, auth):
    _established("ash"), _established("birch"), _established("keeper", role="moderator")
    db.session.commit()
    conversation = _conversation(client, auth, "ash", "birch", "A private worry of mine")
    _report(client, auth, "birch", conversation, note="please look")
    auth.login("ash")
    client.get("/")  # what was flashed in this browser before
    for path in ("/notices/", f"/messages/{conversation}", "/messages/"):
        assert "reported" not in client.get(path).get_data(as_text=True)
    auth.logout()
    item = _item()
    auth.login("keeper")
    client.post(f"/mod/items/{item.id}/decide", data={"verb": "warn", "reason": "Be kind."})
    texts = (
        db.session.scalars(sa.select(Notice.body)).all()
        + db.session.scalars(sa.select(Notice.title)).all()
    )
    assert texts and not any("private worry" in t for t in texts)
    reasons = db.session.scalars(sa.select(ModAction.reason)).all()
    assert not any("private worry" in r for r in reasons)


def test_a_care_report_on_a_conversation_comes_first_and_asks_for_care(client, auth):
    ash = _established("ash")
    _established("birch"), _established("keeper", role="moderator")
    db.session.commit()
    conversation = _conversation(client, auth, "ash", "birch", "I don't see the point anymore")
    _report(client, auth, "birch", conversation, reason="at_risk")
    item = _item()
    assert item.has_care
    auth.login("keeper")
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "Someone may be at risk in a private conversation" in page
    assert "Reached out" in page and "No action" not in page
    done = client.post(
        f"/mod/items/{item.id}/decide",
        data={"verb": "reached_out", "reason": "We are here for you."},
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert _item().state == ItemState.RESOLVED
    care = db.session.scalar(sa.select(Notice).where(Notice.kind == "care"))
    assert care is not None and care.user_id == ash.id


def test_erasing_a_conversation_takes_its_reports_and_items_with_it(app, client, auth):
    _established("ash"), _established("birch")
    db.session.commit()
    conversation = _conversation(client, auth, "ash", "birch", "Hello")
    _report(client, auth, "birch", conversation)
    db.session.execute(sa.delete(Conversation).where(Conversation.id == conversation))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewItem)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message)) == 0


def test_a_conversation_with_the_moderators_is_not_reported_to_them(client, auth):
    _established("ash")
    db.session.commit()
    auth.login("ash")
    client.post("/messages/moderators", data={"body": "A question about a decision"})
    conversation = db.session.scalar(sa.select(Conversation.id))
    page = client.get(f"/messages/{conversation}").get_data(as_text=True)
    assert "report it" not in page
    assert (
        client.post(f"/messages/{conversation}/report", data={"reason": "other"}).status_code == 403
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewItem)) == 0
