"""Filters narrow a search to the right posts, however few or many of the matches they pass."""

from datetime import datetime

from forum.extensions import db
from forum.posts.models import ThreadKind
from forum.search import maintenance
from tests.factories import make_post, make_thread, opening_post
from tests.search.conftest import found


def _dated(body: str, when: datetime):
    post = make_post(body=body)
    post.created_at = when
    db.session.commit()
    return post


def test_date_filters_keep_the_posts_of_those_days(app):
    """after: and before: keep the posts written from the first day up to the second."""
    early = _dated("Puffin walk in March.", datetime(2024, 3, 10, 9))
    middle = _dated("Puffin walk in June.", datetime(2024, 6, 1, 0, 5))
    late = _dated("Puffin walk in December.", datetime(2024, 12, 31, 23))
    maintenance.rebuild(app)  # the index reads the dates given above
    assert set(found(q="puffin after:2024-06-01")) == {middle.id, late.id}
    assert found(q="puffin before:2024-06-01") == [early.id]
    assert found(q="puffin after:2024-06-01 before:2024-12-31") == [middle.id]
    assert found(q="puffin after:2025-01-01") == []


def test_a_filter_passing_few_of_many_matches_finds_them_all(app):
    """Among many posts about walks, kind:milestone finds the one milestone."""
    thread = make_thread(title="Walks", body="Walks every evening help me.")
    for n in range(12):
        make_post(thread=thread, body=f"Another walk today, number {n}.")
    milestone = make_thread(title="Ninety days", body="Ninety days, and a long walk to mark it.")
    milestone.kind = ThreadKind.MILESTONE
    db.session.commit()
    assert found(q="walk kind:milestone") == [opening_post(milestone).id]
    assert len(found(q="walk kind:reply")) == 12
