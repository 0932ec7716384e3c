"""The member's notices page, and marking notices read (one or all, each a POST)."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from forum.extensions import db
from forum.moderation.appeals import queries as appeals
from forum.notices import queries, services
from forum.web.paging import page_number

bp = Blueprint("notices", __name__, url_prefix="/notices")
# The header's unread count, on every page.
bp.add_app_template_global(queries.unread_count, "unread_notices")


@bp.get("/")
@login_required
def index():
    notices = queries.notices_for(current_user, page_number())
    shown = queries.shown_notices(current_user, notices.items)
    action_ids = [n.action_id for n in notices.items]
    return render_template(
        "notices/index.html",
        notices=notices,
        shown=shown,
        actions=appeals.actions_by_id(action_ids),
        appeals=appeals.appeals_of(current_user, action_ids),
    )


@bp.post("/<int:notice_id>/read")
@login_required
def read(notice_id: int):
    services.mark_read(current_user, notice_id)
    db.session.commit()
    return redirect(url_for("notices.index"))


@bp.post("/read-all")
@login_required
def read_all():
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notices.index"))
