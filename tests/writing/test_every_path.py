"""The one write rule on every path: a new thread, a reply, an edit and a milestone share
meet the same care check, the same identity question and the same content note."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.moderation.watched.models import WatchAction
from forum.moderation.watched.services import add_rule
from forum.permissions import Role
from forum.posts.models import Post, PostRevision
from forum.recovery.services import share_milestone
from forum.writing.checks import Draft, SecondLookNeeded
from forum.writing.services import write_edit, write_reply, write_thread
from tests.factories import make_board, make_post, make_thread, make_user
from tests.recovery.helpers import days_ago, make_counter

RISKY = "Some nights I just want to die."
PHONE = "Call me on 0612 345 678 9"
NOTED = "The night I slipped, and the morning after."
WARNING = "This may identify you or someone else"


def _stored(body: str) -> list[Post]:
    return list(db.session.scalars(sa.select(Post).where(Post.body_source == body)))


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _care_reports() -> list[Report]:
    return list(
        db.session.scalars(
            sa.select(Report).where(Report.reporter_id.is_(None), Report.reason == Reason.AT_RISK)
        )
    )


# Each path, as a member meets it in the browser: where the form posts, and what else it holds.


def _new_thread_form(member) -> tuple[str, dict]:
    make_board("Stories", "stories")
    return "/b/stories/new", {"title": "A hard evening"}


def _reply_form(member) -> tuple[str, dict]:
    return f"/t/{make_thread().id}/reply", {}


def _edit_form(member) -> tuple[str, dict]:
    return f"/p/{make_post(author=member).id}/edit", {}


def _milestone_form(member) -> tuple[str, dict]:
    make_board("Milestones", "milestones")
    counter = make_counter(member, days_ago(29))
    return f"/me/counters/{counter.id}/milestones/30/share", {"title": "30 days"}


FORMS = pytest.mark.parametrize(
    "open_form",
    [_new_thread_form, _reply_form, _edit_form, _milestone_form],
    ids=["new thread", "reply", "edit", "milestone share"],
)


@FORMS
def test_words_of_risk_raise_one_care_report_and_lead_to_help(client, auth, open_form):
    """Whichever way a member writes "I want to die", it is saved, Hearth asks a moderator to
    check in once, and the member is shown the help page."""
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    before = len(_care_reports())
    response = client.post(url, data={**fields, "body": RISKY})
    assert response.status_code == 302
    [post] = _stored(RISKY)
    assert response.headers["Location"] == f"/help?after={post.id}"
    reports = _care_reports()
    assert len(reports) == before + 1
    assert [r.post_id for r in reports].count(post.id) == 1


@FORMS
def test_a_phone_number_asks_first_keeps_the_text_then_posts_anyway(client, auth, open_form):
    """Whichever way a member writes a phone number, nothing is saved until they choose
    "Post it anyway", and what they typed stays in the form."""
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    posts, revisions = _count(Post), _count(PostRevision)
    response = client.post(url, data={**fields, "body": PHONE})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert WARNING in page and PHONE in page and "Post it anyway" in page
    assert _stored(PHONE) == []
    assert (_count(Post), _count(PostRevision)) == (posts, revisions)
    response = client.post(url, data={**fields, "body": PHONE, "post_anyway": "y"})
    assert response.status_code == 302
    assert len(_stored(PHONE)) == 1


@FORMS
def test_a_content_note_is_kept_on_the_post(client, auth, open_form):
    """Whichever way a member writes, the content note they chose goes before their words."""
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    response = client.post(url, data={**fields, "body": NOTED, "content_note": "relapse"})
    assert response.status_code == 302
    [post] = _stored(NOTED)
    assert post.content_note == "relapse"


# The same paths one level down: the services the views call.


def _new_thread_writer(member):
    board = make_board()
    return lambda draft: write_thread(member, board, draft)


def _reply_writer(member):
    thread = make_thread()
    return lambda draft: write_reply(member, thread, draft)


def _edit_writer(member):
    post = make_post(author=member)
    return lambda draft: write_edit(member, post, draft)


def _milestone_writer(member):
    make_board("Milestones", "milestones")
    counter = make_counter(member, days_ago(29))
    return lambda draft: share_milestone(member, counter, 30, draft)


WRITERS = pytest.mark.parametrize(
    "writer_for",
    [_new_thread_writer, _reply_writer, _edit_writer, _milestone_writer],
    ids=["write_thread", "write_reply", "write_edit", "share_milestone"],
)


def _draft(body: str, **fields) -> Draft:
    return Draft(body, title="A hard evening", **fields)


@WRITERS
def test_every_service_raises_one_care_report_for_words_of_risk(app, writer_for):
    """Each service saves the words of risk and asks a moderator, once, to check in."""
    write = writer_for(make_user())
    before = len(_care_reports())
    written = write(_draft(RISKY))
    db.session.commit()
    assert written.at_risk
    [post] = _stored(RISKY)
    assert post.id == written.post.id
    reports = _care_reports()
    assert len(reports) == before + 1
    assert [r.post_id for r in reports].count(post.id) == 1


@WRITERS
def test_every_service_stores_nothing_that_may_identify_until_asked_to(app, writer_for):
    """Each service refuses a phone number before storing anything, then stores it anyway."""
    write = writer_for(make_user())
    posts, revisions = _count(Post), _count(PostRevision)
    with pytest.raises(SecondLookNeeded) as look:
        write(_draft(PHONE))
    assert look.value.hints == ["a phone number"]
    # Even a caller that commits after the question finds nothing stored.
    db.session.commit()
    assert _stored(PHONE) == []
    assert (_count(Post), _count(PostRevision)) == (posts, revisions)
    written = write(_draft(PHONE, post_anyway=True))
    db.session.commit()
    assert [p.id for p in _stored(PHONE)] == [written.post.id]


@WRITERS
def test_every_service_keeps_the_content_note(app, writer_for):
    """Each service puts the chosen content note on the post it stores."""
    write = writer_for(make_user())
    written = write(_draft(NOTED, content_note="relapse"))
    db.session.commit()
    [post] = _stored(NOTED)
    assert post.id == written.post.id and post.content_note == "relapse"


# The moderators' watched words, on every path.


def _watch(words: str, action: str, detail: str = "") -> None:
    add_rule(make_user(role=Role.MODERATOR), words, WatchAction(action), detail)
    db.session.commit()


@FORMS
def test_a_blocked_word_brings_the_form_back_with_the_text_kept(client, auth, open_form):
    """Every form answers a blocked word kindly, keeps what was typed and stores nothing."""
    _watch("bluepills", "block")
    member = make_user()
    url, fields = open_form(member)
    auth.login(member)
    posts, revisions = _count(Post), _count(PostRevision)
    typed = "Where do I find bluepills around here?"
    response = client.post(url, data={**fields, "body": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "asked that “bluepills” not be posted here" in page
    assert "Where do I find bluepills around here?" in page
    assert (_count(Post), _count(PostRevision)) == (posts, revisions)


@WRITERS
def test_every_service_stores_the_replacement_words(app, writer_for):
    """A replace rule changes the words in the text each service stores (and the title)."""
    _watch("percs", "replace", "[a drug]")
    write = writer_for(make_user())
    written = write(Draft("I used to buy Percs  every day.", title="Percs and me"))
    db.session.commit()
    assert written.post.body_source == "I used to buy [a drug]  every day."
    if written.post.is_opening:
        assert written.post.thread.title == "[a drug] and me"
