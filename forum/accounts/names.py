"""Pseudonym rules: allowed characters, reserved names, and a key that look-alikes share."""

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

MIN_LENGTH = 3
MAX_LENGTH = 30
RESERVED = frozenset(
    {
        "admin", "administrator", "moderator", "moderators", "mod", "mods", "staff", "hearth",
        "system", "support", "root", "owner", "team", "official", "help", "helpdesk",
        "security", "everyone", "anonymous", "deleted", "former-member", "formermember",
        "null", "none", "undefined", "guest", "user", "member", "crisis", "emergency",
    }
)  # fmt: skip
# Letters and digits of any script, and _ - . ; the name must start and end with a letter or digit.
_SHAPE = re.compile(r"^[^\W_](?:[\w.-]*[^\W_])?$")


def _skeleton_char(char: str) -> str:
    return _skeleton_of(char) if not char.isascii() else char


@lru_cache(maxsize=4096)
def _skeleton_of(char: str) -> str:
    """The ASCII letter or digit a character is mistaken for, if any."""
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=[]) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            candidate = glyph["c"]
            if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
                return candidate.lower()
    return char


def pseudonym_key(name: str) -> str:
    """NFKC, casefold, then fold look-alikes: 'Anna', 'ANNA' and 'аnna' (Cyrillic a) share a key."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(_skeleton_char(c) for c in folded)


def pseudonym_problem(name: str) -> str | None:
    """Why this pseudonym can't be used, or None if its shape is fine (uniqueness aside)."""
    normalised = unicodedata.normalize("NFKC", name)
    if not MIN_LENGTH <= len(normalised) <= MAX_LENGTH:
        return f"A pseudonym is {MIN_LENGTH} to {MAX_LENGTH} characters long."
    if not _SHAPE.match(normalised):
        return "Use letters, digits, '_', '-' and '.', starting and ending with a letter or digit."
    scripts = categories.unique_aliases(normalised) - {"COMMON"}
    if len(scripts) > 1:
        return "Please use letters from one alphabet only, so that nobody can imitate your name."
    key = pseudonym_key(normalised)
    bare = key.replace("_", "").replace("-", "").replace(".", "")
    if key in RESERVED or bare in RESERVED:
        return "That name is reserved. Please choose another."
    return None
