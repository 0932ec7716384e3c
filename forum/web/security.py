"""Headers that every response carries (nothing from elsewhere, no framing, no referrer),
what a request may carry (text that is UTF-8, no NUL characters), and which proxy in front
of us to believe."""

from io import BytesIO
from urllib.parse import unquote_to_bytes

from flask import Flask, Request, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from forum.errors import render_error

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


NOT_TEXT = (
    "Part of what was sent was not readable text (it was not UTF-8), so nothing was saved. "
    "This can happen when text is pasted from an unusual program or sent by a broken "
    "browser add-on. Please go back, retype the part with odd characters and send it again."
)


class NotText(BadRequest):
    """A query string or form field whose bytes are not UTF-8. Werkzeug would drop such a
    form whole (which reads as a missing CSRF token) or keep "%FF" and "\ufffd" in place of
    what was meant; neither is what the person typed, so nothing of it is used."""

    description = NOT_TEXT


def _utf8(raw: bytes, percent_encoded: bool = True) -> None:
    if percent_encoded:
        raw = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotText() from None


def _multipart_fields_are_utf8(body: bytes, boundary: bytes) -> None:
    """Each field of a multipart body decodes as UTF-8 (files are not text: not checked)."""
    decoder = MultipartDecoder(boundary)
    try:
        decoder.receive_data(body)
        decoder.receive_data(None)
        event, field, parts = decoder.next_event(), None, []
        while not isinstance(event, Epilogue | NeedData):
            if isinstance(event, Field | File):
                field, parts = (event if isinstance(event, Field) else None), []
            elif isinstance(event, Data) and field is not None:
                parts.append(event.data)
                if not event.more_data:
                    _utf8(b"".join(parts), percent_encoded=False)
            event = decoder.next_event()
    except ValueError:  # a malformed body: Werkzeug's own parser answers for that
        return


def _text_is_utf8() -> None:
    """Before anything reads the request: its query string and form fields are UTF-8. The
    body is read once here (it is bounded by MAX_CONTENT_LENGTH) and parsed from that copy."""
    _utf8(request.query_string)
    if request.mimetype == "application/x-www-form-urlencoded":
        _utf8(request.get_data(cache=True))
    elif request.mimetype == "multipart/form-data":
        boundary = request.mimetype_params.get("boundary", "").encode("latin-1")
        if boundary:
            _multipart_fields_are_utf8(request.get_data(cache=True), boundary)


class WholeBody:
    """A body sent in chunks (no Content-Length) is read here, up to one byte past
    MAX_CONTENT_LENGTH, and handed on with its length said. Werkzeug would otherwise cut it
    at the limit and parse what came before the cut, saving a truncated post."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        if not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            limit = self.app.config.get("MAX_CONTENT_LENGTH")
            body = _read_at_most(environ["wsgi.input"], None if limit is None else limit + 1)
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            # Now read whole and of a known length: no longer chunked, to the app.
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream, size: int | None) -> bytes:
    parts, total = [], 0
    while size is None or total < size:
        part = stream.read(65536 if size is None else min(65536, size - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def register_input_guards(app: Flask) -> None:
    """What a request may carry: a body within MAX_CONTENT_LENGTH however it is framed,
    UTF-8 text, and no NUL in parameters, fields or the path."""
    app.request_class = HearthRequest
    app.wsgi_app = WholeBody(app.wsgi_app, app)

    @app.before_request
    def _readable_input():
        if "\x00" in request.path:
            abort(404)
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and (request.content_length or 0) > limit:
            abort(413)  # whatever the view would read of it: the friendly page, nothing kept
        _text_is_utf8()

    app.register_error_handler(NotText, _not_text)


def _not_text(error: NotText):
    return render_error(400, NOT_TEXT)


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
