"""What the Whoosh index holds about a post, and how its words are read (fast, for rebuilds).

A post's title and text go into the fields of its language, read with that language's
stemming; a search asks every language's fields, each with its own reading of the words.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from whoosh import columns
from whoosh.analysis import STOP_WORDS, LanguageAnalyzer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import BOOLEAN, COLUMN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.lang.porter import stem

from forum.search.engine.base import PostDoc

_STEMS_KEPT = 200_000


@dataclass
class Reading:
    """How one language's words are read: its analyser (for queries), the same steps done
    fast for indexing (see word_positions), and the fields its posts go in."""

    analyzer: object
    stop_words: frozenset
    stem: Callable[[str], str]
    title: str
    body: str
    stems: dict[str, str] = field(default_factory=dict)


# Every language of forum.posts.languages. English keeps the fields it always had.
READINGS = {
    "en": Reading(StemmingAnalyzer(), STOP_WORDS, stem, "title", "body"),
    # Snowball's Spanish stemmer drops accents, so "recaídas" and "recaida" meet.
    "es": Reading(
        LanguageAnalyzer("es"),
        stopwords_for_language("es"),
        stemmer_for_language("es"),
        "title_es",
        "body_es",
    ),
}
ANALYZER = READINGS["en"].analyzer
# Titles repeat on every post of a thread: their postings are computed once.
_TITLES: dict[tuple[float, str, str], list] = {}
_TITLES_KEPT = 4096


def reading_of(language: str) -> Reading:
    return READINGS.get(language) or READINGS["en"]


def tokens(text: str, language: str = "en") -> list[str]:
    return [t.text for t in reading_of(language).analyzer(text)]


def _stem(word: str, reading: Reading) -> str:
    found = reading.stems.get(word)
    if found is None:
        if len(reading.stems) >= _STEMS_KEPT:
            reading.stems.clear()
        found = reading.stems[word] = reading.stem(word)
    return found


def word_positions(text: str, language: str = "en") -> dict[str, list[int]]:
    """Each stemmed word of `text` and its positions, exactly as the language's analyser
    numbers them.

    The analyser does the same through a chain of generators and a Token object a word,
    about half the cost of indexing a post; a test holds the two to the same answer.
    """
    reading = reading_of(language)
    found: dict[str, list[int]] = {}
    pos = None
    for at, match in enumerate(default_pattern.finditer(text)):
        word = match.group().lower()
        if len(word) < 2 or word in reading.stop_words:
            continue
        # Stop words leave no gap: positions count on from the first word kept.
        pos = at if pos is None else pos + 1
        stemmed = _stem(word, reading)
        if stemmed in found:
            found[stemmed].append(pos)
        else:
            found[stemmed] = [pos]
    return found


def spans_of(text: str, wanted: set[str], language: str = "en") -> list[tuple[int, int]]:
    """Where in `text` the words whose stems (in its language) are `wanted` stand (for
    highlighting)."""
    reading = reading_of(language)
    spans = []
    for match in default_pattern.finditer(text):
        word = match.group().lower()
        if len(word) < 2 or word in reading.stop_words:
            continue
        if _stem(word, reading) in wanted:
            spans.append(match.span())
    return spans


class Words(TEXT):
    """A TEXT field (positions, its language's analyser for queries) that indexes through
    word_positions()."""

    def __init__(self, language: str = "en", **kwargs):
        super().__init__(analyzer=reading_of(language).analyzer, **kwargs)
        self.language = language

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        key = (boost, self.language, value)
        if len(value) < 300 and key in _TITLES:
            return _TITLES[key]
        encode = self.format.encode
        items = [
            (word.encode("utf-8"), len(at), len(at) * boost, encode(at))
            for word, at in word_positions(value, self.language).items()
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
        # The language's code: a phrase check asks which language's fields to look in.
        lang=ID(stored=True),
        # No spelling=True: it analyses every body a second time and writes an unstemmed
        # copy of its words (rebuild ran at less than half the speed); suggestions come from
        # the stemmed words instead (see suggest()).
        **{
            name: Words(language, field_boost=boost)
            for language, reading in READINGS.items()
            for name, boost in ((reading.title, 2.0), (reading.body, 1.0))
        },
        sig=STORED,
    )


_EPOCH = datetime(1970, 1, 1)


def day_number(day: date) -> int:
    return day.toordinal()


def fields_of(doc: PostDoc) -> dict:
    language = doc.language if doc.language in READINGS else "en"
    reading = READINGS[language]
    return {
        "id": str(doc.id),
        "thread": str(doc.thread_id),
        "board": str(doc.board_id),
        "author": str(doc.author_id or ""),
        "kind": doc.kind,
        "public": doc.public,
        "created": int((doc.created_at - _EPOCH).total_seconds() * 1_000_000),
        "day": day_number(doc.created_at.date()),
        "lang": language,
        reading.title: doc.title,
        reading.body: doc.body,
        "sig": doc.signature,
    }


def shape(schema: Schema) -> dict:
    """What an index must have been made with for this code to write it: its fields, their
    kinds and, for words, their language (an index from before has to be rebuilt)."""
    return {
        name: (type(f), f.column_type is None, getattr(f, "language", None))
        for name, f in schema.items()
    }
