"""The embedded engine: a Whoosh index in the instance folder, written by one drainer at a time."""

import fcntl
import gc
import os
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup
from whoosh import columns, index, query, writing
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, COLUMN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.idsets import BitSet

from forum.search.index import RANK_POOL, TOTAL_CAP, Hits, PostDoc, SearchEngine, highlight
from forum.search.query import SearchQuery
from forum.search.whoosh_files import file_sizes, files_whole

ANALYZER = StemmingAnalyzer()
# Document sets of filters, kept per searcher (they change only when the index does).
_SETS_KEPT = 64
# Checking a phrase's positions is the dear part of counting its matches: past this many
# candidates, the count says "more than" what it found so far.
PHRASE_CHECKS = 500


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
        title=TEXT(analyzer=ANALYZER, field_boost=2.0),
        # No spelling=True: it analyses every body a second time and writes an unstemmed
        # copy of its words (rebuild ran at less than half the speed); suggestions come from
        # the stemmed words instead (see suggest()).
        body=TEXT(analyzer=ANALYZER),
        sig=STORED,
    )


def _fields(doc: PostDoc) -> dict:
    return {
        "id": str(doc.id),
        "thread": str(doc.thread_id),
        "board": str(doc.board_id),
        "author": str(doc.author_id or ""),
        "kind": doc.kind,
        "public": doc.public,
        "created": int((doc.created_at - _EPOCH).total_seconds() * 1_000_000),
        "day": _day(doc.created_at.date()),
        "title": doc.title,
        "body": doc.body,
        "sig": doc.signature,
    }


_EPOCH = datetime(1970, 1, 1)


def _day(day: date) -> int:
    return day.toordinal()


def _shape(schema: Schema) -> dict:
    return {name: (type(field), field.column_type is None) for name, field in schema.items()}


def tokens(text: str) -> list[str]:
    return [t.text for t in ANALYZER(text)]


def _either(make) -> query.Query:
    return query.Or([make("title"), make("body")])


def _word_query(word: str, loose: bool = False) -> query.Query | None:
    """A word (or a phrase: several words); `loose`, a phrase asks only for its words."""
    stems = tokens(word)
    if not stems:
        return None  # a stop word alone
    if len(stems) == 1:
        return _either(lambda f: query.Term(f, stems[0]))
    if loose:
        return query.And([_either(lambda f, s=s: query.Term(f, s)) for s in stems])
    return _either(lambda f: query.Phrase(f, stems))


def _phrases(q: SearchQuery) -> list[str]:
    """The searched texts that are phrases to Whoosh (a quoted phrase, or "alcohol-free")."""
    texts = list(q.words) + [" ".join(p) for p in q.phrases]
    return [t for t in texts if len(tokens(t)) > 1]


def build_query(q: SearchQuery, loose: bool = False) -> query.Query | None:
    """Every word (in the title or the body), every phrase, none of the excluded words.

    `loose` asks for the words of each phrase anywhere, not side by side: the cheap query
    that finds and ranks the candidates whose phrases are then checked (see search()).
    """
    parts = [_word_query(w, loose) for w in q.words]
    parts += [_word_query(" ".join(p), loose) for p in q.phrases]
    parts = [p for p in parts if p is not None]
    if not parts:
        if not q.has_filters:
            return None
        parts = [query.Every()]
    found: query.Query = query.And(parts) if len(parts) > 1 else parts[0]
    excluded = [p for p in (_word_query(w) for w in q.excluded) if p is not None]
    if excluded:
        found = query.AndNot(found, query.Or(excluded))
    return found


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


def _scored(searcher, found, start: int, end: int, allow, mask) -> list[tuple[float, int]]:
    """(-score, docnum) of every match among documents start to end that passes the filter."""
    context = searcher.context()
    scored = []
    for sub, offset in searcher.leaf_searchers():
        if offset + sub.doc_count_all() <= start or offset >= end:
            continue
        matcher = found.matcher(sub, context)
        if start > offset and matcher.is_active():
            matcher.skip_to(start - offset)
        while matcher.is_active():
            docnum = matcher.id() + offset
            if docnum >= end:
                break
            if (allow is None or docnum in allow) and (mask is None or docnum not in mask):
                scored.append((-matcher.score(), docnum))
            matcher.next()
    return scored


def _matching(searcher, found) -> Iterator[int]:
    """The documents matching, one at a time (docs_for_query() gathers them all first)."""
    context = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = found.matcher(sub, context)
        while matcher.is_active():
            yield matcher.id() + offset
            matcher.next()


def _first_holding(searcher, phrases: list[list[str]], ranked: list[int], want: int) -> list[int]:
    """The first `want` of these ranked documents that hold the phrases, checking no more
    of them than it takes (or all that do, if fewer)."""
    found: list[int] = []
    for at in range(0, len(ranked), want * 2):
        chunk = ranked[at : at + want * 2]
        held = _holding(searcher, phrases, chunk)
        found += [d for d in chunk if d in held]
        if len(found) >= want:
            break
    return found


def _holding(searcher, phrases: list[list[str]], docnums: Iterable[int]) -> set[int]:
    """Which of these documents hold every phrase, in the title or the body.

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
        ways = [[_postings(reader, f, stems) for f in ("title", "body")] for stems in phrases]
        for docnum in local:
            if all(any(ms and _side_by_side(ms, docnum) for ms in way) for way in ways):
                held.add(docnum + offset)
    return held


def _postings(reader, fieldname: str, stems: list[str]):
    if not all((fieldname, s) in reader for s in stems):
        return None  # a word the field never holds: the phrase is not there
    return [reader.postings(fieldname, s) for s in stems]


def build_filter(q: SearchQuery, filters: dict) -> query.Query | None:
    """The filters chosen, as a query whose documents the results must be among."""
    parts: list[query.Query] = []
    for name in ("board", "author"):
        if filters.get(name) is not None:
            parts.append(query.Term(name, str(filters[name])))
    if q.kind:
        parts.append(query.Term("kind", q.kind))
    if q.after or q.before:
        after = _day(q.after) if q.after else None
        before = _day(q.before) if q.before else None
        parts.append(query.NumericRange("day", after, before, endexcl=True))
    return query.And(parts) if parts else None


class WhooshEngine(SearchEngine):
    name = "whoosh"

    def __init__(self, directory: str):
        self.directory = Path(directory)
        self._ix = None
        self._searcher = None
        self._sets: dict[str, BitSet] = {}  # the searcher's filter sets, by query
        self._guard = threading.Lock()
        self._files: dict[str, int] = {}  # the folder's files and sizes when the searcher opened

    # --- the index folder ---------------------------------------------------------------

    def _open(self):
        if self._ix is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Several workers may start at once: one creates, the others wait and open.
            with open(self.directory / "create.lock", "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                if not index.exists_in(str(self.directory)):
                    index.create_in(str(self.directory), make_schema())
                self._ix = index.open_dir(str(self.directory))
        return self._ix

    @contextmanager
    def locked(self) -> Iterator[bool]:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / "drain.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # closing releases the lock, as a killed process's exit does

    def _writer(self):
        # The drain lock is held, so Whoosh's own lock is free but for a crashed writer's
        # leftovers, which a short wait outlives.
        return self._open().writer(timeout=5.0)

    def searcher(self):
        """This worker's searcher, refreshed to the newest commit."""
        return self._current()[0]

    def _current(self):
        with self._guard:
            if self._searcher is not None and not files_whole(self.directory, self._files):
                self._searcher = None
            if self._searcher is None or not self._searcher.up_to_date():
                # A new searcher, not refresh(): whoosh-reloaded 2.7.5's refresh() keeps the
                # replaced segments, so updated posts would show twice.
                self._files = file_sizes(self.directory)
                self._searcher = self._open().searcher()
                self._sets = {}
            return self._searcher, self._sets

    def _docset(self, searcher, sets: dict, q: query.Query | None) -> BitSet | None:
        """The documents matching a filter query, computed once per searcher."""
        if q is None:
            return None
        key = repr(q)
        found = sets.get(key)
        if found is None:
            found = BitSet(searcher.docs_for_query(q), size=searcher.doc_count_all())
            with self._guard:
                if len(sets) >= _SETS_KEPT:
                    sets.clear()
                sets[key] = found
        return found

    # --- writing ------------------------------------------------------------------------

    def write(self, docs: list[PostDoc], forget: Iterable[int]) -> None:
        writer = self._writer()
        try:
            for post_id in forget:
                writer.delete_by_term("id", str(post_id))
            for doc in docs:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def replace_all(self, batches: Iterable[list[PostDoc]], progress=None) -> int:
        ix = self._open_for_rebuild()
        writer = ix.writer(timeout=30.0, limitmb=128)
        count = 0
        try:
            for batch in batches:
                for doc in batch:
                    writer.add_document(**_fields(doc))
                count += len(batch)
                if progress:
                    progress(len(batch))
        except BaseException:
            writer.cancel()
            raise
        # CLEAR drops every older segment in the same commit: readers switch at once.
        writer.commit(mergetype=writing.CLEAR)
        return count

    def _open_for_rebuild(self):
        """The index to rebuild into: the folder's own, or a new one where the folder was lost,
        its files no longer read, or an earlier version of the schema wrote it (searches
        find nothing until the rebuild commits). A rebuild must always be possible."""
        with self._guard:
            self._ix = self._searcher = None
        # Whoosh leaves open the file it failed to read: let it close without a warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = self._open()
                if _shape(ix.schema) == _shape(make_schema()):
                    return ix
            except Exception:  # a truncated or half-deleted folder: whatever Whoosh raised
                self._ix = None
            gc.collect()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ix = index.create_in(str(self.directory), make_schema())
        return self._ix

    def signatures(self) -> dict[int, str]:
        return {int(f["id"]): f["sig"] for f in self.searcher().all_stored_fields()}

    # --- reading ------------------------------------------------------------------------

    def search(self, q: SearchQuery, filters: dict, public_only: bool, per_page: int) -> Hits:
        found = build_query(q)
        if found is None:
            return Hits([], 0)
        searcher, sets = self._current()
        allow = self._docset(searcher, sets, build_filter(q, filters))
        # Few posts are out of a signed-out reader's sight: mask those, rather than filter
        # through a set of nearly every document.
        mask = self._docset(searcher, sets, query.Term("public", False)) if public_only else None
        want = q.page * per_page
        if q.sort == "newest" or not q.has_terms:
            results = searcher.search(
                found, limit=want, filter=allow, mask=mask, sortedby="created", reverse=True
            )
            docnums = [docnum for _, docnum in results.top_n]
            exact = len(results)
        else:
            docnums, exact = self._ranked(searcher, q, allow, mask, want)
        ids = [int(searcher.stored_fields(d)["id"]) for d in docnums[want - per_page :]]
        if exact is None:
            return Hits(ids, *self._count(searcher, q, allow, mask))
        return Hits(ids, min(exact, TOTAL_CAP), more=exact > TOTAL_CAP)

    @staticmethod
    def _ranked(searcher, q: SearchQuery, allow, mask, want: int):
        """The best `want` documents by relevance, and how many match if that was learnt on
        the way (else None).

        Whoosh scores every match of a common word (its skipping of low-scoring blocks
        rarely helps when most posts hold the word): a query matching more than RANK_POOL
        posts is ranked among its newest RANK_POOL or so, the end of the index, as the
        PostgreSQL engine does. Phrases rank by their words' scores (as Whoosh's Phrase
        does) and are checked on the candidates in that order, only until the page is full.
        """
        loose = build_query(q, loose=True)
        phrases = [tokens(t) for t in _phrases(q)]
        size = searcher.doc_count_all()
        expected = max(loose.estimate_size(searcher.reader()), 1)
        start = end = size
        share = max(size * RANK_POOL // expected, want)
        scored: list[tuple[float, int]] = []
        page: list[int] = []
        while start > 0 and len(page) < want:
            # An estimate (words that seldom meet, a narrow filter) may leave the page short:
            # then reach further back.
            start, end = max(0, start - share), start
            scored += _scored(searcher, loose, start, end, allow, mask)
            scored.sort()
            page = [d for _, d in scored]
            if phrases:
                page = _first_holding(searcher, phrases, page, want)
            share *= 4
        exact = len(page) if start == 0 and not (phrases and len(page) >= want) else None
        return page[:want], exact

    @staticmethod
    def _count(searcher, q: SearchQuery, allow, mask) -> tuple[int, bool]:
        """How many documents match, and whether there are more: counting stops past
        TOTAL_CAP, and for phrases after checking PHRASE_CHECKS candidates' positions."""
        found = build_query(q, loose=True)
        phrases = [tokens(t) for t in _phrases(q)] if q.has_terms else []
        count = checked = 0
        batch: list[int] = []
        for docnum in _matching(searcher, found):
            if (allow is None or docnum in allow) and (mask is None or docnum not in mask):
                batch.append(docnum)
            if not phrases:
                count, batch = count + len(batch), []
            elif len(batch) >= 200:
                count += len(_holding(searcher, phrases, batch))
                checked, batch = checked + len(batch), []
                if checked >= PHRASE_CHECKS:
                    return min(count, TOTAL_CAP), True
            if count > TOTAL_CAP:
                return TOTAL_CAP, True
        if batch:
            count += len(_holding(searcher, phrases, batch))
        return min(count, TOTAL_CAP), count > TOTAL_CAP

    def snippets(self, q: SearchQuery, texts: dict[int, str]) -> dict[int, Markup]:
        wanted = {s for w in q.words for s in tokens(w)}
        wanted |= {s for p in q.phrases for s in tokens(" ".join(p))}
        out = {}
        for post_id, text in texts.items():
            spans = [
                (t.startchar, t.endchar) for t in ANALYZER(text, chars=True) if t.text in wanted
            ]
            out[post_id] = highlight(text, spans)
        return out

    def suggest(self, word: str) -> list[str]:
        corrector = self.searcher().corrector("body")
        return [s for s in corrector.suggest(word.lower(), limit=3) if s != word.lower()]
