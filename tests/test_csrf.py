"""This module keeps CSRF protection on, as in production: forms without a token are refused."""

import re

import pytest

from forum.extensions import db
from tests.conftest import make_app


@pytest.fixture
def csrf_client(tmp_path, _postgres_schema):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app.test_client()
        db.session.remove()
        db.engine.dispose()


def test_a_post_without_a_token_is_refused_with_a_page_saying_what_to_do(csrf_client):
    response = csrf_client.post("/signup", data={"pseudonym": "quiet-river", "password": "x" * 12})
    assert response.status_code == 400
    assert b"go back, reload the page and send it again" in response.data


def test_a_post_with_the_token_from_the_form_goes_through(csrf_client):
    page = csrf_client.get("/signup").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = csrf_client.post(
        "/signup",
        data={
            "csrf_token": token,
            "pseudonym": "quiet-river",
            "password": "lanterns over the harbour",
            "confirm": "lanterns over the harbour",
            "guidelines": "y",
        },
    )
    assert response.status_code == 302


def test_a_stale_token_is_refused(csrf_client):
    response = csrf_client.post("/signup", data={"csrf_token": "IjAwMDAi.stale.token"})
    assert response.status_code == 400


def test_signing_out_needs_the_token_too(csrf_client):
    assert csrf_client.post("/signout").status_code == 400
