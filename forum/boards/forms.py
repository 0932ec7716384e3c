"""Forms for writing threads and replies, and for the board admin page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from forum.boards.content_notes import NOTE_KINDS
from forum.boards.services import BODY_MAX, TITLE_MAX, TITLE_MIN

BODY_HELP = (
    "Markdown works: *emphasis*, **strong**, > quotes, lists and links. "
    "Please leave out anything that could identify you or someone else."
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _body_field(label: str = "Your post") -> TextAreaField:
    return TextAreaField(
        label,
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            DataRequired("Please write something first."),
            Length(max=BODY_MAX, message=f"Posts are limited to {BODY_MAX:,} characters."),
        ],
        description=BODY_HELP,
    )


def _title_field() -> StringField:
    return StringField(
        "Title",
        filters=[_strip],
        validators=[
            DataRequired("Give your thread a title."),
            Length(TITLE_MIN, TITLE_MAX, f"A title is {TITLE_MIN} to {TITLE_MAX} characters long."),
        ],
    )


class WritingForm(FlaskForm):
    """What every post has: its text, an optional content note, and the identity check."""

    body = _body_field()
    content_note = SelectField(
        "Content note (optional)",
        choices=[SelectChoice("", "No content note")]
        + [SelectChoice(kind, label) for kind, label in NOTE_KINDS.items()],
        validators=[Optional()],
        description="Readers see the note first and choose whether to open the post.",
    )
    content_note_text = StringField(
        "The note in your words (optional; needed for “Something else”)",
        filters=[_strip],
        validators=[Optional(), Length(max=100, message="Keep the note under 100 characters.")],
    )
    post_anyway = BooleanField("Post it anyway")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.content_note.data == "other" and not self.content_note_text.data:
            self.content_note_text.errors = [
                *self.content_note_text.errors,
                "Please say in a few words what the note is about.",
            ]
            return False
        return valid


class ThreadForm(WritingForm):
    title = _title_field()


class ReplyForm(WritingForm):
    body = _body_field("Your reply")
    parent_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,18}$")])


class EditPostForm(WritingForm):
    title = StringField(
        "Title", filters=[_strip], validators=[Optional(), Length(TITLE_MIN, TITLE_MAX)]
    )


class ConfirmForm(FlaskForm):
    """A one-button form: its CSRF token is what it carries."""


class BoardForm(FlaskForm):
    name = StringField(
        "Name", filters=[_strip], validators=[InputRequired("Name the board."), Length(2, 80)]
    )
    slug = StringField(
        "Address",
        filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
        validators=[InputRequired("Give the board an address."), Length(2, 40)],
        description="The board's address, /b/<address>: lower-case letters, digits, hyphens.",
    )
    description = TextAreaField(
        "Description", filters=[_strip], validators=[Optional(), Length(max=300)]
    )


class MoveForm(FlaskForm):
    offset = IntegerField(validators=[InputRequired()])
