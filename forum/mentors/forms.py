"""Mentoring's forms: a mentor's offer, and what a member asks for in a mentor."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from forum.i18n import lazy_gettext as _l
from forum.mentors.choices import BANDS, HOW_OFTEN, NOTE_MAX, PATHS, SUBSTANCES


class CheckboxesField(SelectMultipleField):
    """A few boxes to tick, any number of them."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _listed(choices: dict) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in choices.items()]


def _anything(label, choices: dict) -> list[SelectChoice]:
    return [SelectChoice("", label), *_listed(choices)]


class OfferForm(FlaskForm):
    note = TextAreaField(
        _l("A short note about your path"),
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("A few words help someone choose you.")),
            Length(max=NOTE_MAX, message=_l("Keep it under %(num)s characters.", num=NOTE_MAX)),
        ],
        description=_l(
            "What helped you, and what you can listen to. No real names, places or "
            "contact details: everything happens in Hearth's own messages. Markdown works."
        ),
    )
    how_often = RadioField(
        _l("How often can you answer?"),
        choices=_listed(HOW_OFTEN),
        default="few-days",
        validators=[DataRequired(_l("Please choose how often you can answer."))],
    )
    substances = CheckboxesField(_l("What you can speak to"), choices=_listed(SUBSTANCES))
    paths = CheckboxesField(_l("Recovery paths you know"), choices=_listed(PATHS))
    band = SelectField(
        _l("Where in the world you answer from"), choices=_anything(_l("Rather not say"), BANDS)
    )
    is_open = BooleanField(_l("Open to new mentees"), default=True)
    post_anyway = BooleanField(_l("Show it anyway"))


class AskForm(FlaskForm):
    substance = SelectField(
        _l("Someone who knows about"), choices=_anything(_l("Any substance"), SUBSTANCES)
    )
    path = SelectField(_l("Who knows the path of"), choices=_anything(_l("Any path"), PATHS))
    band = SelectField(_l("Who answers from"), choices=_anything(_l("Anywhere"), BANDS))
