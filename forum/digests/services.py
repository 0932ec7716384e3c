"""Who is due a digest, writing and sending one, and unsubscribing. Callers commit."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from forum.accounts.models import User
from forum.conversations import queries as conversations
from forum.digests import mail
from forum.digests.quiet import in_quiet_hours
from forum.extensions import db
from forum.notices import queries as notices
from forum.timeutil import utcnow

CHOICES = {"none": "No email (the default)", "daily": "A daily digest", "weekly": "A weekly digest"}
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
        parts.append(f"{unread} unread notice{'s' if unread != 1 else ''}")
    if talking:
        parts.append(f"{talking} conversation{'s' if talking != 1 else ''} with new messages")
    return (
        "Hello,\n\n"
        f"There is something new for you on Hearth: {' and '.join(parts)}.\n\n"
        f"Sign in to read it: {site}/notices/\n\n"
        "You chose to get this email; to stop it, open the link below or change it in your "
        f"settings.\n{unsubscribe_url(member)}\n"
    )


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
    mail.send(member.email, digest_text(member, unread, talking), unsubscribe_url(member))
    member.digest_sent_at = now
    return True
