"""A queue item's page (/mod/items): reading it and a reported conversation's messages,
hand-off notes, claiming and releasing it, and deciding. The area's blueprint
(forum.moderation.views) serves these pages, behind its one guard."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.moderation import forms, history, queries, services
from forum.moderation.allowed import allowed_actions, may_read_conversation
from forum.moderation.models import ReviewItem
from forum.moderation.responses import carried_out, done_message, get_or_404
from forum.moderation.rules import CLAIM_MINUTES
from forum.moderation.subjects import subject_of
from forum.moderation.waiting import still_to_do


def add_routes(bp: Blueprint) -> None:
    """Serve these pages from the area's one blueprint, so that their endpoints stay
    moderation.item, moderation.decide and so on."""
    bp.add_url_rule("/items/<int:item_id>", view_func=item, methods=["GET"])
    bp.add_url_rule("/items/<int:item_id>/messages", view_func=item_messages, methods=["GET"])
    bp.add_url_rule("/items/<int:item_id>/handoff", view_func=handoff, methods=["POST"])
    bp.add_url_rule("/items/<int:item_id>/claim", view_func=claim, methods=["POST"])
    bp.add_url_rule("/items/<int:item_id>/release", view_func=release, methods=["POST"])
    bp.add_url_rule("/items/<int:item_id>/decide", view_func=decide, methods=["POST"])


def item(item_id: int):
    found = get_or_404(ReviewItem, item_id)
    if found.appeal_id is not None:  # an appeal is decided on its own page
        return redirect(url_for("moderation.appeals.decide", appeal_id=found.appeal_id))
    return _render_item(found, forms.DecisionForm())


def item_messages(item_id: int):
    """A reported conversation's messages: each reading is logged (services say so)."""
    item = get_or_404(ReviewItem, item_id)
    messages, people = services.read_conversation(current_user, item)
    db.session.commit()
    return _render_item(item, forms.DecisionForm(), messages=messages, people=people)


def _render_item(
    item: ReviewItem, form, status: int = 200, messages=None, people=None, handoff_form=None
):
    subject = subject_of(item)
    author = subject.id if subject is not None else None
    if item.post is not None and not form.new_text.data:
        form.new_text.data = item.post.body_source
    past = history.histories([author], limit=20).get(author, [])
    return (
        render_template(
            "moderation/item.html",
            item=item,
            subject=subject,
            form=form,
            verbs=allowed_actions(current_user, item),
            previous=history.previous_posts([item.post]).get(item.post.id) if item.post else None,
            history=past,
            notes=history.notes_about([author]).get(author, []),
            names=queries.pseudonyms(a.moderator_id for a in past),
            note_form=forms.NoteForm(),
            handoffs=history.handoffs([item.id]).get(item.id, []),
            handoff_form=handoff_form or forms.HandOffForm(formdata=None),
            messages=messages,
            people=people or {},
            reading_refused=may_read_conversation(current_user, item),
            reported_at=min((r.created_at for r in item.reports), default=None),
        ),
        status,
    )


def handoff(item_id: int):
    """Leave a note on the item for whoever picks it up next."""
    item = get_or_404(ReviewItem, item_id)
    form = forms.HandOffForm()
    if form.validate_on_submit():
        services.add_handoff(current_user, item, form.body.data)
        db.session.commit()
        flash(_("Hand-off note saved: the next moderator sees it first."), "success")
        return redirect(url_for("moderation.item", item_id=item.id))
    return _render_item(item, forms.DecisionForm(formdata=None), 400, handoff_form=form)


def claim(item_id: int):
    item = get_or_404(ReviewItem, item_id)
    services.claim(current_user, item)
    db.session.commit()
    flash(_("You hold this item for %(num)s minutes.", num=CLAIM_MINUTES), "success")
    return redirect(url_for("moderation.item", item_id=item.id))


def release(item_id: int):
    item = get_or_404(ReviewItem, item_id)
    services.release(current_user, item)
    db.session.commit()
    return redirect(url_for("moderation.queue"))


def decide(item_id: int):
    item = get_or_404(ReviewItem, item_id)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        days = int(form.days.data) if form.verb.data == "suspend" else None
        data = form.verb.data, form.reason.data, days, form.new_text.data, form.confirm.data
        if carried_out(form, lambda: services.decide(current_user, item, *data)):
            # Part of the item may still wait (care, or the approval): its page asks next.
            left = None if item.escalated else still_to_do(item)
            flash(done_message(_("Done. The people concerned are told."), left), "success")
            if left:
                return redirect(url_for("moderation.item", item_id=item.id))
            return redirect(url_for("moderation.queue"))
    return _render_item(db.session.get(ReviewItem, item_id), form, 400)
