"""Mentoring (/mentors): a regular's offer to mentor, asking for a mentor and choosing one
from a short list, renewing and ending a pairing (each a POST). Every page is the member's
own: a pairing they are not in is a 404, whoever asks."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from forum.conversations.queries import conversation_between
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.mentors import queries, services
from forum.mentors.choices import BANDS, HOW_OFTEN, PATHS, SUBSTANCES
from forum.mentors.forms import AskForm, OfferForm
from forum.mentors.models import Pairing
from forum.permissions import can_mentor
from forum.web.forms import ConfirmForm
from forum.writing.checks import Draft, SecondLookNeeded, TextRefused

bp = Blueprint("mentors", __name__, url_prefix="/mentors")
WORDS = {"substances": SUBSTANCES, "paths": PATHS, "bands": BANDS, "how_often": HOW_OFTEN}


@bp.before_request
@login_required
def _members_only():
    """Everything here is the member's own: one guard for the whole area."""
    return None


@bp.app_template_global()
def mentoring_of(member) -> dict:
    """What My recovery shows of mentoring: the member's pairings, each with where its
    "Message" leads (their conversation, else a new one to the other), and their offer."""
    pairings = [
        (p, _message_url(member, p.other_than(member.id))) for p in queries.pairings_of(member)
    ]
    return {"pairings": pairings, "offer": queries.offer_of(member)}


def _message_url(member, other) -> str:
    conversation = conversation_between(member, other)
    if conversation is not None:
        return url_for("conversations.show", conversation_id=conversation.id)
    return url_for("conversations.new", to=other.pseudonym)


def _load(pairing_id: int) -> Pairing:
    pairing = queries.pairing_for(current_user, pairing_id)
    if pairing is None:
        abort(404)
    return pairing


def _offer_form() -> OfferForm:
    offer = queries.offer_of(current_user)
    if offer is None:
        return OfferForm(band=queries.home_band(current_user))
    return OfferForm(
        data={
            "note": offer.note_source,
            "how_often": offer.how_often,
            "substances": offer.substances,
            "paths": offer.paths,
            "band": offer.band or "",
            "is_open": offer.is_open,
        }
    )


@bp.route("/offer", methods=["GET", "POST"])
def offer():
    if not can_mentor(current_user):
        raise NotAllowed(_("Offering to mentor opens up once you're one of the regulars here."))
    form, hints, refused = _offer_form(), [], None
    if form.validate_on_submit():
        note = Draft(form.note.data, post_anyway=bool(form.post_anyway.data))
        text = services.OfferText(
            note, form.how_often.data, form.substances.data, form.paths.data, form.band.data
        )
        text.is_open = bool(form.is_open.data)
        try:
            services.save_offer(current_user, text)
            db.session.commit()
            flash(_("Your offer to mentor is saved. Thank you."), "success")
            return redirect(url_for("recovery.home", _anchor="mentoring"))
        except SecondLookNeeded as second:
            db.session.rollback()
            hints = second.hints
        except TextRefused as refusal:
            db.session.rollback()
            refused = refusal.message
    page = render_template(
        "mentors/offer.html",
        form=form,
        hints=hints,
        refused=refused,
        has_offer=queries.offer_of(current_user) is not None,
    )
    return page, 400 if form.errors or refused else 200


@bp.post("/offer/withdraw")
def withdraw():
    if ConfirmForm().validate_on_submit() and services.withdraw_offer(current_user):
        db.session.commit()
        flash(
            _("Your offer is withdrawn. Any pairing you are in runs on until it ends."), "success"
        )
    return redirect(url_for("recovery.home", _anchor="mentoring"))


@bp.route("/ask", methods=["GET", "POST"])
def ask():
    asked = queries.latest_request(current_user)
    form = AskForm(
        data={
            "substance": asked.substance or "" if asked else "",
            "path": asked.path or "" if asked else "",
            "band": asked.band or "" if asked else queries.home_band(current_user),
        }
    )
    if form.validate_on_submit():
        services.ask_for_mentor(current_user, form.substance.data, form.path.data, form.band.data)
        db.session.commit()
        return redirect(url_for(".choose"))
    return render_template("mentors/ask.html", form=form), 400 if form.errors else 200


@bp.get("/choose")
def choose():
    asked = queries.latest_request(current_user)
    if asked is None:
        return redirect(url_for(".ask"))
    matches = queries.short_list(current_user, asked)
    return render_template(
        "mentors/choose.html", matches=matches, asked=asked, words=WORDS, form=ConfirmForm()
    )


@bp.post("/choose/<int:offer_id>")
def choose_one(offer_id: int):
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".choose"))
    try:
        pairing = services.choose_mentor(current_user, offer_id)
    except Conflict as taken:
        db.session.rollback()
        flash(taken.message, "error")
        return redirect(url_for(".choose"))
    db.session.commit()
    flash(
        ngettext(
            "%(name)s is your mentor for the next %(num)s day. Say hello when you're ready.",
            "%(name)s is your mentor for the next %(num)s days. Say hello when you're ready.",
            (pairing.ends_at - pairing.started_at).days,
            name=pairing.mentor.pseudonym,
        ),
        "success",
    )
    return redirect(url_for("recovery.home", _anchor="mentoring"))


@bp.post("/pairings/<int:pairing_id>/end")
def end(pairing_id: int):
    pairing = _load(pairing_id)
    if ConfirmForm().validate_on_submit():
        services.end_pairing(current_user, pairing)
        db.session.commit()
        flash(_("The pairing has ended. Take care of yourself."), "success")
    return redirect(url_for("recovery.home", _anchor="mentoring"))


@bp.post("/pairings/<int:pairing_id>/renew")
def renew(pairing_id: int):
    pairing = _load(pairing_id)
    if ConfirmForm().validate_on_submit():
        extended = services.renew_pairing(current_user, pairing)
        db.session.commit()
        flash(
            _("You both asked: the pairing is renewed.")
            if extended
            else _("Noted. The pairing is renewed once the other side asks too."),
            "success",
        )
    return redirect(url_for("recovery.home", _anchor="mentoring"))
