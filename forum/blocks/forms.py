"""The form on a member's profile: mute or block, and for how long."""

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from forum.blocks.models import ShutKind
from forum.i18n import lazy_gettext as _l


class ShutOutForm(FlaskForm):
    kind = RadioField(
        _l("Mute or block"),
        choices=[
            SelectChoice(
                ShutKind.MUTE.value, _l("Mute: collapse their posts, no notices from them")
            ),
            SelectChoice(
                ShutKind.BLOCK.value, _l("Block: also never see their messages or mentions")
            ),
        ],
        default=ShutKind.MUTE.value,
        validators=[InputRequired(_l("Choose mute or block."))],
    )
    duration = RadioField(
        _l("For how long"),
        choices=[
            SelectChoice("week", _l("A week")),
            SelectChoice("month", _l("A month")),
            SelectChoice("year", _l("A year")),
            SelectChoice("always", _l("Always")),
        ],
        default="week",
        validators=[InputRequired(_l("Choose for how long."))],
        description=_l(
            "They are never told. The moderators can still reach you, whatever you choose."
        ),
    )
