"""The moderators' mentoring page (/mod/pairings): every pairing that runs now, and ending
one, logged with its reason. The area's guard (forum.moderation.views) keeps everyone else
out; members read only that the pairing ended, with the moderators' reason."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from forum.accounts.models import User
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.mentors.models import Pairing
from forum.mentors.queries import active_pairing, active_pairings
from forum.moderation import log
from forum.moderation.models import TargetType
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_

bp = Blueprint("pairings", __name__, url_prefix="/pairings")
# The notice's fixed words, stored in English; the notices page says them in the reader's
# language.
ENDED_TITLE = N_("The moderators ended your mentoring pairing")


class EndPairingForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason (both members read it)"),
        validators=[
            DataRequired(_l("Please give a reason: both members are told it.")),
            Length(max=1000, message=_l("Keep it under 1,000 characters.")),
        ],
    )


def end_pairing(moderator: User, pairing: Pairing, reason: str) -> None:
    """End a pairing, log it against the mentee (the member it protects), and tell both with
    the reason. Caller commits."""
    pairing.end()
    action = log.record(moderator.id, "end_pairing", TargetType.MEMBER, pairing.mentee_id, reason)
    for member_id in (pairing.mentee_id, pairing.mentor_id):
        notify(
            member_id,
            NoticeKind.MODERATION,
            ENDED_TITLE,
            reason.strip(),
            path_for("recovery.home"),
            action_id=action.id,
        )


def _page(failed: tuple[int, EndPairingForm] | None = None, status: int = 200):
    pairings = active_pairings()
    forms = {p.id: EndPairingForm(prefix=f"pairing-{p.id}") for p in pairings}
    if failed is not None and failed[0] in forms:
        forms[failed[0]] = failed[1]
    return render_template("moderation/pairings.html", pairings=pairings, forms=forms), status


@bp.get("")
def index():
    return _page()


@bp.post("/<int:pairing_id>/end")
def end(pairing_id: int):
    pairing = active_pairing(pairing_id)
    if pairing is None:
        abort(404)
    form = EndPairingForm(prefix=f"pairing-{pairing.id}")
    if not form.validate_on_submit():
        return _page((pairing.id, form), 400)
    end_pairing(current_user, pairing, form.reason.data)
    db.session.commit()
    flash(
        _(
            "The pairing of %(mentor)s and %(mentee)s has ended.",
            mentor=pairing.mentor.pseudonym,
            mentee=pairing.mentee.pseudonym,
        ),
        "success",
    )
    return redirect(url_for(".index"))
