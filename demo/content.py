"""Invented forum text for the demo: pseudonyms, thread titles, opening posts and replies.

Every function takes a `random.Random`, so one seed always writes the same forum. Nothing here
touches the database, and a call is string work of a few dozen microseconds, cheap enough
for a benchmark to call in a loop.
"""

import random
import re
from collections.abc import Iterable

from demo import lines, replies, words

# The topics a board's threads are about; a topic named twice comes up twice as often.
BOARD_TOPICS: dict[str, tuple[str, ...]] = {
    "introductions": ("intro", "intro", "first_week"),
    "stories": ("story", "story", "relapse", "withdrawal"),
    "milestones": ("milestone",),
    "cravings-and-coping": ("cravings", "cravings", "coping", "withdrawal"),
    "family-and-friends": ("family", "family", "carer"),
    "resources": ("resources",),
    "community-lounge": ("lounge",),
}
BOARD_SLUGS = tuple(BOARD_TOPICS)

# Where a long post wanders when it has said what its own topic has to say.
RELATED: dict[str, tuple[str, ...]] = {
    "intro": ("first_week", "story"),
    "first_week": ("withdrawal", "coping"),
    "story": ("relapse", "coping"),
    "relapse": ("story", "coping"),
    "withdrawal": ("first_week", "coping"),
    "milestone": ("story", "coping"),
    "cravings": ("coping",),
    "coping": ("cravings",),
    "family": ("story",),
    "carer": (),
    "resources": ("coping",),
    "lounge": (),
}
_OPENER_KIND = {"intro": "welcome", "first_week": "welcome", "coping": "ask", "lounge": "chat"}
_OPENER_KIND |= {"resources": "ask", "carer": "ask"}
_GENERAL_TOPICS = frozenset(RELATED) - {"lounge", "resources", "carer"}

# Words no demo pseudonym contains, so none looks like it speaks for the forum.
_RESERVED_PARTS = ("admin", "mod", "staff", "support", "hearth", "help", "team", "official")
_PSEUDONYM_SHAPE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$")
_NUMBERED = re.compile(r"^\d+\. ")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class _Slots(dict):
    """Fills each {slot} on first use and keeps it, so a post sticks to one sister, one walk."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        base = key.rstrip("0123456789")
        value = self.rng.choice(words.SLOTS[base])
        if base != key and value == self.get(base):
            value = self.rng.choice(words.SLOTS[base])
        self[key] = value
        return value


def _fill(template: str, slots: _Slots) -> str:
    text = template.format_map(slots)
    return text[:1].upper() + text[1:]


def _topic(rng: random.Random, board_slug: str | None) -> str:
    return rng.choice(BOARD_TOPICS[board_slug or rng.choice(BOARD_SLUGS)])


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


# --- threads --------------------------------------------------------------------------------


def title(rng: random.Random, board_slug: str | None = None) -> str:
    """A thread title fitting the board ("90 days today", "Cravings are bad tonight")."""
    return _fill(rng.choice(words.TITLES[_topic(rng, board_slug)]), _Slots(rng))


def body(
    rng: random.Random, words_min: int = 20, words_max: int = 400, board_slug: str | None = None
) -> str:
    """A Markdown opening post of about `words_min` to `words_max` words on the board's themes."""
    return _compose(rng, _topic(rng, board_slug), _Slots(rng), words_min, words_max)


def thread(
    rng: random.Random, board_slug: str, words_min: int = 20, words_max: int = 400
) -> tuple[str, str]:
    """A title and an opening post that talk about the same thing (the same 90 days)."""
    topic = _topic(rng, board_slug)
    slots = _Slots(rng)
    heading = _fill(rng.choice(words.TITLES[topic]), slots)
    return heading, _compose(rng, topic, slots, words_min, words_max)


def _sentences(rng: random.Random, topic: str):
    """The templates a post draws on, its own topic first, each at most once."""
    kind = _OPENER_KIND.get(topic, "share")
    if rng.random() < 0.6:
        yield rng.choice(lines.OPENERS[kind])
    yield from rng.sample(lines.LINES[topic], len(lines.LINES[topic]))
    more = [line for other in RELATED[topic] for line in lines.LINES[other]]
    if topic in _GENERAL_TOPICS:
        more.extend(lines.GENERAL)
    yield from rng.sample(more, len(more))
    if topic not in _GENERAL_TOPICS:
        yield from rng.sample(lines.GENERAL, len(lines.GENERAL))


def _compose(rng: random.Random, topic: str, slots: _Slots, words_min: int, words_max: int) -> str:
    target = rng.randint(words_min, max(words_min, words_max))
    blocks: list[str] = []
    paragraph: list[str] = []
    count = 0
    extras = {"list": topic in lines.LISTS and rng.random() < 0.35, "quote": rng.random() < 0.15}
    paragraph_length = rng.randint(2, 4)
    for template in _sentences(rng, topic):
        sentence = _fill(template, slots)
        size = len(sentence.split())
        if count + size > words_max:
            if count >= words_min:
                break
            continue
        paragraph.append(sentence)
        count += size
        if count >= target:
            break
        if len(paragraph) >= paragraph_length:
            blocks.append(_paragraph(rng, paragraph))
            paragraph, paragraph_length = [], rng.randint(1, 4)
            extra = _extra(rng, topic, slots, extras, words_max - count)
            if extra:
                blocks.append(extra)
                count += len(extra.split())
    if paragraph:
        blocks.append(_paragraph(rng, paragraph))
    closer = rng.choice(lines.CLOSERS)
    if rng.random() < 0.4 and count + len(closer.split()) <= words_max:
        blocks.append(closer)
    return "\n\n".join(blocks)


def _paragraph(rng: random.Random, sentences: list[str]) -> str:
    """Join sentences; now and then a short one is set in bold, as people do for the key line."""
    if rng.random() < 0.15:
        index = rng.randrange(len(sentences))
        if len(sentences[index].split()) <= 12:
            sentences = [*sentences]
            sentences[index] = f"**{sentences[index]}**"
    return " ".join(sentences)


def _extra(rng: random.Random, topic: str, slots: _Slots, extras: dict, room: int) -> str | None:
    """A list or a quotation between paragraphs, each at most once a post, if it fits."""
    if extras["list"] and rng.random() < 0.5:
        extras["list"] = False
        intros, slot = lines.LISTS[topic]
        items = rng.sample(words.SLOTS[slot], rng.randint(3, 5))
        numbered = rng.random() < 0.3
        bullets = [f"{number}. " if numbered else "- " for number in range(1, len(items) + 1)]
        text = (
            rng.choice(intros)
            + "\n\n"
            + "\n".join(
                bullet + _fill(item, slots) for bullet, item in zip(bullets, items, strict=True)
            )
        )
    elif extras["quote"] and rng.random() < 0.5:
        extras["quote"] = False
        text = f"{_fill(rng.choice(lines.QUOTE_INTROS), slots)}\n\n> {rng.choice(lines.QUOTES)}"
    else:
        return None
    return text if len(text.split()) <= room else None


# --- replies --------------------------------------------------------------------------------


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
    slots = _Slots(rng)
    blocks = []
    if quoting:
        line = _quotable(rng, quoting)
        if line:
            blocks.append(f"> {line}")
    group = replies.REPLIES[replies.GROUP_OF_TOPIC[_topic(rng, board_slug)]]
    if from_starter:
        picked = rng.sample(group["thanks"], rng.randint(1, 2))
        return "\n\n".join([*blocks, " ".join(_fill(t, slots) for t in picked)])
    target = rng.randint(words_min, max(words_min, words_max))
    sentences = []
    if quoting and rng.random() < 0.5:
        sentences.append(rng.choice(replies.AGREE))
    elif rng.random() < 0.5:
        sentences.append(rng.choice(group["open"]))
    count = sum(len(s.split()) for s in sentences)
    for template in rng.sample(group["lines"], len(group["lines"])):
        sentence = _fill(template, slots)
        size = len(sentence.split())
        if count + size > words_max and count >= words_min:
            break
        sentences.append(sentence)
        count += size
        if count >= target:
            break
    closer = rng.choice(group["close"])
    if rng.random() < 0.5 and count + len(closer.split()) <= words_max:
        sentences.append(closer)
    # Long replies come in paragraphs of two or three sentences.
    step = rng.randint(2, 3) if count > 60 else max(len(sentences), 1)
    for start in range(0, len(sentences), step):
        blocks.append(" ".join(sentences[start : start + step]))
    return "\n\n".join(blocks)


def _quotable(rng: random.Random, text: str, limit: int = 25) -> str:
    """A sentence of the post's own words (not its quotes or lists) worth quoting, shortened."""
    candidates = []
    for line in text.splitlines():
        line = line.strip().replace("**", "")
        if line and not line.startswith((">", "-")) and not _NUMBERED.match(line):
            candidates.extend(s for s in _SENTENCE_END.split(line) if len(s.split()) >= 6)
    if not candidates:
        return ""
    parts = rng.choice(candidates).split()
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")
