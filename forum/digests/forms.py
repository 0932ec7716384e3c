"""The notifications settings form: email, digest, quiet hours and time zone."""

from functools import cache
from zoneinfo import available_timezones

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, Regexp, ValidationError

from forum.digests.services import CHOICES
from forum.i18n import lazy_gettext as _l

HOURS = [SelectChoice("", _l("No quiet hours"))] + [
    SelectChoice(str(h), f"{h:02d}:00") for h in range(24)
]


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))  # read once: the lookup walks the zone files


def _hour(value):
    return int(value) if value not in (None, "") else None


class NotificationsForm(FlaskForm):
    email = EmailField(
        _l("Email (optional)"),
        validators=[
            Optional(),
            Length(max=254),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message=_l("That doesn't look like an email address."),
            ),
        ],
        description=_l("Never shown to anyone, used only for the digest you choose below."),
    )
    digest = RadioField(
        _l("Email me"), choices=[SelectChoice(k, v) for k, v in CHOICES.items()], default="none"
    )
    quiet_from = SelectField(_l("Quiet from"), choices=HOURS, coerce=_hour, validate_choice=False)
    quiet_until = SelectField(_l("Quiet until"), choices=HOURS, coerce=_hour, validate_choice=False)
    time_zone = SelectField(_l("Your time zone"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = _zones()
        self.time_zone.choices = [SelectChoice("", "UTC")] + [SelectChoice(z, z) for z in zones]

    def validate_digest(self, field):
        if field.data != "none" and not (self.email.data or "").strip():
            raise ValidationError(_("Give an email address for the digest, or choose no email."))

    def validate_quiet_until(self, field):
        if (self.quiet_from.data is None) != (field.data is None):
            raise ValidationError(_("Choose both hours, or neither."))
        for value in (self.quiet_from.data, field.data):
            if value is not None and not 0 <= value <= 23:
                raise ValidationError(_("Choose an hour from the list."))

    def validate_time_zone(self, field):
        if field.data and field.data not in _zones():
            raise ValidationError(_("Choose a time zone from the list."))
