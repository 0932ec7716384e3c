"""Reading the forum: the board index, a board, a thread, permalinks."""

import re

from forum.extensions import db
from forum.posts.models import PostStatus
from tests.factories import make_board, make_post, make_thread, make_user, opening_post


def test_the_index_lists_boards_with_counts_and_latest_activity(client):
    stories = make_board("Stories", "stories")
    make_board("Milestones", "milestones")
    make_thread(board=stories, title="An older story")
    newest = make_thread(board=stories, title="Ninety days today")
    make_post(thread=newest)
    page = client.get("/").get_data(as_text=True)
    assert "Stories" in page and "Milestones" in page
    assert page.index("Stories") < page.index("Milestones")
    row = page[page.index("Stories") : page.index("Milestones")]
    assert re.search(r"<dt>Threads</dt><dd>2</dd>", row)
    assert re.search(r"<dt>Posts</dt><dd>3</dd>", row)
    assert "Ninety days today" in row


def test_the_index_never_shows_a_hidden_thread_as_latest_activity(client):
    from forum.posts.lifecycle import set_thread_status
    from forum.posts.models import ThreadStatus

    board = make_board("Stories", "stories")
    make_thread(board=board, title="A public story")
    secret = make_thread(board=board, title="Something the moderators hid")
    set_thread_status(secret, ThreadStatus.HIDDEN)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Something the moderators hid" not in page
    assert "A public story" in page


def test_a_board_lists_threads_pinned_first_then_newest_activity(client):
    board = make_board("Stories", "stories")
    old = make_thread(board=board, title="Old but revived")
    pinned = make_thread(board=board, title="Read this first")
    make_thread(board=board, title="Fresh thread")
    make_post(thread=old)  # a reply brings it to the top
    pinned.is_pinned = True
    db.session.commit()
    page = client.get("/b/stories").get_data(as_text=True)
    order = [page.index(t) for t in ("Read this first", "Old but revived", "Fresh thread")]
    assert order == sorted(order)
    assert "Pinned" in page


def test_a_board_is_paginated(app, client):
    app.config["THREADS_PER_PAGE"] = 3
    board = make_board("Stories", "stories")
    for number in range(7):
        make_thread(board=board, title=f"Story number {number}")
    first = client.get("/b/stories").get_data(as_text=True)
    third = client.get("/b/stories?page=3").get_data(as_text=True)
    assert "Story number 6" in first and "Story number 0" not in first
    assert "Story number 0" in third
    assert 'aria-current="page"' in third
    assert client.get("/b/stories?page=9").status_code == 404
    assert client.get("/b/stories?page=abc").status_code == 200


def test_a_thread_shows_its_posts_with_a_reply_form_for_members(client, auth):
    thread = make_thread(title="First week sober", body="The evenings are **hard**.")
    make_post(thread=thread, body="Try a walk after dinner.")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "First week sober" in page
    assert "<strong>hard</strong>" in page
    assert "Try a walk after dinner." in page
    assert "Write a reply" not in page
    assert "to reply" in page
    auth.login(make_user())
    assert "Write a reply" in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_a_slug_after_the_thread_id_is_allowed(client):
    thread = make_thread(title="First week sober")
    assert client.get(f"/t/{thread.id}/first-week-sober").status_code == 200
    assert client.get(f"/t/{thread.id}/anything-at-all").status_code == 200


def test_each_post_carries_its_anchor_and_a_permalink_leads_to_its_page(app, client):
    app.config["POSTS_PER_PAGE"] = 5
    thread = make_thread()
    posts = [make_post(thread=thread, body=f"reply {n}") for n in range(12)]
    target = posts[7]  # the 9th post of the thread: page 2
    response = client.get(f"/p/{target.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?page=2#p{target.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="p{target.id}"' in page
    first = client.get(f"/p/{opening_post(thread).id}")
    assert first.headers["Location"].endswith(f"#p{opening_post(thread).id}")
    assert "page=" not in first.headers["Location"]


def test_a_reply_to_a_particular_post_links_both_ways(client):
    thread = make_thread()
    answered = make_post(
        thread=thread, author=make_user("steady-hands"), body="How do you cope at night?"
    )
    answer = make_post(
        thread=thread, author=make_user("quiet-river"), body="Tea and a book.", parent=answered
    )
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    answer_html = page[page.index(f'id="p{answer.id}"') :]
    assert f'href="/p/{answered.id}">in reply to steady-hands</a>' in answer_html
    answered_html = page[page.index(f'id="p{answered.id}"') : page.index(f'id="p{answer.id}"')]
    assert "Replies:" in answered_html
    assert f'href="/p/{answer.id}">quiet-river</a>' in answered_html


def test_pending_posts_are_seen_only_by_their_author_and_moderators(client, auth):
    from forum.permissions import Role

    thread = make_thread()
    author = make_user()
    waiting = make_post(
        thread=thread, author=author, body="waiting words", status=PostStatus.PENDING
    )
    assert "waiting words" not in client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert client.get(f"/p/{waiting.id}").status_code == 404  # not even which thread it is in
    auth.login(author)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "waiting words" in page and "Waiting for a moderator" in page
    auth.logout()
    auth.login(make_user(role=Role.MODERATOR))
    assert "waiting words" in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_hidden_and_deleted_posts_keep_their_place_but_not_their_words(client, auth):
    thread = make_thread()
    author = make_user()
    hidden = make_post(thread=thread, author=author, body="hidden words", status=PostStatus.HIDDEN)
    make_post(thread=thread, author=author, body="removed words", status=PostStatus.REMOVED)
    make_post(thread=thread, author=author, body="deleted words", status=PostStatus.DELETED)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    for words in ("hidden words", "removed words", "deleted words"):
        assert words not in page
    assert "hidden by the moderators" in page
    assert "removed by the moderators" in page
    assert "deleted by its author" in page
    assert f'id="p{hidden.id}"' in page
    auth.login(author)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "hidden words" in page and "removed words" in page
    assert "deleted words" not in page
