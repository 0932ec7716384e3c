"""Care for the moderators: hard posts folded until opened, "not today" out of the care lane
(with care items never left unseen), the practice queue before care items, hand-off notes,
the workload and a break, and the notes on a member shown on every item about them."""

import html
import json
from datetime import timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation import services
from forum.moderation.models import Reason
from forum.moderation.rules import VERB_LABELS
from forum.moderation.wellbeing import services as wellbeing
from forum.moderation.wellbeing.models import ModeratorCare
from forum.permissions import Role
from forum.posts.models import Post
from forum.timeutil import utcnow
from tests.factories import make_post, make_user
from tests.moderation.helpers import hidden_and_appealed, item_for, report


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def _practised(pseudonym: str | None = None):
    moderator = make_user(pseudonym, role=Role.MODERATOR)
    wellbeing.care_of(moderator).practice_done_at = utcnow()
    db.session.commit()
    return moderator


def _care_report(body: str = "I don't see the point of any of it tonight."):
    post = make_post(body=body)
    report(post, Reason.AT_RISK)
    return post


def test_a_moderator_out_of_the_care_lane_meets_no_care_items_while_others_take_them(client, auth):
    tired, rested = _practised("tired-mod"), _practised("rested-mod")
    _care_report("Some nights I can't see the point.")
    auth.login(tired)
    response = client.post("/mod/care/step-out", data={"days": "1"})
    assert response.status_code == 302
    assert "Take care of yourself" in _page(client, "/mod/care")
    queue = _page(client, "/mod/queue")
    assert "Some nights I can't see the point." not in queue
    assert "1 care item waits for the moderators taking care" in queue
    assert "1 moderator is taking care items" in queue
    auth.logout()
    auth.login(rested)
    assert "Some nights I can't see the point." in _page(client, "/mod/queue")
    auth.logout()
    # Back in the lane, with one click.
    auth.login(tired)
    assert client.post("/mod/care/step-in").status_code == 302
    assert "Some nights I can't see the point." in _page(client, "/mod/queue")


def test_a_step_out_ends_by_itself(client, auth):
    moderator, other = _practised(), _practised()
    wellbeing.step_out_of_care(moderator, "3")
    db.session.commit()
    assert not wellbeing.takes_care_items(moderator)
    assert wellbeing.takes_care_items(moderator, utcnow() + timedelta(days=3, minutes=1))
    assert wellbeing.care_takers() == 1 and wellbeing.takes_care_items(other)


def test_when_nobody_takes_care_items_they_show_to_every_moderator(client, auth):
    only = _practised()
    newcomer = make_user(role=Role.MODERATOR)  # has not practised yet
    _care_report("I have been thinking about ending it.")
    auth.login(only)
    response = client.post("/mod/care/step-out", data={"days": "7"}, follow_redirects=True)
    assert "Nobody else is taking care items now" in html.unescape(response.get_data(as_text=True))
    for moderator in (only, newcomer):
        auth.login(moderator)
        queue = _page(client, "/mod/queue")
        assert "I have been thinking about ending it." in queue
        assert "No moderator is taking care items right now, so they show to everyone." in queue
        auth.logout()


def test_a_step_out_needs_a_length_and_keeps_the_lane_as_it_was(client, auth):
    moderator = _practised()
    auth.login(moderator)
    response = client.post("/mod/care/step-out", data={"days": "365"}, follow_redirects=True)
    assert "Choose how long to step out for." in response.get_data(as_text=True)
    assert wellbeing.takes_care_items(moderator)


def test_care_items_reach_a_new_moderator_only_after_the_practice_queue(client, auth):
    _practised("experienced")
    new = make_user("just-appointed", role=Role.MODERATOR)
    _care_report("Tonight feels impossible.")
    posts_before = db.session.scalar(sa.select(sa.func.count()).select_from(Post))
    auth.login(new)
    assert "Tonight feels impossible." not in _page(client, "/mod/queue")
    assert "practice queue" in _page(client, "/mod/care")
    examples = wellbeing.examples()
    assert len(examples) >= 5 and {e.kind for e in examples} == {"care", "reported"}
    assert examples[0].title in _page(client, "/mod/care/practice")
    # A differing decision is explained; a fitting one is said to fit.
    wrong = next(e for e in examples if e.kind == "reported" and e.answer != "no_action")
    page = html.unescape(
        client.post(f"/mod/care/practice/{wrong.key}", data={"verb": "no_action"}).get_data(
            as_text=True
        )
    )
    assert "Your decision differed" in page and wrong.why in page
    assert "The guidelines point to" in page
    assert (
        client.post(f"/mod/care/practice/{wrong.key}", data={"verb": "nonsense"}).status_code == 400
    )
    for example in examples:
        if example is wrong:
            continue
        answered = client.post(f"/mod/care/practice/{example.key}", data={"verb": example.answer})
        assert "Your decision fits the guidelines" in html.unescape(answered.get_data(as_text=True))
    assert "the practice is done" in html.unescape(answered.get_data(as_text=True))
    assert wellbeing.takes_care_items(new)
    assert "Tonight feels impossible." in _page(client, "/mod/queue")
    care_page = _page(client, "/mod/care")
    assert f"the guidelines point to {VERB_LABELS[wrong.answer].lower()}" in care_page
    # Practice never touched a real post, nor made one.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == posts_before


def test_hard_posts_are_folded_until_the_moderator_opens_them(client, auth):
    moderator = _practised()
    noted = make_post(body="The night I overdosed, in detail.")
    noted.content_note = "overdose"
    db.session.commit()
    report(noted, Reason.OTHER)
    auth.login(moderator)
    queue = _page(client, "/mod/queue")
    assert '<details class="hard-post">' in queue
    assert "Show the post (content note: Overdose)" in queue
    item = _page(client, f"/mod/items/{item_for(noted).id}")
    assert "Show the post (content note: Overdose)" in item
    # The moderator's own choice: shown open from now on, for them only.
    assert client.post("/mod/care/fold", data={"fold": "no"}).status_code == 302
    assert '<details class="hard-post">' not in _page(client, "/mod/queue")
    auth.logout()
    auth.login(_practised())
    assert '<details class="hard-post">' in _page(client, "/mod/queue")


def test_a_care_report_is_folded_too(client, auth):
    auth.login(_practised())
    _care_report("A hard night.")
    assert "Show the post (a care report)" in _page(client, "/mod/queue")


def test_a_hand_off_note_is_the_first_thing_the_next_moderator_reads(client, auth):
    first, second = _practised("first-shift"), _practised("second-shift")
    post = _care_report()
    item = item_for(post)
    auth.login(first)
    empty = client.post(f"/mod/items/{item.id}/handoff", data={"body": "  "})
    assert empty.status_code == 400 and "Write the hand-off note first." in empty.get_data(
        as_text=True
    )
    note = "Reached out, waiting to hear back; check tomorrow."
    assert client.post(f"/mod/items/{item.id}/handoff", data={"body": note}).status_code == 302
    auth.logout()
    auth.login(second)
    page = _page(client, f"/mod/items/{item.id}")
    assert note in page and "first-shift" in page
    assert page.index(note) < page.index("The post")
    assert f"Hand-off from first-shift: “{note}”" in _page(client, "/mod/queue")


def test_a_member_cannot_leave_hand_off_notes_or_open_a_moderators_care_page(client, auth):
    item = item_for(_care_report())
    auth.login(make_user())
    assert client.post(f"/mod/items/{item.id}/handoff", data={"body": "hi"}).status_code == 403
    assert client.get("/mod/care").status_code == 403
    assert client.get("/mod/care/practice").status_code == 403


def test_the_queue_counts_what_a_moderator_did_and_suggests_a_break(client, auth, app):
    moderator = _practised("long-shift")
    now = utcnow()
    for _ in range(2):
        post = make_post()
        report(post)
        services.decide(moderator, item_for(post), "no_action", "")
    older = make_post()
    report(older)
    services.decide(moderator, item_for(older), "no_action", "")
    item_for(older).resolved_at = now - timedelta(days=3)
    db.session.commit()
    auth.login(moderator)
    queue = _page(client, "/mod/queue")
    assert "You handled 2 items today and 3 this week" in queue
    assert "Time for a break" not in queue
    care = db.session.get(ModeratorCare, moderator.id)
    care.stretch_started_at = utcnow() - timedelta(minutes=50)
    care.last_seen_at = utcnow() - timedelta(minutes=2)
    db.session.commit()
    queue = _page(client, "/mod/queue")
    assert "you have been here 50 minutes" in queue and "Time for a break" in queue
    # Twenty minutes away is a break: the next visit starts a new stretch.
    wellbeing.record_visit(moderator, utcnow() + timedelta(minutes=25))
    assert wellbeing.workload(moderator, utcnow() + timedelta(minutes=25)).minutes_in_queue == 0
    app.config["MODERATOR_BREAK_MINUTES"] = 0
    care.stretch_started_at = utcnow() - timedelta(minutes=90)
    care.last_seen_at = utcnow()
    db.session.commit()
    assert not wellbeing.workload(moderator).break_due


def test_notes_on_a_member_show_on_every_item_and_in_their_own_export(client, auth):
    appeal = hidden_and_appealed()
    member = appeal.member
    writer = _practised("note-writer")
    services.add_member_note(writer, member, "Struggling since the move; be gentle.")
    db.session.commit()
    later = make_post(author=member)
    report(later)
    auth.login(_practised())
    assert "Struggling since the move; be gentle." in _page(
        client, f"/mod/items/{item_for(later).id}"
    )
    assert "Struggling since the move; be gentle." in _page(client, f"/mod/appeals/{appeal.id}")
    assert "1 moderator note" in _page(client, "/mod/queue")
    auth.logout()
    auth.login(member)
    exported = client.post("/settings/export")
    data = json.loads(exported.get_data(as_text=True))
    assert [n["note"] for n in data["moderator_notes_about_you"]] == [
        "Struggling since the move; be gentle."
    ]
    assert "note-writer" not in exported.get_data(as_text=True)
