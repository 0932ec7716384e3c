"""A Spanish-speaking member finds their own corner of Hearth in Spanish: settings, profiles,
password and account deletion, the guidelines and the welcome, the crisis lines, the admins'
board pages and the page a paused member meets."""

from datetime import datetime
from pathlib import Path

import pytest

from forum.blocks.models import MemberBlock, ShutKind
from forum.extensions import db
from forum.permissions import Role
from tests.factories import PASSWORD, make_board, make_post, make_thread, make_user
from tests.i18n.test_pages_in_spanish import SPANISH, english_sentences, visible


def _in_spanish(response, status: int = 200) -> str:
    """The page came whole, said it is Spanish, and left no sentence of Hearth's in English."""
    assert response.status_code == status
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = visible(response)
    left_in_english = sorted(p for p in english_sentences() if p in text)
    assert left_in_english == []
    return text


@pytest.fixture
def member(auth):
    """A member with a thread, a weekly digest, quiet hours and someone they muted."""
    someone = make_user("loud-neighbour")
    member = make_user("river-stone", digest="weekly", quiet_from=22, quiet_until=7)
    make_post(make_thread(author=member, title="Ninety days"), body="Still here.")
    db.session.add(MemberBlock(user_id=member.id, target_id=someone.id, kind=ShutKind.MUTE))
    db.session.commit()
    auth.login(member)
    return member


@pytest.mark.parametrize(
    "path", ["/settings", "/settings/password", "/settings/delete", "/u/river-stone"]
)
def test_a_member_reads_their_own_pages_in_spanish(client, member, path):
    """Settings, the password and delete pages, and their own profile come in Spanish."""
    _in_spanish(client.get(path, headers=SPANISH))


def test_settings_speak_of_the_members_place_and_choices_in_spanish(client, member):
    """Their place here, their digest and quiet hours, and whom they muted, in Spanish."""
    text = _in_spanish(client.get("/settings", headers=SPANISH))
    assert "Tu lugar aquí" in text and "Acabas de llegar, y te damos la bienvenida." in text
    assert "Días aquí:" in text
    assert "Recibes un resumen semanal por correo." in text
    assert "Horas de silencio: de 22:00 a 07:00." in text
    assert "loud-neighbour: silenciado, para siempre" in text
    assert "Miembro desde" in visible(client.get("/u/river-stone", headers=SPANISH))


def test_another_members_profile_offers_mute_or_block_in_spanish(client, member):
    """On someone else's profile, the counts and the mute or block choice are in Spanish."""
    other = make_user("quiet-harbour")
    make_thread(author=other, title="First week")
    text = _in_spanish(client.get("/u/quiet-harbour", headers=SPANISH))
    assert "1 publicación" in text and "Silenciar o bloquear a quiet-harbour" in text
    assert "Una semana" in text


def test_muting_someone_is_confirmed_in_spanish(client, member):
    """The member who mutes someone is told so, and that the other is not told, in Spanish."""
    make_user("sharp-words")
    response = client.post(
        "/members/sharp-words/shut-out",
        data={"kind": "mute", "duration": "week"},
        headers=SPANISH,
        follow_redirects=True,
    )
    assert "Silenciaste a sharp-words. No se le avisa." in visible(response)


def test_a_wrong_password_is_answered_in_spanish(client, member):
    """Changing the password with a wrong current one says so in Spanish, on the field."""
    response = client.post(
        "/settings/password",
        data={
            "current_password": "not-my-password",
            "new_password": "another-long-password-2",
            "confirm": "another-long-password-2",
        },
        headers=SPANISH,
    )
    text = _in_spanish(response, 400)
    assert "Esa no es tu contraseña actual." in text


def test_deleting_an_account_asks_in_spanish_what_happens_to_the_posts(client, member):
    """A member leaving is asked, in Spanish, what should happen to their posts."""
    response = client.post("/settings/delete", data={"password": PASSWORD}, headers=SPANISH)
    text = _in_spanish(response, 400)
    assert "Por favor, elige qué pasa con tus publicaciones." in text


@pytest.mark.parametrize("path", ["/guidelines", "/welcome", "/help/lines"])
def test_a_newcomer_reads_the_guidelines_the_welcome_and_the_lines_in_spanish(client, path):
    _in_spanish(client.get(path, headers=SPANISH))


def test_the_guidelines_come_in_spanish_by_default(client):
    """With no guidelines of the instance's own, a Spanish reader gets the Spanish default."""
    for path in ("/guidelines", "/welcome"):
        text = visible(client.get(path, headers=SPANISH))
        assert "Cómo nos cuidamos aquí" in text and "Un desliz no borra" in text
    assert "How we look after each other here" in visible(client.get("/guidelines"))


def test_an_instances_own_spanish_guidelines_come_first(app, client):
    """An instance's guidelines.es.md is shown to Spanish readers, its guidelines.md to others."""
    Path(app.instance_path, "guidelines.md").write_text("# Our house rules\n", "utf-8")
    Path(app.instance_path, "guidelines.es.md").write_text("# Nuestras normas\n", "utf-8")
    assert "Nuestras normas" in visible(client.get("/guidelines", headers=SPANISH))
    assert "Our house rules" in visible(client.get("/guidelines"))


def test_a_greeter_sees_the_newcomers_waiting_in_spanish(client, auth):
    make_thread(author=make_user(), title="Hello, I'm new")
    auth.login(make_user("warm-welcome", is_greeter=True))
    text = _in_spanish(client.get("/greet", headers=SPANISH))
    assert "Personas nuevas esperando una respuesta" in text and "esperando desde" in text


@pytest.mark.parametrize("path", ["/admin/boards/", "/admin/boards/new", "board"])
def test_an_admin_manages_boards_in_spanish(client, auth, path):
    board = make_board("Stories", "stories")
    auth.login(make_user("hearth-keeper", role=Role.ADMIN))
    path = f"/admin/boards/{board.id}/edit" if path == "board" else path
    _in_spanish(client.get(path, headers=SPANISH))


def test_an_admin_is_told_in_spanish_that_a_board_is_archived(client, auth):
    board = make_board("Old things", "old-things")
    auth.login(make_user("hearth-keeper", role=Role.ADMIN))
    response = client.post(
        f"/admin/boards/{board.id}/archive", headers=SPANISH, follow_redirects=True
    )
    assert "El foro «Old things» está archivado." in visible(response)


def test_a_paused_member_is_told_in_spanish_why_and_where_to_ask(client, auth):
    """The page a paused member meets where they would write speaks Spanish: why, and where
    to ask."""
    thread = make_thread(title="Evenings are hard")
    member = make_user(suspended_until=datetime(2031, 3, 14, 9, 30), suspension_reason="Spam")
    auth.login(member)
    text = _in_spanish(client.get(f"/t/{thread.id}/reply", headers=SPANISH), 403)
    assert "Puedes leer, pero por ahora no escribir" in text
    assert "El motivo del equipo de moderación: Spam" in text
    assert "Dónde preguntar:" in text
