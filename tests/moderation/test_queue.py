"""The queue: care first, then most reporters, then oldest; claims; one decision wins a race."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.moderation import queries, services
from forum.moderation.models import ItemState, ModAction, Reason, ReviewItem
from forum.permissions import Role
from forum.timeutil import utcnow
from tests.factories import make_board, make_post, make_thread, make_user
from tests.moderation.helpers import item_for, report


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


def test_care_reports_come_first_then_most_reporters_then_oldest(app):
    app.config["AUTO_HIDE_REPORTS"] = 0
    oldest_single = make_post(body="oldest, one report")
    newer_single = make_post(body="newer, one report")
    popular = make_post(body="two reporters")
    care = make_post(body="someone at risk")
    report(oldest_single)
    report(newer_single)
    report(popular)
    report(popular)
    report(care, Reason.AT_RISK)
    item_for(oldest_single).created_at = utcnow() - timedelta(hours=5)
    db.session.commit()
    order = [i.post_id for i in queries.queue().items]
    assert order == [care.id, popular.id, oldest_single.id, newer_single.id]


def test_the_queue_page_groups_reports_and_shows_context(client, auth, moderator):
    author = make_user("the-author")
    thread = make_thread(title="Rough night")
    make_post(thread=thread, author=make_user("before-me"), body="the post before")
    post = make_post(thread=thread, author=author, body="the reported words")
    report(post, Reason.SPAM, note="selling stuff")
    report(post, Reason.HARASSMENT)
    auth.login(moderator)
    page = client.get("/mod/queue").get_data(as_text=True)
    assert "1 open item" in page and "the oldest arrived" in page
    assert "2 reports" in page and "Rough night" in page and "the-author" in page
    assert "selling stuff" in page and "Spam" in page and "Harassment or hate" in page
    assert "the post before" in page and "the reported words" in page


def test_the_queue_counts_each_reason_once_with_care_first(client, auth, moderator):
    """Three people reporting the same thing read as one line with a count, care on top."""
    post = make_post(body="words many people flagged")
    for _ in range(2):
        report(post, Reason.SPAM)
    report(post, Reason.AT_RISK)
    auth.login(moderator)
    page = client.get("/mod/queue").get_data(as_text=True)
    reasons = page[page.index('class="report-reasons"') :]
    reasons = reasons[: reasons.index("</ul>")]
    assert reasons.count("<li>") == 2
    assert reasons.index("Someone may be at risk") < reasons.index("Spam")
    assert "×2" in reasons


def test_the_queue_filters_by_reason_board_and_state(client, auth, moderator):
    stories = make_board("Stories", "stories")
    a = make_post(thread=make_thread(board=stories), body="in stories")
    b = make_post(body="elsewhere")
    report(a, Reason.SPAM)
    report(b, Reason.HARASSMENT)
    auth.login(moderator)
    assert "in stories" in client.get("/mod/queue?reason=spam").get_data(as_text=True)
    assert "elsewhere" not in client.get("/mod/queue?reason=spam").get_data(as_text=True)
    assert "elsewhere" not in client.get("/mod/queue?board=stories").get_data(as_text=True)
    assert "in stories" not in client.get("/mod/queue?state=resolved").get_data(as_text=True)


def test_a_moderator_claims_an_item_and_others_see_who_holds_it(client, auth, moderator):
    post = make_post()
    report(post)
    item = item_for(post)
    auth.login(moderator)
    assert client.post(f"/mod/items/{item.id}/claim").status_code == 302
    auth.logout()
    auth.login(make_user("other-mod", role=Role.MODERATOR))
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "Held by steady-hands" in page
    response = client.post(
        f"/mod/items/{item.id}/decide", data={"verb": "hide", "reason": "hurtful"}
    )
    assert response.status_code == 409
    assert "Already claimed by steady-hands" in response.get_data(as_text=True)


def test_a_claim_lapses_after_thirty_minutes(moderator):
    post = make_post()
    report(post)
    item = item_for(post)
    services.claim(moderator, item)
    db.session.commit()
    other = make_user(role=Role.MODERATOR)
    with pytest.raises(Conflict):
        services.claim(other, item)
    db.session.rollback()
    item.claimed_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    services.claim(other, item)
    db.session.commit()
    assert item.claimed_by_id == other.id


def test_two_moderators_deciding_at_once_exactly_one_wins(app, moderator):
    """The database decides: of two simultaneous decisions one takes effect, the other is told."""
    post = make_post()
    report(post)
    item_id = item_for(post).id
    other = make_user("other-mod", role=Role.MODERATOR)
    ids = {"hide": moderator.id, "no_action": other.id}
    ready = threading.Barrier(2, timeout=10)
    outcomes = {}

    def decide_as(verb):
        with app.app_context():
            item = db.session.get(ReviewItem, item_id)
            who = db.session.get(User, ids[verb])
            assert item.post is not None  # loaded while both still see the item open
            ready.wait()
            try:
                services.decide(who, item, verb, "because")
                db.session.commit()
                outcomes[verb] = "won"
            except Conflict as conflict:
                db.session.rollback()
                outcomes[verb] = conflict.message
            finally:
                db.session.remove()

    threads = [threading.Thread(target=decide_as, args=(verb,)) for verb in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["hide", "no_action"]
    winners = [verb for verb, outcome in outcomes.items() if outcome == "won"]
    assert len(winners) == 1
    loser = "no_action" if winners == ["hide"] else "hide"
    winner_name = "steady-hands" if winners == ["hide"] else "other-mod"
    assert outcomes[loser] == f"Already handled by {winner_name}."
    db.session.expire_all()
    verbs = db.session.scalars(
        sa.select(ModAction.verb).where(ModAction.target_id == post.id)
    ).all()
    assert verbs == winners


def test_a_moderator_cannot_act_on_reports_about_their_own_posts(client, auth, moderator):
    post = make_post(author=moderator)
    report(post)
    item = item_for(post)
    with pytest.raises(NotAllowed):
        services.decide(moderator, item, "no_action", "")
    db.session.rollback()
    auth.login(moderator)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "another moderator or an admin has to decide" in page
    admin = make_user(role=Role.ADMIN)
    services.decide(admin, item, "no_action", "")
    db.session.commit()
    assert item.state == ItemState.RESOLVED


def test_an_item_shows_the_authors_history_and_notes(client, auth, moderator):
    author = make_user("repeat-author")
    old = make_post(author=author)
    report(old)
    services.decide(moderator, item_for(old), "hide", "first time")
    services.add_member_note(moderator, author, "Has had a hard month; go gently.")
    db.session.commit()
    post = make_post(author=author)
    report(post)
    auth.login(make_user(role=Role.MODERATOR))
    page = client.get(f"/mod/items/{item_for(post).id}").get_data(as_text=True)
    assert "first time" in page
    assert "Has had a hard month; go gently." in page


def test_notes_on_members_are_for_moderators_only(client, auth, moderator):
    member = make_user("noted-member")
    auth.login(moderator)
    client.post(f"/mod/members/{member.id}/notes", data={"body": "private note text"})
    assert "private note text" in client.get(f"/mod/members/{member.id}").get_data(as_text=True)
    auth.logout()
    auth.login(member)
    for path in ("/notices/", "/u/noted-member", "/settings"):
        assert "private note text" not in client.get(path).get_data(as_text=True)
