"""Reading mentoring: a member's offer and pairings, the short list of mentors for what they
asked, and the active pairings the moderators see. Expired pairings simply stop counting."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.accounts.models import User
from forum.blocks.queries import block_of, blocked_select
from forum.extensions import db
from forum.mentors.choices import BANDS, MAX_MENTEES, PATHS, SUBSTANCES, band_of_time_zone
from forum.mentors.models import MentorOffer, MentorRequest, Pairing
from forum.permissions import is_member
from forum.recovery.queries import time_zone_of
from forum.timeutil import iso_time, utcnow

SHORT_LIST = 5


@dataclass(frozen=True)
class Match:
    """One mentor on the short list: their offer, and what of the request it matched."""

    offer: MentorOffer
    matched: tuple[str, ...]  # in words: "Alcohol", "SMART Recovery", "Europe and Africa"


def offer_of(member) -> MentorOffer | None:
    if not is_member(member):
        return None
    return db.session.scalar(sa.select(MentorOffer).where(MentorOffer.user_id == member.id))


def latest_request(member) -> MentorRequest | None:
    return db.session.scalar(
        sa.select(MentorRequest)
        .where(MentorRequest.user_id == member.id)
        .order_by(MentorRequest.id.desc())
        .limit(1)
    )


def home_band(member) -> str:
    """The band the member's own time zone falls in (their settings, else their counter)."""
    return band_of_time_zone(getattr(member, "time_zone", None) or time_zone_of(member))


def mentee_count(mentor_id: int, now: datetime | None = None) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Pairing)
        .where(Pairing.mentor_id == mentor_id, Pairing.active(now))
    )


def _busy_mentors(now: datetime):
    """Mentors with MAX_MENTEES active pairings, as a statement of their ids."""
    return (
        sa.select(Pairing.mentor_id)
        .where(Pairing.active(now))
        .group_by(Pairing.mentor_id)
        .having(sa.func.count() >= MAX_MENTEES)
    )


def _offerable(member, now: datetime) -> sa.Select:
    """Open offers the member may choose: not their own, nobody suspended or banned, nobody
    they blocked or who blocked them, nobody full, nobody already their mentor."""
    mentor = aliased(User)  # apart from the members table the block statements read
    paired = sa.select(Pairing.mentor_id).where(Pairing.mentee_id == member.id, Pairing.active(now))
    return (
        sa.select(MentorOffer)
        .join(mentor, mentor.id == MentorOffer.user_id)
        .where(
            MentorOffer.is_open.is_(True),
            MentorOffer.user_id != member.id,
            sa.or_(mentor.suspended_until.is_(None), mentor.suspended_until <= now),
            MentorOffer.user_id.not_in(blocked_select(member.id)),
            ~sa.exists(block_of(MentorOffer.user_id, member.id)),
            MentorOffer.user_id.not_in(_busy_mentors(now)),
            MentorOffer.user_id.not_in(paired),
        )
        .order_by(MentorOffer.id)
    )


def _matched(offer: MentorOffer, request: MentorRequest | None) -> tuple[str, ...]:
    if request is None:
        return ()
    matched = []
    if request.substance and request.substance in (offer.substances or ()):
        matched.append(str(SUBSTANCES[request.substance]))
    if request.path and request.path in (offer.paths or ()):
        matched.append(str(PATHS[request.path]))
    if request.band and request.band == offer.band:
        matched.append(str(BANDS[request.band]))
    return tuple(matched)


def short_list(member, request: MentorRequest | None, now: datetime | None = None) -> list[Match]:
    """Up to SHORT_LIST mentors the member may choose, those who match most of what they
    asked for (substance, path, time-zone band) first, then those who offered first."""
    now = now or utcnow()
    offers = db.session.scalars(_offerable(member, now)).unique()
    matches = [Match(offer, _matched(offer, request)) for offer in offers]
    matches.sort(key=lambda m: -len(m.matched))  # stable: earlier offers first among equals
    return matches[:SHORT_LIST]


def offer_to_choose(member, offer_id: int | None, now: datetime | None = None):
    """An offer the member may choose now, else None (full, paused, blocked, their own)."""
    if offer_id is None:
        return None
    return db.session.scalar(_offerable(member, now or utcnow()).where(MentorOffer.id == offer_id))


def pairings_of(member, now: datetime | None = None) -> list[Pairing]:
    """The member's active pairings, as mentee and as mentor, the oldest first."""
    if not is_member(member):
        return []
    return list(
        db.session.scalars(
            sa.select(Pairing)
            .where(
                sa.or_(Pairing.mentor_id == member.id, Pairing.mentee_id == member.id),
                Pairing.active(now),
            )
            .order_by(Pairing.started_at, Pairing.id)
        )
    )


def pairing_for(member, pairing_id: int, now: datetime | None = None) -> Pairing | None:
    """One of the member's own active pairings; anyone else's is as good as missing."""
    pairing = db.session.get(Pairing, pairing_id)
    if pairing is None or not pairing.is_in(member.id) or not pairing.is_active(now):
        return None
    return pairing


def active_pairings(now: datetime | None = None) -> list[Pairing]:
    """Every pairing that runs now, for the moderators, the newest first."""
    return list(
        db.session.scalars(
            sa.select(Pairing).where(Pairing.active(now)).order_by(Pairing.started_at.desc())
        )
    )


def active_pairing(pairing_id: int, now: datetime | None = None) -> Pairing | None:
    pairing = db.session.get(Pairing, pairing_id)
    return pairing if pairing is not None and pairing.is_active(now) else None


def for_export(member) -> dict:
    """The member's offer, what they asked for, and their pairings (with the other's
    pseudonym only)."""
    offer = offer_of(member)
    requests = db.session.scalars(
        sa.select(MentorRequest)
        .where(MentorRequest.user_id == member.id)
        .order_by(MentorRequest.id)
    )
    pairings = db.session.scalars(
        sa.select(Pairing)
        .where(sa.or_(Pairing.mentor_id == member.id, Pairing.mentee_id == member.id))
        .order_by(Pairing.id)
    )
    return {
        "offer": None
        if offer is None
        else {
            "note": offer.note_source,
            "how_often": offer.how_often,
            "substances": list(offer.substances or ()),
            "paths": list(offer.paths or ()),
            "band": offer.band,
            "open": offer.is_open,
        },
        "requests": [
            {
                "substance": r.substance,
                "path": r.path,
                "band": r.band,
                "asked": iso_time(r.created_at),
            }
            for r in requests
        ],
        "pairings": [
            {
                "as": "mentor" if p.mentor_id == member.id else "mentee",
                "with": p.other_than(member.id).pseudonym,
                "since": iso_time(p.started_at),
                "until": iso_time(p.ended_at or p.ends_at),
            }
            for p in pairings
        ],
    }
