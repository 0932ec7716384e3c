"""A newcomer asks for a mentor from My recovery, chooses one from the short list, and
writes to them through Hearth's own messages; the mentor reads it and answers, which the
newcomer shield lets through for the mentor they chose."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

import sqlalchemy as sa  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from forum.extensions import db  # noqa: E402
from forum.mentors.models import MentorOffer  # noqa: E402
from forum.permissions import Role  # noqa: E402
from forum.trust.levels import TrustLevel  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, sign_in  # noqa: E402
from tests.factories import make_established, make_user  # noqa: E402
from tests.mentors.helpers import make_mentor, pair  # noqa: E402

HELLO = "Hi, I picked you because of the 12-step part. Week one and it's rough."
ANSWER = "Week one is the hardest. I'm glad you wrote. What helps you in the evenings?"


def test_a_newcomer_asks_for_a_mentor_and_messages_them(live_forum, open_page):
    newcomer, mentor = unique("first-week-"), unique("steady-hand-")
    with live_forum.seeding():
        make_user(newcomer)
        make_mentor(mentor, substances=["alcohol"], paths=["twelve-step"], band="americas")

    page = open_page()
    sign_in(page, newcomer)
    page.goto("/me")
    page.get_by_role("link", name="Find a mentor").click()
    page.get_by_label("Someone who knows about").select_option(label="Alcohol")
    page.get_by_label("Who knows the path of").select_option(label="12-step")
    page.get_by_role("button", name="Show me mentors").click()
    offer = page.locator("section.mentor-offer").filter(has_text=mentor)
    expect(offer).to_contain_text("Matches what you asked: Alcohol, 12-step.")
    accessible_and_fits(page, open_page, "choosing a mentor")
    offer.get_by_role("button", name=f"Choose {mentor}").click()

    mentoring = page.locator("#mentoring")
    expect(mentoring).to_contain_text(f"Your mentor is {mentor}")
    expect(mentoring.get_by_role("button", name=re.compile("^End"))).to_be_visible()
    accessible_and_fits(page, open_page, "My recovery with a mentor")
    mentoring.get_by_role("link", name=f"Message {mentor}").click()
    expect(page.get_by_label("To")).to_have_value(mentor)
    page.get_by_label(re.compile("^Your message")).fill(HELLO)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text(HELLO)).to_be_visible()

    theirs = open_page()
    sign_in(theirs, mentor)
    theirs.goto("/me")
    expect(theirs.locator("#mentoring")).to_contain_text(f"You are mentoring {newcomer}")
    theirs.goto("/messages/")
    theirs.get_by_role("link", name=re.compile(newcomer)).first.click()
    expect(theirs.get_by_text(HELLO)).to_be_visible()
    theirs.get_by_label(re.compile("^Your message")).fill(ANSWER)
    theirs.get_by_role("button", name="Send").click()
    expect(theirs.get_by_text(ANSWER)).to_be_visible()

    page.reload()
    expect(page.get_by_text(ANSWER)).to_be_visible()


def test_a_regular_offers_to_mentor_and_a_moderator_sees_the_pairing(live_forum, open_page):
    regular, mentee, steward = unique("old-hand-"), unique("asking-"), unique("steward-")
    with live_forum.seeding():
        make_established(regular, trust_level=int(TrustLevel.REGULAR))
        asking = make_user(mentee)
        make_user(steward, role=Role.MODERATOR)

    page = open_page()
    sign_in(page, regular)
    page.goto("/me")
    page.get_by_role("link", name="Offer to mentor").click()
    page.get_by_label("A short note about your path").fill("Three years on my own terms.")
    page.get_by_label("Every few days").check()
    page.get_by_label("Cannabis").check()
    page.get_by_label("On my own").check()
    accessible_and_fits(page, open_page, "offering to mentor")
    page.get_by_role("button", name="Save my offer").click()
    expect(page.get_by_text("Your offer to mentor is saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Change my offer to mentor")).to_be_visible()

    with live_forum.seeding():
        offer = db.session.scalar(
            sa.select(MentorOffer).where(MentorOffer.user.has(pseudonym=regular))
        )
        pair(db.session.merge(asking), offer)

    mod = open_page()
    sign_in(mod, steward)
    mod.goto("/mod/pairings")
    section = mod.get_by_role("region", name=f"{regular} mentoring {mentee}")
    expect(section).to_be_visible()
    accessible_and_fits(mod, open_page, "the moderators' pairings")
    section.get_by_text("End this pairing").click()
    section.get_by_label("Reason (both members read it)").fill("Asked for a phone number.")
    section.get_by_role("button", name=re.compile("^End the pairing")).click()
    expect(mod.get_by_text("has ended.")).to_be_visible()
