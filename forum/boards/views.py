"""Pages for reading and writing: the board index, boards, threads, posts, and board admin."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.wrappers import Response
from flask_login import current_user, login_required

from forum import limits
from forum.boards import forms, management, queries, services
from forum.boards.content_notes import set_content_note
from forum.boards.models import Board, Post, Thread
from forum.boards.pagecache import cached_for_readers
from forum.errors import NotAllowed
from forum.extensions import db
from forum.following import queries as following_queries
from forum.permissions import (
    can_delete_post,
    can_edit_post,
    can_moderate,
    can_post,
    can_reply,
    can_view_history,
    can_view_post,
    can_view_thread,
    is_member,
)
from forum.reactions.queries import summary as reaction_summary
from forum.recovery.queries import shown_day_counts
from forum.support.services import identity_hints, look_after

bp = Blueprint("boards", __name__)


# Pages a signed-out reader may revalidate with If-None-Match instead of downloading again.
_CONDITIONAL = frozenset({"boards.index", "boards.board", "boards.thread"})


@bp.after_request
def _conditional_for_readers(response: Response) -> Response:
    """An ETag (a hash of the page) for signed-out readers, and 304 when it still matches.

    A member's page carries their own marks and a form token, so it is never revalidated.
    """
    if request.endpoint not in _CONDITIONAL or request.method != "GET":
        return response
    if is_member(current_user) or response.status_code != 200:
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    return response.make_conditional(request)


def _page() -> int:
    page = request.args.get("page", "1")
    # isdecimal, not isdigit: "²" is a digit that int() refuses; the length bounds int().
    return int(page) if page.isdecimal() and len(page) < 6 and int(page) > 0 else 1


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
@cached_for_readers
def index():
    boards = queries.listed_boards(current_user)
    boards = [b for b in boards if not b.is_archived]
    latest = queries.latest_threads_by_board(current_user, [b.id for b in boards])
    featured = queries.featured_threads(current_user)
    return render_template("boards/index.html", boards=boards, latest=latest, featured=featured)


@bp.get("/b/<slug>")
@cached_for_readers
def board(slug: str):
    board = _load_board(slug)
    page = _page()
    threads = queries.board_threads(current_user, board, page)
    if page > 1 and page > threads.pages:
        abort(404)
    new_counts = following_queries.new_counts(current_user, threads.items)
    return render_template("boards/board.html", board=board, threads=threads, new_counts=new_counts)


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
@limits.posts_per_member
def new_thread(slug: str):
    board = _load_board(slug)
    if not can_post(current_user, board):
        raise NotAllowed("You can't start a thread on this board right now.")
    form = forms.ThreadForm()
    if form.validate_on_submit() and not _needs_a_second_look(form):
        thread = services.start_thread(current_user, board, form.title.data, form.body.data)
        return _after_writing(
            queries.opening_post(thread), form, thread_url(thread), "Your thread is posted."
        )
    return render_template(
        "boards/new_thread.html", board=board, form=form
    ), 400 if form.errors else 200


@limits.form_page("boards.new_thread")
def _new_thread_again(slug: str) -> str:
    return render_template(
        "boards/new_thread.html", board=_load_board(slug), form=forms.ThreadForm()
    )


def _needs_a_second_look(form) -> bool:
    """Before saving: a post that may identify someone waits for "Post it anyway"."""
    if form.post_anyway.data:
        return False
    form.identity_hints = identity_hints(form.body.data)
    return bool(form.identity_hints)


def _after_writing(post: Post, form, target: str, done: str):
    """Note, care check, commit: words of risk lead to the help page, never to a refusal."""
    set_content_note(post, form.content_note.data, form.content_note_text.data)
    at_risk = look_after(post)
    # Read before the commit, which expires them: a database lost just after a commit that
    # went through must not turn the saved post into an error page (and a second copy).
    post_id, visible = post.id, post.status.value == "visible"
    db.session.commit()
    if at_risk:
        flash("Your post is saved. If things are hard right now, people are there for you.", "info")
        return redirect(url_for("support.help", after=post_id))
    flash(done if visible else _WAITING, "success")
    return redirect(target)


_WAITING = "Thank you. Your post is waiting for a moderator and will appear once approved."


@bp.get("/t/<int:thread_id>")
@bp.get("/t/<int:thread_id>/<slug>")
@cached_for_readers
def thread(thread_id: int, slug: str | None = None):
    thread = _load_thread(thread_id)
    # A form's CSRF token goes into the session: only those who can reply get one.
    form = forms.ReplyForm() if can_reply(current_user, thread) else None
    return _render_thread(thread, _page(), form)


def _render_thread(thread: Thread, page: int, form, status: int = 200):
    posts = queries.thread_posts(current_user, thread, page)
    if page > 1 and page > posts.pages:
        abort(404)
    replies = queries.replies_to(current_user, posts.items)
    from forum.following.views import thread_reading

    reading = thread_reading(thread, posts.items)
    page_html = render_template(
        "boards/thread.html",
        thread=thread,
        posts=posts,
        replies=replies,
        form=form,
        reading=reading,
        day_counts=shown_day_counts(current_user, [p.author_id for p in posts.items]),
        reactions=reaction_summary(current_user, posts.items),
    )
    # A member's visit (how far they read) is written after rendering, so that committing
    # does not expire what the page still reads; a signed-out reader writes nothing.
    db.session.commit()
    return page_html, status


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
@limits.posts_per_member
def reply(thread_id: int):
    thread = _load_thread(thread_id)
    if not can_reply(current_user, thread):
        raise NotAllowed("This thread doesn't take replies from you right now.")
    form = forms.ReplyForm()
    parent = _parent_for(thread, form.parent_id.data or request.args.get("to"))
    if form.validate_on_submit() and not _needs_a_second_look(form):
        post = services.reply(current_user, thread, form.body.data, parent)
        target = url_for("boards.permalink", post_id=post.id)
        return _after_writing(post, form, target, "Your reply is posted.")
    if parent is not None and not form.parent_id.data:
        form.parent_id.data = str(parent.id)
    status = 400 if form.errors else 200
    return render_template("boards/reply.html", thread=thread, parent=parent, form=form), status


@limits.form_page("boards.reply")
def _reply_again(thread_id: int) -> str:
    thread = _load_thread(thread_id)
    form = forms.ReplyForm()
    parent = _parent_for(thread, form.parent_id.data)
    return render_template("boards/reply.html", thread=thread, parent=parent, form=form)


def _parent_for(thread: Thread, raw_id) -> Post | None:
    if not raw_id or not str(raw_id).isdecimal() or len(str(raw_id)) > 18:
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
    form = forms.EditPostForm(
        data={
            "title": title,
            "body": post.body_source,
            "content_note": post.content_note or "",
            "content_note_text": post.content_note_text,
        }
    )
    if form.validate_on_submit() and not _needs_a_second_look(form):
        services.edit_post(current_user, post, form.body.data, form.title.data)
        target = url_for("boards.permalink", post_id=post.id)
        return _after_writing(post, form, target, "Your changes are saved.")
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
