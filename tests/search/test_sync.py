"""The index follows the database: after commits, never before, and never at a post's expense."""

import sqlalchemy as sa

from forum.accounts.services import delete_account
from forum.extensions import db
from forum.posts import lifecycle
from forum.search import maintenance, sync
from forum.search.engine import engine_for
from forum.search.models import SearchOutbox
from forum.writing.checks import Draft
from forum.writing.services import write_edit, write_reply
from tests.factories import PASSWORD, make_post, make_thread, make_user, opening_post
from tests.search.conftest import found


def outbox_ids() -> list[int]:
    return list(db.session.scalars(sa.select(SearchOutbox.post_id)))


def test_a_new_post_is_searchable_once_committed(app):
    """A reply can be found as soon as it is posted."""
    post = make_post(body="The zebrafinch sang at dawn.")
    assert found(q="zebrafinch") == [post.id]
    assert outbox_ids() == []


def test_stemming_finds_other_forms_of_a_word(app):
    """Searching 'relapsed' finds a post about a relapse."""
    post = make_post(body="My relapse taught me a lot.")
    assert found(q="relapsed") == [post.id]


def test_an_edit_replaces_the_old_words(app):
    """After an edit, the new words are found and the old ones are not."""
    post = make_post(body="Original wording with quokka.")
    write_edit(post.author, post, Draft("Fresh wording with wombat."))
    db.session.commit()
    assert found(q="wombat") == [post.id]
    assert found(q="quokka") == []


def test_a_thread_title_change_reaches_its_posts(app):
    """Renaming a thread makes its opening post findable by the new title."""
    thread = make_thread(title="Evening walks")
    opening = opening_post(thread)
    write_edit(thread.author, opening, Draft(opening.body_source, "Axolotl evenings"))
    db.session.commit()
    assert found(q="axolotl") == [opening.id]


def test_deleting_a_post_takes_it_out_of_results(app):
    """A post its author deleted is no longer found."""
    post = make_post(body="Capybara thoughts.")
    lifecycle.delete_post(post.author, post)
    db.session.commit()
    assert found(q="capybara") == []


def test_a_rollback_leaves_nothing_queued_or_indexed(app):
    """A reply that was never committed leaves no trace in the outbox or the index."""
    thread = make_thread()
    write_reply(make_user(), thread, Draft("Narwhal words never saved."))
    db.session.flush()
    assert outbox_ids()  # queued within the transaction...
    db.session.rollback()
    assert outbox_ids() == []  # ...and gone with it
    assert found(q="narwhal") == []


def test_an_indexing_failure_keeps_the_post_and_the_queue(app, client, auth, monkeypatch):
    """If the index can't be written, the reply is still posted and waits in the outbox."""
    member = make_user()
    thread = make_thread()
    engine = engine_for(app)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(engine, "write", broken)
    auth.login(member)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Pangolin evening."})
    assert response.status_code == 302
    post_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert outbox_ids() == [post_id]
    monkeypatch.undo()
    sync.drain(app)
    assert found(q="pangolin") == [post_id]
    assert outbox_ids() == []


def test_rebuild_restores_an_emptied_index(app):
    """Rebuilding indexes every post again, from the database."""
    posts = [make_post(body=f"Heron number {n}.") for n in range(3)]
    engine_for(app).replace_all([])
    assert found(q="heron") == []
    assert maintenance.rebuild(app) == 6  # three replies and their three opening posts
    assert sorted(found(q="heron")) == sorted(p.id for p in posts)


def test_check_reports_drift_and_repair_fixes_it(app, runner):
    """`search check` finds a post missing from the index; `--repair` puts it back."""
    post = make_post(body="Ibis on the river.")
    engine_for(app).write([], forget=[post.id])
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "missing: 1" in result.output
    result = runner.invoke(args=["search", "check", "--repair"])
    assert "Repaired 1" in result.output
    assert found(q="ibis") == [post.id]
    assert maintenance.check(app).count == 0


def test_rebuild_command_shows_progress(app, runner):
    """`search rebuild` says how many posts it indexed."""
    make_post(body="Kestrel.")
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0
    assert "Indexed 2 posts." in result.output


def test_deleting_an_account_updates_the_author_filter(app):
    """Posts kept under "a former member" no longer match the member's pseudonym."""
    member = make_user("leaving-soon")
    post = make_post(author=member, body="Marmot musings.")
    assert found(q="marmot @leaving-soon") == [post.id]
    delete_account(member, PASSWORD, "detach")
    db.session.commit()
    assert found(q="marmot") == [post.id]
    assert found(q="marmot @leaving-soon") == []
