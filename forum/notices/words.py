"""The sentences a notice stores, kept in English and read in each reader's language.

A feature that tells a member something stores fixed English words (as every stored word
is), marked for the catalogue with `N_` (a sentence) or `counted` (a sentence with a number,
in its singular and plural). The notices page reads them back with `read_stored`: each
paragraph the catalogue knows comes in the reader's language; anything else (a moderator's
own reason, a thread's title) is shown as it was written.
"""

import re

from flask_babel import format_number, get_translations, gettext

# (English forms as a pattern, singular, plural) of each counted sentence.
_COUNTED: list[tuple[re.Pattern, str, str]] = []
_NUMBER = r"(?P<num>\d[\d,]*)"


def N_(words: str) -> str:  # noqa: N802  (the catalogue's own name for this marker)
    """Mark a stored sentence for the catalogue; it is stored as written, in English."""
    return words


def counted(singular: str, plural: str):
    """Mark a stored sentence with a `%(num)s` in it; returns the English sentence for a
    number, which `read_stored` reads back in the reader's language and plural."""
    for form in (singular, plural):
        pattern = re.escape(form).replace(re.escape("%(num)s"), _NUMBER)
        _COUNTED.append((re.compile(pattern), singular, plural))

    def english(number: int) -> str:
        return (singular if number == 1 else plural) % {"num": number}

    return english


def _read_paragraph(words: str) -> str:
    translated = gettext(words)
    if translated != words:
        return translated
    for pattern, singular, plural in _COUNTED:
        found = pattern.fullmatch(words)
        if found:
            number = int(found.group("num").replace(",", ""))
            sentence = get_translations().ungettext(singular, plural, number)
            return sentence % {"num": format_number(number)}
    return words


def read_stored(words: str) -> str:
    """Stored notice words in the reader's language, paragraph by paragraph."""
    if not words:
        return ""
    return "\n\n".join(_read_paragraph(p) for p in words.split("\n\n"))
