"""What a notice stores stays in English; each member reads it in their own language."""

import pytest
from flask_babel import force_locale

from forum.moderation.actions import act_on_member
from forum.moderation.thread_actions import act_on_thread
from forum.notices.models import Notice
from forum.notices.words import read_stored
from forum.permissions import Role
from tests.factories import make_thread, make_user


def _last_notice(member) -> Notice:
    return Notice.query.filter_by(user_id=member.id).order_by(Notice.id.desc()).first()


def _read(words: str, locale: str) -> str:
    with force_locale(locale):
        return read_stored(words)


@pytest.fixture
def moderator():
    return make_user("steady-keel", role=Role.MODERATOR)


def test_a_suspension_is_stored_in_english_and_read_in_spanish_with_its_plural(app, moderator):
    member = make_user("far-shore")
    with app.test_request_context():
        act_on_member(moderator, member, "suspend", "Please take a few days away.", days=3)
    notice = _last_notice(member)
    assert notice.title == "Your account is suspended for 3 days"
    with app.test_request_context():
        assert _read(notice.title, "es") == "Tu cuenta está en pausa durante 3 días"
        assert _read(notice.title, "en") == "Your account is suspended for 3 days"
        assert _read("Your account is suspended for 1 day", "es").endswith("1 día")
        # The moderator's own reason is shown as they wrote it, in every language.
        assert _read(notice.body, "es") == "Please take a few days away."


def test_a_locked_threads_notice_keeps_the_reason_and_translates_the_rest(app, moderator):
    author = make_user("quiet-cove")
    thread = make_thread(author=author, title="Hard evenings")
    with app.test_request_context():
        act_on_thread(moderator, thread, "lock", "Let's pause here.", hours=6)
    notice = _last_notice(author)
    with app.test_request_context():
        assert _read(notice.title, "es") == "El equipo de moderación cerró tu hilo"
        assert _read(notice.body, "es") == (
            "Let's pause here.\n\nSe abrirá de nuevo sola dentro de 6 horas."
        )


def test_words_the_catalogue_does_not_know_read_as_they_were_stored(app):
    with app.test_request_context():
        assert _read("A title of 100% my own", "es") == "A title of 100% my own"
        assert _read("", "es") == ""
