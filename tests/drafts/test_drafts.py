"""Drafts kept on the server: a member saves a thread, a reply or a message before sending it,
finds it under My drafts, resumes it in its own form or lets it go; nobody else ever meets it."""

import json

import pytest
import sqlalchemy as sa

from forum.conversations.models import Message
from forum.conversations.store import create_conversation, create_message
from forum.drafts import services
from forum.drafts.models import SavedDraft
from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.permissions import Role
from forum.posts.models import Post, Thread
from tests.conftest import make_app
from tests.factories import (
    PASSWORD,
    make_board,
    make_established,
    make_post,
    make_thread,
    make_user,
)
from tests.search.conftest import found

BY_SCRIPT = {"X-Hearth-Autosave": "1"}
RISKY = "Some nights I just want to die."


def _drafts() -> list[SavedDraft]:
    return list(db.session.scalars(sa.select(SavedDraft).order_by(SavedDraft.id)))


def _conversation(member, other=None):
    other = other or make_established()
    conversation = create_conversation(other, [member])
    create_message(other, conversation, "How was the meeting tonight?")
    db.session.commit()
    return conversation


# Each form with its "Save as draft" button: where the member writes, where the button sends
# the form, and what the form holds besides its text.


def _thread_form(member):
    board = make_board("Stories", "stories")
    return "/b/stories/new", f"/drafts/new-thread/{board.id}", {"title": "A long first week"}


def _reply_form(member):
    thread = make_thread(title="Evenings are the hardest")
    return f"/t/{thread.id}/reply", f"/drafts/reply/{thread.id}", {}


def _message_form(member):
    conversation = _conversation(member)
    return f"/messages/{conversation.id}", f"/drafts/message/{conversation.id}", {}


FORMS = pytest.mark.parametrize(
    "open_form", [_thread_form, _reply_form, _message_form], ids=["thread", "reply", "message"]
)


@FORMS
def test_each_writing_form_has_a_save_as_draft_button_that_needs_no_script(client, auth, open_form):
    """The form's own page carries a plain "Save as draft" button, sending to My drafts."""
    member = make_user()
    page_url, save_url, _fields = open_form(member)
    auth.login(member)
    page = client.get(page_url).get_data(as_text=True)
    assert f'formaction="{save_url}"' in page and "Save as draft" in page
    assert 'name="draft_id"' in page
    assert 'src="/static/js/drafts.js"' in page


@FORMS
def test_a_member_saves_a_draft_from_the_form_and_finds_it_under_my_drafts(client, auth, open_form):
    """Pressing "Save as draft" keeps the words, says so, and lists them under My drafts."""
    member = make_user()
    _page, save_url, fields = open_form(member)
    auth.login(member)
    response = client.post(save_url, data={**fields, "body": "Half of what I want to say."})
    assert response.status_code == 302 and response.headers["Location"] == "/drafts"
    [draft] = _drafts()
    assert draft.author_id == member.id and draft.body == "Half of what I want to say."
    assert draft.title == fields.get("title")
    listing = client.get("/drafts")
    page = listing.get_data(as_text=True)
    assert "Saved in My drafts. Only you can see it" in page
    assert "Half of what I want to say." in page
    assert f'href="/drafts/{draft.id}/resume"' in page
    assert listing.headers["Cache-Control"] == "no-store"


def test_my_drafts_says_where_each_belongs_newest_first(client, auth):
    """A new thread names its board, a reply its thread, a message the others in it."""
    member, friend = make_user(), make_established("rowan-ash")
    board = make_board("Family and friends", "family")
    thread = make_thread(title="Telling my sister")
    conversation = _conversation(member, friend)
    auth.login(member)
    client.post(f"/drafts/new-thread/{board.id}", data={"title": "Holidays", "body": "first"})
    client.post(f"/drafts/reply/{thread.id}", data={"body": "second"})
    client.post(f"/drafts/message/{conversation.id}", data={"body": "third"})
    page = client.get("/drafts").get_data(as_text=True)
    assert "A new thread in" in page and "Family and friends" in page
    assert "A reply in" in page and "Telling my sister" in page
    assert "A message to" in page and "rowan-ash" in page
    assert page.index("third") < page.index("second") < page.index("first")


def test_an_empty_form_has_nothing_to_save(client, auth):
    """Nothing typed: nothing is saved, and the member is told why."""
    thread = make_thread()
    auth.login(make_user())
    response = client.post(f"/drafts/reply/{thread.id}", data={"body": "   "})
    assert response.status_code == 400
    assert "nothing to save yet" in response.get_data(as_text=True)
    assert _drafts() == []


def test_a_draft_is_bounded_like_a_post_and_the_words_come_back_to_copy(client, auth):
    """A draft longer than a post may be is refused, with every word given back."""
    thread = make_thread()
    auth.login(make_user())
    words = "word " * 4_001 + "the end"
    response = client.post(f"/drafts/reply/{thread.id}", data={"body": words})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Drafts are limited to 20,000 characters, as posts are." in page
    assert "the end</textarea>" in page
    assert _drafts() == []


def test_a_member_keeps_a_bounded_number_of_drafts(client, auth, monkeypatch):
    """Past the limit, a new draft is refused kindly; saving one kept already still works."""
    monkeypatch.setattr(services, "DRAFTS_MAX", 2)
    thread = make_thread()
    auth.login(make_user())
    for words in ("one", "two"):
        client.post(f"/drafts/reply/{thread.id}", data={"body": words})
    response = client.post(f"/drafts/reply/{thread.id}", data={"body": "three"})
    assert response.status_code == 400
    assert "You keep 2 drafts already" in response.get_data(as_text=True)
    kept = _drafts()[0]
    again = client.post(
        f"/drafts/reply/{thread.id}", data={"body": "one, longer", "draft_id": kept.id}
    )
    assert again.status_code == 302
    assert [d.body for d in _drafts()] == ["one, longer", "two"]


# --- the page's script: saved every few seconds, always the same draft --------------------


def test_saving_while_typing_updates_one_draft(client, auth):
    """The script's first save makes the draft; each later one changes that same row."""
    thread = make_thread()
    auth.login(make_user())
    first = client.post(f"/drafts/reply/{thread.id}", data={"body": "I"}, headers=BY_SCRIPT)
    assert first.status_code == 200 and first.mimetype == "application/json"
    draft_id = first.get_json()["draft_id"]
    for words in ("I think", "I think I", "I think I am ready to say it."):
        answer = client.post(
            f"/drafts/reply/{thread.id}",
            data={"body": words, "draft_id": str(draft_id)},
            headers=BY_SCRIPT,
        )
        assert answer.get_json() == {"saved": True, "draft_id": draft_id}
    [draft] = _drafts()
    assert draft.id == draft_id and draft.body == "I think I am ready to say it."
    # Nothing was flashed: the next page the member opens says nothing about saving.
    assert "Saved in My drafts" not in client.get("/drafts").get_data(as_text=True)


def test_the_script_never_brings_back_a_draft_sent_or_discarded_meanwhile(client, auth):
    """A save for a draft that went (in another tab) is refused, and the script told to stop."""
    thread = make_thread()
    auth.login(make_user())
    draft_id = client.post(
        f"/drafts/reply/{thread.id}", data={"body": "draft"}, headers=BY_SCRIPT
    ).get_json()["draft_id"]
    client.post(f"/drafts/{draft_id}/discard")
    answer = client.post(
        f"/drafts/reply/{thread.id}",
        data={"body": "draft, typed on", "draft_id": str(draft_id)},
        headers=BY_SCRIPT,
    )
    assert answer.status_code == 404
    assert answer.get_json()["stop"] is True
    assert _drafts() == []


@pytest.fixture
def limited(tmp_path, _postgres_schema):
    """A forum with its rate limits on, and a low one for drafts."""
    (tmp_path / "limited").mkdir()
    app = make_app(
        tmp_path / "limited", RATE_LIMITS_ENABLED=True, DRAFTS_LIMIT_PER_MEMBER="3 per minute"
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_saving_while_typing_is_rate_limited_per_member(limited):
    """A script gone wrong can't save without end: past the limit it is asked to wait."""
    thread = make_thread()
    member = make_user()
    client = limited.test_client()
    client.post("/signin", data={"pseudonym": member.pseudonym, "password": PASSWORD})
    answers = [
        client.post(f"/drafts/reply/{thread.id}", data={"body": f"take {n}"}, headers=BY_SCRIPT)
        for n in range(4)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].get_json()["saved"] is False
    assert "Retry-After" in answers[-1].headers
    assert len(_drafts()) == 3


# --- resuming and sending ------------------------------------------------------------------


def test_a_resumed_reply_is_posted_through_the_write_rule_and_the_draft_goes(client, auth):
    """Resume opens the reply form with the words in it; posting it stores the reply and lets
    go of the draft."""
    member = make_user()
    thread = make_thread(title="Cravings at night")
    answered = make_post(thread, body="Mine come at eleven.")
    auth.login(member)
    client.post(
        f"/drafts/reply/{thread.id}",
        data={"body": "Mine too. Tea helps.", "parent_id": answered.id},
    )
    [draft] = _drafts()
    assert draft.parent_id == answered.id
    resume = client.get(f"/drafts/{draft.id}/resume")
    assert resume.status_code == 302
    assert resume.headers["Location"] == f"/t/{thread.id}/reply?draft={draft.id}"
    form = client.get(resume.headers["Location"])
    page = form.get_data(as_text=True)
    assert form.headers["Cache-Control"] == "no-store"
    assert "Mine too. Tea helps.</textarea>" in page
    assert f'name="draft_id" type="hidden" value="{draft.id}"' in page
    assert "In reply to" in page
    response = client.post(
        f"/t/{thread.id}/reply",
        data={"body": "Mine too. Tea helps.", "draft_id": draft.id, "parent_id": answered.id},
    )
    assert response.status_code == 302
    reply = db.session.scalar(sa.select(Post).where(Post.body_source == "Mine too. Tea helps."))
    assert reply.author_id == member.id and reply.parent_id == answered.id
    assert _drafts() == []


def test_a_resumed_thread_still_meets_the_care_check(client, auth):
    """Words of risk in a draft are cared for when it is posted, as in any post."""
    member = make_user()
    board = make_board("Stories", "stories")
    auth.login(member)
    client.post(f"/drafts/new-thread/{board.id}", data={"title": "Tonight", "body": RISKY})
    [draft] = _drafts()
    form = client.get(client.get(f"/drafts/{draft.id}/resume").headers["Location"])
    assert 'value="Tonight"' in form.get_data(as_text=True)
    response = client.post(
        "/b/stories/new", data={"title": "Tonight", "body": RISKY, "draft_id": draft.id}
    )
    post = db.session.scalar(sa.select(Post).where(Post.body_source == RISKY))
    assert response.headers["Location"] == f"/help?after={post.id}"
    care = db.session.scalars(
        sa.select(Report).where(Report.post_id == post.id, Report.reason == Reason.AT_RISK)
    ).all()
    assert len(care) == 1
    assert _drafts() == []


def test_a_draft_the_write_rule_asks_about_stays_until_it_is_posted(client, auth):
    """A phone number asks "post it anyway?" first: nothing is stored and the draft stays."""
    thread = make_thread()
    auth.login(make_user())
    words = "Call me on 0612 345 678 9"
    client.post(f"/drafts/reply/{thread.id}", data={"body": words})
    [draft] = _drafts()
    asked = client.post(f"/t/{thread.id}/reply", data={"body": words, "draft_id": draft.id})
    assert asked.status_code == 200 and "Post it anyway" in asked.get_data(as_text=True)
    assert len(_drafts()) == 1
    client.post(
        f"/t/{thread.id}/reply", data={"body": words, "draft_id": draft.id, "post_anyway": "y"}
    )
    assert _drafts() == []


def test_a_resumed_message_is_sent_in_its_conversation(client, auth):
    """A message draft opens in its conversation's reply box; sending it lets it go."""
    member = make_user()
    conversation = _conversation(member)
    auth.login(member)
    client.post(f"/drafts/message/{conversation.id}", data={"body": "It went well, thanks."})
    [draft] = _drafts()
    target = client.get(f"/drafts/{draft.id}/resume").headers["Location"]
    assert target == f"/messages/{conversation.id}?draft={draft.id}"
    assert "It went well, thanks.</textarea>" in client.get(target).get_data(as_text=True)
    client.post(
        f"/messages/{conversation.id}/send",
        data={"body": "It went well, thanks.", "draft_id": draft.id},
    )
    sent = db.session.scalar(sa.select(Message).where(Message.author_id == member.id))
    assert sent.body_source == "It went well, thanks."
    assert _drafts() == []


def test_a_draft_whose_thread_closed_is_shown_to_copy(client, auth):
    """A reply draft for a thread that no longer takes replies is given back, not lost."""
    thread = make_thread()
    auth.login(make_user())
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Words worth keeping."})
    [draft] = _drafts()
    thread.is_locked = True
    db.session.commit()
    response = client.get(f"/drafts/{draft.id}/resume")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "can't be sent where it was going" in page
    assert "Words worth keeping.</textarea>" in page


def test_a_member_discards_a_draft(client, auth):
    """Discard lets the draft go for good."""
    thread = make_thread()
    auth.login(make_user())
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Never mind."})
    [draft] = _drafts()
    response = client.post(f"/drafts/{draft.id}/discard")
    assert response.status_code == 302 and response.headers["Location"] == "/drafts"
    assert _drafts() == []
    assert "The draft is discarded." in client.get("/drafts").get_data(as_text=True)


# --- nobody else ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.ADMIN])
def test_another_member_or_a_moderator_gets_a_404_for_a_draft(app, client, auth, role):
    """Someone else's draft can't be opened, resumed, discarded or saved over, whoever asks."""
    author = make_user()
    thread = make_thread()
    auth.login(author)
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Only mine to read."})
    [draft] = _drafts()
    auth.logout()
    auth.login(make_user(role=role))
    assert client.get(f"/drafts/{draft.id}/resume").status_code == 404
    assert client.get(f"/t/{thread.id}/reply?draft={draft.id}").status_code == 404
    assert client.post(f"/drafts/{draft.id}/discard").status_code == 404
    assert "Only mine to read." not in client.get("/drafts").get_data(as_text=True)
    by_script = client.post(
        f"/drafts/reply/{thread.id}",
        data={"body": "Overwritten?", "draft_id": draft.id},
        headers=BY_SCRIPT,
    )
    assert by_script.status_code == 404
    by_hand = client.post(
        f"/drafts/reply/{thread.id}", data={"body": "Overwritten?", "draft_id": draft.id}
    )
    assert by_hand.status_code == 302  # a draft of their own, not a change to the author's
    db.session.expire_all()
    assert db.session.get(SavedDraft, draft.id).body == "Only mine to read."


def test_a_conversation_the_member_is_not_in_takes_no_draft(client, auth):
    """A message draft needs a place in the conversation: anyone else gets a 404."""
    conversation = _conversation(make_user())
    auth.login(make_user(role=Role.MODERATOR))
    response = client.post(f"/drafts/message/{conversation.id}", data={"body": "Hello?"})
    assert response.status_code == 404
    assert _drafts() == []


def test_a_drafts_words_are_never_found_by_search_nor_shown_on_any_public_page(app, auth):
    """Until it is posted, nobody finds a draft: not in search, not on the thread, the board
    or the author's profile; once posted, it is found like any post."""
    author = make_user("quiet-heron")
    board = make_board("Stories", "stories")
    thread = make_thread(board=board, title="What keeps me going")
    word = "marshwillow"
    writer = app.test_client()
    writer.post("/signin", data={"pseudonym": author.pseudonym, "password": PASSWORD})
    writer.post(f"/drafts/reply/{thread.id}", data={"body": f"The {word} by the river."})
    writer.post(f"/drafts/new-thread/{board.id}", data={"title": f"{word} days", "body": word})
    assert len(_drafts()) == 2
    moderator = make_user(role=Role.MODERATOR)
    for viewer in (None, make_user(), author, moderator):
        assert found(viewer, q=word) == []
    assert found(moderator, q=word, hidden="1") == []
    reader = app.test_client()
    for url in ("/", "/b/stories", f"/t/{thread.id}", "/u/quiet-heron"):
        assert word not in reader.get(url).get_data(as_text=True), url
        assert word not in writer.get(url).get_data(as_text=True), url
    for searcher in (reader, writer):  # the page says the word searched for, and finds nothing
        page = searcher.get(f"/search?q={word}").get_data(as_text=True)
        assert "Nothing found for that search." in page and "river" not in page
    # Posted through its form, the reply is a post like any other: now search finds it.
    [reply_draft] = [d for d in _drafts() if d.thread_id == thread.id]
    writer.post(
        f"/t/{thread.id}/reply",
        data={"body": f"The {word} by the river.", "draft_id": reply_draft.id},
    )
    posted = db.session.scalar(sa.select(Post).where(Post.body_source.contains(word)))
    assert found(None, q=word) == [posted.id]
    assert "1 post found" in reader.get(f"/search?q={word}").get_data(as_text=True)


# --- the member's data ----------------------------------------------------------------------


def test_the_export_holds_the_members_drafts(client, auth):
    """The data download carries each draft as typed, with where it belongs."""
    member = make_user()
    thread = make_thread()
    board = make_board()
    auth.login(member)
    client.post(f"/drafts/reply/{thread.id}", data={"body": "A reply I kept."})
    client.post(f"/drafts/new-thread/{board.id}", data={"title": "Later", "body": "A thread."})
    data = json.loads(client.post("/settings/export").data)
    kept = {d["text"]: d for d in data["drafts"]}
    assert kept["A reply I kept."]["kind"] == "reply"
    assert kept["A reply I kept."]["thread_id"] == thread.id
    assert kept["A thread."]["title"] == "Later" and kept["A thread."]["board_id"] == board.id


@pytest.mark.parametrize("mode", ["detach", "remove"])
def test_a_members_drafts_go_with_the_account(client, auth, mode):
    """Closing the account, keeping the posts or not, takes every draft; others' stay."""
    member, other = make_user(), make_user()
    thread = make_thread()
    auth.login(other)
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Someone else's."})
    auth.logout()
    auth.login(member)
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Mine, unsent."})
    response = client.post(
        "/settings/delete", data={"mode": mode, "password": PASSWORD, "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [d.body for d in _drafts()] == ["Someone else's."]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) >= 1
