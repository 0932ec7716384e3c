"""What a person does in the browser again and again: signing in, finding a post on a page."""

import sqlalchemy as sa
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


def post_card(page: Page, text: str) -> Locator:
    """The post (article) on the page whose text contains these words."""
    return page.locator("article.post").filter(has_text=text)


def board(slug: str) -> Board:
    return db.session.scalar(sa.select(Board).where(Board.slug == slug))
