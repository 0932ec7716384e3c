"""Reading a member's notices."""

import sqlalchemy as sa
from flask import g

from forum.extensions import db
from forum.notices.models import Notice
from forum.permissions import is_member


def unread_count(user) -> int:
    """How many notices the member has not read yet (once per request, for the header)."""
    if not is_member(user):
        return 0
    if "unread_notices" not in g:
        g.unread_notices = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Notice)
            .where(Notice.user_id == user.id, Notice.read_at.is_(None))
        )
    return g.unread_notices


def notices_for(user, page: int):
    stmt = sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id.desc())
    return db.paginate(stmt, page=page, per_page=30, error_out=False)
