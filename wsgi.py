"""The WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi ...`."""

import logging
import re

from demo.cli import seed
from forum import create_app

# What a request line's query string is, up to where the line goes on: searches travel in
# it (/search?q=...), and a log is no place for what a person in recovery looked for.
_QUERY = re.compile(r"\?[^\s\"'\x1b]*(?:\s(?!HTTP/)[^\s\"'\x1b]*)*")
# Werkzeug's request lines begin with the client's address: "203.0.113.9 - - [date] ...".
_ADDRESS = re.compile(r"^\S+ - - (?=\[)")


class PrivateRequestLog(logging.Filter):
    """The development server's request log (`flask run`) without client addresses or query
    strings: `[date] "GET /search HTTP/1.1" 200 -`. gunicorn's is set in gunicorn_config.py."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _ADDRESS.sub("", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in record.args)
        return True


logging.getLogger("werkzeug").addFilter(PrivateRequestLog())
app = create_app()
# `flask --app wsgi seed demo`: the demo forum, kept outside the forum package.
app.cli.add_command(seed)
