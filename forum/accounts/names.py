"""Pseudonym rules: allowed characters, reserved names, the key a name is known by, and the
skeleton that look-alike names share."""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables
from flask_babel import gettext

MIN_LENGTH = 3
MAX_LENGTH = 30
# A skeleton can be longer than its name ("m" reads as "rn"); no 30-character name's is
# longer than this.
SKELETON_LENGTH = 255
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
_SEPARATORS = re.compile(r"[._-]")
# Look-alikes within Latin letters that Unicode's table leaves out (it has "rn" for "m").
_EXTRA = (("vv", "w"),)
# The data lists each pair of confusables both ways, right-to-left letters wrapped in marks.
_MARK = "\u200e"


@cache
def _prototypes() -> dict[str, str]:
    """What each character is read as, from Unicode's confusables table (UTS #39).

    The table maps a character to its prototype ("I" -> "l", "0" -> "O", "m" -> "rn").
    confusable_homoglyphs ships it as a list of homoglyphs for each side of each pair: a
    character with one homoglyph, which has others, is a source mapped to that prototype;
    two characters that only have each other are mapped to the smaller of the two.
    """
    listed: dict[str, list[str]] = {}
    for char, glyphs in confusables.confusables_data.items():
        listed.setdefault(char.replace(_MARK, ""), []).extend(
            glyph["c"].replace(_MARK, "") for glyph in glyphs
        )
    table = {}
    for char, glyphs in listed.items():
        if len(char) != 1 or len(glyphs) != 1:
            continue  # a prototype of several characters, or one that others are read as
        prototype = glyphs[0]
        if len(prototype) > 1 or len(listed.get(prototype, ())) > 1:
            table[char] = prototype
        elif prototype < char:
            table[char] = prototype
    return table


def pseudonym_key(name: str) -> str:
    """The name a member is known by, whatever its capitals or width: NFKC, casefolded.
    'Anna', 'ANNA' and 'Ａnna' (fullwidth) are one key; one member holds each key."""
    return unicodedata.normalize("NFKC", name.strip()).casefold()


def pseudonym_skeleton(name: str) -> str:
    """What a name looks like, for telling look-alikes apart from different names.

    Unicode's skeleton (UTS #39: decomposed, each character replaced by its prototype) of
    the casefolded name, folded until it stays the same, with "i" read as "l" (a capital I
    is an l in most fonts, and names are case-insensitive) and "vv" as "w". 'WildOrchard',
    'WiIdOrchard', 'W1ldOrchard' and 'wildorchard' share one; so do 'aca' and Cyrillic 'аса'.
    """
    text = pseudonym_key(name)
    table = _prototypes()
    for _ in range(4):  # a prototype's lower case can have a prototype of its own
        mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
        folded = unicodedata.normalize("NFD", mapped).casefold()
        if folded == text:
            break
        text = folded
    text = text.replace("i", "l")
    for seen, read in _EXTRA:
        text = text.replace(seen, read)
    return text


@cache
def _reserved_skeletons() -> frozenset[str]:
    return frozenset(pseudonym_skeleton(_SEPARATORS.sub("", name)) for name in RESERVED)


def pseudonym_problem(name: str) -> str | None:
    """Why this pseudonym can't be used, or None if its shape is fine (uniqueness aside)."""
    normalised = unicodedata.normalize("NFKC", name)
    if not MIN_LENGTH <= len(normalised) <= MAX_LENGTH:
        return gettext(
            "A pseudonym is %(least)s to %(most)s characters long.",
            least=MIN_LENGTH,
            most=MAX_LENGTH,
        )
    if not _SHAPE.match(normalised):
        return gettext(
            "Use letters, digits, '_', '-' and '.', starting and ending with a letter or digit."
        )
    scripts = categories.unique_aliases(normalised) - {"COMMON"}
    if len(scripts) > 1:
        return gettext(
            "Please use letters from one alphabet only, so that nobody can imitate your name."
        )
    # "Adm1n", "m0derator" and "s.t.a.f.f" read as the names they imitate.
    if pseudonym_skeleton(_SEPARATORS.sub("", normalised)) in _reserved_skeletons():
        return gettext("That name is reserved. Please choose another.")
    return None
