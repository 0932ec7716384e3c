"""`flask accounts ...` for the people who run the forum."""

from forum.accounts.queries import user_by_pseudonym
from forum.permissions import Role
from tests.factories import make_user


def test_an_admin_account_is_created_with_the_password_from_stdin(runner):
    result = runner.invoke(
        args=["accounts", "create", "hearth-keeper", "--role", "admin"],
        input="lanterns over the harbour\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created hearth-keeper (admin)" in result.output
    user = user_by_pseudonym("hearth-keeper")
    assert user.role == Role.ADMIN
    assert "lanterns" not in result.output


def test_create_refuses_a_weak_password(runner):
    result = runner.invoke(args=["accounts", "create", "hearth-keeper"], input="short\n")
    assert result.exit_code != 0
    assert "at least 10" in result.output
    assert user_by_pseudonym("hearth-keeper") is None


def test_set_role_appoints_a_moderator_and_ends_their_sessions(runner):
    user = make_user("steady-hands")
    token = user.session_token
    result = runner.invoke(args=["accounts", "set-role", "steady-hands", "moderator"])
    assert result.exit_code == 0, result.output
    assert user.role == Role.MODERATOR
    assert user.session_token != token


def test_set_role_for_an_unknown_member_says_so(runner):
    result = runner.invoke(args=["accounts", "set-role", "nobody-here", "moderator"])
    assert result.exit_code != 0
    assert "No member is called" in result.output


def test_set_password_from_stdin(runner, client):
    make_user("steady-hands")
    result = runner.invoke(
        args=["accounts", "set-password", "steady-hands"], input="a whole new passphrase\n"
    )
    assert result.exit_code == 0, result.output
    response = client.post(
        "/signin", data={"pseudonym": "steady-hands", "password": "a whole new passphrase"}
    )
    assert response.status_code == 302
