"""A Spanish-speaking member writes in Spanish: the new thread, edit, history and delete pages,
bookmarks, drafts, notices and the digest's pages, the write rule's refusals, and the digest
email itself, which comes in each member's own language."""

from email.header import decode_header, make_header

import pytest

from forum.digests.services import send_digest, unsubscribe_token
from forum.extensions import db
from forum.moderation.actions import act_on_post
from forum.permissions import Role
from forum.posts.lifecycle import set_post_status
from forum.posts.models import PostStatus, ThreadKind
from forum.reactions.services import toggle_reaction
from forum.writing.checks import Draft
from forum.writing.services import write_edit
from tests.digests import test_digests
from tests.factories import (
    make_board,
    make_established,
    make_post,
    make_thread,
    make_user,
    opening_post,
)
from tests.i18n.test_pages_in_spanish import SPANISH, english_sentences, visible

# The digest's own fixtures: a forum that mails to a real SMTP server, and its inbox.
inbox, mailing_app = test_digests.inbox, test_digests.mailing_app


def _in_spanish(response, status: int = 200) -> str:
    """The page came, says it is Spanish, and shows no English sentence of Hearth's own."""
    assert response.status_code == status
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = visible(response)
    assert sorted(p for p in english_sentences() if p in text) == []
    return text


@pytest.fixture
def writer(client, auth):
    """A member with a thread of their own on Stories, signed in."""
    member = make_established("slow-river")
    make_board("Stories", "stories")
    auth.login(member)
    return member


def test_a_spanish_member_starts_a_thread_in_spanish(client, writer):
    text = _in_spanish(client.get("/b/stories/new", headers=SPANISH))
    assert "Abrir un hilo en Stories" in text and "Publicar hilo" in text


def test_edit_history_and_delete_speak_spanish(client, writer):
    post = opening_post(make_thread(author=writer, title="Ninety days", body="Still here."))
    write_edit(writer, post, Draft("Still here, day by day.", "Ninety days"))
    db.session.commit()
    assert "Guardar los cambios" in _in_spanish(client.get(f"/p/{post.id}/edit", headers=SPANISH))
    history = _in_spanish(client.get(f"/p/{post.id}/history", headers=SPANISH))
    assert "Versiones anteriores de una publicación" in history and "Escrita ahora mismo" in history
    delete = _in_spanish(client.get(f"/p/{post.id}/delete", headers=SPANISH))
    assert "¿Eliminar tu publicación?" in delete and "No borrar" in delete


def test_bookmarks_say_in_spanish_that_a_saved_post_is_gone(client, writer):
    kept, gone = make_post(body="Hold on."), make_post(body="Breathe.")
    for post in (kept, gone):
        client.post(f"/p/{post.id}/bookmark", headers=SPANISH)
    set_post_status(gone, PostStatus.HIDDEN)
    db.session.commit()
    text = _in_spanish(client.get("/bookmarks", headers=SPANISH))
    assert "1 publicación guardada ya no es pública" in text and "Quitarla" in text
    flashed = client.post("/bookmarks/remove-unreadable", headers=SPANISH, follow_redirects=True)
    assert "se quitaron de tus guardados" in visible(flashed)


def test_my_drafts_and_a_draft_not_saved_speak_spanish(client, writer):
    board = make_board("Coping", "coping")
    thread = make_thread(title="Evenings")
    saved = {"title": "Hard week", "body": "Today."}
    client.post(f"/drafts/new-thread/{board.id}", data=saved, headers=SPANISH)
    client.post(f"/drafts/reply/{thread.id}", data={"body": "Me too."}, headers=SPANISH)
    text = _in_spanish(client.get("/drafts", headers=SPANISH))
    assert "Un hilo nuevo en Coping" in text and "Una respuesta en Evenings" in text
    empty = client.post(f"/drafts/new-thread/{board.id}", data={"body": ""}, headers=SPANISH)
    text = _in_spanish(empty, 400)
    assert "Todavía no hay nada que guardar: escribe primero unas palabras." in text


def test_notices_of_each_kind_read_in_spanish(client, auth):
    member = make_established("first-light")
    story = make_thread(author=member, title="A long week")
    make_post(story, author=make_user("kind-voice"), parent=opening_post(story))
    make_post(make_thread(title="Mornings"), make_established("namer"), "@first-light hi")
    milestone = make_thread(author=member, title="30 days")
    milestone.kind = ThreadKind.MILESTONE
    toggle_reaction(make_user("cheering"), opening_post(milestone), "congrats")
    moderator = make_user("steady-hand", role=Role.MODERATOR)
    act_on_post(moderator, make_post(story, author=member), "hide", "Please keep it kind.")
    db.session.commit()
    auth.login(member)
    text = _in_spanish(client.get("/notices/", headers=SPANISH))
    assert "kind-voice respondió a tu publicación en «A long week»" in text
    assert "namer te mencionó en «Mornings»" in text
    assert "cheering reaccionó con «Enhorabuena» a tu logro" in text
    assert "Del equipo de moderación" in text and "Marcar todo como leído" in text
    assert "El equipo de moderación ocultó tu publicación" in text
    assert "Please keep it kind." in text  # the moderator's own words, as they wrote them


def test_digest_settings_and_unsubscribe_pages_speak_spanish(client, auth):
    member = make_user("quiet-hours", email="me@example.org", digest="daily")
    auth.login(member)
    text = _in_spanish(client.get("/settings/notifications", headers=SPANISH))
    assert "Horas de silencio" in text and "Un resumen diario" in text
    refused = client.post(
        "/settings/notifications", data={"digest": "daily", "email": ""}, headers=SPANISH
    )
    assert "elige no recibir correos" in _in_spanish(refused, 400)
    token = unsubscribe_token(member)
    client.post("/signout", headers=SPANISH)
    page = _in_spanish(client.get(f"/digest/unsubscribe/{token}", headers=SPANISH))
    assert "Dejar de recibir los correos" in page
    done = _in_spanish(client.post(f"/digest/unsubscribe/{token}", headers=SPANISH))
    assert "Hearth no te enviará más resúmenes. Cuídate." in done


def test_a_new_members_link_is_refused_in_spanish_and_the_words_are_kept(client, auth):
    make_board("Stories", "stories")
    auth.login(make_user("brand-new"))
    words = "This helped me: https://example.org/steps"
    response = client.post(
        "/b/stories/new", data={"title": "What helped", "body": words}, headers=SPANISH
    )
    text = _in_spanish(response, 400)
    assert "Los enlaces a otros sitios se abren después de tus primeros días aquí." in text
    assert words in response.get_data(as_text=True)


def test_an_empty_reply_is_refused_in_spanish(client, writer):
    thread = make_thread(title="Tonight")
    response = client.post(f"/t/{thread.id}/reply", data={"body": ""}, headers=SPANISH)
    text = _in_spanish(response, 400)
    assert "Por favor, revisa el campo marcado abajo." in text
    assert "Por favor, escribe algo primero." in text


def _digest(messages) -> tuple[str, str]:
    sent = messages[-1]
    subject = str(make_header(decode_header(sent["Subject"])))
    return subject, sent.get_payload(decode=True).decode()


@pytest.mark.parametrize(
    "locale, subject, words",
    [
        ("es", "Tienes novedades en Hearth", "Hay algo nuevo para ti en Hearth: 1 aviso sin leer."),
        (None, "You have new activity on Hearth", "something new for you on Hearth: 1 unread"),
    ],
)
def test_each_member_gets_the_digest_in_their_own_language(
    mailing_app, inbox, locale, subject, words
):
    """A member who reads Hearth in Spanish gets a Spanish digest; another, the forum's."""
    messages, _ = inbox
    member = make_user("morning-walk", email="me@example.org", digest="daily", locale=locale)
    make_post(make_thread(member, title="Week two"), author=make_user("a-friend"))
    assert send_digest(member.id) is True
    got_subject, body = _digest(messages)
    assert got_subject == subject and words in body
