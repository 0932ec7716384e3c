"""Who is due a digest, writing and sending one, and unsubscribing. Callers commit."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext, ngettext
from itsdangerous import BadSignature, URLSafeSerializer

from forum.accounts.models import User
from forum.conversations import queries as conversations
from forum.digests import mail
from forum.digests.quiet import in_quiet_hours
from forum.extensions import db
from forum.i18n import SUPPORTED_LOCALES, default_locale
from forum.i18n import lazy_gettext as _l
from forum.notices import queries as notices
from forum.timeutil import utcnow

CHOICES = {
    "none": _l("No email (the default)"),
    "daily": _l("A daily digest"),
    "weekly": _l("A weekly digest"),
}
# A little less than a day or a week, so that a digest does not drift later each time.
EVERY = {"daily": timedelta(hours=23), "weekly": timedelta(days=6, hours=23)}


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="digest-unsubscribe")


def unsubscribe_token(member: User) -> str:
    # The session token rotates with a password change: old links then stop working.
    return _signer().dumps([member.id, member.session_token[:12]])


def unsubscribe_url(member: User) -> str:
    site = current_app.config["SITE_URL"].rstrip("/")
    return f"{site}/digest/unsubscribe/{unsubscribe_token(member)}"


def member_for_token(token: str) -> User | None:
    try:
        member_id, stamp = _signer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    member = db.session.get(User, member_id) if isinstance(member_id, int) else None
    return member if member is not None and member.session_token[:12] == stamp else None


def set_notifications(member: User, email, digest: str, quiet_from, quiet_until, zone) -> None:
    """Save the member's email (optional), digest choice and quiet hours. Caller commits."""
    member.email = (email or "").strip() or None
    member.digest = digest if digest in CHOICES and member.email else "none"
    member.quiet_from, member.quiet_until = quiet_from, quiet_until
    member.time_zone = zone or None


def unsubscribe(member: User) -> None:
    member.digest = "none"


def is_due(member: User, now: datetime) -> bool:
    """A digest chosen, an email given, none sent within its period, not in quiet hours."""
    if member.digest not in EVERY or not member.email:
        return False
    sent = member.digest_sent_at
    if sent is not None and now - sent < EVERY[member.digest]:
        return False
    return not in_quiet_hours(member, now)


def due_members(now: datetime | None = None) -> list[int]:
    """The members whose digest is due now."""
    now = now or utcnow()
    chosen = db.session.scalars(
        sa.select(User).where(User.digest.in_(tuple(EVERY)), User.email.is_not(None))
    )
    return [member.id for member in chosen if is_due(member, now)]


def _activity(member: User) -> tuple[int, int]:
    both = sa.select(
        notices.unread_select(member).scalar_subquery(),
        conversations.unread_select(member).scalar_subquery(),
    )
    return tuple(db.session.execute(both).one())


def digest_text(member: User, unread: int, talking: int) -> str:
    """Counts and links only: no post's words, nobody's pseudonym, not even the member's."""
    site = current_app.config["SITE_URL"].rstrip("/")
    parts = []
    if unread:
        parts.append(ngettext("%(num)s unread notice", "%(num)s unread notices", unread))
    if talking:
        parts.append(
            ngettext(
                "%(num)s conversation with new messages",
                "%(num)s conversations with new messages",
                talking,
            )
        )
    notices_page, stop = f"{site}/notices/", unsubscribe_url(member)
    paragraphs = (
        gettext("Hello,"),
        gettext(
            "There is something new for you on Hearth: %(what)s.", what=gettext(" and ").join(parts)
        ),
        gettext("Sign in to read it: %(link)s", link=notices_page),
        gettext(
            "You chose to get this email; to stop it, open the link below or change it in "
            "your settings."
        )
        + f"\n{stop}\n",
    )
    return "\n\n".join(paragraphs)


def language_of(member: User) -> str:
    """The language a member reads their email in: their own choice, else the forum's."""
    return member.locale if member.locale in SUPPORTED_LOCALES else default_locale()


def send_digest(member_id: int, now: datetime | None = None) -> bool:
    """Send one member's digest if it is still due and there is something new; record it.
    Returns whether an email went. Caller commits."""
    member = db.session.get(User, member_id)
    now = now or utcnow()
    if member is None or not is_due(member, now) or not mail.can_send():
        return False
    unread, talking = _activity(member)
    if not unread and not talking:
        return False
    with force_locale(language_of(member)):
        mail.send(member.email, digest_text(member, unread, talking), unsubscribe_url(member))
    member.digest_sent_at = now
    return True
