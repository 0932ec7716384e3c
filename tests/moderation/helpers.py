"""Small helpers for moderation tests: reporting as a member, acting as a moderator."""

from forum.extensions import db
from forum.moderation import reports
from forum.moderation.models import Reason, ReviewItem
from tests.factories import make_user


def report(post, reason: Reason = Reason.HARASSMENT, reporter=None, note: str = ""):
    reporter = reporter or make_user()
    made = reports.report_post(reporter, post, reason, note)
    db.session.commit()
    return made


def item_for(post) -> ReviewItem:
    return db.session.scalar(
        db.select(ReviewItem).where(ReviewItem.post_id == post.id).order_by(ReviewItem.id.desc())
    )
