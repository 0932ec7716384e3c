"""SQL statements and rendering CPU per page, measured in this process with the test client.

The page cache is off here: these are the figures of a page rendered for its reader.
"""

import re
import time
from pathlib import Path

import sqlalchemy as sa

from bench.data import bench_app
from forum.extensions import db

_NOT_QUERIES = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT")


def count_statements(
    instance: Path,
    database_url: str,
    pages: dict[str, dict],
    writer: str,
    password: str,
    search_backend: str = "whoosh",
    timed: int = 30,
    warm: int = 10,
) -> dict[str, tuple[int, float, float]]:
    """For each page, (SQL statements of one request, CPU ms of one rendering, the same with
    no post card kept from an earlier rendering) (a signed-in request if asked; a POST is
    counted once and not timed, since it writes).

    `pages` maps a name to {"path": ..., "signed_in": bool, "form": dict or None}.
    """
    app = bench_app(
        database_url, instance, search_backend, WTF_CSRF_ENABLED=False, PAGE_CACHE_SIZE=0
    )
    counts: dict[str, tuple[int, float, float]] = {}
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        if statement.split(None, 1)[0].upper() not in _NOT_QUERIES:
            statements.append(statement)

    # Each request gets its own app context, as under a server: one held open across them
    # would keep the member signed in last as everyone's `current_user` (g outlives requests).
    with app.app_context():
        engine = db.engine
    anonymous, member = app.test_client(), app.test_client()
    member.post("/signin", data={"pseudonym": writer, "password": password})
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        for name, page in pages.items():
            client = member if page.get("signed_in") else anonymous
            counts[name] = _measure(app, client, page, statements, warm, timed)
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
        engine.dispose()
    return counts


def _measure(app, client, page: dict, statements: list, warm: int, timed: int) -> tuple:
    """One page: warm it, count one request's statements, then time `timed` renderings, and
    as many again with the post cards rendered anew each time (forum/web/fragments.py)."""
    for _ in range(warm):  # as warm as the server's (SQLite's page cache too)
        client.get(page["path"])
    statements.clear()
    if page.get("form") is not None:
        response = client.post(page["path"], data=page["form"])
    else:
        response = client.get(page["path"])
    count = len(statements) if response.status_code < 400 else -1
    if page.get("form") is not None:
        return count, None, None
    started = time.process_time()
    for _ in range(timed):
        client.get(page["path"])
    warm_ms = (time.process_time() - started) * 1000 / timed
    started = time.process_time()
    for _ in range(timed):
        app.extensions.pop("fragments", None)
        client.get(page["path"])
    return count, warm_ms, (time.process_time() - started) * 1000 / timed


_WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


def reads_that_write(
    instance: Path,
    database_url: str,
    lines: list,
    members: list[str],
    password: str,
    search_backend: str = "whoosh",
    sample: int = 400,
) -> dict[str, dict]:
    """Of the mix's first `sample` GETs (bench/mix.py's lines), how many wrote to the database,
    by kind of page and signed in or not, and the tables they wrote to. Reading should never
    write; the page cache is off so that every GET runs its view."""
    app = bench_app(
        database_url, instance, search_backend, WTF_CSRF_ENABLED=False, PAGE_CACHE_SIZE=0
    )
    written: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        found = _WRITE.match(statement)
        if found:
            written.append(found.group(1))

    found: dict[str, dict] = {}
    with app.app_context():
        engine = db.engine
    # Requests run outside an app context of ours: one held around them would keep `g`, and
    # with it the member signed in last, from one request to the next.
    anonymous = app.test_client()
    clients = []
    for name in members:
        client = app.test_client()
        client.post("/signin", data={"pseudonym": name, "password": password})
        clients.append(client)
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        for line in [line for line in lines if line.method == "GET"][:sample]:
            client = clients[line.member] if line.member >= 0 else anonymous
            written.clear()
            client.get(line.path)
            who = "member" if line.member >= 0 else "signed out"
            entry = found.setdefault(f"{line.kind}, {who}", {"sampled": 0, "wrote": 0})
            entry["sampled"] += 1
            if written:
                entry["wrote"] += 1
                entry["tables"] = sorted(set(entry.get("tables", [])) | set(written))
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    engine.dispose()
    return found
