"""The watched-words page in the moderators' area (/mod/watched): the rules by action, adding
and removing one, a test box, and the list as CSV. The area's guard (forum.moderation.views)
keeps everyone else out."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.moderation.watched import services
from forum.moderation.watched.forms import ImportForm, RuleForm, ShippedForm, TryForm
from forum.moderation.watched.models import WatchAction, WatchedWord
from forum.moderation.watched.rules import rules_in_force, watch

bp = Blueprint("watched", __name__, url_prefix="/watched")


def _page(status: int = 200, **forms):
    rules = rules_in_force()
    by_action = {action: [r for r in rules if r.action == action] for action in WatchAction}
    return render_template(
        "moderation/watched.html",
        by_action=by_action,
        labels=services.ACTION_LABELS,
        retired=services.retired_shipped(),
        rule_form=forms.get("rule_form") or RuleForm(formdata=None),
        try_form=forms.get("try_form") or TryForm(formdata=None),
        import_form=forms.get("import_form") or ImportForm(formdata=None),
        tried=forms.get("tried"),
    ), status


@bp.app_template_global()
def resource_card(post) -> WatchedWord | None:
    """The help card a watched word put under this post (one read per card a page shows)."""
    if post.card_id is None:
        return None
    card = db.session.get(WatchedWord, post.card_id)
    return card if card is not None and card.action == WatchAction.RESOURCE else None


@bp.get("")
def index():
    return _page()


@bp.post("")
def add():
    form = RuleForm()
    if form.validate_on_submit():
        try:
            rule = services.add_rule(
                current_user, form.words.data, WatchAction(form.action.data), form.detail.data
            )
        except services.RuleError as error:
            db.session.rollback()
            form.words.errors.append(error.message)
        else:
            words = rule.words
            db.session.commit()
            flash(
                _("Saved. “%(words)s” is watched from now on, in every post.", words=words),
                "success",
            )
            return redirect(url_for("moderation.watched.index"))
    return _page(400, rule_form=form)


@bp.post("/<int:rule_id>/remove")
def remove(rule_id: int):
    services.remove_rule(current_user, rule_id)
    db.session.commit()
    flash(_("Removed. It no longer applies to what members write."), "success")
    return redirect(url_for("moderation.watched.index"))


@bp.post("/shipped")
def switch_off_shipped():
    """Switch off one care phrase Hearth ships (it stays off through deploys)."""
    form = ShippedForm()
    if not form.validate_on_submit():
        return _page(400)
    services.retire_shipped(current_user, form.phrase.data)
    db.session.commit()
    flash(_("Switched off. It no longer starts the care check."), "success")
    return redirect(url_for("moderation.watched.index"))


@bp.post("/try")
def try_text():
    """What the rules would do with a sample text; nothing is stored or logged."""
    form = TryForm()
    if not form.validate_on_submit():
        return _page(400, try_form=form)
    return _page(try_form=form, tried=watch(form.sample.data))


@bp.get("/export.csv")
def export():
    return Response(
        services.export_csv(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": "attachment; filename=watched-words.csv",
            "Cache-Control": "no-store",
        },
    )


@bp.post("/import")
def import_file():
    form = ImportForm()
    if form.validate_on_submit():
        raw = request.files["file"].read()
        try:
            text = raw.decode("utf-8-sig")
            done = services.import_csv(current_user, text)
        except UnicodeDecodeError:
            form.file.errors.append(_("The file must be text in UTF-8."))
        except services.RuleError as error:
            db.session.rollback()
            form.file.errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _(
                    "Imported: %(added)s added, %(changed)s changed, %(unchanged)s already there.",
                    added=format_number(done.added),
                    changed=format_number(done.changed),
                    unchanged=format_number(done.unchanged),
                ),
                "success",
            )
            return redirect(url_for("moderation.watched.index"))
    return _page(400, import_form=form)
