"""The /mod area is guarded once: visitors sign in, members are refused, moderators let in."""

import pytest
import sqlalchemy as sa

from forum.conversations.models import Conversation
from forum.extensions import db
from forum.moderation.watched.models import WatchAction, WatchedWord
from forum.moderation.watched.services import add_rule
from forum.permissions import Role
from forum.posts.models import PostRevision
from forum.writing.checks import Draft
from forum.writing.messages import write_to_team
from forum.writing.services import write_edit
from tests.factories import make_post, make_user
from tests.mentors.helpers import make_mentor, pair
from tests.moderation.helpers import hidden_and_appealed, item_for, report


def _team_conversation() -> Conversation:
    """A member's conversation with the moderator team, for the inbox's pages."""
    sent = write_to_team(make_user(), Draft("A question for the moderators.", post_anyway=True))
    db.session.commit()
    return db.session.get(Conversation, sent.message.conversation_id)


def _watched_word() -> WatchedWord:
    rule = add_rule(make_user(role=Role.MODERATOR), "grumble", WatchAction.FLAG)
    db.session.commit()
    return rule


def _earlier_version(post) -> PostRevision:
    write_edit(post.author, post, Draft("A second go at saying it.", post_anyway=True))
    db.session.commit()
    return db.session.scalar(sa.select(PostRevision).where(PostRevision.post_id == post.id))


def _urls(app, post, item):
    values = {
        "appeal_id": hidden_and_appealed().id,
        "conversation_id": _team_conversation().id,
        "item_id": item.id,
        "post_id": post.id,
        "thread_id": post.thread_id,
        "member_id": post.author_id,
        "verb": "lock",
        "rule_id": _watched_word().id,
        "revision_id": _earlier_version(post).id,
        "board_id": post.thread.board_id,
        "pairing_id": pair(make_user(), make_mentor()).id,
    }
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("moderation."):
            continue
        url = rule.rule
        for name, value in values.items():
            url = url.replace(f"<int:{name}>", str(value))
        url = url.replace("<key>", "low-mood")  # a practice example
        assert "<" not in url, f"give {url} a value above, or the guard goes untested"
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, url


@pytest.mark.parametrize("who", [None, Role.MEMBER])
def test_visitors_and_members_are_refused_everywhere_in_the_moderation_area(app, client, auth, who):
    post = make_post()
    report(post)
    urls = list(_urls(app, post, item_for(post)))
    assert len(urls) >= 10
    if who is not None:
        auth.login(make_user(role=who))
    for method, url in urls:
        response = client.open(url, method=method)
        if who is None:
            assert response.status_code == 302 and "/signin" in response.headers["Location"], (
                method,
                url,
            )
        else:
            assert response.status_code == 403, (method, url)


@pytest.mark.parametrize("who", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_are_let_in(app, client, auth, who):
    post = make_post()
    report(post)
    auth.login(make_user(role=who))
    item = item_for(post)
    reading = f"/mod/items/{item.id}/messages"  # only a reported conversation has messages
    for method, url in _urls(app, post, item):
        if method == "GET" and url != reading:
            assert client.get(url).status_code == 200, url
    assert client.get(reading).status_code == 403
