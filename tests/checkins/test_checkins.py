"""Daily check-ins: one thread a day in each time-zone band, pinned for its day, never twice
(two schedulers racing); the private pledge, its streak, and saying so in a reply."""

import html
import json
import threading
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from forum.checkins.models import CheckinThread, Pledge
from forum.checkins.queries import DEFAULT_TEXT, PLEDGED_LINE, streak
from forum.checkins.services import KEEPER, open_due_checkins, pledge
from forum.extensions import db
from forum.moderation.watched.models import WatchAction
from forum.moderation.watched.services import add_rule
from forum.permissions import Role
from forum.posts.models import Post, Thread, ThreadKind
from forum.timeutil import utcnow
from tests.conftest import make_app
from tests.factories import PASSWORD, make_board, make_post, make_user

# 08:00 UTC on 10 March 2026: 16:00 in Shanghai, 09:00 in Berlin, 03:00 in Chicago (daylight
# saving began there on the 8th), where the morning of the 10th has not come yet.
MORNING = datetime(2026, 3, 10, 8, 0)


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def _checkin_board(**fields):
    return make_board("Community Lounge", "community-lounge", has_checkins=True, **fields)


def _threads(board) -> list[Thread]:
    return list(db.session.scalars(sa.select(Thread).where(Thread.board_id == board.id)))


def test_each_band_gets_its_mornings_thread_pinned_by_hearth(app):
    board = _checkin_board()
    make_board("Quiet board")  # no check-ins here
    opened = open_due_checkins(MORNING)
    db.session.commit()
    days = {c.band: c.day for c in opened}
    assert days == {
        "asia-pacific": date(2026, 3, 10),
        "europe-africa": date(2026, 3, 10),
        "americas": date(2026, 3, 9),
    }
    titles = sorted(t.title for t in _threads(board))
    assert "Daily check-in: Tuesday 10 March, morning in Europe and Africa" in titles
    assert "Daily check-in: Monday 9 March, morning in the Americas" in titles
    for thread in _threads(board):
        assert thread.is_pinned and thread.kind == ThreadKind.CHECKIN
        assert thread.author.pseudonym == KEEPER
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 3


def test_the_next_morning_opens_a_new_thread_and_unpins_the_last(app):
    board = _checkin_board()
    open_due_checkins(MORNING)
    db.session.commit()
    assert open_due_checkins(MORNING + timedelta(minutes=5)) == []  # the same day: nothing
    # 13:00 UTC is 08:00 in Chicago: the Americas' 10 March opens; the 9th is unpinned.
    opened = open_due_checkins(MORNING + timedelta(hours=5))
    db.session.commit()
    assert [(c.band, c.day) for c in opened] == [("americas", date(2026, 3, 10))]
    americas = {
        c.day: c.thread
        for c in db.session.scalars(
            sa.select(CheckinThread).where(CheckinThread.band == "americas")
        )
    }
    assert americas[date(2026, 3, 10)].is_pinned
    assert not americas[date(2026, 3, 9)].is_pinned
    assert len(_threads(board)) == 4


def test_two_schedulers_at_once_open_each_days_thread_once(tmp_path, _postgres_schema):
    """Two workers' schedulers fire at the same moment on one database: each band's thread
    for the day exists once, and nothing half-made is left behind."""
    first, second = make_app(tmp_path), make_app(tmp_path)
    with first.app_context():
        _checkin_board()
        db.session.remove()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def schedule(app):
        with app.app_context():
            start.wait(timeout=30)
            try:
                open_due_checkins(MORNING)
                db.session.commit()
            except BaseException as error:  # a loser may also just fail; it is retried
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    racers = [threading.Thread(target=schedule, args=(app,)) for app in (first, second)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=120)
    assert not any(racer.is_alive() for racer in racers)
    with first.app_context():
        keys = db.session.execute(sa.select(CheckinThread.band, CheckinThread.day)).all()
        assert sorted(keys) == sorted(set(keys)) and len(keys) == 3
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 3
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 3
        # A retry after a lost race finds the day taken.
        assert open_due_checkins(MORNING) == []
        db.session.remove()
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()
    assert all("locked" in str(error) for error in errors), errors


def test_the_moderators_word_the_opening_text_and_a_blocked_word_falls_back(app, client, auth):
    board = _checkin_board()
    moderator = make_user("morning-mod", Role.MODERATOR)
    auth.login(moderator)
    prefix = f"board-{board.id}"
    text = "Morning, all. How is today starting for you? Say it here, plug or no plug."
    answer = client.post(
        f"/mod/checkins/{board.id}", data={f"{prefix}-enabled": "y", f"{prefix}-text": text}
    )
    assert answer.status_code == 302
    assert board.checkin_text == text
    open_due_checkins(MORNING)
    db.session.commit()
    bodies = {
        t.title: db.session.scalar(sa.select(Post.body_source).where(Post.thread_id == t.id))
        for t in _threads(board)
    }
    assert set(bodies.values()) == {text}
    # A watched word that blocks, met in the moderators' text: the day still opens.
    add_rule(moderator, "plug", WatchAction.BLOCK, "")
    db.session.commit()
    open_due_checkins(MORNING + timedelta(days=1))
    db.session.commit()
    newest = max(_threads(board), key=lambda t: t.id)
    assert (
        db.session.scalar(sa.select(Post.body_source).where(Post.thread_id == newest.id))
        == DEFAULT_TEXT
    )


def test_a_too_long_opening_text_comes_back_with_what_was_typed(app, client, auth):
    board = _checkin_board()
    auth.login(make_user("careful-mod", Role.MODERATOR))
    prefix = f"board-{board.id}"
    typed = "Good morning. " * 400
    answer = client.post(f"/mod/checkins/{board.id}", data={f"{prefix}-text": typed})
    assert answer.status_code == 400
    page = html.unescape(answer.get_data(as_text=True))
    assert "Keep it under 4,000 characters." in page and typed.strip() in page
    assert board.checkin_text is None


def test_a_member_pledges_from_the_checkin_thread_and_says_so_in_the_reply(app, client, auth):
    board = _checkin_board()
    thread = open_due_checkins(utcnow())[0].thread
    db.session.commit()
    member = make_user("one-day-at-a-time")
    auth.login(member)
    page = _page(client, f"/t/{thread.id}")
    assert "Today I won't drink or use" in page
    assert "Begin my reply with “Pledged today”" not in page
    answer = client.post("/checkins/pledge", data={"thread_id": thread.id})
    assert answer.status_code == 302 and f"/t/{thread.id}" in answer.location
    page = _page(client, f"/t/{thread.id}")
    assert "You pledged today" in page
    client.post(
        f"/t/{thread.id}/reply", data={"body": "Here, and staying dry.", "say_pledged": "y"}
    )
    reply = db.session.scalar(
        sa.select(Post).where(Post.thread_id == thread.id, Post.author_id == member.id)
    )
    assert reply.body_source == f"{PLEDGED_LINE}\n\nHere, and staying dry."
    # Pressing the button again keeps one pledge for the day.
    client.post("/checkins/pledge", data={"thread_id": thread.id})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pledge)) == 1
    assert board.id == thread.board_id


def test_nobody_else_learns_of_a_pledge(app, client, auth):
    thread = (_checkin_board(), open_due_checkins(utcnow())[0].thread)[1]
    db.session.commit()
    member = make_user("quiet-walker")
    pledge(member)
    db.session.commit()
    make_post(thread, author=member, body="Checking in.")
    auth.login(make_user("neighbour"))
    page = _page(client, f"/t/{thread.id}")
    assert "quiet-walker" in page
    assert "pledged" not in page.split("quiet-walker", 1)[1].split("</article>", 1)[0].lower()
    assert _page(client, "/u/quiet-walker").lower().count("pledge") == 0


def test_the_streak_counts_days_in_a_row_and_a_morning_not_yet_pledged_breaks_nothing(app):
    member = make_user("steady")
    today = utcnow().date()
    for back in (1, 2, 3, 5):
        db.session.add(Pledge(user_id=member.id, day=today - timedelta(days=back)))
    db.session.commit()
    assert streak(member) == 3  # yesterday, and the two days before; today still to come
    assert pledge(member) is True
    db.session.commit()
    assert streak(member) == 4
    assert pledge(member) is False


def test_a_suspended_member_cannot_pledge_and_a_visitor_is_sent_to_sign_in(app, client, auth):
    member = make_user("paused", suspended_until=utcnow() + timedelta(days=2))
    assert client.post("/checkins/pledge").status_code == 302  # to the sign-in page
    auth.login(member)
    assert client.post("/checkins/pledge").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pledge)) == 0


def test_pledges_are_in_the_export_and_leave_with_the_account(app, client, auth):
    member = make_user("leaving-gently")
    pledge(member)
    db.session.commit()
    auth.login(member)
    exported = json.loads(client.post("/settings/export").data)
    assert exported["pledges"] == [utcnow().date().isoformat()]
    answer = client.post(
        "/settings/delete", data={"password": PASSWORD, "mode": "remove", "confirm": "y"}
    )
    assert answer.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pledge)) == 0


def test_todays_checkins_are_listed_for_everyone(app, client):
    _checkin_board()
    open_due_checkins(utcnow())
    db.session.commit()
    page = _page(client, "/checkins")
    assert page.count("Daily check-in:") == 3
