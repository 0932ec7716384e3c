"""Pages kept for signed-out readers, served again while nothing they show has changed.

Every change that a signed-out reader's page could show (a post, a thread, a board, a
reaction, a member's name or day count) moves one number, `page_versions.version`, in the
same transaction as the change: the session's flush events catch changed objects and bulk
UPDATE/DELETE statements alike. A worker keeps the last pages it rendered (a few hundred,
`PAGE_CACHE_SIZE`) with the number they were rendered under, and serves one again only
while a one-row read returns the same number, within the same minute (pages say "5 minutes
ago", and day counts move with the clock). Pages are kept per language: a reader who never
chose one is answered in their browser's (Accept-Language), so the key and the ETag carry
the language, and responses say `Vary: Accept-Language`. Members, and anyone with something
in their session (a flashed message, a form token, a language they chose), always get a
page rendered for them.
"""

import hashlib
import itertools
from collections import OrderedDict
from functools import cache, wraps
from threading import Lock

import sqlalchemy as sa
from flask import current_app, request, session
from flask.wrappers import Response
from flask_login import current_user
from sqlalchemy.orm import Session

from forum.extensions import db, listen_once
from forum.i18n import current_locale
from forum.permissions import is_member
from forum.timeutil import utcnow
from forum.web.models import PageVersion

_BUMPED = "page_version_bumped"
_table = PageVersion.__table__


def _private_tables() -> frozenset[str]:
    """Tables no signed-out reader's page shows: changing them leaves stored pages current.

    Each model says so itself (`shown_to_readers = False`).
    """
    return _private_among(frozenset(db.Model.registry.mappers))


@cache
def _private_among(mappers: frozenset) -> frozenset[str]:
    return frozenset(m.local_table.name for m in mappers if not m.class_.shown_to_readers)


def _bump(session: Session) -> None:
    session.connection().execute(
        sa.update(_table).where(_table.c.id == 1).values(version=_table.c.version + 1)
    )
    session.info[_BUMPED] = True


def _is_public(obj) -> bool:
    return getattr(type(obj), "shown_to_readers", False)


def _note_changed_objects(session: Session, _context, _instances) -> None:
    if session.info.get(_BUMPED):
        return
    for obj in itertools.chain(session.new, session.deleted, session.dirty):
        if _is_public(obj) and (obj not in session.dirty or session.is_modified(obj)):
            _bump(session)
            return


def _note_bulk_statements(state) -> None:
    if state.session.info.get(_BUMPED):
        return
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name not in _private_tables():
            _bump(state.session)


def _forget_bump(session: Session, _transaction) -> None:
    # A rolled-back savepoint takes its bump with it: the next change bumps again.
    session.info.pop(_BUMPED, None)


_LISTENERS = (
    ("before_flush", _note_changed_objects),
    ("do_orm_execute", _note_bulk_statements),
    ("after_transaction_end", _forget_bump),
)


def listen() -> None:
    """Move the page version with every public change (called once by create_app)."""
    listen_once(Session, _LISTENERS)


class _Pages:
    """The last pages rendered in this worker: path -> (stamp, body), least recent out first."""

    def __init__(self):
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = Lock()

    def get(self, key: str, stamp: tuple) -> str | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] != stamp:
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key: str, stamp: tuple, body: str, size: int) -> None:
        with self.lock:
            self.entries[key] = (stamp, body)
            self.entries.move_to_end(key)
            while len(self.entries) > size:
                self.entries.popitem(last=False)


# Plain SQL: on a hit this read is most of the work, and it needs no statement building.
_READ_VERSION = "SELECT version FROM page_versions WHERE id = 1"


def _stamp() -> tuple | None:
    version = db.session.connection().exec_driver_sql(_READ_VERSION).scalar()
    if version is None:
        return None
    # Pages say "5 minutes ago" and "Day 142": a stored page lasts a minute at most.
    return version, utcnow().replace(second=0, microsecond=0)


def cached_for_readers(view):
    """Serve a signed-out reader the stored page while it is current; store what is rendered."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        size = current_app.config["PAGE_CACHE_SIZE"]
        if not size or request.method != "GET" or session or is_member(current_user):
            return view(*args, **kwargs)
        stamp = _stamp()
        pages = current_app.extensions.setdefault("hearth_pages", _Pages())
        key = f"{current_locale()} {request.full_path}"
        body = pages.get(key, stamp) if stamp else None
        if body is not None:
            return body
        result = view(*args, **kwargs)
        rendered, status = result if isinstance(result, tuple) else (result, 200)
        if stamp and status == 200 and isinstance(rendered, str) and not session:
            pages.put(key, stamp, rendered, size)
        return result

    return wrapper


def revalidate_for_readers(response: Response) -> Response:
    """An ETag (a hash of the page) for signed-out readers, and 304 when it still matches.

    A member's page carries their own marks and a form token, so it is never revalidated.
    """
    if request.method != "GET":
        return response
    if is_member(current_user) or response.status_code != 200:
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
    # The language is in the tag as well as in the page: two languages never share a tag.
    tagged = current_locale().encode() + b" " + response.get_data()
    response.set_etag(hashlib.sha1(tagged, usedforsecurity=False).hexdigest())
    response.headers["Cache-Control"] = "no-cache"
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)
