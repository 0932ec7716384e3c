"""Appeals: a member appeals a decision once, within 14 days, and another moderator answers."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.export import export_data
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.moderation import services
from forum.moderation.allowed import DecisionError
from forum.moderation.appeals import services as appeals
from forum.moderation.models import (
    Appeal,
    AppealOutcome,
    ItemKind,
    ItemState,
    ModAction,
    ReviewItem,
)
from forum.notices.models import Notice
from forum.permissions import Role, is_suspended
from forum.posts.models import PostStatus
from forum.timeutil import utcnow
from tests.factories import make_post, make_user
from tests.moderation.helpers import hidden_and_appealed


@pytest.fixture
def author(app):
    return make_user("river-stone")


@pytest.fixture
def first_moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


@pytest.fixture
def second_moderator(app):
    return make_user("second-look", role=Role.MODERATOR)


def hidden_post(author, moderator):
    """A post of the member's, hidden by the moderator; returns the post and the action."""
    post = make_post(author=author, body="I think the meeting was wrong about this.")
    services.act_directly(moderator, post, "hide", "It reads as an attack on another member.")
    db.session.commit()
    action = db.session.scalar(
        sa.select(ModAction).where(ModAction.verb == "hide", ModAction.target_id == post.id)
    )
    return post, action


def appeal_of(author, action, body="I meant the meeting format, not any person."):
    made = appeals.make_appeal(author, action, body)
    db.session.commit()
    return made


def test_the_notice_about_a_hidden_post_points_at_the_decision(author, first_moderator):
    """The member's notice names the decision, so that it can be appealed from there."""
    post, action = hidden_post(author, first_moderator)
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == author.id))
    assert notice.action_id == action.id and notice.post_id == post.id


def test_an_appeal_goes_to_the_queue_as_its_own_item(author, first_moderator):
    """The appeal is stored once and waits in the queue as an appeal item."""
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    item = db.session.scalar(sa.select(ReviewItem).where(ReviewItem.appeal_id == made.id))
    assert item.kind == ItemKind.APPEAL and item.state == ItemState.OPEN
    assert made.acted_by_id == first_moderator.id and made.member_id == author.id


def test_a_member_appeals_each_decision_only_once(author, first_moderator):
    """A second appeal of the same decision is refused kindly."""
    _, action = hidden_post(author, first_moderator)
    appeal_of(author, action)
    with pytest.raises(appeals.AlreadyAppealed, match="already appealed"):
        appeals.make_appeal(author, action, "Once more.")
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Appeal)) == 1


def test_a_double_submit_meets_the_database_once(author, first_moderator):
    """Even past the check, the database keeps one appeal per decision."""
    _, action = hidden_post(author, first_moderator)
    appeal_of(author, action)
    db.session.add(
        Appeal(action_id=action.id, member_id=author.id, acted_by_id=action.moderator_id, body="x")
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_decisions_older_than_fourteen_days_cannot_be_appealed(author, first_moderator):
    """Past 14 days the member reads that it is too late."""
    _, action = hidden_post(author, first_moderator)
    # The log refuses updates, so the clock moves instead of the row.
    later = utcnow() + timedelta(days=14, minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("forum.moderation.appeals.allowed.utcnow", lambda: later)
        with pytest.raises(NotAllowed, match="14 days"):
            appeals.make_appeal(author, action, "Too late?")


def test_appeals_are_limited_to_a_thousand_characters(author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    with pytest.raises(DecisionError, match="1,000 characters"):
        appeals.make_appeal(author, action, "a" * 1001)
    assert appeal_of(author, action, "a" * 1000).body == "a" * 1000


def test_a_member_cannot_appeal_someone_elses_decision(author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    with pytest.raises(NotAllowed, match="not about you"):
        appeals.make_appeal(make_user("bystander"), action, "Unfair to them.")


def test_a_decision_in_the_members_favour_cannot_be_appealed(author, first_moderator):
    post, _ = hidden_post(author, first_moderator)
    services.act_directly(first_moderator, post, "restore", "On a second look, fine.")
    db.session.commit()
    restore = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "restore"))
    with pytest.raises(NotAllowed, match="can't be appealed"):
        appeals.make_appeal(author, restore, "Why?")


def test_the_moderator_who_acted_cannot_decide_the_appeal(
    author, first_moderator, second_moderator
):
    """The service refuses the moderator who acted, with words they understand."""
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    with pytest.raises(NotAllowed, match="another moderator decides"):
        appeals.decide_appeal(first_moderator, made, AppealOutcome.UPHELD, "It stands.")
    db.session.rollback()
    assert db.session.get(Appeal, made.id).decided_at is None


def test_the_database_refuses_the_acting_moderator_as_decider(author, first_moderator):
    """Even a direct update cannot make the moderator who acted decide the appeal."""
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.update(Appeal)
            .where(Appeal.id == made.id)
            .values(decided_by_id=first_moderator.id, decided_at=utcnow())
        )
    db.session.rollback()


def test_reversing_restores_the_post_and_tells_the_member(
    author, first_moderator, second_moderator
):
    """Another moderator reverses the hide: the post is back, logged, and the member told."""
    post, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    appeals.decide_appeal(
        second_moderator, made, AppealOutcome.REVERSED, "You are right, it was about the format."
    )
    db.session.commit()
    assert post.status == PostStatus.VISIBLE
    assert made.outcome == AppealOutcome.REVERSED and made.decided_by_id == second_moderator.id
    verbs = db.session.scalars(sa.select(ModAction.verb).order_by(ModAction.id)).all()
    assert verbs == ["hide", "restore", "appeal_reversed"]
    logged = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "appeal_reversed"))
    assert logged.target_type.value == "appeal" and logged.target_id == made.id
    assert logged.subject_id == author.id and logged.moderator_id == second_moderator.id
    told = db.session.scalar(
        sa.select(Notice).where(Notice.user_id == author.id).order_by(Notice.id.desc())
    )
    assert told.title == "Your appeal was reviewed: the decision is reversed"
    assert told.link == f"/appeals/{made.id}" and post.body_source not in told.body
    item = db.session.scalar(sa.select(ReviewItem).where(ReviewItem.appeal_id == made.id))
    assert item.state == ItemState.RESOLVED and item.resolution == "appeal_reversed"


def test_upholding_leaves_the_post_hidden(author, first_moderator, second_moderator):
    post, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    appeals.decide_appeal(second_moderator, made, AppealOutcome.UPHELD, "It stays hidden.")
    db.session.commit()
    assert post.status == PostStatus.HIDDEN
    with pytest.raises(Conflict, match="already decided"):
        appeals.decide_appeal(
            make_user("third-eye", role=Role.MODERATOR), made, AppealOutcome.REVERSED, "No."
        )


def test_a_ban_changed_to_a_suspension(author, first_moderator, second_moderator):
    """Changing a ban may set a suspension of some days instead."""
    services.act_on_member(first_moderator, author, "ban", "Repeated harassment.")
    db.session.commit()
    ban = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "ban"))
    made = appeal_of(author, ban, "I understand and will stop.")
    appeals.decide_appeal(
        second_moderator, made, AppealOutcome.CHANGED, "Seven days instead.", days=7
    )
    db.session.commit()
    assert is_suspended(author)
    assert author.suspended_until < utcnow() + timedelta(days=8)
    assert made.outcome == AppealOutcome.CHANGED


def test_reversing_a_suspension_lifts_it(author, first_moderator, second_moderator):
    services.act_on_member(first_moderator, author, "suspend", "Cooling off.", days=3)
    db.session.commit()
    suspension = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "suspend"))
    made = appeal_of(author, suspension)
    appeals.decide_appeal(second_moderator, made, AppealOutcome.REVERSED, "Lifted, sorry.")
    db.session.commit()
    assert not is_suspended(author)


def test_a_redaction_is_not_reversed_from_an_appeal(author, first_moderator, second_moderator):
    post = make_post(author=author, body="My sponsor Jane Doe said so.")
    services.act_directly(first_moderator, post, "redact", "A name.", new_text="My sponsor said.")
    db.session.commit()
    redaction = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "redact"))
    made = appeal_of(author, redaction)
    with pytest.raises(DecisionError, match="Changed"):
        appeals.decide_appeal(second_moderator, made, AppealOutcome.REVERSED, "Undo.")


def test_the_member_appeals_from_the_notice(client, auth, author, first_moderator):
    """The notice offers the appeal; after it, the notice shows the appeal's state."""
    _, action = hidden_post(author, first_moderator)
    auth.login(author)
    page = client.get("/notices/").get_data(as_text=True)
    assert "Appeal this decision" in page and f"/decisions/{action.id}/appeal" in page
    form = client.get(f"/decisions/{action.id}/appeal")
    assert form.status_code == 200 and "It reads as an attack" in form.get_data(as_text=True)
    sent = client.post(f"/decisions/{action.id}/appeal", data={"body": "It was not."})
    assert sent.status_code == 302
    page = client.get("/notices/").get_data(as_text=True)
    assert "Appeal this decision" not in page
    assert "Your appeal: waiting for a moderator" in page


def test_a_too_long_appeal_keeps_what_was_typed(client, auth, author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    auth.login(author)
    typed = "I was sharing my own story. " * 40
    response = client.post(f"/decisions/{action.id}/appeal", data={"body": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Appeals are limited to 1,000 characters." in page
    assert typed.strip() in page


def test_appealing_twice_from_the_page_says_so_kindly(client, auth, author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    auth.login(author)
    response = client.post(
        f"/decisions/{action.id}/appeal", data={"body": "Again."}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "You have already appealed this decision." in response.get_data(as_text=True)
    assert response.request.path == f"/appeals/{made.id}"


def test_a_member_cannot_open_someone_elses_appeal(client, auth, author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    auth.login(make_user("curious"))
    assert client.get(f"/appeals/{made.id}").status_code == 404
    assert client.get(f"/decisions/{action.id}/appeal").status_code == 403


def test_the_acting_moderator_sees_why_they_cannot_decide(client, auth, author, first_moderator):
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    auth.login(first_moderator)
    page = client.get(f"/mod/appeals/{made.id}").get_data(as_text=True)
    assert "You took this action, so another moderator decides the appeal." in page
    refused = client.post(
        f"/mod/appeals/{made.id}", data={"outcome": "upheld", "note": "It stands."}
    )
    assert refused.status_code == 403
    assert "another moderator decides the appeal" in refused.get_data(as_text=True)
    assert db.session.get(Appeal, made.id).decided_at is None


def test_another_moderator_restores_the_post_from_the_appeal_page(
    client, auth, author, first_moderator, second_moderator
):
    post, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    auth.login(second_moderator)
    listing = client.get("/mod/appeals").get_data(as_text=True)
    assert "Appeal of “Hide post”" in listing and "river-stone" in listing
    decided = client.post(
        f"/mod/appeals/{made.id}", data={"outcome": "reversed", "note": "Restored."}
    )
    assert decided.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(post), post.id).status == PostStatus.VISIBLE


def test_a_hidden_post_changed_on_appeal_comes_back_without_what_had_to_go(
    client, auth, author, first_moderator, second_moderator
):
    """A post hidden for a name in it: the second moderator gives it back with the name taken
    out, and the member's words are visible again. The name leaves the post's history too."""
    post = make_post(author=author, body="My sponsor Jane Doe at St Mary's told me to wait.")
    services.act_directly(first_moderator, post, "hide", "It names someone.")
    db.session.commit()
    action = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "hide"))
    made = appeal_of(author, action, "I didn't mean to name her. Can the rest stay?")
    auth.login(second_moderator)
    form = client.get(f"/mod/appeals/{made.id}").get_data(as_text=True)
    assert "give the post back with this text" in form and "Jane Doe" in form
    decided = client.post(
        f"/mod/appeals/{made.id}",
        data={
            "outcome": "changed",
            "note": "The rest is fine: it is back without her name.",
            "new_text": "My sponsor [redacted] told me to wait.",
        },
    )
    assert decided.status_code == 302
    db.session.expire_all()
    post = db.session.get(type(post), post.id)
    assert post.status == PostStatus.VISIBLE and "Jane Doe" not in post.body_html
    assert post.redacted_at is not None
    verbs = db.session.scalars(sa.select(ModAction.verb).order_by(ModAction.id)).all()
    assert verbs == ["hide", "redact", "restore", "appeal_changed"]
    auth.logout()
    auth.login(author)
    history = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "Jane Doe" not in history


def test_a_new_text_goes_only_with_a_change(author, first_moderator, second_moderator):
    """Upholding with an edited text, or changing a suspension's text, is refused: nothing moves."""
    post, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    with pytest.raises(DecisionError, match="Changed"):
        appeals.decide_appeal(
            second_moderator, made, AppealOutcome.UPHELD, "Stays.", new_text="Something else."
        )
    db.session.rollback()
    assert post.status == PostStatus.HIDDEN and made.decided_at is None
    services.act_on_member(first_moderator, author, "suspend", "Cooling off.", days=3)
    db.session.commit()
    suspension = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "suspend"))
    with pytest.raises(DecisionError, match="only gives back a post"):
        appeals.decide_appeal(
            second_moderator,
            appeal_of(author, suspension),
            AppealOutcome.CHANGED,
            "x",
            new_text="y",
        )


def test_a_suspension_appeal_offers_days_and_no_text(
    client, auth, author, first_moderator, second_moderator
):
    services.act_on_member(first_moderator, author, "suspend", "Cooling off.", days=7)
    db.session.commit()
    suspension = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "suspend"))
    made = appeal_of(author, suspension)
    auth.login(second_moderator)
    page = client.get(f"/mod/appeals/{made.id}").get_data(as_text=True)
    assert "Instead, suspend for" in page and "give the post back" not in page


def test_a_decision_without_a_note_keeps_the_choice(
    client, auth, author, first_moderator, second_moderator
):
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action)
    auth.login(second_moderator)
    response = client.post(f"/mod/appeals/{made.id}", data={"outcome": "reversed", "note": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Please write a note" in page
    assert re.search(r'<input checked[^>]*value="reversed"', page)


def test_the_transparency_page_counts_appeals_and_reversals(
    client, author, first_moderator, second_moderator
):
    """Counts by month, with no names and no words of the appeal."""
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action, "My private reasons here.")
    appeals.decide_appeal(second_moderator, made, AppealOutcome.REVERSED, "Restored.")
    _, other = hidden_post(author, first_moderator)
    appeal_of(author, other)
    db.session.commit()
    page = client.get("/transparency").get_data(as_text=True)
    assert "Appeals made: <strong>2</strong>" in page
    assert "Appeals that reversed a decision: <strong>1</strong>" in page
    for private in ("river-stone", "steady-hands", "second-look", "My private reasons"):
        assert private not in page


def test_the_export_lists_the_members_appeals_without_who_decided(
    author, first_moderator, second_moderator
):
    _, action = hidden_post(author, first_moderator)
    made = appeal_of(author, action, "Please look again.")
    appeals.decide_appeal(second_moderator, made, AppealOutcome.UPHELD, "It stands.")
    db.session.commit()
    exported = export_data(author)["appeals"]
    assert exported == [
        {
            "about": "hide",
            "body": "Please look again.",
            "made": exported[0]["made"],
            "outcome": "upheld",
            "decided": exported[0]["decided"],
            "decision_note": "It stands.",
        }
    ]
    assert "second-look" not in str(exported) and exported[0]["decided"]


def test_a_suspended_member_can_still_appeal_the_suspension(client, auth, author, first_moderator):
    """Writing is paused, but a line to the moderators stays open."""
    services.act_on_member(first_moderator, author, "suspend", "Cooling off.", days=7)
    db.session.commit()
    suspension = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "suspend"))
    auth.login(author)
    assert "Appeal this decision" in client.get("/notices/").get_data(as_text=True)
    sent = client.post(f"/decisions/{suspension.id}/appeal", data={"body": "I was upset."})
    assert sent.status_code == 302
    assert db.session.scalar(sa.select(Appeal.body)) == "I was upset."


def test_the_queue_lists_an_appeal_as_its_own_item_leading_to_the_appeal(client, auth):
    appeal = hidden_and_appealed()
    auth.login(make_user(role=Role.MODERATOR))
    queue = client.get("/mod/queue").get_data(as_text=True)
    assert f'href="/mod/appeals/{appeal.id}"' in queue and "Appeal of" in queue
    item = db.session.scalar(sa.select(ReviewItem).where(ReviewItem.appeal_id == appeal.id))
    opened = client.get(f"/mod/items/{item.id}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(f"/mod/appeals/{appeal.id}")
