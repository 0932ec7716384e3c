"""What the header shows a member on every page: how many notices and conversations hold
something new, read together in one query (each feature says how it counts)."""

import sqlalchemy as sa
from flask import Flask, g

from forum.conversations import queries as conversations
from forum.digests.quiet import in_quiet_hours
from forum.extensions import db
from forum.notices import queries as notices
from forum.permissions import is_member


def header_counts(user) -> tuple[int, int]:
    """(unread notices, conversations with new messages), once per request; none in the
    member's quiet hours."""
    if not is_member(user) or in_quiet_hours(user):
        return 0, 0
    if "unread_notices" not in g or "unread_conversations" not in g:
        both = sa.select(
            notices.unread_select(user).scalar_subquery(),
            conversations.unread_select(user).scalar_subquery(),
        )
        g.unread_notices, g.unread_conversations = db.session.execute(both).one()
    return g.unread_notices, g.unread_conversations


def init_header(app: Flask) -> None:
    app.add_template_global(header_counts, "header_counts")
