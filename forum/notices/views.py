"""The member's notices page, and marking notices read (one or all, each a POST)."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.extensions import db
from forum.notices import queries, services

bp = Blueprint("notices", __name__, url_prefix="/notices")


@bp.get("/")
@login_required
def index():
    page = request.args.get("page", "1")
    notices = queries.notices_for(
        current_user, int(page) if page.isdecimal() and len(page) < 6 else 1
    )
    withheld = queries.withheld(current_user, notices.items)
    return render_template("notices/index.html", notices=notices, withheld=withheld)


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
