"""The private journal on My recovery: dated entries only their author reads, a mood if they
like, and an entry turned into a post only when the member sends it through the new-thread
form."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Post, Thread
from forum.recovery.journal import services
from forum.recovery.journal.models import JournalEntry
from forum.timeutil import utcnow
from tests.factories import PASSWORD, make_board, make_user
from tests.search.conftest import found


def _entries() -> list[JournalEntry]:
    return list(db.session.scalars(sa.select(JournalEntry).order_by(JournalEntry.id)))


def _entry(member, body: str = "Walked to the sea after work.", mood: str | None = None):
    entry = services.write_entry(member, body, mood)
    db.session.commit()
    return entry


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_my_recovery_leads_to_the_journal_and_to_my_drafts(client, auth):
    """The member's own page links to both of the places kept for them alone."""
    auth.login(make_user())
    page = client.get("/me").get_data(as_text=True)
    assert 'href="/me/journal"' in page and "My journal" in page
    assert 'href="/drafts"' in page and "My drafts" in page


def test_a_member_writes_an_entry_and_reads_it_dated_in_their_journal(client, auth):
    """The entry is saved with today's date, its Markdown shown as formatting, only to them."""
    member = make_user()
    auth.login(member)
    response = client.post(
        "/me/journal/new", data={"body": "A *good* day, mostly.", "mood": "hopeful"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/me/journal"
    [entry] = _entries()
    assert entry.author_id == member.id and entry.mood == "hopeful"
    assert entry.body_source == "A *good* day, mostly."
    assert entry.body_html.strip() == "<p>A <em>good</em> day, mostly.</p>"
    journal = client.get("/me/journal")
    assert journal.headers["Cache-Control"] == "no-store"
    page = journal.get_data(as_text=True)
    assert "Your entry is saved. Only you can read it." in page
    assert "<p>A <em>good</em> day, mostly.</p>" in page
    assert "Feeling: Hopeful" in page
    today = utcnow()
    assert f"{today:%A} {today.day} {today:%B %Y}" in page


def test_the_journal_markdown_is_sanitised_and_a_script_stays_text(client, auth):
    """Whatever an entry holds, it goes through the one renderer: no script ever runs."""
    auth.login(make_user())
    client.post(
        "/me/journal/new",
        data={"body": '<script>alert("hi")</script> [a link](javascript:alert(1)) **ok**'},
    )
    [entry] = _entries()
    assert "<script" not in entry.body_html and 'href="javascript' not in entry.body_html
    assert "&lt;script&gt;" in entry.body_html and "<strong>ok</strong>" in entry.body_html
    page = client.get("/me/journal").get_data(as_text=True)
    assert '<script>alert("hi")</script>' not in page
    assert "&lt;script&gt;alert" in page


@pytest.mark.parametrize("mood", ["", "calm", "anxious", "struggling"])
def test_a_mood_from_the_list_or_none_is_kept(client, auth, mood):
    """Any mood on the list is saved, and so is saying none."""
    auth.login(make_user())
    client.post("/me/journal/new", data={"body": "Today.", "mood": mood})
    [entry] = _entries()
    assert entry.mood == (mood or None)


@pytest.mark.parametrize("mood", ["elated", "CALM", "calm' OR 1=1", "x" * 40])
def test_a_mood_from_elsewhere_is_refused_kindly_and_the_words_are_kept(client, auth, mood):
    """A mood not on the list is refused with a clear word, and what was typed stays."""
    auth.login(make_user())
    response = client.post(
        "/me/journal/new", data={"body": "Words I don't want to lose.", "mood": mood}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please choose how you feel from the list" in page
    assert "Words I don&#39;t want to lose.</textarea>" in page
    assert _entries() == []


def test_the_database_keeps_to_the_list_of_moods_too(app):
    """Even a service called with a made-up mood stores nothing."""
    member = make_user()
    with pytest.raises(ValueError):
        services.write_entry(member, "Hm.", "elated")
    db.session.rollback()
    db.session.add(JournalEntry(author_id=member.id, body_source="x", body_html="x", mood="elated"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_heavy_days_show_quietly_where_help_is(client, auth):
    """After an entry marked "Having a hard time", the journal points to the help page."""
    member = make_user()
    auth.login(member)
    assert "people you can reach right now" not in client.get("/me/journal").get_data(as_text=True)
    _entry(member, "Rough night.", "struggling")
    page = client.get("/me/journal").get_data(as_text=True)
    assert "Feeling: Having a hard time" in page
    assert 'href="/help">people you can reach right now' in page


def test_the_journal_is_newest_first_a_page_at_a_time(client, auth):
    """Ten entries a page, the newest first; the last page holds the oldest."""
    member = make_user()
    start = utcnow() - timedelta(days=30)
    for day in range(12):
        entry = services.write_entry(member, f"Entry for day {day:02d}.")
        entry.written_at = start + timedelta(days=day)
    db.session.commit()
    auth.login(member)
    first = client.get("/me/journal").get_data(as_text=True)
    assert first.index("day 11") < first.index("day 10") < first.index("day 02")
    assert "day 01" not in first and "day 00" not in first
    assert 'href="/me/journal?page=2"' in first
    second = client.get("/me/journal?page=2").get_data(as_text=True)
    assert "day 01" in second and "day 00" in second and "day 02" not in second
    assert client.get("/me/journal?page=3").status_code == 404


def test_a_member_changes_an_entry_and_it_keeps_its_date(client, auth):
    """New words and mood; the day it was written stays, and it says it was changed."""
    member = make_user()
    entry = _entry(member, "First go.", "tired")
    written = entry.written_at
    auth.login(member)
    form = client.get(f"/me/journal/{entry.id}/edit").get_data(as_text=True)
    assert "First go.</textarea>" in form and 'selected value="tired"' in form
    response = client.post(
        f"/me/journal/{entry.id}/edit", data={"body": "Second go, **better**.", "mood": ""}
    )
    assert response.status_code == 302
    db.session.expire_all()
    entry = db.session.get(JournalEntry, entry.id)
    assert entry.body_html.strip() == "<p>Second go, <strong>better</strong>.</p>"
    assert entry.mood is None and entry.written_at == written and entry.edited_at is not None
    assert "changed" in client.get("/me/journal").get_data(as_text=True)


def test_a_member_deletes_an_entry_after_being_asked(client, auth):
    """Delete asks first; the POST takes the entry away for good."""
    member = make_user()
    entry = _entry(member, "Not for keeping.")
    auth.login(member)
    ask = client.get(f"/me/journal/{entry.id}/delete")
    assert ask.status_code == 200 and "The entry goes for good." in ask.get_data(as_text=True)
    assert _count(JournalEntry) == 1
    response = client.post(f"/me/journal/{entry.id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/me/journal"
    assert _entries() == []


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.ADMIN])
def test_nobody_else_opens_an_entry_the_moderators_included(client, auth, role):
    """Another member, a moderator or an admin gets a 404 on every page of someone's entry."""
    author = make_user()
    entry = _entry(author, "Only for me.")
    make_board("Stories", "stories")
    auth.login(make_user(role=role))
    for url in (
        f"/me/journal/{entry.id}/edit",
        f"/me/journal/{entry.id}/delete",
        f"/me/journal/{entry.id}/post",
        f"/b/stories/new?entry={entry.id}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/me/journal/{entry.id}/edit", data={"body": "Mine now"}).status_code == 404
    assert client.post(f"/me/journal/{entry.id}/delete").status_code == 404
    assert "Only for me." not in client.get("/me/journal").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(JournalEntry, entry.id).body_source == "Only for me."


def test_turn_into_a_post_fills_the_new_thread_form_and_posts_nothing_by_itself(client, auth):
    """The member picks a board; its form opens with the entry's words, nothing is posted
    until they send it, and then it goes through the write rule like any thread."""
    member = make_user()
    make_board("Stories", "stories")
    entry = _entry(member, "Ninety days. I *did not* think I would get here.")
    auth.login(member)
    choose = client.get(f"/me/journal/{entry.id}/post").get_data(as_text=True)
    assert f'href="/b/stories/new?entry={entry.id}"' in choose
    form = client.get(f"/b/stories/new?entry={entry.id}")
    assert form.status_code == 200 and form.headers["Cache-Control"] == "no-store"
    page = form.get_data(as_text=True)
    assert "Ninety days. I *did not* think I would get here.</textarea>" in page
    assert "Your journal entry is copied into the form" in page
    assert _count(Post) == 0 and _count(Thread) == 0
    response = client.post(
        "/b/stories/new",
        data={"title": "Ninety days", "body": "Ninety days. I *did not* think I would get here."},
    )
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post))
    assert post.author_id == member.id and post.body_html.startswith("<p>Ninety days. I <em>")
    assert _count(JournalEntry) == 1  # the journal keeps the entry


def test_journal_words_are_never_found_by_search(app, auth, client):
    """An entry is not a post: search never finds it, for anyone."""
    member = make_user()
    _entry(member, "The heronsbill by the canal.")
    for viewer in (None, member, make_user(role=Role.MODERATOR)):
        assert found(viewer, q="heronsbill") == []


def test_a_suspended_member_reads_their_journal_but_writes_later(client, auth):
    """While writing is paused, the journal is there to read, and an entry can be deleted."""
    member = make_user(
        suspended_until=utcnow() + timedelta(days=2), suspension_reason="A pause to cool off."
    )
    entry = _entry(member, "Still here.")
    auth.login(member)
    assert "Still here." in client.get("/me/journal").get_data(as_text=True)
    refused = client.get("/me/journal/new")
    assert refused.status_code == 403
    assert "write in your journal" in refused.get_data(as_text=True)
    assert client.post(f"/me/journal/{entry.id}/delete").status_code == 302
    assert _entries() == []


def test_the_export_holds_the_journal(client, auth):
    """The data download carries every entry as written, with its date and mood."""
    member = make_user()
    _entry(member, "First entry.", "calm")
    _entry(member, "Second entry.")
    auth.login(member)
    data = json.loads(client.post("/settings/export").data)
    assert [(e["text"], e["mood"]) for e in data["journal"]] == [
        ("First entry.", "calm"),
        ("Second entry.", None),
    ]
    assert data["journal"][0]["written"].endswith("Z")


@pytest.mark.parametrize("mode", ["detach", "remove"])
def test_the_journal_goes_with_the_account(client, auth, mode):
    """Closing the account, keeping the posts or not, takes every entry; others' stay."""
    member, other = make_user(), make_user()
    _entry(member, "Mine.")
    _entry(other, "Theirs.")
    auth.login(member)
    response = client.post(
        "/settings/delete", data={"mode": mode, "password": PASSWORD, "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [e.body_source for e in _entries()] == ["Theirs."]
