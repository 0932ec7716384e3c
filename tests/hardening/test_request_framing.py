"""Requests framed in unusual ways: bytes that are not UTF-8, and bodies sent in chunks."""

import html
import http.client
import re
import threading
import urllib.parse
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from forum.extensions import db
from forum.posts.models import Post
from forum.web.security import NOT_TEXT
from tests.conftest import make_app
from tests.factories import PASSWORD, make_thread, make_user
from tests.production.server import Visitor, gunicorn

FORM = "application/x-www-form-urlencoded"
CSRF_WORDS = "This form had expired or was sent from somewhere else"


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _posts() -> int:
    db.session.commit()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Post))


@pytest.fixture
def guarded_app(tmp_path, _postgres_schema):
    """The forum with CSRF on, as a browser meets it."""
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _signed_in(app):
    """A member signed in through the real form; their client and a fresh form token."""
    member = make_user()
    client = app.test_client()
    token = _token(client, "/signin")
    data = {"csrf_token": token, "pseudonym": member.pseudonym, "password": PASSWORD}
    assert client.post("/signin", data=data).status_code == 302
    return client


def _token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _multipart(fields: dict[str, bytes], boundary: str = "hearth-boundary") -> tuple[bytes, str]:
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        body += value + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# Three ways a reply's bytes can fail to be UTF-8: raw in the body, percent-encoded, and in
# a multipart field. Before, the first lost the whole form (and read as an expired form), the
# second saved "%FF" and the third saved "\ufffd" in place of what was typed.
BROKEN = {
    "raw bytes": lambda token: (b"csrf_token=" + token + b"&body=Day+nine\xff+and+holding", FORM),
    "percent-encoded": lambda token: (b"csrf_token=" + token + b"&body=Day+nine%FF+holding", FORM),
    "multipart": lambda token: _multipart({"csrf_token": token, "body": b"Day nine\xc3 holding"}),
}


@pytest.mark.parametrize("framing", BROKEN)
def test_a_reply_that_is_not_utf8_says_so_and_saves_nothing(guarded_app, framing):
    """A reply whose bytes are not text is refused with words saying so; nothing is stored."""
    client = _signed_in(guarded_app)
    thread = make_thread()
    before = _posts()
    path = f"/t/{thread.id}/reply"
    body, content_type = BROKEN[framing](_token(client, f"/t/{thread.id}").encode())
    response = client.post(path, data=body, content_type=content_type)
    assert response.status_code == 400
    page = _page(response)
    assert NOT_TEXT in page and CSRF_WORDS not in page
    assert _posts() == before


def test_a_signup_that_is_not_utf8_makes_no_account(guarded_app):
    """Sign-up with a broken byte in the name: the message says what was wrong, no account."""
    client = guarded_app.test_client()
    token = _token(client, "/signup").encode()
    body = (
        b"csrf_token=" + token + b"&pseudonym=quiet\xffriver&guidelines=y"
        b"&password=lanterns+over+the+harbour&confirm=lanterns+over+the+harbour"
    )
    response = client.post("/signup", data=body, content_type=FORM)
    assert response.status_code == 400 and NOT_TEXT in _page(response)
    assert client.get("/u/quiet%EF%BF%BDriver").status_code == 404


# As a WSGI server hands it on: each byte of the address as one character.
@pytest.mark.parametrize("query", ["q=sleep%FF", "q=sleep\xff", "q=%C3"])
def test_a_search_address_that_is_not_utf8_is_answered_kindly(client, query):
    """A search address carrying bytes that are not text gets the same plain words."""
    response = client.get("/search", environ_overrides={"QUERY_STRING": query})
    assert response.status_code == 400 and NOT_TEXT in _page(response)


def test_text_that_is_utf8_is_saved_whatever_its_characters(guarded_app):
    """The control: a reply of unusual but real characters (even U+FFFD) is saved as typed."""
    client = _signed_in(guarded_app)
    thread = make_thread()
    words = "Day nine \ufffd \u202e 日本 🙂 é"
    token = _token(client, f"/t/{thread.id}")
    response = client.post(f"/t/{thread.id}/reply", data={"csrf_token": token, "body": words})
    assert response.status_code == 302
    stored = db.session.scalar(sa.select(Post.body_source).order_by(Post.id.desc()).limit(1))
    assert stored == words


# Bodies sent with Transfer-Encoding: chunked, to the servers the forum runs under: gunicorn
# as the README runs it, and the development server of `make run`. Before, Werkzeug cut such
# a body at MAX_CONTENT_LENGTH and saved what came before the cut.

LIMIT = 128 * 1024


@contextmanager
def _dev_server(app):
    """The development server (`flask run`), on 127.0.0.1, in a thread of this test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(timeout=10)


@contextmanager
def _gunicorn(app):
    with gunicorn(app, workers=1) as server:
        yield server.port


SERVERS = {"gunicorn": _gunicorn, "development server": _dev_server}


def _send_chunked(visitor: Visitor, path: str, form: dict) -> int:
    """POST `form` in 16 KiB chunks with no Content-Length; the status answered."""
    body = urllib.parse.urlencode(form).encode()
    chunks = (body[start : start + 16384] for start in range(0, len(body), 16384))
    conn = http.client.HTTPConnection("127.0.0.1", visitor.port, timeout=30)
    try:
        headers = {
            "Connection": "close",
            "Content-Type": FORM,
            "Cookie": "; ".join(f"{k}={v}" for k, v in visitor.cookies.items()),
        }
        try:
            conn.request("POST", path, body=chunks, headers=headers, encode_chunked=True)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before reading the rest: its answer is still there
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture(params=SERVERS)
def served(request, app):
    """A member signed in to a real server of the test's forum, and a thread to reply to."""
    member = make_user()
    thread = make_thread()
    db.session.commit()
    with SERVERS[request.param](app) as port:
        visitor = Visitor(port)
        visitor.sign_in(member.pseudonym)
        yield visitor, thread.id


def _replies(thread_id: int) -> list[Post]:
    db.session.commit()
    query = sa.select(Post).where(Post.thread_id == thread_id).order_by(Post.id)
    return list(db.session.scalars(query))[1:]


def test_a_chunked_reply_over_the_limit_gets_the_friendly_413_and_nothing_is_saved(served):
    """Three hundred kilobytes sent in chunks: "too long to send", and no part of it kept."""
    visitor, thread_id = served
    form = {"body": "Still here. " * 25_000, "content_note_text": "after the cut"}
    assert _send_chunked(visitor, f"/t/{thread_id}/reply", form) == 413
    assert _replies(thread_id) == []
    page = visitor.post(f"/t/{thread_id}/reply", {"body": "x" * (LIMIT + 10)})
    assert page.status == 413 and "That was too long to send" in html.unescape(page.text)


def test_a_chunked_reply_within_the_limit_is_saved_whole(served):
    """A reply sent in chunks, under the limit, is saved with every field it carried."""
    visitor, thread_id = served
    words = "One day at a time. " * 1000  # about 19 KiB: several chunks
    form = {"body": words, "content_note": "other", "content_note_text": "a hard week"}
    assert _send_chunked(visitor, f"/t/{thread_id}/reply", form) == 302
    (reply,) = _replies(thread_id)
    assert reply.body_source == words.strip()
    assert (reply.content_note, reply.content_note_text) == ("other", "a hard week")
