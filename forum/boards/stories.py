"""Stories of getting through: an author tags their own thread "how I got through a crisis".

Reading a personal story of coming through a crisis was followed by less suicidal thinking
in a randomised trial (Niederkrotenthaler and Till, 2020), where expert advice alone was not;
so the help page and the care check show a few. Opt-in only, by the author; the moderators
may take the tag off (forum/moderation/thread_actions.py, "untag_story").
"""

from forum.errors import NotAllowed
from forum.i18n import lazy_gettext as _l
from forum.permissions import can_write, is_author
from forum.posts.models import Thread, ThreadKind, ThreadStatus


def tag_story(author, thread: Thread, tagged: bool) -> None:
    """Tag (or untag) the author's own story. Caller commits."""
    if not (is_author(author, thread) and can_write(author)):
        raise NotAllowed(_l("Only the thread's author can tag it, and not while suspended."))
    if tagged and (thread.kind == ThreadKind.CHECKIN or thread.status != ThreadStatus.VISIBLE):
        raise NotAllowed(_l("Only a story that readers can see can be tagged."))
    thread.got_through = tagged
