"""Every route, for every kind of visitor, by GET and by POST: the status each one gets.

The table is generated against `app.url_map`: a new route fails the suite until its row is
added here. Each row reads, in ROLES order (anonymous, member, author, other member,
suspended member, moderator, admin), the status of a GET and of an empty POST (CSRF is off
in tests, so an empty POST is a submitted form with nothing filled in). "member" owns nothing;
"author" wrote the thread, the post, the counter and the notice the URL names; "other" replied
and reported that post. "L" means a redirect to
the sign-in page; "R" any other redirect. Every visitor works in a world of their own.
A suspended member's POST to a read-only page gets 403: the suspension guard answers before
the method check would (405); so does their GET of a page with a form that writes.
"""

import pytest

from forum.extensions import db
from tests.factories import PASSWORD
from tests.hardening.world import ROLES, build_world

# fmt: off
#   rule
#         GET                            POST
#          an  me  au  ot  su  mo  ad     an  me  au  ot  su  mo  ad
EXPECTED = {
    "/":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/digest/unsubscribe/<token>":
        ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
    "/checkins":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/checkins/pledge":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/admin/boards/":
        ("  L 403 403 403 403 403 200", "405 405 405 405 403 405 405"),
    "/admin/boards/<int:board_id>/archive":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 403   R"),
    "/admin/boards/<int:board_id>/edit":
        ("  L 403 403 403 403 403 200", "  L 403 403 403 403 403 400"),
    "/admin/boards/<int:board_id>/move/<direction>":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 403   R"),
    "/admin/boards/new":
        ("  L 403 403 403 403 403 200", "  L 403 403 403 403 403 400"),
    "/appeals/<int:appeal_id>":
        ("  L 404 200 404 404 404 404", "405 405 405 405 403 405 405"),
    "/b/<slug>":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/b/<slug>/new":
        ("  L 200 200 200 403 200 200", "  L 400 400 400 403 400 400"),
    "/bookmarks":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/bookmarks/<int:post_id>/remove":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/bookmarks/remove-unreadable":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    # A draft is its author's alone: a 404 to everyone else, the moderators included. A
    # suspended member may still discard one (404 here: it isn't theirs).
    "/drafts":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/drafts/<int:draft_id>/resume":
        ("  L 404   R 404 404 404 404", "405 405 405 405 403 405 405"),
    "/drafts/<int:draft_id>/discard":
        ("405 405 405 405 405 405 405", "  L 404   R 404 404 404 404"),
    # Saving needs only a place the member can open; an empty form has nothing to save.
    "/drafts/new-thread/<int:board_id>":
        ("405 405 405 405 405 405 405", "  L 400 400 400 403 400 400"),
    "/drafts/reply/<int:thread_id>":
        ("405 405 405 405 405 405 405", "  L 400 400 400 403 400 400"),
    "/drafts/message/<int:conversation_id>":
        ("405 405 405 405 405 405 405", "  L 404 400 400 403 404 404"),
    "/decisions/<int:action_id>/appeal":
        ("  L 403 200 403 403 403 403", "  L 403 400 403 403 403 403"),
    "/greet":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/guidelines":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/healthz":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/help":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/help/lines":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/me":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/me/counters/<int:counter_id>/delete":
        ("  L 404 200 404 403 404 404", "  L 404   R 404 403 404 404"),
    "/me/counters/<int:counter_id>/edit":
        ("  L 404 200 404 403 404 404", "  L 404   R 404 403 404 404"),
    "/me/counters/<int:counter_id>/milestones/<int:days>/dismiss":
        ("405 405 405 405 405 405 405", "  L 404   R 404 403 404 404"),
    "/me/counters/<int:counter_id>/milestones/<int:days>/share":
        ("  L 404 200 404 403 404 404", "  L 404   R 404 403 404 404"),
    "/me/counters/<int:counter_id>/next":
        ("  L 404 200 404 404 404 404", "405 405 405 405 403 405 405"),
    "/me/counters/<int:counter_id>/show":
        ("405 405 405 405 405 405 405", "  L 404   R 404 403 404 404"),
    "/me/counters/<int:counter_id>/slip":
        ("  L 404 200 404 404 404 404", "  L 404   R 404 404 404 404"),
    "/me/counters/hide":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/me/counters/new":
        ("  L 200 200 200 403 200 200", "  L 400 400 400 403 400 400"),
    # The journal is its author's alone, as drafts are; a suspended member may delete an entry.
    "/me/journal":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/me/journal/new":
        ("  L 200 200 200 403 200 200", "  L 400 400 400 403 400 400"),
    "/me/journal/<int:entry_id>/edit":
        ("  L 404 200 404 403 404 404", "  L 404   R 404 403 404 404"),
    "/me/journal/<int:entry_id>/delete":
        ("  L 404 200 404 404 404 404", "  L 404   R 404 404 404 404"),
    "/me/journal/<int:entry_id>/post":
        ("  L 404 200 404 404 404 404", "405 405 405 405 403 405 405"),
    "/me/preferences":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/mod/appeals":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/appeals/<int:appeal_id>":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mod/items/<int:item_id>":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/items/<int:item_id>/handoff":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/items/<int:item_id>/claim":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/items/<int:item_id>/decide":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/items/<int:item_id>/release":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    # The world's item is a post's: only a reported conversation has messages to read.
    "/mod/items/<int:item_id>/messages":
        ("  L 403 403 403 403 403 403", "405 405 405 405 403 405 405"),
    "/mod/care":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/care/fold":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/care/practice":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/care/practice/<key>":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mod/care/step-in":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/care/step-out":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    # Mentoring: only the regulars (here, the moderators) may offer; a pairing is its two
    # members' alone ("other" mentors the author), a 404 to everyone else. A suspended
    # member may still end a pairing or take an offer back: stepping back protects them.
    "/mentors/offer":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mentors/offer/withdraw":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/mentors/ask":
        ("  L 200 200 200 403 200 200", "  L   R   R   R 403   R   R"),
    "/mentors/choose":
        ("  L   R   R   R   R   R   R", "405 405 405 405 403 405 405"),
    "/mentors/choose/<int:offer_id>":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/mentors/pairings/<int:pairing_id>/end":
        ("405 405 405 405 405 405 405", "  L 404   R   R 404 404 404"),
    "/mentors/pairings/<int:pairing_id>/renew":
        ("405 405 405 405 405 405 405", "  L 404   R   R 403 404 404"),
    "/mod/pairings":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/pairings/<int:pairing_id>/end":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/checkins":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/checkins/<int:board_id>":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/health":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/log":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/members/<int:member_id>":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mod/members/<int:member_id>/notes":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/posts/<int:post_id>":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mod/queue":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/threads/<int:thread_id>":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/versions/<int:revision_id>/redact":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/watched":
        ("  L 403 403 403 403 200 200", "  L 403 403 403 403 400 400"),
    "/mod/watched/<int:rule_id>/remove":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403   R   R"),
    "/mod/watched/export.csv":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/watched/import":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/watched/shipped":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    "/mod/watched/try":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 400 400"),
    # The team's inbox opens conversations with the team only: the world's conversation
    # between two members is a 404 to the moderators too.
    "/mod/inbox/":
        ("  L 403 403 403 403 200 200", "405 405 405 405 403 405 405"),
    "/mod/inbox/<int:conversation_id>":
        ("  L 403 403 403 403 404 404", "405 405 405 405 403 405 405"),
    "/mod/inbox/<int:conversation_id>/answer":
        ("405 405 405 405 405 405 405", "  L 403 403 403 403 404 404"),
    "/messages/":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/messages/<int:conversation_id>":
        ("  L 404 200 200 404 404 404", "405 405 405 405 403 405 405"),
    "/messages/<int:conversation_id>/send":
        ("405 405 405 405 405 405 405", "  L 404 400 400 403 404 404"),
    "/messages/<int:conversation_id>/leave":
        ("405 405 405 405 405 405 405", "  L 404   R   R 404 404 404"),
    "/messages/<int:conversation_id>/mute":
        ("405 405 405 405 405 405 405", "  L 404   R   R 404 404 404"),
    # Only someone in the conversation reports it (a suspended member writes to the team).
    "/messages/<int:conversation_id>/report":
        ("  L 404 200 200 403 404 404", "  L 404 400 400 403 404 404"),
    "/messages/who-can-write":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/messages/new":
        ("  L 200 200 200 403 200 200", "  L 400 400 400 403 400 400"),
    # A suspended member may still write to the moderators.
    "/messages/moderators":
        ("  L 200 200 200 200 200 200", "  L 400 400 400 400 400 400"),
    "/messages/<int:conversation_id>/to-the-moderators":
        ("405 405 405 405 405 405 405", "  L 404 404 404 404 404 404"),
    "/notices/":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/notices/<int:notice_id>/read":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/notices/read-all":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/p/<int:post_id>":
        ("  R   R   R   R   R   R   R", "405 405 405 405 403 405 405"),
    "/p/<int:post_id>/bookmark":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/p/<int:post_id>/delete":
        ("  L 403 200 403 403 403 403", "  L 403   R 403 403 403 403"),
    "/p/<int:post_id>/edit":
        ("  L 403 200 403 403 403 403", "  L 403   R 403 403 403 403"),
    "/p/<int:post_id>/history":
        ("  L 403 200 403 403 200 200", "405 405 405 405 403 405 405"),
    "/p/<int:post_id>/react/<kind>":
        ("405 405 405 405 405 405 405", "  L   R 403   R 403   R   R"),
    "/p/<int:post_id>/report":
        ("  L 200 403 200 403 200 200", "  L 400 403 400 403 400 400"),
    "/reports/mine":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/language":
        ("405 405 405 405 405 405 405", "  R   R   R   R   R   R   R"),
    "/search":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/settings":
        ("  L 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/settings/country":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/settings/delete":
        ("  L 200 200 200 200 200 200", "  L 400 400 400 400 400 400"),
    "/settings/export":
        ("405 405 405 405 405 405 405", "  L 200 200 200 200 200 200"),
    "/settings/notifications":
        ("  L 200 200 200 200 200 200", "  L   R   R   R   R   R   R"),
    "/settings/password":
        ("  L 200 200 200 200 200 200", "  L 400 400 400 400 400 400"),
    "/settings/reading":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/signin":
        ("200   R   R   R   R   R   R", "400   R   R   R   R   R   R"),
    "/signout":
        ("405 405 405 405 405 405 405", "  R   R   R   R   R   R   R"),
    "/signup":
        ("200   R   R   R   R   R   R", "400   R   R   R   R   R   R"),
    "/static/<path:filename>":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/t/<int:thread_id>":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/t/<int:thread_id>/<slug>":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/t/<int:thread_id>/following/<any(follow, unfollow, mute, unmute):choice>":
        ("405 405 405 405 405 405 405", "  L   R   R   R 403   R   R"),
    "/t/<int:thread_id>/following/first-new":
        ("  L   R   R   R   R   R   R", "405 405 405 405 403 405 405"),
    # A GET reads as the thread's address with a slug (/t/<id>/<slug>): the thread page.
    "/t/<int:thread_id>/got-through":
        ("200 200 200 200 200 200 200", "  L 403   R 403 403 403 403"),
    "/t/<int:thread_id>/reply":
        ("  L 200 200 200 403 200 200", "  L 400 400 400 403 400 400"),
    "/transparency":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    # A suspended member may still mute or block someone: it protects them.
    "/members/<pseudonym>/shut-out":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/settings/shut-out/<int:member_id>/undo":
        ("405 405 405 405 405 405 405", "  L   R   R   R   R   R   R"),
    "/u/<pseudonym>":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
    "/welcome":
        ("200 200 200 200 200 200 200", "405 405 405 405 403 405 405"),
}
# fmt: on


@pytest.fixture
def app(unindexed_app):
    return unindexed_app


def _code(response) -> str:
    if response.status_code in (301, 302, 303):
        return "L" if "/signin" in response.headers["Location"] else "R"
    return str(response.status_code)


def observe(app, rule: str, tag: str = "") -> tuple[str, str]:
    """The GET and POST codes for each role, each role in a world built just for them."""
    rows = {"GET": [], "POST": []}
    for number, role in enumerate(ROLES):
        world = build_world(f"{tag}{number}")
        client = app.test_client()
        user = world.users[role]
        if user is not None:
            signed_in = client.post(
                "/signin", data={"pseudonym": user.pseudonym, "password": PASSWORD}
            )
            assert signed_in.status_code == 302, role
        url = world.url(rule)
        for method in ("GET", "POST"):
            response = client.open(url, method=method)
            rows[method].append(_code(response))
            response.close()  # a static file's response holds the file open until closed
        db.session.rollback()
    return " ".join(rows["GET"]), " ".join(rows["POST"])


def _rules(app) -> list[str]:
    return sorted({rule.rule for rule in app.url_map.iter_rules()})


def test_every_route_has_a_row_in_the_access_table(app):
    """A route nobody has thought about who may open it fails here until it has a row."""
    missing = [rule for rule in _rules(app) if rule not in EXPECTED]
    assert not missing, f"add these routes to EXPECTED in {__file__}: {missing}"
    gone = [rule for rule in EXPECTED if rule not in _rules(app)]
    assert not gone, f"these rows name routes that no longer exist: {gone}"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_kind_of_visitor_gets_the_expected_answer(app, rule):
    """Visitors, members, authors, suspended members, moderators and admins: as the table says."""
    want_get, want_post = (" ".join(codes.split()) for codes in EXPECTED[rule])
    got_get, got_post = observe(app, rule)
    assert (got_get, got_post) == (want_get, want_post), f"{rule}\n  roles: {' '.join(ROLES)}"
