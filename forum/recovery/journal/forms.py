"""The journal's one form: an entry's words and, if the member wants, how they feel."""

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from forum.posts.models import BODY_MAX
from forum.recovery.journal.models import MOODS

NOT_A_MOOD = "Please choose how you feel from the list, or leave it as “Rather not say”."


def _listed_mood(form, field) -> None:
    if field.data and field.data not in MOODS:
        raise ValidationError(NOT_A_MOOD)


class EntryForm(FlaskForm):
    body = TextAreaField(
        "Your entry",
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            DataRequired("Write a few words first."),
            Length(max=BODY_MAX, message=f"An entry is limited to {BODY_MAX:,} characters."),
        ],
        description="Only you can read your journal. Markdown works: *emphasis*, lists, quotes.",
    )
    # Checked against the list by _listed_mood, so that a value from nowhere gets a clear word.
    mood = SelectField(
        "How are you feeling? (optional)",
        choices=[SelectChoice("", "Rather not say")]
        + [SelectChoice(mood, label) for mood, label in MOODS.items()],
        validate_choice=False,
        validators=[_listed_mood],
    )
