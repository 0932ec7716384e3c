"""A newcomer whose browser speaks Spanish: Hearth in Spanish from the first page, a search
in Spanish that finds a story told in Spanish, joining and replying, all with lang="es"."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.extensions import db  # noqa: E402
from forum.posts.models import Post  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, board  # noqa: E402
from tests.factories import make_thread  # noqa: E402

SPANISH_BROWSER = {"locale": "es-ES"}


def _in_spanish(page) -> None:
    """The page says it is Spanish, so a screen reader reads it with a Spanish voice."""
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.get_by_role("link", name="Saltar al contenido")).to_be_attached()


def test_a_spanish_newcomer_finds_a_story_joins_and_replies_in_spanish(live_forum, open_page):
    """She searches "recaídas", reads a story of a relapse told in Spanish, joins and answers it."""
    title = unique("Después de una recaída, semana ")
    with live_forum.seeding():
        make_thread(
            board=board("stories"),
            title=title,
            body="Tuve una recaída en marzo. Volví a las reuniones y hoy llevo cuarenta días.",
            language="es",
        )
    page = open_page(**SPANISH_BROWSER)

    page.goto("/")
    _in_spanish(page)
    accessible_and_fits(page, lambda **o: open_page(**SPANISH_BROWSER, **o), "portada")

    search_box = page.get_by_role("search").get_by_role("searchbox", name="Buscar")
    search_box.fill("recaídas")
    search_box.press("Enter")
    _in_spanish(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_text("hoy llevo cuarenta días")).to_be_visible()
    _in_spanish(page)
    accessible_and_fits(page, lambda **o: open_page(**SPANISH_BROWSER, **o), "hilo")
    story = page.url

    name = unique("faro-")
    page.get_by_role("navigation", name="Cuenta").get_by_role("link", name="Únete").click()
    _in_spanish(page)
    page.get_by_label("Seudónimo").fill(name)
    page.get_by_label("Contraseña", exact=True).fill("linterna huerto terciopelo")
    page.get_by_label("Repite la contraseña").fill("linterna huerto terciopelo")
    page.get_by_label("He leído las normas de la comunidad").check()
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(page.get_by_role("navigation", name="Cuenta")).to_contain_text(name)

    page.goto(story)
    page.get_by_label("Tu respuesta").fill("Gracias por contarlo. Yo también empecé de nuevo.")
    page.get_by_role("button", name="Publicar respuesta").click()
    said = page.get_by_role("status", name="Mensajes")
    expect(said).to_contain_text("Tu respuesta está publicada.")
    expect(page.get_by_text("Yo también empecé de nuevo.")).to_be_visible()
    _in_spanish(page)

    with live_forum.seeding():
        reply = db.session.query(Post).filter(Post.body_source.contains("empecé de nuevo")).one()
        assert reply.language == "es"


def test_a_reader_switches_to_spanish_and_back_on_the_same_page(live_forum, open_page):
    """An English browser's reader presses "Español" in the footer and stays on the thread."""
    title = unique("Ninety days and counting ")
    with live_forum.seeding():
        thread_id = make_thread(board=board("stories"), title=title, body="One day at a time.").id
    page = open_page(locale="en-GB")
    page.goto(f"/t/{thread_id}")
    assert page.evaluate("document.documentElement.lang") == "en"

    page.get_by_role("contentinfo").get_by_role("button", name="Español").click()
    expect(page).to_have_url(re.compile(rf"/t/{thread_id}"))
    _in_spanish(page)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(rf"/t/{thread_id}"))
    assert page.evaluate("document.documentElement.lang") == "en"
