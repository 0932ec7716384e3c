"""A new moderator works the practice queue, is told where a decision differed, then steps
out of the care lane for today; the queue says a care item waits for the others and never
hides it when nobody else is taking care items."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

import sqlalchemy as sa  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from forum.accounts.models import User  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.moderation.models import Reason  # noqa: E402
from forum.moderation.wellbeing import services as wellbeing  # noqa: E402
from forum.moderation.wellbeing.models import ModeratorCare  # noqa: E402
from forum.permissions import Role  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
from tests.factories import make_post, make_user  # noqa: E402
from tests.moderation.helpers import report  # noqa: E402


def test_a_moderator_practises_then_steps_out_of_the_care_lane(live_forum, open_page):
    name, colleague = unique("new-mod-"), unique("steady-mod-")
    words = unique("Nothing feels worth it tonight ")
    with live_forum.seeding():
        make_user(name, role=Role.MODERATOR)
        other_id = make_user(colleague, role=Role.MODERATOR).id
        report(make_post(body=words), Reason.AT_RISK)
    try:
        page = open_page()
        sign_in(page, name)
        page.goto("/mod/queue?reason=at_risk")
        page.get_by_role("navigation", name="Moderation").get_by_role(
            "link", name="Your care"
        ).click()
        expect(page.get_by_role("heading", name="Your care", level=1)).to_be_visible()
        page.get_by_role("link", name="practice queue").click()
        examples = wellbeing.examples()
        for number, example in enumerate(examples):
            english = dict(example.words)["en"]  # what this moderator's English page shows
            expect(page.get_by_role("heading", level=1)).to_contain_text(english.title)
            # The first answer differs on purpose; the rest follow the guidelines.
            verb = "escalate" if number == 0 and example.answer != "escalate" else example.answer
            page.get_by_role("radio", name=re.compile(verb.replace("_", " "), re.I)).first.check()
            page.get_by_role("button", name="Decide").click()
            if verb != example.answer and not example.fits(verb):
                expect(page.get_by_role("heading", name="Your decision differed")).to_be_visible()
                expect(page.get_by_text(english.why)).to_be_visible()
            else:
                expect(
                    page.get_by_role("heading", name="Your decision fits the guidelines")
                ).to_be_visible()
            if number < len(examples) - 1:
                page.get_by_role("link", name="Next practice item").click()
        expect(page.get_by_text("the practice is done")).to_be_visible()

        # A colleague takes care items too; this moderator steps out for today.
        with live_forum.seeding():
            wellbeing.care_of(db.session.get(User, other_id)).practice_done_at = utcnow()
            db.session.commit()
        page.get_by_role("link", name="Back to your care page").click()
        page.get_by_role("radio", name="Not today (24 hours)").check()
        page.get_by_role("button", name="Step out").click()
        expect(page.get_by_text("Take care of yourself")).to_be_visible()
        page.goto("/mod/queue?reason=at_risk")
        expect(
            page.get_by_text(re.compile(r"care items? waits? for the moderators taking care"))
        ).to_be_visible()
        expect(page.get_by_text(words)).to_have_count(0)

        # With the colleague gone from the lane too, the item shows to everyone again.
        with live_forum.seeding():
            wellbeing.step_out_of_care(db.session.get(User, other_id), "1")
            db.session.commit()
        page.reload()
        expect(page.get_by_text("No moderator is taking care items right now")).to_be_visible()
        folded = page.locator("details.hard-post", has_text=words)
        expect(folded.get_by_text(words)).not_to_be_visible()
        folded.locator("summary").click()
        expect(folded.get_by_text(words)).to_be_visible()
    finally:
        with live_forum.seeding():  # leave the lane as the other journeys expect it
            db.session.execute(sa.delete(ModeratorCare))
            db.session.commit()
