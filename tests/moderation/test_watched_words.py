"""Watched words: the moderators keep a list of words with what happens when a member writes
one (block, hold, flag, replace, a resource card, a content note, the care check), change it
without a deploy, try a text against it, and move it in and out as CSV."""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.conversations.models import Message
from forum.conversations.store import create_conversation
from forum.extensions import db
from forum.moderation.models import ItemKind, ModAction, Reason, Report, TargetType
from forum.moderation.watched.models import WatchAction, WatchedWord
from forum.moderation.watched.rules import watch
from forum.moderation.watched.services import add_rule
from forum.permissions import Role
from forum.posts.models import Post, PostStatus
from forum.timeutil import utcnow
from tests.conftest import RequestIsolatingClient, settings_for
from tests.factories import make_board, make_post, make_thread, make_user
from tests.moderation.helpers import item_for


@pytest.fixture
def moderator(app):
    return make_user("steward", role=Role.MODERATOR)


def _watch(moderator, words: str, action: str, detail: str = "") -> WatchedWord:
    rule = add_rule(moderator, words, WatchAction(action), detail)
    db.session.commit()
    return rule


def _reply(client, auth, body: str, member=None, thread=None):
    thread = thread or make_thread()
    auth.login(member or make_user())
    response = client.post(f"/t/{thread.id}/reply", data={"body": body})
    return response, thread


def _latest_post() -> Post:
    return db.session.scalar(sa.select(Post).order_by(Post.id.desc()))


# --- the actions, as a member meets them --------------------------------------------------------


def test_a_blocked_word_is_refused_kindly_and_the_text_is_kept(client, auth, moderator):
    _watch(moderator, "plug", "block")
    thread = make_thread()
    posts = db.session.scalar(sa.select(sa.func.count()).select_from(Post))
    response, _ = _reply(client, auth, "Anyone know a plug near the station?", thread=thread)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "asked that “plug” not be posted here" in page
    assert "Anyone know a plug near the station?" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == posts


def test_a_blocked_word_is_found_whole_and_in_any_case_or_spacing(app, moderator):
    _watch(moderator, "dark web", "block")
    _watch(moderator, "oxy*", "block")
    assert watch("On the DARK\n  web, you mean?").blocked == ["dark web"]
    assert watch("Oxycodone was my drug.").blocked == ["oxycodone"]
    # Whole words only: a word that merely contains a rule is left alone.
    assert watch("The darkweb-less days; proxy settings; boxy coats.").blocked == []


def test_a_held_word_makes_the_post_wait_and_tells_the_moderators_why(client, auth, moderator):
    _watch(moderator, "meet up", "hold")
    response, thread = _reply(client, auth, "Want to meet up after the meeting?")
    assert response.status_code == 302
    post = _latest_post()
    assert post.status == PostStatus.PENDING
    item = item_for(post)
    assert item.kind == ItemKind.PENDING
    [note] = db.session.scalars(sa.select(Report.note).where(Report.item_id == item.id))
    assert "Held for approval" in note and "“meet up”" in note
    auth.logout()
    assert "meet up after" not in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_a_flagged_word_keeps_the_post_up_and_puts_it_in_the_queue(client, auth, moderator):
    _watch(moderator, "pressed", "flag")
    _reply(client, auth, "Those pressed ones are the worst.")
    post = _latest_post()
    assert post.status == PostStatus.VISIBLE
    item = item_for(post)
    assert item.kind == ItemKind.REPORTED and not item.auto_hidden
    [report] = db.session.scalars(sa.select(Report).where(Report.item_id == item.id))
    assert report.reporter_id is None and report.reason == Reason.OTHER
    assert "“pressed”" in report.note


def test_a_replaced_word_is_stored_replaced(client, auth, moderator):
    _watch(moderator, "percs", "replace", "[a pill]")
    _reply(client, auth, "I was on Percs for years.")
    assert _latest_post().body_source == "I was on [a pill] for years."


def test_a_resource_card_shows_under_the_post_and_follows_the_moderators_edits(
    client, auth, moderator
):
    _watch(moderator, "fentanyl", "resource", "**Test strips** save lives: ask at /help.")
    _, thread = _reply(client, auth, "My cousin died from fentanyl last spring.")
    auth.logout()
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert 'class="resource-card"' in page and "<strong>Test strips</strong>" in page
    # The post points at the card: changing it changes every post that shows it.
    _watch(moderator, "fentanyl", "resource", "Naloxone reverses an overdose.")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Naloxone reverses an overdose." in page and "Test strips" not in page
    rule = db.session.scalar(sa.select(WatchedWord).where(WatchedWord.words == "fentanyl"))
    auth.login(moderator)
    client.post(f"/mod/watched/{rule.id}/remove")
    auth.logout()
    assert 'class="resource-card"' not in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_a_watched_word_adds_a_content_note_unless_the_author_chose_one(client, auth, moderator):
    _watch(moderator, "relapsed", "note", "relapse")
    _reply(client, auth, "I relapsed on Saturday.")
    assert _latest_post().content_note == "relapse"
    thread = make_thread()
    auth.logout()
    auth.login(make_user())
    client.post(
        f"/t/{thread.id}/reply", data={"body": "I relapsed again.", "content_note": "grief"}
    )
    assert _latest_post().content_note == "grief"


def test_the_shipped_care_phrases_are_the_care_list_and_can_be_switched_off(
    client, auth, moderator
):
    assert watch("Some nights I want to die.").care == ["want to die"]
    auth.login(moderator)
    page = client.get("/mod/watched").get_data(as_text=True)
    assert "want to die" in page and "shipped with Hearth" in page
    client.post("/mod/watched/shipped", data={"phrase": "want to die"})
    assert watch("Some nights I want to die.").care == []
    client.post("/mod/watched", data={"words": "rock bottom", "action": "care"})
    assert watch("I hit rock bottom.").care == ["rock bottom"]
    # Back on: added again with the care action.
    client.post("/mod/watched", data={"words": "want to die", "action": "care"})
    assert watch("Some nights I want to die.").care == ["want to die"]


def test_the_moderators_own_writing_is_never_blocked(client, auth, moderator):
    _watch(moderator, "plug", "block")
    response, _ = _reply(
        client, auth, "Please don't ask for a plug here: it puts people at risk.", moderator
    )
    assert response.status_code == 302


def test_a_blocked_word_in_a_private_message_is_refused_and_kept(client, auth, moderator):
    _watch(moderator, "plug", "block")
    long_ago = utcnow() - timedelta(days=400)
    sender, friend = make_user("sender"), make_user("friend", created_at=long_ago)
    make_post(author=friend)  # past the newcomer shield, so that only the word stops it
    conversation = create_conversation(sender, [friend])
    db.session.commit()
    auth.login(sender)
    response = client.post(f"/messages/{conversation.id}/send", data={"body": "Got a plug?"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "asked that “plug” not be posted here" in page and "Got a plug?" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Message)) == 0


# --- the moderators' page ------------------------------------------------------------------------


def test_each_change_is_logged(client, auth, moderator):
    auth.login(moderator)
    client.post("/mod/watched", data={"words": "Plug", "action": "block"})
    rule = db.session.scalar(sa.select(WatchedWord).where(WatchedWord.words == "plug"))
    client.post("/mod/watched", data={"words": "plug", "action": "block"})
    client.post(f"/mod/watched/{rule.id}/remove")
    verbs = list(
        db.session.scalars(
            sa.select(ModAction.verb)
            .where(ModAction.target_type == TargetType.WATCHED_WORD)
            .order_by(ModAction.id)
        )
    )
    assert verbs == ["watch_add", "watch_change", "watch_remove"]
    assert "Watched word removed" in client.get("/mod/log").get_data(as_text=True)


def test_a_rule_that_is_not_one_comes_back_with_what_was_typed(client, auth, moderator):
    auth.login(moderator)
    response = client.post("/mod/watched", data={"words": "*", "action": "block"})
    assert response.status_code == 400
    assert "at least one letter" in response.get_data(as_text=True)
    response = client.post("/mod/watched", data={"words": "blues", "action": "replace"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "what the words are replaced with" in page and 'value="blues"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WatchedWord)) == 0


def test_the_test_box_shows_what_a_text_would_trigger_and_stores_nothing(client, auth, moderator):
    _watch(moderator, "plug", "block")
    _watch(moderator, "percs", "replace", "[a pill]")
    auth.login(moderator)
    posts = db.session.scalar(sa.select(sa.func.count()).select_from(Post))
    logged = db.session.scalar(sa.select(sa.func.count()).select_from(ModAction))
    page = client.post(
        "/mod/watched/try", data={"sample": "A plug sold me percs and I want to die."}
    ).get_data(as_text=True)
    assert "Blocked: plug." in page
    assert "Replaced: percs." in page and "A plug sold me [a pill] and I want to die." in page
    assert "Care check: want to die." in page
    nothing = client.post("/mod/watched/try", data={"sample": "Day 30 today."})
    assert "Nothing would happen" in nothing.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == posts
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ModAction)) == logged


def test_the_list_goes_out_and_comes_back_as_csv(client, auth, moderator):
    _watch(moderator, "plug", "block")
    _watch(moderator, "percs", "replace", "-[a pill]")
    auth.login(moderator)
    exported = client.get("/mod/watched/export.csv")
    assert exported.mimetype == "text/csv"
    text = exported.get_data(as_text=True)
    assert text.splitlines()[0] == "words,action,detail"
    assert "plug,block," in text and "want to die,care," in text
    # A cell a spreadsheet would run as a formula is quoted away, and comes back whole.
    assert "percs,replace,'-[a pill]" in text
    db.session.execute(sa.delete(WatchedWord))
    db.session.commit()
    response = client.post(
        "/mod/watched/import",
        data={"file": (io.BytesIO(text.encode()), "watched-words.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    rules = {
        (r.words, r.action.value, r.detail) for r in db.session.scalars(sa.select(WatchedWord))
    }
    assert rules == {("plug", "block", ""), ("percs", "replace", "-[a pill]")}


def test_a_csv_with_a_bad_row_imports_nothing_and_says_which(client, auth, moderator):
    auth.login(moderator)
    rows = "words,action,detail\nplug,block,\nblues,shout,\nbars,replace,\n"
    response = client.post(
        "/mod/watched/import",
        data={"file": (io.BytesIO(rows.encode()), "list.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was imported" in page
    assert "row 2: no action called “shout”" in page
    assert "row 3: Please say what the words are replaced with." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WatchedWord)) == 0


def test_members_never_see_the_list(client, auth, moderator):
    auth.login(make_user())
    assert client.get("/mod/watched").status_code == 403
    assert client.get("/mod/watched/export.csv").status_code == 403


# --- every worker at once ---------------------------------------------------------------------


def test_a_change_reaches_a_second_worker_at_its_next_write(app, client, auth, tmp_path):
    """Two workers on one database: a word the moderators block on one is blocked on the
    other at once, and a word they remove is free again at once."""
    second = create_app(settings_for(tmp_path))
    second.test_client_class = RequestIsolatingClient
    try:
        _a_change_reaches(second, client, auth)
    finally:
        with second.app_context():
            db.engine.dispose()  # the second worker's connections close with the test


def _a_change_reaches(second, client, auth):
    moderator = make_user("steward", role=Role.MODERATOR)
    member = make_user("writer")
    thread = make_thread(board=make_board())
    other = second.test_client()
    signed_in = other.post("/signin", data={"pseudonym": "writer", "password": "a-long-password-1"})
    assert signed_in.status_code == 302
    # The second worker writes once before the change, so it has read the rules already.
    assert other.post(f"/t/{thread.id}/reply", data={"body": "A plug, once."}).status_code == 302
    auth.login(moderator)
    client.post("/mod/watched", data={"words": "plug", "action": "block"})
    refused = other.post(f"/t/{thread.id}/reply", data={"body": "A plug, twice."})
    assert refused.status_code == 400
    assert "asked that “plug” not be posted here" in refused.get_data(as_text=True)
    rule = db.session.scalar(sa.select(WatchedWord).where(WatchedWord.words == "plug"))
    client.post(f"/mod/watched/{rule.id}/remove")
    again = other.post(f"/t/{thread.id}/reply", data={"body": "A plug, thrice."})
    assert again.status_code == 302
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Post).where(Post.author_id == member.id)
        )
        == 2
    )
