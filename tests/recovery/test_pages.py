"""What a member sees and does on "My recovery", the slip page, and the share form."""

from datetime import datetime, timedelta

from forum.extensions import db
from forum.notices.models import Notice
from forum.posts.models import Thread
from forum.recovery.models import Counter, local_today
from forum.timeutil import utcnow
from tests.factories import make_board, make_post, make_thread, make_user
from tests.recovery.helpers import count_rows, days_ago, make_counter


def test_my_recovery_asks_visitors_to_sign_in(client):
    """A signed-out visitor is sent to sign in."""
    response = client.get("/me")
    assert response.status_code == 302
    assert "/signin" in response.headers["Location"]


def test_signed_in_members_find_my_recovery_in_the_header(client, auth):
    """The header links to the member's own page."""
    auth.login(make_user())
    page = client.get("/").get_data(as_text=True)
    assert 'href="/me"' in page and "My recovery" in page


def test_a_member_adds_a_counter_and_sees_its_streak_and_total(client, auth):
    """The new counter shows its days, counting the start date as day 1."""
    member = make_user()
    auth.login(member)
    response = client.post(
        "/me/counters/new",
        data={"label": "alcohol", "started_on": days_ago(9).isoformat(), "time_zone": "UTC"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/me"
    page = client.get("/me").get_data(as_text=True)
    assert "<strong>10</strong> days in this streak" in page
    assert "<strong>10</strong> days counted" in page
    assert "Private." in page


def test_a_counter_form_with_a_made_up_time_zone_is_refused(client, auth):
    """Only zones from the list are accepted, and the member is told what to fix."""
    auth.login(make_user())
    response = client.post(
        "/me/counters/new",
        data={"label": "alcohol", "started_on": "2025-01-01", "time_zone": "Mars/Base"},
    )
    assert response.status_code == 400
    assert count_rows(Counter) == 0


def test_a_member_renames_a_counter_and_keeps_its_days(client, auth):
    """Renaming changes the words only; the streak and its start stay."""
    member = make_user()
    counter = make_counter(member, days_ago(9), label="alcohol")
    auth.login(member)
    form = client.get(f"/me/counters/{counter.id}/edit").get_data(as_text=True)
    assert 'value="alcohol"' in form
    response = client.post(
        f"/me/counters/{counter.id}/edit", data={"label": "drinking", "time_zone": "Europe/Paris"}
    )
    assert response.status_code == 302
    db.session.refresh(counter)
    assert (counter.label, counter.time_zone, counter.started_on) == (
        "drinking",
        "Europe/Paris",
        days_ago(9),
    )
    assert "drinking" in client.get("/me").get_data(as_text=True)


def test_renaming_a_counter_to_nothing_keeps_the_form_and_the_name(client, auth):
    """An empty name is refused with a message, and the counter keeps its old name."""
    member = make_user()
    counter = make_counter(member, days_ago(3), label="gambling")
    auth.login(member)
    response = client.post(
        f"/me/counters/{counter.id}/edit", data={"label": "  ", "time_zone": "UTC"}
    )
    assert response.status_code == 400
    assert "Give the counter a name." in response.get_data(as_text=True)
    db.session.refresh(counter)
    assert counter.label == "gambling"


def test_another_member_cannot_rename_my_counter(client, auth):
    """Someone else's counter is not found, whatever its id."""
    counter = make_counter(make_user(), days_ago(3), label="mine")
    auth.login(make_user())
    assert client.get(f"/me/counters/{counter.id}/edit").status_code == 404
    response = client.post(f"/me/counters/{counter.id}/edit", data={"label": "x"})
    assert response.status_code == 404


def test_after_a_slip_the_page_is_kind_and_shows_where_to_turn(client, auth):
    """The page after "I had a slip" keeps the total and links to help and to Cravings."""
    member = make_user()
    counter = make_counter(member, days_ago(20), show=True)
    auth.login(member)
    assert "Thank you for being honest" in client.get(f"/me/counters/{counter.id}/slip").text
    response = client.post(f"/me/counters/{counter.id}/slip", data={})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You're still here, and that matters" in page
    assert "keeps all 21 days you counted" in page
    assert "Nobody else was told" in page
    assert 'href="/help"' in page
    assert 'href="/b/cravings-and-coping"' in page
    assert count_rows(Notice) == 0


def test_another_members_counter_cannot_be_opened(client, auth):
    """Someone else's counter is not found, whatever the address."""
    counter = make_counter(make_user(), days_ago(3))
    auth.login(make_user())
    for path in (f"/me/counters/{counter.id}/slip", f"/me/counters/{counter.id}/next"):
        assert client.get(path).status_code == 404
    assert client.post(f"/me/counters/{counter.id}/show").status_code == 404


def test_a_private_counter_appears_on_no_page_but_the_members_own(client, auth):
    """A counter not chosen to show is not on the thread, board or profile page."""
    member = make_user("quiet-one")
    make_counter(member, days_ago(141), label="zebra-gambling")
    thread = make_thread(author=member)
    for path in (f"/t/{thread.id}", f"/b/{thread.board.slug}", "/u/quiet-one"):
        page = client.get(path).get_data(as_text=True)
        assert "Day 142" not in page and "zebra-gambling" not in page
    auth.login(member)
    assert "zebra-gambling" in client.get("/me").get_data(as_text=True)


def test_a_shown_counter_puts_its_day_beside_the_pseudonym(client):
    """Readers see "Day 142" beside the author's name, and never the counter's name."""
    member = make_user()
    make_counter(member, days_ago(141), label="zebra-gambling", show=True)
    thread = make_thread(author=member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert '<span class="day-count">Day 142</span>' in page
    assert "zebra-gambling" not in page


def test_readers_who_turned_day_counts_off_do_not_see_them(client, auth):
    """After unticking the preference, "Day 142" is gone from the thread page."""
    author = make_user()
    make_counter(author, days_ago(141), show=True)
    thread = make_thread(author=author)
    reader = make_user()
    auth.login(reader)
    assert "Day 142" in client.get(f"/t/{thread.id}").get_data(as_text=True)
    response = client.post("/me/preferences", data={})
    assert response.status_code == 302
    db.session.refresh(reader)
    assert reader.show_day_counts is False
    assert "Day 142" not in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_the_settings_page_points_to_the_day_count_preference(client, auth):
    """Members looking in Settings find where to turn day counts off."""
    auth.login(make_user())
    assert 'href="/me#day-counts"' in client.get("/settings").get_data(as_text=True)


def test_a_member_chooses_which_counter_to_show(client, auth):
    """Showing one counter from "My recovery" shows its days, and only its."""
    member = make_user()
    make_counter(member, days_ago(9), show=True)
    second = make_counter(member, days_ago(49), label="gambling")
    auth.login(member)
    assert client.post(f"/me/counters/{second.id}/show").status_code == 302
    thread = make_thread(author=member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Day 50" in page and "Day 10" not in page
    client.post("/me/counters/hide")
    assert "Day 50" not in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_suspended_members_cannot_add_counters_or_share_milestones(client, auth):
    """A suspended member reads "My recovery" but every write there is refused."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(6))
    member.suspended_until = utcnow() + timedelta(days=3)
    member.suspension_reason = "Cooling off"
    db.session.commit()
    auth.login(member)
    assert client.get("/me").status_code == 200
    refused = [
        client.post("/me/counters/new", data={"label": "x", "started_on": "2025-01-01"}),
        client.post(
            f"/me/counters/{counter.id}/milestones/7/share",
            data={"title": "7 days", "body": "A week"},
        ),
        client.post(f"/me/counters/{counter.id}/milestones/7/dismiss"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert "Cooling off" in refused[0].get_data(as_text=True)
    assert (count_rows(Counter), count_rows(Thread)) == (1, 0)


def test_removing_a_counter_asks_first_then_removes_it(client, auth):
    """The member confirms, and the counter is gone from their page."""
    member = make_user()
    counter = make_counter(member, days_ago(3), label="zebra-gambling")
    auth.login(member)
    assert "Remove “zebra-gambling”?" in client.get(f"/me/counters/{counter.id}/delete").text
    assert client.post(f"/me/counters/{counter.id}/delete").status_code == 302
    assert "zebra-gambling" not in client.get("/me").get_data(as_text=True)


def test_the_thread_page_reads_day_counts_in_one_query(client, count_queries):
    """More authors showing their days doesn't add queries to the thread page."""
    thread = make_thread()
    make_counter(thread.author, days_ago(5), show=True)

    def queries_for_page() -> int:
        with count_queries() as counted:
            assert client.get(f"/t/{thread.id}").status_code == 200
        return counted.count

    few = queries_for_page()
    for _ in range(10):
        author = make_user()
        make_counter(author, days_ago(30), show=True, added_at=datetime(2025, 1, 1))
        make_post(thread=thread, author=author)
    assert queries_for_page() == few


def test_a_start_date_in_the_future_is_shown_on_the_form(client, auth):
    """The member is told on the form itself, with what they typed kept."""
    auth.login(make_user())
    tomorrow = (local_today("Pacific/Kiritimati") + timedelta(days=1)).isoformat()
    response = client.post(
        "/me/counters/new",
        data={"label": "alcohol", "started_on": tomorrow, "time_zone": "Pacific/Kiritimati"},
    )
    assert response.status_code == 400
    assert "The start date can&#39;t be in the future." in response.get_data(as_text=True)
    assert count_rows(Counter) == 0


def test_a_new_start_before_the_current_one_is_explained_on_the_slip_form(client, auth):
    """Choosing a day before the streak began keeps the member on the form, told why."""
    member = make_user()
    counter = make_counter(member, days_ago(5))
    auth.login(member)
    response = client.post(
        f"/me/counters/{counter.id}/slip", data={"new_start": days_ago(9).isoformat()}
    )
    assert response.status_code == 400
    assert "before the current one" in response.get_data(as_text=True)
