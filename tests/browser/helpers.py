"""What a person does in the browser again and again: signing in, finding a post on a page."""

import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from forum.extensions import db
from forum.posts.models import Board
from tests.factories import PASSWORD


def sign_in(page: Page, pseudonym: str, password: str = PASSWORD) -> None:
    """Sign in through the real form and wait until the header greets the member."""
    page.goto("/signin")
    page.get_by_label("Pseudonym").fill(pseudonym)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(pseudonym)


def messages(page: Page) -> Locator:
    """What Hearth says back after a form (the flashed messages), not a draft's status line."""
    return page.get_by_role("status", name="Messages")


def post_card(page: Page, text: str) -> Locator:
    """The post (article) on the page whose text contains these words."""
    return page.locator("article.post").filter(has_text=text)


def board(slug: str) -> Board:
    return db.session.scalar(sa.select(Board).where(Board.slug == slug))


PHONE = {"width": 375, "height": 740}
_FITS = """() => {
  const root = document.scrollingElement;
  return root.scrollWidth <= root.clientWidth;
}"""


def accessible_and_fits(page: Page, open_page, name: str) -> None:
    """axe-core finds nothing serious on the page, and the same page fits a 375 px phone."""
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{name}: {serious}"
    phone = open_page(viewport=PHONE, storage_state=page.context.storage_state())
    phone.goto(page.url)
    assert phone.evaluate(_FITS), f"{name} scrolls sideways at 375 px"
