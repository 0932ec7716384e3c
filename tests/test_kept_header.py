"""The header's links are kept rendered, and still each reader's own: their name, their
counts as they are now, their own sign-out token; a signed-out reader's come back to the page."""

import re

from forum.extensions import db
from forum.notices.models import NoticeKind
from forum.notices.services import notify
from forum.web.fragments import CSRF_SLOT
from tests.conftest import AuthActions
from tests.factories import make_thread, make_user, opening_post

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _header(client, path="/guidelines") -> str:
    page = client.get(path).get_data(as_text=True)
    return page[page.index('<nav class="site-nav"') : page.index("</nav>", page.index("site-nav"))]


def test_each_member_sees_their_own_name_and_token(app):
    one, other = make_user(pseudonym="river"), make_user(pseudonym="harbour")
    clients = {}
    for member in (one, other):
        clients[member.pseudonym] = app.test_client()
        AuthActions(clients[member.pseudonym]).login(member)
    for _ in range(2):  # the second time, from what was kept
        seen = {name: _header(client) for name, client in clients.items()}
        assert ">river<" in seen["river"] and ">harbour<" not in seen["river"]
        assert ">harbour<" in seen["harbour"] and ">river<" not in seen["harbour"]
        tokens = {name: TOKEN.findall(header) for name, header in seen.items()}
        assert tokens["river"] and tokens["harbour"] and tokens["river"] != tokens["harbour"]
        assert all(CSRF_SLOT not in header for header in seen.values())
    assert all(
        CSRF_SLOT in piece for piece in app.extensions["fragments"].pieces() if "signout" in piece
    )


def test_a_new_notice_shows_in_the_header_at_once(app, client, auth):
    member = make_user()
    auth.login(member)
    assert 'class="count"' not in _header(client)
    notify(member.id, NoticeKind.REPLY, post_id=opening_post(make_thread()).id)
    db.session.commit()
    assert "1 unread" in _header(client)


def test_a_signed_out_reader_s_sign_in_link_comes_back_to_their_page(app, client):
    thread = make_thread()
    assert f"next=/t/{thread.id}" in _header(client, f"/t/{thread.id}")
    assert "next=/guidelines" in _header(client, "/guidelines")
    assert "next=" not in _header(client, "/signin")
