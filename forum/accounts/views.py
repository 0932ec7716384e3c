"""Sign-up, sign-in and -out, settings, data export, account deletion and profiles."""

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from forum.accounts import forms, queries, services
from forum.accounts.export import export_data
from forum.blocks.queries import shut_out_list
from forum.extensions import db, login_manager
from forum.i18n import current_locale
from forum.i18n import lazy_gettext as _l
from forum.permissions import Anonymous
from forum.posts.queries import profile_summary
from forum.support.queries import countries_with_lines
from forum.trust.queries import my_trust
from forum.web import limits
from forum.web.urls import local_path

bp = Blueprint("accounts", __name__)

login_manager.anonymous_user = Anonymous
login_manager.login_view = "accounts.signin"
login_manager.login_message = _l("Please sign in to continue.")
# Flashed into the session, which keeps plain strings only: translated when it is flashed.
login_manager.localize_callback = str
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str):
    return queries.user_by_session_id(session_id)


def safe_next(target: str | None) -> str:
    """Only a plain path on this site: never another host, whatever the parameter says."""
    return local_path(target) or url_for("boards.index")


def _show_on_field(form, error: services.AccountError) -> None:
    db.session.rollback()  # whatever the service began is not kept
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("boards.index"))
    form = forms.SignUpForm()
    if form.validate_on_submit():
        limits.check_signup()
        try:
            user = services.register_member(
                form.pseudonym.data, form.password.data, form.email.data, locale=current_locale()
            )
        except services.AccountError as error:
            _show_on_field(form, error)
        else:
            limits.count_signup()  # counted before the commit: a refused account is not saved
            db.session.commit()
            login_user(user)
            flash(
                _("Welcome to Hearth, %(name)s. We're glad you're here.", name=user.pseudonym),
                "success",
            )
            return redirect(url_for("boards.index"))
    return render_template("accounts/signup.html", form=form), 400 if form.errors else 200


@limits.form_page("accounts.signup")
def _signup_again() -> str:
    return render_template("accounts/signup.html", form=forms.SignUpForm())


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = forms.SignInForm()
    if form.validate_on_submit():
        limits.check_signin()
        user = services.authenticate(form.pseudonym.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
        limits.count_failed_signin()  # before the answer, so attempts at once can't slip by
        form.password.errors = [_("That pseudonym and password don't match an account.")]
    return render_template("accounts/signin.html", form=form), 400 if form.errors else 200


@limits.form_page("accounts.signin")
def _signin_again() -> str:
    return render_template("accounts/signin.html", form=forms.SignInForm())


@bp.post("/signout")
def signout():
    said = _("You are signed out. Take care.")  # in their language, before it is forgotten
    logout_user()
    flash(said, "info")
    return redirect(url_for("boards.index"))


@bp.get("/settings")
@login_required
def settings():
    return render_template(
        "accounts/settings.html",
        password_form=forms.PasswordForm(),
        export_form=forms.ExportForm(),
        reading_form=_reading_form(),
        country_form=_country_form(data={"country": _chosen_country()}),
        shut_out=shut_out_list(current_user),
        trust=my_trust(current_user),
    )


def _reading_form() -> forms.ReadingForm:
    prefs = current_user.note_prefs or {}
    data = {f"note_{kind}": mode for kind, mode in prefs.items()}
    return forms.ReadingForm(data={**data, "greeter": current_user.is_greeter})


@bp.post("/settings/reading")
@login_required
def reading():
    form = forms.ReadingForm()
    if form.validate_on_submit():
        modes = {field.name.removeprefix("note_"): field.data for field in form.note_fields()}
        services.set_reading_preferences(current_user, modes, form.greeter.data)
        db.session.commit()
        flash(_("Your reading preferences are saved."), "success")
    else:
        flash(_("Those preferences could not be saved; please try again."), "error")
    return redirect(url_for("accounts.settings", _anchor="reading"))


def _chosen_country() -> str:
    # A country the lines file no longer lists shows as "somewhere else", not as the first.
    chosen = current_user.country
    return chosen if chosen in dict(countries_with_lines()) else forms.ELSEWHERE


def _country_form(**kwargs) -> forms.CountryForm:
    return forms.CountryForm(**kwargs).offer(countries_with_lines())


@bp.post("/settings/country")
@login_required
def country():
    form = _country_form()
    try:
        if not form.validate_on_submit():
            raise services.AccountError(_("Please choose a country from the list."))
        services.set_country(current_user, form.country.data)
    except services.AccountError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Saved. The help page shows the lines for the country you chose."), "success")
    return redirect(url_for("accounts.settings", _anchor="country"))


@bp.route("/settings/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = forms.PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except services.AccountError as error:
            _show_on_field(form, error)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # keep this session, with the new token
            flash(_("Your password is changed. Your other devices are signed out."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/password.html", form=form), 400 if form.errors else 200


@bp.post("/settings/export")
@login_required
def export():
    data = export_data(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"hearth-export-{current_user.id}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/settings/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, form.password.data, form.mode.data)
        except services.AccountError as error:
            _show_on_field(form, error)
        else:
            db.session.commit()
            logout_user()
            flash(_("Your account is deleted. Take good care of yourself."), "info")
            return redirect(url_for("boards.index"))
    return render_template("accounts/delete.html", form=form), 400 if form.errors else 200


@bp.get("/u/<pseudonym>")
def profile(pseudonym: str):
    member = queries.user_by_pseudonym(pseudonym)
    if member is None:
        abort(404)
    post_count, threads = profile_summary(member)
    return render_template(
        "accounts/profile.html",
        member=member,
        post_count=post_count,
        threads=threads,
    )
