"""A moderator takes a phone number out of an earlier version of a post, and it is gone."""

import json

import pytest
import sqlalchemy as sa
from flask import current_app
from werkzeug.datastructures import MultiDict

from forum.extensions import db
from forum.moderation import services
from forum.moderation.models import ModAction, Reason, TargetType
from forum.notices.models import Notice
from forum.permissions import Anonymous, Role
from forum.posts.models import PostRevision
from forum.search import queries
from forum.search.engine import engine_for
from forum.search.parse import parse
from forum.writing.checks import Draft
from forum.writing.services import write_edit
from tests.factories import make_post, make_user
from tests.moderation.helpers import item_for, report

NUMBER = "07700900461"
FIRST = f"Call me on {NUMBER} after the Tuesday meeting."
REDACTED = "Call me on [redacted] after the Tuesday meeting."
NOW = "See you all after the Tuesday meeting."
REASON = "A phone number identifies you; we took it out of the earlier version."


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


@pytest.fixture
def author(app):
    return make_user("quiet-river")


@pytest.fixture
def edited(author):
    """A reply whose first version held a phone number, edited since to leave it out."""
    post = make_post(author=author, body=FIRST)
    write_edit(author, post, Draft(NOW, post_anyway=True))
    db.session.commit()
    return post


def _version(post) -> PostRevision:
    return db.session.scalar(sa.select(PostRevision).where(PostRevision.post_id == post.id))


def _redact(client, auth, moderator, post, text=REDACTED, reason=REASON):
    revision = _version(post)
    auth.login(moderator)
    response = client.post(
        f"/mod/versions/{revision.id}/redact",
        data={f"v{revision.id}-new_text": text, f"v{revision.id}-reason": reason},
    )
    auth.logout()
    return response


def _history(client, auth, viewer, post) -> str:
    if viewer is not None:
        auth.login(viewer)
    response = client.get(f"/p/{post.id}/history")
    page = response.get_data(as_text=True) if response.status_code == 200 else ""
    if viewer is not None:
        auth.logout()
    return page


def _every_text_column_holding(word: str) -> list[str]:
    """Each table.column of the whole schema whose stored text holds `word`."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, sa.String | sa.Text | sa.JSON):
                continue
            hits = db.session.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(sa.cast(column, sa.Text).contains(word))
            ).scalar()
            if hits:
                found.append(f"{table.name}.{column.name}")
    return found


def test_the_history_page_offers_moderators_the_form_with_the_text_ready(
    client, auth, moderator, edited
):
    """A moderator opening the earlier versions finds "Redact this version", the text in it."""
    page = _history(client, auth, moderator, edited)
    assert "Redact this version" in page
    assert f"Call me on {NUMBER}" in page.split("Redact this version", 1)[1]


def test_a_moderator_redacts_a_phone_number_and_everyone_reads_only_the_redacted_text(
    client, auth, moderator, author, edited
):
    """The author, another member and a signed-out reader never see the number again."""
    assert _redact(client, auth, moderator, edited).status_code == 302
    member = make_user("passing-through")
    for viewer in (author, member, None):
        page = _history(client, auth, viewer, edited)
        assert NUMBER not in page
    author_page = _history(client, auth, author, edited)
    assert "Call me on [redacted]" in author_page
    assert "Part of this version was redacted by the moderators" in author_page
    anonymous = client.get(f"/p/{edited.id}/history")
    assert anonymous.status_code == 302 and "/signin" in anonymous.headers["Location"]


def _found(viewer, words: str) -> list[int]:
    """The posts a search shows this viewer (None: signed out), as the search page asks."""
    results = queries.search(viewer or Anonymous(), parse(MultiDict({"q": words}))).results
    return [result.post.id for result in results]


def test_a_search_for_the_number_finds_nothing(client, auth, moderator, author, edited):
    """Searching for the redacted number brings up no post, for anyone."""
    _redact(client, auth, moderator, edited)
    for viewer in (None, author, moderator):
        assert _found(viewer, NUMBER) == []
    assert f"/p/{edited.id}" not in client.get("/search", query_string={"q": NUMBER}).text


def test_the_index_lets_go_of_the_number_not_even_suggesting_it(client, auth, moderator, edited):
    """A near miss typed in the search box is never answered "did you mean" the number."""
    engine = engine_for(current_app)
    near_miss = NUMBER[:-1] + "0"
    assert NUMBER in engine.suggest(near_miss)  # the replaced version's words linger
    _redact(client, auth, moderator, edited)
    assert NUMBER not in engine.suggest(near_miss)
    assert NUMBER not in client.get("/search", query_string={"q": near_miss}).text


def test_a_search_still_finds_the_post_by_words_its_current_text_has(
    client, auth, moderator, edited
):
    """Only the removed words go: the post is still found by what it says now."""
    _redact(client, auth, moderator, edited)
    assert _found(None, "Tuesday meeting") == [edited.id]


def test_the_authors_export_holds_no_trace_of_the_number(client, auth, moderator, author, edited):
    """Downloading their data, the author finds the redacted version, never the original."""
    _redact(client, auth, moderator, edited)
    auth.login(author)
    response = client.post("/settings/export")
    assert NUMBER not in response.get_data(as_text=True)
    post = next(p for p in json.loads(response.data)["posts"] if p["id"] == edited.id)
    assert post["earlier_versions"] == [
        {
            "written": post["created"],
            "replaced": post["edited"],
            "redacted_by_the_moderators": True,
            "body": REDACTED,
        }
    ]


def test_the_log_has_the_row_and_a_notice_told_the_author_without_the_text(
    client, auth, moderator, author, edited
):
    """One logged action against the post, with the reason; the author's notice points at it."""
    _redact(client, auth, moderator, edited)
    action = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "redact_version"))
    assert (action.moderator_id, action.target_type, action.target_id) == (
        moderator.id,
        TargetType.POST,
        edited.id,
    )
    assert (action.subject_id, action.reason) == (author.id, REASON)
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == author.id))
    assert (notice.post_id, notice.action_id) == (edited.id, action.id)
    assert "earlier version of your post was redacted" in notice.title
    assert NUMBER not in notice.title + notice.body and "[redacted]" not in notice.body
    auth.login(author)
    notices = client.get("/notices/").get_data(as_text=True)
    assert "earlier version of your post was redacted" in notices and NUMBER not in notices


def test_with_the_setting_false_the_number_is_in_no_table_at_all(
    app, client, auth, moderator, edited
):
    """Keeping nothing means nothing: no column of any table still holds the number."""
    app.config["REDACTION_KEEP_ORIGINAL"] = False
    assert _every_text_column_holding(NUMBER) == [
        "post_revisions.body_source",
        "post_revisions.body_html",
    ]
    assert _redact(client, auth, moderator, edited).status_code == 302
    db.session.expire_all()
    assert _every_text_column_holding(NUMBER) == []
    assert NUMBER not in _history(client, auth, moderator, edited)


def test_with_the_setting_true_a_moderator_reads_the_original_and_a_member_does_not(
    client, auth, moderator, author, edited
):
    """The original waits for the moderators, marked as redacted; never for the author."""
    _redact(client, auth, moderator, edited)
    page = _history(client, auth, moderator, edited)
    assert NUMBER in page and "only the moderators can read this" in page
    assert "Call me on [redacted]" in page
    assert NUMBER not in _history(client, auth, author, edited)
    kept = db.session.scalars(
        sa.select(PostRevision).where(PostRevision.body_source.contains(NUMBER))
    ).all()
    assert [r.is_redaction for r in kept] == [True]


def test_a_member_cannot_post_the_redaction_form(client, auth, author, edited):
    """Not even the author: the form is the moderators', and the version stays as it was."""
    for member in (author, make_user("curious-one")):
        revision = _version(edited)
        auth.login(member)
        response = client.post(
            f"/mod/versions/{revision.id}/redact",
            data={f"v{revision.id}-new_text": REDACTED, f"v{revision.id}-reason": REASON},
        )
        assert response.status_code == 403
        auth.logout()
    assert NUMBER in _version(edited).body_source
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ModAction)) == 0


def test_a_moderator_does_not_see_the_form_on_their_own_post(client, auth, moderator):
    """Someone else decides about a moderator's own words."""
    post = make_post(author=moderator, body=FIRST)
    write_edit(moderator, post, Draft(NOW, post_anyway=True))
    db.session.commit()
    assert "Redact this version" not in _history(client, auth, moderator, post)
    assert _redact(client, auth, moderator, post).status_code == 403


def test_a_reason_is_required_and_the_form_keeps_the_text(client, auth, moderator, edited):
    """Without a reason the moderator is asked for one, their edited text still in the form."""
    response = _redact(client, auth, moderator, edited, text="Call me on [gone] then.", reason="")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please give a reason" in page and "Call me on [gone] then." in page
    db.session.expire_all()
    assert _version(edited).body_source == FIRST and _version(edited).redacted_at is None


def test_an_unchanged_text_is_refused_kindly(client, auth, moderator, edited):
    """Sending the version back as it was asks the moderator to take the words out."""
    response = _redact(client, auth, moderator, edited, text=FIRST)
    assert response.status_code == 400
    assert "Please edit the text" in response.get_data(as_text=True)


def test_redacting_the_current_text_with_the_setting_false_keeps_no_original(
    app, client, auth, moderator
):
    """The post's text redacted from the queue: with nothing kept, the number leaves no row."""
    app.config["REDACTION_KEEP_ORIGINAL"] = False
    post = make_post(body=FIRST)
    report(post, Reason.IDENTITY)
    services.decide(moderator, item_for(post), "redact", REASON, new_text=REDACTED)
    db.session.commit()
    db.session.expire_all()
    assert post.body_source == REDACTED and post.redacted_at is not None
    assert _every_text_column_holding(NUMBER) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PostRevision)) == 0
    assert NUMBER not in _history(client, auth, moderator, post)
    assert _found(None, NUMBER) == []


def test_redacting_the_current_text_with_the_setting_true_keeps_it_for_moderators(
    client, auth, moderator
):
    """As before: the original is a moderators-only version of the post."""
    post = make_post(body=FIRST)
    report(post, Reason.IDENTITY)
    services.decide(moderator, item_for(post), "redact", REASON, new_text=REDACTED)
    db.session.commit()
    kept = _version(post)
    assert (kept.body_source, kept.is_redaction) == (FIRST, True)
    assert NUMBER in _history(client, auth, moderator, post)
