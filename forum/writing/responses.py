"""How a view answers a write: validate, call the rule, commit, then say what happened."""

from collections.abc import Callable

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response

from forum.conversations.models import Message
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Post
from forum.writing.checks import Draft, SecondLookNeeded, TextRefused
from forum.writing.services import Written
from forum.writing.tokens import AlreadyWritten, SentBefore, new_token

WAITING = _l("Thank you. Your post is waiting for a moderator and will appear once approved.")
CARED_FOR = _l("Your post is saved. If things are hard right now, people are there for you.")
ALREADY = _l("This was sent before, and it is saved: here it is.")


def write_from_form(
    form,
    write: Callable[[Draft], Written],
    target: Callable[[Post], str],
    done: str,
    waiting: str = WAITING,
) -> Response | None:
    """Write what a valid form holds; None when the form must be shown again (with its
    errors, with the identity warning and its "Post it anyway" box, or saying that its
    token made something else). The same form sent again is answered with its post."""
    if not form.validate_on_submit():
        return None
    try:
        written = write(Draft.from_form(form))
    except SecondLookNeeded as look:
        form.identity_hints = look.hints
        return None
    except TextRefused as refused:
        db.session.rollback()  # whatever the rule began (a claimed token) goes
        form.body.errors.append(refused.message)
        return None
    except AlreadyWritten as earlier:
        flash(str(ALREADY), "info")
        return redirect(target(earlier.written))
    except SentBefore as spent:
        # What was typed is kept; a new token lets the member send it as a piece of its own.
        form.write_token.data = new_token()
        form.sent_before = written_url(spent.written) if spent.written is not None else ""
        return None
    return after_writing(written, target(written.post), done, waiting)


def written_url(written) -> str:
    """Where a post or a private message is read (its author's own, found by their token;
    an answer for the moderator team, in the team's inbox)."""
    if isinstance(written, Message) and written.as_team:
        return url_for(
            "moderation.inbox.show",
            conversation_id=written.conversation_id,
            _anchor=f"m{written.id}",
        )
    if isinstance(written, Message):
        return url_for(
            "conversations.show", conversation_id=written.conversation_id, _anchor=f"m{written.id}"
        )
    return url_for("boards.permalink", post_id=written.id)


def after_writing(written: Written, target: str, done: str, waiting: str = WAITING) -> Response:
    """Commit; words of risk lead to the help page, never to a refusal."""
    # Read before the commit, which expires them: a database lost just after a commit that
    # went through must not turn the saved post into an error page (and a second copy).
    post_id, is_waiting = written.post.id, written.is_waiting
    db.session.commit()
    if written.at_risk:
        flash(str(CARED_FOR), "info")
        return redirect(url_for("support.help", after=post_id))
    flash(str(waiting if is_waiting else done), "success")
    return redirect(target)
