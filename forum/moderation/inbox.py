"""The moderators' inbox (/mod/inbox): the conversations members open with the team, newest
first; any moderator reads and answers one, signed "the moderators". Part of the moderation
area, so its one guard covers these pages too."""

from flask import Blueprint, abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user

from forum.conversations import queries as conversations
from forum.conversations.team import queries as inbox
from forum.errors import NotAllowed
from forum.extensions import db
from forum.moderation import team
from forum.moderation.forms import TeamAnswerForm
from forum.web import limits
from forum.web.paging import page_number
from forum.writing.checks import Draft, SecondLookNeeded
from forum.writing.responses import written_url
from forum.writing.tokens import AlreadyWritten, SentBefore, new_token

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.app_template_global("team_inbox_counts")
def _counts(viewer) -> tuple[int, int]:
    return inbox.team_counts(viewer)


@bp.get("/")
def index():
    rows = inbox.team_inbox(current_user, page_number())
    return render_template("moderation/inbox.html", rows=rows)


@bp.get("/<int:conversation_id>")
def show(conversation_id: int):
    conversation = _load(conversation_id)
    team.mark_team_read(current_user, conversation)
    db.session.commit()
    return _page(conversation, TeamAnswerForm())


@bp.post("/<int:conversation_id>/answer")
def answer(conversation_id: int):
    """An answer for the team; one that can't be sent comes back as it was typed."""
    conversation = _load(conversation_id)
    form = TeamAnswerForm()
    if form.validate_on_submit():
        try:
            sent = team.answer_member(current_user, conversation, Draft.from_form(form))
        except SecondLookNeeded as look:
            form.identity_hints = look.hints
        except AlreadyWritten as earlier:
            return redirect(written_url(earlier.written))
        except SentBefore as spent:
            form.write_token.data = new_token()
            form.sent_before = written_url(spent.written) if spent.written is not None else ""
        except NotAllowed as refused:
            db.session.rollback()
            form.body.errors.append(refused.message)
        else:
            target = written_url(sent.message)
            db.session.commit()
            flash(_("Your answer is sent, from the moderators. The member is told."), "success")
            return redirect(target)
    return _page(conversation, form), 400 if form.errors else 200


@limits.form_page("moderation.inbox.answer")
def _answer_again(conversation_id: int) -> str:
    return _page(_load(conversation_id), TeamAnswerForm())


def _load(conversation_id: int):
    conversation = inbox.team_conversation_for(current_user, conversation_id)
    if conversation is None:
        abort(404)
    return conversation


def _page(conversation, form):
    place = inbox.team_member_of(conversation)
    return render_template(
        "moderation/inbox_show.html",
        conversation=conversation,
        messages=conversations.messages_in(conversation),
        member=place.user if place is not None else None,
        reachable=place is not None and place.is_active,
        about=conversations.about_notice(conversation),
        form=form,
    )
