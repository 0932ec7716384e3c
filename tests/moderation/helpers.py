"""Small helpers for moderation tests: reporting as a member, acting as a moderator."""

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation import reports, services
from forum.moderation.appeals import services as appeals
from forum.moderation.models import Appeal, ModAction, Reason, ReviewItem
from forum.permissions import Role
from forum.trust.levels import TrustLevel
from tests.factories import make_post, make_user


def report(post, reason: Reason = Reason.HARASSMENT, reporter=None, note: str = ""):
    """A report by `reporter`, or by a member past their first days (whose report counts 1
    toward auto-hide: forum/moderation/weight.py)."""
    reporter = reporter or make_user(trust_level=TrustLevel.MEMBER)
    made = reports.report_post(reporter, post, reason, note)
    db.session.commit()
    return made


def item_for(post) -> ReviewItem:
    return db.session.scalar(
        db.select(ReviewItem).where(ReviewItem.post_id == post.id).order_by(ReviewItem.id.desc())
    )


def hidden_and_appealed() -> Appeal:
    """A member's post hidden by a moderator, and the member's appeal of it."""
    post = make_post()
    services.act_directly(make_user(role=Role.MODERATOR), post, "hide", "An attack.")
    db.session.commit()
    action = db.session.scalar(
        sa.select(ModAction).where(ModAction.verb == "hide", ModAction.target_id == post.id)
    )
    made = appeals.make_appeal(post.author, action, "Please look again.")
    db.session.commit()
    return made
