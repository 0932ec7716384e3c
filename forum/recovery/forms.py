"""Forms for counters, the slip page, sharing a milestone and the day-count preference."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forum.i18n import lazy_gettext as _l
from forum.recovery.models import LABEL_MAX, local_today, time_zones
from forum.writing.forms import WritingForm, body_field, language_field, title_field


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in sorted(time_zones())]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class CounterForm(FlaskForm):
    label = StringField(
        _l("What you are counting"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Give the counter a name.")),
            Length(max=LABEL_MAX, message=_l("Up to %(num)s characters.", num=LABEL_MAX)),
        ],
        description=_l('A word or two, e.g. "alcohol" or "gambling". Only you see it.'),
    )
    started_on = DateField(
        _l("Start date"),
        validators=[InputRequired(_l("Choose the first day you are counting."))],
        description=_l("Your start date counts as day 1."),
    )
    time_zone = SelectField(
        _l("Your time zone"),
        choices=time_zone_choices,
        default="UTC",
        description=_l("Your days change at midnight where you are."),
    )
    show = BooleanField(_l("Show this counter's days beside my pseudonym on my posts"))

    def validate_started_on(self, field) -> None:
        zone = self.time_zone.data if self.time_zone.data in time_zones() else "UTC"
        if field.data and field.data > local_today(zone):
            raise ValidationError(_l("The start date can't be in the future."))


class RenameCounterForm(FlaskForm):
    label = CounterForm.label
    time_zone = CounterForm.time_zone


class SlipForm(FlaskForm):
    new_start = DateField(
        _l("Start the new streak on"),
        validators=[Optional()],
        description=_l("Today, unless you choose another day."),
    )


class ShareMilestoneForm(WritingForm):
    """A milestone thread is writing like any other: the same note, check and care."""

    title = title_field()
    body = body_field(_l("What you'd like to say"))
    language = language_field()


class DayCountsForm(FlaskForm):
    show_day_counts = BooleanField(
        _l("Show me the day counts other members share beside their names")
    )
