"""Admins create, edit, reorder and archive boards from a page guarded as one area."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Board
from tests.factories import make_board, make_user


@pytest.fixture
def admin(auth):
    user = make_user("hearth-keeper", role=Role.ADMIN)
    auth.login(user)
    return user


def _admin_endpoints(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("board_admin.")]


def test_every_admin_page_refuses_visitors_members_and_moderators(app, client, auth):
    board = make_board()
    rules = _admin_endpoints(app)
    assert len(rules) >= 5
    for who in (None, Role.MEMBER, Role.MODERATOR):
        if who is not None:
            auth.login(make_user(role=who))
        for rule in rules:
            url = rule.rule.replace("<int:board_id>", str(board.id)).replace("<direction>", "up")
            method = "POST" if "POST" in rule.methods and "GET" not in rule.methods else "GET"
            response = client.open(url, method=method)
            if who is None:
                assert response.status_code == 302 and "/signin" in response.headers["Location"], (
                    url
                )
            else:
                assert response.status_code == 403, (who, url)
        if who is not None:
            auth.logout()


def test_an_admin_creates_a_board(client, admin):
    response = client.post(
        "/admin/boards/new",
        data={"name": "Night Owls", "slug": "night-owls", "description": "For 3 a.m."},
    )
    assert response.status_code == 302
    board = db.session.scalar(sa.select(Board).where(Board.slug == "night-owls"))
    assert board.name == "Night Owls"
    assert "Night Owls" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Bad Slug!", "lower-case letters"), ("taken", "already has that address")],
)
def test_a_bad_board_address_is_explained_and_the_form_kept(client, admin, slug, message):
    make_board("Taken", "taken")
    response = client.post("/admin/boards/new", data={"name": "Night Owls", "slug": slug})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'value="Night Owls"' in page


def test_an_admin_edits_reorders_and_archives_boards(client, admin):
    first = make_board("First", "first")
    second = make_board("Second", "second")
    client.post(
        f"/admin/boards/{first.id}/edit",
        data={"name": "First of all", "slug": "first", "description": ""},
    )
    client.post(f"/admin/boards/{second.id}/move/up")
    page = client.get("/").get_data(as_text=True)
    assert page.index("Second") < page.index("First of all")
    client.post(f"/admin/boards/{second.id}/archive")
    assert 'href="/b/second"' not in client.get("/").get_data(as_text=True)
    assert "Archived" in client.get("/admin/boards/").get_data(as_text=True)
    client.post(f"/admin/boards/{second.id}/archive")
    assert 'href="/b/second"' in client.get("/").get_data(as_text=True)


def test_the_boards_command_line(runner):
    assert runner.invoke(args=["boards", "init"]).exit_code == 0
    result = runner.invoke(args=["boards", "list"])
    for name in (
        "Introductions",
        "Stories",
        "Milestones",
        "Cravings and Coping",
        "Family and Friends",
        "Resources",
        "Community Lounge",
    ):
        assert name in result.output
    assert "Created 0 boards" in runner.invoke(args=["boards", "init"]).output
    assert (
        runner.invoke(args=["boards", "create", "Night Owls", "--description", "3 a.m."]).exit_code
        == 0
    )
    assert (
        runner.invoke(args=["boards", "edit", "night-owls", "--name", "Night Owls Club"]).exit_code
        == 0
    )
    assert runner.invoke(args=["boards", "move", "night-owls", "up"]).exit_code == 0
    assert runner.invoke(args=["boards", "archive", "night-owls"]).exit_code == 0
    board = db.session.scalar(sa.select(Board).where(Board.slug == "night-owls"))
    db.session.refresh(board)
    assert board.name == "Night Owls Club" and board.is_archived
    bad = runner.invoke(args=["boards", "create", "Stories", "--slug", "stories"])
    assert bad.exit_code != 0 and "already has that address" in bad.output


def test_rerender_renders_every_post_again(runner):
    from forum.posts.models import Post
    from tests.factories import make_post

    post = make_post(body="**bold**")
    post.body_html = "<p>stale</p>"
    db.session.commit()
    result = runner.invoke(args=["boards", "rerender"])
    assert result.exit_code == 0 and "Re-rendered" in result.output
    db.session.expire_all()
    assert "<strong>bold</strong>" in db.session.get(Post, post.id).body_html
