"""A member types a reply and leaves the page before sending it; the page had saved it as a
draft by itself, and from My drafts they resume it and post it."""

import time

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

import sqlalchemy as sa  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from forum.drafts.models import SavedDraft  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.posts.models import Post  # noqa: E402
from tests.browser.conftest import WAIT_MS, unique  # noqa: E402
from tests.browser.helpers import board, post_card, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402


def _drafts_of(live_forum, member_id: int) -> list[tuple[int, str]]:
    with live_forum.seeding():
        rows = db.session.execute(
            sa.select(SavedDraft.id, SavedDraft.body).where(SavedDraft.author_id == member_id)
        )
        return [tuple(row) for row in rows]


def _wait_for_draft(live_forum, member_id: int, words: str) -> list[tuple[int, str]]:
    """The member's drafts once one holds `words`: asked of the database until it does, for
    at most the browser's own wait."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        drafts = _drafts_of(live_forum, member_id)
        if any(body == words for _id, body in drafts) or time.monotonic() > deadline:
            return drafts
        time.sleep(0.2)


def test_a_reply_typed_and_left_is_resumed_from_my_drafts_and_posted(live_forum, open_page):
    """The page saves the reply while the member types (one draft, however long they type);
    they go elsewhere, come back through My recovery and My drafts, resume it in the reply
    form and post it: the reply is on the thread and the draft is gone."""
    name, title = unique("tidewater-"), unique("Sunday evenings without a drink ")
    words = unique("Sundays were the worst for me too. What helped was a walk at six ")
    with live_forum.seeding():
        member_id = make_user(name).id
        thread = make_thread(board=board("cravings-and-coping"), title=title)
        thread_id = thread.id

    member = open_page()
    sign_in(member, name)
    member.goto(f"/t/{thread_id}")
    reply = member.get_by_label("Your reply")
    reply.fill(words[:25])
    expect(member.get_by_role("status").filter(has_text="Saved as a draft")).to_be_visible()
    reply.fill(words)  # typing on: the same draft is saved again
    drafts = _wait_for_draft(live_forum, member_id, words)
    assert [body for _id, body in drafts] == [words], "one draft, holding the whole reply"

    member.goto("/")  # off somewhere else, the reply never sent
    member.get_by_role("link", name="My recovery").click()
    member.get_by_role("link", name="My drafts").click()
    item = member.locator(".draft-item").filter(has_text=words)
    expect(item).to_contain_text(f"A reply in {title}")
    item.get_by_role("link", name="Resume").click()

    expect(member.get_by_label("Your reply")).to_have_value(words)
    expect(member.get_by_text("Your draft is back in the form.")).to_be_visible()
    member.get_by_role("button", name="Post reply").click()
    expect(member.get_by_text("Your reply is posted.")).to_be_visible()
    expect(post_card(member, words)).to_be_visible()

    assert _drafts_of(live_forum, member_id) == []
    with live_forum.seeding():
        posted = db.session.scalars(sa.select(Post).where(Post.body_source == words)).all()
        assert [p.author_id for p in posted] == [member_id]
    member.goto("/drafts")
    expect(member.get_by_text("No drafts.")).to_be_visible()
