"""A post nobody else may read stays unread: every page, search, notice, list and export.

For a post in each state that takes it from view, every GET route of `app.url_map` (filled
in with that post, its thread, board and author), the search page with the post's words,
and the data export are fetched by a signed-out visitor, by the member the post answered,
mentioned and was bookmarked by, and by its author. The post's secret word must not show to
the first two, nor to its author where the boards' rule says the author can't read it
(the author's own export excepted).
"""

import pytest

from forum.boards import management
from forum.extensions import db
from forum.following import services as following
from forum.permissions import Anonymous
from forum.posts import lifecycle
from forum.posts.models import PostStatus, ThreadStatus
from forum.posts.visibility import can_view_post, can_view_thread
from tests.factories import PASSWORD, make_board, make_post, make_thread
from tests.hardening.world import build_world

VIEWERS = ("anonymous", "other", "author")


def _hide(post, thread, board, author):
    lifecycle.set_post_status(post, PostStatus.HIDDEN)


def _remove(post, thread, board, author):
    lifecycle.set_post_status(post, PostStatus.REMOVED)


def _hold(post, thread, board, author):
    lifecycle.set_post_status(post, PostStatus.PENDING)


def _delete(post, thread, board, author):
    lifecycle.delete_post(author, post)


def _hide_thread(post, thread, board, author):
    lifecycle.set_thread_status(thread, ThreadStatus.HIDDEN)


def _archive_board(post, thread, board, author):
    management.set_board_archived(board, True)


STATES = {
    "hidden": _hide,
    "removed": _remove,
    "pending": _hold,
    "deleted by author": _delete,
    "in a hidden thread": _hide_thread,
    "in an archived board": _archive_board,
}


def _get_rules(app) -> list[str]:
    return sorted(
        {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
        - {"/static/<path:filename>"}
    )


def _setup(state: str, tag: str):
    """A world, and in it the author's reply to `other`, mentioning and bookmarked by them,
    indexed while visible, then taken from view as `state` says."""
    world = build_world(tag)
    author, other = world.users["author"], world.users["other"]
    board = make_board(slug=f"sweep{tag}")
    thread = make_thread(world.users["member"], board, title=f"Evenings vvtitle{tag}")
    answered = make_post(thread, other, body="The evenings are long for me too.")
    post = make_post(
        thread,
        author,
        body=f"zqxsecret{tag} wxyhush{tag} is what I never told anyone, @{other.pseudonym}.",
        parent=answered,
    )
    following.toggle_bookmark(other, post)
    db.session.commit()
    STATES[state](post, thread, board, author)
    db.session.commit()
    world.values |= {
        "post_id": post.id,
        "thread_id": thread.id,
        "slug": board.slug,
        "board_id": board.id,
        "pseudonym": author.pseudonym,
        "member_id": author.id,
    }
    return world, post


def _urls(app, world) -> list[str]:
    urls = [world.url(rule) for rule in _get_rules(app)]
    word = f"zqxsecret{world.values['tag']}"
    pseudonym = world.values["pseudonym"]
    urls += [
        f"/search?q={word}",
        f"/search?q={word}&sort=newest",
        f"/search?q={word}&hidden=1",
        f"/search?q={word[:-1]}",  # a near miss asks for a suggestion
        f"/search?q=told+anyone&author={pseudonym}",
        "/search?q=%22never+told%22",
        f"/t/{world.values['thread_id']}?page=1",
    ]
    return urls


@pytest.mark.parametrize("state", sorted(STATES))
def test_a_post_taken_from_view_shows_nowhere_to_those_who_may_not_read_it(app, state):
    """Signed out, as the member it answered, or as its author where the rule forbids it:
    no page, search result, snippet, notice, list or export shows the post's words."""
    tag = "".join(word[0] for word in state.split())
    world, post = _setup(state, tag)
    world.values["tag"] = tag
    # Searches name the first secret word, which the page repeats as typed; the second one
    # shows only if the post's own text does.
    hush = f"wxyhush{tag}"
    urls = _urls(app, world)
    leaks, swept = [], 0
    for viewer in VIEWERS:
        client = app.test_client()
        user = world.users[viewer]
        if user is not None:
            answer = client.post(
                "/signin", data={"pseudonym": user.pseudonym, "password": PASSWORD}
            )
            assert answer.status_code == 302, viewer
        may_read = can_view_post(user or Anonymous(), post)
        # Where the whole thread is out of sight, its title is as private as the post.
        title = None if can_view_thread(user or Anonymous(), post.thread) else f"vvtitle{tag}"
        for url in urls:
            page = client.get(url).get_data(as_text=True)
            swept += 1
            if hush in page and not may_read:
                leaks.append(f"{viewer} GET {url}: the post")
            if title and title in page:
                leaks.append(f"{viewer} GET {url}: the thread's title")
        if user is not None:
            export = client.post("/settings/export").get_data(as_text=True)
            swept += 1
            # A member's own export may name the thread of their own reply (their data);
            # someone else's post in it is not theirs.
            if hush in export and not may_read and viewer != "author":
                leaks.append(f"{viewer} POST /settings/export")
        db.session.rollback()
    assert not leaks, f"{state}: the post's words showed to\n" + "\n".join(leaks)
    assert swept > 3 * 40
    print(f"\n{state}: {swept} pages swept ({len(urls)} URLs x {len(VIEWERS)} viewers + exports)")
