"""How Hearth runs under gunicorn: `gunicorn -c gunicorn_config.py -w 4 wsgi:app`.

The access log keeps what an operator needs (time, method, path, status, bytes, duration)
and leaves out what would tell who read or searched for what: no client address, no query
string (searches travel in it), no referrer, no user agent. gunicorn's error log gets the
same treatment for the few lines that would carry them.
"""

import logging
import re

from gunicorn import glogging

from forum.warmup import warm_up

# Standard output: the supervisor (systemd's journal, a container's log) keeps it.
accesslog = "-"
# %(U)s is the path without the query string; %(M)s the time taken, in milliseconds.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

_ADDRESS = re.compile(r"\bip=\S+?(?=:\s|\s|$)")
_QUERY = re.compile(r"\?\S*")


class _PrivateErrors(logging.Filter):
    """Takes the ip out of "Invalid request from ip=...", and the query out of request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", _ADDRESS.sub("ip=-", record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in record.args)
        return True


class PrivateLogger(glogging.Logger):
    """gunicorn's logger, with the error log's filter."""

    def __init__(self, cfg):
        super().__init__(cfg)
        self.error_log.addFilter(_PrivateErrors())


logger_class = PrivateLogger


def post_worker_init(worker):
    """Ready each worker before it takes a connection (forum/warmup.py says what and why)."""
    seconds = warm_up(worker.wsgi)
    worker.log.info(
        "Worker %s ready in %.2f s (templates compiled, search index open)", worker.pid, seconds
    )
