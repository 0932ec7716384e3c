"""Who may appeal what, and who may decide an appeal: the one answer for both, asked by the
notice that offers "Appeal this decision", the appeal form and the deciding page."""

from datetime import timedelta

from forum.accounts.models import User
from forum.errors import Conflict, ForumError, NotAllowed
from forum.i18n import lazy_gettext as _l
from forum.moderation.appeals import queries
from forum.moderation.models import Appeal, ModAction
from forum.moderation.rules import APPEAL_DAYS, APPEALABLE_VERBS
from forum.moderation.subjects import OWN
from forum.timeutil import utcnow

NOT_YOURS = _l("This decision is not about you, so you can't appeal it.")
NOT_APPEALABLE = _l("This decision can't be appealed: it did not take anything from you.")
ALREADY_APPEALED = _l("You have already appealed this decision. A moderator will answer you here.")
TOO_LATE = _l("Decisions can be appealed for %(num)s days, and this one is older.", num=APPEAL_DAYS)
ACTED = _l("You took this action, so another moderator decides the appeal.")
DECIDED = _l("This appeal is already decided.")


def appeal_refusal(member: User, action: ModAction | None) -> ForumError | None:
    """Why the member may not appeal this action now; None when they may."""
    if action is None or action.subject_id is None or action.subject_id != member.id:
        return NotAllowed(NOT_YOURS)
    if action.verb not in APPEALABLE_VERBS:
        return NotAllowed(NOT_APPEALABLE)
    if queries.appeal_of(action) is not None:
        return Conflict(ALREADY_APPEALED)
    if utcnow() - action.created_at > timedelta(days=APPEAL_DAYS):
        return NotAllowed(TOO_LATE)
    return None


def can_appeal(member: User, action: ModAction | None, appealed: bool = False) -> bool:
    """The notice offers "Appeal this decision" (`appealed`: already known to be)."""
    return not appealed and appeal_refusal(member, action) is None


def appeal_decision_refusal(moderator: User, appeal: Appeal) -> ForumError | None:
    """Why the moderator may not decide the appeal: they acted, it is about them, or it is
    decided. The database refuses the first too (the appeals table's check)."""
    if appeal.acted_by_id is not None and appeal.acted_by_id == moderator.id:
        return NotAllowed(ACTED)
    if appeal.member_id == moderator.id:
        return NotAllowed(OWN)
    if appeal.decided_at is not None:
        return Conflict(DECIDED)
    return None
