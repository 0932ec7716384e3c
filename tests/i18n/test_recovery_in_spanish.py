"""A Spanish-speaking member's own recovery pages come in Spanish: My recovery with its
counters and milestones, a slip and the page after it, the journal, the check-ins and
mentoring; and a slip is still spoken of gently there."""

from datetime import datetime

import pytest
import sqlalchemy as sa

from forum.checkins.services import open_due_checkins
from forum.extensions import db
from forum.mentors import services as mentors
from forum.posts.models import Thread, ThreadKind
from forum.recovery.journal import services as journal
from forum.recovery.journal.queries import entries_of
from forum.recovery.milestones import badge_words, milestone_badge, milestone_name
from forum.recovery.queries import counters_of
from forum.trust.levels import TrustLevel
from tests.factories import make_board, make_established, make_user
from tests.i18n.test_pages_in_spanish import SPANISH, english_sentences, visible
from tests.mentors.helpers import make_mentor, pair
from tests.recovery.helpers import days_ago, make_counter


@pytest.fixture
def member():
    """A regular who counts 40 days, shown beside their pseudonym, keeps a journal, has a
    mentor and has asked for one."""
    person = make_established("sea-glass", trust_level=int(TrustLevel.REGULAR))
    make_counter(person, days_ago(39), show=True)
    journal.write_entry(person, "A heavy evening, so I wrote instead.", "low")
    pair(person, make_mentor("old-oak"))
    mentors.ask_for_mentor(person, "alcohol", "twelve-step", "europe-africa")
    db.session.commit()
    return person


def spanish(client, path: str, **kwargs):
    return client.get(path, headers=SPANISH, **kwargs)


def read_in_spanish(response) -> str:
    """The page's words, after checking it is a Spanish page with no English sentence."""
    assert response.status_code == 200
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = visible(response)
    assert sorted(p for p in english_sentences() if p in text) == []
    return text


def _counter_id(member) -> int:
    return counters_of(member)[0].id


def _entry_id(member) -> int:
    return entries_of(member, 1).items[0].id


COUNTER_PAGES = ["", "/counters/new", "/edit", "/delete", "/slip", "/next", "/milestones/30/share"]
JOURNAL_PAGES = ["", "/new", "/edit", "/post", "/delete"]


@pytest.mark.parametrize("page", COUNTER_PAGES)
def test_my_recovery_and_its_counter_pages_read_in_spanish(client, auth, member, page):
    """My recovery, adding, changing and removing a counter, a slip, the page after it and
    sharing a milestone: every sentence in Spanish."""
    auth.login(member)
    counter = _counter_id(member)
    path = "/me" + (page if page in ("", "/counters/new") else f"/counters/{counter}{page}")
    read_in_spanish(spanish(client, path))


@pytest.mark.parametrize("page", JOURNAL_PAGES)
def test_the_journal_reads_in_spanish(client, auth, member, page):
    """The journal, writing an entry, changing one, turning it into a post, deleting it."""
    auth.login(member)
    entry = _entry_id(member)
    path = "/me/journal" + (page if page in ("", "/new") else f"/{entry}{page}")
    read_in_spanish(spanish(client, path))


@pytest.mark.parametrize("path", ["/checkins", "/mentors/ask", "/mentors/choose", "/mentors/offer"])
def test_check_ins_and_mentoring_read_in_spanish(client, auth, member, path):
    """Today's check-ins, finding a mentor, the short list and the offer to mentor."""
    make_mentor("still-water", note="Cinco años sin beber. Escucho más de lo que hablo.")
    make_board("Community Lounge", "community-lounge", has_checkins=True)
    open_due_checkins(datetime(2026, 3, 10, 8, 0))
    db.session.commit()
    auth.login(member)
    read_in_spanish(spanish(client, path))


def test_my_recovery_names_the_days_and_the_milestone_in_spanish(client, auth, member):
    """The streak, the total, the milestone on offer and the day shown beside posts."""
    auth.login(member)
    text = read_in_spanish(spanish(client, "/me"))
    assert "40 días en esta racha" in text and "En total: 40 días contados." in text
    assert "Cumpliste 30 días. ¿Quieres compartir este logro?" in text
    assert "(«Día 40» hoy)" in text
    assert "El compromiso de hoy" in text and "Hoy no voy a beber ni a consumir" in text
    assert "old-oak te acompaña como mentor o mentora hasta el" in text


def test_the_share_form_starts_with_spanish_words(client, auth, member):
    """Sharing 30 days offers a title and words in Spanish, for the member to change."""
    auth.login(member)
    response = spanish(client, f"/me/counters/{_counter_id(member)}/milestones/30/share")
    text = read_in_spanish(response)
    assert "Compartir tu logro de 30 días" in text
    assert "Hoy cumplo 30 días. Gracias a todo el mundo por estar aquí." in text


def test_a_shared_milestone_keeps_its_badge_stored_in_english(client, auth, member):
    """The badge is stored in English whoever shares it, and read back in each reader's words."""
    make_board("Milestones", "milestones")
    auth.login(member)
    response = client.post(
        f"/me/counters/{_counter_id(member)}/milestones/30/share",
        data={"title": "30 días", "body": "Hoy cumplo 30 días. Gracias."},
        headers=SPANISH,
    )
    assert response.status_code == 302
    shared_badge = sa.select(Thread.badge).where(Thread.kind == ThreadKind.MILESTONE)
    assert db.session.scalar(shared_badge) == "30 days"
    shared = spanish(client, response.headers["Location"])
    assert "Tu logro de 30 días está compartido. ¡Felicidades!" in visible(shared)


def test_milestones_are_named_with_spanish_plurals(app):
    """7 días, 1 año, 2 años; the stored badge stays "2 years"."""
    with app.test_request_context(headers=SPANISH):
        assert [milestone_name(d) for d in (7, 365, 730)] == ["7 días", "1 año", "2 años"]
        assert milestone_badge(730) == "2 years"
        assert badge_words("1 year") == "1 año" and badge_words("Brave") == "Brave"


def test_after_a_slip_the_member_reads_kind_words_in_spanish(client, auth, member):
    """Recording a slip leads to "Sigues aquí, y eso importa", with the days kept."""
    auth.login(member)
    response = client.post(f"/me/counters/{_counter_id(member)}/slip", headers=SPANISH)
    assert response.status_code == 302
    text = read_in_spanish(spanish(client, response.headers["Location"]))
    assert "Sigues aquí, y eso importa" in text
    assert "Un tropiezo forma parte de muchas recuperaciones." in text
    assert "conserva los 40 días que contaste" in text
    assert "Nadie más se ha enterado." in text


def test_a_counter_without_a_name_is_refused_in_spanish(client, auth):
    """The form says in Spanish what to fix."""
    auth.login(make_user("new-leaf"))
    response = client.post(
        "/me/counters/new",
        data={"label": " ", "started_on": days_ago(2).isoformat(), "time_zone": "UTC"},
        headers=SPANISH,
    )
    assert response.status_code == 400
    assert "Ponle un nombre al contador." in visible(response)


def test_a_new_counter_is_confirmed_in_spanish(client, auth):
    """The flash after adding a counter is in Spanish."""
    auth.login(make_user("new-leaf"))
    client.post(
        "/me/counters/new",
        data={"label": "juego", "started_on": days_ago(2).isoformat(), "time_zone": "UTC"},
        headers=SPANISH,
    )
    text = visible(spanish(client, "/me"))
    assert "Tu contador está en marcha." in text and "3 días en esta racha" in text


def test_a_heavy_journal_day_reads_gently_in_spanish(client, auth, member):
    """The mood and the quiet pointer to help are in Spanish."""
    auth.login(member)
    text = read_in_spanish(spanish(client, "/me/journal"))
    assert "Ánimo: Con el ánimo bajo" in text
    assert "Si hoy pesa, no tienes que cargarlo en soledad" in text


def test_a_pledge_is_confirmed_in_spanish(client, auth, member):
    """The pledge's flash is in Spanish."""
    auth.login(member)
    client.post("/checkins/pledge", headers=SPANISH)
    assert "Tu compromiso de hoy está hecho." in visible(spanish(client, "/me"))


def test_the_check_ins_page_names_each_thread_in_spanish(client, member):
    """A morning's thread is shown as "Encuentro diario", its day in Spanish; the stored
    title stays in English."""
    make_board("Community Lounge", "community-lounge", has_checkins=True)
    open_due_checkins(datetime(2026, 3, 10, 8, 0))
    db.session.commit()
    text = read_in_spanish(spanish(client, "/checkins"))
    assert "Encuentro diario: martes 10 de marzo, mañana en Europa y África" in text
    titles = set(db.session.scalars(sa.select(Thread.title)))
    assert "Daily check-in: Tuesday 10 March, morning in Europe and Africa" in titles


def test_choosing_a_mentor_is_confirmed_in_spanish(client, auth):
    """The member who chooses a mentor is told in Spanish for how long."""
    offer = make_mentor("still-water")
    seeker = make_user("first-light")
    mentors.ask_for_mentor(seeker, None, None, None)
    db.session.commit()
    auth.login(seeker)
    response = client.post(f"/mentors/choose/{offer.id}", headers=SPANISH)
    assert response.status_code == 302
    text = visible(spanish(client, response.headers["Location"]))
    assert "still-water te acompaña como mentor o mentora durante los próximos 30 días." in text
