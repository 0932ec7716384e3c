"""The member's own pages: "My recovery" (/me), counters, the slip page, sharing milestones."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.errors import ForumError
from forum.extensions import db
from forum.recovery import forms, queries, services
from forum.recovery.milestones import badge_words, milestone_name, milestones_up_to
from forum.recovery.models import Counter, local_today
from forum.web import limits
from forum.web.forms import ConfirmForm
from forum.web.urls import thread_url
from forum.writing.responses import write_from_form

bp = Blueprint("recovery", __name__, url_prefix="/me")
# A milestone thread's stored badge, in the reader's words wherever a page shows it.
bp.add_app_template_filter(badge_words)


@bp.before_request
@login_required
def _members_only():
    """Everything here is the member's own: one guard for the whole area."""
    return None


def _load_counter(counter_id: int) -> Counter:
    counter = queries.counter_of(current_user, counter_id)
    if counter is None:
        abort(404)
    return counter


@bp.get("")
def home():
    return render_template(
        "recovery/home.html",
        summaries=queries.summaries_for(current_user),
        day_counts_form=forms.DayCountsForm(show_day_counts=current_user.show_day_counts),
        confirm=ConfirmForm(),
        milestone_name=milestone_name,
    )


@bp.route("/counters/new", methods=["GET", "POST"])
def new_counter():
    form = forms.CounterForm()
    if form.validate_on_submit():
        services.add_counter(
            current_user, form.label.data, form.started_on.data, form.time_zone.data, form.show.data
        )
        db.session.commit()
        flash(
            _("Your counter is started. Only you can see it unless you choose to show it."),
            "success",
        )
        return redirect(url_for("recovery.home"))
    return render_template("recovery/new.html", form=form), 400 if form.errors else 200


@bp.route("/counters/<int:counter_id>/edit", methods=["GET", "POST"])
def edit_counter(counter_id: int):
    counter = _load_counter(counter_id)
    form = forms.RenameCounterForm(obj=counter)
    if form.validate_on_submit():
        services.rename_counter(current_user, counter, form.label.data, form.time_zone.data)
        db.session.commit()
        flash(_("Your counter is updated."), "success")
        return redirect(url_for("recovery.home"))
    return render_template("recovery/edit.html", counter=counter, form=form), (
        400 if form.errors else 200
    )


@bp.post("/counters/<int:counter_id>/show")
def show(counter_id: int):
    counter = _load_counter(counter_id)
    if ConfirmForm().validate_on_submit():
        services.show_counter(current_user, counter)
        db.session.commit()
        flash(_("Its days now show beside your pseudonym on the posts you write."), "success")
    return redirect(url_for("recovery.home"))


@bp.post("/counters/hide")
def hide():
    if ConfirmForm().validate_on_submit():
        services.show_counter(current_user, None)
        db.session.commit()
        flash(_("No day count shows beside your pseudonym now."), "success")
    return redirect(url_for("recovery.home"))


@bp.route("/counters/<int:counter_id>/slip", methods=["GET", "POST"])
def slip(counter_id: int):
    counter = _load_counter(counter_id)
    form = forms.SlipForm()
    if form.validate_on_submit():
        try:
            services.record_slip(current_user, counter, form.new_start.data)
        except ForumError as error:
            db.session.rollback()  # nothing of the refused slip is kept
            form.new_start.errors = [error.message]
        else:
            db.session.commit()
            return redirect(url_for("recovery.after_slip", counter_id=counter.id))
    if not form.is_submitted():
        form.new_start.data = local_today(counter.time_zone)
    return render_template("recovery/slip.html", counter=counter, form=form), (
        400 if form.errors else 200
    )


@bp.get("/counters/<int:counter_id>/next")
def after_slip(counter_id: int):
    counter = _load_counter(counter_id)
    today = local_today(counter.time_zone)
    return render_template("recovery/after_slip.html", counter=counter, today=today)


@bp.route("/counters/<int:counter_id>/delete", methods=["GET", "POST"])
def delete(counter_id: int):
    counter = _load_counter(counter_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_counter(current_user, counter)
        db.session.commit()
        flash(_("The counter and its history are removed."), "success")
        return redirect(url_for("recovery.home"))
    return render_template("recovery/delete.html", counter=counter, form=form)


def _reached(counter: Counter, days: int) -> None:
    if days not in milestones_up_to(counter.streak_days(local_today(counter.time_zone))):
        abort(404)


@bp.route("/counters/<int:counter_id>/milestones/<int:days>/share", methods=["GET", "POST"])
def share(counter_id: int, days: int):
    counter = _load_counter(counter_id)
    _reached(counter, days)
    name = milestone_name(days)
    answered = queries.answer_to(counter, days)
    if answered is not None:
        # A second tab or the back button: say where it went rather than refuse the form.
        flash(_("You have already answered your %(name)s milestone.", name=name), "info")
        if answered.thread_id is not None:
            return redirect(url_for("boards.thread", thread_id=answered.thread_id))
        return redirect(url_for("recovery.home"))
    form = forms.ShareMilestoneForm(
        data={
            "title": name,
            "body": _("Today I reached %(name)s. Thank you all for being here.", name=name),
        }
    )
    answer = write_from_form(
        form,
        lambda draft: services.share_milestone(current_user, counter, days, draft),
        lambda post: thread_url(post.thread),
        _("Your %(name)s milestone is shared. Congratulations.", name=name),
        waiting=_("Your milestone thread will show once a moderator has approved it."),
    )
    return answer or (_share_page(counter, name, form), 400 if form.errors else 200)


def _share_page(counter: Counter, name: str, form) -> str:
    return render_template(
        "recovery/share.html",
        counter=counter,
        name=name,
        form=form,
        # After a slip, a new milestone may tell readers of an earlier one: the page says so.
        shared_before=queries.shared_in_an_earlier_streak(counter),
    )


@limits.form_page("recovery.share")
def _share_again(counter_id: int, days: int) -> str:
    counter = _load_counter(counter_id)
    name = milestone_name(days)
    form = forms.ShareMilestoneForm()
    return _share_page(counter, name, form)


@bp.post("/counters/<int:counter_id>/milestones/<int:days>/dismiss")
def dismiss(counter_id: int, days: int):
    counter = _load_counter(counter_id)
    _reached(counter, days)
    if ConfirmForm().validate_on_submit():
        services.dismiss_milestone(current_user, counter, days)
        db.session.commit()
        flash(_("Not now, then. It won't be offered again."), "info")
    return redirect(url_for("recovery.home"))


@bp.post("/preferences")
def preferences():
    form = forms.DayCountsForm()
    if form.validate_on_submit():
        services.set_day_count_preference(current_user, form.show_day_counts.data)
        db.session.commit()
        flash(_("Your choice is saved."), "success")
    return redirect(url_for("recovery.home", _anchor="day-counts"))
