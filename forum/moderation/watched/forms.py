"""The forms of the watched-words page: a rule, the test box, and a CSV to import."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from forum.i18n import lazy_gettext as _l
from forum.moderation.watched.rules import WORDS_MAX
from forum.moderation.watched.services import ACTION_LABELS, DETAIL_MAX

CSV_MAX_BYTES = 200_000


class RuleForm(FlaskForm):
    words = StringField(
        _l("Word or phrase"),
        validators=[InputRequired(_l("Please write a word or a phrase.")), Length(max=WORDS_MAX)],
        description=_l(
            "Case and spacing don't matter; whole words only. * stands for the rest "
            "of a word: oxy* finds oxycodone."
        ),
    )
    action = SelectField(
        _l("What happens"),
        choices=[SelectChoice(action.value, label) for action, label in ACTION_LABELS.items()],
        validators=[InputRequired()],
    )
    detail = TextAreaField(
        _l("Detail (for replace, resource card and content note)"),
        validators=[Optional(), Length(max=DETAIL_MAX)],
        description=_l(
            "Replace: the words put in instead. Resource: the card, in Markdown. "
            "Content note: a kind (relapse, use, self_harm, overdose, grief, abuse) or its words."
        ),
    )


class TryForm(FlaskForm):
    sample = TextAreaField(
        _l("A text to try"),
        validators=[InputRequired(_l("Please write a text to try.")), Length(max=20_000)],
        description=_l("Nothing is posted or logged: this shows what the rules would do."),
    )


class ImportForm(FlaskForm):
    file = FileField(
        _l("A CSV file: words, action, detail"),
        validators=[
            FileRequired(_l("Please choose a file.")),
            FileSize(CSV_MAX_BYTES, message=_l("The file is too big: 200 kB at most.")),
        ],
    )


class ShippedForm(FlaskForm):
    """Switch off one shipped care phrase (each row of the list carries its phrase)."""

    phrase = HiddenField(validators=[InputRequired()])
