"""Pages for reading and writing: the board index, boards, threads, posts, and board admin."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.boards import forms, management, queries, services
from forum.boards.models import Board, Post, Thread
from forum.errors import NotAllowed
from forum.extensions import db, login_manager
from forum.permissions import (
    can_administer,
    can_delete_post,
    can_edit_post,
    can_moderate,
    can_post,
    can_reply,
    can_view_history,
    can_view_post,
    can_view_thread,
)

bp = Blueprint("boards", __name__)


def _page() -> int:
    page = request.args.get("page", "1")
    return int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1


def _load_board(slug: str) -> Board:
    board = queries.board_by_slug(current_user, slug)
    if board is None:
        abort(404)
    return board


def _load_thread(thread_id: int) -> Thread:
    thread = queries.thread_by_id(thread_id)
    if thread is None or not can_view_thread(current_user, thread):
        abort(404)
    return thread


def _load_post(post_id: int) -> Post:
    post = queries.post_by_id(post_id)
    if post is None or not can_view_thread(current_user, post.thread):
        abort(404)
    return post


def thread_url(thread: Thread, **kwargs) -> str:
    return url_for(
        "boards.thread",
        thread_id=thread.id,
        slug=management.slugify(thread.title) or None,
        **kwargs,
    )


@bp.get("/")
def index():
    boards = queries.listed_boards(current_user)
    boards = [b for b in boards if not b.is_archived]
    latest = queries.latest_threads_by_board(current_user, [b.id for b in boards])
    return render_template("boards/index.html", boards=boards, latest=latest)


@bp.get("/b/<slug>")
def board(slug: str):
    board = _load_board(slug)
    page = _page()
    threads = queries.board_threads(current_user, board, page)
    if page > 1 and page > threads.pages:
        abort(404)
    return render_template("boards/board.html", board=board, threads=threads)


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str):
    board = _load_board(slug)
    if not can_post(current_user, board):
        raise NotAllowed("You can't start a thread on this board right now.")
    form = forms.ThreadForm()
    if form.validate_on_submit():
        thread = services.start_thread(current_user, board, form.title.data, form.body.data)
        db.session.commit()
        flash("Your thread is posted.", "success")
        return redirect(thread_url(thread))
    return render_template(
        "boards/new_thread.html", board=board, form=form
    ), 400 if form.errors else 200


@bp.get("/t/<int:thread_id>")
@bp.get("/t/<int:thread_id>/<slug>")
def thread(thread_id: int, slug: str | None = None):
    thread = _load_thread(thread_id)
    return _render_thread(thread, _page(), forms.ReplyForm())


def _render_thread(thread: Thread, page: int, form, status: int = 200):
    posts = queries.thread_posts(current_user, thread, page)
    if page > 1 and page > posts.pages:
        abort(404)
    replies = queries.replies_to(current_user, posts.items)
    return (
        render_template(
            "boards/thread.html", thread=thread, posts=posts, replies=replies, form=form
        ),
        status,
    )


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
def reply(thread_id: int):
    thread = _load_thread(thread_id)
    if not can_reply(current_user, thread):
        raise NotAllowed("This thread doesn't take replies from you right now.")
    form = forms.ReplyForm()
    parent = _parent_for(thread, form.parent_id.data or request.args.get("to"))
    if form.validate_on_submit():
        post = services.reply(current_user, thread, form.body.data, parent)
        db.session.commit()
        flash("Your reply is posted.", "success")
        return redirect(url_for("boards.permalink", post_id=post.id))
    if parent is not None and not form.parent_id.data:
        form.parent_id.data = str(parent.id)
    status = 400 if form.errors else 200
    return render_template("boards/reply.html", thread=thread, parent=parent, form=form), status


def _parent_for(thread: Thread, raw_id) -> Post | None:
    if not raw_id or not str(raw_id).isdigit():
        return None
    parent = queries.post_by_id(int(raw_id))
    if parent is None or parent.thread_id != thread.id or not can_view_post(current_user, parent):
        return None
    return parent


@bp.get("/p/<int:post_id>")
def permalink(post_id: int):
    post = _load_post(post_id)
    page = queries.page_of_post(current_user, post)
    return redirect(thread_url(post.thread, page=page if page > 1 else None, _anchor=f"p{post.id}"))


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = _load_post(post_id)
    if not can_edit_post(current_user, post):
        raise NotAllowed("You can only edit your own posts.")
    title = post.thread.title if post.is_opening else None
    form = forms.EditPostForm(data={"title": title, "body": post.body_source})
    if form.validate_on_submit():
        services.edit_post(current_user, post, form.body.data, form.title.data)
        db.session.commit()
        flash("Your changes are saved.", "success")
        return redirect(url_for("boards.permalink", post_id=post.id))
    return render_template("boards/edit.html", post=post, form=form), 400 if form.errors else 200


@bp.route("/p/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id: int):
    post = _load_post(post_id)
    if not can_delete_post(current_user, post):
        raise NotAllowed("You can only delete your own posts.")
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        services.delete_post(current_user, post)
        db.session.commit()
        flash("Your post is deleted.", "success")
        if can_view_thread(current_user, post.thread):
            return redirect(url_for("boards.permalink", post_id=post.id))
        return redirect(url_for("boards.board", slug=post.thread.board.slug))
    return render_template("boards/delete.html", post=post, form=form)


@bp.get("/p/<int:post_id>/history")
@login_required
def post_history(post_id: int):
    post = _load_post(post_id)
    if not can_view_history(current_user, post):
        raise NotAllowed("Only the author and the moderators can see earlier versions.")
    revisions = queries.post_history(post, with_redacted=can_moderate(current_user))
    return render_template("boards/history.html", post=post, revisions=revisions)


# --- board admin: one guard for the whole area -----------------------------------------------

admin_bp = Blueprint("board_admin", __name__, url_prefix="/admin/boards")


@admin_bp.before_request
def _admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_administer(current_user):
        raise NotAllowed("Only admins can manage boards.")
    return None


def _admin_board(board_id: int) -> Board:
    board = db.session.get(Board, board_id)
    if board is None:
        abort(404)
    return board


@admin_bp.get("/")
def boards():
    return render_template(
        "admin/boards.html", boards=queries.listed_boards(current_user), form=forms.ConfirmForm()
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
            form.slug.errors = [error.message]
        else:
            db.session.commit()
            flash(f"The board “{board.name}” is created.", "success")
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
            form.slug.errors = [error.message]
        else:
            db.session.commit()
            flash("The board is saved.", "success")
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
    state = "archived" if board.is_archived else "back in the list"
    flash(f"The board “{board.name}” is {state}.", "success")
    return redirect(url_for("board_admin.boards"))
