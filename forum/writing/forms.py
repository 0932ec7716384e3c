"""The fields every piece of writing has: its text, an optional content note, the identity
check's "Post it anyway", its one-time token, the saved draft it was resumed from, and a
thread title; boards, milestones and later features use them."""

from flask_babel import format_number, gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from forum.i18n import lazy_gettext as _l
from forum.i18n import lazy_text
from forum.posts.content_notes import NOTE_KINDS
from forum.posts.languages import LANGUAGES
from forum.posts.models import BODY_MAX, TITLE_MAX, TITLE_MIN
from forum.web.paging import id_from
from forum.writing.languages import default_language_for
from forum.writing.tokens import new_token, usable

BODY_HELP = _l(
    "Markdown works: *emphasis*, **strong**, > quotes, lists and links. "
    "Please leave out anything that could identify you or someone else."
)


def _limit_words() -> str:
    return gettext("Posts are limited to %(num)s characters.", num=format_number(BODY_MAX))


def _title_words() -> str:
    return gettext(
        "A title is %(least)s to %(most)s characters long.", least=TITLE_MIN, most=TITLE_MAX
    )


def strip(value):
    return value.strip() if isinstance(value, str) else value


def body_field(label: str = _l("Your post")) -> TextAreaField:
    return TextAreaField(
        label,
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("Please write something first.")),
            Length(max=BODY_MAX, message=lazy_text(_limit_words)),
        ],
        description=BODY_HELP,
    )


def title_field() -> StringField:
    return StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            DataRequired(_l("Give your thread a title.")),
            Length(TITLE_MIN, TITLE_MAX, lazy_text(_title_words)),
        ],
    )


def language_field() -> SelectField:
    """Which language the post is in, so that search reads it with that language's words;
    a form sent without it leaves the choice to the write rule."""
    return SelectField(
        _l("Language of this post"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
        default=lambda: default_language_for(current_user),
        validators=[Optional()],
    )


class WritingForm(FlaskForm):
    """What every post has: its text, an optional content note, and the identity check."""

    body = body_field()
    content_note = SelectField(
        _l("Content note (optional)"),
        choices=[SelectChoice("", _l("No content note"))]
        + [SelectChoice(kind, label) for kind, label in NOTE_KINDS.items()],
        validators=[Optional()],
        description=_l("Readers see the note first and choose whether to open the post."),
    )
    content_note_text = StringField(
        _l("The note in your words (optional; needed for “Something else”)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=100, message=_l("Keep the note under 100 characters.")),
        ],
    )
    post_anyway = BooleanField(_l("Post it anyway"))
    # Made when the form is shown and sent back with it (form.hidden_tag() renders it), so
    # that the same form sent twice makes one post; one that is not a token is replaced.
    write_token = HiddenField(default=new_token, filters=[lambda v: usable(v) or new_token()])
    # The member's saved draft this form holds (forum.drafts): set when a draft is resumed,
    # or by the page's script once it saved the form; the write rule lets go of it.
    draft_id = HiddenField(filters=[lambda v: v if id_from(v) is not None else None])
    # Set when the token already made another piece of writing: the member's own post's
    # address, or "" when there is nothing to show (forum.writing.responses).
    sent_before: str | None = None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.content_note.data == "other" and not self.content_note_text.data:
            self.content_note_text.errors = [
                *self.content_note_text.errors,
                gettext("Please say in a few words what the note is about."),
            ]
            return False
        return valid
