"""The care check hears a person writing in Spanish in a hard moment, and leaves everyday
Spanish alone."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.writing.care import risk_phrases_in
from tests.factories import make_thread, make_user

SPANISH = {"Accept-Language": "es-ES,es;q=0.9"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Esta noche quiero acabar con todo.", "acabar con todo"),
        ("Ya no aguanto más, de verdad.", "no aguanto más"),
        ("ya no aguanto mas", "no aguanto mas"),
        ("A veces pienso en QUITARME LA VIDA.", "quitarme la vida"),
        ("Me quiero morir, no sé qué hacer.", "me quiero morir"),
        ("Tengo ganas de hacerme daño.", "ganas de hacerme daño"),
        ("Creo que estarían mejor sin mí.", "estarían mejor sin mí"),
    ],
)
def test_words_of_risk_in_spanish_are_found_with_or_without_accents(app, text, found):
    assert found in risk_phrases_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hoy fui a una reunión y quiero acabar el día con un paseo.",
        "No quiero vivir en esa ciudad otra vez: allí bebía cada noche.",
        "Mi amigo murió de una sobredosis hace un año; hoy lo recuerdo con cariño.",
        "No puedo más de risa con lo que contó mi madrina.",
        "Me voy a cortar el pelo para celebrar los 90 días.",
        "Adiós a todos, me voy a dormir. ¡Mañana más!",
    ],
)
def test_everyday_spanish_starts_no_care_check(app, text):
    assert risk_phrases_in(text) == []


def test_a_spanish_post_in_a_hard_moment_gets_the_care_check(client, auth):
    """Someone writing "esta noche quiero acabar con todo" is shown where help is, and a
    moderator is asked to check in gently."""
    thread = make_thread()
    auth.login(make_user("noche-larga"))
    response = client.post(
        f"/t/{thread.id}/reply",
        data={"body": "Llevo tres días sin dormir y esta noche quiero acabar con todo."},
        headers=SPANISH,
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/help?after=")
    care = db.session.scalar(sa.select(Report).where(Report.reporter_id.is_(None)))
    assert care is not None and care.reason == Reason.AT_RISK


def test_an_everyday_spanish_post_is_simply_posted(client, auth):
    thread = make_thread()
    auth.login(make_user("buen-dia"))
    response = client.post(
        f"/t/{thread.id}/reply",
        data={"body": "Hoy cumplo un mes sin beber. Gracias por estar ahí, de verdad."},
        headers=SPANISH,
    )
    assert response.status_code == 302
    assert not response.headers["Location"].startswith("/help")
    assert db.session.scalar(sa.select(Report)) is None


def test_after_words_of_risk_a_member_in_spain_reads_the_help_in_spanish_with_spains_lines(
    client, auth
):
    """At 2 a.m., in Spanish: the page after the post speaks Spanish and gives the line to
    call in the country they chose, with its hours in Spanish."""
    thread = make_thread()
    member = make_user("madrugada", locale="es")
    member.country = "ES"
    db.session.commit()
    auth.login(member)
    response = client.post(
        f"/t/{thread.id}/reply",
        data={"body": "No aguanto más, esta noche quiero acabar con todo."},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="es">' in page
    assert "Línea 024" in page and "las 24 horas, todos los días" in page
    assert "España" in page
