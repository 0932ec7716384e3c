"""Account rules: sign-up, sign-in, password change, roles, data export and account deletion."""

import unicodedata

from flask import current_app
from flask_babel import gettext as _

from forum.accounts import queries
from forum.accounts.models import User
from forum.accounts.names import pseudonym_problem
from forum.accounts.passwords import dummy_hash, hash_password, password_problem, verify_password
from forum.conversations.store import erase_messages_of, forget_empty_conversations
from forum.errors import ForumError
from forum.extensions import db
from forum.i18n import SUPPORTED_LOCALES
from forum.notices.services import forget_name
from forum.permissions import Role
from forum.posts.content_notes import COLLAPSED, NOTE_KINDS, READER_MODES
from forum.posts.erasure import detach_posts_of, erase_posts_of, forget_mentions_of
from forum.posts.mentions import FORMER_MEMBER
from forum.posts.signals import member_leaving
from forum.support.queries import has_lines


class AccountError(ForumError):
    """A sign-up or settings rule was broken; `field` names the form field to show it on."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def register_member(
    pseudonym: str,
    password: str,
    email: str | None = None,
    role: Role = Role.MEMBER,
    locale: str | None = None,
) -> User:
    """Create an account under a pseudonym, in the language they joined in (their setting
    from then on: their emails and posts follow it until they change it). Caller commits."""
    pseudonym = unicodedata.normalize("NFKC", pseudonym.strip())
    problem = pseudonym_problem(pseudonym)
    if problem:
        raise AccountError(problem, "pseudonym")
    if queries.pseudonym_taken(pseudonym):
        raise AccountError(
            _("That pseudonym is already taken, or looks too like one that is."), "pseudonym"
        )
    problem = password_problem(password, pseudonym)
    if problem:
        raise AccountError(problem, "password")
    # The model derives the pseudonym's key and skeleton from it.
    user = User(
        pseudonym=pseudonym,
        email=(email or "").strip() or None,
        password_hash=hash_password(password),
        role=role,
        locale=locale if locale in SUPPORTED_LOCALES else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(pseudonym: str, password: str) -> User | None:
    """The member with this pseudonym and password, or None (never saying which was wrong)."""
    user = queries.user_by_pseudonym(pseudonym)
    if user is None:
        verify_password(dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    return user if verify_password(user.password_hash, password) else None


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password and sign out every other session. Caller commits and re-signs in."""
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_("That is not your current password."), "current_password")
    set_password(user, new_password)


def set_password(user: User, new_password: str) -> None:
    """Set a password without asking for the old one (the command line). Caller commits."""
    problem = password_problem(new_password, user.pseudonym)
    if problem:
        raise AccountError(problem, "new_password")
    user.password_hash = hash_password(new_password)
    user.rotate_session_token()


def set_role(user: User, role: Role) -> None:
    """Appoint or step down a moderator or admin; their open sessions end. Caller commits."""
    if user.role != role:
        user.role = role
        user.rotate_session_token()


class DeleteMode:
    DETACH = "detach"  # keep my posts, shown as by "a former member"
    REMOVE = "remove"  # remove my posts too


def delete_account(user: User, password: str, mode: str) -> None:
    """Delete the account; its posts are detached or erased as the member chose. Caller commits."""
    if not verify_password(user.password_hash, password):
        raise AccountError(_("That is not your password."), "password")
    if mode == DeleteMode.REMOVE:
        erase_posts_of(user)
        erase_messages_of(user)
    elif mode == DeleteMode.DETACH:
        detach_posts_of(user)
    else:
        raise AccountError(_("Please choose what happens to your posts."), "mode")
    # Notices name members by pointing at them, so they forget the name with the account;
    # what names it in words (other members' @mentions) is rewritten here.
    forget_mentions_of(user)
    forget_name(user.pseudonym, FORMER_MEMBER)
    member_leaving.send(user)
    db.session.delete(user)
    db.session.flush()  # their places in conversations go with them (ON DELETE CASCADE)
    forget_empty_conversations()


def set_reading_preferences(user: User, note_modes: dict[str, str], greeter: bool) -> None:
    """Save how the member reads posts with each kind of content note. Caller commits."""
    user.note_prefs = {
        kind: mode
        for kind, mode in note_modes.items()
        if kind in NOTE_KINDS and mode in READER_MODES and mode != COLLAPSED
    }
    user.is_greeter = greeter


def set_country(user: User, country: str | None) -> None:
    """Choose the country whose crisis lines the member sees; None or "" for somewhere
    else, or rather not say. Caller commits."""
    if country and not has_lines(country):
        raise AccountError(_("Please choose a country from the list."), "country")
    user.country = country.upper() if country else None


def set_locale(user: User, locale: str | None) -> None:
    """Choose the language the member reads Hearth in; None follows their browser. Caller
    commits."""
    if locale and locale not in SUPPORTED_LOCALES:
        raise AccountError(_("Please choose a language from the list."), "locale")
    user.locale = locale or None
