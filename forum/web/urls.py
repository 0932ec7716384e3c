"""Links every page makes: a thread's address carries its title as words; where to go back
to after signing in."""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import url_for

from forum.posts.models import Thread


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def thread_url(thread: Thread, **kwargs) -> str:
    return thread_path(thread.id, thread.title, **kwargs)


def thread_path(thread_id: int, title: str, **kwargs) -> str:
    """A thread's address, with its title's words in it for people who read links."""
    return url_for("boards.thread", thread_id=thread_id, slug=slugify(title) or None, **kwargs)


# A path on this site as a browser sends it: ASCII letters, digits and the characters a URL
# may carry unencoded; nothing else (no whitespace, control characters, backslashes or
# look-alike slashes, which browsers and servers read in different ways).
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*")


def local_path(target: str | None) -> str | None:
    """`target` if it is a plain path on this site (so safe to redirect to), else None.

    Checked as sent and after each of up to three rounds of percent-decoding (and Unicode
    folding), so that no encoding of "//host", a scheme or a backslash gets through a layer
    that decodes it.
    """
    if not target or len(target) > 2000 or not _PLAIN_PATH.fullmatch(target):
        return None
    value = target
    for _ in range(3):
        if _leaves_the_site(value):
            return None
        decoded = unquote(value)
        if decoded == value:
            return target
        value = decoded
    return None


# Characters that some browser, proxy or font shows or reads as a slash or backslash.
_LOOK_ALIKE_SLASHES = frozenset("\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c")


def _leaves_the_site(value: str) -> bool:
    folded = unicodedata.normalize("NFKC", value)
    if not folded.startswith("/") or folded.startswith("//") or "\\" in folded:
        return True
    if _LOOK_ALIKE_SLASHES.intersection(value):
        return True
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in folded):
        return True
    parts = urlsplit(folded)
    return bool(parts.scheme or parts.netloc)
