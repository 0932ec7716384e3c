"""How often a member may report: one care report a day about the same person, and as many
reports an hour as their trust level allows."""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.accounts.models import User
from forum.errors import ForumError
from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.permissions import unlocks
from forum.timeutil import utcnow
from forum.web.limits import SlowDown, member_key, take_one


class TooManyReports(ForumError):
    status_code = 429


def check_report_limits(reporter: User, subject_id: int | None, reason: Reason) -> None:
    """Raise TooManyReports past the reporter's limits: one care report a day about the same
    person, and as many reports an hour as their trust level allows."""
    now = utcnow()
    if reason == Reason.AT_RISK and subject_id is not None:
        care_today = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Report)
            .where(
                Report.reporter_id == reporter.id,
                Report.reason == Reason.AT_RISK,
                Report.subject_id == subject_id,
                Report.created_at > now - timedelta(days=1),
            )
        )
        if care_today:
            raise TooManyReports(
                _(
                    "You already raised a care report about this member today, "
                    "and the moderators have it. "
                    "If someone is in danger right now, the help page lists who to call."
                )
            )
    # Counted last, in the same storage as every other limit, once nothing else refuses.
    per_hour = unlocks(reporter).reports_per_hour
    try:
        take_one(f"{per_hour} per hour", "reports", member_key(reporter))
    except SlowDown:
        raise TooManyReports(
            ngettext(
                "You can send up to %(num)s report an hour. Thank you for looking out for "
                "others: please try again a little later.",
                "You can send up to %(num)s reports an hour. Thank you for looking out for "
                "others: please try again a little later.",
                per_hour,
            )
        ) from None
