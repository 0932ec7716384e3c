"""Mentoring as members and moderators see it: My recovery, asking and choosing, the
moderators' page, and what an export and an erased account hold."""

import json

import sqlalchemy as sa

from forum.extensions import db
from forum.mentors.models import MentorOffer, MentorRequest, Pairing
from forum.moderation.models import ModAction
from forum.notices.models import Notice, NoticeKind
from forum.permissions import Role
from forum.trust.levels import TrustLevel
from tests.factories import PASSWORD, make_established, make_user
from tests.mentors.helpers import make_mentor, pair


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_my_recovery_has_a_way_to_find_a_mentor(client, auth):
    auth.login(make_user("new-here"))
    page = client.get("/me").get_data(as_text=True)
    assert "Find a mentor" in page and 'href="/mentors/ask"' in page
    assert "Offer to mentor" not in page  # a newcomer cannot offer yet


def test_a_regular_sees_the_offer_link_and_saves_an_offer(client, auth):
    regular = make_established("old-hand", trust_level=int(TrustLevel.REGULAR))
    auth.login(regular)
    assert "Offer to mentor" in client.get("/me").get_data(as_text=True)
    response = client.post(
        "/mentors/offer",
        data={
            "note": "Three years. I answer gently.",
            "how_often": "weekly",
            "substances": ["alcohol", "cannabis"],
            "paths": ["secular"],
            "band": "americas",
            "is_open": "y",
        },
    )
    assert response.status_code == 302
    offer = db.session.scalar(sa.select(MentorOffer))
    assert (offer.substances, offer.paths, offer.how_often) == (
        ["alcohol", "cannabis"],
        ["secular"],
        "weekly",
    )


def test_a_note_with_an_email_address_comes_back_with_a_second_look(client, auth):
    auth.login(make_established("old-hand", trust_level=int(TrustLevel.REGULAR)))
    data = {"note": "Write me at sam@example.com", "how_often": "weekly", "band": ""}
    page = client.post("/mentors/offer", data=data).get_data(as_text=True)
    assert "This may identify you or someone else" in page
    assert _count(MentorOffer) == 0
    client.post("/mentors/offer", data={**data, "post_anyway": "y"})
    assert _count(MentorOffer) == 1


def test_a_newcomer_asks_picks_a_mentor_and_both_see_the_pairing(client, auth):
    offer = make_mentor("steady-hand", substances=["opioids"], paths=["medication"])
    newcomer = make_user("new-here")
    auth.login(newcomer)
    response = client.post("/mentors/ask", data={"substance": "opioids", "path": "", "band": ""})
    assert response.headers["Location"].endswith("/mentors/choose")
    page = client.get("/mentors/choose").get_data(as_text=True)
    assert "steady-hand" in page and "Matches what you asked: Opioids." in page
    assert "Five years sober through the rooms." in page
    response = client.post(f"/mentors/choose/{offer.id}", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "steady-hand is your mentor for the next 30 days." in page
    assert "Your mentor is <strong>steady-hand</strong>" in page
    assert 'href="/messages/new?to=steady-hand"' in page
    assert "Renew for 30 more days" in page
    auth.logout()
    auth.login(offer.user)
    assert "You are mentoring <strong>new-here</strong>" in client.get("/me").get_data(as_text=True)


def test_the_short_list_shows_no_join_date_nor_trust(client, auth):
    make_mentor("steady-hand")
    auth.login(make_user("new-here"))
    client.post("/mentors/ask", data={"substance": "", "path": "", "band": ""})
    page = client.get("/mentors/choose").get_data(as_text=True)
    assert "steady-hand" in page
    for word in ("Joined", "joined", "regular", "trust", "Member since"):
        assert word not in page.split("<main", 1)[-1], word


def test_other_members_cannot_see_or_end_anyones_pairing(client, auth):
    pairing = pair(make_user("new-here"), make_mentor("steady-hand"))
    auth.login(make_established("nosy"))
    assert "steady-hand" not in client.get("/me").get_data(as_text=True)
    assert client.post(f"/mentors/pairings/{pairing.id}/end").status_code == 404
    assert client.post(f"/mentors/pairings/{pairing.id}/renew").status_code == 404
    assert client.get("/mod/pairings").status_code == 403
    assert pairing.is_active()


def test_ending_from_my_recovery_takes_one_click(client, auth):
    pairing = pair(make_user("new-here"), make_mentor("steady-hand"))
    auth.login(pairing.mentee)
    response = client.post(f"/mentors/pairings/{pairing.id}/end", follow_redirects=True)
    assert "The pairing has ended." in response.get_data(as_text=True)
    db.session.refresh(pairing)
    assert not pairing.is_active()
    auth.logout()
    auth.login(pairing.mentor)
    notices = client.get("/notices/").get_data(as_text=True)
    assert "Your mentoring pairing has ended" in notices and "new-here" not in notices


def test_mentor_pages_are_never_stored(client, auth):
    auth.login(make_user("shared-computer"))
    for path in ("/mentors/ask", "/me"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_moderators_see_and_can_end_pairings_and_it_is_logged(client, auth):
    pairing = pair(make_user("new-here"), make_mentor("steady-hand"))
    moderator = make_user("steward", role=Role.MODERATOR)
    auth.login(moderator)
    page = client.get("/mod/pairings").get_data(as_text=True)
    assert "steady-hand mentoring new-here" in page
    url = f"/mod/pairings/{pairing.id}/end"
    assert client.post(url, data={f"pairing-{pairing.id}-reason": ""}).status_code == 400
    response = client.post(
        url, data={f"pairing-{pairing.id}-reason": "Pressing for a phone number."}
    )
    assert response.status_code == 302
    db.session.refresh(pairing)
    assert not pairing.is_active()
    action = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "end_pairing"))
    assert (action.moderator_id, action.target_id) == (moderator.id, pairing.mentee_id)
    assert action.reason == "Pressing for a phone number."
    told = db.session.scalars(sa.select(Notice).where(Notice.kind == NoticeKind.MODERATION))
    assert sorted(n.user_id for n in told) == sorted([pairing.mentee_id, pairing.mentor_id])
    assert "No pairing runs just now." in client.get("/mod/pairings").get_data(as_text=True)
    log = client.get("/mod/log")
    assert log.status_code == 200 and "End a mentoring pairing" in log.get_data(as_text=True)
    assert client.get("/transparency").status_code == 200


def test_the_export_holds_the_members_mentoring(client, auth):
    offer = make_mentor("steady-hand")
    mentee = make_user("new-here")
    pair(mentee, offer)
    auth.login(offer.user)
    mentoring = json.loads(client.post("/settings/export").data)["mentoring"]
    assert mentoring["offer"]["note"].startswith("Five years sober")
    assert mentoring["pairings"][0]["as"] == "mentor"
    assert mentoring["pairings"][0]["with"] == "new-here"
    auth.logout()
    auth.login(mentee)
    client.post("/mentors/ask", data={"substance": "alcohol", "path": "", "band": ""})
    mentoring = json.loads(client.post("/settings/export").data)["mentoring"]
    assert mentoring["offer"] is None
    assert mentoring["requests"][0]["substance"] == "alcohol"
    assert mentoring["pairings"][0]["as"] == "mentee"


def test_erasing_an_account_removes_its_mentoring_and_ends_its_pairings(client, auth):
    offer = make_mentor("steady-hand")
    mentee = make_user("new-here")
    pair(mentee, offer)
    auth.login(offer.user)
    data = {"mode": "remove", "password": PASSWORD, "confirm": "y"}
    assert client.post("/settings/delete", data=data).status_code == 302
    assert _count(MentorOffer) == _count(Pairing) == 0
    # The mentee is told the pairing ended, and not who left or why.
    told = db.session.scalars(sa.select(Notice).where(Notice.user_id == mentee.id)).all()
    assert [n.title for n in told] == ["Your mentoring pairing has ended"]
    assert all("steady-hand" not in f"{n.title} {n.body}" for n in told)
    auth.login(mentee)
    client.post("/mentors/ask", data={"substance": "", "path": "", "band": ""})
    auth.logout()
    auth.login(mentee)
    client.post("/settings/delete", data=data)
    assert _count(MentorRequest) == 0


def test_message_leads_to_the_pairs_own_conversation_once_there_is_one(client, auth):
    from forum.conversations.services import start_conversation
    from forum.writing.checks import Draft

    pairing = pair(make_user("new-here"), make_mentor("steady-hand"))
    auth.login(pairing.mentee)
    assert 'href="/messages/new?to=steady-hand"' in client.get("/me").get_data(as_text=True)
    sent = start_conversation(pairing.mentor, [pairing.mentee], Draft("Hello, glad you asked."))
    db.session.commit()
    link = f'href="/messages/{sent.message.conversation_id}">Message steady-hand'
    assert link in client.get("/me").get_data(as_text=True)
