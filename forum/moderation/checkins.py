"""The moderators' check-ins page (/mod/checkins): which boards open a thread each morning
in each time-zone band, and the kind words each day opens with. The area's guard
(forum.moderation.views) keeps everyone else out."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length

from forum.checkins.queries import DEFAULT_TEXT, bands
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.i18n import lazy_text
from forum.posts.models import Board
from forum.posts.queries import listed_boards

bp = Blueprint("checkins", __name__, url_prefix="/checkins")
TEXT_MAX = 4000


class CheckinForm(FlaskForm):
    enabled = BooleanField(_l("Open a check-in thread here every morning"))
    text = TextAreaField(
        _l("Opening text"),
        validators=[
            Length(
                max=TEXT_MAX,
                message=lazy_text(
                    lambda: _("Keep it under %(num)s characters.", num=format_number(TEXT_MAX))
                ),
            )
        ],
        description=_l("Markdown. Left blank, the day opens with the default text below."),
    )


def _form_for(board: Board, formdata=None) -> CheckinForm:
    return CheckinForm(
        formdata=formdata,
        prefix=f"board-{board.id}",
        data={"enabled": board.has_checkins, "text": board.checkin_text or ""},
    )


def set_checkins(board: Board, enabled: bool, text: str) -> None:
    """Turn a board's daily check-ins on or off and word their opening text (blank: the
    default). Caller commits."""
    board.has_checkins = enabled
    board.checkin_text = text.strip() or None


def _page(failed: tuple[int, CheckinForm] | None = None, status: int = 200):
    boards = [b for b in listed_boards(current_user) if not b.is_archived]
    forms = {b.id: _form_for(b) for b in boards}
    if failed is not None:
        forms[failed[0]] = failed[1]
    shown_bands, opens_at = bands()
    return render_template(
        "moderation/checkins.html",
        boards=boards,
        forms=forms,
        bands=shown_bands,
        opens_at=opens_at,
        default_text=DEFAULT_TEXT,
    ), status


@bp.get("")
def index():
    return _page()


@bp.post("/<int:board_id>")
def update(board_id: int):
    board = db.session.get(Board, board_id)
    if board is None or board.is_archived:
        abort(404)
    form = CheckinForm(prefix=f"board-{board.id}")
    if not form.validate_on_submit():
        return _page((board.id, form), 400)  # what was typed is kept
    set_checkins(board, form.enabled.data, form.text.data or "")
    db.session.commit()
    flash(
        _("%(board)s opens a check-in thread every morning.", board=board.name)
        if board.has_checkins
        else _("%(board)s opens no more check-in threads.", board=board.name),
        "success",
    )
    return redirect(url_for(".index"))
