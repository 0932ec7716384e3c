"""Members mute and block others silently: no notices from them, no messages shown."""

import sqlalchemy as sa

from forum.blocks import queries, services
from forum.blocks.models import MemberBlock, ShutKind
from forum.errors import ForumError
from forum.extensions import db
from forum.moderation.models import ItemKind, ReviewItem
from forum.notices.models import Notice
from forum.posts.signals import member_blocked
from tests.factories import make_established, make_post, make_thread, make_user


def _notices_for(member):
    return db.session.scalars(sa.select(Notice).where(Notice.user_id == member.id)).all()


def test_a_muted_member_mentions_and_replies_tell_nobody(app):
    """Someone a member muted can mention them or reply to them without a notice arriving."""
    quiet = make_established("quiet-harbour")
    loud = make_established("loud-one")
    services.shut_out(quiet, loud, ShutKind.MUTE, "week")
    db.session.commit()
    thread = make_thread(author=quiet)
    make_post(thread, loud, "Hey @quiet-harbour, listen.")
    assert _notices_for(quiet) == []


def test_a_member_cannot_shut_themself_out(app):
    member = make_user()
    try:
        services.shut_out(member, member, ShutKind.BLOCK, "always")
    except ForumError as error:
        assert "yourself" in error.message
    else:
        raise AssertionError("shutting oneself out was allowed")


def test_a_block_is_announced_once_and_counted_by_distinct_members(app):
    """A block tells the moderators' count, never the member blocked."""
    target = make_user()
    heard = []

    def listen(sender, by):
        heard.append((sender.id, by))

    member_blocked.connect(listen)
    try:
        first, second = make_user(), make_user()
        services.shut_out(first, target, ShutKind.BLOCK, "month")
        services.shut_out(first, target, ShutKind.BLOCK, "year")
        services.shut_out(second, target, ShutKind.BLOCK, "always")
        services.shut_out(make_user(), target, ShutKind.MUTE, "week")
        db.session.commit()
    finally:
        member_blocked.disconnect(listen)
    assert heard == [(target.id, first.id), (target.id, second.id)]
    assert queries.recent_blocker_count(target.id) == 2


def test_an_expired_block_stops_counting(app):
    member, other = make_user(), make_user()
    services.shut_out(member, other, ShutKind.BLOCK, "week")
    db.session.commit()
    row = db.session.get(MemberBlock, (member.id, other.id))
    row.until = row.created_at.replace(year=row.created_at.year - 1)
    db.session.commit()
    assert not queries.has_shut_out(member.id, other.id)


def test_undo_in_settings_lifts_a_block(app, client, auth):
    """A member sees whom they blocked in Settings and can undo it there."""
    member = make_user("keeper")
    other = make_user("pest")
    services.shut_out(member, other, ShutKind.BLOCK, "always")
    db.session.commit()
    auth.login("keeper")
    page = client.get("/settings")
    assert "pest" in page.get_data(as_text=True)
    response = client.post(f"/settings/shut-out/{other.id}/undo")
    assert response.status_code == 302
    assert not queries.has_shut_out(member.id, other.id)


def test_a_blocked_members_message_is_stored_but_never_shown(app, client, auth):
    """A message from someone the member blocked never shows and never counts as unread."""
    from forum.conversations import queries as conversations
    from forum.writing.checks import Draft
    from forum.writing.messages import write_conversation

    keeper = make_established("keeper")
    pest = make_established("pest")
    services.shut_out(keeper, pest, ShutKind.BLOCK, "always")
    db.session.commit()
    write_conversation(pest, [keeper], Draft("Please answer me.", post_anyway=True))
    db.session.commit()
    assert conversations.conversations_of(keeper) == []
    assert db.session.scalar(conversations.unread_select(keeper)) == 0


def test_the_export_lists_own_blocks_and_erasure_removes_both_directions(app):
    """A member's export names whom they blocked, never who blocked them; leaving erases both."""
    from forum.accounts.export import export_data
    from forum.accounts.services import delete_account

    keeper, pest, third = make_user("keeper"), make_user("pest"), make_user("third")
    services.shut_out(keeper, pest, ShutKind.BLOCK, "always")
    services.shut_out(third, keeper, ShutKind.MUTE, "week")
    db.session.commit()
    data = export_data(keeper)
    assert data["muted_or_blocked"] == [{"member": "pest", "kind": "block", "until": None}]
    delete_account(keeper, "a-long-password-1", "remove")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MemberBlock)) == 0


def test_a_member_blocks_from_a_profile_and_is_told_it_is_silent(app, client, auth):
    """The profile's form blocks the member, and the flash says they are not told."""
    make_user("keeper")
    pest = make_user("pest")
    auth.login("keeper")
    page = client.get(f"/u/{pest.pseudonym}")
    assert "Mute or block pest" in page.get_data(as_text=True)
    response = client.post(
        "/members/pest/shut-out", data={"kind": "block", "duration": "month"}, follow_redirects=True
    )
    assert "You blocked pest. They are not told." in response.get_data(as_text=True)


def test_a_blocked_moderator_still_reaches_the_member(app):
    """Blocking a moderator never hides what the moderators send."""
    from forum.conversations import queries as conversations
    from forum.permissions import Role
    from forum.writing.checks import Draft
    from forum.writing.messages import write_conversation

    keeper = make_established("keeper")
    moderator = make_established("steady", role=Role.MODERATOR)
    services.shut_out(keeper, moderator, ShutKind.BLOCK, "always")
    db.session.commit()
    write_conversation(moderator, [keeper], Draft("Checking in with you.", post_anyway=True))
    db.session.commit()
    assert len(conversations.conversations_of(keeper)) == 1


def test_five_members_blocking_one_person_put_them_in_the_queue_by_count_only(client, auth):
    target = make_established("pushy")
    blockers = [make_established(f"blocker{n}") for n in range(5)]
    db.session.commit()

    def items():
        return db.session.scalars(
            sa.select(ReviewItem).where(ReviewItem.kind == ItemKind.BLOCKS)
        ).all()

    for blocker in blockers[:4]:
        services.shut_out(blocker, target, ShutKind.BLOCK, "always")
    db.session.commit()
    assert items() == []
    services.shut_out(blockers[4], target, ShutKind.BLOCK, "always")
    db.session.commit()
    (item,) = items()
    assert item.member_id == target.id and item.reporter_count == 5
    auth.login(make_user("keeper", role="moderator"))
    queue = client.get("/mod/queue").get_data(as_text=True)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "Blocked by 5 members" in queue and "pushy" in queue
    assert "was blocked by 5 different members" in page
    for blocker in blockers:
        assert blocker.pseudonym not in queue and blocker.pseudonym not in page
    # A mute is no block, and an open item is not raised twice.
    services.shut_out(make_established("muter"), target, ShutKind.MUTE, "always")
    services.shut_out(make_established("sixth"), target, ShutKind.BLOCK, "always")
    db.session.commit()
    assert len(items()) == 1


def test_a_suspended_member_can_still_block_someone(app, client, auth):
    """A pause on writing never takes away the way to shut a pursuer out."""
    from datetime import timedelta

    from forum.timeutil import utcnow

    make_user("paused", suspended_until=utcnow() + timedelta(days=3), suspension_reason="x")
    make_user("pest")
    db.session.commit()
    auth.login("paused")
    response = client.post(
        "/members/pest/shut-out", data={"kind": "block", "duration": "week"}, follow_redirects=True
    )
    assert "You blocked pest. They are not told." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MemberBlock)) == 1
