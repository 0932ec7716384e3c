"""Joining under a pseudonym, signing in and out."""

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.queries import look_alike_groups
from forum.accounts.services import authenticate
from forum.extensions import db
from forum.permissions import Role
from tests.conftest import make_app
from tests.factories import PASSWORD, make_user

GOOD = "lanterns over the harbour"


def _signup(client, **fields):
    data = {"pseudonym": "quiet-river", "password": GOOD, "confirm": GOOD, "guidelines": "y"}
    data.update(fields)
    return client.post("/signup", data=data)


def test_the_signup_page_asks_for_a_pseudonym_not_a_name(client):
    page = client.get("/signup").get_data(as_text=True)
    assert "Pseudonym" in page
    assert "don&#39;t use your real name" in page
    assert "real name" in page.lower()
    assert 'name="name"' not in page and "First name" not in page


def test_a_newcomer_joins_with_only_a_pseudonym_and_password(client):
    response = _signup(client)
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User))
    assert user.pseudonym == "quiet-river"
    assert user.email is None
    assert user.role == Role.MEMBER
    assert user.password_hash.startswith("pbkdf2:") and GOOD not in user.password_hash
    page = client.get("/").get_data(as_text=True)
    assert "quiet-river" in page and "Sign out" in page


def test_email_is_optional_and_never_shown(client):
    _signup(client, email="me@example.org")
    user = db.session.scalar(sa.select(User))
    assert user.email == "me@example.org"
    for path in ("/", "/u/quiet-river", "/settings"):
        assert b"me@example.org" not in client.get(path).data


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pseudonym": ""}, "Choose a pseudonym."),
        ({"pseudonym": "ab"}, "3 to 30 characters"),
        ({"pseudonym": "admin"}, "reserved"),
        ({"password": "short", "confirm": "short"}, "at least 10"),
        ({"password": "1234567890", "confirm": "1234567890"}, "too common"),
        ({"confirm": "something else entirely"}, "The two passwords differ."),
        ({"email": "not-an-email"}, "doesn&#39;t look like an email"),
        ({"guidelines": ""}, "Please read the guidelines and tick this box."),
    ],
)
def test_a_failed_signup_explains_and_keeps_what_was_typed(client, fields, message):
    response = _signup(client, **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    typed = fields.get("pseudonym", "quiet-river")
    if typed:
        assert f'value="{typed}"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_taken_pseudonym_is_refused_whatever_its_case_or_lookalike(client):
    make_user("Anna")
    for name in ("anna", "ANNA", "Ａnna"):
        response = _signup(client, pseudonym=name)
        assert response.status_code == 400
        assert "already taken" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("member", "look_alike"),
    [
        ("WildOrchard", "WiIdOrchard"),  # capital I for l
        ("WildOrchard", "W1ldOrchard"),
        ("WildOrchard", "VVildOrchard"),
        ("MoonOwl", "M0onOwl"),
        ("harmony", "harrnony"),
        ("aca", "аса"),  # all Cyrillic
    ],
)
def test_a_name_that_looks_like_a_members_is_refused_kindly(client, member, look_alike):
    """A look-alike within one alphabet is refused like a taken name; what was typed stays."""
    make_user(member)
    response = _signup(client, pseudonym=look_alike)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "already taken, or looks too like one that is" in page
    assert f'value="{look_alike}"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_signing_in_with_a_look_alike_of_your_name_finds_only_your_account(client):
    """Typing a capital I for the l of your own name still signs you in, as yourself."""
    make_user("WildOrchard")
    make_user("WildOrchid")
    response = client.post("/signin", data={"pseudonym": "WiIdOrchard", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "WildOrchard" in page and "WiIdOrchard" not in page


def test_members_whose_names_already_looked_alike_each_sign_in_as_themselves(client):
    """Two members who joined before look-alikes were refused are never mistaken for each
    other: each name finds its own account, and a third look-alike finds neither."""
    first = make_user("WildOrchard", password="first-members-password")
    second = make_user("WiIdOrchard", password="second-members-password")
    assert first.pseudonym_skeleton == second.pseudonym_skeleton
    assert authenticate("WildOrchard", "first-members-password") == first
    assert authenticate("wiIdorchard", "second-members-password") == second
    assert authenticate("WildOrchard", "second-members-password") is None
    assert authenticate("W1ldOrchard", "first-members-password") is None
    assert authenticate("W1ldOrchard", "second-members-password") is None
    assert _signup(client, pseudonym="W1ldOrchard").status_code == 400
    assert look_alike_groups() == [[first, second]]


def test_failed_sign_ins_by_look_alikes_count_against_the_one_name(tmp_path, _postgres_schema):
    """Capitals and look-alikes of a name share its count of failed sign-ins."""
    app = make_app(
        tmp_path,
        RATE_LIMITS_ENABLED=True,
        SIGNIN_LIMIT_PER_PSEUDONYM="3 per minute",
        SIGNIN_LIMIT_PER_CLIENT="100 per minute",
    )
    with app.app_context():
        make_user("WildOrchard")
        client = app.test_client()
        for typed in ("WildOrchard", "WiIdOrchard", "WILDORCHARD"):
            wrong = {"pseudonym": typed, "password": "not the password"}
            assert client.post("/signin", data=wrong).status_code == 400
        right = {"pseudonym": "W1ldOrchard", "password": PASSWORD}
        assert client.post("/signin", data=right).status_code == 429
        db.session.remove()
        db.engine.dispose()


def test_a_member_signs_in_by_pseudonym_and_out_with_a_post(client, auth):
    make_user("quiet-river")
    response = client.post("/signin", data={"pseudonym": "Quiet-River", "password": PASSWORD})
    assert response.status_code == 302
    assert "quiet-river" in client.get("/").get_data(as_text=True)
    assert client.get("/signout").status_code == 405
    client.post("/signout")
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_wrong_password_and_unknown_pseudonym_get_the_same_message(client):
    make_user("quiet-river")
    wrong = client.post(
        "/signin", data={"pseudonym": "quiet-river", "password": "not the password"}
    )
    unknown = client.post(
        "/signin", data={"pseudonym": "nobody-at-all", "password": "not the password"}
    )
    assert wrong.status_code == unknown.status_code == 400
    message = "That pseudonym and password don&#39;t match an account."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)
    assert 'value="nobody-at-all"' in unknown.get_data(as_text=True)


def test_remember_me_sets_a_lasting_cookie(client):
    make_user("quiet-river")
    client.post("/signin", data={"pseudonym": "quiet-river", "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None


@pytest.mark.parametrize(
    ("next_param", "expected"),
    [
        ("/b/stories", "/b/stories"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_after_signing_in_next_only_leads_to_this_site(client, next_param, expected):
    make_user("quiet-river")
    response = client.post(
        "/signin",
        query_string={"next": next_param},
        data={"pseudonym": "quiet-river", "password": PASSWORD},
    )
    assert response.headers["Location"] == expected


def test_pages_for_members_send_visitors_to_sign_in(client):
    response = client.get("/settings")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/signin?next=")
