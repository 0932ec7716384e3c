"""Reports, the review queue's items, the append-only moderation log, and notes on members."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.conversations.models import Conversation
from forum.extensions import db
from forum.posts.models import Post
from forum.timeutil import utcnow


def _enum(cls: type[enum.Enum], length: int = 24) -> sa.Enum:
    return sa.Enum(
        cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class Reason(enum.StrEnum):
    """Why a post was reported; the labels members see are in forum.moderation.rules."""

    AT_RISK = "at_risk"  # a care report, not an accusation
    HARASSMENT = "harassment"
    DRUGS = "drugs"
    DANGEROUS_ADVICE = "dangerous_advice"
    IDENTITY = "identity"
    SPAM = "spam"
    OTHER = "other"
    # For a private conversation: "This made me uncomfortable", and being pressed to meet,
    # to talk somewhere else, or for one's details (how pursuing a newcomer usually begins).
    UNCOMFORTABLE = "uncomfortable"
    PRESSURE = "pressure"


class ItemKind(enum.StrEnum):
    REPORTED = "reported"  # members reported the post
    PENDING = "pending"  # a newcomer's post waiting for approval
    CONVERSATION = "conversation"  # a member reported a private conversation they are in
    BLOCKS = "blocks"  # several members blocked one person lately (counts only)
    APPEAL = "appeal"  # a member appealed an action against them


class ItemState(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ReportState(enum.StrEnum):
    OPEN = "open"
    NO_ACTION = "no_action"
    ACTION_TAKEN = "action_taken"
    REVIEWED = "reviewed"  # a care report was looked after


def _exactly_one(*columns: str) -> str:
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


def _open_only(name: str, *columns: str) -> sa.Index:
    return sa.Index(
        name,
        *columns,
        unique=True,
        sqlite_where=sa.text("state = 'open'"),
        postgresql_where=sa.text("state = 'open'"),
    )


class ReviewItem(db.Model):
    """One entry of the queue, about exactly one thing: a post (with every open report on it
    grouped), a reported conversation, a member many people blocked, or an appeal."""

    __tablename__ = "review_items"
    shown_to_readers = False
    __table_args__ = (
        sa.CheckConstraint(
            _exactly_one("post_id", "conversation_id", "member_id", "appeal_id"),
            name="one_target",
        ),
        # At most one unresolved item per target: reports made meanwhile join it.
        _open_only("uq_review_items_open_post", "post_id"),
        _open_only("uq_review_items_open_conversation", "conversation_id"),
        _open_only("uq_review_items_open_member", "member_id", "kind"),
        _open_only("uq_review_items_open_appeal", "appeal_id"),
        sa.Index("ix_review_items_queue", "state", "has_care", "reporter_count", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    appeal_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("appeals.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind))
    state: Mapped[ItemState] = mapped_column(_enum(ItemState), default=ItemState.OPEN)
    has_care: Mapped[bool] = mapped_column(default=False)
    reporter_count: Mapped[int] = mapped_column(default=0)
    auto_hidden: Mapped[bool] = mapped_column(default=False)
    escalated: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    claimed_at: Mapped[datetime | None] = mapped_column()
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    resolved_at: Mapped[datetime | None] = mapped_column()
    # The verb that resolved it (hide, no_action, reached_out, ...).
    resolution: Mapped[str | None] = mapped_column(sa.String(24))

    post: Mapped[Post | None] = relationship(lazy="joined")
    conversation: Mapped[Conversation | None] = relationship(lazy="joined")
    member: Mapped[User | None] = relationship(foreign_keys=[member_id], lazy="joined")
    appeal: Mapped["Appeal | None"] = relationship(lazy="joined")
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")
    reports: Mapped[list["Report"]] = relationship(
        back_populates="item", lazy="selectin", order_by="Report.id"
    )

    @property
    def target_type(self) -> "TargetType":
        if self.post_id is not None:
            return TargetType.POST
        if self.conversation_id is not None:
            return TargetType.CONVERSATION
        if self.appeal_id is not None:
            return TargetType.APPEAL
        return TargetType.MEMBER


class Report(db.Model):
    __tablename__ = "reports"
    shown_to_readers = False
    __table_args__ = (
        # Each report is about a post or a conversation; one open report per member on each.
        sa.CheckConstraint(_exactly_one("post_id", "conversation_id"), name="one_target"),
        _open_only("uq_reports_open_per_member", "post_id", "reporter_id"),
        _open_only("uq_reports_open_per_member_conversation", "conversation_id", "reporter_id"),
        sa.Index("ix_reports_reporter_time", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("review_items.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    # None when Hearth itself raised the report (a risk phrase in a post).
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # Whom the report is about, kept so that care reports can be limited per person.
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[Reason] = mapped_column(_enum(Reason))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    state: Mapped[ReportState] = mapped_column(_enum(ReportState), default=ReportState.OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()

    item: Mapped[ReviewItem] = relationship(back_populates="reports")
    post: Mapped[Post | None] = relationship(lazy="joined")
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id], lazy="joined")


class TargetType(enum.StrEnum):
    POST = "post"
    THREAD = "thread"
    MEMBER = "member"
    CONVERSATION = "conversation"  # a moderator read it, through a report on it
    APPEAL = "appeal"
    WATCHED_WORD = "watched_word"  # a rule of the watched words (0: an import of many)


class ModAction(db.Model):
    """One moderation action: who, what verb, exactly one target, why, when. Never changed.

    No foreign keys on purpose: the log outlives the accounts and posts it names, and a
    cascade would have to update it. Triggers refuse UPDATE and DELETE (see log.py).
    """

    __tablename__ = "mod_actions"
    shown_to_readers = False
    __table_args__ = (
        sa.CheckConstraint(
            "target_type IN ('post', 'thread', 'member', 'conversation', 'appeal', 'watched_word')",
            name="one_target",
        ),
        sa.Index("ix_mod_actions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for what Hearth did by itself (auto-hide after enough reports).
    moderator_id: Mapped[int | None] = mapped_column(index=True)
    verb: Mapped[str] = mapped_column(sa.String(24), index=True)
    target_type: Mapped[TargetType] = mapped_column(_enum(TargetType, 16))
    target_id: Mapped[int] = mapped_column()
    # The member concerned (the author of a post, the member acted on), for their history.
    subject_id: Mapped[int | None] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(sa.String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class AppealOutcome(enum.StrEnum):
    UPHELD = "upheld"  # the action stands
    REVERSED = "reversed"  # the action was undone
    CHANGED = "changed"  # a lighter or different action replaced it


class Appeal(db.Model):
    """A member's appeal of one moderation action against them: once per action, decided by a
    moderator other than the one who acted (the database refuses anything else)."""

    __tablename__ = "appeals"
    shown_to_readers = False
    __table_args__ = (
        sa.CheckConstraint(
            "decided_by_id IS NULL OR acted_by_id IS NULL OR decided_by_id <> acted_by_id",
            name="decided_by_another_moderator",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique: one appeal per action.
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("mod_actions.id"), unique=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The moderator who took the action, kept here so that the check above can see it
    # (None when Hearth acted by itself). No foreign key, as in the log.
    acted_by_id: Mapped[int | None] = mapped_column()
    body: Mapped[str] = mapped_column(sa.String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[AppealOutcome | None] = mapped_column(_enum(AppealOutcome, 12))
    # What the deciding moderator tells the member.
    decision_note: Mapped[str] = mapped_column(sa.String(1000), default="")

    action: Mapped["ModAction"] = relationship(lazy="joined")
    member: Mapped[User] = relationship(lazy="joined")


# Database triggers, so that no code path (ours, a shell, a bulk query) edits history.
SQLITE_TRIGGERS = (
    """CREATE TRIGGER mod_actions_no_update BEFORE UPDATE ON mod_actions
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
    """CREATE TRIGGER mod_actions_no_delete BEFORE DELETE ON mod_actions
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
)
POSTGRES_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION mod_actions_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the moderation log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER mod_actions_no_change BEFORE UPDATE OR DELETE ON mod_actions
       FOR EACH ROW EXECUTE FUNCTION mod_actions_append_only()""",
)


def create_triggers(connection) -> None:
    """Install the triggers; used by the migration and after create_all()."""
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(
        connection.dialect.name, ()
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


@sa.event.listens_for(ModAction.__table__, "after_create")
def _append_only(_target, connection, **_kw) -> None:
    create_triggers(connection)
