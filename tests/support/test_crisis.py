"""Looking out while people write: words of risk bring help, identifying details a question."""

from pathlib import Path

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import Reason, Report, ReviewItem
from forum.moderation.queries import queue
from forum.writing.care import identity_hints, risk_phrases_in
from tests.factories import make_board, make_post, make_thread, make_user
from tests.moderation.helpers import report


def test_risk_phrases_are_found_whatever_the_case_and_spacing(app):
    assert risk_phrases_in("Some nights I WANT  TO DIE.") == ["want to die"]
    assert risk_phrases_in("I can’t go on like this") == ["can't go on"]
    assert risk_phrases_in("Day 30, feeling strong") == []


def test_a_post_with_a_risk_phrase_is_saved_and_the_author_sees_help(client, auth):
    thread = make_thread()
    auth.login(make_user())
    response = client.post(
        f"/t/{thread.id}/reply", data={"body": "Honestly I want to die tonight."}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/help?after=")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "988" in page and "Your post is saved" in page


def test_hearth_raises_a_care_report_that_tops_the_queue(client, auth, app):
    app.config["AUTO_HIDE_REPORTS"] = 0
    busy = make_post()
    for _ in range(3):
        report(busy)
    thread = make_thread()
    auth.login(make_user())
    client.post(f"/t/{thread.id}/reply", data={"body": "I don't want to be here anymore."})
    care = db.session.scalar(sa.select(Report).where(Report.reporter_id.is_(None)))
    assert care.reason == Reason.AT_RISK
    first = queue().items[0]
    assert first.has_care and first.id == db.session.get(ReviewItem, care.item_id).id


def test_an_instance_phrase_list_replaces_the_default(app):
    Path(app.instance_path, "risk-phrases.txt").write_text("# ours\nrock bottom\n")
    assert risk_phrases_in("I hit rock bottom") == ["rock bottom"]
    assert risk_phrases_in("I want to die") == []


def test_identity_details_are_noticed_but_dates_are_not():
    assert identity_hints("call me on 0207 946 0958") == ["a phone number"]
    assert identity_hints("write to me@example.org") == ["an email address"]
    assert identity_hints("I live at 42 Baker Street") == ["a street address"]
    assert identity_hints("Sober since 2024-05-01, day 365") == []


def test_a_post_that_may_identify_someone_asks_first_and_keeps_the_text(client, auth):
    make_board("Stories", "stories")
    auth.login(make_user())
    data = {"title": "Reach me", "body": "Text me on 555 123 4567 if you want to talk"}
    response = client.post("/b/stories/new", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This may identify you or someone else" in page and "a phone number" in page
    assert "555 123 4567" in page and "Post it anyway" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewItem)) == 0
    response = client.post("/b/stories/new", data={**data, "post_anyway": "y"})
    assert response.status_code == 302
