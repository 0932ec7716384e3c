"""A welcome for newcomers: the welcome page, guidelines, "Start here" threads and greeters."""

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import ModAction
from forum.permissions import Role
from forum.posts.models import Thread
from tests.factories import make_board, make_post, make_thread, make_user


def test_the_welcome_page_says_what_hearth_is_and_how_to_join(client):
    page = client.get("/welcome").get_data(as_text=True)
    assert "peer support" in page and "not a crisis or medical service" in page
    assert "Pseudonyms only" in page and "No sourcing" in page and "Relapse is part" in page
    assert 'action="/search"' in page and 'href="/signup"' in page


def test_signed_out_visitors_are_pointed_to_the_welcome_page(client, auth):
    assert 'href="/welcome"' in client.get("/").get_data(as_text=True)


def test_guidelines_come_from_the_instance_folder_when_present(app, client):
    from pathlib import Path

    Path(app.instance_path, "guidelines.md").write_text("# Our own rules\n\nBe gentle.")
    assert "Be gentle." in client.get("/guidelines").get_data(as_text=True)


def test_moderators_pin_and_feature_threads_and_it_is_logged(client, auth):
    board = make_board("Stories", "stories")
    thread = make_thread(board=board, title="How to begin")
    make_thread(board=board, title="A newer thread")
    auth.login(make_user(role=Role.MODERATOR))
    client.post(f"/mod/threads/{thread.id}", data={"verb": "pin", "reason": ""})
    client.post(f"/mod/threads/{thread.id}", data={"verb": "feature", "reason": ""})
    db.session.refresh(thread)
    assert thread.is_pinned and thread.is_featured
    page = client.get("/b/stories").get_data(as_text=True)
    assert page.index("How to begin") < page.index("A newer thread")
    auth.logout()
    for path in ("/welcome", "/"):
        assert "Start here" in client.get(path).get_data(as_text=True)
        assert "How to begin" in client.get(path).get_data(as_text=True)
    verbs = db.session.scalars(sa.select(ModAction.verb).order_by(ModAction.id)).all()
    assert verbs == ["pin", "feature"]


def test_members_cannot_pin_or_feature(client, auth):
    thread = make_thread()
    auth.login(make_user())
    assert client.post(f"/mod/threads/{thread.id}", data={"verb": "feature"}).status_code == 403
    assert not db.session.get(Thread, thread.id).is_featured


def test_greeters_see_newcomers_first_threads_with_no_reply_oldest_first(client, auth):
    old_hand = make_user()
    make_thread(author=old_hand, title="An old hand's first thread")
    make_thread(author=old_hand, title="An old hand's second thread")
    waiting = make_thread(author=make_user(), title="Hello, I'm new")
    answered = make_thread(author=make_user(), title="Hi all, day two")
    make_post(thread=answered)
    greeter = make_user()
    auth.login(greeter)
    assert client.get("/greet").status_code == 403
    client.post("/settings/reading", data={"greeter": "y"})
    page = client.get("/greet").get_data(as_text=True)
    assert "Hello, I&#39;m new" in page
    assert "Hi all, day two" not in page and "second thread" not in page
    assert page.index("first thread") < page.index("Hello, I&#39;m new")
    assert waiting.id


def test_security_headers_keep_other_hosts_out(client):
    response = client.get("/")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
