"""How much each member's report counts toward hiding a post until a moderator looks: their
earned trust (forum/trust/levels.py), times their record. Reports the moderators upheld make
the next ones count more; reports they keep dismissing make them count less."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation.models import Report, ReportState
from forum.permissions import unlocks

# A record counts once a member has this many reports decided; before that, it is neutral.
RECORD_AFTER = 3


def record_factor(upheld: int, decided: int) -> float:
    """0.5 for a member whose reports were all dismissed, 1.5 for one whose were all upheld."""
    if decided < RECORD_AFTER:
        return 1.0
    return 0.5 + upheld / decided


def report_weights(reporter_ids) -> dict[int, float]:
    """Each reporter's weight, in two queries whatever their number."""
    ids = list(set(reporter_ids))
    if not ids:
        return {}
    members = db.session.scalars(sa.select(User).where(User.id.in_(ids)))
    upheld = sa.func.count().filter(Report.state == ReportState.ACTION_TAKEN)
    decided = sa.func.count().filter(
        Report.state.in_([ReportState.ACTION_TAKEN, ReportState.NO_ACTION])
    )
    records = {
        reporter: (kept, total)
        for reporter, kept, total in db.session.execute(
            sa.select(Report.reporter_id, upheld, decided)
            .where(Report.reporter_id.in_(ids))
            .group_by(Report.reporter_id)
        )
    }
    return {
        m.id: unlocks(m).report_weight * record_factor(*records.get(m.id, (0, 0))) for m in members
    }
