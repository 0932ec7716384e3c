"""Random input to every form: never a 500, always a message, and the typed text kept."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from bench.pathological import SHAPES
from forum.moderation.rules import VERB_LABELS
from tests.factories import PASSWORD
from tests.hardening.world import build_world

EXAMPLES = 30

# What a person might paste, and what a broken client or an attacker might send (as UTF-8:
# a lone surrogate cannot be sent at all, so it would only fail the test client).
_control = st.characters(min_codepoint=0, max_codepoint=31)
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.text(alphabet=_control, max_size=20),
    st.text(alphabet=st.sampled_from("\x00\r\n\t \u202e\u200b\ufeffé日🙂<>&\"'"), max_size=40),
    st.builds(
        lambda char, count: char * count, st.characters(codec="utf-8"), st.integers(200, 25_000)
    ),
    # The shapes that once cost seconds to check, render or index (10,000 "[", a 3,000-column
    # table, one 20,000-letter word, ...), and 128 KB of newlines.
    st.sampled_from(sorted(SHAPES.values())),
    st.just("\n" * 128 * 1024),
)
MAYBE_TEXT = st.one_of(st.none(), TEXT)  # None: the field is left out of the request


def _choice(*good: str):
    return st.one_of(st.none(), st.sampled_from(good), TEXT)


# Each form: who sends it, where, its fields (with what to send), and the fields whose typed
# text must come back when the form is shown again ("kept"), after the form's own trimming.
FORMS = {
    "sign-up": ("anonymous", "/signup", {
        "pseudonym": MAYBE_TEXT, "password": MAYBE_TEXT, "confirm": MAYBE_TEXT,
        "email": MAYBE_TEXT, "guidelines": _choice("y"),
    }, {"pseudonym": str, "email": str}),
    "sign-in": ("anonymous", "/signin", {
        "pseudonym": MAYBE_TEXT, "password": MAYBE_TEXT, "remember": _choice("y"),
    }, {"pseudonym": str}),
    "new thread": ("member", "/b/<slug>/new", {
        "title": MAYBE_TEXT, "body": MAYBE_TEXT, "content_note": _choice("", "grief", "other"),
        "content_note_text": MAYBE_TEXT, "post_anyway": _choice("y"),
    }, {"title": str.strip, "content_note_text": str.strip}),
    "reply": ("member", "/t/<int:thread_id>/reply", {
        "body": MAYBE_TEXT, "parent_id": _choice("1", "0"), "content_note": _choice("", "other"),
        "content_note_text": MAYBE_TEXT, "post_anyway": _choice("y"),
    }, {"content_note_text": str.strip}),
    "edit": ("author", "/p/<int:post_id>/edit", {
        "title": MAYBE_TEXT, "body": MAYBE_TEXT, "content_note": _choice("", "relapse"),
        "content_note_text": MAYBE_TEXT, "post_anyway": _choice("y"),
    }, {"content_note_text": str.strip}),
    "report": ("other", "/p/<int:post_id>/report", {
        "reason": _choice("harassment", "care", "spam"), "note": MAYBE_TEXT,
    }, {}),
    "password": ("member", "/settings/password", {
        "current_password": MAYBE_TEXT, "new_password": MAYBE_TEXT, "confirm": MAYBE_TEXT,
    }, {}),
    "delete account": ("member", "/settings/delete", {
        "mode": _choice("detach", "remove"), "password": MAYBE_TEXT, "confirm": _choice("y"),
    }, {}),
    "reading": ("member", "/settings/reading", {
        "note_grief": _choice("open", "hidden", "collapsed"), "greeter": _choice("y"),
    }, {}),
    "new counter": ("member", "/me/counters/new", {
        "label": MAYBE_TEXT, "started_on": _choice("2025-01-01", "2999-01-01"),
        "time_zone": _choice("UTC", "Europe/Paris"), "show": _choice("y"),
    }, {"label": str.strip}),
    "rename counter": ("author", "/me/counters/<int:counter_id>/edit", {
        "label": MAYBE_TEXT, "time_zone": _choice("UTC", "Mars/Olympus"),
    }, {"label": str.strip}),
    "share milestone": ("author", "/me/counters/<int:counter_id>/milestones/<int:days>/share", {
        "title": MAYBE_TEXT, "body": MAYBE_TEXT,
    }, {"title": str.strip}),
    "decide on a report": ("moderator", "/mod/items/<int:item_id>/decide", {
        "verb": _choice(*VERB_LABELS), "reason": MAYBE_TEXT, "days": _choice("1", "7", "30"),
        "new_text": MAYBE_TEXT,
    }, {}),
    "act on a post": ("moderator", "/mod/posts/<int:post_id>", {
        "verb": _choice(*VERB_LABELS), "reason": MAYBE_TEXT, "new_text": MAYBE_TEXT,
    }, {}),
    "act on a member": ("moderator", "/mod/members/<int:member_id>", {
        "verb": _choice(*VERB_LABELS), "reason": MAYBE_TEXT, "days": _choice("1", "3"),
    }, {}),
    "act on a thread": ("moderator", "/mod/threads/<int:thread_id>", {
        "verb": _choice("lock", "unlock", "pin", "feature"), "reason": MAYBE_TEXT,
    }, {}),
    "moderators' note": ("moderator", "/mod/members/<int:member_id>/notes", {
        "body": MAYBE_TEXT, "back": MAYBE_TEXT,
    }, {}),
    "offer to mentor": ("moderator", "/mentors/offer", {
        "note": MAYBE_TEXT, "how_often": _choice("daily", "weekly"),
        "substances": _choice("alcohol", "opioids"), "paths": _choice("smart", "own"),
        "band": _choice("", "americas"), "is_open": _choice("y"), "post_anyway": _choice("y"),
    }, {"note": lambda v: v.replace("\r\n", "\n").strip()}),
    "ask for a mentor": ("member", "/mentors/ask", {
        "substance": _choice("", "alcohol"), "path": _choice("", "smart"),
        "band": _choice("", "asia-pacific"),
    }, {}),
    "end a pairing, as a moderator": ("moderator", "/mod/pairings/<int:pairing_id>/end", {
        "pairing-1-reason": MAYBE_TEXT,
    }, {}),
    "new board": ("admin", "/admin/boards/new", {
        "name": MAYBE_TEXT, "slug": MAYBE_TEXT, "description": MAYBE_TEXT,
    }, {"name": str.strip, "description": str.strip}),
}  # fmt: skip


@pytest.fixture
def app(unindexed_app):
    return unindexed_app


# Shown when a form is refused: a field's error, a flash, or the error page's heading.
# A decision sent for an item already decided shows who handled it, instead of the form.
MESSAGE_MARKS = (
    'class="error"',
    "flash-error",
    'class="panel error-page"',
    'role="alert"',
    "Handled by",
)


def _fields(draw_from: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries(draw_from).map(
        lambda data: {name: value for name, value in data.items() if value is not None}
    )


@pytest.mark.parametrize("name", sorted(FORMS))
def test_random_input_never_breaks_a_form(app, name):
    """Whatever is sent, the person gets a page with a message or their post, never a 500."""
    role, rule, fields, kept = FORMS[name]
    world = build_world()
    url = world.url(rule)

    @settings(
        max_examples=EXAMPLES,
        database=None,  # no .hypothesis folder left in the work tree
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=_fields(fields))
    def send(data):
        client = app.test_client()
        user = world.users[role]
        if user is not None:
            client.post("/signin", data={"pseudonym": user.pseudonym, "password": PASSWORD})
        response = client.post(url, data=data)
        assert response.status_code < 500, (url, data)
        if response.status_code in (400, 409, 429):
            page = response.get_data(as_text=True)
            assert any(mark in page for mark in MESSAGE_MARKS), (url, data)
            for field, trim in kept.items():
                # NUL characters are dropped on arrival (forum/security.py); the rest stays.
                typed = trim((data.get(field) or "").replace("\x00", ""))
                if typed and response.status_code == 400 and "<form" in page:
                    assert str(escape(typed)) in page, (field, typed[:80])

    send()
