"""The journal's one form: an entry's words and, if the member wants, how they feel."""

from flask_babel import format_number, gettext
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from forum.i18n import lazy_gettext as _l
from forum.i18n import lazy_text
from forum.posts.models import BODY_MAX
from forum.recovery.journal.models import MOODS

NOT_A_MOOD = _l("Please choose how you feel from the list, or leave it as “Rather not say”.")


def _limit_words() -> str:
    return gettext("An entry is limited to %(num)s characters.", num=format_number(BODY_MAX))


def _listed_mood(form, field) -> None:
    if field.data and field.data not in MOODS:
        raise ValidationError(NOT_A_MOOD)


class EntryForm(FlaskForm):
    body = TextAreaField(
        _l("Your entry"),
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("Write a few words first.")),
            Length(max=BODY_MAX, message=lazy_text(_limit_words)),
        ],
        description=_l(
            "Only you can read your journal. Markdown works: *emphasis*, lists, quotes."
        ),
    )
    # Checked against the list by _listed_mood, so that a value from nowhere gets a clear word.
    mood = SelectField(
        _l("How are you feeling? (optional)"),
        choices=[SelectChoice("", _l("Rather not say"))]
        + [SelectChoice(mood, label) for mood, label in MOODS.items()],
        validate_choice=False,
        validators=[_listed_mood],
    )
