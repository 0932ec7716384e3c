"""Forms for reporting a post or a conversation, and for the moderators' decisions."""

from flask_babel import format_number, gettext, ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from forum.i18n import lazy_gettext as _l
from forum.i18n import lazy_text
from forum.moderation.models import AppealOutcome, Reason
from forum.moderation.rules import (
    APPEAL_MAX,
    CONVERSATION_REASONS,
    POST_REASONS,
    REASON_LABELS,
    SUSPENSION_DAYS,
    VERB_LABELS,
)
from forum.posts.models import BODY_MAX
from forum.writing.forms import WritingForm, body_field

NOTE_LIMIT = _l("Notes are limited to 500 characters.")


def _days(days: int):
    """ "3 days", counted in the reader's language when the choice is shown."""
    return lazy_text(lambda: ngettext("%(num)s day", "%(num)s days", days))


def _appeal_limit() -> str:
    return gettext("Appeals are limited to %(num)s characters.", num=format_number(APPEAL_MAX))


def _post_limit() -> str:
    return gettext("Posts are limited to %(num)s characters.", num=format_number(BODY_MAX))


class ReportForm(FlaskForm):
    reason = RadioField(
        _l("What's the matter with this post?"),
        choices=[SelectChoice(reason.value, REASON_LABELS[reason]) for reason in POST_REASONS],
        validators=[InputRequired(_l("Please choose a reason."))],
    )
    note = TextAreaField(
        _l("Anything the moderators should know? (optional)"),
        validators=[Optional(), Length(max=500, message=NOTE_LIMIT)],
        description=_l("Only the moderators read this. The author never learns who reported."),
    )


class ConversationReportForm(FlaskForm):
    reason = RadioField(
        _l("What happened?"),
        choices=[
            SelectChoice(reason.value, REASON_LABELS[reason]) for reason in CONVERSATION_REASONS
        ],
        default=Reason.UNCOMFORTABLE.value,
        validators=[InputRequired(_l("Please choose what happened."))],
    )
    # Whom it is about, when the conversation has more than one other person in it.
    about = SelectField(
        _l("About whom?"), choices=[], validators=[Optional()], validate_choice=False
    )
    note = TextAreaField(
        _l("Anything the moderators should know? (optional)"),
        validators=[Optional(), Length(max=500, message=NOTE_LIMIT)],
        description=_l(
            "Only the moderators read this. Nobody in the conversation is told who reported it."
        ),
    )


class DecisionForm(FlaskForm):
    verb = HiddenField(validators=[InputRequired(), AnyOf(list(VERB_LABELS))])
    reason = TextAreaField(
        _l("Reason"),
        validators=[Optional(), Length(max=1000)],
        description=_l("The member concerned reads this, signed “the moderators”."),
    )
    days = SelectField(
        _l("Suspend for"),
        choices=[SelectChoice(str(d), _days(d)) for d in SUSPENSION_DAYS],
        default="1",
    )
    new_text = TextAreaField(
        _l("The post with the redaction applied"), validators=[Optional(), Length(max=20_000)]
    )
    # Asked of a harsh action on an item where someone may be at risk (allowed.py says when).
    confirm = BooleanField(_l("I have read the care report, and this is still the right step."))


class RedactVersionForm(FlaskForm):
    """Take identifying words out of one earlier version of a post (prefixed by its id, so
    that each version on the history page has a form of its own)."""

    new_text = TextAreaField(
        _l("This version with the redaction applied"),
        validators=[
            InputRequired(_l("Keep the text, with what must go replaced.")),
            Length(max=BODY_MAX),
        ],
        description=_l("Replace what identifies someone, e.g. with [redacted]; the rest stays."),
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            InputRequired(_l("Please give a reason: the author will read it.")),
            Length(max=1000),
        ],
        description=_l(
            "The author reads this, signed “the moderators”; it never quotes the words."
        ),
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Note for the moderators"),
        description=_l(
            "Other moderators see it on every item about this member; the member reads it in"
            " their data export, without your name. Write what you would say to them."
        ),
        validators=[InputRequired(_l("Write the note first.")), Length(max=2000)],
    )


class HandOffForm(FlaskForm):
    body = TextAreaField(
        _l("Hand-off note for the next moderator"),
        description=_l("For example: reached out, waiting to hear back; check tomorrow."),
        validators=[InputRequired(_l("Write the hand-off note first.")), Length(max=1000)],
    )


ANY = _l("Any")


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    moderator = StringField(_l("Moderator"), validators=[Optional(), Length(max=60)])
    verb = SelectField(
        _l("Action"),
        choices=[SelectChoice("", ANY)]
        + [SelectChoice(v, label) for v, label in VERB_LABELS.items()],
        validators=[Optional()],
    )
    target = SelectField(
        _l("Target"),
        choices=[
            SelectChoice("", ANY),
            SelectChoice("post", _l("Post")),
            SelectChoice("thread", _l("Thread")),
            SelectChoice("member", _l("Member")),
            SelectChoice("conversation", _l("Conversation")),
            SelectChoice("appeal", _l("Appeal")),
        ],
        validators=[Optional()],
    )
    target_id = StringField(_l("Target number"), validators=[Optional(), Length(max=18)])


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    state = SelectField(
        _l("State"),
        choices=[
            SelectChoice("open", _l("Open")),
            SelectChoice("claimed", _l("Claimed")),
            SelectChoice("resolved", _l("Resolved")),
        ],
        default="open",
        validators=[Optional()],
    )
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", ANY)]
        + [SelectChoice("pending", _l("Waiting for approval"))]
        + [SelectChoice(r.value, REASON_LABELS[r]) for r in Reason],
        validators=[Optional()],
    )
    board = SelectField(_l("Board"), choices=[SelectChoice("", ANY)], validators=[Optional()])


def _one_newline(value):
    """Count a line break as one character, as the browser does."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class AppealForm(FlaskForm):
    body = TextAreaField(
        _l("Why should the moderators look again?"),
        filters=[_one_newline],
        validators=[
            InputRequired(_l("Please tell the moderators why you are appealing.")),
            Length(max=APPEAL_MAX, message=lazy_text(_appeal_limit)),
        ],
        description=_l("A moderator other than the one who decided reads it and answers you."),
    )


OUTCOME_LABELS = {
    AppealOutcome.UPHELD: _l("Upheld: the decision stands"),
    AppealOutcome.REVERSED: _l("Reversed: undo the decision"),
    AppealOutcome.CHANGED: _l("Changed: something else instead"),
}


class AppealDecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Your decision"),
        choices=[SelectChoice(o.value, OUTCOME_LABELS[o]) for o in AppealOutcome],
        validators=[InputRequired(_l("Please choose a decision."))],
    )
    note = TextAreaField(
        _l("Note to the member"),
        filters=[_one_newline],
        validators=[
            InputRequired(_l("Please write a note: the member reads it.")),
            Length(max=1000, message=_l("Notes are limited to 1,000 characters.")),
        ],
        description=_l("The member reads this, signed “the moderators”."),
    )
    days = SelectField(
        _l("Instead, suspend for (only when changing a suspension or a ban)"),
        choices=[SelectChoice("", _l("Keep as it is"))]
        + [SelectChoice(str(d), _days(d)) for d in SUSPENSION_DAYS],
        default="",
        validators=[Optional()],
    )
    new_text = TextAreaField(
        _l(
            "Instead, give the post back with this text (only when changing what was done to"
            " a post)"
        ),
        validators=[
            Optional(),
            Length(max=BODY_MAX, message=lazy_text(_post_limit)),
        ],
        description=_l(
            "Take out only what had to go, e.g. with [redacted]; "
            "left as it is, the post stays as decided."
        ),
    )


class TeamAnswerForm(WritingForm):
    """A moderator's answer to a member who wrote to the team, signed "the moderators"."""

    body = body_field(_l("Your answer, from the moderators"))
