"""The moderators' area (/mod): the queue, a queue item's pages (items.py), decisions on a
post, a thread or a member, and the log. Guarded once."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.accounts.models import User
from forum.errors import NotAllowed
from forum.extensions import db, login_manager
from forum.moderation import (
    checkins,
    forms,
    history,
    inbox,
    items,
    pairings,
    queries,
    services,
    thread_actions,
    versions,
)
from forum.moderation.allowed import (
    DecisionError,
    allowed_actions,
    can_claim,
    care_item_of,
    refusal,
)
from forum.moderation.appeals import views as appeals
from forum.moderation.claims import claim_holder, claimed_by_someone_else
from forum.moderation.health import views as health
from forum.moderation.responses import carried_out, done_message, get_or_404
from forum.moderation.rules import (
    CARE_VERBS,
    CLAIM_MINUTES,
    CLOSE_HOURS,
    HARSH_VERBS,
    REASON_LABELS,
    REASON_REQUIRED,
    SLOW_MODE_MINUTES,
    STATUS_WORDS,
    VERB_LABELS,
    reason_counts,
)
from forum.moderation.waiting import approval_waiting, care_waiting, still_to_do
from forum.moderation.watched import views as watched
from forum.moderation.wellbeing import services as wellbeing
from forum.moderation.wellbeing import views as care
from forum.permissions import can_moderate
from forum.posts.models import Post, Thread
from forum.posts.queries import listed_boards
from forum.web.paging import page_number

bp = Blueprint("moderation", __name__, url_prefix="/mod")
# The team's inbox (/mod/inbox), the appeals (/mod/appeals), the watched words
# (/mod/watched), redacting earlier versions (/mod/versions), the moderator's own care
# page (/mod/care), the community's health (/mod/health), the daily check-ins
# (/mod/checkins) and the mentoring pairings (/mod/pairings) sit inside the area, behind
# its one guard.
bp.register_blueprint(inbox.bp)
bp.register_blueprint(appeals.bp)
bp.register_blueprint(watched.bp)
bp.register_blueprint(care.bp)
bp.register_blueprint(versions.bp)
bp.register_blueprint(health.bp)
bp.register_blueprint(checkins.bp)
bp.register_blueprint(pairings.bp)
# A queue item's pages (/mod/items) live in items.py and are served from this blueprint
# itself, under the same endpoints (moderation.item, moderation.decide, ...).
items.add_routes(bp)


@bp.app_context_processor
def _thread_controls():
    """The choices of the moderators' bar on a thread page (shown to moderators only)."""
    return {"close_hours": CLOSE_HOURS, "slow_mode_minutes": SLOW_MODE_MINUTES}


@bp.app_template_global()
def slow_mode_setter(thread) -> str:
    """Who put a thread in slow mode, for the moderators (members read "the moderators")."""
    return queries.pseudonyms([thread.slow_mode_by_id]).get(thread.slow_mode_by_id) or _(
        "a former moderator"
    )


@bp.before_request
def _moderators_only():
    """The one guard of the whole area: visitors sign in, members are refused."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_moderate(current_user):
        raise NotAllowed(_("This area is for the moderators."))
    return None


@bp.context_processor
def _moderation_rules():
    """What the moderators' pages ask instead of comparing statuses, ids or times themselves."""
    return {
        "labels": VERB_LABELS,
        "refusal": refusal,
        "can_claim": can_claim,
        "claim_holder": claim_holder,
        "claimed_by_someone_else": claimed_by_someone_else,
        "claim_minutes": CLAIM_MINUTES,
        "care_waiting": care_waiting,
        "approval_waiting": approval_waiting,
        "still_to_do": still_to_do,
        "care_verbs": CARE_VERBS,
        "harsh_verbs": HARSH_VERBS,
        "reason_required": REASON_REQUIRED,
        # What members read in place of a post out of their sight (the global status_words
        # names a status as a badge does).
        "gone_words": STATUS_WORDS,
        "reason_labels": REASON_LABELS,
    }


@bp.get("/queue")
def queue():
    form = forms.QueueFilterForm(request.args)
    form.board.choices += [(b.slug, b.name) for b in listed_boards(current_user)]
    state = form.state.data if form.state.data in ("open", "claimed", "resolved") else "open"
    # Time in the queue is counted for the moderator's own sake (a break after a while).
    wellbeing.record_visit(current_user)
    db.session.commit()
    sees_care = wellbeing.sees_care_items(current_user)
    items = queries.queue(
        state, form.reason.data or "", form.board.data or "", page_number(), care=sees_care
    )
    posts = [item.post for item in items.items if item.post is not None]
    authors = [p.author_id for p in posts]
    return render_template(
        "moderation/queue.html",
        form=form,
        items=items,
        stats=queries.queue_stats(),
        previous=history.previous_posts(posts),
        histories=history.histories(authors),
        notes=history.notes_about(authors),
        handoffs=history.handoffs(item.id for item in items.items),
        load=wellbeing.workload(current_user),
        care_takers=wellbeing.care_takers(),
        sees_care=sees_care,
        care_left_out=0 if sees_care else queries.care_items_waiting(),
        decision=forms.DecisionForm(),
        reason_counts=reason_counts,
    )


@bp.route("/posts/<int:post_id>", methods=["GET", "POST"])
def post(post_id: int):
    """Act on a post outside the queue: from its thread, a moderator hides, restores, redacts."""
    post = get_or_404(Post, post_id)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        data = form.verb.data, form.reason.data, form.new_text.data, form.confirm.data
        if carried_out(form, lambda: services.act_directly(current_user, post, *data)):
            care = care_item_of(post)  # a care report on it stays open: its item asks next
            left = still_to_do(care) if care else ""
            flash(done_message(_("Done. The author is told."), left), "success")
            if care:
                return redirect(url_for("moderation.item", item_id=care.id))
            return redirect(url_for("boards.permalink", post_id=post.id))
    if not form.new_text.data:
        form.new_text.data = post.body_source
    status = 400 if form.errors else 200
    return render_template(
        "moderation/post.html",
        post=post,
        form=form,
        item=queries.open_item_for(post),
        verbs=allowed_actions(current_user, post),
    ), status


@bp.post("/threads/<int:thread_id>")
def thread(thread_id: int):
    thread = get_or_404(Thread, thread_id)
    verb = request.form.get("verb", "")
    hours = request.form.get("hours", type=int) if verb == "lock" else None
    minutes = request.form.get("minutes", type=int) if verb == "slow_mode" else None
    try:
        thread_actions.act_on_thread(
            current_user, thread, verb, request.form.get("reason", ""), hours or None, minutes
        )
    except DecisionError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("Done: %(action)s.", action=str(VERB_LABELS[verb]).lower()), "success")
    return redirect(url_for("boards.thread", thread_id=thread.id))


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
def member(member_id: int):
    member = get_or_404(User, member_id)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        days = int(form.days.data) if form.verb.data == "suspend" else None
        data = form.verb.data, form.reason.data, days, form.confirm.data
        if carried_out(form, lambda: services.act_on_member(current_user, member, *data)):
            flash(_("Done. The member is told."), "success")
            return redirect(url_for("moderation.member", member_id=member.id))
    past = history.histories([member.id], limit=50).get(member.id, [])
    return render_template(
        "moderation/member.html",
        member=member,
        form=form,
        verbs=allowed_actions(current_user, member),
        care_item=care_item_of(member),
        note_form=forms.NoteForm(),
        history=past,
        notes=history.notes_about([member.id]).get(member.id, []),
        names=queries.pseudonyms(a.moderator_id for a in past),
    ), 400 if form.errors else 200


@bp.post("/members/<int:member_id>/notes")
def add_note(member_id: int):
    member = get_or_404(User, member_id)
    form = forms.NoteForm()
    if form.validate_on_submit():
        services.add_member_note(current_user, member, form.body.data)
        db.session.commit()
        flash(_("Note saved."), "success")
    else:
        flash(_("Write the note first."), "error")
    back = request.form.get("back", "")
    if not back.startswith("/mod/"):
        back = url_for("moderation.member", member_id=member.id)
    return redirect(back)


@bp.get("/log")
def log():
    form = forms.LogFilterForm(request.args)
    rows = history.log_rows(
        form.moderator.data or "",
        form.verb.data or "",
        form.target.data or "",
        form.target_id.data or "",
        page_number(),
    )
    return render_template(
        "moderation/log.html",
        form=form,
        rows=rows,
        names=queries.pseudonyms(r.moderator_id for r in rows.items),
    )
