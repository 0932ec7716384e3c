"""Ranking and counting on the Whoosh index within a bounded amount of work: a common word
is ranked among its newest matches, a phrase checked among its best candidates, and a count
walking a filter stops early and says "more than"."""

from forum.search.engine.base import RANK_POOL, TOTAL_CAP
from forum.search.engine.whoosh.query import (
    build_query,
    first_holding,
    matching,
    phrases_of,
    scored,
)
from forum.search.parse import SearchQuery

# Checking a phrase's positions is the dear part of finding its matches: a phrase is looked
# for in its words' best this many candidates among the newest (a page further if needed).
PHRASE_CHECKS = 100
# Each step of a count that walks a filter's documents skips the matcher ahead (dear): past
# this many, the count says "more than" what it found.
COUNT_STEPS = 1500


def ranked(searcher, q: SearchQuery, allow, mask, want: int):
    """The best `want` documents by relevance, and how many match (None: not learnt on
    the way) and whether there are more than that.

    Whoosh scores every match of a common word (its skipping of low-scoring blocks
    rarely helps when most posts hold the word): a query matching more than RANK_POOL
    posts is ranked among its newest RANK_POOL or so, the end of the index, as the
    PostgreSQL engine does. Phrases rank by their words' scores (as Whoosh's Phrase
    does) among the newest PHRASE_CHECKS candidates or so, which alone are checked for
    the phrase: the count then says "more than" the holders found among them.
    """
    loose = build_query(q, loose=True)
    phrases = phrases_of(q)
    size = searcher.doc_count_all()
    expected = max(loose.estimate_size(searcher.reader()), 1)
    # Skipping to a document costs a few steps: worth it for a filter passing few.
    by_allow = allow is not None and len(allow) * 4 < expected
    pool = PHRASE_CHECKS if phrases else RANK_POOL
    start = end = size
    share = max(size * pool // expected, want)
    ranked: list[tuple[float, int]] = []
    page: list[int] = []
    checked = 0
    while start > 0 and len(page) < want:
        # An estimate (words that seldom meet, a narrow filter) may leave the page short:
        # then reach further back.
        start, end = max(0, start - share), start
        ranked += scored(searcher, loose, start, end, allow, mask, by_allow)
        ranked.sort()
        page = [d for _, d in ranked]
        if phrases:
            page, checked = first_holding(searcher, phrases, page, want, PHRASE_CHECKS)
        share *= 4
    if phrases:
        unchecked = start > 0 or checked < len(ranked)
        return page[:want], min(len(page), TOTAL_CAP), len(page) > TOTAL_CAP or unchecked
    if start == 0:
        return page[:want], min(len(page), TOTAL_CAP), len(page) > TOTAL_CAP
    return page[:want], None, True


def count_of(searcher, q: SearchQuery, allow, mask) -> tuple[int, bool]:
    """How many documents match, and whether there are more: counting stops past
    TOTAL_CAP, and, walking a filter's few documents, after COUNT_STEPS of them
    (phrases are counted by ranked)."""
    found = build_query(q, loose=True)
    expected = found.estimate_size(searcher.reader())
    walk = allow if allow is not None and len(allow) * 4 < expected else None
    count = steps = 0
    for docnum in matching(searcher, found, walk):
        steps += 1
        if (allow is None or docnum in allow) and (mask is None or docnum not in mask):
            count += 1
            if count > TOTAL_CAP:
                return TOTAL_CAP, True
        if walk is not None and steps >= COUNT_STEPS:
            return count, True
    return count, False
