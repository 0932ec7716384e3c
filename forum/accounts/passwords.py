"""Password rules: long enough, not a common one, hashed with a memory-hard function."""

from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
MAX_LENGTH = 200
_COMMON_FILE = Path(__file__).with_name("common-passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def password_problem(password: str, pseudonym: str | None = None) -> str | None:
    """Why this password would be unsafe, or None."""
    if len(password) < MIN_LENGTH:
        return gettext("Use at least %(num)s characters.", num=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return gettext("Use at most %(num)s characters.", num=MAX_LENGTH)
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 3:
        return gettext("That password is too common and easy to guess. Please choose another.")
    if pseudonym and pseudonym.lower() in lowered:
        return gettext("Your password should not contain your pseudonym.")
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


# Checked against when a pseudonym is unknown, so that a wrong name takes as long as a
# wrong password and the two cannot be told apart by timing.
@lru_cache(maxsize=2)
def dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)
