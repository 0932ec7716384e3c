"""A pairing: thirty days, ended by either side with one click, renewed only when both ask,
and the one way a chosen mentor reaches a newcomer in private."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.blocks import services as blocks
from forum.blocks.models import ShutKind
from forum.conversations.services import TurnedAway, start_conversation
from forum.conversations.shield import turned_away_by
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.mentors import queries, services
from forum.notices.models import Notice, NoticeKind
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from tests.factories import make_established, make_user
from tests.mentors.helpers import make_mentor, pair


def _mentoring_notices(member) -> list[Notice]:
    return list(
        db.session.scalars(
            sa.select(Notice).where(
                Notice.user_id == member.id, Notice.kind == NoticeKind.MENTORING
            )
        )
    )


@pytest.fixture
def paired(app):
    offer = make_mentor("steady-hand")
    mentee = make_user("new-here")
    return pair(mentee, offer)


def test_choosing_a_mentor_pairs_the_two_for_thirty_days(paired):
    assert (paired.mentor.pseudonym, paired.mentee.pseudonym) == ("steady-hand", "new-here")
    assert paired.ends_at - paired.started_at == timedelta(days=30)
    assert queries.pairings_of(paired.mentee) == [paired]
    assert queries.pairings_of(paired.mentor) == [paired]


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_either_side_ends_a_pairing_with_one_click(paired, side):
    """No reason is asked; the other is told in kind words that name nobody."""
    ender = getattr(paired, side)
    other = paired.other_than(ender.id)
    services.end_pairing(ender, paired)
    db.session.commit()
    assert queries.pairings_of(ender) == queries.pairings_of(other) == []
    (notice,) = _mentoring_notices(other)
    assert notice.title == "Your mentoring pairing has ended"
    assert ender.pseudonym not in notice.title + notice.body
    assert notice.link == "/me"
    assert _mentoring_notices(ender) == []


def test_ending_gives_the_mentor_their_place_back(app):
    offer = make_mentor("full-house")
    pairings = [pair(make_user(f"mentee-{n}"), offer) for n in range(3)]
    services.end_pairing(pairings[0].mentee, pairings[0])
    db.session.commit()
    assert pair(make_user("next-one"), offer).slot == 1


def test_someone_outside_the_pairing_cannot_end_it(paired):
    with pytest.raises(NotAllowed):
        services.end_pairing(make_established(), paired)


def test_a_pairing_renews_only_when_both_ask(paired):
    ends = paired.ends_at
    assert services.renew_pairing(paired.mentee, paired) is False
    db.session.commit()
    assert paired.ends_at == ends and paired.mentee_renews
    assert services.renew_pairing(paired.mentee, paired) is False  # asking twice is one side
    assert services.renew_pairing(paired.mentor, paired) is True
    db.session.commit()
    assert paired.ends_at == ends + timedelta(days=30)
    assert not (paired.mentor_renews or paired.mentee_renews)
    (notice,) = _mentoring_notices(paired.mentee)
    assert notice.title == "Your mentoring pairing is renewed"


def test_a_pairing_ends_by_itself_after_thirty_days(paired):
    later = utcnow() + timedelta(days=30, minutes=1)
    assert queries.pairings_of(paired.mentee, later) == []
    assert queries.pairings_of(paired.mentor, utcnow() + timedelta(days=29)) == [paired]
    paired.ends_at = utcnow() - timedelta(minutes=1)  # as it is thirty days on
    db.session.commit()
    assert queries.pairing_for(paired.mentee, paired.id) is None
    assert turned_away_by(paired.mentor, paired.mentee) == (
        "new-here is new here; reply to their posts instead."
    )
    with pytest.raises(Conflict):
        services.renew_pairing(paired.mentor, paired)


def test_an_expired_pairing_frees_its_mentors_place(app):
    offer = make_mentor("full-house")
    pairings = [pair(make_user(f"mentee-{n}"), offer) for n in range(3)]
    pairings[1].ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert queries.mentee_count(offer.user_id) == 2
    assert pair(make_user("next-one"), offer).slot == 2


def test_the_chosen_mentor_gets_through_the_newcomer_shield(paired):
    """Only the mentor the newcomer chose: another regular is still turned away."""
    assert turned_away_by(paired.mentor, paired.mentee) is None
    assert turned_away_by(paired.mentee, paired.mentor) is None
    sent = start_conversation(paired.mentor, [paired.mentee], Draft("Hello, glad you asked."))
    db.session.commit()
    assert sent.message.conversation_id is not None
    stranger = make_mentor("another-regular").user
    with pytest.raises(TurnedAway):
        start_conversation(stranger, [paired.mentee], Draft("Hi there."))


def test_the_shield_closes_again_once_the_pairing_ends(paired):
    services.end_pairing(paired.mentee, paired)
    db.session.commit()
    assert turned_away_by(paired.mentor, paired.mentee) is not None


def test_a_mentee_who_hears_only_from_those_they_replied_to_still_hears_their_mentor(app):
    mentee = make_established("careful", messages_from_replied_only=True)
    offer = make_mentor("chosen-one")
    assert turned_away_by(offer.user, mentee) is not None
    pair(mentee, offer)
    assert turned_away_by(offer.user, mentee) is None


def test_blocking_ends_the_pairing(paired):
    blocks.shut_out(paired.mentee, paired.mentor, ShutKind.BLOCK, "always")
    db.session.commit()
    assert queries.pairings_of(paired.mentee) == []
    assert len(_mentoring_notices(paired.mentor)) == 1


def test_a_suspended_member_cannot_choose_a_mentor_but_can_end_a_pairing(paired):
    paired.mentee.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    with pytest.raises(NotAllowed):
        services.choose_mentor(paired.mentee, make_mentor("another").id)
    services.end_pairing(paired.mentee, paired)
    db.session.commit()
    assert queries.pairings_of(paired.mentor) == []
