"""Every main page: axe-core finds nothing serious, and it fits a 375 px phone; screenshots."""

from datetime import timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from forum.blocks.models import ShutKind  # noqa: E402
from forum.blocks.services import shut_out  # noqa: E402
from forum.conversations.store import create_conversation, create_message  # noqa: E402
from forum.drafts import services as drafts  # noqa: E402
from forum.drafts.models import DraftKind  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.moderation.models import Reason  # noqa: E402
from forum.moderation.reports import report_conversation  # noqa: E402
from forum.moderation.watched.models import WatchAction  # noqa: E402
from forum.moderation.watched.services import add_rule  # noqa: E402
from forum.permissions import Role  # noqa: E402
from forum.recovery.journal import services as journal  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402
from forum.writing.checks import Draft
from forum.writing.services import write_reply  # noqa: E402
from tests.browser.conftest import MODERATOR, SCREENSHOTS, WAIT_MS, unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402
from tests.moderation.helpers import report  # noqa: E402

# (name, address, who is signed in): the pages the issue lists.
MAIN_PAGES = [
    ("welcome", "/welcome", None),
    ("index", "/", None),
    ("board", "/b/stories", None),
    ("thread", "/t/{thread_id}", "member"),
    ("new-thread", "/b/stories/new", "member"),
    ("search-results", "/search?q=cravings", None),
    ("sign-up", "/signup", None),
    ("sign-in", "/signin", None),
    ("notices", "/notices/", "member"),
    ("messages", "/messages/", "member"),
    ("new-message", "/messages/new", "member"),
    ("conversation", "/messages/{conversation_id}", "member"),
    ("report-conversation", "/messages/{conversation_id}/report", "member"),
    ("profile", "/u/{member}", None),
    ("member-profile", "/u/{friend}", "member"),
    ("settings", "/settings", "member"),
    ("my-drafts", "/drafts", "member"),
    ("journal", "/me/journal", "member"),
    ("moderation-queue", "/mod/queue", "moderator"),
    ("moderation-log", "/mod/log", "moderator"),
    ("watched-words", "/mod/watched", "moderator"),
    ("moderator-care", "/mod/care", "moderator"),
    ("practice-queue", "/mod/care/practice", "moderator"),
    ("community-health", "/mod/health", "moderator"),
    ("moderator-checkins", "/mod/checkins", "moderator"),
    ("todays-checkins", "/checkins", None),
    ("moderation-conversation", "/mod/items/{conversation_item}/messages", "moderator"),
    ("help", "/help", None),
]
# Pages whose folded parts are opened before the checks: the mute or block form on a
# profile, and on the thread a post by someone the member muted.
OPEN_DETAILS = {"member-profile", "thread"}
SERIOUS = ("serious", "critical")
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Controls that act as buttons, visible on the page, shorter than a fingertip (44 px).
SMALL_BUTTONS = """() => [...document.querySelectorAll('button, .button, input[type=submit]')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map(el => [el.innerText.trim() || el.value, el.getBoundingClientRect().height])
  .filter(([, height]) => height < 44)"""
OVERFLOW = """() => {
  const root = document.scrollingElement;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth};
}"""


@pytest.fixture(scope="module")
def site(live_forum, browser):
    """A thread with a reply, a notice, a reported post, a conversation; members signed in
    once."""
    member = unique("hazel-")
    with live_forum.seeding():
        author = make_user(member)
        thread = make_thread(
            author,
            board("stories"),
            title=unique("Cravings in the first month "),
            body="The cravings came in waves. I wrote them down and they passed.",
        )
        make_post(thread, body="Writing them down helps me too. **Thank you** for this.")
        reported = make_post(thread, body="Nobody cares, just get over it.")
        for _ in range(3):
            report(reported)
        friend = make_user(unique("rowan-"), created_at=utcnow() - timedelta(days=90))
        make_post(thread, author=friend, body="Waves pass. Write to me if you like.")
        conversation = create_conversation(friend, [author])
        create_message(friend, conversation, "How are the evenings going?")
        create_message(author, conversation, "Better, **thank you**. I walk after dinner now.")
        worry = create_conversation(author, [friend])
        create_message(friend, worry, "Send me your number and we can meet this weekend.")
        reported_conversation = report_conversation(author, worry, Reason.PRESSURE)
        loud = make_user(unique("loud-"))
        make_post(thread, author=loud, body="Just push through it, everyone does.")
        shut_out(author, loud, ShutKind.MUTE, "month")
        # A resource card under a post, and a watched word of each action on their page.
        keeper = make_user(unique("warden-"), role=Role.MODERATOR)
        card_word = unique("naloxone")
        add_rule(keeper, card_word, WatchAction.RESOURCE, "**Naloxone** reverses an overdose.")
        for action, detail in (("block", ""), ("hold", ""), ("replace", "[a pill]")):
            add_rule(keeper, unique(f"{action}word"), WatchAction(action), detail)
        write_reply(friend, thread, Draft(f"Carry {card_word} if you can.", post_anyway=True))
        # A draft of each kind and two journal entries, for My drafts and the journal.
        for place, words in (
            (drafts.Place(DraftKind.REPLY, thread=thread), "Thank you, the waves do pass."),
            (drafts.Place(DraftKind.THREAD, board=board("stories")), "A week of evenings."),
            (drafts.Place(DraftKind.MESSAGE, conversation=conversation), "See you Sunday."),
        ):
            drafts.save_draft(author, place, drafts.DraftText(words, "A title, perhaps"))
        journal.write_entry(author, "Walked to the harbour. **Calmer** after.", "calm")
        journal.write_entry(author, "A long day. I wrote instead of drinking.", "tired")
        db.session.commit()
        addresses = {
            "thread_id": thread.id,
            "member": member,
            "friend": friend.pseudonym,
            "conversation_id": conversation.id,
            "conversation_item": reported_conversation.item_id,
        }

    states = {}
    for role, name in (("member", member), ("moderator", MODERATOR)):
        context = browser.new_context(base_url=live_forum.url)
        sign_in(context.new_page(), name)
        states[role] = context.storage_state()
        context.close()
    return addresses, states


@pytest.fixture(scope="module")
def tabs(browser, live_forum, site):
    """One page per visitor and screen width, reused across this module's read-only visits."""
    opened = {}

    def tab(who, viewport, locale="en-GB"):
        key = (who, viewport["width"], locale)
        if key not in opened:
            context = browser.new_context(
                base_url=live_forum.url,
                viewport=viewport,
                locale=locale,
                storage_state=site[1][who] if who else None,
            )
            context.set_default_timeout(WAIT_MS)
            opened[key] = context.new_page()
        return opened[key]

    yield tab
    for page in opened.values():
        page.context.close()


def _open(tabs, site, name, address, who, viewport, locale="en-GB"):
    page = tabs(who, viewport, locale)
    response = page.goto(address.format(**site[0]))
    assert response.ok, f"{address} answered {response.status}"
    if name in OPEN_DETAILS:
        assert page.locator("details").count(), f"{name} has nothing folded to open"
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page


@pytest.mark.parametrize(("name", "address", "who"), MAIN_PAGES, ids=[p[0] for p in MAIN_PAGES])
def test_page_has_no_serious_accessibility_violations(tabs, site, name, address, who):
    """axe-core finds no serious or critical barrier on the page (desktop width)."""
    page = _open(tabs, site, name, address, who, DESKTOP)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)
    _assert_accessible(page)


def _assert_accessible(page) -> None:
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in serious
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("name", "address", "who"), MAIN_PAGES, ids=[p[0] for p in MAIN_PAGES])
def test_page_fits_a_375px_phone(tabs, site, name, address, who):
    """At 375 px the page never scrolls sideways and every button is at least 44 px tall."""
    page = _open(tabs, site, name, address, who, PHONE)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-375.png", full_page=True)
    _assert_fits(page, name)


def _assert_fits(page, name: str) -> None:
    size = page.evaluate(OVERFLOW)
    assert size["scrollWidth"] <= size["clientWidth"], f"{name} scrolls sideways: {size}"
    assert page.evaluate(SMALL_BUTTONS) == [], f"{name} has buttons under 44 px"


@pytest.mark.parametrize(("name", "address", "who"), MAIN_PAGES, ids=[p[0] for p in MAIN_PAGES])
def test_page_in_spanish_says_so_stays_accessible_and_fits(tabs, site, name, address, who):
    """Read with a Spanish browser, the page is marked lang="es" (a screen reader speaks it
    with a Spanish voice), axe finds nothing serious, and its longer words still fit 375 px."""
    page = _open(tabs, site, name, address, who, DESKTOP, "es-ES")
    assert page.evaluate("document.documentElement.lang") == "es", f"{name} is not lang=es"
    _assert_accessible(page)
    phone = _open(tabs, site, name, address, who, PHONE, "es-ES")
    _assert_fits(phone, name)
