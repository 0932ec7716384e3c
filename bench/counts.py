"""SQL statements per page, counted in this process through Flask's test client."""

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
) -> dict[str, int]:
    """For each page, how many SQL statements one request runs (a signed-in one if asked).

    `pages` maps a name to {"path": ..., "signed_in": bool, "form": dict or None}.
    """
    app = bench_app(database_url, instance, search_backend, WTF_CSRF_ENABLED=False)
    counts: dict[str, int] = {}
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        if statement.split(None, 1)[0].upper() not in _NOT_QUERIES:
            statements.append(statement)

    with app.app_context():
        anonymous, member = app.test_client(), app.test_client()
        member.post("/signin", data={"pseudonym": writer, "password": password})
        sa.event.listen(db.engine, "before_cursor_execute", note)
        try:
            for name, page in pages.items():
                client = member if page.get("signed_in") else anonymous
                client.get(page["path"])  # once to warm caches, as the server is warm
                statements.clear()
                if page.get("form") is not None:
                    response = client.post(page["path"], data=page["form"])
                else:
                    response = client.get(page["path"])
                counts[name] = len(statements) if response.status_code < 400 else -1
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", note)
        db.engine.dispose()
    return counts
