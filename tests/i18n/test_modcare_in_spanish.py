"""A moderator who reads Hearth in Spanish looks after themselves, the team's inbox, the
watched words, the check-ins, the pairings, the figures and the log in Spanish; a signed-out
reader reads what the moderators did in Spanish too."""

import html

import pytest
import sqlalchemy as sa

from forum.conversations.models import Conversation
from forum.extensions import db
from forum.moderation import log
from forum.moderation.models import TargetType
from forum.permissions import Role
from forum.posts.models import PostRevision
from forum.writing.checks import Draft
from forum.writing.messages import write_to_team
from forum.writing.services import write_edit
from tests.factories import make_board, make_post, make_user
from tests.i18n.test_pages_in_spanish import SPANISH, english_sentences, visible
from tests.mentors.helpers import make_mentor, pair


@pytest.fixture
def moderator(app):
    """A moderator whose own setting is Spanish."""
    return make_user("guardia-tranquila", role=Role.MODERATOR, locale="es")


@pytest.fixture
def forum_in_use(moderator):
    """Something on every page: a board, a conversation with the team, a pairing, an
    earlier version of a post, and a line in the log."""
    make_board("Cada día", slug="cada-dia")
    sent = write_to_team(make_user("voz-baja"), Draft("¿Puedo preguntar algo?", post_anyway=True))
    pairing = pair(make_user("recien-llegada"), make_mentor("mano-firme"))
    author = make_user("rio-quieto")
    post = make_post(author=author, body="Llámame al 07700900461 después de la reunión.")
    write_edit(author, post, Draft("Nos vemos después de la reunión.", post_anyway=True))
    log.record(moderator.id, "lock", TargetType.THREAD, post.thread_id, "Una pausa para todos.")
    db.session.commit()
    revision = db.session.scalar(sa.select(PostRevision).where(PostRevision.post_id == post.id))
    return {
        "conversation": db.session.get(Conversation, sent.message.conversation_id),
        "pairing": pairing,
        "member": author,
        "revision": revision,
    }


def _in_spanish(response, status: int = 200) -> str:
    assert response.status_code == status
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = visible(response)
    assert _left_in_english(text) == []
    return text


def _left_in_english(text: str) -> list[str]:
    """Hearth's own English sentences on the page."""
    return sorted(p for p in english_sentences() if p in text)


@pytest.mark.parametrize(
    "path",
    [
        "/mod/care",
        "/mod/care/practice",
        "/mod/checkins",
        "/mod/health",
        "/mod/inbox/",
        "conversation",
        "/mod/log",
        "member",
        "/mod/pairings",
        "/mod/watched",
    ],
)
def test_a_spanish_speaking_moderator_reads_their_pages_in_spanish(
    client, auth, moderator, forum_in_use, path
):
    """Every page of the moderators' own care and tools comes in Spanish, with no sentence
    of Hearth's own left in English."""
    auth.login(moderator)
    if path == "conversation":
        path = f"/mod/inbox/{forum_in_use['conversation'].id}"
    elif path == "member":
        path = f"/mod/members/{forum_in_use['member'].id}"
    _in_spanish(client.get(path))


def test_the_practice_queue_reads_in_spanish(client, auth, moderator):
    """A moderator reading in Spanish practises on the Spanish words of each example."""
    auth.login(moderator)
    text = _in_spanish(client.get("/mod/care/practice/low-mood"))
    assert "Práctica: Día 12 y todo se ve gris" in text
    assert "Doce días sin beber." in text


def test_the_health_page_counts_and_charts_in_spanish(client, auth, moderator):
    auth.login(moderator)
    page = html.unescape(client.get("/mod/health").get_data(as_text=True))
    assert "Salud de la comunidad" in page
    assert "Tiempo hasta la primera respuesta" in page and "semana a semana desde el" in page


def test_redacting_an_earlier_version_is_asked_again_in_spanish(
    client, auth, moderator, forum_in_use
):
    """A redaction that can't be made comes back on its own page, in Spanish."""
    auth.login(moderator)
    revision = forum_in_use["revision"]
    response = client.post(
        f"/mod/versions/{revision.id}/redact",
        data={f"v{revision.id}-new_text": "", f"v{revision.id}-reason": ""},
    )
    text = _in_spanish(response, status=400)
    assert "Tachar una versión anterior" in text


def test_stepping_out_of_the_care_lane_is_said_kindly_in_spanish(client, auth, moderator):
    auth.login(moderator)
    response = client.post("/mod/care/step-out", data={"days": "1"}, follow_redirects=True)
    text = visible(response)
    assert "Estás fuera del turno de cuidado hasta el" in text and "Cuídate." in text


def test_a_watched_word_left_empty_is_asked_for_in_spanish(client, auth, moderator):
    auth.login(moderator)
    response = client.post("/mod/watched", data={"words": "", "action": "flag"})
    text = _in_spanish(response, status=400)
    assert "Escribe una palabra o una frase." in text


def test_ending_a_pairing_without_a_reason_is_asked_for_in_spanish(
    client, auth, moderator, forum_in_use
):
    auth.login(moderator)
    pairing = forum_in_use["pairing"]
    response = client.post(
        f"/mod/pairings/{pairing.id}/end", data={f"pairing-{pairing.id}-reason": ""}
    )
    text = _in_spanish(response, status=400)
    assert "Escribe un motivo: se les comunica a las dos personas." in text


def test_a_signed_out_reader_reads_what_the_moderators_did_in_spanish(
    client, moderator, forum_in_use
):
    text = _in_spanish(client.get("/transparency", headers=SPANISH))
    assert "Lo que hizo el equipo de moderación" in text
