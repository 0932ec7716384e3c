"""The interface every search engine answers, and the documents the engines are given."""

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import Session

from forum.posts.models import Post, Thread, ThreadKind
from forum.posts.visibility import readable_posts_filter
from forum.search.models import SearchOutbox
from forum.search.parse import SearchQuery

_TAG = re.compile(r"<[^>]*>")
# Characters the highlighter uses as markers; never part of indexed text.
MARK_START, MARK_END = "\ue000", "\ue001"


def text_of(body_html: str) -> str:
    """The words a reader sees, from the stored HTML that forum.text made.

    That HTML is the sanitised render of the source, so dropping its tags gives what
    forum.text.plain_text() gives, about 200 times faster (a rebuild reads every post).
    """
    text = html.unescape(_TAG.sub("", body_html))
    return text.replace(MARK_START, "").replace(MARK_END, "").strip()


@dataclass(frozen=True)
class PostDoc:
    """What the index holds about one post."""

    id: int
    thread_id: int
    board_id: int
    author_id: int | None
    title: str
    body: str
    created_at: datetime
    kind: str  # story, milestone or reply
    public: bool  # readable by a signed-out visitor: the boards' own rule, at indexing time
    language: str = "en"  # whose stemming reads its words (forum.posts.languages)

    @property
    def signature(self) -> str:
        parts = (self.thread_id, self.board_id, self.author_id, self.title, self.body)
        parts += (self.created_at.isoformat(), self.kind, self.public, self.language)
        return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


# Counting every hit of a common word costs more than finding the page: engines count this
# far and then say "more than".
TOTAL_CAP = 1000
# Relevance ranks at most about this many matches, the newest: ranking every match of a common
# word costs more than the whole page. Pages past it widen the pool.
RANK_POOL = 1000


@dataclass
class Hits:
    ids: list[int]  # in the engine's order
    total: int
    more: bool = False  # the engine stopped counting at `total` (TOTAL_CAP)


def _doc_select() -> sa.Select:
    kind = sa.case(
        (sa.not_(Post.is_opening), "reply"),
        (Thread.kind == ThreadKind.MILESTONE, "milestone"),
        else_="story",
    )
    return (
        sa.select(
            Post.id,
            Post.thread_id,
            Thread.board_id,
            Post.author_id,
            Thread.title,
            Post.body_html,
            Post.created_at,
            kind,
            # The boards' visibility rule for a signed-out visitor, evaluated by the database.
            sa.case((readable_posts_filter(None), True), else_=False),
            Post.language,
        )
        .join(Post.thread)
        .join(Thread.board)
    )


def _doc(row) -> PostDoc:
    pid, thread_id, board_id, author_id, title, body_html, created, kind, public, lang = row
    text = text_of(body_html)
    return PostDoc(
        pid, thread_id, board_id, author_id, title, text, created, kind, bool(public), lang
    )


def load_docs(session: Session, post_ids: Iterable[int]) -> dict[int, PostDoc]:
    """The current documents of these posts; a post that no longer exists is absent."""
    ids = sorted(set(post_ids))
    docs: dict[int, PostDoc] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(_doc_select().where(Post.id.in_(chunk))):
            docs[row[0]] = _doc(row)
    return docs


def all_docs(
    session: Session, batch: int = 1000, after: int = 0, upto: int | None = None
) -> Iterator[list[PostDoc]]:
    """Every post's document (or those with ids after `after`, up to `upto`), in batches by
    id (for rebuild and check)."""
    last = after
    while True:
        stmt = _doc_select().where(Post.id > last)
        if upto is not None:
            stmt = stmt.where(Post.id <= upto)
        rows = session.execute(stmt.order_by(Post.id).limit(batch)).all()
        if not rows:
            return
        yield [_doc(row) for row in rows]
        last = rows[-1][0]


# A part of the posts for a rebuild: called (perhaps in another process), it reads them.
DocSource = Callable[[], Iterable[list[PostDoc]]]


class IndexMissing(RuntimeError):
    """The index is gone while the database holds posts that were in it: an empty new index
    would look whole and find only what is written from now on, so only a rebuild makes one."""

    def __init__(self, where: str):
        super().__init__(
            f"The search index in {where} is missing; `flask --app wsgi search rebuild` "
            "makes a whole one (until then, changes wait in the outbox)."
        )


class IndexOutdated(IndexMissing):
    """The index was made by an earlier version of Hearth, which read words otherwise: new
    changes wait in the outbox until a rebuild makes it anew."""

    def __init__(self, where: str):
        RuntimeError.__init__(
            self,
            f"The search index in {where} was made by an earlier version of Hearth; "
            "`flask --app wsgi search rebuild` makes it anew (until then, changes wait in "
            "the outbox).",
        )


def nothing_to_lose(session: Session) -> bool:
    """Whether a new, empty index would be whole once the outbox is drained: every post is
    still waiting in it (a new forum, or one whose posts were never indexed)."""
    waiting = sa.select(SearchOutbox.post_id)
    return not session.scalar(sa.select(sa.exists().where(Post.id.not_in(waiting))))


class SearchEngine:
    """One small interface: index a post, forget a post, search, rebuild, check."""

    name = "?"

    def locked(self) -> AbstractContextManager[bool]:
        """Take the writer's lock without waiting: True if this process now holds it."""
        raise NotImplementedError

    def write(self, docs: list[PostDoc], forget: Iterable[int], purge: bool = False) -> None:
        """Index (or re-index) these documents and forget these post ids, in one commit;
        with `purge` (after a redaction), keep no word of any replaced or forgotten one."""
        raise NotImplementedError

    def search(self, query: SearchQuery, filters: dict, public_only: bool, per_page: int) -> Hits:
        """A page of matching post ids, best first (or newest first), and how many match,
        counted up to TOTAL_CAP; never every hit loaded to show one page."""
        raise NotImplementedError

    def snippets(
        self, query: SearchQuery, texts: dict[int, str], languages: dict[int, str] | None = None
    ) -> dict[int, Markup]:
        """For the page's posts, a short extract with the matched words in <mark>, escaped;
        the words are those of each post's language (English where none is given)."""
        raise NotImplementedError

    def suggest(self, word: str) -> list[str]:
        """Spellings the index knows near this word (to be checked before offering)."""
        return []

    def replace_all(self, sources: list[DocSource], progress=None) -> int:
        """Recreate the index from the documents of these sources (parts of the posts, in id
        order; an engine may read them at once); searches see the old index until done."""
        raise NotImplementedError

    def signatures(self) -> dict[int, str]:
        """The signature stored for every indexed post (for check)."""
        raise NotImplementedError


def highlight(text: str, spans: list[tuple[int, int]], length: int = 240) -> Markup:
    """An extract of `text` around the first span, every span wrapped in <mark>, all escaped."""
    if not spans:
        cut = text[:length]
        return Markup.escape(cut + ("…" if len(text) > length else ""))
    spans = sorted(spans)
    start = max(0, spans[0][0] - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    out = [Markup("…") if start else Markup("")]
    at = start
    for a, b in spans:
        if a < at or b > end:
            continue
        out += [Markup.escape(text[at:a]), Markup("<mark>"), Markup.escape(text[a:b])]
        out.append(Markup("</mark>"))
        at = b
    out.append(Markup.escape(text[at:end]))
    if end < len(text):
        out.append(Markup("…"))
    return Markup("").join(out)
