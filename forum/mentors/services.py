"""Offering to mentor, asking for a mentor, choosing one, renewing and ending a pairing.
Services check the rule again, change rows and tell the other side; callers commit."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from forum.accounts.models import User
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.mentors import queries
from forum.mentors.choices import BANDS, HOW_OFTEN, MAX_MENTEES, PATHS, SUBSTANCES
from forum.mentors.models import MentorOffer, MentorRequest, Pairing
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_, counted
from forum.permissions import can_mentor, can_write
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from forum.writing.messages import write_note

# What the other side is told: kind words, no name, a link to their own page only. Kept as
# notices are, in English; the notices page reads them in the member's language.
ENDED_TITLE = N_("Your mentoring pairing has ended")
ENDED_BODY = N_(
    "Thank you for the time you gave each other. No reason is needed, and none was asked. "
    "Whenever you like, you can find a mentor, or offer to be one, from My recovery."
)
RENEWED_TITLE = N_("Your mentoring pairing is renewed")
RENEWED_BODY = counted(
    "You both asked to keep going: your pairing runs %(num)s more day.",
    "You both asked to keep going: your pairing runs %(num)s more days.",
)
FULL = _l("That mentor has as many mentees as they can take just now. Please choose another.")
GONE = _l("That mentor can't be chosen just now. Please choose another from the list.")


@dataclass
class OfferText:
    """What a mentor fills in on their offer."""

    note: Draft
    how_often: str
    substances: list[str]
    paths: list[str]
    band: str | None
    is_open: bool = True


def _listed(values, allowed) -> list[str]:
    return [v for v in dict.fromkeys(values or ()) if v in allowed]


def save_offer(member: User, text: OfferText) -> MentorOffer:
    """Make or change the member's offer; the note goes through the write rule (it raises
    what the rule raises, storing nothing). Caller commits."""
    if not can_mentor(member):
        raise NotAllowed(_("Offering to mentor opens up once you're one of the regulars here."))
    source, html = write_note(member, text.note)
    offer = queries.offer_of(member) or MentorOffer(user_id=member.id)
    offer.note_source, offer.note_html = source, html
    offer.how_often = text.how_often if text.how_often in HOW_OFTEN else "weekly"
    offer.substances = _listed(text.substances, SUBSTANCES)
    offer.paths = _listed(text.paths, PATHS)
    offer.band = text.band if text.band in BANDS else None
    offer.is_open = text.is_open
    offer.updated_at = utcnow()
    db.session.add(offer)
    db.session.flush()
    return offer


def withdraw_offer(member: User) -> bool:
    """Take the member's offer away; their pairings run on until they end. Caller commits."""
    offer = queries.offer_of(member)
    if offer is None:
        return False
    db.session.delete(offer)
    return True


def ask_for_mentor(
    member: User, substance: str | None, path: str | None, band: str | None
) -> MentorRequest:
    """Record what the member asked for (each part optional). Caller commits."""
    if not can_write(member):
        raise NotAllowed(_("While your account is suspended you can't ask for a mentor."))
    request = MentorRequest(
        user_id=member.id,
        substance=substance if substance in SUBSTANCES else None,
        path=path if path in PATHS else None,
        band=band if band in BANDS else None,
    )
    db.session.add(request)
    db.session.flush()
    return request


def _days() -> timedelta:
    return timedelta(days=current_app.config["MENTOR_PAIRING_DAYS"])


def _free_slot(mentor_id: int, now) -> int | None:
    """Give back the slots of the mentor's pairings that ran out, then the first free one."""
    db.session.execute(
        sa.update(Pairing)
        .where(Pairing.mentor_id == mentor_id, Pairing.slot.is_not(None), Pairing.ends_at <= now)
        .values(slot=None)
    )
    taken = set(
        db.session.scalars(
            sa.select(Pairing.slot).where(Pairing.mentor_id == mentor_id, Pairing.slot.is_not(None))
        )
    )
    return next((n for n in range(1, MAX_MENTEES + 1) if n not in taken), None)


def choose_mentor(mentee: User, offer_id: int | None) -> Pairing:
    """Pair the mentee with the mentor of that offer, from now for MENTOR_PAIRING_DAYS. Two
    members choosing the same mentor's last place at once: the mentor's slot is a unique
    key, so the second finds it taken and is told the mentor is full. Caller commits."""
    if not can_write(mentee):
        raise NotAllowed(_("While your account is suspended you can't choose a mentor."))
    now = utcnow()
    offer = queries.offer_to_choose(mentee, offer_id, now)
    if offer is None:
        raise Conflict(str(GONE))
    for _attempt in range(2):
        slot = _free_slot(offer.user_id, now)
        if slot is None:
            break
        pairing = Pairing(
            mentor_id=offer.user_id,
            mentee_id=mentee.id,
            slot=slot,
            started_at=now,
            ends_at=now + _days(),
        )
        try:
            with db.session.begin_nested():
                db.session.add(pairing)
                db.session.flush()
            return pairing
        except IntegrityError:
            continue  # another mentee took that slot a moment ago: look again
    raise Conflict(str(FULL))


def _tell(member_id: int, title: str, body: str) -> None:
    notify(member_id, NoticeKind.MENTORING, title, body, path_for("recovery.home"))


def end_pairing(member: User, pairing: Pairing) -> None:
    """Either side ends the pairing, with one click and no reason; the other is told in kind
    words. A suspended member may too: stepping back protects them. Caller commits."""
    if not pairing.is_in(member.id):
        raise NotAllowed(_("That pairing isn't yours."))
    if not pairing.is_active():
        return
    pairing.end()
    _tell(pairing.other_than(member.id).id, ENDED_TITLE, ENDED_BODY)


def renew_pairing(member: User, pairing: Pairing) -> bool:
    """Record that this side wants MENTOR_PAIRING_DAYS more; once both have asked, the
    pairing is extended and both wishes are cleared. True when it was extended. The row is
    locked first, so that both pressing at once still extends it once. Caller commits."""
    if not can_write(member):
        raise NotAllowed(_("While your account is suspended you can't renew a pairing."))
    db.session.execute(sa.select(Pairing.id).where(Pairing.id == pairing.id).with_for_update())
    db.session.refresh(pairing)  # the other side's wish, as it stands under the lock
    if not pairing.is_in(member.id) or not pairing.is_active():
        raise Conflict(_("That pairing has ended."))
    if member.id == pairing.mentor_id:
        pairing.mentor_renews = True
    else:
        pairing.mentee_renews = True
    if not (pairing.mentor_renews and pairing.mentee_renews):
        return False
    pairing.ends_at += _days()
    pairing.mentor_renews = pairing.mentee_renews = False
    body = RENEWED_BODY(current_app.config["MENTOR_PAIRING_DAYS"])
    _tell(pairing.other_than(member.id).id, RENEWED_TITLE, body)
    return True


def on_member_leaving(member: User) -> None:
    """A member deleting their account ends their pairings (forum.posts.signals.
    member_leaving); the other side is told only that the pairing ended."""
    for pairing in db.session.scalars(
        sa.select(Pairing).where(
            sa.or_(Pairing.mentor_id == member.id, Pairing.mentee_id == member.id),
            Pairing.active(),
        )
    ):
        pairing.end()
        other = pairing.mentee_id if pairing.mentor_id == member.id else pairing.mentor_id
        _tell(other, ENDED_TITLE, ENDED_BODY)


def on_member_blocked(member: User, by: int | None = None) -> None:
    """A block ends any pairing between the two (forum.posts.signals.member_blocked); the
    one blocked is told only that the pairing ended."""
    if by is None:
        return
    for pairing in db.session.scalars(
        sa.select(Pairing).where(Pairing.between(member.id, by), Pairing.active())
    ):
        pairing.end()
        _tell(member.id, ENDED_TITLE, ENDED_BODY)
