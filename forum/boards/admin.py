"""The board admin pages (/admin/boards): create, edit, reorder, archive. Guarded once."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.boards import forms, management
from forum.errors import NotAllowed
from forum.extensions import db, login_manager
from forum.permissions import can_administer
from forum.posts.models import Board
from forum.posts.queries import listed_boards
from forum.web.forms import ConfirmForm

admin_bp = Blueprint("board_admin", __name__, url_prefix="/admin/boards")


@admin_bp.before_request
def _admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_administer(current_user):
        raise NotAllowed(_("Only admins can manage boards."))
    return None


def _admin_board(board_id: int) -> Board:
    board = db.session.get(Board, board_id)
    if board is None:
        abort(404)
    return board


@admin_bp.get("/")
def boards():
    return render_template(
        "admin/boards.html", boards=listed_boards(current_user), form=ConfirmForm()
    )


@admin_bp.route("/new", methods=["GET", "POST"])
def new_board():
    form = forms.BoardForm()
    if form.validate_on_submit():
        try:
            board = management.create_board(
                form.name.data, form.slug.data, form.description.data or ""
            )
        except management.BoardError as error:
            db.session.rollback()  # nothing of the refused change is kept
            form.slug.errors = [error.message]
        else:
            db.session.commit()
            flash(_("The board “%(name)s” is created.", name=board.name), "success")
            return redirect(url_for("board_admin.boards"))
    return render_template(
        "admin/board_form.html", form=form, board=None
    ), 400 if form.errors else 200


@admin_bp.route("/<int:board_id>/edit", methods=["GET", "POST"])
def edit_board(board_id: int):
    board = _admin_board(board_id)
    form = forms.BoardForm(obj=board)
    if form.validate_on_submit():
        try:
            management.update_board(
                board, form.name.data, form.slug.data, form.description.data or ""
            )
        except management.BoardError as error:
            db.session.rollback()  # nothing of the refused change is kept
            form.slug.errors = [error.message]
        else:
            db.session.commit()
            flash(_("The board is saved."), "success")
            return redirect(url_for("board_admin.boards"))
    return render_template(
        "admin/board_form.html", form=form, board=board
    ), 400 if form.errors else 200


@admin_bp.post("/<int:board_id>/move/<direction>")
def move_board(board_id: int, direction: str):
    board = _admin_board(board_id)
    if direction not in ("up", "down"):
        abort(404)
    management.move_board(board, -1 if direction == "up" else 1)
    db.session.commit()
    return redirect(url_for("board_admin.boards"))


@admin_bp.post("/<int:board_id>/archive")
def archive_board(board_id: int):
    board = _admin_board(board_id)
    management.set_board_archived(board, not board.is_archived)
    db.session.commit()
    if board.is_archived:
        done = _("The board “%(name)s” is archived.", name=board.name)
    else:
        done = _("The board “%(name)s” is back in the list.", name=board.name)
    flash(done, "success")
    return redirect(url_for("board_admin.boards"))
