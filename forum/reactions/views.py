"""Toggling a reaction: a POST from a small form on each post, back to the same post."""

from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user, login_required

from forum.extensions import db
from forum.posts.queries import post_by_id
from forum.posts.visibility import can_view_post
from forum.reactions import queries, services

bp = Blueprint("reactions", __name__)
# Each post's reaction buttons (templates/reactions/_macros.html).
bp.add_app_template_global(queries.KINDS, "reaction_words")


@bp.post("/p/<int:post_id>/react/<kind>")
@login_required
def toggle(post_id: int, kind: str):
    post = post_by_id(post_id)
    if post is None or not can_view_post(current_user, post) or kind not in queries.KINDS:
        abort(404)
    services.toggle_reaction(current_user, post, kind)
    db.session.commit()
    return redirect(url_for("boards.permalink", post_id=post.id))
