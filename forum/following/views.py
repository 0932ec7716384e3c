"""Follow and mute buttons, saving posts, the bookmarks page, and the thread page's marks."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.extensions import db
from forum.following import queries, services
from forum.following.models import FollowState
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Thread
from forum.posts.queries import post_by_id, thread_by_id
from forum.posts.visibility import can_view_post, can_view_thread
from forum.web.paging import page_number
from forum.web.urls import thread_url

bp = Blueprint("following", __name__)

CHOICES = {
    "follow": (
        FollowState.FOLLOWING,
        _l("You follow this thread: every new reply sends a notice."),
    ),
    "unfollow": (FollowState.NOT_FOLLOWING, _l("You no longer follow this thread.")),
    "mute": (FollowState.MUTED, _l("This thread is muted: it sends you no notices at all.")),
    "unmute": (FollowState.NOT_FOLLOWING, _l("This thread is no longer muted.")),
}


def _load_thread(thread_id: int) -> Thread:
    thread = thread_by_id(thread_id)
    if thread is None or not can_view_thread(current_user, thread):
        abort(404)
    return thread


@bp.post("/t/<int:thread_id>/following/<any(follow, unfollow, mute, unmute):choice>")
@login_required
def choose(thread_id: int, choice: str):
    thread = _load_thread(thread_id)
    state, message = CHOICES[choice]
    services.set_follow(current_user, thread, state)
    db.session.commit()
    flash(str(message), "success")
    return redirect(thread_url(thread))


@bp.get("/t/<int:thread_id>/following/first-new")
@login_required
def first_new(thread_id: int):
    thread = _load_thread(thread_id)
    post_id = queries.first_new_post_id(current_user, thread)
    if post_id is None:
        return redirect(thread_url(thread))
    return redirect(url_for("boards.permalink", post_id=post_id))


@bp.post("/p/<int:post_id>/bookmark")
@login_required
def bookmark(post_id: int):
    post = post_by_id(post_id)
    if post is None or not can_view_post(current_user, post):
        abort(404)
    saved = services.toggle_bookmark(current_user, post)
    db.session.commit()
    flash(_("Saved to your bookmarks.") if saved else _("Removed from your bookmarks."), "success")
    return redirect(url_for("boards.permalink", post_id=post.id))


@bp.get("/bookmarks")
@login_required
def bookmarks():
    saved = queries.bookmarks(current_user, page_number())
    gone = queries.unreadable_bookmark_ids(current_user)
    return render_template("following/bookmarks.html", saved=saved, gone=len(gone))


@bp.post("/bookmarks/<int:post_id>/remove")
@login_required
def remove(post_id: int):
    services.remove_bookmarks(current_user, [post_id])
    db.session.commit()
    flash(_("Removed from your bookmarks."), "success")
    return redirect(url_for("following.bookmarks"))


@bp.post("/bookmarks/remove-unreadable")
@login_required
def remove_unreadable():
    services.remove_bookmarks(current_user, queries.unreadable_bookmark_ids(current_user))
    db.session.commit()
    flash(_("The posts you can no longer read are gone from your bookmarks."), "success")
    return redirect(url_for("following.bookmarks"))
