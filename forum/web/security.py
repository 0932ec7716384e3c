"""Headers that every response carries (nothing from elsewhere, no framing, no referrer),
what a request may carry (no NUL characters), and which proxy in front of us to believe."""

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # A link followed from Hearth tells the other site nothing about where the reader was.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


class _WithoutNul(ImmutableMultiDict):
    """Form fields and query parameters with NUL characters taken out: nobody types one, and
    PostgreSQL refuses them in text, which would turn a post into a 500."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        if isinstance(mapping, MultiDict):
            mapping = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            mapping = mapping.items()
        super().__init__([(_no_nul(key), _no_nul(value)) for key, value in mapping])


def _no_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class HearthRequest(Request):
    parameter_storage_class = _WithoutNul


def register_input_guards(app: Flask) -> None:
    """What a request may carry: no NUL in parameters, fields or the path."""
    app.request_class = HearthRequest

    @app.before_request
    def _no_nul_in_the_path():
        if "\x00" in request.path:
            abort(404)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_FIX_HOPS reverse proxies, take the client's address, scheme and host from
    the X-Forwarded-* headers those proxies set (and only from as many as there are: a client
    could send such headers itself). Rate limits count clients by that address."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
