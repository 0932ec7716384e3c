"""Search for a viewer: the engine gives ids, the boards' visibility rule decides what shows."""

import html
import re
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from forum.accounts.models import User
from forum.accounts.names import pseudonym_key
from forum.extensions import db
from forum.permissions import can_moderate
from forum.posts.content_notes import hidden_kinds
from forum.posts.models import Board, Post, Thread
from forum.posts.queries import board_by_slug
from forum.posts.visibility import readable_posts
from forum.search.engine import engine_for
from forum.search.engine.base import text_of
from forum.search.parse import SearchQuery

PER_PAGE = 20
_MARKED = re.compile(r"<mark>(.*?)</mark>")


class Total(int):
    """How many posts were found; where the engine stopped counting, "more than" that."""

    more = False

    def __str__(self) -> str:
        return f"more than {int(self):,}" if self.more else super().__str__()


def _total(count: int, more: bool) -> Total:
    total = Total(count)
    total.more = more
    return total


@dataclass
class Result:
    post: Post
    snippet: Markup


@dataclass
class ResultPage:
    query: SearchQuery
    results: list[Result] = field(default_factory=list)
    total: int = 0  # a Total once searched
    per_page: int = PER_PAGE
    # A filter naming a board or member that the viewer can't see or that doesn't exist.
    unknown: list[str] = field(default_factory=list)
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        # Past a "more than" count, one page more than counted, so that Next still shows.
        more = 1 if getattr(self.total, "more", False) else 0
        return max(1, -(-self.total // self.per_page) + more)


def resolve_filters(viewer, query: SearchQuery) -> tuple[dict, list[str]]:
    """Board slug and pseudonym to ids; a board the viewer can't see is as good as unknown."""
    filters: dict = {}
    unknown = []
    if query.board:
        board = board_by_slug(viewer, query.board)
        filters["board"] = board.id if board else -1
        if board is None:
            unknown.append(f"board:{query.board}")
    if query.author:
        key = pseudonym_key(query.author)
        user_id = db.session.scalar(sa.select(User.id).where(User.pseudonym_key == key))
        filters["author"] = user_id if user_id is not None else -1
        if user_id is None:
            unknown.append(f"@{query.author}")
    return filters, unknown


def search(viewer, query: SearchQuery, suggest: bool = True) -> ResultPage:
    """A page of results the viewer may read, in the engine's order, with their snippets."""
    page = ResultPage(query)
    if query.is_empty:
        return page
    filters, page.unknown = resolve_filters(viewer, query)
    everything = query.include_hidden and can_moderate(viewer)
    engine = engine_for()
    hits = engine.search(query, filters, public_only=not everything, per_page=PER_PAGE)
    # The index may lag behind a hide or a removal: SQL decides, with the boards' own rule.
    reader = viewer if everything else None
    stmt = readable_posts(reader).where(Post.id.in_(hits.ids))
    skipped = hidden_kinds(viewer)  # content notes this reader asked not to see
    if skipped:
        stmt = stmt.where(sa.or_(Post.content_note.is_(None), Post.content_note.not_in(skipped)))
    posts = {p.id: p for p in db.session.scalars(stmt)} if hits.ids else {}
    ordered = [posts[i] for i in hits.ids if i in posts]
    page.total = _total(max(hits.total - (len(hits.ids) - len(ordered)), len(ordered)), hits.more)
    texts = {p.id: text_of(p.body_html) for p in ordered}
    snippets = engine.snippets(query, texts, {p.id: p.language for p in ordered})
    page.results = [Result(p, snippets[p.id]) for p in ordered]
    if not ordered and suggest and query.page == 1:
        page.suggestion = _suggestion(viewer, query)
    return page


# A respelling is looked for in at most this many words, trying at most this many
# respelled searches, for at most this long: a query can't make a worker spin.
SUGGEST_WORDS = 3
SUGGEST_SEARCHES = 4
SUGGEST_SECONDS = 0.25


def _suggestion(viewer, query: SearchQuery) -> str | None:
    """A respelling, offered only if it finds something this viewer may read.

    The index's word list includes words of posts the viewer can't see; running the
    respelled search through the same rule keeps those words from ever showing.
    """
    engine = engine_for()
    deadline = time.monotonic() + SUGGEST_SECONDS
    tries = 0
    # Words of three letters or more only: shorter ones have too many neighbours to mean much.
    worth_it = [(i, w) for i, w in enumerate(query.words) if len(w) >= 3][:SUGGEST_WORDS]
    for index, word in worth_it:
        for candidate in engine.suggest(word)[:2]:
            if tries == SUGGEST_SEARCHES or time.monotonic() > deadline:
                return None
            tries += 1
            words = list(query.words)
            words[index] = candidate
            respelled = query.with_words(words)
            results = search(viewer, respelled, suggest=False).results
            if results:
                # The index knows stems ("tomato"); offer the word as a readable post
                # spells it ("tomatoes"), taken from that post's highlighted snippet.
                marked = _MARKED.search(str(results[0].snippet))
                spelled = html.unescape(marked.group(1)).lower() if marked else candidate
                return query.text.replace(word, spelled, 1)
    return None


def recent_stories(limit: int = 3) -> list[Thread]:
    """The newest stories anyone may read, for a search that found nothing."""
    stmt = (
        readable_posts(None)
        .where(Post.is_opening.is_(True))
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(limit)
    )
    return [post.thread for post in db.session.scalars(stmt)]


def introductions(viewer) -> Board | None:
    return board_by_slug(viewer, current_app.config.get("SEARCH_WELCOME_BOARD", "introductions"))
