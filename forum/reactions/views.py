"""Toggling a reaction: a POST from a small form on each post, back to the same post."""

from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user, login_required

from forum.boards.queries import post_by_id
from forum.extensions import db
from forum.permissions import can_view_post
from forum.reactions import services

bp = Blueprint("reactions", __name__)


@bp.post("/p/<int:post_id>/react/<kind>")
@login_required
def toggle(post_id: int, kind: str):
    post = post_by_id(post_id)
    if post is None or not can_view_post(current_user, post) or kind not in services.KINDS:
        abort(404)
    services.toggle_reaction(current_user, post, kind)
    db.session.commit()
    return redirect(url_for("boards.permalink", post_id=post.id))
