"""A writing form sent again (a retry after a timeout or an error page) never makes a second
post: it lands on the post its first sending made, on every way of writing."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.services import DeleteMode, delete_account
from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.posts.models import Post, PostRevision
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from forum.writing.models import WriteToken
from forum.writing.services import write_reply
from forum.writing.tokens import AlreadyWritten, new_token
from tests.factories import PASSWORD, make_board, make_post, make_thread, make_user
from tests.recovery.helpers import days_ago, make_counter

TOKEN = re.compile(r'name="write_token" type="hidden" value="([^"]+)"')
SENT_BEFORE = "You sent this form once already"


def _token(page) -> str:
    return TOKEN.search(page.get_data(as_text=True)).group(1)


def _place(answer) -> str:
    """The thread or post an answer leads to (a thread's address may carry its title)."""
    return re.match(r"/[tp]/\d+", answer.headers["Location"]).group()


def _stored(body: str) -> list[Post]:
    return list(db.session.scalars(sa.select(Post).where(Post.body_source == body)))


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _new_thread_form(member) -> tuple[str, dict]:
    make_board("Stories", "stories")
    return "/b/stories/new", {"title": "A hard evening"}


def _reply_form(member) -> tuple[str, dict]:
    return f"/t/{make_thread().id}/reply", {}


def _milestone_form(member) -> tuple[str, dict]:
    make_board("Milestones", "milestones")
    counter = make_counter(member, days_ago(29))
    return f"/me/counters/{counter.id}/milestones/30/share", {"title": "30 days"}


NEW_WRITING = pytest.mark.parametrize(
    "open_form",
    [_new_thread_form, _reply_form, _milestone_form],
    ids=["new thread", "reply", "milestone share"],
)


@NEW_WRITING
def test_the_same_form_sent_twice_is_one_post_and_both_land_on_it(client, auth, open_form):
    """A member whose first sending seemed to fail and who sends the form again finds their
    post once, and is taken to it both times."""
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    form = {
        **fields,
        "body": "Made it through the weekend.",
        "write_token": _token(client.get(url)),
    }
    first = client.post(url, data=form)
    again = client.post(url, data=form)
    assert first.status_code == again.status_code == 302
    assert _place(again) == _place(first)
    assert len(_stored(form["body"])) == 1


def test_a_reply_sent_again_after_words_of_risk_asks_no_second_check_in(client, auth):
    """Sending the same worried reply twice keeps one post and one care report, and the
    second answer is the post itself."""
    member = make_user()
    url, _ = _reply_form(member)
    auth.login(member)
    form = {"body": "Some nights I just want to die.", "write_token": _token(client.get(url))}
    first = client.post(url, data=form)
    again = client.post(url, data=form)
    [post] = _stored(form["body"])
    assert first.headers["Location"] == f"/help?after={post.id}"
    assert again.headers["Location"] == f"/p/{post.id}"
    reports = db.session.scalars(
        sa.select(Report).where(Report.post_id == post.id, Report.reason == Reason.AT_RISK)
    ).all()
    assert len(reports) == 1
    assert "sent before, and it is saved" in client.get(
        again.headers["Location"], follow_redirects=True
    ).get_data(as_text=True)


def test_an_edit_sent_again_saves_one_new_version(client, auth):
    """Saving the same edit twice leaves one earlier version in the history, not two."""
    member = make_user()
    post = make_post(author=member)
    auth.login(member)
    url = f"/p/{post.id}/edit"
    form = {"body": "You are not alone in this, not ever.", "write_token": _token(client.get(url))}
    first = client.post(url, data=form)
    again = client.post(url, data=form)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"] == f"/p/{post.id}"
    assert _count(PostRevision) == 1


@NEW_WRITING
def test_a_form_that_was_refused_keeps_its_token_and_its_fix_posts_once(client, auth, open_form):
    """A form sent back with an error keeps its token: the corrected form posts once, however
    often it is sent."""
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    token = _token(client.get(url))
    refused = client.post(url, data={**fields, "body": "", "write_token": token})
    assert refused.status_code == 400
    assert _token(refused) == token
    form = {**fields, "body": "Better today than yesterday.", "write_token": token}
    assert client.post(url, data=form).status_code == 302
    assert client.post(url, data=form).status_code == 302
    assert len(_stored(form["body"])) == 1


def test_a_form_held_for_its_identity_question_keeps_its_token(client, auth):
    """A reply stopped by "This may identify you" keeps its token, so "Post it anyway" sent
    twice makes one post."""
    member = make_user()
    url, _ = _reply_form(member)
    auth.login(member)
    token = _token(client.get(url))
    form = {"body": "Call me on 0612 345 678 9", "write_token": token}
    asked = client.post(url, data=form)
    assert asked.status_code == 200 and _token(asked) == token
    form["post_anyway"] = "y"
    first, again = client.post(url, data=form), client.post(url, data=form)
    assert again.headers["Location"] == first.headers["Location"]
    assert len(_stored(form["body"])) == 1


def test_another_members_token_never_leads_to_their_post(client, auth):
    """A token that another member's form carried writes the sender's own reply: it never
    redirects to, or shows, the other member's post."""
    thread = make_thread()
    first, second = make_user(), make_user()
    token = new_token()
    theirs = write_reply(first, thread, Draft("Mine, and private to me.", token=token)).post
    db.session.commit()
    auth.login(second)
    answer = client.post(f"/t/{thread.id}/reply", data={"body": "Hello.", "write_token": token})
    assert answer.status_code == 302
    [mine] = _stored("Hello.")
    assert answer.headers["Location"] == f"/p/{mine.id}" != f"/p/{theirs.id}"
    assert mine.author_id == second.id


def test_a_token_sent_to_another_thread_keeps_the_words_and_asks_again(client, auth):
    """A form whose token already made a reply elsewhere is not a retry: the page keeps what
    was typed, links the member's own earlier reply, and the next press posts it."""
    member = make_user()
    one, other = make_thread(), make_thread()
    auth.login(member)
    token = _token(client.get(f"/t/{one.id}/reply"))
    client.post(f"/t/{one.id}/reply", data={"body": "First one.", "write_token": token})
    [earlier] = _stored("First one.")
    url = f"/t/{other.id}/reply"
    asked = client.post(url, data={"body": "Second one.", "write_token": token})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert SENT_BEFORE in page and "Second one." in page and f'href="/p/{earlier.id}"' in page
    fresh = _token(asked)
    assert fresh != token
    posted = client.post(url, data={"body": "Second one.", "write_token": fresh})
    [reply] = _stored("Second one.")
    assert posted.headers["Location"] == f"/p/{reply.id}" and reply.thread_id == other.id


def test_the_same_token_with_other_words_is_a_new_reply_once_confirmed(client, auth):
    """A member who goes back and writes something else in the same form is asked once, and
    nothing they typed is lost or posted twice."""
    member = make_user()
    thread = make_thread()
    auth.login(member)
    url = f"/t/{thread.id}/reply"
    token = _token(client.get(url))
    client.post(url, data={"body": "One thing.", "write_token": token})
    asked = client.post(url, data={"body": "Another thing.", "write_token": token})
    assert SENT_BEFORE in asked.get_data(as_text=True)
    assert _stored("Another thing.") == []
    client.post(url, data={"body": "Another thing.", "write_token": _token(asked)})
    assert len(_stored("One thing.")) == len(_stored("Another thing.")) == 1


def test_a_member_writing_prunes_their_tokens_older_than_a_week(app):
    """Tokens are kept a week: the member's next write takes their older ones away."""
    member = make_user()
    thread = make_thread()
    old = write_reply(member, thread, Draft("Last month.", token=new_token())).post
    db.session.commit()
    db.session.execute(sa.update(WriteToken).values(created_at=utcnow() - timedelta(days=8)))
    db.session.commit()
    write_reply(member, thread, Draft("Today.", token=new_token()))
    db.session.commit()
    kept = db.session.scalars(sa.select(WriteToken.post_id)).all()
    assert old.id not in kept and len(kept) == 1


def test_the_service_answers_a_second_sending_with_the_first_post(app):
    """Called twice with the same draft, the write rule stores one reply and names it."""
    member = make_user()
    thread = make_thread()
    draft = Draft("Once only.", token=new_token())
    first = write_reply(member, thread, draft).post
    db.session.commit()
    with pytest.raises(AlreadyWritten) as again:
        write_reply(member, thread, draft)
    assert again.value.written.id == first.id
    assert len(_stored("Once only.")) == 1


def test_leaving_the_forum_takes_the_members_tokens(app):
    """A member who leaves and keeps their posts under no name leaves no token that ties the
    posts back to them."""
    member = make_user()
    write_reply(member, make_thread(), Draft("Goodbye for now.", token=new_token()))
    db.session.commit()
    delete_account(member, PASSWORD, DeleteMode.DETACH)
    db.session.commit()
    assert _count(WriteToken) == 0
