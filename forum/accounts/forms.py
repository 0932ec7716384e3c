"""Account forms: they validate what was typed; the services decide and save."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, Optional, Regexp, ValidationError

from forum.accounts.names import MAX_LENGTH, pseudonym_problem
from forum.accounts.passwords import MAX_LENGTH as PASSWORD_MAX
from forum.accounts.passwords import password_problem
from forum.accounts.services import DeleteMode
from forum.i18n import lazy_gettext as _l
from forum.posts.content_notes import COLLAPSED, NOTE_KINDS, READER_MODES

PSEUDONYM_HELP = _l(
    "This is how others will see you. Please don't use your real name or anything that "
    "could identify you: 3 to 30 letters, digits, '_', '-' or '.'."
)


def _valid_pseudonym(form, field) -> None:
    problem = pseudonym_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _safe_password(form, field) -> None:
    pseudonym = getattr(getattr(form, "pseudonym", None), "data", None)
    problem = password_problem(field.data or "", pseudonym)
    if problem:
        raise ValidationError(problem)


class SignUpForm(FlaskForm):
    pseudonym = StringField(
        _l("Pseudonym"),
        validators=[
            InputRequired(_l("Choose a pseudonym.")),
            Length(max=MAX_LENGTH + 10),
            _valid_pseudonym,
        ],
        description=PSEUDONYM_HELP,
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Choose a password.")), _safe_password],
        description=_l("At least 10 characters. A few unrelated words make a strong one."),
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            InputRequired(_l("Type the password again.")),
            EqualTo("password", _l("The two passwords differ.")),
        ],
    )
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
        description=_l("Never shown to anyone. Leave it empty if you like."),
    )
    guidelines = BooleanField(
        _l("I have read the community guidelines"),
        validators=[InputRequired(_l("Please read the guidelines and tick this box."))],
    )


class SignInForm(FlaskForm):
    pseudonym = StringField(
        _l("Pseudonym"), validators=[InputRequired(_l("Enter your pseudonym.")), Length(max=100)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[InputRequired(_l("Choose a new password.")), _safe_password],
        description=_l("At least 10 characters. Your other devices will be signed out."),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            InputRequired(_l("Type the new password again.")),
            EqualTo("new_password", _l("The two passwords differ.")),
        ],
    )


class ExportForm(FlaskForm):
    """Only a CSRF token: the download is a POST so that no other site can start it."""


class DeleteAccountForm(FlaskForm):
    mode = RadioField(
        _l("What should happen to your posts?"),
        choices=[
            SelectChoice(
                DeleteMode.DETACH,
                _l("Keep my posts for others to read, shown as by “a former member”"),
            ),
            SelectChoice(DeleteMode.REMOVE, _l("Remove my posts too (replies by others stay)")),
        ],
        validators=[InputRequired(_l("Please choose what happens to your posts."))],
    )
    password = PasswordField(
        _l("Your password, to confirm"), validators=[InputRequired(_l("Enter your password."))]
    )
    confirm = BooleanField(
        _l("I understand that this can't be undone"),
        validators=[InputRequired(_l("Please tick this to confirm."))],
    )


ELSEWHERE = ""  # the choice for "Somewhere else / rather not say": no country stored


class CountryForm(FlaskForm):
    """The country whose crisis lines the member sees; the choices come from the view."""

    country = SelectField(
        _l("Your country"),
        choices=[],
        validate_choice=True,
        description=_l("Only you see it. Hearth never guesses it from your address or browser."),
    )

    def offer(self, countries: list[tuple[str, str]]) -> "CountryForm":
        self.country.choices = [
            *(SelectChoice(code, name) for code, name in countries),
            SelectChoice(ELSEWHERE, _l("Somewhere else / rather not say")),
        ]
        return self


class ReadingForm(FlaskForm):
    """How the member reads posts with content notes, and whether they greet newcomers."""

    greeter = BooleanField(
        _l("I'd like to greet newcomers"),
        description=_l("You'll see newcomers' first threads that nobody has answered yet."),
    )

    def note_fields(self):
        return [self[f"note_{kind}"] for kind in NOTE_KINDS]


for _kind, _label in NOTE_KINDS.items():
    setattr(
        ReadingForm,
        f"note_{_kind}",
        SelectField(
            _label,
            choices=[SelectChoice(mode, words) for mode, words in READER_MODES.items()],
            default=COLLAPSED,
        ),
    )
