"""The members' side of moderation: reporting a post or a conversation, "My reports", the
transparency page, appealing a decision."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.conversations.queries import conversation_for
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.moderation import forms, history, queries, report_limits, reports
from forum.moderation.appeals import allowed as appeal_rules
from forum.moderation.appeals import queries as appeal_queries
from forum.moderation.appeals import services as appeals
from forum.moderation.models import Reason
from forum.moderation.rules import OUTCOME_WORDS, REASON_HELP, REASON_LABELS, VERB_LABELS
from forum.posts.permissions import can_respond_to
from forum.posts.queries import post_by_id
from forum.posts.visibility import can_view_post, can_view_thread
from forum.web.paging import page_number

bp = Blueprint("reports", __name__)
# A notice about a decision offers "Appeal this decision" while the member may.
bp.add_app_template_global(appeal_rules.can_appeal, "can_appeal")


@bp.route("/p/<int:post_id>/report", methods=["GET", "POST"])
@login_required
def report(post_id: int):
    post = post_by_id(post_id)
    if post is None or not can_view_post(current_user, post):
        abort(404)
    if not can_respond_to(current_user, post):
        raise NotAllowed(_("You can't report this post: it is your own, or it is not public."))
    form = forms.ReportForm()
    if form.validate_on_submit():
        try:
            reports.report_post(current_user, post, Reason(form.reason.data), form.note.data or "")
        except reports.AlreadyReported as error:
            db.session.rollback()
            flash(str(error.message), "info")
            return redirect(url_for("boards.permalink", post_id=post.id))
        except report_limits.TooManyReports as error:
            db.session.rollback()
            form.reason.errors = [error.message]
            return render_template(
                "moderation/report.html", post=post, form=form, help=REASON_HELP
            ), 429
        db.session.commit()
        flash(
            _("Thank you. The moderators will look at it; only they know you reported it."),
            "success",
        )
        return redirect(url_for("boards.permalink", post_id=post.id))
    return render_template(
        "moderation/report.html", post=post, form=form, help=REASON_HELP
    ), 400 if form.errors else 200


@bp.route("/messages/<int:conversation_id>/report", methods=["GET", "POST"])
@login_required
def report_conversation(conversation_id: int):
    conversation = conversation_for(current_user, conversation_id)
    if conversation is None:
        abort(404)
    others = reports.others_in_conversation(current_user, conversation) or []
    form = forms.ConversationReportForm()
    form.about.choices = [("", _("The conversation as a whole"))] + [
        (str(other.id), other.pseudonym) for other in others
    ]
    back = url_for("conversations.show", conversation_id=conversation.id)
    page = {"conversation": conversation, "others": others, "form": form, "back": back}
    if form.validate_on_submit():
        about = next((o for o in others if str(o.id) == form.about.data), None)
        try:
            reports.report_conversation(
                current_user, conversation, Reason(form.reason.data), form.note.data or "", about
            )
        except reports.AlreadyReported as error:
            db.session.rollback()
            flash(str(error.message), "info")
            return redirect(back)
        except report_limits.TooManyReports as error:
            db.session.rollback()
            form.reason.errors = [error.message]
            return render_template("moderation/report_conversation.html", **page), 429
        db.session.commit()
        flash(
            _(
                "Thank you. The moderators can now read this conversation to look into it; "
                "nobody in it is told who reported it."
            ),
            "success",
        )
        return redirect(back)
    status = 400 if form.errors else 200
    return render_template("moderation/report_conversation.html", **page), status


@bp.get("/reports/mine")
@login_required
def mine():
    made = queries.reports_by(current_user, page_number())
    # A thread the member can no longer open is not named, nor linked.
    in_sight = {r.id for r in made.items if r.post and can_view_thread(current_user, r.post.thread)}
    return render_template(
        "moderation/my_reports.html",
        reports=made,
        in_sight=in_sight,
        labels=REASON_LABELS,
        outcomes=OUTCOME_WORDS,
    )


@bp.get("/transparency")
def transparency():
    months, counts = history.transparency()
    appealed = appeal_queries.appeals_by_month()
    months = sorted(set(months) | set(appealed), reverse=True)
    return render_template(
        "moderation/transparency.html",
        months=months,
        counts=counts,
        appealed=appealed,
        labels=VERB_LABELS,
    )


@bp.route("/decisions/<int:action_id>/appeal", methods=["GET", "POST"])
@login_required
def make_appeal(action_id: int):
    """Appeal a moderation decision against oneself, from the notice that told of it."""
    action = appeal_queries.action_by_id(action_id)
    error = appeal_rules.appeal_refusal(current_user, action)
    if isinstance(error, Conflict):
        flash(str(error.message), "info")
        return redirect(url_for("reports.appeal", appeal_id=appeal_queries.appeal_of(action).id))
    if error is not None:
        raise error
    form = forms.AppealForm()
    if form.validate_on_submit():
        try:
            made = appeals.make_appeal(current_user, action, form.body.data)
        except appeals.AlreadyAppealed as conflict:
            db.session.rollback()
            flash(str(conflict.message), "info")
            return redirect(url_for("notices.index"))
        db.session.commit()
        flash(_("Your appeal is sent. Another moderator will look again and tell you."), "success")
        return redirect(url_for("reports.appeal", appeal_id=made.id))
    return render_template(
        "moderation/appeal_form.html", action=action, form=form, labels=VERB_LABELS
    ), 400 if form.errors else 200


@bp.get("/appeals/<int:appeal_id>")
@login_required
def appeal(appeal_id: int):
    """The member's own appeal: what they wrote, and the answer once there is one."""
    made = appeal_queries.appeal_by_id(appeal_id)
    if made is None or made.member_id != current_user.id:
        abort(404)
    return render_template("moderation/my_appeal.html", appeal=made, labels=VERB_LABELS)
