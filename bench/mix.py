"""The realistic load: requests spread over the whole forum as its readers spread over it.

Every address comes from the generated forum's database (threads and their page counts,
boards and theirs, members' pseudonyms), so each one answers 200. Within each kind of
page, popularity is Zipf-like (the item of rank r weighs 1/r**s, s = 1): threads ranked by
their last activity, a thread's pages first, last, then second, third...; boards by their
posts, a board's pages in order; profiles by posts written; search terms in a fixed order.
The kinds themselves take fixed shares (KINDS): thread pages most, search least.

SIGNED_IN of the requests come from signed-in members (several, each with its own session
cookie), WRITES of all requests being their replies, POSTed through the reply form. The
mix is drawn once, with a seed, into a list of request lines that the load generator walks
round (wrk reads it in its Lua `init`), so drawing costs the generator nothing under load.

A reply's form carries a CSRF token (signed for the member's session: fetched once per
member from the real form) and a one-time write token (forum/writing/tokens.py: a random
nonce made when the form is shown, which the server keeps only once a sending stores
something; the same token sent again is answered with the first post and writes nothing).
So each sending gets a fresh token of the same shape from the generator itself (TOKEN_CHARS
random characters of the URL-safe alphabet), as a member opening the form again would.
"""

import itertools
import math
import random
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlencode

import sqlalchemy as sa

# Share of each kind of page among the requests (reads and writes alike come on top of it).
KINDS = {"thread": 0.65, "board": 0.15, "index": 0.10, "profile": 0.07, "search": 0.03}
SIGNED_IN, WRITES = 0.30, 0.02
POSTS_PER_PAGE, THREADS_PER_PAGE = 25, 30
TOKEN_CHARS = 32  # what secrets.token_urlsafe(24) gives, as the form's own tokens
SEARCH_TERMS = [
    *("day", "feel", "week", "time", "help", "family", "sleep", "work", "meeting", "friend"),
    *("cravings", "morning", "evening", "walk", "sponsor", "sister", "tired", "hope"),
    *("birdwatching", "photography", "licence", "petrol", "jigsaw"),
    *('"first week"', '"one day at a time"', '"my sister"', '"last night"'),
]
REPLIES = [
    "Thank you for writing this down. Reading how you got through the evening helps me too.",
    "I had a week like that last month. Going to a meeting every day is what held me.",
    "Well done for reaching out here. One day at a time, and today counts.",
    "The mornings were the hardest part for me as well. A walk first thing changed a lot.",
]


@dataclass
class Forum:
    """What the mix is drawn from, most popular first in each list."""

    threads: list[tuple[int, int]]  # (thread id, pages)
    writable: list[int]  # thread ids that take any member's replies at any pace
    boards: list[tuple[str, int]]  # (slug, pages)
    members: list[str]  # pseudonyms


@dataclass
class Line:
    """One request of the mix: `member` is -1 when signed out, else the index of a signed-in
    member; a write's `body` holds its form fields but for the write token, added when sent."""

    kind: str
    method: str
    path: str
    member: int = -1
    body: dict = field(default_factory=dict)


def zipf_weights(count: int, s: float = 1.0) -> list[float]:
    """Weights 1/r**s for ranks 1..count, summing to 1."""
    raw = [1 / rank**s for rank in range(1, count + 1)]
    total = sum(raw)
    return [w / total for w in raw]


def read_forum(database_url: str) -> Forum:
    """Threads, boards and members of the generated forum, as a signed-out reader lists them."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            threads = conn.execute(
                sa.text(
                    "SELECT t.id, t.is_locked OR coalesce(t.slow_mode_minutes, 0) > 0, count(p.id)"
                    " FROM threads t"
                    " JOIN boards b ON b.id = t.board_id"
                    " JOIN posts p ON p.thread_id = t.id"
                    " AND p.status NOT IN ('pending', 'rejected', 'withdrawn')"
                    " WHERE t.status = 'visible' AND NOT b.is_archived"
                    " GROUP BY t.id, t.is_locked, t.slow_mode_minutes, t.last_activity_at"
                    " ORDER BY t.last_activity_at DESC, t.id DESC"
                )
            ).all()
            boards = conn.execute(
                sa.text(
                    "SELECT b.slug, count(t.id) FROM boards b"
                    " LEFT JOIN threads t ON t.board_id = b.id AND t.status = 'visible'"
                    " WHERE NOT b.is_archived GROUP BY b.slug, b.post_count"
                    " ORDER BY b.post_count DESC, b.slug"
                )
            ).all()
            members = conn.execute(
                sa.text(
                    "SELECT u.pseudonym FROM users u JOIN posts p ON p.author_id = u.id"
                    " GROUP BY u.id, u.pseudonym ORDER BY count(p.id) DESC, u.id"
                )
            ).scalars()
            members = list(members)
    finally:
        engine.dispose()
    return Forum(
        threads=[(t, _pages(n, POSTS_PER_PAGE)) for t, _, n in threads],
        writable=[t for t, held, _ in threads if not held],  # not locked, nor in slow mode
        boards=[(slug, _pages(n, THREADS_PER_PAGE)) for slug, n in boards],
        members=members,
    )


def _pages(items: int, per_page: int) -> int:
    return max(1, math.ceil(items / per_page))


def _thread_page_order(pages: int) -> list[int]:
    """A thread's pages by how often they are read: the first, the last, then in order."""
    return [1] if pages == 1 else [1, pages, *range(2, pages)]


@lru_cache(maxsize=512)
def _cumulative(count: int) -> list[float]:
    return list(itertools.accumulate(zipf_weights(count)))


def _pick(rng: random.Random, items: list):
    """One of `items` (most popular first), drawn with Zipf weights (s = 1)."""
    return rng.choices(items, cum_weights=_cumulative(len(items)))[0]


def _read(rng: random.Random, forum: Forum, kind: str) -> str:
    """The address of one read of `kind`."""
    if kind == "index":
        return "/"
    if kind == "thread":
        thread, pages = _pick(rng, forum.threads)
        page = _pick(rng, _thread_page_order(pages))
        return f"/t/{thread}" + (f"?page={page}" if page > 1 else "")
    if kind == "board":
        slug, pages = _pick(rng, forum.boards)
        page = _pick(rng, list(range(1, pages + 1)))
        return f"/b/{slug}" + (f"?page={page}" if page > 1 else "")
    if kind == "profile":
        return "/u/" + quote(_pick(rng, forum.members), safe="")
    return "/search?" + urlencode({"q": _pick(rng, SEARCH_TERMS)})


def build(forum: Forum, members: int, count: int, seed: int = 19) -> list[Line]:
    """`count` requests drawn at random in the mix's shares, for `members` signed-in members."""
    rng = random.Random(seed)
    kinds, shares = list(KINDS), list(KINDS.values())
    lines = []
    for _ in range(count):
        draw = rng.random()
        member = rng.randrange(members) if draw < SIGNED_IN else -1
        if draw < WRITES:
            thread = _pick(rng, forum.writable)
            body = {"body": rng.choice(REPLIES)}
            lines.append(Line("reply", "POST", f"/t/{thread}/reply", member, body))
            continue
        kind = rng.choices(kinds, weights=shares)[0]
        lines.append(Line(kind, "GET", _read(rng, forum, kind), member))
    return lines


def write_token() -> str:
    """A fresh one-time write token, of the shape the reply form's own tokens have."""
    return secrets.token_urlsafe(TOKEN_CHARS * 3 // 4)


def request_lines(lines: list[Line], cookies: list[str], csrf: list[str]) -> str:
    """The mix as the load generators read it: method, path, cookie and form body, a tab
    apart, one request a line; a write's body ends in "write_token=" for its token."""
    rows = []
    for line in lines:
        cookie = cookies[line.member] if line.member >= 0 else ""
        body = ""
        if line.method == "POST":
            body = urlencode(line.body | {"csrf_token": csrf[line.member]}) + "&write_token="
        rows.append(f"{line.method}\t{line.path}\t{cookie}\t{body}")
    return "\n".join(rows) + "\n"


def shares(lines: list[Line]) -> dict[str, float]:
    """The share of signed-in requests, of writes, and of each kind of page, in `lines`."""
    total = len(lines) or 1
    found = {
        "signed_in": sum(line.member >= 0 for line in lines) / total,
        "writes": sum(line.method == "POST" for line in lines) / total,
    }
    for kind in [*KINDS, "reply"]:
        found[kind] = sum(line.kind == kind for line in lines) / total
    return found
