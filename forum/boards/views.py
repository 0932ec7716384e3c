"""The board and thread pages: the board index, a board, a thread, a post's link and history."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.boards import forms, queries, stories, writing_pages
from forum.boards.cards import board_rows, post_cards, thread_rows
from forum.boards.loaders import load_board, load_post, load_thread
from forum.errors import NotAllowed
from forum.extensions import db
from forum.following import queries as following_queries
from forum.permissions import can_moderate
from forum.posts import queries as posts
from forum.posts.models import Thread
from forum.posts.permissions import can_reply, can_view_history
from forum.reactions.queries import summary as reaction_summary
from forum.recovery.queries import shown_day_counts
from forum.web.forms import ConfirmForm
from forum.web.pagecache import cached_for_readers, revalidate_for_readers
from forum.web.paging import page_number
from forum.web.urls import thread_url

bp = Blueprint("boards", __name__)
# The writing pages (starting a thread, replying, editing, deleting) live in writing_pages.py
# and are served from this blueprint, under the same endpoints.
writing_pages.add_routes(bp)

# Pages a signed-out reader may revalidate with If-None-Match instead of downloading again.
_CONDITIONAL = frozenset({"boards.index", "boards.board", "boards.thread"})


@bp.after_request
def _conditional_for_readers(response: Response) -> Response:
    if request.endpoint not in _CONDITIONAL:
        return response
    return revalidate_for_readers(response)


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
