"""A post by someone the reader muted or blocked collapses for that reader, on every page
that shows a post's words; everyone else, signed out or in, reads it as before."""

import pytest

from forum.blocks import services
from forum.blocks.models import MemberBlock, ShutKind
from forum.extensions import db
from tests.factories import make_established, make_post, make_thread, make_user

WORDS = "Counting the days again, one more evening done."


@pytest.fixture
def thread_with_pest(app):
    keeper, pest = make_established("keeper"), make_established("pest")
    thread = make_thread(author=keeper, title="Evenings are hard")
    post = make_post(thread, pest, WORDS)
    make_post(thread, make_established("friend"), "Proud of you, keeper.")
    return {"keeper": keeper, "pest": pest, "thread": thread, "post": post}


def _thread_page(client, thread) -> str:
    return client.get(f"/t/{thread.id}").get_data(as_text=True)


@pytest.mark.parametrize(("kind", "word"), [(ShutKind.MUTE, "muted"), (ShutKind.BLOCK, "blocked")])
def test_a_post_by_someone_the_reader_shut_out_collapses_on_the_thread(
    client, auth, thread_with_pest, kind, word
):
    keeper, pest = thread_with_pest["keeper"], thread_with_pest["pest"]
    services.shut_out(keeper, pest, kind, "month")
    db.session.commit()
    auth.login(keeper)
    page = _thread_page(client, thread_with_pest["thread"])
    collapsed = page.split(f"A post from someone you {word}. Open to read", 1)
    assert len(collapsed) == 2, "the post did not collapse"
    # The words are behind the fold, not gone: the reader can still choose to open them.
    assert WORDS in collapsed[1].split("</details>", 1)[0]
    # Other posts read as before.
    assert page.count("A post from someone you") == 1
    assert "Proud of you, keeper." in page


def test_nobody_else_sees_the_fold(client, auth, thread_with_pest):
    """Signed out (the cached page too) or as another member, the post reads as usual: a
    mute is the reader's own and shows nowhere else."""
    services.shut_out(
        thread_with_pest["keeper"], thread_with_pest["pest"], ShutKind.BLOCK, "always"
    )
    db.session.commit()
    thread = thread_with_pest["thread"]
    auth.login(thread_with_pest["keeper"])
    assert "someone you blocked" in _thread_page(client, thread)
    auth.logout()
    for _ in range(2):  # rendered, then from the page cache
        page = _thread_page(client, thread)
        assert WORDS in page and "someone you" not in page
    auth.login(make_user("another"))
    assert "someone you" not in _thread_page(client, thread)


def test_a_mute_that_ran_out_no_longer_folds_the_post(client, auth, thread_with_pest):
    keeper, pest = thread_with_pest["keeper"], thread_with_pest["pest"]
    services.shut_out(keeper, pest, ShutKind.MUTE, "week")
    db.session.commit()
    row = db.session.get(MemberBlock, (keeper.id, pest.id))
    row.until = row.created_at.replace(year=row.created_at.year - 1)
    db.session.commit()
    auth.login(keeper)
    assert "someone you muted" not in _thread_page(client, thread_with_pest["thread"])


def test_the_fold_holds_on_every_list_of_words(client, auth, thread_with_pest):
    """The reply form's quote, saved posts and search snippets fold the same post."""
    keeper, post = thread_with_pest["keeper"], thread_with_pest["post"]
    auth.login(keeper)
    client.post(f"/p/{post.id}/bookmark")
    services.shut_out(keeper, thread_with_pest["pest"], ShutKind.MUTE, "always")
    db.session.commit()
    pages = {
        "reply form": f"/t/{thread_with_pest['thread'].id}/reply?to={post.id}",
        "saved posts": "/bookmarks",
        "search": "/search?q=evening",
    }
    for name, path in pages.items():
        page = client.get(path).get_data(as_text=True)
        assert "A post from someone you muted" in page, name


def test_the_thread_page_reads_the_mutes_once_whatever_their_number(
    client, auth, count_queries, thread_with_pest
):
    keeper, thread = thread_with_pest["keeper"], thread_with_pest["thread"]
    auth.login(keeper)
    client.get(f"/t/{thread.id}")
    with count_queries() as before:
        client.get(f"/t/{thread.id}")
    for n in range(5):
        other = make_established(f"loud{n}")
        make_post(thread, other, f"Loud words {n}")
        services.shut_out(keeper, other, ShutKind.MUTE, "always")
    db.session.commit()
    client.get(f"/t/{thread.id}")
    with count_queries() as after:
        page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert page.count("A post from someone you muted") == 5
    assert after.count == before.count
