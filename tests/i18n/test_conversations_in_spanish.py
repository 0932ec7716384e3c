"""A Spanish-speaking member reads and writes their private messages in Spanish: the list, a new
message, a conversation, writing to the moderators, and the kind words when a message can't go."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.conversations.models import Conversation
from forum.extensions import db
from forum.permissions import Role
from forum.timeutil import utcnow
from tests.factories import make_established, make_user
from tests.i18n.test_pages_in_spanish import SPANISH, visible
from tests.i18n.test_pages_in_spanish import english_sentences as catalogue_english


@pytest.fixture(autouse=True)
def spanish_browser(client):
    """Every request of these members, signing in included, comes from a Spanish browser."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = SPANISH["Accept-Language"]


def _in_spanish(response) -> str:
    """The page's words, once it is known to be a whole page in Spanish."""
    assert response.status_code == 200
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = visible(response)
    assert sorted(p for p in catalogue_english() if p in text) == []
    return text


def _conversation_between(client, auth, writer: str, reader: str, body: str) -> int:
    auth.login(writer)
    sent = client.post("/messages/new", data={"to": reader, "body": body, "post_anyway": "y"})
    assert sent.status_code == 302
    auth.logout()
    return db.session.scalar(sa.select(Conversation.id).order_by(Conversation.id.desc()))


def test_my_messages_and_a_new_message_come_in_spanish(client, auth):
    """The list of conversations, who can message me, and the new message form."""
    make_established("river"), make_established("harbour")
    _conversation_between(client, auth, "river", "harbour", "Hola, ¿cómo va tu semana?")
    auth.login("harbour")
    listed = _in_spanish(client.get("/messages/"))
    assert "Con river" in listed and "Quién puede enviarte mensajes" in listed
    assert "no tienen cifrado de extremo a extremo" in listed
    form = _in_spanish(client.get("/messages/new?to=river"))
    assert "Mensaje nuevo" in form and "Para" in form and "Tu mensaje" in form


def test_an_empty_list_of_messages_says_so_in_spanish(client, auth):
    auth.login(make_established("lantern"))
    text = _in_spanish(client.get("/messages/"))
    assert "Aún no tienes conversaciones." in text


def test_a_conversation_reads_in_spanish_and_my_reply_is_confirmed_in_spanish(client, auth):
    """Opening a conversation, replying, muting and leaving all speak Spanish."""
    make_established("river"), make_established("harbour")
    conversation = _conversation_between(client, auth, "river", "harbour", "Aquí sigo.")
    auth.login("harbour")
    page = f"/messages/{conversation}"
    text = _in_spanish(client.get(page))
    assert "Conversación con river" in text and "Salir de esta conversación" in text
    replied = client.post(f"{page}/send", data={"body": "Yo también."}, follow_redirects=True)
    assert "Tu mensaje está enviado." in _in_spanish(replied)
    muted = client.post(f"{page}/mute", data={"muted": "1"}, follow_redirects=True)
    assert "Silenciada: ya no contará como nueva." in _in_spanish(muted)
    assert "silenciada" in _in_spanish(client.get("/messages/"))
    left = client.post(f"{page}/leave", follow_redirects=True)
    assert "Saliste de la conversación." in _in_spanish(left)


def test_a_newcomer_is_gently_reminded_in_spanish_to_keep_conversations_here(client, auth):
    """Beside a message holding contact details, a newcomer reads the off-Hearth note."""
    make_user("steward-ash", role=Role.MODERATOR), make_user("firstweek")
    body = "Si quieres, escríbeme a ash@example.org."
    conversation = _conversation_between(client, auth, "steward-ash", "firstweek", body)
    auth.login("firstweek")
    text = _in_spanish(client.get(f"/messages/{conversation}"))
    assert "Parece que este mensaje contiene datos de contacto." in text
    assert "las normas de Hearth" in text


def test_writing_to_a_newcomer_is_turned_away_kindly_in_spanish(client, auth):
    """The shield explains itself in Spanish, and says nothing was sent."""
    make_established("lantern"), make_user("firstweek")
    auth.login("lantern")
    page = client.post("/messages/new", data={"to": "firstweek", "body": "Hola, bienvenida."})
    text = _in_spanish(page)
    assert "firstweek acaba de llegar; mejor responde a sus publicaciones." in text
    assert "No se envió nada." in text


def test_a_member_who_hears_only_from_people_they_replied_to_is_explained_in_spanish(client, auth):
    make_established("river"), make_established("harbour", messages_from_replied_only=True)
    auth.login("river")
    page = client.post("/messages/new", data={"to": "harbour", "body": "Hola."})
    assert "harbour solo recibe mensajes privados de personas a las que ha respondido." in (
        _in_spanish(page)
    )


def test_the_message_form_errors_come_in_spanish(client, auth):
    """Nobody to write to, or a pseudonym nobody goes by: told in Spanish, nothing sent."""
    auth.login(make_established("lantern"))
    empty = client.post("/messages/new", data={"to": "", "body": "Hola."})
    assert empty.status_code == 400
    assert "Di para quién es el mensaje." in visible(empty)
    unknown = client.post("/messages/new", data={"to": "nobody-here", "body": "Hola."})
    assert unknown.status_code == 400
    assert "No encontramos a nadie con el seudónimo nobody-here." in visible(unknown)
    assert db.session.scalar(sa.select(sa.func.count(Conversation.id))) == 0


def test_contacting_the_moderators_and_reading_their_answer_in_spanish(client, auth):
    """The contact page, and the answer signed by the moderators as a team, in Spanish."""
    make_established("river"), make_user("steward-ash", role=Role.MODERATOR)
    auth.login("river")
    contact = _in_spanish(client.get("/messages/moderators"))
    assert "Escribir al equipo de moderación" in contact
    assert "Enviar al equipo de moderación" in contact
    sent = client.post("/messages/moderators", data={"body": "¿Por qué se ocultó mi publicación?"})
    assert sent.status_code == 302
    conversation = db.session.scalar(sa.select(Conversation.id))
    auth.logout()
    auth.login("steward-ash")
    answer = client.post(f"/mod/inbox/{conversation}/answer", data={"body": "Te lo explico."})
    assert answer.status_code == 302
    client.get(answer.headers["Location"])  # the moderator reads their own confirmation
    auth.logout()
    auth.login("river")
    text = _in_spanish(client.get(f"/messages/{conversation}"))
    assert "el equipo de moderación ·" in text and "steward-ash" not in text
    assert "Con el equipo de moderación" in text


def test_a_suspended_member_may_still_write_to_the_moderators_in_spanish(client, auth):
    """While their writing is paused, the contact page tells the member, in Spanish, that
    the moderators can still be reached."""
    river = make_established("river")
    river.suspended_until = utcnow() + timedelta(days=2)
    river.suspension_reason = "Una pausa."
    db.session.commit()
    auth.login("river")
    assert client.get("/messages/new").status_code == 403
    contact = _in_spanish(client.get("/messages/moderators"))
    assert "Mientras tu cuenta esté en pausa puedes seguir escribiendo" in contact
