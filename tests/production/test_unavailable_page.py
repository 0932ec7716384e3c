"""The page a visitor gets while the database can't be reached, on any database."""

import sqlalchemy as sa

from tests.factories import make_user


def _add_failing_route(app):
    @app.get("/_unreachable")
    def unreachable():
        refused = ConnectionRefusedError("refused")
        raise sa.exc.OperationalError("SELECT 1", {}, refused, connection_invalidated=True)


def test_an_unreachable_database_gives_a_calm_503_page(app, client, auth):
    """A member whose page needs the database while it is away reads a calm 503, told to retry."""
    _add_failing_route(app)
    auth.login(make_user())
    response = client.get("/_unreachable")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert "Hearth is resting for a moment" in page
    assert "try again shortly" in page
    assert "SELECT" not in page and "refused" not in page
