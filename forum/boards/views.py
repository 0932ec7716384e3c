"""The board and thread pages: the board index, a board, a thread, a post's link and history."""

from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.boards import forms, queries, stories
from forum.boards.cards import board_rows, post_cards, thread_rows
from forum.boards.filled import filled_in, private_if
from forum.checkins.queries import pledged_today, with_pledged_line
from forum.errors import NotAllowed
from forum.extensions import db
from forum.following import queries as following_queries
from forum.permissions import can_moderate
from forum.posts import lifecycle
from forum.posts import queries as posts
from forum.posts.models import Board, Post, Thread, ThreadKind
from forum.posts.permissions import (
    can_delete_post,
    can_edit_post,
    can_post,
    can_reply,
    can_view_history,
)
from forum.posts.visibility import can_view_post, can_view_thread, is_listed_in_thread
from forum.reactions.queries import summary as reaction_summary
from forum.recovery.queries import shown_day_counts
from forum.web import limits
from forum.web.forms import ConfirmForm
from forum.web.pagecache import cached_for_readers, revalidate_for_readers
from forum.web.paging import id_from, page_number
from forum.web.urls import thread_url
from forum.writing.responses import write_from_form
from forum.writing.services import write_edit, write_reply, write_thread

bp = Blueprint("boards", __name__)

# Pages a signed-out reader may revalidate with If-None-Match instead of downloading again.
_CONDITIONAL = frozenset({"boards.index", "boards.board", "boards.thread"})


@bp.after_request
def _conditional_for_readers(response: Response) -> Response:
    if request.endpoint not in _CONDITIONAL:
        return response
    return revalidate_for_readers(response)


def load_board(slug: str) -> Board:
    board = posts.board_by_slug(current_user, slug)
    if board is None:
        abort(404)
    return board


def load_thread(thread_id: int) -> Thread:
    thread = posts.thread_by_id(thread_id)
    if thread is None or not can_view_thread(current_user, thread):
        abort(404)
    return thread


def load_post(post_id: int) -> Post:
    """A post the viewer finds in its thread: one that was never public is not found."""
    post = posts.post_by_id(post_id)
    if (
        post is None
        or not can_view_thread(current_user, post.thread)
        or not is_listed_in_thread(current_user, post)
    ):
        abort(404)
    return post


@bp.get("/")
@cached_for_readers
def index():
    boards = [b for b in posts.listed_boards(current_user) if not b.is_archived]
    latest = queries.latest_threads_by_board(current_user, [b.id for b in boards])
    featured = queries.featured_threads(current_user)
    rows = board_rows(boards, latest)
    return render_template("boards/index.html", rows=rows, featured=featured)


@bp.get("/b/<slug>")
@cached_for_readers
def board(slug: str):
    board = load_board(slug)
    page = page_number()
    threads = queries.board_threads(current_user, board, page)
    if page > 1 and page > threads.pages:
        abort(404)
    new_counts = following_queries.new_counts(current_user, threads.items)
    rows = thread_rows(threads.items, new_counts)
    return render_template("boards/board.html", board=board, threads=threads, rows=rows)


@bp.get("/t/<int:thread_id>")
@bp.get("/t/<int:thread_id>/<slug>")
@cached_for_readers
def thread(thread_id: int, slug: str | None = None):
    thread = load_thread(thread_id)
    # A form's CSRF token goes into the session: only those who can reply get one.
    form = forms.ReplyForm() if can_reply(current_user, thread) else None
    return render_thread(thread, page_number(), form)


def render_thread(thread: Thread, page: int, form, status: int = 200):
    shown = queries.thread_posts(current_user, thread, page)
    if page > 1 and page > shown.pages:
        abort(404)
    reading = following_queries.thread_reading(current_user, thread, shown.items)
    page_html = render_template(
        "boards/thread.html",
        thread=thread,
        posts=shown,
        cards=post_cards(
            current_user,
            thread,
            shown.items,
            replies=queries.replies_to(current_user, shown.items),
            reading=reading,
            days=shown_day_counts(current_user, shown.items),
            reactions=reaction_summary(current_user, shown.items),
        ),
        form=form,
        reading=reading,
    )
    # A member's visit (how far they read) is written after rendering, so that committing
    # does not expire what the page still reads; a signed-out reader writes nothing.
    db.session.commit()
    return page_html, status


@bp.post("/t/<int:thread_id>/got-through")
@login_required
def got_through(thread_id: int):
    thread = load_thread(thread_id)
    if ConfirmForm().validate_on_submit():
        tagged = request.form.get("tag") == "yes"
        stories.tag_story(current_user, thread, tagged)
        db.session.commit()
        flash(
            _(
                "Thank you. Your story may now be shown to someone in a hard moment, "
                "on the help page."
            )
            if tagged
            else _("The tag is off: your story is no longer shown on the help page."),
            "success",
        )
    return redirect(thread_url(thread))


@bp.get("/p/<int:post_id>")
def permalink(post_id: int):
    post = load_post(post_id)
    page = posts.page_of_post(current_user, post)
    return redirect(thread_url(post.thread, page=page if page > 1 else None, _anchor=f"p{post.id}"))


@bp.get("/p/<int:post_id>/history")
@login_required
def post_history(post_id: int):
    post = load_post(post_id)
    if not can_view_history(current_user, post):
        raise NotAllowed(_("Only the author and the moderators can see earlier versions."))
    revisions = posts.post_history(post, with_redacted=can_moderate(current_user))
    return render_template("boards/history.html", post=post, revisions=revisions)


# --- writing: each view hands the form to the one write rule (forum.writing) ---------------


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str):
    board = load_board(slug)
    if not can_post(current_user, board):
        raise NotAllowed(_("You can't start a thread on this board right now."))
    data, resumed = filled_in("thread", board.id)
    form = forms.ThreadForm(data=data)
    answer = write_from_form(
        form,
        lambda draft: write_thread(current_user, board, draft),
        lambda post: thread_url(post.thread),
        _("Your thread is posted."),
    )
    if answer:
        return answer
    page = render_template("boards/new_thread.html", board=board, form=form, resumed=resumed)
    return page, 400 if form.errors else 200, private_if(data is not None, form)


@limits.form_page("boards.new_thread")
def _new_thread_again(slug: str) -> str:
    return render_template(
        "boards/new_thread.html", board=load_board(slug), form=forms.ThreadForm()
    )


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
def reply(thread_id: int):
    thread = load_thread(thread_id)
    if not can_reply(current_user, thread):
        raise NotAllowed(_("This thread doesn't take replies from you right now."))
    data, resumed = filled_in("reply", thread.id)
    form = forms.ReplyForm(data=data)
    parent = _parent_for(thread, form.parent_id.data or request.args.get("to"))
    answer = write_from_form(
        form,
        lambda draft: write_reply(current_user, thread, _as_said(thread, form, draft), parent),
        _permalink,
        _("Your reply is posted."),
    )
    if answer:
        return answer
    if parent is not None and not form.parent_id.data:
        form.parent_id.data = str(parent.id)
    status = 400 if form.errors else 200
    page = render_template(
        "boards/reply.html", thread=thread, parent=parent, form=form, resumed=resumed
    )
    return page, status, private_if(data is not None, form)


def _as_said(thread: Thread, form, draft):
    """A check-in reply begins with "Pledged today" when its author pledged and chose to say so."""
    if form.say_pledged.data and thread.kind == ThreadKind.CHECKIN and pledged_today(current_user):
        return replace(draft, body=with_pledged_line(draft.body))
    return draft


@limits.form_page("boards.reply")
def _reply_again(thread_id: int) -> str:
    thread = load_thread(thread_id)
    form = forms.ReplyForm()
    parent = _parent_for(thread, form.parent_id.data)
    return render_template("boards/reply.html", thread=thread, parent=parent, form=form)


def _parent_for(thread: Thread, raw_id) -> Post | None:
    parent_id = id_from(raw_id)
    if parent_id is None:
        return None
    parent = posts.post_by_id(parent_id)
    if parent is None or parent.thread_id != thread.id or not can_view_post(current_user, parent):
        return None
    return parent


def _permalink(post: Post) -> str:
    return url_for("boards.permalink", post_id=post.id)


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = load_post(post_id)
    if not can_edit_post(current_user, post):
        raise NotAllowed(_("You can only edit your own posts."))
    form = forms.EditPostForm(
        data={
            "title": post.thread.title if post.is_opening else None,
            "body": post.body_source,
            "content_note": post.content_note or "",
            "content_note_text": post.content_note_text,
            "language": post.language,
        }
    )
    answer = write_from_form(
        form,
        lambda draft: write_edit(current_user, post, draft),
        _permalink,
        _("Your changes are saved."),
    )
    status = 400 if form.errors else 200
    return answer or (render_template("boards/edit.html", post=post, form=form), status)


@bp.route("/p/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id: int):
    post = load_post(post_id)
    if not can_delete_post(current_user, post):
        raise NotAllowed(_("You can only delete your own posts."))
    form = ConfirmForm()
    if form.validate_on_submit():
        lifecycle.delete_post(current_user, post)
        db.session.commit()
        flash(_("Your post is deleted."), "success")
        if can_view_thread(current_user, post.thread):
            # A post taken back before it was approved leaves no place to link to.
            listed = is_listed_in_thread(current_user, post)
            return redirect(_permalink(post) if listed else thread_url(post.thread))
        return redirect(url_for("boards.board", slug=post.thread.board.slug))
    return render_template("boards/delete.html", post=post, form=form)
