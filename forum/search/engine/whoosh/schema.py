"""What the Whoosh index holds about a post, and how its words are read (fast, for rebuilds)."""

from datetime import date, datetime

from whoosh import columns
from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import BOOLEAN, COLUMN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem

from forum.search.engine.base import PostDoc

ANALYZER = StemmingAnalyzer()
_STEMS: dict[str, str] = {}
_STEMS_KEPT = 200_000
# Titles repeat on every post of a thread: their postings are computed once.
_TITLES: dict[tuple[float, str], list] = {}
_TITLES_KEPT = 4096


def tokens(text: str) -> list[str]:
    return [t.text for t in ANALYZER(text)]


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_KEPT:
            _STEMS.clear()
        found = _STEMS[word] = stem(word)
    return found


def word_positions(text: str) -> dict[str, list[int]]:
    """Each stemmed word of `text` and its positions, exactly as ANALYZER numbers them.

    ANALYZER does the same through a chain of generators and a Token object a word, about
    half the cost of indexing a post; a test holds the two to the same answer.
    """
    found: dict[str, list[int]] = {}
    pos = None
    for at, match in enumerate(default_pattern.finditer(text)):
        word = match.group().lower()
        if len(word) < 2 or word in STOP_WORDS:
            continue
        # Stop words leave no gap: positions count on from the first word kept.
        pos = at if pos is None else pos + 1
        stemmed = _stem(word)
        if stemmed in found:
            found[stemmed].append(pos)
        else:
            found[stemmed] = [pos]
    return found


def spans_of(text: str, wanted: set[str]) -> list[tuple[int, int]]:
    """Where in `text` the words whose stems are `wanted` stand (for highlighting)."""
    spans = []
    for match in default_pattern.finditer(text):
        word = match.group().lower()
        if len(word) >= 2 and word not in STOP_WORDS and _stem(word) in wanted:
            spans.append(match.span())
    return spans


class Words(TEXT):
    """A TEXT field (positions, ANALYZER for queries) that indexes through word_positions()."""

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        key = (boost, value)
        if len(value) < 300 and key in _TITLES:
            return _TITLES[key]
        encode = self.format.encode
        items = [
            (word.encode("utf-8"), len(at), len(at) * boost, encode(at))
            for word, at in word_positions(value).items()
        ]
        if len(value) < 300:
            if len(_TITLES) >= _TITLES_KEPT:
                _TITLES.clear()
            _TITLES[key] = items
        return items


def make_schema() -> Schema:
    # Only what search needs is stored: the id (results are ids) and the signature (check).
    return Schema(
        id=ID(stored=True, unique=True),
        thread=ID,
        board=ID,
        author=ID,
        kind=ID,
        public=BOOLEAN,
        # The time only sorts (a column, not indexed); the date filters read the day, which
        # indexes as 2 terms where a DATETIME takes 8, and a range of days expands to a few
        # terms where a range of microsecond times expands to hundreds.
        created=COLUMN(columns.NumericColumn("q")),
        day=NUMERIC(bits=32, shift_step=16, signed=False),
        title=Words(analyzer=ANALYZER, field_boost=2.0),
        # No spelling=True: it analyses every body a second time and writes an unstemmed
        # copy of its words (rebuild ran at less than half the speed); suggestions come from
        # the stemmed words instead (see suggest()).
        body=Words(analyzer=ANALYZER),
        sig=STORED,
    )


_EPOCH = datetime(1970, 1, 1)


def day_number(day: date) -> int:
    return day.toordinal()


def fields_of(doc: PostDoc) -> dict:
    return {
        "id": str(doc.id),
        "thread": str(doc.thread_id),
        "board": str(doc.board_id),
        "author": str(doc.author_id or ""),
        "kind": doc.kind,
        "public": doc.public,
        "created": int((doc.created_at - _EPOCH).total_seconds() * 1_000_000),
        "day": day_number(doc.created_at.date()),
        "title": doc.title,
        "body": doc.body,
        "sig": doc.signature,
    }


def shape(schema: Schema) -> dict:
    return {name: (type(field), field.column_type is None) for name, field in schema.items()}
