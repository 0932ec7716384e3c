"""Rendered pieces of a page kept per worker, for members as much as for signed-out readers.

A thread page is mostly its post cards, and a card is the same markup for every reader who
sees the same things about it. A feature describes a card by a tuple of plain values,
everything its markup reads (the post's words, state and names, and what this reader may do
with it); the markup is a pure function of that tuple, rendered by a macro that is given
nothing else. The tuple, with the page's language and time zone, is the key: an edit, a
redaction, a rename or a reader's own reaction makes another key, so nothing is ever stale
and nothing needs to be told. Pieces are dropped oldest first past `FRAGMENT_CACHE_SIZE`
(0 turns the cache off; every piece is then rendered).

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
from flask_babel import get_timezone
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from forum.i18n import current_locale

CSRF_SLOT = Markup("<!--csrf-token-->")
T = TypeVar("T")


class FragmentCache:
    """The last `size` rendered pieces, by key (thread-safe; one per worker)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pieces: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = Lock()
        self.hits = self.misses = 0

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        if self.size <= 0:
            return render()
        with self._lock:
            piece = self._pieces.get(key)
            if piece is not None:
                self._pieces.move_to_end(key)
                self.hits += 1
                return piece
        piece = str(render())
        with self._lock:
            self.misses += 1
            self._pieces[key] = piece
            while len(self._pieces) > self.size:
                self._pieces.popitem(last=False)
        return piece

    def __len__(self) -> int:
        return len(self._pieces)

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()


def fragment_cache() -> FragmentCache:
    app = current_app._get_current_object()
    cache = app.extensions.get("fragments")
    if cache is None:
        cache = app.extensions["fragments"] = FragmentCache(app.config["FRAGMENT_CACHE_SIZE"])
    return cache


def digest(text: str | None) -> bytes | None:
    """A short fingerprint of a long text, to key on it without keeping it twice."""
    return None if text is None else hashlib.blake2b(text.encode(), digest_size=16).digest()


def render_pieces(kind: str, pieces: Iterable[tuple[Hashable, T]], render: Callable[[T], str]):
    """Each piece of one kind, from the cache or rendered: `pieces` gives (key, what to
    render), and the key stands for all that the rendering reads. In this page's language
    and time zone, joined, with the reader's own form token in its slots."""
    cache = fragment_cache()
    where = (kind, current_locale(), str(get_timezone()))
    html = "".join(
        cache.get_or_render((where, key), lambda value=value: render(value))
        for key, value in pieces
    )
    return fill_token(html)


def fill_token(html: str) -> Markup:
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, generate_csrf())
    return Markup(html)  # noqa: S704  (pieces are rendered by autoescaping templates)
