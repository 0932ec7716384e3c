"""Forms for reporting a post or a conversation, and for the moderators' decisions."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

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


class ReportForm(FlaskForm):
    reason = RadioField(
        "What's the matter with this post?",
        choices=[SelectChoice(reason.value, REASON_LABELS[reason]) for reason in POST_REASONS],
        validators=[InputRequired("Please choose a reason.")],
    )
    note = TextAreaField(
        "Anything the moderators should know? (optional)",
        validators=[Optional(), Length(max=500, message="Notes are limited to 500 characters.")],
        description="Only the moderators read this. The author never learns who reported.",
    )


class ConversationReportForm(FlaskForm):
    reason = RadioField(
        "What happened?",
        choices=[
            SelectChoice(reason.value, REASON_LABELS[reason]) for reason in CONVERSATION_REASONS
        ],
        default=Reason.UNCOMFORTABLE.value,
        validators=[InputRequired("Please choose what happened.")],
    )
    # Whom it is about, when the conversation has more than one other person in it.
    about = SelectField("About whom?", choices=[], validators=[Optional()], validate_choice=False)
    note = TextAreaField(
        "Anything the moderators should know? (optional)",
        validators=[Optional(), Length(max=500, message="Notes are limited to 500 characters.")],
        description="Only the moderators read this. Nobody in the conversation is told who "
        "reported it.",
    )


class DecisionForm(FlaskForm):
    verb = HiddenField(validators=[InputRequired(), AnyOf(list(VERB_LABELS))])
    reason = TextAreaField(
        "Reason",
        validators=[Optional(), Length(max=1000)],
        description="The member concerned reads this, signed “the moderators”.",
    )
    days = SelectField(
        "Suspend for",
        choices=[SelectChoice(str(d), f"{d} day{'s' if d > 1 else ''}") for d in SUSPENSION_DAYS],
        default="1",
    )
    new_text = TextAreaField(
        "The post with the redaction applied", validators=[Optional(), Length(max=20_000)]
    )
    # Asked of a harsh action on an item where someone may be at risk (allowed.py says when).
    confirm = BooleanField("I have read the care report, and this is still the right step.")


class RedactVersionForm(FlaskForm):
    """Take identifying words out of one earlier version of a post (prefixed by its id, so
    that each version on the history page has a form of its own)."""

    new_text = TextAreaField(
        "This version with the redaction applied",
        validators=[
            InputRequired("Keep the text, with what must go replaced."),
            Length(max=BODY_MAX),
        ],
        description="Replace what identifies someone, e.g. with [redacted]; the rest stays.",
    )
    reason = TextAreaField(
        "Reason",
        validators=[
            InputRequired("Please give a reason: the author will read it."),
            Length(max=1000),
        ],
        description="The author reads this, signed “the moderators”; it never quotes the words.",
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        "Note for the moderators",
        description="Other moderators see it on every item about this member; the member reads"
        " it in their data export, without your name. Write what you would say to them.",
        validators=[InputRequired("Write the note first."), Length(max=2000)],
    )


class HandOffForm(FlaskForm):
    body = TextAreaField(
        "Hand-off note for the next moderator",
        description="For example: reached out, waiting to hear back; check tomorrow.",
        validators=[InputRequired("Write the hand-off note first."), Length(max=1000)],
    )


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    moderator = StringField("Moderator", validators=[Optional(), Length(max=60)])
    verb = SelectField(
        "Action",
        choices=[SelectChoice("", "Any")]
        + [SelectChoice(v, label) for v, label in VERB_LABELS.items()],
        validators=[Optional()],
    )
    target = SelectField(
        "Target",
        choices=[
            SelectChoice("", "Any"),
            SelectChoice("post", "Post"),
            SelectChoice("thread", "Thread"),
            SelectChoice("member", "Member"),
            SelectChoice("conversation", "Conversation"),
            SelectChoice("appeal", "Appeal"),
        ],
        validators=[Optional()],
    )
    target_id = StringField("Target number", validators=[Optional(), Length(max=18)])


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    state = SelectField(
        "State",
        choices=[
            SelectChoice("open", "Open"),
            SelectChoice("claimed", "Claimed"),
            SelectChoice("resolved", "Resolved"),
        ],
        default="open",
        validators=[Optional()],
    )
    reason = SelectField(
        "Reason",
        choices=[SelectChoice("", "Any")]
        + [SelectChoice("pending", "Waiting for approval")]
        + [SelectChoice(r.value, REASON_LABELS[r]) for r in Reason],
        validators=[Optional()],
    )
    board = SelectField("Board", choices=[SelectChoice("", "Any")], validators=[Optional()])


def _one_newline(value):
    """Count a line break as one character, as the browser does."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class AppealForm(FlaskForm):
    body = TextAreaField(
        "Why should the moderators look again?",
        filters=[_one_newline],
        validators=[
            InputRequired("Please tell the moderators why you are appealing."),
            Length(max=APPEAL_MAX, message=f"Appeals are limited to {APPEAL_MAX:,} characters."),
        ],
        description="A moderator other than the one who decided reads it and answers you.",
    )


OUTCOME_LABELS = {
    AppealOutcome.UPHELD: "Upheld: the decision stands",
    AppealOutcome.REVERSED: "Reversed: undo the decision",
    AppealOutcome.CHANGED: "Changed: something else instead",
}


class AppealDecisionForm(FlaskForm):
    outcome = RadioField(
        "Your decision",
        choices=[SelectChoice(o.value, OUTCOME_LABELS[o]) for o in AppealOutcome],
        validators=[InputRequired("Please choose a decision.")],
    )
    note = TextAreaField(
        "Note to the member",
        filters=[_one_newline],
        validators=[
            InputRequired("Please write a note: the member reads it."),
            Length(max=1000, message="Notes are limited to 1,000 characters."),
        ],
        description="The member reads this, signed “the moderators”.",
    )
    days = SelectField(
        "Instead, suspend for (only when changing a suspension or a ban)",
        choices=[SelectChoice("", "Keep as it is")]
        + [SelectChoice(str(d), f"{d} day{'s' if d > 1 else ''}") for d in SUSPENSION_DAYS],
        default="",
        validators=[Optional()],
    )
    new_text = TextAreaField(
        "Instead, give the post back with this text (only when changing what was done to a post)",
        validators=[
            Optional(),
            Length(max=BODY_MAX, message=f"Posts are limited to {BODY_MAX:,} characters."),
        ],
        description=(
            "Take out only what had to go, e.g. with [redacted]; "
            "left as it is, the post stays as decided."
        ),
    )


class TeamAnswerForm(WritingForm):
    """A moderator's answer to a member who wrote to the team, signed "the moderators"."""

    body = body_field("Your answer, from the moderators")
