"""@mentions in a post's source: who a post names, and forgetting a name that left."""

import re

from forum.accounts.names import pseudonym_key

# "@name" not preceded by a letter, digit or "@" (so an email address is not a mention), in
# the shape a pseudonym may have; a trailing full stop or dash stays outside the name.
MENTION = re.compile(r"(?<![\w@])@([^\W_](?:[\w.-]{0,28}[^\W_])?)")
MAX_MENTIONS = 10
# What a mention of a member who left reads as (not a pseudonym anyone can take).
FORMER_MEMBER = "a former member"


def mentioned_names(source: str) -> list[str]:
    """The distinct @pseudonyms a post's source names, in order, at most MAX_MENTIONS."""
    names: list[str] = []
    for match in MENTION.finditer(source):
        name = match.group(1)
        if len(name) >= 3 and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
        if len(names) == MAX_MENTIONS:
            break
    return names


def without_mentions_of(source: str, key: str) -> str:
    """The source with every @mention of the pseudonym whose key is `key` (its letters in
    any case) read as "a former member"."""
    return MENTION.sub(
        lambda m: FORMER_MEMBER if pseudonym_key(m.group(1)) == key else m.group(0), source
    )
