"""The forms of private conversations: a new one (to whom, and the first message), a reply,
and a message to the moderator team (perhaps about one of the member's notices)."""

from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from forum.conversations.models import MAX_MEMBERS
from forum.i18n import lazy_gettext as _l
from forum.writing.forms import WritingForm, body_field


class MessageForm(WritingForm):
    body = body_field(_l("Your message"))


class NewConversationForm(MessageForm):
    to = StringField(
        _l("To"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[DataRequired(_l("Say who the message is for.")), Length(max=200)],
        description=_l("A pseudonym, or up to %(num)s separated by commas.", num=MAX_MEMBERS - 1),
    )

    def recipient_names(self) -> list[str]:
        names = (name.strip().lstrip("@") for name in (self.to.data or "").split(","))
        return [name for name in names if name]


class ContactTeamForm(MessageForm):
    body = body_field(_l("Your message to the moderators"))
    # The notice the member is asking about, by its id; the notice itself is never copied.
    about = HiddenField()
