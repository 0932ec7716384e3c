"""Looking members up: by pseudonym (as people type it) and by session id."""

import hmac
import unicodedata

import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.names import pseudonym_key
from forum.extensions import db


def user_by_pseudonym(pseudonym: str) -> User | None:
    """Find a member however their pseudonym is capitalised or normalised."""
    key = pseudonym_key(unicodedata.normalize("NFKC", pseudonym.strip()))
    return db.session.scalar(sa.select(User).where(User.pseudonym_key == key))


def pseudonym_taken(pseudonym: str) -> bool:
    return user_by_pseudonym(pseudonym) is not None


def user_by_session_id(session_id: str) -> User | None:
    """The member a session cookie names, if its token is still the current one."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user
