"""Who may offer to mentor, and the short list a member chooses a mentor from."""

from datetime import UTC, datetime, timedelta

import pytest

from forum.blocks import services as blocks
from forum.blocks.models import ShutKind
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.mentors import queries, services
from forum.mentors.choices import band_of_time_zone
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft, SecondLookNeeded, WordsRefused
from tests.factories import make_established, make_user
from tests.mentors.helpers import make_mentor, pair


def _asks(member, substance=None, path=None, band=None):
    request = services.ask_for_mentor(member, substance, path, band)
    db.session.commit()
    return queries.short_list(member, request)


def _names(matches) -> list[str]:
    return [m.offer.user.pseudonym for m in matches]


def _offer_text(note: str = "I walked this road; glad to walk beside you.") -> services.OfferText:
    return services.OfferText(Draft(note), "weekly", ["alcohol"], ["smart"], "americas")


@pytest.mark.parametrize("level", [TrustLevel.NEW, TrustLevel.MEMBER])
def test_a_member_below_regular_cannot_offer(app, level):
    """Offering to mentor opens up with the regulars' trust, and not before."""
    member = make_established(trust_level=int(level))
    with pytest.raises(NotAllowed):
        services.save_offer(member, _offer_text())


def test_a_regular_offers_and_their_note_is_rendered_like_a_post(app):
    member = make_established(trust_level=int(TrustLevel.REGULAR))
    offer = services.save_offer(member, _offer_text("Two years *on my own* terms."))
    db.session.commit()
    assert offer.note_html.strip() == "<p>Two years <em>on my own</em> terms.</p>"
    assert (offer.substances, offer.paths, offer.band) == (["alcohol"], ["smart"], "americas")


def test_a_note_with_contact_details_asks_for_a_second_look(app):
    """The identity check of the one write rule applies to a mentor's note."""
    member = make_established(trust_level=int(TrustLevel.REGULAR))
    with pytest.raises(SecondLookNeeded):
        services.save_offer(member, _offer_text("Text me on 07700 900123 any time."))
    assert queries.offer_of(member) is None


def test_a_note_with_a_blocked_watched_word_is_refused(app):
    from forum.moderation.watched import services as watched
    from forum.moderation.watched.models import WatchAction
    from forum.permissions import Role

    watched.add_rule(make_user(role=Role.MODERATOR), "plugcity", WatchAction.BLOCK)
    db.session.commit()
    member = make_established(trust_level=int(TrustLevel.REGULAR))
    with pytest.raises(WordsRefused):
        services.save_offer(member, _offer_text("Ask me about plugcity."))


def test_a_newcomer_is_offered_mentors_who_match_what_they_asked_for(app):
    """Those who match most of substance, path and band come first."""
    make_mentor("far-away", substances=["opioids"], paths=["medication"], band="asia-pacific")
    make_mentor("same-drink", substances=["alcohol"], paths=["own"], band="americas")
    make_mentor("all-three", substances=["alcohol"], paths=["smart"], band="europe-africa")
    newcomer = make_user("new-here")
    matches = _asks(newcomer, "alcohol", "smart", "europe-africa")
    assert _names(matches) == ["all-three", "same-drink", "far-away"]
    assert matches[0].matched == ("Alcohol", "SMART Recovery", "Europe and Africa")
    assert matches[2].matched == ()


def test_the_short_list_holds_five_at_most_and_never_the_asker(app):
    for number in range(7):
        make_mentor(f"helper-{number}")
    asker = make_mentor("helper-asking").user
    assert len(_asks(asker, "alcohol")) == 5
    assert "helper-asking" not in _names(_asks(asker))


def test_a_mentor_with_three_mentees_is_not_offered(app):
    offer = make_mentor("full-house")
    for number in range(3):
        pair(make_user(f"mentee-{number}"), offer)
    assert queries.mentee_count(offer.user_id) == 3
    fourth = make_user("fourth")
    assert _names(_asks(fourth)) == []
    with pytest.raises(Conflict):
        services.choose_mentor(fourth, offer.id)


def test_two_choosing_a_mentors_last_place_at_once_make_one_pairing(app, monkeypatch):
    """The mentor's slots are a unique key: one who read the free place a moment before
    another took it is told the mentor is full, and no fourth pairing is made."""
    offer = make_mentor("last-place")
    for number in range(2):
        pair(make_user(f"early-{number}"), offer)
    late, quicker = make_user("late"), make_user("quicker")
    # What the late one read, a moment before the quicker one's choice was made.
    seen_offer = queries.offer_to_choose(late, offer.id)
    seen_free = services._free_slot(offer.user_id, utcnow())
    assert pair(quicker, offer).slot == seen_free == 3
    looks = iter([seen_free])
    real = services._free_slot
    monkeypatch.setattr(queries, "offer_to_choose", lambda *a: seen_offer)
    monkeypatch.setattr(services, "_free_slot", lambda *a: next(looks, None) or real(*a))
    with pytest.raises(Conflict, match="as many mentees as they can take"):
        services.choose_mentor(late, offer.id)
    db.session.rollback()
    assert queries.mentee_count(offer.user_id) == 3


def test_blocked_mentors_are_never_listed_either_way(app):
    blocked = make_mentor("blocked-by-asker")
    blocker = make_mentor("blocked-the-asker")
    make_mentor("still-here")
    asker = make_user("asker")
    blocks.shut_out(asker, blocked.user, ShutKind.BLOCK, "always")
    blocks.shut_out(blocker.user, asker, ShutKind.BLOCK, "always")
    db.session.commit()
    assert _names(_asks(asker)) == ["still-here"]


def test_a_muted_mentor_is_still_listed(app):
    muted = make_mentor("muted-one")
    asker = make_user("asker")
    blocks.shut_out(asker, muted.user, ShutKind.MUTE, "always")
    db.session.commit()
    assert _names(_asks(asker)) == ["muted-one"]


def test_suspended_paused_and_already_paired_mentors_are_not_listed(app):
    suspended = make_mentor("on-a-break")
    suspended.user.suspended_until = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=2)
    paused = make_mentor("paused")
    paused.is_open = False
    mine = make_mentor("already-mine")
    db.session.commit()
    asker = make_user("asker")
    pair(asker, mine)
    assert _names(_asks(asker)) == []


def test_a_member_can_ask_for_anything_and_see_every_free_mentor(app):
    make_mentor("any-one")
    matches = _asks(make_user("asker"))
    assert _names(matches) == ["any-one"] and matches[0].matched == ()


def test_time_zones_fall_in_the_bands_of_the_checkins():
    noon = datetime(2026, 1, 15, 12, 0)
    assert band_of_time_zone("Europe/Berlin", noon) == "europe-africa"
    assert band_of_time_zone("Africa/Lagos", noon) == "europe-africa"
    assert band_of_time_zone("America/Chicago", noon) == "americas"
    assert band_of_time_zone("Asia/Kolkata", noon) == "asia-pacific"
    assert band_of_time_zone("Australia/Sydney", noon) == "asia-pacific"
    assert band_of_time_zone("UTC", noon) == "europe-africa"
