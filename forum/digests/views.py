"""Notifications settings (/settings/notifications) and the digest's one-click unsubscribe
(/digest/unsubscribe/<token>: a page with a button, and the POST mail programs send)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.digests import services
from forum.digests.forms import NotificationsForm
from forum.extensions import csrf, db
from forum.web.forms import ConfirmForm

bp = Blueprint("digests", __name__)


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def settings():
    form = NotificationsForm(obj=current_user)
    if form.validate_on_submit():
        services.set_notifications(
            current_user,
            form.email.data,
            form.digest.data,
            form.quiet_from.data,
            form.quiet_until.data,
            form.time_zone.data,
        )
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for(".settings"))
    return render_template("digests/settings.html", form=form), 400 if form.errors else 200


@bp.get("/digest/unsubscribe/<token>")
def unsubscribe_page(token: str):
    if services.member_for_token(token) is None:
        abort(404)
    return render_template("digests/unsubscribe.html", token=token, form=ConfirmForm())


@bp.post("/digest/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: the mail program posts it, with no form token; the link is the key
def unsubscribe(token: str):
    member = services.member_for_token(token)
    if member is None:
        abort(404)
    services.unsubscribe(member)
    db.session.commit()
    return render_template("digests/unsubscribed.html")
