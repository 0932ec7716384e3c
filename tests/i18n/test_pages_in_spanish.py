"""A Spanish-speaking reader reads Hearth in Spanish: chosen by their browser, by a switch that
keeps them on the page, or by their setting; each language kept apart by the page cache."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post
from forum.timeutil import utcnow
from tests.factories import make_post, make_thread, make_user
from tests.i18n.test_catalogues import catalogue

SPANISH = {"Accept-Language": "es-ES,es;q=0.9"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


class _Visible(HTMLParser):
    """The words a person sees on a page: its text, outside scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def visible(response) -> str:
    reader = _Visible()
    reader.feed(response.get_data(as_text=True))
    return " ".join(" ".join(reader.words).split())


def english_sentences() -> set[str]:
    """Pieces of every English sentence the catalogue translates differently (two words or
    more, between its placeholders and markup)."""
    pieces = set()
    for message in catalogue("es"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue
            for piece in re.split(r"%\(\w+\)s|<[^>]*>", english):
                piece = " ".join(piece.split()).strip(" .,:;·()")
                if len(piece.split()) >= 2:
                    pieces.add(piece)
    return pieces


@pytest.fixture
def story():
    author = make_user("quiet-harbour")
    thread = make_thread(author=author, title="Ninety days", body="Still here, one day at a time.")
    for words in ("Same here.", "Proud of you.", "Me too, friend."):
        make_post(thread=thread, body=words)
    return thread


@pytest.mark.parametrize("page", ["/", "thread", "/help"])
def test_a_spanish_browser_gets_the_newcomers_pages_in_spanish(client, story, page):
    """Board index, a thread and the help page come in Spanish, with lang="es", and no
    sentence of Hearth's own is left in English."""
    path = f"/t/{story.id}" if page == "thread" else page
    response = client.get(path, headers=SPANISH)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="es">' in html
    text = visible(response)
    assert "Saltar al contenido" in text and "Salir rápido" in text
    left_in_english = sorted(p for p in english_sentences() if p in text)
    assert left_in_english == []
    assert response.headers["Content-Language"] == "es"
    assert "Accept-Language" in response.headers.get("Vary", "")


def test_an_english_browser_keeps_english(client, story):
    """Nothing changes for a reader whose browser asks for English."""
    response = client.get(f"/t/{story.id}", headers=ENGLISH)
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert "Skip to content" in visible(response)


def test_replies_are_counted_in_spanish_plurals(client, story):
    """A thread with one reply says "1 respuesta"; with three, "3 respuestas"."""
    lonely = make_thread(board=story.board, title="Anyone up?")
    make_post(thread=lonely, body="I am.")
    text = visible(client.get(f"/b/{story.board.slug}", headers=SPANISH))
    assert "1 respuesta ·" in text and "3 respuestas ·" in text


def test_a_relative_time_reads_in_spanish(client, story):
    """A thread last active three days ago says "hace 3 días"."""
    story.last_activity_at = utcnow() - timedelta(days=3, hours=2)
    db.session.commit()
    text = visible(client.get(f"/b/{story.board.slug}", headers=SPANISH))
    assert "activo hace 3 días" in text


def test_a_signed_out_reader_switches_to_spanish_and_back_on_the_same_page(client, story):
    """The footer's switch changes the language and leaves the reader where they were."""
    path = f"/t/{story.id}"
    assert "Skip to content" in visible(client.get(path))
    switched = client.post("/language", data={"locale": "es", "next": path}, headers=SAME_SITE)
    assert switched.status_code == 302 and switched.headers["Location"] == path
    assert "Saltar al contenido" in visible(client.get(path, headers=ENGLISH))
    back = client.post("/language", data={"locale": "en", "next": path}, headers=SAME_SITE)
    assert back.headers["Location"] == path
    assert "Skip to content" in visible(client.get(path, headers=SPANISH))


def test_the_switch_refuses_to_send_a_reader_off_the_site(client):
    """A crafted form cannot use the switch to send someone to another site."""
    for target in ("https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example"):
        switched = client.post("/language", data={"locale": "es", "next": target})
        assert switched.status_code == 302 and switched.headers["Location"] == "/"


def test_the_switch_refuses_an_unknown_language(client):
    assert client.post("/language", data={"locale": "xx", "next": "/"}).status_code == 400


def test_a_members_setting_wins_over_their_browser(client, auth, story):
    """A member who chose Spanish reads Spanish even on an English browser, and back."""
    member = make_user("river-stone")
    auth.login(member)
    client.post("/language", data={"locale": "es", "next": "/settings"})
    db.session.refresh(member)
    assert member.locale == "es"
    assert "Saltar al contenido" in visible(client.get(f"/t/{story.id}", headers=ENGLISH))
    client.post("/language", data={"locale": "", "next": "/settings"})
    db.session.refresh(member)
    assert member.locale is None
    assert "Saltar al contenido" in visible(client.get(f"/t/{story.id}", headers=SPANISH))
    assert "Skip to content" in visible(client.get(f"/t/{story.id}", headers=ENGLISH))


def test_settings_offer_the_language_choice(client, auth):
    """Settings has a Language section with each language named in itself."""
    auth.login(make_user("calm-lake"))
    page = client.get("/settings").get_data(as_text=True)
    assert 'id="language"' in page and "Español" in page and "The same as my browser" in page


def test_the_page_cache_keeps_a_copy_per_language(app, client, story):
    """A Spanish reader never gets the English page a cache kept, nor the other way round."""
    path = f"/t/{story.id}"
    english = client.get(path, headers=ENGLISH)
    spanish = client.get(path, headers=SPANISH)
    assert "Saltar al contenido" in visible(spanish)
    assert "Skip to content" in visible(client.get(path, headers=ENGLISH))
    assert "Saltar al contenido" in visible(client.get(path, headers=SPANISH))
    assert len(app.extensions["hearth_pages"].entries) == 2
    assert english.headers["ETag"] != spanish.headers["ETag"]
    # An ETag from one language never makes a 304 for the other.
    asked = {**SPANISH, "If-None-Match": english.headers["ETag"]}
    assert client.get(path, headers=asked).status_code == 200


def test_a_reader_who_never_chose_keeps_an_empty_session(client, story):
    """Reading in the browser's language sets no cookie, so the reader still gets kept pages."""
    response = client.get(f"/t/{story.id}", headers=SPANISH)
    assert "Set-Cookie" not in response.headers


def test_sign_up_errors_come_in_spanish(client):
    """A newcomer whose passwords differ is told so in Spanish."""
    response = client.post(
        "/signup",
        data={"pseudonym": "new-dawn", "password": "a-long-password-1", "confirm": "other"},
        headers=SPANISH,
    )
    text = visible(response)
    assert "Las dos contraseñas no coinciden." in text
    assert "Por favor, lee las normas y marca esta casilla." in text


def test_the_help_page_shows_the_spanish_default(client):
    """With no help.md of the instance's own, a Spanish reader gets the Spanish default."""
    text = visible(client.get("/help", headers=SPANISH))
    assert "Si estás en peligro ahora mismo" in text


def test_a_newcomer_who_joins_in_spanish_keeps_spanish_as_their_setting(client):
    """Joining from a Spanish browser makes Spanish their setting: their emails and posts
    follow it on any browser, until they change it in Settings."""
    form = {
        "pseudonym": "faro-quieto",
        "password": "linterna huerto terciopelo",
        "confirm": "linterna huerto terciopelo",
        "guidelines": "y",
    }
    client.post("/signup", data=form, headers=SPANISH)
    member = db.session.scalar(sa.select(User).where(User.pseudonym == "faro-quieto"))
    assert member is not None and member.locale == "es"


def test_a_reply_from_a_member_without_a_setting_is_in_the_language_they_read(client, auth, story):
    """A member with no language setting who reads in Spanish writes a Spanish reply."""
    member = make_user("sin-ajuste")
    auth.login(member)
    reply = {"body": "Gracias por contarlo, me sirve mucho."}
    client.post(f"/t/{story.id}/reply", data=reply, headers=SPANISH)
    post = db.session.scalar(sa.select(Post).where(Post.body_source == reply["body"]))
    assert post is not None and post.language == "es"
