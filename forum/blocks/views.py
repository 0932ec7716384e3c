"""Muting and blocking from a member's profile, and undoing it from Settings."""

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.queries import user_by_pseudonym
from forum.blocks import queries, services
from forum.blocks.forms import ShutOutForm
from forum.blocks.models import ShutKind
from forum.errors import ForumError
from forum.extensions import db
from forum.permissions import is_member

bp = Blueprint("blocks", __name__)


@bp.app_template_global()
def shut_out_mark(post) -> str | None:
    """ "muted" or "blocked" when the reader shut out the post's author: its words collapse."""
    if not is_member(current_user) or post.author_id is None:
        return None
    kind = queries.shut_out_kinds(current_user.id).get(post.author_id)
    return None if kind is None else ("blocked" if kind == ShutKind.BLOCK else "muted")


@bp.post("/members/<pseudonym>/shut-out")
@login_required
def shut_out(pseudonym: str):
    other = user_by_pseudonym(pseudonym)
    if other is None:
        abort(404)
    form = ShutOutForm()
    if not form.validate_on_submit():
        flash(_("Please choose mute or block, and for how long."), "error")
        return redirect(url_for("accounts.profile", pseudonym=other.pseudonym))
    try:
        services.shut_out(current_user, other, ShutKind(form.kind.data), form.duration.data)
    except ForumError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.profile", pseudonym=other.pseudonym))
    db.session.commit()
    name = other.pseudonym
    if form.kind.data == ShutKind.MUTE:
        done = _("You muted %(name)s. They are not told. Undo it in Settings.", name=name)
    else:
        done = _("You blocked %(name)s. They are not told. Undo it in Settings.", name=name)
    flash(done, "success")
    return redirect(url_for("accounts.profile", pseudonym=other.pseudonym))


@bp.post("/settings/shut-out/<int:member_id>/undo")
@login_required
def undo(member_id: int):
    services.undo_shut_out(current_user, member_id)
    db.session.commit()
    flash(_("Undone."), "success")
    return redirect(url_for("accounts.settings", _anchor="shut-out"))
