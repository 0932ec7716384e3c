"""The form on a member's profile: mute or block, and for how long."""

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from forum.blocks.models import ShutKind


class ShutOutForm(FlaskForm):
    kind = RadioField(
        "Mute or block",
        choices=[
            SelectChoice(ShutKind.MUTE.value, "Mute: collapse their posts, no notices from them"),
            SelectChoice(ShutKind.BLOCK.value, "Block: also never see their messages or mentions"),
        ],
        default=ShutKind.MUTE.value,
        validators=[InputRequired("Choose mute or block.")],
    )
    duration = RadioField(
        "For how long",
        choices=[
            SelectChoice("week", "A week"),
            SelectChoice("month", "A month"),
            SelectChoice("year", "A year"),
            SelectChoice("always", "Always"),
        ],
        default="week",
        validators=[InputRequired("Choose for how long.")],
        description=(
            "They are never told. The moderators can still reach you, whatever you choose."
        ),
    )
