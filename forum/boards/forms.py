"""Forms for writing threads and replies, and for the board admin page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from forum.i18n import lazy_gettext as _l
from forum.posts.models import TITLE_MAX, TITLE_MIN
from forum.writing.forms import WritingForm, body_field, language_field, strip, title_field


class ThreadForm(WritingForm):
    title = title_field()
    language = language_field()


class ReplyForm(WritingForm):
    body = body_field(_l("Your reply"))
    language = language_field()
    parent_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,18}$")])
    # On a check-in thread, once the member pledged today: their choice to say so.
    say_pledged = BooleanField(_l("Begin my reply with “Pledged today”"))


class EditPostForm(WritingForm):
    title = StringField(
        _l("Title"), filters=[strip], validators=[Optional(), Length(TITLE_MIN, TITLE_MAX)]
    )
    language = language_field()


class BoardForm(FlaskForm):
    name = StringField(
        _l("Name"),
        filters=[strip],
        validators=[InputRequired(_l("Name the board.")), Length(2, 80)],
    )
    slug = StringField(
        _l("Address"),
        filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
        validators=[InputRequired(_l("Give the board an address.")), Length(2, 40)],
        description=_l("The board's address, /b/<address>: lower-case letters, digits, hyphens."),
    )
    description = TextAreaField(
        _l("Description"), filters=[strip], validators=[Optional(), Length(max=300)]
    )
