"""Rendered pieces of a page kept per worker, for members as much as for signed-out readers.

A thread page is mostly its post cards, and a card is the same markup for every reader who
sees the same things about it. A feature describes a card by a tuple of plain values,
everything its markup reads (the post's words, state and names, and what this reader may do
with it); the markup is a pure function of that tuple, rendered by a macro that is given
nothing else. The tuple, with the page's language and time zone, is the key (kept as a
fingerprint of them all): an edit, a
redaction, a rename or a reader's own reaction makes another key, so nothing is ever stale.
A piece may say what it was made from (a post), so that when that changes its old pieces
leave memory at once too (forget_pieces). Pieces are dropped oldest first past `FRAGMENT_CACHE_SIZE`
(0 turns the cache off; every piece is then rendered), or past `FRAGMENT_CACHE_MB`.

A piece holds forms, but never the reader's form token: the markup carries `CSRF_SLOT`,
which `fill_token` replaces with this reader's token in the page they are sent. The slot is
an HTML comment, which a member's words can never carry (the text pipeline escapes `<` or
strips comments), so only Hearth's own markup has one.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from threading import Lock
from typing import TypeVar

from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from forum.i18n import reader_clock

CSRF_SLOT = Markup("<!--csrf-token-->")
T = TypeVar("T")


class FragmentCache:
    """The last `size` rendered pieces, by key, in at most `budget` bytes (thread-safe; one
    per worker). Pieces are kept as UTF-8: a piece with one "·" in it would take two bytes a
    letter as a Python string. A piece over a hundredth of the budget (a long post of bare
    links renders to 200 KB) is rendered each time and never kept, so that no member's
    writing can fill a worker's memory."""

    def __init__(self, size: int, budget: int = 8 * 2**20) -> None:
        self.size = size
        self.budget = budget
        self._pieces: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        # What each piece was made from (a post, a thread), where its maker said, so that its
        # pieces can be let go of at once when its words change or leave (forget()).
        self._tag_of: dict[Hashable, Hashable] = {}
        self._tagged: dict[Hashable, set[Hashable]] = {}
        self._lock = Lock()
        self.hits = self.misses = 0

    def get_or_render(
        self, key: Hashable, render: Callable[[], str], tag: Hashable | None = None
    ) -> str:
        if self.size <= 0:
            return render()
        with self._lock:
            piece = self._pieces.get(key)
            if piece is not None:
                self._pieces.move_to_end(key)
                self.hits += 1
                return piece.decode()
        text = str(render())
        piece = text.encode()
        with self._lock:
            self.misses += 1
            if len(piece) > self.budget // 100 or key in self._pieces:
                return text
            self._pieces[key] = piece
            self._bytes += len(piece)
            if tag is not None:
                self._tag_of[key] = tag
                self._tagged.setdefault(tag, set()).add(key)
            while len(self._pieces) > self.size or self._bytes > self.budget:
                self._drop(next(iter(self._pieces)))
        return text

    def forget(self, tags: Iterable[Hashable]) -> int:
        """Let go at once of every piece made from these (a post edited, redacted, hidden or
        erased): no key reaches them any more, and now no memory holds them either."""
        with self._lock:
            keys = {key for tag in set(tags) for key in self._tagged.get(tag, ())}
            for key in keys:
                self._drop(key)
        return len(keys)

    def _drop(self, key: Hashable) -> None:
        self._bytes -= len(self._pieces.pop(key))
        tag = self._tag_of.pop(key, None)
        if tag is not None:
            keys = self._tagged[tag]
            keys.discard(key)
            if not keys:
                del self._tagged[tag]

    @property
    def bytes_kept(self) -> int:
        return self._bytes

    def pieces(self) -> list[str]:
        with self._lock:
            return [piece.decode() for piece in self._pieces.values()]

    def __len__(self) -> int:
        return len(self._pieces)

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()
            self._tag_of.clear()
            self._tagged.clear()
            self._bytes = 0


def fragment_cache() -> FragmentCache:
    app = current_app._get_current_object()
    cache = app.extensions.get("fragments")
    if cache is None:
        cache = app.extensions["fragments"] = FragmentCache(
            app.config["FRAGMENT_CACHE_SIZE"], app.config["FRAGMENT_CACHE_MB"] * 2**20
        )
    return cache


def render_pieces(
    kind: str,
    values: Iterable[T],
    render: Callable[[T], str],
    tag: Callable[[T], Hashable] | None = None,
) -> Markup:
    """Each piece of one kind, from the cache or rendered from its values (a tuple of plain
    values: all that the rendering reads), in this page's language and time zone, joined,
    with the reader's own form token in its slots. `tag` says what a piece was made from,
    for forget_pieces()."""
    cache = fragment_cache()
    where = repr((kind, *reader_clock()[1:]))
    html = "".join(
        cache.get_or_render(
            _fingerprint(where, value),
            lambda value=value: render(value),
            tag(value) if tag is not None else None,
        )
        for value in values
    )
    return fill_token(html)


def forget_pieces(tags: Iterable[Hashable]) -> int:
    """Drop this worker's pieces made from these at once (others drop theirs as they fill)."""
    cache = current_app.extensions.get("fragments")
    return cache.forget(tags) if cache is not None else 0


def _fingerprint(where: str, value) -> bytes:
    # Keyed by a fingerprint of every value (the repr of plain values says them all, the
    # post's words too), so that thousands of pieces keep only their markup, not it twice.
    return hashlib.blake2b(f"{where}{value!r}".encode(), digest_size=20).digest()


def fill_token(html: str) -> Markup:
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, generate_csrf())
    return Markup(html)  # noqa: S704  (pieces are rendered by autoescaping templates)
