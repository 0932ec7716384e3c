"""My drafts (/drafts): saving a writing form as a draft (its button, or the page's script
while the member types), the list, resuming one in its own form, and discarding it.

Every page here is the member's own: another member's draft is a 404, whoever asks.
"""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.conversations import queries as conversations
from forum.drafts import queries, services
from forum.drafts.forms import DraftForm
from forum.drafts.models import DraftKind, SavedDraft
from forum.errors import ForumError
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts import queries as posts
from forum.posts.models import Board
from forum.posts.visibility import can_view_board, can_view_post, can_view_thread
from forum.web.forms import ConfirmForm
from forum.web.limits import SlowDown
from forum.web.paging import id_from

bp = Blueprint("drafts", __name__, url_prefix="/drafts")

# Sent by forum/static/js/drafts.js: the answer is JSON and nothing is flashed.
BY_SCRIPT = "X-Hearth-Autosave"
SAVED = _l("Saved in My drafts. Only you can see it; resume it whenever you are ready.")


@bp.before_request
@login_required
def _members_only():
    """Everything here is the member's own: one guard for the whole area."""
    return None


@bp.get("")
def index():
    return render_template(
        "drafts/index.html", listed=queries.drafts_of(current_user), confirm=ConfirmForm()
    )


@bp.post("/new-thread/<int:board_id>")
def save_thread(board_id: int):
    board = db.session.get(Board, board_id)
    if board is None or not can_view_board(current_user, board):
        abort(404)
    return _save(services.Place(DraftKind.THREAD, board=board))


@bp.post("/reply/<int:thread_id>")
def save_reply(thread_id: int):
    thread = posts.thread_by_id(thread_id)
    if thread is None or not can_view_thread(current_user, thread):
        abort(404)
    form = DraftForm()
    parent_id = id_from(form.parent_id.data)
    parent = posts.post_by_id(parent_id) if parent_id else None
    if parent is None or parent.thread_id != thread.id or not can_view_post(current_user, parent):
        parent = None
    return _save(services.Place(DraftKind.REPLY, thread=thread, parent=parent), form)


@bp.post("/message/<int:conversation_id>")
def save_message(conversation_id: int):
    conversation = conversations.conversation_for(current_user, conversation_id)
    if conversation is None:
        abort(404)
    return _save(services.Place(DraftKind.MESSAGE, conversation=conversation))


def _save(place: services.Place, form: DraftForm | None = None):
    """The form as a draft: by its button (then to My drafts), or by the page's script (a
    JSON answer). What can't be saved comes back with the words kept."""
    by_script = request.headers.get(BY_SCRIPT) == "1"
    form = form or DraftForm()
    if not form.validate_on_submit():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return _not_saved(place, form, by_script, " ".join(problems), 400)
    text = services.DraftText(
        form.body.data, form.title.data, form.content_note.data, form.content_note_text.data
    )
    try:
        draft = services.save_draft(
            current_user, place, text, id_from(form.draft_id.data), only_update=by_script
        )
    except ForumError as refused:  # SlowDown, DraftGone, TooManyDrafts
        db.session.rollback()
        return _not_saved(place, form, by_script, refused.message, refused.status_code, refused)
    draft_id = draft.id
    db.session.commit()
    if by_script:
        return jsonify(saved=True, draft_id=draft_id)
    flash(str(SAVED), "success")
    return redirect(url_for("drafts.index"))


def _not_saved(place, form, by_script: bool, message: str, status: int, refused=None):
    headers = {}
    if isinstance(refused, SlowDown):
        headers["Retry-After"] = str(refused.retry_after)
    if by_script:
        # A draft gone or too many kept: the script stops trying; otherwise it tries again.
        stop = isinstance(refused, services.DraftGone | services.TooManyDrafts)
        return jsonify(saved=False, error=message, stop=stop), status, headers
    page = render_template(
        "drafts/not_saved.html", place=place, form=form, message=message, back=_place_url(place)
    )
    return page, status, headers


def _place_url(place: services.Place) -> str:
    if place.kind == DraftKind.THREAD:
        return url_for("boards.new_thread", slug=place.board.slug)
    if place.kind == DraftKind.REPLY:
        return url_for("boards.reply", thread_id=place.thread.id)
    return url_for("conversations.show", conversation_id=place.conversation.id)


def _resume_url(draft: SavedDraft) -> str:
    """The draft's own form, filled in with it."""
    if draft.kind == DraftKind.THREAD:
        return url_for("boards.new_thread", slug=draft.board.slug, draft=draft.id)
    if draft.kind == DraftKind.REPLY:
        return url_for("boards.reply", thread_id=draft.thread_id, draft=draft.id)
    return url_for("conversations.show", conversation_id=draft.conversation_id, draft=draft.id)


def _load(draft_id: int) -> SavedDraft:
    draft = queries.draft_of(current_user, draft_id)
    if draft is None:
        abort(404)
    return draft


@bp.get("/<int:draft_id>/resume")
def resume(draft_id: int):
    """Open the draft in its form; one whose place no longer takes it is shown to copy."""
    where = queries.where_of(current_user, _load(draft_id))
    if where.is_open:
        return redirect(_resume_url(where.draft))
    return render_template("drafts/closed.html", where=where, confirm=ConfirmForm())


@bp.post("/<int:draft_id>/discard")
def discard(draft_id: int):
    draft = _load(draft_id)
    if ConfirmForm().validate_on_submit():
        services.discard_draft(current_user, draft)
        db.session.commit()
        flash(_("The draft is discarded."), "success")
    return redirect(url_for("drafts.index"))
