"""Someone reading My recovery hears a step behind them and leaves quickly: the page gives way
to a neutral site, and Back does not bring My recovery up again."""

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
from tests.factories import make_user  # noqa: E402

NEUTRAL = "<!doctype html><title>Weather</title><h1>Today's weather</h1>"


def _neutral_site(page, live_forum):
    """The neutral site answers from the test itself: nothing goes to another host."""
    url = live_forum.app.config["QUICK_EXIT_URL"]
    page.route(
        f"{url}*", lambda route: route.fulfill(status=200, body=NEUTRAL, content_type="text/html")
    )


@pytest.mark.parametrize("how", ["link", "escape twice"])
def test_leaving_quickly_replaces_the_page_and_back_does_not_bring_it(live_forum, open_page, how):
    name = unique("hurry-")
    with live_forum.seeding():
        make_user(name)
    page = open_page()
    _neutral_site(page, live_forum)
    sign_in(page, name)
    page.goto("/b/stories")
    page.goto("/me")
    expect(page.get_by_role("heading", name="My recovery")).to_be_visible()
    if how == "link":
        page.get_by_role("link", name="Leave quickly").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Today's weather")).to_be_visible()
    page.go_back()
    page.wait_for_load_state()
    assert "/me" not in page.url  # My recovery left the tab's history
    assert page.url.endswith("/b/stories")
