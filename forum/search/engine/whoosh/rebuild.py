"""The offline Whoosh rebuild: one process and one segment per part of the posts, one commit.

Never used for live writes, which go through one writer.
"""

import logging
import multiprocessing
import queue

from whoosh import writing
from whoosh.writing import SegmentWriter

from forum.search.engine.base import DocSource
from forum.search.engine.whoosh.schema import fields_of

log = logging.getLogger(__name__)
# Postings a process keeps in memory (by Whoosh's own estimate; the process grows to about
# 1.3 times this). Past it, Whoosh writes sorted runs to disk and merges them at the end,
# which cost a third of the speed: at 100,000 posts and two processes, 256 MB gave 978 posts
# a CPU second, 512 MB 991, and 1024 MB (no run) 1,673, with 900 MB resident per process.
LIMIT_MB = 1024


class _Lengths:
    """A segment's field lengths read once a field, not once a posting.

    Writing a segment, Whoosh asks the length of the document's field for every posting it
    writes (about 75 a post), each a seek and read in the lengths file: that was 40% of the
    segment's writing."""

    def __init__(self, reader):
        self.reader = reader
        self.fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.fields.get(fieldname)
        if lengths is None:
            length = self.reader.doc_field_length
            count = self.reader.doc_count_all()
            lengths = self.fields[fieldname] = [length(d, fieldname) for d in range(count)]
        return lengths[docnum] if docnum < len(lengths) else default


class RebuildWriter(SegmentWriter):
    """Whoosh's segment writer, flushing with the lengths read once (see _Lengths)."""

    def _flush_segment(self):
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader) if reader else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()


def write_parts(ix, sources: list[DocSource], progress=None, timeout: float = 30.0) -> int:
    """Index every source's documents into a new index generation that replaces the old
    one in one commit; several sources are written by as many processes at once."""
    writer = RebuildWriter(ix, timeout=timeout, limitmb=LIMIT_MB, compound=False)
    try:
        if len(sources) <= 1:
            count = 0
            for source in sources:
                count += _add_all(writer, source, progress)
            # CLEAR drops every older segment in the same commit: readers switch at once.
            writer.commit(mergetype=writing.CLEAR)
            return count
        segments, count = _in_processes(ix, sources, progress)
    except BaseException:
        writer.cancel()
        raise
    # The parent's writer added nothing: its commit lists the parts' segments, in order, in
    # place of every older one (as Whoosh's own multi-process writer does).
    writer._close_segment()
    writer._commit_toc([s for s in segments if s is not None])
    writer._finish()
    return count


def _add_all(writer, source: DocSource, progress) -> int:
    count = 0
    for batch in source():
        for doc in batch:
            writer.add_document(**fields_of(doc))
        count += len(batch)
        if progress:
            progress(len(batch))
    return count


def _in_processes(ix, sources: list[DocSource], progress):
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_part, args=(ix, n, source, results), daemon=True)
        for n, source in enumerate(sources)
    ]
    for worker in workers:
        worker.start()
    segments: list = [None] * len(sources)
    done, count = set(), 0
    try:
        while len(done) < len(sources):
            try:
                kind, number, value = results.get(timeout=5)
            except queue.Empty:
                dead = [n for n, w in enumerate(workers) if not w.is_alive() and n not in done]
                if dead and results.empty():
                    raise RuntimeError(f"search rebuild part {dead[0]} stopped") from None
                continue
            if kind == "failed":
                raise RuntimeError(f"search rebuild part {number} failed: {value}")
            if kind == "progress":
                if progress:
                    progress(value)
                continue
            segments[number], done = value[0], done | {number}
            count += value[1]
    finally:
        for worker in workers:
            if worker.is_alive() and len(done) < len(sources):
                worker.terminate()
            worker.join(timeout=30)
    return segments, count


def _part(ix, number: int, source: DocSource, results) -> None:
    """In a child process: index one source into a segment of its own and hand it back."""
    try:
        writer = RebuildWriter(ix, _lk=False, limitmb=LIMIT_MB, compound=False)
        count = 0
        for batch in source():
            for doc in batch:
                writer.add_document(**fields_of(doc))
            count += len(batch)
            results.put(("progress", number, len(batch)))
        if count:
            segment = writer._finalize_segment()
        else:
            writer._close_segment()
            segment = None
        results.put(("done", number, (segment, count)))
    except BaseException as error:
        log.exception("search rebuild part %s failed", number)
        results.put(("failed", number, repr(error)))
