"""Pages that hold what is a member's alone are never kept by a cache: one list, one rule.

A shared computer's browser keeps pages it may show again (Back, history, a restored tab);
`Cache-Control: no-store` asks it and every proxy to keep nothing of these.
"""

from flask import Flask, Response, request

# My recovery (counters, pledges, the journal), settings, private messages, drafts,
# mentoring (who is whose mentor), and what members wrote to the moderators.
PRIVATE_PREFIXES = (
    "/me",
    "/settings",
    "/messages",
    "/drafts",
    "/mentors",
    "/mod/inbox",
    "/mod/pairings",
)


def is_private(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in PRIVATE_PREFIXES)


def _never_stored(response: Response) -> Response:
    if is_private(request.path):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_private_pages(app: Flask) -> None:
    app.after_request(_never_stored)
