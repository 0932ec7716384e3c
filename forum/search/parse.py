"""What a person typed in the search box, read into words, phrases and filters; never fails."""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from forum.web.paging import page_from

MAX_LENGTH = 200
MAX_PAGE = 100
# The most distinct words (and phrases, and excluded words) one search considers: what a
# person types to find a story fits; more only costs the worker (issue: 67 x "ab").
MAX_TERMS = 12
KINDS = ("story", "milestone", "reply")
SORTS = ("relevance", "newest")

# A pair of quotes makes a phrase; a lone quote is dropped (see parse()).
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters that engines treat as syntax; a word is only what is left around them.
_SYNTAX = re.compile(r"[\"()&|!:<>*@\\]+")


@dataclass
class SearchQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    board: str | None = None
    author: str | None = None
    after: date | None = None
    before: date | None = None
    kind: str | None = None
    sort: str = "relevance"
    page: int = 1
    include_hidden: bool = False
    # The text as read (control characters gone, cut to MAX_LENGTH), for the search box.
    text: str = ""
    truncated: bool = False
    # More than MAX_TERMS words were typed: only the first were searched.
    too_many_words: bool = False

    @property
    def has_terms(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def has_filters(self) -> bool:
        return any((self.board, self.author, self.after, self.before, self.kind))

    @property
    def is_empty(self) -> bool:
        return not (self.has_terms or self.has_filters)

    @property
    def after_time(self) -> datetime | None:
        return datetime.combine(self.after, datetime.min.time()) if self.after else None

    @property
    def before_time(self) -> datetime | None:
        """`before:2025-01-01` means earlier than that day."""
        return datetime.combine(self.before, datetime.min.time()) if self.before else None

    def with_words(self, words: list[str]) -> "SearchQuery":
        return replace(self, words=words, page=1)

    def websearch(self) -> str:
        """The words again, in PostgreSQL's websearch syntax, with nothing left to misread."""
        parts = list(self.words)
        parts += ['"' + " ".join(p) + '"' for p in self.phrases]
        parts += ["-" + w for w in self.excluded]
        return " ".join(parts)


def clean_text(raw: str) -> tuple[str, bool]:
    """Drop control and format characters, squeeze spaces, cut at MAX_LENGTH."""
    kept = "".join(" " if ch.isspace() else ch for ch in raw if unicodedata.category(ch)[0] != "C")
    text = " ".join(kept.split())
    if len(text) > MAX_LENGTH:
        return text[:MAX_LENGTH].rsplit(" ", 1)[0] or text[:MAX_LENGTH], True
    return text, False


def words_of(text: str) -> list[str]:
    """Plain words: syntax characters and leading minus signs become spaces."""
    out = []
    for piece in _SYNTAX.sub(" ", text).split():
        piece = piece.strip("-'.,;?")
        if piece and piece.lower() not in ("or", "and", "not"):
            out.append(piece)
    return out


def _date(value: str | None) -> date | None:
    if not value or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse(args) -> SearchQuery:
    """Read q and the filter parameters; anything malformed becomes plain words or is ignored."""
    text, truncated = clean_text(str(args.get("q", "")))
    query = SearchQuery(text=text, truncated=truncated)
    if text.count('"') % 2:
        # An unbalanced quote: read the last one as nothing.
        head, _, tail = text.rpartition('"')
        text = head + " " + tail
    for phrase, token in _TOKEN.findall(text):
        if phrase:
            words = words_of(phrase)
            if len(words) > 1:
                query.phrases.append(words)
            else:
                query.words += words
        else:
            _read_token(query, token)
    _bound(query)
    _read_params(query, args)
    return query


def _distinct(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if not (w.casefold() in seen or seen.add(w.casefold()))]


def _bound(query: SearchQuery) -> None:
    """Repeated words count once, and at most MAX_TERMS terms are searched in all."""
    words, excluded = _distinct(query.words), _distinct(query.excluded)
    phrases = [list(p) for p in dict.fromkeys(tuple(p[:MAX_TERMS]) for p in query.phrases)]
    room = MAX_TERMS
    query.words, room = words[:room], max(room - len(words), 0)
    query.phrases, room = phrases[:room], max(room - len(phrases), 0)
    query.excluded = excluded[:room]
    query.too_many_words = len(words) + len(phrases) + len(excluded) > MAX_TERMS


def _read_token(query: SearchQuery, token: str) -> None:
    lower = token.lower()
    name, _, value = lower.partition(":")
    if token.startswith("@") and len(token) > 1:
        query.author = token[1:]
    elif name in ("board", "kind") and value:
        if name == "board":
            query.board = value
        elif value in KINDS:
            query.kind = value
    elif name in ("before", "after") and _date(value):
        setattr(query, name, _date(value))
    elif token.startswith("-") and words_of(token):
        query.excluded += words_of(token)
    else:
        query.words += words_of(token)


def _read_params(query: SearchQuery, args) -> None:
    """Filters chosen in the form's fields win over those typed in the box."""
    board = str(args.get("board", "")).strip().lower()
    author = str(args.get("author", "")).strip().lstrip("@")
    kind = str(args.get("kind", "")).strip().lower()
    if board:
        query.board = board[:40]
    if author:
        query.author = author[:30]
    if kind in KINDS:
        query.kind = kind
    for name in ("after", "before"):
        value = _date(str(args.get(name, "")).strip())
        if value:
            setattr(query, name, value)
    sort = str(args.get("sort", ""))
    query.sort = sort if sort in SORTS else "relevance"
    query.page = min(page_from(args.get("page")), MAX_PAGE)
    query.include_hidden = args.get("hidden") in ("1", "y", "on")
