"""Invented forum text for the demo: pseudonyms, thread titles, opening posts and replies.

Every function takes a `random.Random`, so one seed always writes the same forum. The seed
keeps one Writer (demo/writer.py) for the whole forum, so that its text does not repeat;
the functions here use a fresh one each call (string work of tens of microseconds, cheap
enough for a benchmark to call in a loop). Nothing here touches the database.
"""

import random
import re
from collections.abc import Iterable

from demo import words
from demo.writer import BOARD_SLUGS, Opening, Writer

__all__ = ["BOARD_SLUGS", "Opening", "Writer", "body", "pseudonym", "pseudonyms", "reply_body"]
__all__ += ["thread", "title"]

# Words no demo pseudonym contains, so none looks like it speaks for the forum.
_RESERVED_PARTS = ("admin", "mod", "staff", "support", "hearth", "help", "team", "official")
_PSEUDONYM_SHAPE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$")


def _board(rng: random.Random, board_slug: str | None) -> str:
    return board_slug or rng.choice(BOARD_SLUGS)


def title(rng: random.Random, board_slug: str | None = None) -> str:
    """A thread title fitting the board ("90 days today", "Cravings are bad tonight")."""
    return Writer(rng).title(_board(rng, board_slug))


def body(
    rng: random.Random, words_min: int = 20, words_max: int = 400, board_slug: str | None = None
) -> str:
    """A Markdown opening post of `words_min` to `words_max` words in the board's voice."""
    return Writer(rng).body(_board(rng, board_slug), words_min, words_max)


def thread(
    rng: random.Random, board_slug: str, words_min: int = 20, words_max: int = 400
) -> tuple[str, str]:
    """A title and an opening post that talk about the same thing (the same 90 days)."""
    opening = Writer(rng).thread(board_slug, words_min, words_max)
    return opening.title, opening.body


def reply_body(
    rng: random.Random,
    words_min: int = 5,
    words_max: int = 150,
    board_slug: str | None = None,
    quoting: str | None = None,
    from_starter: bool = False,
) -> str:
    """A supportive reply fitting the board; it may quote a line of `quoting`, the post it
    answers. With `from_starter`, the thread's author thanks the others."""
    return Writer(rng).reply(_board(rng, board_slug), words_min, words_max, quoting, from_starter)


# --- pseudonyms -----------------------------------------------------------------------------


def pseudonym(rng: random.Random) -> str:
    """A pseudonym such as "quiet-river", "Morning_Tea42", "SteadyHeron" or "still_here"."""
    while True:
        name = _pseudonym_shape(rng)
        lowered = name.lower()
        fits = 3 <= len(name) <= 30 and _PSEUDONYM_SHAPE.match(name)
        if fits and not any(part in lowered for part in _RESERVED_PARTS):
            return name


def _pseudonym_shape(rng: random.Random) -> str:
    adjective, noun = rng.choice(words.ADJECTIVES), rng.choice(words.NOUNS)
    shape = rng.randrange(7)
    if shape == 0:
        return f"{adjective}-{noun}"
    if shape == 1:
        return f"{adjective.title()}_{noun.title()}{rng.randint(1, 99)}"
    if shape == 2:
        return f"{adjective.title()}{noun.title()}"
    if shape == 3:
        return f"{noun}{rng.randint(2, 99)}"
    if shape == 4:
        return f"{adjective}.{noun}"
    if shape == 5:
        return f"{noun}-and-{rng.choice(words.NOUNS)}"
    phrase = rng.choice(words.PHRASES)
    return phrase if rng.random() < 0.6 else f"{phrase}{rng.randint(1, 9)}"


def pseudonyms(rng: random.Random, count: int, taken: Iterable[str] = ()) -> list[str]:
    """`count` different pseudonyms, none like one in `taken` (ignoring case and end digits)."""
    seen = {_stem(name) for name in taken}
    names: list[str] = []
    while len(names) < count:
        name = pseudonym(rng)
        if _stem(name) not in seen:
            seen.add(_stem(name))
            names.append(name)
    return names


def _stem(name: str) -> str:
    return name.casefold().rstrip("0123456789")
