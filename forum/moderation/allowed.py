"""What a moderator may do to a queue item, a post or a member: the one answer.

The views render one button for each verb `allowed_actions` returns and the templates loop
over those; the services call `refuse_unless_allowed` and raise what it finds. So a button
shown is an action accepted, and any other verb is refused with the same words.
"""

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import ForumError, NotAllowed
from forum.i18n import lazy_gettext as _l
from forum.moderation import queries
from forum.moderation.claims import claimed_by_someone_else, taken
from forum.moderation.models import ItemKind, ItemState, ReviewItem
from forum.moderation.rules import (
    CARE_OUTCOMES,
    CARE_VERBS,
    HARSH_VERBS,
    MEMBER_ITEM_VERBS,
    PENDING_VERBS,
    REPORT_VERBS,
    VERB_LABELS,
)
from forum.moderation.subjects import IN_IT, OWN, concerns_self, subject_of
from forum.moderation.waiting import approval_waiting, care_waiting
from forum.permissions import Role, can_administer, can_moderate, is_suspended
from forum.posts.models import Post, PostStatus
from forum.web.jinja import status_words

Target = ReviewItem | Post | User


class DecisionError(ForumError):
    """A decision could not be taken as asked (missing reason, wrong verb, ...)."""


# The states each verb on a post can start from, in the order of the buttons: restoring a
# post its author deleted is not ours to do.
POST_VERBS = {
    "hide": frozenset({PostStatus.VISIBLE}),
    "restore": frozenset({PostStatus.HIDDEN, PostStatus.REMOVED}),
    "remove": frozenset({PostStatus.VISIBLE, PostStatus.HIDDEN}),
    "approve": frozenset({PostStatus.PENDING}),
    "reject": frozenset({PostStatus.PENDING}),
    "redact": frozenset({PostStatus.VISIBLE, PostStatus.HIDDEN, PostStatus.PENDING}),
}
MEMBER_VERBS = ("warn", "suspend", "unsuspend", "ban")
# An item where someone may be at risk offers care whatever its post's state: the care
# outcomes first, then what the post may need (approving, restoring), then the harsh verbs.
# It never ends as "no violation".
CARE_ITEM_VERBS = CARE_VERBS + ("approve", "restore") + HARSH_VERBS
# A held post's item: approve or reject it; closed with no action once its author took it back.
PENDING_ITEM_VERBS = PENDING_VERBS + ("no_action",)
# An item about a member (a reported conversation, a member many blocked) where someone
# may be at risk: the care outcomes first, then the harsh verbs on the member.
MEMBER_CARE_ITEM_VERBS = CARE_VERBS + ("warn", "suspend", "ban")
ABOUT_A_MEMBER = (ItemKind.CONVERSATION, ItemKind.BLOCKS)

NOT_A_MODERATORS_CALL = _l(
    "Only an admin can act on a moderator, and admins only step down by command."
)


def allowed_actions(moderator: User, target: Target) -> tuple[str, ...]:
    """The verbs the moderator may take on the target now, in the order of the buttons."""
    if _refusal(moderator, target) is not None:
        return ()
    return tuple(verb for verb in _verbs(target) if _misfit(moderator, target, verb) is None)


def refuse_unless_allowed(moderator: User, target: Target, verb: str) -> None:
    """Raise what the moderator reads when `verb` is not in `allowed_actions`."""
    error = _refusal(moderator, target) or _misfit(moderator, target, verb)
    if error is not None:
        raise error


def refusal(moderator: User, target: Target) -> str | None:
    """Why no action at all is allowed, in the service's words; None when some are."""
    if allowed_actions(moderator, target):
        return None
    error = _refusal(moderator, target)
    return error.message if error is not None else _nothing_to_do(target)


def may_read_conversation(moderator: User, item: ReviewItem) -> ForumError | None:
    """Why the moderator may not read the conversation an item points at, if they may not:
    only through an open report on it, and never a conversation they are in themselves."""
    if item.conversation_id is None:
        return NotAllowed(_("Only a reported conversation can be read here."))
    if item.state != ItemState.OPEN:
        return NotAllowed(_("The report is closed: the conversation is private again."))
    if queries.is_in_conversation(moderator, item.conversation_id):
        return NotAllowed(IN_IT)
    if item.escalated and not can_administer(moderator):
        return NotAllowed(_("This item is escalated to the admins."))
    return None


def care_item_of(target: Target) -> ReviewItem | None:
    """The open item where a care report waits about the target (a post, its item, or the
    member it is about), if there is one."""
    if isinstance(target, User):
        return queries.open_care_item_about(target)
    item = queries.open_item_for(target) if isinstance(target, Post) else target
    return item if item is not None and care_waiting(item) else None


def needs_confirmation(target: Target, verb: str) -> bool:
    """While someone may be at risk, a harsh action on their post or on them is confirmed."""
    return verb in HARSH_VERBS and care_item_of(target) is not None


def refuse_unless_confirmed(target: Target, verb: str, confirmed: bool) -> None:
    if needs_confirmation(target, verb) and not confirmed:
        raise DecisionError(
            _(
                "Someone may be at risk: tick the box to confirm “%(action)s”, "
                "or look after them first.",
                action=VERB_LABELS[verb],
            )
        )


def can_claim(moderator: User, item: ReviewItem) -> bool:
    """May take the item (or renew their own claim): open, not theirs, nobody else's."""
    return _refusal(moderator, item) is None


def refuse_claim_unless_allowed(moderator: User, item: ReviewItem) -> None:
    error = _refusal(moderator, item)
    if error is not None:
        raise error


# --- the rule, whatever the verb, then verb by verb ----------------------------------------------


def _refusal(moderator: User, target: Target) -> ForumError | None:
    """Nothing may be done: it concerns the moderator, or it is someone else's to decide."""
    if concerns_self(moderator, target):
        in_it = isinstance(target, ReviewItem) and target.conversation_id is not None
        return NotAllowed(IN_IT if in_it and subject_of(target) != moderator else OWN)
    if isinstance(target, Post):
        target = queries.open_item_for(target)  # a post in the queue is decided there too
        if target is None:
            return None
    if isinstance(target, ReviewItem):
        if target.escalated and not can_administer(moderator):
            return NotAllowed(_("This item is escalated to the admins."))
        if target.state != ItemState.OPEN or claimed_by_someone_else(moderator, target):
            return taken(target)
        return None
    return _member_refusal(moderator, target)


def _member_refusal(moderator: User, member: User) -> ForumError | None:
    if member.role == Role.ADMIN or (can_moderate(member) and not can_administer(moderator)):
        return NotAllowed(NOT_A_MODERATORS_CALL)
    return None


def _verbs(target: Target) -> tuple[str, ...]:
    if isinstance(target, Post):
        return tuple(POST_VERBS)
    if isinstance(target, User):
        return MEMBER_VERBS
    if target.kind == ItemKind.APPEAL:
        return ()  # decided on the appeal's own page (appeal_decision_refusal)
    if target.kind in ABOUT_A_MEMBER:
        return MEMBER_CARE_ITEM_VERBS if care_waiting(target) else MEMBER_ITEM_VERBS
    if care_waiting(target):
        return CARE_ITEM_VERBS
    if target.kind == ItemKind.PENDING:
        return PENDING_ITEM_VERBS
    return REPORT_VERBS


_MISFITS = {
    Post: _l("That action doesn't fit this post."),
    User: _l("That action doesn't fit this member."),
    ReviewItem: _l("That action doesn't fit this item."),
}


def _misfit(moderator: User, target: Target, verb: str) -> ForumError | None:
    """Why this verb does not fit the target as it is now, if it doesn't."""
    if verb not in _verbs(target):
        return DecisionError(_MISFITS.get(type(target), _MISFITS[ReviewItem]))
    if isinstance(target, User):
        return _member_misfit(moderator, target, verb)
    post = target.post if isinstance(target, ReviewItem) else target
    if post is None:  # an item about a member
        member = subject_of(target)
        if verb in MEMBER_VERBS:
            return _member_misfit(moderator, member, verb, _NOBODY_NAMED)
        if verb in CARE_OUTCOMES:
            return _care_misfit(member, verb)
        return None
    if verb in POST_VERBS and post.status not in POST_VERBS[verb]:
        return DecisionError(
            _(
                "“%(action)s” doesn't apply to a post that is %(status)s.",
                action=VERB_LABELS[verb],
                status=status_words(post.status.value).lower(),
            )
        )
    if verb in MEMBER_VERBS:
        return _member_misfit(moderator, post.author, verb)
    if verb in CARE_OUTCOMES:
        return _care_misfit(post.author, verb)
    if verb == "no_action" and isinstance(target, ReviewItem) and approval_waiting(target):
        return DecisionError(_("A post waiting for approval is approved or rejected."))
    return None


def _care_misfit(member: User | None, verb: str) -> DecisionError | None:
    """Reaching someone needs them here; closing because they left needs them gone."""
    if verb == "member_left":
        if member is not None:
            return DecisionError(_("They are still a member: reach out, or send resources."))
        return None
    if member is None:
        return DecisionError(
            _("They have left Hearth, so nobody can be reached: close the care report instead.")
        )
    return None


_AUTHOR_LEFT = _l("The author has left Hearth: there is no member to act on.")
_NOBODY_NAMED = _l(
    "Nobody in particular is named, or they have left: act on a member from their page."
)


def _member_misfit(
    moderator: User, member: User | None, verb: str, missing: str = _AUTHOR_LEFT
) -> ForumError | None:
    if member is None:
        return DecisionError(missing)
    if verb == "unsuspend" and not is_suspended(member):
        return DecisionError(_("Only a suspension can be lifted, and this member has none."))
    return _member_refusal(moderator, member)


_NOTHING_TO_DO = {
    PostStatus.DELETED: _l("Its author deleted it; there is nothing to do."),
    PostStatus.WITHDRAWN: _l(
        "Its author took it back before it was approved; there is nothing to do."
    ),
    PostStatus.REJECTED: _l(
        "It was not approved, and nobody but its author sees it; there is nothing more to do."
    ),
}


def _nothing_to_do(target: Target) -> str:
    post = target.post if isinstance(target, ReviewItem) else target
    if isinstance(post, Post) and post.status in _NOTHING_TO_DO:
        return _NOTHING_TO_DO[post.status]
    return _("There is nothing to do here.")
