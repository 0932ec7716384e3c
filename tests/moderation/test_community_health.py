"""Community health: each figure against a data set built by hand, the page (counts only,
no names, charts drawn on the server), the admins' load per moderator, and `flask stats`."""

import html
import re
from datetime import datetime, timedelta

import pytest

from forum.extensions import db
from forum.moderation.health import figures
from forum.moderation.health.weeks import last_weeks, percentile, span
from forum.moderation.models import ItemKind, ItemState, Reason, Report, ReportState, ReviewItem
from forum.moderation.notes import HandOffNote
from forum.permissions import Role
from forum.posts.models import PostStatus
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from tests.factories import make_post, make_thread, make_user, opening_post

NOW = datetime(2026, 1, 14, 12, 0)  # a Wednesday; its week began on Monday the 12th


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute)


def _steady(name: str | None = None):
    return make_user(name, trust_level=TrustLevel.MEMBER)


def _thread(author, when: datetime, status: PostStatus = PostStatus.VISIBLE):
    thread = make_thread(author)
    thread.created_at = when
    opening = opening_post(thread)
    opening.created_at, opening.status = when, status
    db.session.commit()
    return thread


def _reply(thread, author, when: datetime, status: PostStatus = PostStatus.VISIBLE):
    post = make_post(thread, author=author)
    post.created_at, post.status = when, status
    db.session.commit()
    return post


def _item(when: datetime, reason: Reason, **fields) -> tuple[ReviewItem, Report]:
    """A queue item about a post of its own, with one report of `reason`."""
    post = make_post()
    item = ReviewItem(
        post_id=post.id,
        kind=ItemKind.REPORTED,
        has_care=reason == Reason.AT_RISK,
        reporter_count=1,
        created_at=when,
    )
    db.session.add(item)
    db.session.flush()
    made = Report(
        item_id=item.id,
        post_id=post.id,
        reporter_id=_steady().id,
        subject_id=post.author_id,
        reason=reason,
        created_at=when,
    )
    db.session.add(made)
    for key, value in fields.items():
        setattr(item, key, value)
    db.session.commit()
    return item, made


def _settle(item, made, moderator, when: datetime, outcome: ReportState):
    item.state, item.resolved_at, item.resolved_by_id = ItemState.RESOLVED, when, moderator.id
    made.state, made.resolved_at = outcome, when
    db.session.commit()


@pytest.fixture
def week_of_data(app):
    """Last week (5 to 11 January) and this week so far, built by hand."""
    helper = _steady("helper")
    # A member whose first thread was in December: their second one is no newcomer's.
    old_hand = _steady("old-hand")
    _thread(old_hand, datetime(2025, 12, 1, 9))
    _thread(old_hand, at(6, 9))
    # Three newcomers' first threads last week: answered after 30 min, after 2 h (a
    # reply still waiting for approval doesn't count, nor the author's own), and not at all.
    first = _thread(make_user("newcomer-one"), at(6, 10))
    _reply(first, first.author, at(6, 10, 5))
    _reply(first, helper, at(6, 10, 30))
    second = _thread(make_user("newcomer-two"), at(7, 9), PostStatus.PENDING)
    _reply(second, _steady(), at(7, 9, 10), PostStatus.PENDING)
    _reply(second, helper, at(7, 11))
    _thread(make_user("newcomer-three"), at(8, 10))
    # Spam turned away asked nobody anything.
    _thread(make_user("spammer"), at(8, 11), PostStatus.REJECTED)

    first_mod, second_mod = (
        make_user("mod-one", Role.MODERATOR),
        make_user("mod-two", Role.MODERATOR),
    )
    # Care reports: claimed after 20 min; a hand-off note after 1 h; nothing; answered in 5 min.
    _item(at(6, 10), Reason.AT_RISK, claimed_by_id=first_mod.id, claimed_at=at(6, 10, 20))
    noted, noted_report = _item(at(7, 10), Reason.AT_RISK)
    db.session.add(
        HandOffNote(
            item_id=noted.id, author_id=first_mod.id, body="Wrote to them.", created_at=at(7, 11)
        )
    )
    _settle(noted, noted_report, first_mod, at(7, 12), ReportState.REVIEWED)
    _item(at(8, 10), Reason.AT_RISK)
    quick, quick_report = _item(at(9, 10), Reason.AT_RISK)
    _settle(quick, quick_report, first_mod, at(9, 10, 5), ReportState.REVIEWED)
    # Other reports: one upheld and two dismissed last week, one upheld this week.
    for day, outcome in (
        (9, ReportState.ACTION_TAKEN),
        (10, ReportState.NO_ACTION),
        (10, ReportState.NO_ACTION),
    ):
        _settle(*_item(at(9, 8), Reason.HARASSMENT), second_mod, at(day, 15), outcome)
    _settle(*_item(at(13, 8), Reason.SPAM), first_mod, at(13, 9), ReportState.ACTION_TAKEN)
    return first_mod, second_mod


def test_newcomers_first_threads_time_to_a_reply_and_the_unanswered(week_of_data):
    last, this = figures.weekly(2, now=NOW)
    assert last.first_threads == 3
    assert last.first_reply_median == 75  # 30 and 120 minutes
    assert last.first_reply_p90 == 120
    assert last.unanswered == 1
    assert last.unanswered_share == pytest.approx(1 / 3)
    assert (this.first_threads, this.unanswered, this.first_reply_median) == (0, 0, None)


def test_care_reports_time_to_a_moderators_first_action(week_of_data):
    last, this = figures.weekly(2, now=NOW)
    assert last.care_reports == 4
    assert last.care_action_median == 20  # 5, 20 and 60 minutes
    assert last.care_action_p90 == 60
    assert last.care_waiting == 1
    assert this.care_reports == 0
    # The one nobody acted on has waited since 8 January, 10:00.
    assert figures.care_waiting_now(now=NOW) == (1, 6 * 24 * 60 + 2 * 60)


def test_queue_age_at_each_weeks_end(week_of_data):
    last, this = figures.weekly(2, now=NOW)
    # Two care items stay open: since 6 January 10:00 and 8 January 10:00.
    assert last.queue_open == 2
    assert last.queue_age_oldest == (5 * 24 + 14) * 60
    assert last.queue_age_median == ((5 * 24 + 14) * 60 + (3 * 24 + 14) * 60) / 2
    assert this.queue_open == 2
    assert this.queue_age_oldest == (8 * 24 + 2) * 60


def test_items_per_moderator_and_reports_upheld_or_dismissed(week_of_data):
    last, this = figures.weekly(2, now=NOW)
    assert (last.decided, last.moderators, last.most_by_one) == (5, 2, 3)
    assert last.per_moderator == 2.5
    assert (last.upheld, last.dismissed, last.looked_after) == (1, 2, 2)
    assert (this.decided, this.moderators, this.upheld, this.dismissed) == (1, 1, 1, 0)


def test_the_admins_see_the_load_per_moderator(week_of_data):
    first_mod, second_mod = week_of_data
    first_mod_load = next(
        row for row in figures.load_per_moderator(now=NOW) if row.pseudonym == "mod-one"
    )
    assert (
        first_mod_load.today,
        first_mod_load.week,
        first_mod_load.month,
        first_mod_load.care,
    ) == (0, 3, 3, 2)


def test_weeks_run_monday_to_monday_and_the_last_is_under_way():
    weeks = last_weeks(3, NOW)
    assert [w.start for w in weeks] == [datetime(2025, 12, 29), at(5, 0), at(12, 0)]
    assert weeks[-1].end == NOW and weeks[0].end == at(5, 0)
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert (span(None), span(45), span(125), span(3 * 24 * 60 + 60)) == (
        "–",
        "45 min",
        "2 h 5 min",
        "3 days 1 h",
    )


# --- the page ---------------------------------------------------------------------------------


def _last_week_thread(minutes_to_reply: int):
    """A newcomer's first thread in last week (by the real clock), answered after a while."""
    start = last_weeks(2, utcnow())[0].start + timedelta(days=1)
    thread = _thread(make_user("quiet-newcomer"), start)
    _reply(thread, _steady("kind-reader"), start + timedelta(minutes=minutes_to_reply))


def test_a_moderator_reads_the_figures_with_no_names_and_no_script(client, auth):
    _last_week_thread(40)
    _item(utcnow() - timedelta(hours=3), Reason.AT_RISK)
    moderator = make_user("steady-steward", Role.MODERATOR)
    auth.login(moderator)
    response = client.get("/mod/health")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "40 min" in page
    assert "1 care report has had no moderator's action yet" in page
    assert page.count("<svg") == 6 and "<rect" in page
    # Counts only: no pseudonym in the page's content (the header names who is signed in).
    content = page.split("<main", 1)[1]
    for name in ("quiet-newcomer", "kind-reader", "steady-steward"):
        assert name not in content
    assert "Load per moderator" not in page
    # Nothing from another host, no script library.
    # ("Leave quickly" is a link away to a neutral site: leaving, not loading.)
    own = re.sub(r'<a class="quick-exit" href="[^"]+"', "", page)
    assert not re.search(r"""(src|href)=["']https?://""", own)
    assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*src="([^"]+)"', page))


def test_an_admin_also_reads_the_load_per_moderator(client, auth):
    moderator = make_user("evening-mod", Role.MODERATOR)
    item, made = _item(utcnow() - timedelta(hours=2), Reason.SPAM)
    _settle(item, made, moderator, utcnow() - timedelta(hours=1), ReportState.ACTION_TAKEN)
    auth.login(make_user("keeper", Role.ADMIN))
    page = html.unescape(client.get("/mod/health?weeks=4").get_data(as_text=True))
    assert "Load per moderator" in page
    row = re.search(r"<th scope=\"row\">evening-mod</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>(\d+)</td>", row)[1:4] == ["1", "1", "0"]


def test_the_weeks_shown_are_one_of_the_choices(client, auth):
    auth.login(make_user("steward", Role.MODERATOR))
    page = client.get("/mod/health?weeks=9999").get_data(as_text=True)
    assert page.count('<th scope="row">') >= 8 * 3
    assert '<option value="8" selected>' in page


def test_flask_stats_prints_the_same_figures(app, week_of_data, monkeypatch):
    monkeypatch.setattr(figures, "utcnow", lambda: NOW)
    result = app.test_cli_runner().invoke(args=["stats", "--weeks", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["week", "of"]
    last = next(line for line in lines if line.startswith("2026-01-05"))
    assert "1 h 15 min" in last and "2 h" in last and "33%" in last
    assert "Care reports nobody has acted on yet: 1 (oldest waiting 6 days 2 h)." in result.output
    assert "mod-one" not in result.output
