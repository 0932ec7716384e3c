"""Opening each morning's check-in threads, and pledging. Callers commit."""

import logging
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from forum.accounts.models import User
from forum.accounts.names import pseudonym_key
from forum.checkins.bands import BANDS, Band
from forum.checkins.models import CheckinThread, Pledge
from forum.checkins.queries import (
    default_text,
    member_day,
    opening_text,
    pledged_on,
    stored_title,
)
from forum.errors import NotAllowed
from forum.extensions import db
from forum.permissions import can_write
from forum.posts.models import Board, Thread, ThreadKind
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft, TextRefused
from forum.writing.services import write_thread

# The account the check-in threads are opened by: "Hearth" is a reserved name no member can
# take, and its password hash matches no password, so nobody can sign in as it.
log = logging.getLogger(__name__)

KEEPER = "Hearth"
NO_PASSWORD = "!"


def keeper() -> User:
    found = db.session.scalar(sa.select(User).where(User.pseudonym_key == pseudonym_key(KEEPER)))
    if found is None:
        found = User(
            pseudonym=KEEPER,
            password_hash=NO_PASSWORD,
            trust_level=int(TrustLevel.TRUSTED),
        )
        db.session.add(found)
        db.session.flush()
    return found


def _open_one(board: Board, band: Band, day: date) -> CheckinThread | None:
    """Open the band's thread for `day`, unless it is open already (here, or by another
    scheduler at the same moment: the day's key is claimed by the first write, the loser's
    claim fails on the unique key and it stores nothing)."""
    taken = sa.exists().where(
        CheckinThread.board_id == board.id, CheckinThread.band == band.key, CheckinThread.day == day
    )
    if db.session.scalar(sa.select(taken)):
        return None
    try:
        with db.session.begin_nested():
            checkin = CheckinThread(board_id=board.id, band=band.key, day=day)
            db.session.add(checkin)
            db.session.flush()  # the claim: a second scheduler waits here, then fails
            thread = _write_opening(board, band, day)
            thread.is_pinned = True
            checkin.thread = thread
            db.session.flush()
    except IntegrityError:
        return None
    _unpin_earlier(board, band, day)
    return checkin


def _write_opening(board: Board, band: Band, day: date) -> Thread:
    """The day's thread, through the one write rule. Should the moderators' text meet a
    watched word that blocks it, the default text opens the day instead of no thread."""
    title = stored_title(band, day)
    try:
        draft = Draft(opening_text(board), title, post_anyway=True)
        return write_thread(keeper(), board, draft, ThreadKind.CHECKIN).post.thread
    except TextRefused:
        log.warning(
            "The check-in text of board %s was refused; the default opens the day.", board.slug
        )
        draft = Draft(default_text(), title, post_anyway=True)
        return write_thread(keeper(), board, draft, ThreadKind.CHECKIN).post.thread


def _unpin_earlier(board: Board, band: Band, day: date) -> None:
    earlier = sa.select(CheckinThread.thread_id).where(
        CheckinThread.board_id == board.id, CheckinThread.band == band.key, CheckinThread.day < day
    )
    for thread in db.session.scalars(
        sa.select(Thread).where(Thread.id.in_(earlier), Thread.is_pinned.is_(True))
    ):
        thread.is_pinned = False


def open_due_checkins(now: datetime | None = None) -> list[CheckinThread]:
    """Each board with check-ins gets its thread for each band whose morning has come, pinned
    for the day; the band's thread of the day before is unpinned. Safe to run at any time,
    twice, late or from two schedulers at once. Caller commits."""
    now = now or utcnow()
    boards = db.session.scalars(
        sa.select(Board).where(Board.has_checkins.is_(True), Board.is_archived.is_(False))
    )
    opened = []
    for board in list(boards):
        for band in BANDS:
            checkin = _open_one(board, band, band.day_due(now))
            if checkin is not None:
                opened.append(checkin)
    return opened


def pledge(member: User, now: datetime | None = None) -> bool:
    """Record today's pledge; False when the member had pledged today already. Caller commits."""
    if not can_write(member):
        raise NotAllowed(_("You can read, but not write, while your account is suspended."))
    day = member_day(member, now)
    if pledged_on(member, day):
        return False
    try:
        with db.session.begin_nested():
            db.session.add(Pledge(user_id=member.id, day=day))
    except IntegrityError:  # the same button pressed twice at once
        return False
    return True
