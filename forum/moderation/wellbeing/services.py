"""Looking after the moderators: who takes care items, "not today", the practice queue that
comes before them, and how long a moderator has been in the queue. Callers commit."""

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.extensions import db
from forum.i18n import current_locale
from forum.i18n import lazy_gettext as _l
from forum.moderation.models import ItemState, Reason, ReviewItem
from forum.moderation.rules import REASON_LABELS, VERB_LABELS
from forum.moderation.wellbeing.models import ModeratorCare, PracticeAnswer
from forum.permissions import Role
from forum.timeutil import utcnow

# Away from the queue this long counts as a break: the next visit starts a new stretch.
BREAK_GAP = timedelta(minutes=20)
# "Not today" and its longer kin: how long a moderator may step out of the care lane.
CARE_OFF_CHOICES = {
    "1": _l("Not today (24 hours)"),
    "3": _l("For 3 days"),
    "7": _l("For a week"),
}


class CareError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def care_of(moderator: User) -> ModeratorCare:
    """The moderator's care settings, made with the defaults the first time they are asked."""
    found = db.session.get(ModeratorCare, moderator.id)
    if found is None:
        found = ModeratorCare(user_id=moderator.id, fold_hard_posts=True)
        db.session.add(found)
    return found


def _settings(moderator: User) -> ModeratorCare | None:
    return db.session.get(ModeratorCare, moderator.id)


def takes_care_items(moderator: User, now: datetime | None = None) -> bool:
    """Practised, and not stepped out of the care lane ("not today")."""
    now = now or utcnow()
    care = _settings(moderator)
    return (
        care is not None
        and care.practice_done_at is not None
        and (care.care_off_until is None or care.care_off_until <= now)
    )


def care_takers(now: datetime | None = None) -> int:
    """How many moderators are taking care items now."""
    now = now or utcnow()
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ModeratorCare)
        .join(User, User.id == ModeratorCare.user_id)
        .where(
            User.role.in_((Role.MODERATOR, Role.ADMIN)),
            ModeratorCare.practice_done_at.is_not(None),
            sa.or_(ModeratorCare.care_off_until.is_(None), ModeratorCare.care_off_until <= now),
        )
    )


def sees_care_items(moderator: User, now: datetime | None = None) -> bool:
    """Whether the queue shows this moderator care items: when they take them, and always
    when nobody does, since a person at risk must never wait unseen."""
    return takes_care_items(moderator, now) or care_takers(now) == 0


def step_out_of_care(moderator: User, days: str, now: datetime | None = None) -> datetime:
    if days not in CARE_OFF_CHOICES:
        raise CareError(_("Choose how long to step out for."))
    now = now or utcnow()
    care = care_of(moderator)
    care.care_off_until = now + timedelta(days=int(days))
    db.session.flush()
    return care.care_off_until


def step_back_in(moderator: User) -> None:
    care_of(moderator).care_off_until = None


def fold_hard_posts(moderator: User, fold: bool) -> None:
    care_of(moderator).fold_hard_posts = fold


def folds_hard_posts(moderator: User) -> bool:
    care = _settings(moderator)
    return care is None or care.fold_hard_posts


# --- time in the queue and work done -------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    today: int
    week: int
    minutes_in_queue: int
    break_due: bool


def record_visit(moderator: User, now: datetime | None = None) -> None:
    """A moderator opened a queue page: their stretch goes on, or starts after a break."""
    now = now or utcnow()
    care = care_of(moderator)
    if care.last_seen_at is None or now - care.last_seen_at > BREAK_GAP:
        care.stretch_started_at = now
    care.last_seen_at = now


def workload(moderator: User, now: datetime | None = None) -> Workload:
    """Items this moderator decided today (UTC) and in the last 7 days, and how long this
    stretch in the queue has lasted."""
    now = now or utcnow()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_ago = now - timedelta(days=7)
    mine = sa.and_(
        ReviewItem.resolved_by_id == moderator.id, ReviewItem.state == ItemState.RESOLVED
    )
    today, week = db.session.execute(
        sa.select(
            sa.func.count().filter(ReviewItem.resolved_at >= midnight),
            sa.func.count(),
        ).where(mine, ReviewItem.resolved_at >= min(midnight, week_ago))
    ).one()
    care = _settings(moderator)
    minutes = 0
    if care is not None and care.stretch_started_at is not None and care.last_seen_at is not None:
        if now - care.last_seen_at <= BREAK_GAP:
            minutes = int((care.last_seen_at - care.stretch_started_at).total_seconds() // 60)
    limit = current_app.config["MODERATOR_BREAK_MINUTES"]
    return Workload(today, week, minutes, bool(limit) and minutes >= limit)


# --- the practice queue --------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """What a practice example says, in one language."""

    title: str
    body: str
    why: str


@dataclass(frozen=True)
class Example:
    key: str
    kind: str  # "care" or "reported"
    reason: Reason  # the reason of the made-up report
    answer: str
    also: tuple[str, ...]
    words: tuple[tuple[str, Words], ...]  # (language, its words); English first

    def fits(self, verb: str) -> bool:
        return verb == self.answer or verb in self.also

    def _said(self) -> Words:
        """The words in the reader's language, else in English."""
        return dict(self.words).get(current_locale(), self.words[0][1])

    @property
    def title(self) -> str:
        return self._said().title

    @property
    def body(self) -> str:
        return self._said().body

    @property
    def why(self) -> str:
        return self._said().why

    @property
    def report(self) -> str:
        return str(REASON_LABELS[self.reason])


def _words(table: dict) -> Words:
    return Words(table["title"], table["body"].strip(), table["why"])


@cache
def examples() -> tuple[Example, ...]:
    """The shipped practice examples (made up: never real posts), each in English and in
    the other languages practice.toml gives it."""
    data = tomllib.loads((Path(__file__).parent / "practice.toml").read_text(encoding="utf-8"))
    return tuple(
        Example(
            key=e["key"],
            kind=e["kind"],
            reason=Reason(e["reason"]),
            answer=e["answer"],
            also=tuple(e.get("also", ())),
            words=(("en", _words(e)), *((lang, _words(t)) for lang, t in e.get("in", {}).items())),
        )
        for e in data["example"]
    )


def example(key: str) -> Example | None:
    return next((e for e in examples() if e.key == key), None)


def answers(moderator: User) -> dict[str, str]:
    return dict(
        db.session.execute(
            sa.select(PracticeAnswer.example, PracticeAnswer.chosen).where(
                PracticeAnswer.moderator_id == moderator.id
            )
        ).all()
    )


def answer(moderator: User, key: str, verb: str, now: datetime | None = None) -> bool:
    """Record an answer to one example; True when it fits. The practice is done once every
    example has an answer, whatever the answers were: each differing one was explained."""
    found = example(key)
    if found is None:
        raise CareError(_("That practice example doesn't exist."))
    if verb not in VERB_LABELS:
        raise CareError(_("Choose a decision."))
    now = now or utcnow()
    row = db.session.scalar(
        sa.select(PracticeAnswer).where(
            PracticeAnswer.moderator_id == moderator.id, PracticeAnswer.example == key
        )
    )
    if row is None:
        db.session.add(PracticeAnswer(moderator_id=moderator.id, example=key, chosen=verb))
    else:
        row.chosen, row.answered_at = verb, now
    db.session.flush()
    care = care_of(moderator)
    if care.practice_done_at is None and set(answers(moderator)) >= {e.key for e in examples()}:
        care.practice_done_at = now
    return found.fits(verb)


def next_example(moderator: User) -> Example | None:
    done = answers(moderator)
    return next((e for e in examples() if e.key not in done), None)
