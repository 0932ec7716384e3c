"""Reporting, appealing and the moderators' queue read in Spanish: a member whose setting is
Spanish reports a post or a conversation, follows their reports and appeals a decision; a
moderator whose setting is Spanish works the queue, an item and the appeals."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.conversations.models import Conversation
from forum.extensions import db
from forum.moderation import services
from forum.moderation.appeals import services as appeals
from forum.moderation.models import ModAction, Reason
from forum.permissions import Role
from forum.timeutil import utcnow
from tests.factories import make_post, make_thread, make_user
from tests.i18n.test_pages_in_spanish import english_sentences, visible
from tests.moderation.helpers import item_for, report

# The moderators' menu is marked with the rest of their own pages; until it is, its words
# are left out of the check (and come back into it by themselves once it is marked).


class _Page:
    def __init__(self, html: str):
        self._html = html

    def get_data(self, as_text=True):
        return self._html


def _read_in_spanish(response) -> str:
    """The page's words, after checking it came whole and in Spanish."""
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="es">' in html
    text = visible(_Page(html))
    assert sorted(p for p in english_sentences() if p in text) == []
    return text


def _established(name: str, **fields):
    member = make_user(name, created_at=utcnow() - timedelta(days=90), locale="es", **fields)
    make_thread(author=member, title=f"La historia de {name}", body="Un día cada vez.")
    return member


@pytest.fixture
def member(app):
    return _established("luz-de-mar")


@pytest.fixture
def moderator(app):
    return make_user("mano-firme", role=Role.MODERATOR, locale="es")


@pytest.fixture
def post(app):
    thread = make_thread(title="Noventa días", body="Sigo aquí, un día cada vez.")
    return make_post(thread=thread, body="Esto es lo que pienso de la reunión.")


def test_a_member_reports_a_post_in_spanish(client, auth, member, post):
    """The report form, its reasons and its thanks all come in Spanish."""
    auth.login(member)
    text = _read_in_spanish(client.get(f"/p/{post.id}/report"))
    assert "Denunciar una publicación" in text and "Alguien puede estar en riesgo" in text
    assert "Vender drogas o decir cómo conseguirlas" in text
    assert "Revela la identidad de alguien" in text
    sent = client.post(f"/p/{post.id}/report", data={"reason": "harassment"}, follow_redirects=True)
    assert "Gracias. El equipo de moderación lo revisará" in visible(sent)


def test_a_report_without_a_reason_is_asked_for_in_spanish(client, auth, member, post):
    """Sending the form with no reason chosen says so in Spanish."""
    auth.login(member)
    response = client.post(f"/p/{post.id}/report", data={"note": "No sé bien qué elegir."})
    assert response.status_code == 400
    assert "Por favor, elige un motivo." in visible(response)


def test_a_member_reports_a_conversation_in_spanish(client, auth, member):
    """The "This made me uncomfortable" form and its reasons, in Spanish."""
    _established("alguien-insistente")
    auth.login("alguien-insistente")
    client.post("/messages/new", data={"to": member.pseudonym, "body": "Dame tu número"})
    client.post("/signout", follow_redirects=True)  # its goodbye is read by the one leaving
    conversation = db.session.scalar(sa.select(Conversation.id).order_by(Conversation.id.desc()))
    auth.login(member)
    text = _read_in_spanish(client.get(f"/messages/{conversation}/report"))
    assert "Esto me incomodó" in text
    assert "Me presiona para vernos, hablar en otro sitio o darle mis datos" in text


def test_my_reports_read_in_spanish(client, auth, member, post):
    """A member's own reports, with their reason and what became of them."""
    report(post, Reason.AT_RISK, reporter=member)
    auth.login(member)
    text = _read_in_spanish(client.get("/reports/mine"))
    assert "Mis denuncias" in text and "Esperando al equipo de moderación" in text


def _hidden(author, moderator) -> ModAction:
    post = make_post(author=author, body="Creo que la reunión se equivocó en esto.")
    services.act_directly(moderator, post, "hide", "Se lee como un ataque a otra persona.")
    db.session.commit()
    return db.session.scalar(
        sa.select(ModAction).where(ModAction.verb == "hide", ModAction.target_id == post.id)
    )


def test_a_member_appeals_in_spanish_and_reads_their_appeal(client, auth, member, moderator):
    """The appeal form, a too-short appeal's error, and the appeal page, in Spanish."""
    action = _hidden(member, moderator)
    auth.login(member)
    text = _read_in_spanish(client.get(f"/decisions/{action.id}/appeal"))
    assert "Apelar una decisión" in text and "Ocultar la publicación" in text
    empty = client.post(f"/decisions/{action.id}/appeal", data={"body": ""})
    assert "Por favor, cuéntale al equipo de moderación por qué apelas." in visible(empty)
    sent = client.post(
        f"/decisions/{action.id}/appeal", data={"body": "Hablaba del formato, no de nadie."}
    )
    assert sent.status_code == 302
    text = _read_in_spanish(client.get(sent.headers["Location"]))
    assert "Tu apelación" in text and "Esperando al equipo de moderación." in text


@pytest.fixture
def queue(app, post):
    """A care report on one post and a plain report on another."""
    cared = make_post(thread=post.thread, body="Esta noche no sé si puedo más.")
    report(cared, Reason.AT_RISK, note="Me preocupa.")
    report(post, Reason.HARASSMENT, note="Es hiriente.")
    return item_for(cared), item_for(post)


def test_a_moderator_works_the_queue_in_spanish(client, auth, moderator, queue):
    """The queue, its counts and its reasons, in Spanish."""
    auth.login(moderator)
    text = _read_in_spanish(client.get("/mod/queue"))
    assert "Cola de moderación" in text and "2 casos abiertos" in text
    assert "Las alertas de cuidado van primero." in text and "Acoso u odio" in text


def test_a_care_item_reads_in_spanish(client, auth, moderator, queue):
    """An item where someone may be at risk: the care decisions come first, in Spanish."""
    cared, _ = queue
    auth.login(moderator)
    text = _read_in_spanish(client.get(f"/mod/items/{cared.id}"))
    assert "Alguien puede estar en riesgo" in text and "Primero, cuida de esa persona" in text
    assert "Le escribimos" in text


def test_a_reported_post_reads_in_spanish_and_a_refused_decision_too(
    client, auth, moderator, queue
):
    """A plain report's item, and a decision sent without its reason, in Spanish."""
    _, plain = queue
    auth.login(moderator)
    text = _read_in_spanish(client.get(f"/mod/items/{plain.id}"))
    assert "Publicación denunciada" in text and "1 denuncia de 1 miembro" in text
    refused = client.post(f"/mod/items/{plain.id}/decide", data={"verb": "hide", "reason": ""})
    assert refused.status_code == 400
    assert "Por favor, indica un motivo: la persona afectada lo leerá." in visible(refused)


def test_a_moderator_reads_the_appeals_in_spanish(client, auth, member, moderator):
    """The appeals list and an appeal, for a moderator other than the one who decided."""
    action = _hidden(member, make_user("primera-mirada", role=Role.MODERATOR))
    made = appeals.make_appeal(member, action, "Hablaba del formato, no de nadie.")
    db.session.commit()
    auth.login(moderator)
    text = _read_in_spanish(client.get("/mod/appeals"))
    assert "Apelación de «Ocultar la publicación»" in text
    text = _read_in_spanish(client.get(f"/mod/appeals/{made.id}"))
    assert "Decidir la apelación" in text and "Mantenida: la decisión sigue en pie" in text
