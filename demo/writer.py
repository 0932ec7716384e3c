"""The demo's writer: it deals each board's titles, first lines and sentences from shuffled
decks, so that across one forum none comes round again before its pool has been used up,
and fills their {slots} so that a title and its post talk about the same thing."""

import functools
import itertools
import random
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from demo import words
from demo.voices import (
    Replies,
    Topic,
    Voice,
    cravings,
    family,
    introductions,
    lounge,
    milestones,
    resources,
    shared,
    stories,
)

BOARDS: dict[str, Voice] = {
    "introductions": introductions.VOICE,
    "stories": stories.VOICE,
    "milestones": milestones.VOICE,
    "cravings-and-coping": cravings.VOICE,
    "family-and-friends": family.VOICE,
    "resources": resources.VOICE,
    "community-lounge": lounge.VOICE,
}
BOARD_SLUGS = tuple(BOARDS)
_T = TypeVar("_T")

_NUMBERED = re.compile(r"^\d+\. ")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# How often an opening post begins with a greeting, a list or a quotation.
GREETING, LISTING, QUOTING = 0.05, 0.35, 0.12
# A reply line that picks up something particular ("the mints idea") is said this often at most.
ECHOES = 4


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


def _words(text: str) -> int:
    return len(text.split())


class Opening(NamedTuple):
    title: str
    body: str
    topic: str  # which of the board's topics, for the replies to answer in kind
    slots: dict[str, str]  # what its {slots} were filled with (the 90 days of its title)


class Writer:
    """The text of one forum, dealt from decks: a title, first line or sentence comes round
    again only once its board has used the rest of its pool."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._decks: dict[str, list] = {}
        self._echoed: dict[str, int] = {}  # how often each cued reply line was used

    def _deal(self, key: str, pool: Sequence[_T], avoid: Collection[_T] = ()) -> _T:
        """The next item of the deck `key`, shuffled afresh when it runs out; one in `avoid`
        (already in this post) is passed over while others are left."""
        for _ in range(len(pool) + 1):
            deck = self._decks.get(key)
            if not deck:
                deck = self._decks[key] = list(pool)
                self.rng.shuffle(deck)
            item = deck.pop()
            if item not in avoid:
                break
        return item

    def _topic(self, voice: Voice) -> str:
        names = list(voice.topics)
        return self.rng.choices(names, [voice.topics[n].weight for n in names])[0]

    # --- threads ----------------------------------------------------------------------------

    def thread(
        self,
        slug: str,
        words_min: int | None = None,
        words_max: int | None = None,
        taken: Collection[str] = (),
    ) -> Opening:
        """A title no thread of the board in `taken` has, and an opening post about the same
        thing (the same 90 days), as long as the board's posts run unless told otherwise."""
        voice = BOARDS[slug]
        name, title, first, slots = self._title(slug, voice, self._topic(voice), taken)
        if words_min is None or words_max is None:
            low, high, _ = self.rng.choices(voice.lengths, [w for *_, w in voice.lengths])[0]
            words_min, words_max = low, high
        body = self._opening(slug, voice, name, first, slots, words_min, words_max)
        return Opening(title, body, name, dict(slots))

    def title(self, slug: str) -> str:
        voice = BOARDS[slug]
        return self._title(slug, voice, self._topic(voice), ())[1]

    def _title(
        self, slug: str, voice: Voice, chosen: str, taken: Collection[str]
    ) -> tuple[str, str, str, _Slots]:
        """(topic, title, first line, slots) of a thread whose title is not in `taken`."""
        names = [chosen] + [n for n in voice.topics if n != chosen]
        found = None
        for name in names:  # another of the board's topics once this one's titles are used
            threads = voice.topics[name].threads
            for _ in range(len(threads) + 3):
                slots = _Slots(self.rng)
                title, first = self._deal(f"{slug}/{name}/threads", threads)
                found = (name, _fill(title, slots), first, slots)
                if found[1] not in taken:
                    return found
        return found

    def body(self, slug: str, words_min: int = 20, words_max: int = 400) -> str:
        voice = BOARDS[slug]
        name = self._topic(voice)
        _, first = self._deal(f"{slug}/{name}/threads", voice.topics[name].threads)
        return self._opening(slug, voice, name, first, _Slots(self.rng), words_min, words_max)

    def _opening(
        self, slug: str, voice: Voice, name: str, first: str, slots: _Slots, low: int, high: int
    ) -> str:
        """An opening post of `low` to `high` words that begins with `first`; the shortest
        are that line alone."""
        line = _fill(first, slots)
        if low <= _words(line) <= high and high <= 25 and self.rng.random() < 0.6:
            return line
        topic = voice.topics[name]
        templates = self._sentences(slug, voice, name, first)
        return self._compose(slug, voice, topic, templates, slots, low, high)

    def _sentences(self, slug: str, voice: Voice, name: str, first: str) -> Iterator[str]:
        """The templates an opening post draws on: its first line, then its topic's lines,
        then lines any post may have; none twice in one post."""
        if self.rng.random() < GREETING:
            yield self._deal(f"{slug}/greetings", voice.greetings)
        yield first
        used: set[str] = set()
        lines = voice.topics[name].lines
        for key, pool in ((f"{slug}/{name}/lines", lines), ("general", shared.GENERAL)):
            for _ in range(len(pool)):
                line = self._deal(key, pool, used)
                if line not in used:
                    used.add(line)
                    yield line

    def _compose(
        self,
        slug: str,
        voice: Voice,
        topic: Topic,
        templates: Iterable[str],
        slots: _Slots,
        low: int,
        high: int,
    ) -> str:
        rng = self.rng
        target = rng.randint(low, max(low, high))
        blocks: list[str] = []
        paragraph: list[str] = []
        count = 0
        extras = {"list": topic.listing and rng.random() < LISTING, "quote": rng.random() < QUOTING}
        paragraph_length = rng.randint(1, 4)
        for template in templates:
            sentence = _fill(template, slots)
            size = _words(sentence)
            if count + size > high:
                if count >= low:
                    break
                continue
            paragraph.append(sentence)
            count += size
            if count >= target:
                break
            if len(paragraph) >= paragraph_length:
                blocks.append(_paragraph(rng, paragraph))
                paragraph, paragraph_length = [], rng.randint(1, 5)
                extra = self._extra(topic, slots, extras, high - count)
                if extra:
                    blocks.append(extra)
                    count += _words(extra)
        if paragraph:
            blocks.append(_paragraph(rng, paragraph))
        closer = self._deal(f"{slug}/closers", voice.closers)
        if rng.random() < 0.35 and count + _words(closer) <= high:
            blocks.append(closer)
        return "\n\n".join(blocks)

    def _extra(self, topic: Topic, slots: _Slots, extras: dict, room: int) -> str | None:
        """A list or a quotation between paragraphs, each at most once a post, if it fits."""
        rng = self.rng
        if extras["list"] and rng.random() < 0.5:
            extras["list"] = False
            intros, slot = topic.listing
            items = rng.sample(words.SLOTS[slot], rng.randint(3, 5))
            numbered = rng.random() < 0.3
            bullets = [f"{n}. " if numbered else "- " for n in range(1, len(items) + 1)]
            listed = "\n".join(b + _fill(i, slots) for b, i in zip(bullets, items, strict=True))
            text = f"{rng.choice(intros)}\n\n{listed}"
        elif extras["quote"] and rng.random() < 0.5:
            extras["quote"] = False
            quote = self._deal("quotes", shared.QUOTES)
            text = f"{_fill(rng.choice(shared.QUOTE_INTROS), slots)}\n\n> {quote}"
        else:
            return None
        return text if _words(text) <= room else None

    # --- replies ----------------------------------------------------------------------------

    def reply(
        self,
        slug: str,
        words_min: int = 5,
        words_max: int = 150,
        quoting: str | None = None,
        from_starter: bool = False,
        opening: Opening | None = None,
    ) -> str:
        """A reply in the board's voice to the thread `opening` began; it may quote a line of
        `quoting`, the post it answers, and pick up what the opening post spoke of. With
        `from_starter`, the thread's author thanks the others."""
        rng = self.rng
        voice = BOARDS[slug]
        name = opening.topic if opening and opening.topic in voice.topics else self._topic(voice)
        own = voice.topics[name].replies
        group, key = (own, f"{slug}/{name}/replies") if own else (voice.replies, f"{slug}/replies")
        slots = _Slots(rng)
        if opening and "milestone" in opening.slots:
            slots["milestone"] = opening.slots["milestone"]  # congratulations on the right one
        blocks = []
        if quoting:
            line = _quotable(rng, quoting)
            if line:
                blocks.append(f"> {line}")
        if from_starter:
            picked = rng.sample(group.thanks, min(len(group.thanks), rng.randint(1, 2)))
            return "\n\n".join([*blocks, " ".join(_fill(t, slots) for t in picked)])
        context = f"{opening.title}\n{opening.body}" if opening else quoting or ""
        sentences = self._reply_sentences(
            group, key, slots, (words_min, words_max), bool(quoting), context
        )
        count = sum(_words(s) for s in sentences)
        # Long replies come in paragraphs of two or three sentences.
        step = rng.randint(2, 3) if count > 60 else max(len(sentences), 1)
        for start in range(0, len(sentences), step):
            blocks.append(" ".join(sentences[start : start + step]))
        return "\n\n".join(blocks)

    def _reply_sentences(
        self,
        group: Replies,
        key: str,
        slots: _Slots,
        size: tuple[int, int],
        quoting: bool,
        context: str,
    ) -> list[str]:
        rng = self.rng
        low, high = size
        target = rng.randint(low, max(low, high))
        sentences = []
        if quoting and rng.random() < 0.5:
            sentences.append(rng.choice(shared.AGREE))
        elif rng.random() < 0.55:
            sentences.append(self._deal(f"{key}/open", group.open))
        # What the opening post spoke of, answered first (the least said of it, first).
        echoes = [
            line
            for cue, line in _cued(group)
            if self._echoed.get(line, 0) < ECHOES and _cue(cue).search(context)
        ]
        rng.shuffle(echoes)
        echoes.sort(key=lambda line: self._echoed.get(line, 0))
        generic = [line for line in group.lines if isinstance(line, str)]
        count = sum(_words(s) for s in sentences)
        used: set[str] = set()
        dealt = (self._deal(f"{key}/lines", generic, used) for _ in range(len(generic)))
        for template in itertools.chain(echoes[: rng.choice((1, 2, 2, 3))], dealt):
            # Only a thread that counted days is cheered for a number of them.
            if template in used or ("{milestone}" in template and "milestone" not in slots):
                continue
            used.add(template)
            sentence = _fill(template, slots)
            words = _words(sentence)
            if count + words > high and count >= low:
                break
            if template in echoes:
                self._echoed[template] = self._echoed.get(template, 0) + 1
            sentences.append(sentence)
            count += words
            if count >= target:
                break
        closer = self._deal(f"{key}/close", group.close)
        if rng.random() < 0.45 and count + _words(closer) <= high:
            sentences.append(closer)
        return sentences


def _cued(group: Replies) -> list[tuple[str, str]]:
    return [line for line in group.lines if isinstance(line, tuple)]


@functools.cache
def _cue(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _paragraph(rng: random.Random, sentences: list[str]) -> str:
    """Join sentences; now and then a short one is set in bold, as people do for the key line."""
    if rng.random() < 0.15:
        index = rng.randrange(len(sentences))
        if _words(sentences[index]) <= 12:
            sentences = [*sentences]
            sentences[index] = f"**{sentences[index]}**"
    return " ".join(sentences)


def _quotable(rng: random.Random, text: str, limit: int = 25) -> str:
    """A sentence of the post's own words (not its quotes or lists) worth quoting, shortened."""
    candidates = []
    for line in text.splitlines():
        line = line.strip().replace("**", "")
        if line and not line.startswith((">", "-")) and not _NUMBERED.match(line):
            candidates.extend(s for s in _SENTENCE_END.split(line) if _words(s) >= 6)
    if not candidates:
        return ""
    parts = rng.choice(candidates).split()
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")
