"""Behind a reverse proxy: whose address and scheme the forum believes."""

from flask import request

from forum.extensions import db
from tests.conftest import make_app


def _app_that_echoes(tmp_path, **settings):
    app = make_app(tmp_path, **settings)
    with app.app_context():
        db.engine.dispose()  # nothing here needs the database: close make_app's connection

    @app.get("/_seen")
    def seen():
        return f"{request.remote_addr} {request.scheme} {request.host}"

    return app


FORWARDED = {
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "hearth.example",
}


def test_with_one_trusted_proxy_the_forwarded_client_is_believed(tmp_path, _postgres_schema):
    """With FORUM_PROXY_FIX_HOPS=1, the client's address, scheme and host come from the proxy."""
    app = _app_that_echoes(tmp_path, PROXY_FIX_HOPS=1)
    seen = app.test_client().get("/_seen", headers=FORWARDED).get_data(as_text=True)
    assert seen == "203.0.113.9 https hearth.example"


def test_without_the_setting_forwarded_headers_are_ignored(tmp_path, _postgres_schema):
    """By default a client can't pass itself off as another address with a header."""
    app = _app_that_echoes(tmp_path)
    seen = app.test_client().get("/_seen", headers=FORWARDED).get_data(as_text=True)
    assert seen == "127.0.0.1 http localhost"


def test_only_as_many_hops_as_configured_are_believed(tmp_path, _postgres_schema):
    """A client's own X-Forwarded-For entry, before the proxy's, is not taken as its address."""
    app = _app_that_echoes(tmp_path, PROXY_FIX_HOPS=1)
    headers = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
    seen = app.test_client().get("/_seen", headers=headers).get_data(as_text=True)
    assert seen.split()[0] == "203.0.113.9"
