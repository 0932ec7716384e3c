"""The language switch every page's footer carries, and the Language choice in Settings."""

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from forum.accounts import services
from forum.extensions import csrf, db
from forum.i18n import SESSION_KEY, SUPPORTED_LOCALES
from forum.permissions import is_member
from forum.web.urls import local_path

bp = Blueprint("language", __name__)


def _from_this_site() -> bool:
    """The browser says the form was sent from one of our own pages.

    A signed-out reader's footer carries no form token: one would fill their session, and a
    reader with a session gets no kept page. Their browser's Sec-Fetch-Site (or an Origin
    header naming this site) answers instead; Referrer-Policy: no-referrer makes Origin
    "null" on most browsers, which is why Sec-Fetch-Site comes first.
    """
    if request.headers.get("Sec-Fetch-Site") == "same-origin":
        return True
    return request.headers.get("Origin") == request.host_url.rstrip("/")


def _check_the_form_is_ours() -> None:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if is_member(current_user):
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError as error:  # a missing, expired or wrong token alike
            raise CSRFError(str(error)) from error
    elif not _from_this_site():
        raise CSRFError("The language switch was sent from another site.")


@bp.post("/language")
@csrf.exempt  # checked by _check_the_form_is_ours: a token for members, the browser for readers
def switch():
    _check_the_form_is_ours()
    chosen = request.form.get("locale", "")
    if chosen not in (*SUPPORTED_LOCALES, ""):
        abort(400)
    if is_member(current_user):
        services.set_locale(current_user, chosen or None)
        db.session.commit()
    elif chosen:
        session[SESSION_KEY] = chosen
    else:
        session.pop(SESSION_KEY, None)
    return redirect(local_path(request.form.get("next")) or url_for("boards.index"))
