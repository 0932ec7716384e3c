"""What is stored about a member: as little as a pseudonymous forum needs."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, validates

from forum.accounts.names import SKELETON_LENGTH, pseudonym_key, pseudonym_skeleton
from forum.extensions import db
from forum.permissions import Role
from forum.timeutil import utcnow


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(sa.String(30))
    # Both set from the pseudonym (names.py). The key (NFKC, casefolded) is the name a member
    # is known by, one member each. The skeleton is what it looks like: sign-up refuses a name
    # that looks like a member's; members who shared one before that rule keep their names.
    pseudonym_key: Mapped[str] = mapped_column(sa.String(120), unique=True)
    pseudonym_skeleton: Mapped[str] = mapped_column(sa.String(SKELETON_LENGTH), index=True)
    # Optional, never shown, used only when the member asks for it.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=Role.MEMBER,
    )
    # Rotated on password change, suspension or role change so older cookies stop working.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by the moderators: until when the member can only read, and why (they see both).
    suspended_until: Mapped[datetime | None] = mapped_column()
    suspension_reason: Mapped[str | None] = mapped_column(sa.String(1000))
    # How the member wants posts with each kind of content note: {"relapse": "hide", ...}.
    note_prefs: Mapped[dict | None] = mapped_column(sa.JSON)
    # Opted in to welcome newcomers whose first thread has no reply yet.
    is_greeter: Mapped[bool] = mapped_column(default=False)
    # A reader's choice: see the "Day 142" others show beside their pseudonym, or not.
    show_day_counts: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Private messages only from people this member has replied to (moderators always).
    messages_from_replied_only: Mapped[bool] = mapped_column(
        default=False, server_default=sa.false()
    )
    # Earned trust (forum/trust/levels.py: TrustLevel), kept here so that every permission
    # check reads it with the member; shown to nobody but the member. Until `lowered_until`
    # a moderator's action holds it one lower and recomputing does not raise it.
    trust_level: Mapped[int] = mapped_column(sa.SmallInteger, default=0, server_default="0")
    trust_lowered_until: Mapped[datetime | None] = mapped_column()
    # Email is optional; with one, a digest of new activity daily, weekly or never (the
    # default), never carrying a post's words or anyone's pseudonym (forum/digests/).
    digest: Mapped[str] = mapped_column(sa.String(8), default="none", server_default="none")
    digest_sent_at: Mapped[datetime | None] = mapped_column()
    # Quiet hours, in the member's own time zone: no email and no unread counts from
    # `quiet_from` o'clock until `quiet_until` o'clock (None: no quiet hours).
    quiet_from: Mapped[int | None] = mapped_column(sa.SmallInteger)
    quiet_until: Mapped[int | None] = mapped_column(sa.SmallInteger)
    time_zone: Mapped[str | None] = mapped_column(sa.String(64))
    # The country whose crisis lines the member sees (an ISO code they chose in Settings;
    # None: somewhere else, or they would rather not say). Never guessed.
    country: Mapped[str | None] = mapped_column(sa.String(2))
    # The language the member reads Hearth in (forum/i18n.py: SUPPORTED_LOCALES); None
    # follows the browser's.
    locale: Mapped[str | None] = mapped_column(sa.String(16))

    @validates("pseudonym")
    def _derive_keys(self, _field: str, pseudonym: str) -> str:
        self.pseudonym_key = pseudonym_key(pseudonym)
        self.pseudonym_skeleton = pseudonym_skeleton(pseudonym)
        return pseudonym

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def __repr__(self) -> str:
        return f"<User {self.pseudonym!r}>"
