"""The appeals in the moderators' area (/mod/appeals): the open ones, and deciding one. The
area's guard (forum.moderation.views) keeps everyone else out."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.errors import Conflict
from forum.extensions import db
from forum.moderation import forms, history, queries
from forum.moderation.allowed import DecisionError
from forum.moderation.appeals import services
from forum.moderation.appeals.allowed import appeal_decision_refusal
from forum.moderation.appeals.queries import appeal_by_id, open_appeal_items
from forum.moderation.models import AppealOutcome
from forum.posts.models import Post

bp = Blueprint("appeals", __name__, url_prefix="/appeals")


@bp.get("")
def index():
    """The open appeals, each as the queue shows it (the queue lists them among the rest)."""
    return render_template("moderation/appeals.html", items=open_appeal_items())


@bp.route("/<int:appeal_id>", methods=["GET", "POST"])
def decide(appeal_id: int):
    appeal = appeal_by_id(appeal_id)
    if appeal is None:
        abort(404)
    action = appeal.action
    post = db.session.get(Post, action.target_id) if action.target_type == "post" else None
    gives_back = post is not None and action.verb in services.TEXT_VERBS
    form = forms.AppealDecisionForm()
    if gives_back and form.new_text.data is None:
        form.new_text.data = post.body_source
    if form.validate_on_submit():
        days = int(form.days.data) if form.days.data else None
        outcome = AppealOutcome(form.outcome.data)
        new_text = form.new_text.data if gives_back else None
        try:
            services.decide_appeal(current_user, appeal, outcome, form.note.data, days, new_text)
        except (DecisionError, Conflict) as error:
            db.session.rollback()
            form.note.errors = [*form.note.errors, error.message]
        else:
            db.session.commit()
            flash(_("Done. The member is told."), "success")
            return redirect(url_for("moderation.appeals.index"))
    refused = appeal_decision_refusal(current_user, appeal)
    return render_template(
        "moderation/appeal.html",
        appeal=appeal,
        action=action,
        form=form,
        refused=refused.message if refused else None,
        post=post,
        gives_back=gives_back,
        names=queries.pseudonyms([action.moderator_id, appeal.decided_by_id]),
        notes=history.notes_about([appeal.member_id]).get(appeal.member_id, []),
    ), 400 if form.errors else 200
