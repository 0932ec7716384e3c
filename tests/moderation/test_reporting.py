"""Members report posts: a fixed list of reasons, one open report each, limits against misuse."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import ModAction, Reason, Report, ReportState
from forum.moderation.rules import POST_REASONS, REASON_LABELS
from forum.notices.models import Notice
from forum.posts.models import PostStatus
from tests.factories import make_post, make_user
from tests.moderation.helpers import item_for, report


def test_the_report_page_lists_every_reason_and_the_post(client, auth):
    post = make_post(body="Something worrying")
    auth.login(make_user())
    page = client.get(f"/p/{post.id}/report").get_data(as_text=True)
    for reason in POST_REASONS:
        assert REASON_LABELS[reason].replace("'", "&#39;") in page
    assert "Something worrying" in page
    assert "care report, not an accusation" in page


@pytest.mark.parametrize("reason", POST_REASONS)
def test_a_member_reports_a_post_for_each_reason(client, auth, reason):
    post = make_post()
    auth.login(make_user("watchful"))
    response = client.post(
        f"/p/{post.id}/report", data={"reason": reason.value, "note": "please look"}
    )
    assert response.status_code == 302
    stored = db.session.scalar(sa.select(Report))
    assert (stored.reason, stored.note, stored.state) == (reason, "please look", ReportState.OPEN)
    item = item_for(post)
    assert item.has_care == (reason == Reason.AT_RISK)
    assert item.reporter_count == 1


def test_every_post_but_ones_own_has_a_report_button(client, auth):
    me = make_user()
    mine = make_post(author=me, body="my own words")
    theirs = make_post(thread=mine.thread, body="their words")
    auth.login(me)
    page = client.get(f"/t/{mine.thread_id}").get_data(as_text=True)
    assert f'href="/p/{theirs.id}/report"' in page
    assert f'href="/p/{mine.id}/report"' not in page
    assert client.get(f"/p/{mine.id}/report").status_code == 403


def test_visitors_see_no_report_button_and_are_sent_to_sign_in(client):
    post = make_post()
    assert "/report" not in client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert client.get(f"/p/{post.id}/report").status_code == 302


def test_a_second_report_of_the_same_post_says_so_and_changes_nothing(client, auth):
    post = make_post()
    auth.login(make_user())
    client.post(f"/p/{post.id}/report", data={"reason": "spam"})
    response = client.post(
        f"/p/{post.id}/report", data={"reason": "harassment"}, follow_redirects=True
    )
    assert "already reported this post" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 1


def test_a_report_without_a_reason_or_with_a_long_note_keeps_what_was_typed(client, auth):
    post = make_post()
    auth.login(make_user())
    response = client.post(f"/p/{post.id}/report", data={"note": "worrying words"})
    assert response.status_code == 400
    assert "Please choose a reason." in response.get_data(as_text=True)
    assert "worrying words" in response.get_data(as_text=True)
    response = client.post(f"/p/{post.id}/report", data={"reason": "spam", "note": "n" * 501})
    assert response.status_code == 400
    assert "limited to 500 characters" in response.get_data(as_text=True)


def test_a_care_report_about_the_same_person_only_once_a_day(client, auth):
    author = make_user()
    first, second = make_post(author=author), make_post(author=author)
    auth.login(make_user())
    assert client.post(f"/p/{first.id}/report", data={"reason": "at_risk"}).status_code == 302
    response = client.post(f"/p/{second.id}/report", data={"reason": "at_risk"})
    assert response.status_code == 429
    assert "already raised a care report about this member today" in response.get_data(as_text=True)
    # Other reasons about that person still go through.
    assert client.post(f"/p/{second.id}/report", data={"reason": "spam"}).status_code == 302


def test_the_author_never_learns_who_reported(client, auth):
    author = make_user("the-author")
    post = make_post(author=author)
    for name in ("first-reporter", "second-reporter", "third-reporter"):
        report(post, reporter=make_user(name))
    auth.login(author)
    pages = [
        client.get(path).get_data(as_text=True)
        for path in ("/notices/", f"/t/{post.thread_id}", f"/p/{post.id}/history")
    ]
    for page in pages:
        assert "reporter" not in page


def test_my_reports_shows_the_state_of_each(client, auth):
    member = make_user()
    post = make_post()
    report(post, Reason.SPAM, reporter=member)
    auth.login(member)
    page = client.get("/reports/mine").get_data(as_text=True)
    assert "Spam" in page and "Waiting for a moderator" in page


def test_three_members_reports_hide_a_post_until_a_moderator_decides(client, auth):
    author = make_user()
    post = make_post(author=author, body="hurtful words")
    for _ in range(3):
        report(post)
    db.session.refresh(post)
    assert post.status == PostStatus.HIDDEN
    item = item_for(post)
    assert item.auto_hidden and item.reporter_count == 3
    action = db.session.scalar(sa.select(ModAction))
    assert (action.verb, action.moderator_id, action.target_id) == ("auto_hide", None, post.id)
    assert db.session.scalar(sa.select(Notice).where(Notice.user_id == author.id)) is not None
    assert "hurtful words" not in client.get(f"/t/{post.thread_id}").get_data(as_text=True)


def test_auto_hide_threshold_is_configurable(app):
    app.config["AUTO_HIDE_REPORTS"] = 2
    post = make_post()
    report(post)
    report(post)
    db.session.refresh(post)
    assert post.status == PostStatus.HIDDEN
