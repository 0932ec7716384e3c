"""The moderator's own care page (/mod/care): folding hard posts, stepping out of the care
lane for a while, the workload so far, and the practice queue before care items. The area's
guard (forum.moderation.views) keeps everyone else out."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.moderation.rules import CARE_VERBS, REPORT_VERBS, VERB_LABELS
from forum.moderation.wellbeing import services

bp = Blueprint("care", __name__, url_prefix="/care")


@bp.app_template_global()
def folds_hard_posts(moderator) -> bool:
    """Whether this moderator reads posts with a content note or a care report folded."""
    return services.folds_hard_posts(moderator)


@bp.get("")
def index():
    return render_template(
        "moderation/care.html",
        care=services.care_of(current_user),
        takes_care=services.takes_care_items(current_user),
        takers=services.care_takers(),
        load=services.workload(current_user),
        choices=services.CARE_OFF_CHOICES,
        examples=services.examples(),
        answers=services.answers(current_user),
    )


@bp.post("/fold")
def fold():
    fold = request.form.get("fold") == "yes"
    services.fold_hard_posts(current_user, fold)
    db.session.commit()
    flash(
        _("Posts with a content note or a care report are folded until you open them.")
        if fold
        else _("Posts with a content note or a care report are shown open."),
        "success",
    )
    return redirect(url_for(".index"))


@bp.post("/step-out")
def step_out():
    try:
        until = services.step_out_of_care(current_user, request.form.get("days", ""))
    except services.CareError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".index"))
    nobody_else = services.care_takers() == 0
    db.session.commit()
    # The time is said in UTC, as the page says it, whatever the moderator's own time zone.
    when = format_datetime(until, "d MMMM, HH:mm", rebase=False)
    message = _("You're out of the care lane until %(when)s UTC. Take care of yourself.", when=when)
    if nobody_else:
        message += " " + _(
            "Nobody else is taking care items now, so they still show to every moderator."
        )
    flash(message, "success")
    return redirect(url_for(".index"))


@bp.post("/step-in")
def step_in():
    services.step_back_in(current_user)
    db.session.commit()
    flash(_("Welcome back to the care lane."), "success")
    return redirect(url_for(".index"))


def _choices(example: services.Example) -> list[tuple[str, str]]:
    verbs = CARE_VERBS if example.kind == "care" else REPORT_VERBS
    return [(v, VERB_LABELS[v]) for v in verbs if v != "member_left"]


@bp.get("/practice")
def practice():
    """The next practice item not yet answered (after the last, the first again)."""
    upcoming = services.next_example(current_user) or services.examples()[0]
    return practice_example(upcoming.key)


@bp.route("/practice/<key>", methods=["GET", "POST"])
def practice_example(key: str):
    example = services.example(key)
    if example is None:
        abort(404)
    chosen, fits, status = None, None, 200
    if request.method == "POST":
        chosen = request.form.get("verb", "")
        if chosen not in dict(_choices(example)):
            flash(_("Choose a decision."), "error")
            chosen, status = None, 400
        else:
            fits = services.answer(current_user, key, chosen)
            db.session.commit()
    return render_template(
        "moderation/practice.html",
        example=example,
        choices=_choices(example),
        chosen=chosen,
        fits=fits,
        labels=VERB_LABELS,
        upcoming=services.next_example(current_user),
        done=services.care_of(current_user).practice_done_at is not None,
    ), status
