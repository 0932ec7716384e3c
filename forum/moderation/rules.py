"""The fixed lists of moderation, kept in one place: report reasons, verbs, outcomes, durations."""

from flask_babel import force_locale

from forum.i18n import lazy_gettext as _l
from forum.moderation.models import Reason, ReportState
from forum.posts.models import PostStatus

REASON_LABELS = {
    Reason.AT_RISK: _l("Someone may be at risk"),
    Reason.HARASSMENT: _l("Harassment or hate"),
    Reason.DRUGS: _l("Selling or sourcing drugs"),
    Reason.DANGEROUS_ADVICE: _l("Dangerous advice"),
    Reason.IDENTITY: _l("Shares someone's identity"),
    Reason.SPAM: _l("Spam"),
    Reason.OTHER: _l("Something else"),
    Reason.UNCOMFORTABLE: _l("It made me uncomfortable"),
    Reason.PRESSURE: _l("Pressing me to meet, to talk somewhere else, or for my details"),
}
# The reasons a member may give for a post, and for a private conversation they are in.
POST_REASONS = (
    Reason.AT_RISK,
    Reason.HARASSMENT,
    Reason.DRUGS,
    Reason.DANGEROUS_ADVICE,
    Reason.IDENTITY,
    Reason.SPAM,
    Reason.OTHER,
)
CONVERSATION_REASONS = (
    Reason.UNCOMFORTABLE,
    Reason.PRESSURE,
    Reason.HARASSMENT,
    Reason.AT_RISK,
    Reason.DRUGS,
    Reason.IDENTITY,
    Reason.SPAM,
    Reason.OTHER,
)
REASON_HELP = {
    Reason.AT_RISK: _l("A care report, not an accusation: a moderator will reach out gently."),
}

# What each verb is called in the log, on buttons and in the transparency report.
VERB_LABELS = {
    "no_action": _l("No action"),
    "hide": _l("Hide post"),
    "restore": _l("Restore post"),
    "remove": _l("Remove post"),
    "redact": _l("Redact post"),
    "redact_version": _l("Redact an earlier version"),
    "approve": _l("Approve post"),
    "reject": _l("Reject post"),
    "auto_hide": _l("Hidden after reports"),
    "lock": _l("Lock thread"),
    "unlock": _l("Unlock thread"),
    "pin": _l("Pin thread"),
    "unpin": _l("Unpin thread"),
    "feature": _l("Feature as “Start here”"),
    "unfeature": _l("Stop featuring"),
    "slow_mode": _l("Slow mode on"),
    "slow_mode_off": _l("Slow mode off"),
    "untag_story": _l("Take off the “got through” tag"),
    "warn": _l("Warn member"),
    "suspend": _l("Suspend member"),
    "unsuspend": _l("Lift suspension"),
    "ban": _l("Ban member"),
    "escalate": _l("Escalate to admins"),
    "reached_out": _l("Reached out"),
    "resources_sent": _l("Resources sent"),
    "member_left": _l("Closed: they have left Hearth"),
    "appeal_upheld": _l("Appeal: decision upheld"),
    "appeal_reversed": _l("Appeal: decision reversed"),
    "appeal_changed": _l("Appeal: decision changed"),
    "read_conversation": _l("Read a reported conversation"),
    "watch_add": _l("Watched word added"),
    "watch_change": _l("Watched word changed"),
    "watch_remove": _l("Watched word removed"),
    "watch_import": _l("Watched words imported"),
    "end_pairing": _l("End a mentoring pairing"),
}

THREAD_VERBS = (
    "lock",
    "unlock",
    "pin",
    "unpin",
    "feature",
    "unfeature",
    "slow_mode",
    "slow_mode_off",
    "untag_story",
)
# How long a timed close may last (hours), and slow mode's pace (minutes between replies).
CLOSE_HOURS = (1, 6, 12, 24, 72)
SLOW_MODE_MINUTES = (5, 15, 30, 60, 240)
# Verbs for a reported post, and for a care report (which never ends in "no violation").
REPORT_VERBS = (
    "no_action",
    "hide",
    "remove",
    "redact",
    "lock",
    "warn",
    "suspend",
    "ban",
    "escalate",
)
CARE_VERBS = ("reached_out", "resources_sent", "member_left", "escalate")
# Verbs for an item about a member rather than a post (a reported conversation, a member
# many people blocked): the decision is about the member, or that nothing needs doing.
MEMBER_ITEM_VERBS = ("no_action", "warn", "suspend", "ban", "escalate")
# The care verbs that record how the person was looked after (escalating hands it on).
CARE_OUTCOMES = ("reached_out", "resources_sent", "member_left")
PENDING_VERBS = ("approve", "reject")
# What may weigh on a person at risk: on a care item these sit apart from the care outcomes,
# behind a disclosure, each with its own reason and a confirmation.
HARSH_VERBS = ("reject", "hide", "remove", "redact", "lock", "warn", "suspend", "ban")
# A moderator's action against a member that lowers their earned trust for a while (not a
# redaction, which may protect them, nor a rejected first post, before any trust).
SANCTION_VERBS = frozenset({"hide", "remove", "warn", "suspend", "ban"})
# Verbs whose reason the member affected reads in a notice.
REASON_REQUIRED = frozenset(
    {
        "hide",
        "remove",
        "redact",
        "redact_version",
        "reject",
        "lock",
        "warn",
        "suspend",
        "ban",
        "reached_out",
        "unsuspend",
    }
)

# What the reporters are told when an item is resolved with a verb.
OUTCOME_OF_VERB = {
    "no_action": ReportState.NO_ACTION,
    "approve": ReportState.NO_ACTION,
    "restore": ReportState.NO_ACTION,
    "reached_out": ReportState.REVIEWED,
    "resources_sent": ReportState.REVIEWED,
    "member_left": ReportState.REVIEWED,
}
OUTCOME_WORDS = {
    ReportState.OPEN: _l("Waiting for a moderator"),
    ReportState.NO_ACTION: _l("Reviewed: no action was needed"),
    ReportState.ACTION_TAKEN: _l("Reviewed: the moderators took action"),
    ReportState.REVIEWED: _l("Reviewed: a moderator looked after it"),
}

# What members read in place of a post they can't read, for the moderators' context around
# an item: what a member deleted or the moderators took away is not shown to them either.
STATUS_WORDS = {
    PostStatus.HIDDEN: _l("hidden by the moderators"),
    PostStatus.REMOVED: _l("removed by the moderators"),
    PostStatus.DELETED: _l("deleted by its author"),
}

SUSPENSION_DAYS = (1, 3, 7, 30)

# Appeals. A member may appeal what took something from them or weighs on their record: a
# post hidden, removed, redacted or not approved, a thread locked, a warning, a suspension,
# a ban. Not what went their way (restore, approve, lift), nor care outcomes (reaching out
# is not a sanction), nor steps that decide nothing (no action, escalate).
APPEALABLE_VERBS = frozenset(
    {"hide", "auto_hide", "remove", "redact", "reject", "lock", "warn", "suspend", "ban"}
)
APPEAL_DAYS = 14
APPEAL_MAX = 1000
# How reversing an action undoes it, through the usual actions (logged, the member told).
# A warning leaves nothing to undo; a redaction or a rejection is not undone from here (the
# text the moderators took out is gone on purpose): the moderator records "changed" instead.
UNDO_VERBS = {
    "hide": "restore",
    "auto_hide": "restore",
    "remove": "restore",
    "lock": "unlock",
    "suspend": "unsuspend",
    "ban": "unsuspend",
    "warn": None,
}
CLAIM_MINUTES = 30


def in_english(words) -> str:
    """A label as the log and the notices keep it: in English, whoever reads it later (each
    reader's page translates what it shows)."""
    with force_locale("en"):
        return str(words)


def outcome_of(verb: str) -> ReportState:
    return OUTCOME_OF_VERB.get(verb, ReportState.ACTION_TAKEN)


def reason_counts(reports) -> list[tuple[str, int]]:
    """Each reason given for an item with how many gave it: care first, then most given."""
    counts: dict = {}
    for report in reports:
        counts[report.reason] = counts.get(report.reason, 0) + 1
    order = sorted(counts, key=lambda r: (r is not Reason.AT_RISK, -counts[r], r.value))
    return [(REASON_LABELS[reason], counts[reason]) for reason in order]
