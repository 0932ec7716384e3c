"""The embedded engine: a Whoosh index in the instance folder, written by one drainer at a time."""

import fcntl
import gc
import os
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup
from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term
from whoosh.reading import SegmentReader

from forum.search.engine.base import (
    TOTAL_CAP,
    DocSource,
    Hits,
    IndexMissing,
    IndexOutdated,
    PostDoc,
    SearchEngine,
    highlight,
)
from forum.search.engine.whoosh.files import file_sizes, files_whole
from forum.search.engine.whoosh.query import (
    DocSet,
    build_query,
    filter_docs,
    filter_key,
)
from forum.search.engine.whoosh.ranking import count_of, ranked
from forum.search.engine.whoosh.rebuild import write_parts
from forum.search.engine.whoosh.schema import (
    READINGS,
    fields_of,
    make_schema,
    shape,
    spans_of,
    tokens,
)
from forum.search.parse import SearchQuery

# Document sets of filters, kept per searcher (they change only when the index does).
_SETS_KEPT = 64
# The fields an index must have for this code to write it.
_SHAPE = shape(make_schema())


def _without_deleted(writer, segments) -> list:
    """Whoosh's merge policy after a redaction: rewrite every segment that holds deleted
    documents, since their words stay in its term list (and so in spelling suggestions)
    until it is rewritten. Costly on a large segment; redactions are rare."""
    kept = []
    for segment in segments:
        if segment.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


class WhooshEngine(SearchEngine):
    name = "whoosh"

    def __init__(self, directory: str, may_create: Callable[[], bool] = lambda: True):
        self.directory = Path(directory)
        # Asked before an index is made where none is: True only when one made now would be
        # whole (the app's engine asks the database; see base.nothing_to_lose).
        self._may_create = may_create
        self._ix = None
        self._searcher = None
        self._retired = None  # the searcher replaced last, closed when the next one is
        self._sets: dict[object, DocSet] = {}  # the searcher's filter sets, by filter
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
                    if not self._may_create():
                        raise IndexMissing(str(self.directory))
                    index.create_in(str(self.directory), make_schema())
                self._ix = self._storage().open_index()
        return self._ix

    def _storage(self) -> FileStorage:
        """The folder, read without mmap: opening a reader or a writer, Whoosh copies each
        memory-mapped segment file into the process (measured at 100,000 posts: 110 ms of
        CPU and 310 MB more RSS a searcher, again after every commit; workers indexing
        replies grew to 1.4 GB), and a file truncated under a mapping kills the worker
        with SIGBUS. Plain reads cost about a third more CPU a search."""
        return FileStorage(str(self.directory), supports_mmap=False)

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
        return self._open().writer(timeout=5.0, compound=False)

    def searcher(self):
        """This worker's searcher, refreshed to the newest commit."""
        return self._current()[0]

    def _current(self):
        with self._guard:
            if self._searcher is not None and not files_whole(self.directory, self._files):
                self._retire()
            if self._searcher is None or not self._searcher.up_to_date():
                self._retire()
                # A new searcher, not refresh(): whoosh-reloaded 2.7.5's refresh() keeps the
                # replaced segments, so updated posts would show twice.
                self._files = file_sizes(self.directory)
                self._searcher = self._open().searcher()
                self._sets = {}
            return self._searcher, self._sets

    def _retire(self) -> None:
        """Put the searcher aside, closing the one put aside before it (its files stay open
        until then, for a search another thread may still be running on it)."""
        if self._searcher is None:
            return
        if self._retired is not None:
            self._retired.close()
        self._retired, self._searcher = self._searcher, None

    def _docset(self, searcher, sets: dict, key, make) -> DocSet | None:
        """The documents `make()` finds (those passing a filter), once per searcher."""
        if key is None:
            return None
        found = sets.get(key)
        if found is None:
            found = DocSet(make(), searcher.doc_count_all())
            with self._guard:
                if len(sets) >= _SETS_KEPT:
                    sets.clear()
                sets[key] = found
        return found

    # --- writing ------------------------------------------------------------------------

    def write(self, docs: list[PostDoc], forget: Iterable[int], purge: bool = False) -> None:
        writer = self._writer()
        if shape(writer.schema) != _SHAPE:
            # Written on as it is, the index would hold some posts one way and some another.
            writer.cancel()
            raise IndexOutdated(str(self.directory))
        try:
            for post_id in forget:
                writer.delete_by_term("id", str(post_id))
            for doc in docs:
                writer.update_document(**fields_of(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=_without_deleted if purge else None)

    def replace_all(self, sources: list[DocSource], progress=None) -> int:
        return write_parts(self._open_for_rebuild(), sources, progress)

    def _open_for_rebuild(self):
        """The index to rebuild into: the folder's own, or a new one where the folder was lost,
        its files no longer read, or an earlier version of the schema wrote it (searches
        find nothing until the rebuild commits). A rebuild must always be possible."""
        with self._guard:
            self._retire()
            self._ix = None
        # Whoosh leaves open the file it failed to read: let it close without a warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = self._open()
                if shape(ix.schema) == _SHAPE:
                    return ix
            except Exception:  # a truncated or half-deleted folder: whatever Whoosh raised
                self._ix = None
            gc.collect()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ix = self._storage().create_index(make_schema())
        return self._ix

    def signatures(self) -> dict[int, str]:
        return {int(f["id"]): f["sig"] for f in self.searcher().all_stored_fields()}

    # --- reading ------------------------------------------------------------------------

    def search(self, q: SearchQuery, filters: dict, public_only: bool, per_page: int) -> Hits:
        found = build_query(q)
        if found is None:
            return Hits([], 0)
        searcher, sets = self._current()
        allow = self._docset(
            searcher, sets, filter_key(q, filters), lambda: filter_docs(searcher, q, filters)
        )
        # Few posts are out of a signed-out reader's sight: mask those, rather than filter
        # through a set of nearly every document.
        hidden = Term("public", False)
        mask = (
            self._docset(searcher, sets, "hidden", lambda: searcher.docs_for_query(hidden))
            if public_only
            else None
        )
        want = q.page * per_page
        if q.sort == "newest" or not q.has_terms:
            results = searcher.search(
                found,
                limit=want,
                filter=allow.bits if allow is not None else None,
                mask=mask.bits if mask is not None else None,
                sortedby="created",
                reverse=True,
            )
            docnums = [docnum for _, docnum in results.top_n]
            exact = len(results)
            ids = [int(searcher.stored_fields(d)["id"]) for d in docnums[want - per_page :]]
            return Hits(ids, min(exact, TOTAL_CAP), more=exact > TOTAL_CAP)
        docnums, count, more = ranked(searcher, q, allow, mask, want)
        ids = [int(searcher.stored_fields(d)["id"]) for d in docnums[want - per_page :]]
        if count is None:
            return Hits(ids, *count_of(searcher, q, allow, mask))
        return Hits(ids, count, more=more)

    def snippets(
        self, q: SearchQuery, texts: dict[int, str], languages: dict[int, str] | None = None
    ) -> dict[int, Markup]:
        searched = list(q.words) + [" ".join(p) for p in q.phrases]
        # The words to mark, as each language reads them: a post is marked in its own.
        wanted = {lang: {s for t in searched for s in tokens(t, lang)} for lang in READINGS}
        languages = languages or {}
        marked = {}
        for post_id, text in texts.items():
            lang = languages.get(post_id, "en")
            lang = lang if lang in wanted else "en"
            marked[post_id] = highlight(text, spans_of(text, wanted[lang], lang))
        return marked

    def suggest(self, word: str) -> list[str]:
        searcher, found = self.searcher(), []
        for reading in READINGS.values():
            if reading.body not in searcher.schema:
                continue  # an index from before this language (see IndexOutdated)
            for spelling in searcher.corrector(reading.body).suggest(word.lower(), limit=3):
                if spelling != word.lower() and spelling not in found:
                    found.append(spelling)
        return found[:3]
