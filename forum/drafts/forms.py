"""What a draft takes from a writing form: every field may be empty, each bounded as a post's."""

from flask_babel import format_number, gettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from forum.i18n import lazy_gettext as _l
from forum.i18n import lazy_text
from forum.posts.content_notes import NOTE_KINDS
from forum.posts.models import BODY_MAX, TITLE_MAX
from forum.web.paging import id_from
from forum.writing.forms import strip

NOTHING_YET = _l("There is nothing to save yet: write a few words first.")


def _an_id(value):
    return value if id_from(value) is not None else None


class DraftForm(FlaskForm):
    """The fields of the thread, reply and message forms, sent by their "Save as draft"
    button or by the page's script. Unlike the forms themselves nothing is required but a
    word somewhere; the write rule is for when the draft is sent."""

    title = StringField(
        filters=[strip],
        validators=[
            Optional(),
            Length(
                max=TITLE_MAX,
                message=_l("A title is at most %(num)s characters long.", num=TITLE_MAX),
            ),
        ],
    )
    body = TextAreaField(
        filters=[lambda v: v.replace("\r\n", "\n").strip() if isinstance(v, str) else v],
        validators=[
            Optional(),
            Length(
                max=BODY_MAX,
                message=lazy_text(
                    lambda: gettext(
                        "Drafts are limited to %(num)s characters, as posts are.",
                        num=format_number(BODY_MAX),
                    )
                ),
            ),
        ],
    )
    # A note that is not one of the kinds is left out rather than refused: nobody types one.
    content_note = StringField(filters=[lambda v: v if v in NOTE_KINDS else None])
    content_note_text = StringField(
        filters=[strip],
        validators=[Optional(), Length(max=100, message=_l("Keep the note under 100 characters."))],
    )
    parent_id = HiddenField(filters=[_an_id])
    draft_id = HiddenField(filters=[_an_id])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (self.body.data or self.title.data):
            self.body.errors = [*self.body.errors, NOTHING_YET]
            return False
        return valid
