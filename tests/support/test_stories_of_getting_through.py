"""Stories of getting through: an author tags their own story, the help page and the care
check show a few, nobody else can tag one, a hidden story never shows, and the moderators
can take the tag off (logged, the author told)."""

import html

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import ModAction
from forum.notices.models import Notice
from forum.permissions import Role
from forum.posts.lifecycle import set_post_status
from forum.posts.models import PostStatus
from tests.factories import make_thread, make_user, opening_post

STORY = "The night I nearly drank again, and the call that got me to morning"


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def _tag(client, thread, tag: str = "yes"):
    return client.post(f"/t/{thread.id}/got-through", data={"tag": tag})


def test_an_author_tags_their_story_and_the_help_page_shows_it(client, auth):
    author = make_user("morning-came")
    thread = make_thread(author, title=STORY)
    assert STORY not in _page(client, "/help")
    auth.login(author)
    assert "Tag it “how I got through a crisis”" in _page(client, f"/t/{thread.id}")
    assert _tag(client, thread).status_code == 302
    assert thread.got_through
    auth.logout()
    help_page = _page(client, "/help")
    assert "Stories of getting through" in help_page and STORY in help_page
    assert "A story of getting through a crisis" in _page(client, f"/t/{thread.id}")


def test_the_care_check_leads_to_the_lines_and_a_story(client, auth):
    make_thread(make_user("came-through"), title=STORY).got_through = True
    db.session.commit()
    writer = make_user("heavy-night")
    auth.login(writer)
    thread = make_thread(title="Tonight")
    answer = client.post(
        f"/t/{thread.id}/reply", data={"body": "I want to end it all tonight, I can't go on."}
    )
    assert answer.status_code == 302 and "/help?after=" in answer.location
    page = _page(client, answer.location)
    assert "Crisis lines and resources" in page
    assert "Others here got through a night like this" in page and STORY in page


def test_nobody_but_the_author_tags_a_story(client, auth):
    thread = make_thread(make_user("the-writer"), title=STORY)
    auth.login(make_user("someone-else"))
    assert _tag(client, thread).status_code == 403
    assert "Tag it “how I got through a crisis”" not in _page(client, f"/t/{thread.id}")
    assert not thread.got_through


def test_a_hidden_story_never_shows_on_the_help_page(client, auth):
    thread = make_thread(make_user("was-here"), title=STORY)
    thread.got_through = True
    db.session.commit()
    set_post_status(opening_post(thread), PostStatus.HIDDEN)
    db.session.commit()
    auth.login(make_user("steward", role=Role.MODERATOR))
    assert STORY not in _page(client, "/help")  # not even for a moderator


def test_the_moderators_take_the_tag_off_logged_and_the_author_told(client, auth):
    author = make_user("the-teller")
    thread = make_thread(author, title=STORY)
    thread.got_through = True
    db.session.commit()
    auth.login(make_user("steady-mod", role=Role.MODERATOR))
    page = _page(client, f"/t/{thread.id}")
    assert "Take off the “got through” tag" in page
    answer = client.post(
        f"/mod/threads/{thread.id}",
        data={"verb": "untag_story", "reason": "It names a hospital and a town."},
    )
    assert answer.status_code == 302
    assert not thread.got_through
    logged = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "untag_story"))
    assert logged.target_id == thread.id and "hospital" in logged.reason
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == author.id))
    assert "got through a crisis" in notice.title
    assert STORY not in _page(client, "/help")
