"""Private conversations: the list, a new conversation, a message to the moderator team, one
conversation with its reply box, leaving and muting (each a POST). Every page is the
member's own: a conversation they are not in is a 404, whoever asks."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.queries import user_by_pseudonym
from forum.conversations import queries, services
from forum.conversations.forms import ContactTeamForm, MessageForm, NewConversationForm
from forum.drafts import queries as drafts
from forum.errors import NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.notices import queries as notices
from forum.permissions import can_write
from forum.web import limits
from forum.web.paging import id_from
from forum.writing.checks import Draft, SecondLookNeeded, TextRefused
from forum.writing.responses import written_url
from forum.writing.tokens import AlreadyWritten, SentBefore, new_token

CARED = _l("Your message is sent. If things are hard right now, people are there for you.")
RESUMED = _l("Your draft is back in the form. It is sent only when you press “Send”.")

bp = Blueprint("conversations", __name__, url_prefix="/messages")


@bp.get("/")
@login_required
def index():
    return render_template(
        "conversations/index.html", listed=queries.conversations_of(current_user)
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if not can_write(current_user):
        raise NotAllowed(_("While your account is suspended you can read, but not send messages."))
    form = NewConversationForm()
    if request.method == "GET" and request.args.get("to"):
        form.to.data = request.args["to"][:200]
    turned_away: list[str] = []
    if form.validate_on_submit():
        recipients, unknown = _members(form.recipient_names())
        if unknown:
            form.to.errors.append(_("No member goes by %(names)s.", names=", ".join(unknown)))
        else:
            try:
                answer = _sent(
                    form, lambda draft: services.start_conversation(current_user, recipients, draft)
                )
                if answer:
                    return answer
            except services.TurnedAway as away:
                db.session.rollback()
                turned_away = away.reasons
    status = 400 if form.errors else 200
    page = render_template("conversations/new.html", form=form, turned_away=turned_away)
    return page, status


@limits.form_page("conversations.new")
def _new_again() -> str:
    return render_template("conversations/new.html", form=NewConversationForm(), turned_away=[])


@bp.route("/moderators", methods=["GET", "POST"])
@login_required
def contact_team():
    """Write to the moderator team, perhaps about a notice (?notice=id); a suspended or
    banned member may too."""
    form = ContactTeamForm()
    if request.method == "GET":
        form.about.data = request.args.get("notice", "")[:20]
    about = notices.askable_notice(current_user, id_from(form.about.data))
    if form.validate_on_submit():
        answer = _sent(form, lambda draft: services.contact_moderators(current_user, draft, about))
        if answer:
            return answer
    page = render_template("conversations/contact.html", form=form, about=about)
    return page, 400 if form.errors else 200


@limits.form_page("conversations.contact_team")
def _contact_again() -> str:
    form = ContactTeamForm()
    about = notices.askable_notice(current_user, id_from(form.about.data))
    return render_template("conversations/contact.html", form=form, about=about)


@bp.get("/<int:conversation_id>")
@login_required
def show(conversation_id: int):
    conversation = _load(conversation_id)
    saved = None
    if "draft" in request.args:  # resumed from My drafts: the member's own, else a 404
        draft_id = id_from(request.args["draft"])
        saved = drafts.draft_to_resume(current_user, draft_id, "message", conversation.id)
        if saved is None:
            abort(404)
    form = MessageForm(data=saved.form_data() if saved else None)
    services.mark_read(current_user, conversation)
    db.session.commit()
    return _page(conversation, form, resumed=RESUMED if saved else None)


@bp.post("/<int:conversation_id>/send")
@login_required
def send(conversation_id: int):
    """A reply in the conversation; a form that can't be sent comes back as it was typed."""
    conversation = _load(conversation_id)
    form = MessageForm()
    turned_away: list[str] = []
    if form.validate_on_submit():
        try:
            answer = _sent(
                form, lambda draft: services.send_message(current_user, conversation, draft)
            )
            if answer:
                return answer
        except services.TurnedAway as away:
            db.session.rollback()
            turned_away = away.reasons
    return _page(conversation, form, turned_away), 400 if form.errors else 200


@limits.form_page("conversations.send")
def _send_again(conversation_id: int) -> str:
    return _page(_load(conversation_id), MessageForm())


@bp.post("/<int:conversation_id>/to-the-moderators")
@login_required
def send_to_team(conversation_id: int):
    """A reply in a conversation with the moderator team (a suspended member's too)."""
    conversation = _load(conversation_id)
    if not conversation.with_team:
        abort(404)
    form = MessageForm()
    if form.validate_on_submit():
        answer = _sent(form, lambda draft: services.send_message(current_user, conversation, draft))
        if answer:
            return answer
    return _page(conversation, form), 400 if form.errors else 200


@limits.form_page("conversations.send_to_team")
def _send_to_team_again(conversation_id: int) -> str:
    return _page(_load(conversation_id), MessageForm())


@bp.post("/<int:conversation_id>/leave")
@login_required
def leave(conversation_id: int):
    services.leave_conversation(current_user, _load(conversation_id))
    db.session.commit()
    flash(
        _("You left the conversation. The others keep it; you won't hear from it again."), "success"
    )
    return redirect(url_for("conversations.index"))


@bp.post("/<int:conversation_id>/mute")
@login_required
def mute(conversation_id: int):
    muted = request.form.get("muted") == "1"
    services.set_muted(current_user, _load(conversation_id), muted)
    db.session.commit()
    flash(_("Muted: it won't count as new.") if muted else _("Unmuted."), "success")
    return redirect(url_for("conversations.show", conversation_id=conversation_id))


@bp.post("/who-can-write")
@login_required
def who_can_write():
    services.set_replied_only(current_user, request.form.get("replied_only") == "y")
    db.session.commit()
    flash(_("Saved: who can send you a message."), "success")
    return redirect(url_for("conversations.index", _anchor="who-can-write"))


def _load(conversation_id: int):
    conversation = queries.conversation_for(current_user, conversation_id)
    if conversation is None:
        abort(404)
    return conversation


def _members(names: list[str]):
    found, unknown = [], []
    for name in names:
        member = user_by_pseudonym(name)
        (found if member is not None else unknown).append(member or name)
    return found, unknown


def _page(conversation, form, turned_away=(), resumed=None):
    messages = queries.messages_in(conversation, current_user)
    return render_template(
        "conversations/show.html",
        resumed=resumed,
        turned_away=turned_away,
        conversation=conversation,
        messages=messages,
        asked_off_hearth=queries.asked_off_hearth(current_user, messages),
        others=queries.others_in(current_user, conversation),
        about=queries.about_notice(conversation),
        membership=services.membership(current_user, conversation),
        form=form,
    )


def _sent(form, write):
    """Write the form's message through the rule; None when the form must be shown again."""
    try:
        sent = write(Draft.from_form(form))
    except SecondLookNeeded as look:
        form.identity_hints = look.hints
        return None
    except TextRefused as refused:
        db.session.rollback()  # whatever the rule began (a claimed token) goes
        form.body.errors.append(refused.message)
        return None
    except AlreadyWritten as earlier:
        return redirect(written_url(earlier.written))
    except SentBefore as spent:
        form.write_token.data = new_token()
        form.sent_before = written_url(spent.written) if spent.written is not None else ""
        return None
    except services.NotSendable as refused:
        form.to.errors.append(refused.message)
        return None
    target, at_risk = written_url(sent.message), sent.at_risk
    db.session.commit()
    if at_risk:
        flash(str(CARED), "info")
        return redirect(url_for("support.help"))
    flash(_("Your message is sent."), "success")
    return redirect(target)
