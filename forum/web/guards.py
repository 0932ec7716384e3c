"""Guards every blueprint shares: a suspended member reads, but writes nothing, and is told why."""

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, render_template, request
from flask_babel import gettext, ngettext
from flask_login import current_user

from forum.i18n import lazy_gettext as _l
from forum.permissions import is_suspended
from forum.timeutil import utcnow
from forum.web.jinja import weekday_day_month_year

# What a suspended member may still do: leave, take their data, or close their account.
# (Signing in or up again, already signed in, only leads on to the boards.)
ALLOWED_WHILE_SUSPENDED = frozenset(
    {
        "accounts.signin",
        "accounts.signup",
        "accounts.signout",
        "accounts.export",
        "accounts.delete_account",
        "accounts.change_password",
        "accounts.reading",
        # Which country's crisis lines they see: a hard moment is no time to be refused it.
        "accounts.country",
        # The language they read Hearth in: nobody else reads it.
        "language.switch",
        # Fewer emails, quieter hours: it protects the member and writes nothing anyone reads.
        "digests.settings",
        "digests.unsubscribe",
        "recovery.slip",
        "notices.read",
        "notices.read_all",
        # Stepping back from a private conversation protects the member; it writes nothing.
        "conversations.leave",
        "conversations.mute",
        "conversations.who_can_write",
        # Shutting someone out protects the member and writes nothing anyone reads.
        "blocks.shut_out",
        "blocks.undo",
        # Taking away their own private words (a draft, a journal entry) writes nothing
        # anyone reads.
        "drafts.discard",
        "journal.delete",
        # Ending a mentoring pairing, or taking an offer back, protects the member.
        "mentors.end",
        "mentors.withdraw",
        # Appealing the decision that paused them: only the moderators read it.
        "reports.make_appeal",
        # A question to the moderators about a decision must stay possible while it lasts.
        "conversations.contact_team",
        "conversations.send_to_team",
    }
)
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A ban is stored as a suspension that ends in the year 9999.
BAN_YEAR = 9999

# What the member was about to do, in their words, for the pages they would write on: each
# ends the sentence "you can't ...", in the reader's language.
WRITING_WORDS = {
    "boards.new_thread": _l("start a thread"),
    "boards.reply": _l("reply"),
    "boards.edit_post": _l("edit your posts"),
    "boards.delete_post": _l("delete your posts"),
    "reports.report": _l("report a post"),
    "reactions.toggle": _l("react to posts"),
    "recovery.share": _l("share a milestone"),
    "following.choose": _l("follow or mute threads"),
    "following.bookmark": _l("save posts"),
    "conversations.new": _l("send messages"),
    "conversations.send": _l("send messages"),
    "journal.new": _l("write in your journal"),
    "journal.edit": _l("change your journal"),
    "mentors.offer": _l("offer to mentor"),
    "mentors.ask": _l("ask for a mentor"),
}


_IN = {
    "day": lambda n: ngettext("in %(num)s day", "in %(num)s days", n),
    "hour": lambda n: ngettext("in %(num)s hour", "in %(num)s hours", n),
    "minute": lambda n: ngettext("in %(num)s minute", "in %(num)s minutes", n),
}


@dataclass(frozen=True)
class Suspension:
    """Why and until when a member can read but not write; `until` is None for a ban."""

    until: datetime | None
    reason: str | None

    @property
    def is_ban(self) -> bool:
        return self.until is None

    def until_words(self) -> str:
        """The end in a person's words: "Saturday 14 March 2026 at 09:30 UTC"."""
        if self.until is None:
            return gettext("no end date")
        # The day as the reader's language writes it, in UTC as the page says.
        day, time = weekday_day_month_year(self.until.date()), self.until.strftime("%H:%M")
        return gettext("%(day)s at %(time)s UTC", day=day, time=time)

    def time_left(self) -> str:
        """How long is left, to the nearest unit: "in 3 days", "in 5 hours", "in 12 minutes"."""
        if self.until is None:
            return ""
        seconds = max((self.until - utcnow()).total_seconds(), 60)
        for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
            if seconds >= size:
                return _IN[unit](int(seconds / size + 0.5))
        return gettext("in a minute")


def suspension_of(user) -> Suspension | None:
    """The member's suspension or ban while it lasts, else None (also for signed-out visitors)."""
    if not is_suspended(user):
        return None
    until = user.suspended_until
    return Suspension(None if until.year >= BAN_YEAR else until, user.suspension_reason)


def _is_writing_page() -> bool:
    """A page whose form sends a write: its address also takes a POST."""
    rule = request.url_rule
    return rule is not None and "POST" in (rule.methods or ())


def suspended_members_only_read():
    """Before every request: a suspended member may read, and do only what is listed above.

    A write is refused, and a page they would write on (reply, new thread, edit, report,
    share a milestone...) is answered before its form is shown, both with the same page:
    until when, the moderators' reason, and where to ask.
    """
    if request.endpoint in ALLOWED_WHILE_SUSPENDED:
        return None
    if request.method in READING_METHODS and not _is_writing_page():
        return None
    suspension = suspension_of(current_user)
    if suspension is None:
        return None
    doing = WRITING_WORDS.get(request.endpoint) or gettext("write here")
    page = render_template("support/suspended.html", suspension=suspension, doing=doing)
    return page, 403


def init_guards(app: Flask) -> None:
    app.before_request(suspended_members_only_read)
    app.add_template_global(suspension_of, "suspension_of")
