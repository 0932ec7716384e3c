"""Today's check-ins (/checkins) and the pledge, a one-click POST from a check-in thread or
from My recovery."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.checkins import queries, services
from forum.extensions import db
from forum.posts.models import Thread
from forum.web.forms import ConfirmForm
from forum.web.paging import id_from
from forum.web.urls import thread_url

bp = Blueprint("checkins", __name__, url_prefix="/checkins")


@bp.app_template_global()
def pledged_today(member) -> bool:
    """Whether this member pledged today (asked on check-in threads and My recovery only)."""
    return queries.pledged_today(member)


@bp.app_template_global()
def pledge_streak(member) -> int:
    return queries.streak(member)


@bp.app_template_global()
def checkin_title(checkin) -> str:
    return queries.shown_title(checkin)


@bp.get("")
def index():
    return render_template("checkins/index.html", checkins=queries.open_checkins())


@bp.post("/pledge")
@login_required
def pledge():
    back = _back()
    if ConfirmForm().validate_on_submit():
        new = services.pledge(current_user)
        db.session.commit()
        flash(
            _("Pledged for today. That's yours: nobody sees it unless you say so.")
            if new
            else _("You pledged today already. One day at a time."),
            "success",
        )
    return redirect(back)


def _back() -> str:
    """Back to the check-in thread the pledge came from, else to My recovery."""
    thread_id = id_from(request.form.get("thread_id"))
    thread = db.session.get(Thread, thread_id) if thread_id is not None else None
    if thread is not None and queries.checkin_of(thread) is not None:
        return thread_url(thread, _anchor="pledge")
    return url_for("recovery.home", _anchor="pledge")
