"""An admin reads the community health page: what needs them right now, the charts drawn
on the server, a longer span of weeks, and the load per moderator that only admins see."""

from datetime import timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.extensions import db  # noqa: E402
from forum.moderation.models import Reason  # noqa: E402
from forum.permissions import Role  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402
from forum.trust.levels import TrustLevel  # noqa: E402
from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, board, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402
from tests.moderation.helpers import report  # noqa: E402


def test_an_admin_reads_the_community_health_page(live_forum, open_page):
    admin, newcomer = unique("hearth-keeper-"), unique("first-steps-")
    with live_forum.seeding():
        make_user(admin, role=Role.ADMIN)
        thread = make_thread(make_user(newcomer), board("stories"), title=unique("Day one "))
        thread.created_at = utcnow() - timedelta(minutes=50)
        reply = make_post(thread, author=make_user(trust_level=TrustLevel.MEMBER))
        reply.created_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
        report(make_post(body=unique("I can't do this anymore ")), Reason.AT_RISK)

    page = open_page()
    sign_in(page, admin)
    page.goto("/mod/queue")
    page.get_by_role("navigation", name="Moderation").get_by_role("link", name="Health").click()
    expect(page.get_by_role("heading", name="Community health", level=1)).to_be_visible()
    right_now = page.get_by_role("region", name="Right now")
    expect(right_now.get_by_text("had no moderator's action yet")).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(6)
    expect(page.get_by_role("img", name="Time to a first reply", exact=False)).to_be_visible()
    expect(page.get_by_text(newcomer)).to_have_count(0)

    page.get_by_label("Show the last").select_option("12")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_label("Show the last")).to_have_value("12")
    newcomers = page.get_by_role("region", name="Newcomers' first threads")
    expect(newcomers.locator("tbody tr")).to_have_count(12)
    load = page.get_by_role("region", name="Load per moderator")
    expect(load.get_by_role("rowheader", name=MODERATOR)).to_be_visible()
    accessible_and_fits(page, open_page, "community health")
