"""What a moderator is offered is exactly what the moderators' services accept."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from markupsafe import escape

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation import reports, services
from forum.moderation.allowed import allowed_actions, refusal
from forum.moderation.claims import (
    CLAIM_WINDOW,
    claim_holder,
    claim_running,
    claimed_by_someone_else,
    free_for,
)
from forum.moderation.models import ItemState, ModAction, Reason, ReviewItem
from forum.moderation.rules import CLAIM_MINUTES, PENDING_VERBS, REPORT_VERBS, VERB_LABELS
from forum.notices.models import Notice
from forum.permissions import Role
from forum.posts import lifecycle
from forum.posts.models import Post, PostStatus, Thread
from forum.timeutil import utcnow
from tests.factories import make_post, make_user
from tests.moderation.helpers import item_for, report

BUTTON = re.compile(r'<button type="submit" name="verb" value="([a-z_]+)"')
# Everything a verb might need, so that a refusal is about the verb and nothing else.
FILLED_IN = {
    "reason": "A reason the member will read",
    "days": "1",
    "new_text": "[redacted]",
    "confirm": "y",
}


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


def _buttons(response) -> set[str]:
    assert response.status_code == 200
    return set(BUTTON.findall(response.get_data(as_text=True)))


def _everything(post: Post, member: User | None = None) -> tuple:
    """All that a decision about the post, its thread, its item or a member could change."""
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    author_id = member.id if member else post.author_id
    author = db.session.get(User, author_id) if author_id is not None else None
    return (
        post.status,
        post.body_source,
        db.session.get(Thread, post.thread_id).is_locked,
        author.suspended_until if author else None,
        db.session.scalar(sa.select(sa.func.count()).select_from(ModAction)),
        db.session.scalar(sa.select(sa.func.count()).select_from(Notice)),
        db.session.execute(
            sa.select(ReviewItem.state, ReviewItem.escalated, ReviewItem.claimed_by_id)
        ).all(),
    )


def _refused_without_a_trace(client, url: str, post: Post, verbs, member=None) -> None:
    before = _everything(post, member)
    for verb in sorted(verbs):
        response = client.post(url, data={"verb": verb, **FILLED_IN})
        assert response.status_code in (400, 403, 409), verb
        assert _everything(post, member) == before, verb


# --- a post, from its thread ---------------------------------------------------------------------

OFFERED_FOR_A_POST = {
    PostStatus.VISIBLE: {"hide", "remove", "redact"},
    PostStatus.HIDDEN: {"restore", "remove", "redact"},
    PostStatus.REMOVED: {"restore"},
    PostStatus.PENDING: {"approve", "reject", "redact"},
    PostStatus.DELETED: set(),
    PostStatus.REJECTED: set(),
    PostStatus.WITHDRAWN: set(),
}
NOTHING_TO_DO = {
    PostStatus.DELETED: "Its author deleted it",
    PostStatus.REJECTED: "It was not approved",
    PostStatus.WITHDRAWN: "Its author took it back before it was approved",
}


@pytest.mark.parametrize("status", list(OFFERED_FOR_A_POST), ids=str)
@pytest.mark.parametrize("own", [False, True], ids=["someone-elses-post", "own-post"])
def test_the_buttons_a_moderator_sees_are_the_actions_the_service_accepts(
    client, auth, moderator, status, own
):
    """Each post status, own post or not: the buttons shown are the verbs accepted, and a verb
    with no button is refused and leaves everything as it was."""
    post = make_post(author=moderator if own else make_user(), status=status)
    auth.login(moderator)
    page = client.get(f"/mod/posts/{post.id}")
    offered = _buttons(page)
    assert offered == set(allowed_actions(moderator, post))
    assert offered == (set() if own else OFFERED_FOR_A_POST[status])
    if own:
        assert "another moderator or an admin has to decide" in page.get_data(as_text=True)
    elif not offered:
        assert NOTHING_TO_DO[status] in page.get_data(as_text=True)
    _refused_without_a_trace(client, f"/mod/posts/{post.id}", post, set(VERB_LABELS) - offered)
    for verb in offered:
        fresh = make_post(status=status)
        response = client.post(f"/mod/posts/{fresh.id}", data={"verb": verb, **FILLED_IN})
        assert response.status_code == 302, verb


# --- an item in the queue ------------------------------------------------------------------------


def _held(author: User) -> Post:
    post = make_post(author=author, status=PostStatus.PENDING)
    reports.hold_for_approval(post)
    db.session.commit()
    return post


def _care_on(post: Post) -> None:
    reports.raise_care_report(post, "Words of risk: “want to die”")
    db.session.commit()


def _by_another_moderator(post: Post, verb: str) -> None:
    """Someone else took part of the decision already, and let the item go."""
    other = make_user(role=Role.MODERATOR)
    item = item_for(post)
    services.decide(other, item, verb, "Taken care of", confirmed=True)
    services.release(other, item)
    db.session.commit()


def _queued(kind: str, author: User) -> ReviewItem:
    """An open queue item of each kind, and a care report in each state its post may be in."""
    if kind.startswith("pending") or kind.startswith("care on a waiting post"):
        post = _held(author)
        if kind.startswith("care"):
            _care_on(post)
    else:
        post = make_post(author=author)
        hidden = kind in ("auto-hidden", "care on a hidden post")
        for _ in range(3 if hidden else 1):
            report(post, Reason.AT_RISK if kind.startswith("care") else Reason.HARASSMENT)
    if kind.endswith("taken back"):
        lifecycle.delete_post(author, post)
    elif kind == "care, author suspended":
        author.suspended_until = utcnow() + timedelta(days=3)
    elif kind == "care, author left":
        post.author_id = None
    elif kind == "care on a waiting post, approved":
        _by_another_moderator(post, "approve")
    elif kind == "care on a post someone hid":
        _by_another_moderator(post, "hide")
    elif kind == "pending, care answered":
        _care_on(post)
        _by_another_moderator(post, "reached_out")
    db.session.commit()
    return item_for(post)


CARE = {"reached_out", "resources_sent", "escalate"}
ON_THE_MEMBER = {"lock", "warn", "suspend", "ban"}
OFFERED_FOR_AN_ITEM = {
    "reported": set(REPORT_VERBS),
    "auto-hidden": set(REPORT_VERBS) - {"hide"},  # hiding a hidden post was always refused
    "pending": set(PENDING_VERBS),
    "pending, taken back": {"no_action"},
    "pending, care answered": set(PENDING_VERBS),
    # Care is offered whatever became of the post or its author.
    "care": CARE | {"hide", "remove", "redact"} | ON_THE_MEMBER,
    "care on a waiting post": CARE | {"approve", "reject", "redact"} | ON_THE_MEMBER,
    "care on a waiting post, approved": CARE | {"hide", "remove", "redact"} | ON_THE_MEMBER,
    "care on a waiting post, taken back": CARE | ON_THE_MEMBER,
    "care on a hidden post": CARE | {"restore", "remove", "redact"} | ON_THE_MEMBER,
    "care on a post someone hid": CARE | {"restore", "remove", "redact"} | ON_THE_MEMBER,
    "care, taken back": CARE | ON_THE_MEMBER,
    "care, author suspended": CARE | {"hide", "remove", "redact"} | ON_THE_MEMBER,
    "care, author left": {"member_left", "escalate", "hide", "remove", "redact", "lock"},
}


@pytest.mark.parametrize("kind", list(OFFERED_FOR_AN_ITEM))
@pytest.mark.parametrize("own", [False, True], ids=["someone-elses-post", "own-post"])
def test_the_decisions_offered_on_an_item_are_the_decisions_taken(
    client, auth, moderator, kind, own
):
    """Reported, auto-hidden, care and pending items: the page's buttons are what `decide`
    accepts; any other verb is refused and the item stays open and untouched."""
    if own and kind == "care, author left":
        pytest.skip("a post whose author left is nobody's own")
    item = _queued(kind, moderator if own else make_user())
    auth.login(moderator)
    offered = _buttons(client.get(f"/mod/items/{item.id}"))
    assert offered == set(allowed_actions(moderator, item))
    assert offered == (set() if own else OFFERED_FOR_AN_ITEM[kind])
    url = f"/mod/items/{item.id}/decide"
    _refused_without_a_trace(client, url, item.post, set(VERB_LABELS) - offered)
    for verb in offered:
        fresh = _queued(kind, make_user())
        response = client.post(f"/mod/items/{fresh.id}/decide", data={"verb": verb, **FILLED_IN})
        assert response.status_code == 302, verb


def test_a_moderator_is_not_offered_a_member_decision_on_another_moderators_post(
    client, auth, moderator
):
    """Only an admin can act on a moderator, so the buttons to do so are not shown either."""
    item = _queued("reported", make_user(role=Role.MODERATOR))
    auth.login(moderator)
    offered = _buttons(client.get(f"/mod/items/{item.id}"))
    assert offered == set(REPORT_VERBS) - {"warn", "suspend", "ban"}
    _refused_without_a_trace(
        client, f"/mod/items/{item.id}/decide", item.post, {"warn", "suspend", "ban"}
    )


# --- a member ------------------------------------------------------------------------------------


def _member(kind: str, moderator: User) -> User:
    if kind == "themselves":
        return moderator
    if kind == "a suspended member":
        return make_user(suspended_until=utcnow() + timedelta(days=3), suspension_reason="x")
    role = {"another moderator": Role.MODERATOR, "an admin": Role.ADMIN}.get(kind, Role.MEMBER)
    return make_user(role=role)


OFFERED_ON_A_MEMBER = {
    "a member": {"warn", "suspend", "ban"},
    "a suspended member": {"warn", "suspend", "unsuspend", "ban"},
    "themselves": set(),
    "another moderator": set(),
    "an admin": set(),
}


@pytest.mark.parametrize("kind", list(OFFERED_ON_A_MEMBER))
def test_what_a_moderator_may_do_to_a_member_is_what_the_page_offers(client, auth, moderator, kind):
    """Warn, suspend, lift a suspension (only of a suspended member) or ban; never themselves,
    another moderator or an admin. What is not offered is refused and changes nothing."""
    member = _member(kind, moderator)
    post = make_post()
    auth.login(moderator)
    page = client.get(f"/mod/members/{member.id}")
    offered = _buttons(page)
    assert offered == set(allowed_actions(moderator, member)) == OFFERED_ON_A_MEMBER[kind]
    if not offered:
        assert str(escape(refusal(moderator, member))) in page.get_data(as_text=True)
    refused = set(VERB_LABELS) - offered
    _refused_without_a_trace(client, f"/mod/members/{member.id}", post, refused, member)
    for verb in offered:
        fresh = _member(kind, moderator)
        response = client.post(f"/mod/members/{fresh.id}", data={"verb": verb, **FILLED_IN})
        assert response.status_code == 302, verb


def test_an_admin_may_act_on_a_moderator_but_nobody_on_an_admin(app):
    admin = make_user(role=Role.ADMIN)
    assert set(allowed_actions(admin, make_user(role=Role.MODERATOR))) == {"warn", "suspend", "ban"}
    assert allowed_actions(admin, make_user(role=Role.ADMIN)) == ()


# --- claims --------------------------------------------------------------------------------------


def test_a_claim_by_another_moderator_disables_acting_in_the_page_and_the_service(
    client, auth, moderator
):
    """While someone else holds an item, neither its page nor the post's page offers a decision,
    and every decision sent anyway is refused as claimed; once the claim lapses, both open up."""
    post = make_post()
    report(post)
    item = item_for(post)
    holder = make_user("holding-hands", role=Role.MODERATOR)
    services.claim(holder, item)
    db.session.commit()
    auth.login(moderator)
    page = client.get(f"/mod/items/{item.id}")
    text = page.get_data(as_text=True)
    assert "Held by holding-hands" in text and f"after {CLAIM_MINUTES} minutes" in text
    assert "Claim this item" not in text
    assert _buttons(page) == set() and allowed_actions(moderator, item) == ()
    assert _buttons(client.get(f"/mod/posts/{post.id}")) == set()
    before = _everything(post)
    for url in (f"/mod/items/{item.id}/decide", f"/mod/posts/{post.id}"):
        for verb in VERB_LABELS:
            response = client.post(url, data={"verb": verb, **FILLED_IN})
            assert response.status_code == 409, (url, verb)
            assert "Already claimed by holding-hands" in response.get_data(as_text=True)
    assert client.post(f"/mod/items/{item.id}/claim").status_code == 409
    assert _everything(post) == before
    assert allowed_actions(holder, item) == REPORT_VERBS

    item.claimed_at = utcnow() - CLAIM_WINDOW - timedelta(minutes=1)
    db.session.commit()
    page = client.get(f"/mod/items/{item.id}")
    assert _buttons(page) == set(REPORT_VERBS)
    assert "Claim this item" in page.get_data(as_text=True)
    decided = client.post(f"/mod/items/{item.id}/decide", data={"verb": "hide", **FILLED_IN})
    assert decided.status_code == 302


def test_who_holds_an_item_reads_the_same_in_python_and_in_sql(moderator):
    """The pages ask the Python predicates; the race is settled by their SQL twins."""
    other = make_user(role=Role.MODERATOR)
    fresh, lapsed = utcnow() - timedelta(minutes=5), utcnow() - CLAIM_WINDOW - timedelta(minutes=5)
    cases = [
        (None, None, ItemState.OPEN),
        (moderator, fresh, ItemState.OPEN),
        (moderator, lapsed, ItemState.OPEN),
        (other, fresh, ItemState.OPEN),
        (other, lapsed, ItemState.OPEN),
        (other, fresh, ItemState.RESOLVED),
    ]
    items = []
    for who, when, state in cases:
        post = make_post()
        report(post)
        item = item_for(post)
        item.claimed_by_id, item.claimed_at, item.state = who.id if who else None, when, state
        items.append(item)
    db.session.commit()
    now = utcnow()

    def matches(condition) -> set[int]:
        return set(db.session.scalars(sa.select(ReviewItem.id).where(condition)))

    held = matches(claim_running(now))
    free = matches(free_for(moderator, now))
    for item, case in zip(items, cases, strict=True):
        assert (claim_holder(item) is not None) == (item.id in held), case
        assert (not claimed_by_someone_else(moderator, item)) == (item.id in free), case
    someone_else = [claimed_by_someone_else(moderator, item) for item in items]
    assert someone_else == [False, False, False, True, False, False]
