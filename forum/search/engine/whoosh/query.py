"""Whoosh queries for what was typed, and the phrase checks done on a few candidates only."""

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from whoosh import query
from whoosh.idsets import BitSet

from forum.search.engine.whoosh.schema import READINGS, Reading, day_number, tokens
from forum.search.parse import SearchQuery

# A language's phrases to check: the stems of each, in that language's reading.
Phrases = dict[str, list[list[str]]]


def _word_query(reading: Reading, stems: list[str], loose: bool = False) -> query.Query | None:
    """A word (or a phrase: several words), in the title or the body of one language's
    posts; `loose`, a phrase asks only for its words."""
    fields = (reading.title, reading.body)
    if not stems:
        return None  # a stop word alone
    if len(stems) == 1:
        return query.Or([query.Term(f, stems[0]) for f in fields])
    if loose:
        return query.And([query.Or([query.Term(f, s) for f in fields]) for s in stems])
    return query.Or([query.Phrase(f, stems) for f in fields])


def _texts(q: SearchQuery) -> list[str]:
    return list(q.words) + [" ".join(p) for p in q.phrases]


def phrases_of(q: SearchQuery) -> Phrases:
    """For each language, the stems of each searched text that is a phrase to Whoosh there
    (a quoted phrase, or "alcohol-free"); empty when no language has one."""
    found = {}
    for language in READINGS:
        stems = [tokens(t, language) for t in _texts(q)]
        found[language] = [s for s in stems if len(s) > 1]
    return found if any(found.values()) else {}


def _in_language(q: SearchQuery, language: str, loose: bool) -> query.Query | None:
    reading = READINGS[language]
    parts = [_word_query(reading, tokens(t, language), loose) for t in _texts(q)]
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    found: query.Query = query.And(parts) if len(parts) > 1 else parts[0]
    excluded = [_word_query(reading, tokens(w, language)) for w in q.excluded]
    excluded = [p for p in excluded if p is not None]
    if excluded:
        found = query.AndNot(found, query.Or(excluded))
    return found


def build_query(q: SearchQuery, loose: bool = False) -> query.Query | None:
    """Every word (in the title or the body), every phrase, none of the excluded words, in
    the posts of any language, each language reading the words its own way (so that a stop
    word of one is not asked of another's posts).

    `loose` asks for the words of each phrase anywhere, not side by side: the cheap query
    that finds and ranks the candidates whose phrases are then checked (see holding()).
    """
    ways = [_in_language(q, language, loose) for language in READINGS]
    ways = [w for w in ways if w is not None]
    if not ways:
        if not q.has_filters:
            return None
        found: query.Query = query.Every()
        excluded = [
            _word_query(READINGS[lang], tokens(w, lang)) for lang in READINGS for w in q.excluded
        ]
        excluded = [p for p in excluded if p is not None]
        return query.AndNot(found, query.Or(excluded)) if excluded else found
    return query.Or(ways) if len(ways) > 1 else ways[0]


class DocSet:
    """Documents that pass a filter: a bit set to test, and the same in order to walk."""

    def __init__(self, docs: Iterable[int], size: int):
        self.ordered = array("I", sorted(docs))
        self.bits = BitSet(self.ordered, size=size)

    def __contains__(self, docnum: int) -> bool:
        return docnum in self.bits

    def __len__(self) -> int:
        return len(self.ordered)

    def between(self, low: int, high: int):
        return self.ordered[bisect_left(self.ordered, low) : bisect_left(self.ordered, high)]


def filter_key(q: SearchQuery, filters: dict) -> tuple | None:
    """What identifies the filters chosen (None: no filter)."""
    key = (filters.get("board"), filters.get("author"), q.kind, q.after, q.before)
    return key if any(part is not None for part in key) else None


def filter_docs(searcher, q: SearchQuery, filters: dict) -> set[int]:
    """The documents that pass the filters chosen: the results must be among them."""
    found: set[int] | None = None
    terms = [(n, str(filters[n])) for n in ("board", "author") if filters.get(n) is not None]
    if q.kind:
        terms.append(("kind", q.kind))
    for name, text in terms:
        docs = set(searcher.docs_for_query(query.Term(name, text)))
        found = docs if found is None else found & docs
    if q.after or q.before:
        after = day_number(q.after) if q.after else None
        before = day_number(q.before) if q.before else None
        docs = _days(searcher, after, before)
        found = docs if found is None else found & docs
    return found if found is not None else set()


def _days(searcher, after: int | None, before: int | None) -> set[int]:
    """Documents of the days from `after` up to (not including) `before`.

    Whoosh's NumericRange reads the same postings through a union of a matcher a day
    (hundreds of them for a range of a year): 7 s at 100,000 posts, where reading each
    day's postings into one set takes 60 ms."""
    field = searcher.schema["day"]
    found: set[int] = set()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        for term in field.sortable_terms(reader, "day"):
            day = field.from_bytes(term)
            if (after is None or day >= after) and (before is None or day < before):
                found.update(d + offset for d in reader.postings("day", term).all_ids())
    return found


def scored(
    searcher, found, start: int, end: int, allow, mask, by_allow: bool = False
) -> list[tuple[float, int]]:
    """(-score, docnum) of every match among documents start to end that passes the filter.

    `by_allow`: the filter passes fewer documents than match, so walk those, skipping the
    matcher to each, rather than every match."""
    context = searcher.context()
    out = []
    for sub, offset in searcher.leaf_searchers():
        low, high = max(start, offset), min(end, offset + sub.doc_count_all())
        if low >= high:
            continue
        matcher = found.matcher(sub, context)
        if by_allow:
            docs = _held(matcher, [d - offset for d in allow.between(low, high)])
        else:
            docs = _every(matcher, low - offset, high - offset)
        for local in docs:
            docnum = local + offset
            if (allow is None or docnum in allow) and (mask is None or docnum not in mask):
                out.append((-matcher.score(), docnum))
    return out


def _every(matcher, low: int, high: int) -> Iterator[int]:
    if low > 0 and matcher.is_active():
        matcher.skip_to(low)
    while matcher.is_active() and matcher.id() < high:
        yield matcher.id()
        matcher.next()


def _held(matcher, docs: list[int]) -> Iterator[int]:
    """Those of these documents (in order) that the matcher holds, left on each in turn."""
    for doc in docs:
        if matcher.is_active() and matcher.id() < doc:
            matcher.skip_to(doc)
        if not matcher.is_active():
            return
        if matcher.id() == doc:
            yield doc


def matching(searcher, found, allow=None) -> Iterator[int]:
    """The documents matching, one at a time (docs_for_query() gathers them all first);
    given `allow`, only those of its documents that match."""
    context = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = found.matcher(sub, context)
        if allow is None:
            docs = _every(matcher, 0, sub.doc_count_all())
        else:
            high = offset + sub.doc_count_all()
            docs = _held(matcher, [d - offset for d in allow.between(offset, high)])
        for local in docs:
            yield local + offset


def first_holding(
    searcher, phrases: list[list[str]], ranked: list[int], want: int, budget: int
) -> tuple[list[int], int]:
    """Those of these ranked documents that hold the phrases, in order, checking at least
    `budget` of them (or all) and more only until `want` are found; and how many were
    checked."""
    found: list[int] = []
    checked = 0
    step = max(want * 2, 40)
    while checked < len(ranked) and (checked < budget or len(found) < want):
        chunk = ranked[checked : checked + step]
        held = holding(searcher, phrases, chunk)
        found += [d for d in chunk if d in held]
        checked += len(chunk)
    return found, checked


def holding(searcher, phrases: Phrases, docnums: Iterable[int]) -> set[int]:
    """Which of these documents hold every phrase, in the title or the body, read in the
    document's own language.

    Whoosh's own Phrase query checks the positions of every candidate in the index before
    ranking, through generic span objects; this reads the positions of the given documents
    only, a few microseconds each.
    """
    wanted = sorted(docnums)
    held = set()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        local = [d - offset for d in wanted if offset <= d < offset + sub.doc_count_all()]
        if not local:
            continue
        ways = {
            language: [
                [
                    _postings(reader, f, stems)
                    for f in (READINGS[language].title, READINGS[language].body)
                ]
                for stems in texts
            ]
            for language, texts in phrases.items()
        }
        for docnum in local:
            if any(_holds(reader, docnum, lang, way) for lang, way in ways.items()):
                held.add(docnum + offset)
    return held


def _holds(reader, docnum: int, language: str, ways: list) -> bool:
    """Whether the document holds each phrase of this language (a language none of whose
    texts is a phrase there: whether the document is in that language)."""
    if not ways:
        return reader.stored_fields(docnum).get("lang", "en") == language
    return all(any(ms and _side_by_side(ms, docnum) for ms in way) for way in ways)


def _postings(reader, fieldname: str, stems: list[str]):
    if not all((fieldname, s) in reader for s in stems):
        return None  # a word the field never holds: the phrase is not there
    return [reader.postings(fieldname, s) for s in stems]


def _side_by_side(matchers, docnum: int) -> bool:
    """Whether these words' postings (one matcher a word, in order) meet in `docnum`, each
    word right after the one before (stop words are not counted, as Phrase does)."""
    starts = None
    for at, matcher in enumerate(matchers):
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return False
        here = {pos - at for pos in matcher.value_as("positions")}
        starts = here if starts is None else starts & here
        if not starts:
            return False
    return True
