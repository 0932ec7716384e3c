"""Mentors for tests: a regular who offered, with what they can speak to."""

from forum.extensions import db
from forum.mentors import services
from forum.mentors.models import MentorOffer
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft
from tests.factories import make_established


def make_mentor(
    pseudonym: str | None = None,
    substances=("alcohol",),
    paths=("twelve-step",),
    band: str | None = "europe-africa",
    note: str = "Five years sober through the rooms. I listen more than I talk.",
) -> MentorOffer:
    """A regular member with an open offer to mentor."""
    member = make_established(pseudonym, trust_level=int(TrustLevel.REGULAR))
    text = services.OfferText(Draft(note), "few-days", list(substances), list(paths), band)
    offer = services.save_offer(member, text)
    db.session.commit()
    return offer


def pair(mentee, offer: MentorOffer):
    """The mentee chooses the mentor of `offer`."""
    pairing = services.choose_mentor(mentee, offer.id)
    db.session.commit()
    return pairing
