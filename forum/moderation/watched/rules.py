"""Reading the watched words and finding them in a text: what the write rule asks before it
stores anything (forum.writing.services), and what the moderators' "test" box shows.

The rules are read from the database at every write (one small query), so a change a
moderator makes reaches every worker at once; the patterns compiled from them are cached by
the rules' own contents, so reading costs no compiling until something changed.

A rule is a word or a phrase, compared without regard to case or spacing, whole words only;
`*` stands for the rest of a word ("oxy*" finds "oxycodone", "oxys"). Nothing else in a rule
is a pattern, so no rule can make matching slow: every rule costs a few steps wherever it
is tried.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, g, has_request_context
from flask_babel import format_number
from flask_babel import gettext as _

from forum.extensions import db
from forum.moderation.watched.models import WatchAction, WatchedWord

SHIPPED_CARE = Path(__file__).with_name("default-care-phrases.txt")
WORDS_MAX = 100
# How long the rest of a word `*` stands for may be.
_WILD = r"\w{0,40}"
_RULE_SHAPE = re.compile(r"^[\w'’*.,!?&+-]+(?: [\w'’*.,!?&+-]+)*$")


def normalise(words: str) -> str:
    """How a rule is kept: lower case, single spaces, the typographic apostrophe made plain."""
    return " ".join(words.replace("’", "'").lower().split())


def rule_problem(words: str) -> str | None:
    """Why these words can't be a rule (None: they can)."""
    words = normalise(words)
    if not words:
        return _("Please write a word or a phrase.")
    if len(words) > WORDS_MAX:
        return _(
            "A watched word or phrase is at most %(num)s characters.", num=format_number(WORDS_MAX)
        )
    if not _RULE_SHAPE.match(words) or "**" in words:
        return _("Use letters, numbers and spaces; * stands for the rest of a word.")
    if not re.sub(r"[*\W]", "", words):
        return _("A rule needs at least one letter or number besides *.")
    return None


# --- the care list Hearth ships ---------------------------------------------------------------


def _shipped_file() -> Path:
    # An instance's own list, from before the moderators kept it here, still counts as shipped.
    local = Path(current_app.instance_path) / "risk-phrases.txt"
    return local if local.is_file() else SHIPPED_CARE


@lru_cache(maxsize=8)
def _read_phrases(path: str, modified: float) -> tuple[str, ...]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(
        dict.fromkeys(
            normalise(line) for line in lines if line.strip() and not line.startswith("#")
        )
    )


def shipped_care_phrases() -> tuple[str, ...]:
    path = _shipped_file()
    return _read_phrases(str(path), path.stat().st_mtime)


# --- the rules in force ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    words: str
    action: WatchAction
    detail: str = ""
    id: int | None = None  # None for a shipped care phrase nobody changed
    shipped: bool = False


def _stored() -> list[WatchedWord]:
    return list(db.session.scalars(sa.select(WatchedWord).order_by(WatchedWord.words)))


def rules_in_force(rows: list[WatchedWord] | None = None) -> tuple[Rule, ...]:
    """Every rule that applies now: the moderators' own, and the shipped care phrases they
    have not switched off. Read once per request (and at every call outside one)."""
    if rows is None and has_request_context() and "watched_rules" in g:
        return g.watched_rules
    stored = _stored() if rows is None else rows
    retired = {r.words for r in stored if r.action == WatchAction.CARE and r.retired}
    own = [
        Rule(r.words, WatchAction(r.action), r.detail or "", r.id) for r in stored if not r.retired
    ]
    own_care = {r.words for r in own if r.action == WatchAction.CARE}
    shipped = [
        Rule(words, WatchAction.CARE, shipped=True)
        for words in shipped_care_phrases()
        if words not in retired and words not in own_care
    ]
    found = tuple(own + shipped)
    if rows is None and has_request_context():
        g.watched_rules = found
    return found


def forget_rules() -> None:
    """After a change in this request: the next look reads the rules again."""
    g.pop("watched_rules", None)


# Finding is done on the text with its spacing made single (so the pattern holds one space
# between words, and a page of spaces between "want" and "to die" still counts); replacing is
# done on the text as written, where a rule's words may be up to a few spaces apart.
FIND_GAP, REPLACE_GAP = " ", r"\s{1,8}"


def _rule_pattern(words: str, gap: str) -> str:
    parts = []
    for word in words.split(" "):
        pieces = [re.escape(piece).replace("'", "['’]") for piece in word.split("*")]
        parts.append(_WILD.join(pieces))
    return gap.join(parts)


@lru_cache(maxsize=64)
def compiled(rules: tuple[Rule, ...], gap: str = FIND_GAP) -> re.Pattern | None:
    """One pattern for a set of rules, each its own named group; longer rules first, so that
    "kill myself" wins over "kill". Every repeat in it is bounded."""
    if not rules:
        return None
    ordered = sorted(enumerate(rules), key=lambda pair: len(pair[1].words), reverse=True)
    alternatives = "|".join(f"(?P<r{i}>{_rule_pattern(rule.words, gap)})" for i, rule in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _single_spaced(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _matches(text: str, rules: tuple[Rule, ...]):
    """(rule, match) for each place a rule is found in the text, its spacing made single."""
    pattern = compiled(rules)
    if pattern is None or not text:
        return
    for match in pattern.finditer(_single_spaced(text)):
        yield rules[int(match.lastgroup[1:])], match


def _of(action: WatchAction) -> tuple[Rule, ...]:
    return tuple(rule for rule in rules_in_force() if rule.action == action)


@dataclass
class Found:
    """What the watched words make of one text."""

    text: str  # the text after the replacements
    title: str | None = None
    blocked: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    cards: list[Rule] = field(default_factory=list)
    notes: list[Rule] = field(default_factory=list)
    care: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return any(
            (
                self.blocked,
                self.held,
                self.flagged,
                self.replaced,
                self.cards,
                self.notes,
                self.care,
            )
        )


def _replace(text: str | None, rules: tuple[Rule, ...], replaced: list[str]) -> str | None:
    if not text or not rules:
        return text
    pattern = compiled(rules, REPLACE_GAP)

    def swap(match: re.Match) -> str:
        rule = rules[int(match.lastgroup[1:])]
        replaced.append(" ".join(match.group(0).lower().split()))
        return rule.detail

    return pattern.sub(swap, text)


def _found_words(text: str, action: WatchAction) -> list[str]:
    return sorted({m.group(0).lower() for _, m in _matches(text, _of(action))})


def watch(text: str, title: str | None = None) -> Found:
    """Apply the watched words to what a member wrote: the replacements first, then what the
    rest of the rules find in the text as it will be stored."""
    replaced: list[str] = []
    swaps = _of(WatchAction.REPLACE)
    text = _replace(text, swaps, replaced) or ""
    title = _replace(title, swaps, replaced)
    both = f"{title}\n\n{text}" if title else text
    found = Found(text=text, title=title, replaced=sorted(set(replaced)))
    found.blocked = _found_words(both, WatchAction.BLOCK)
    found.held = _found_words(both, WatchAction.HOLD)
    found.flagged = _found_words(both, WatchAction.FLAG)
    found.care = _found_words(both, WatchAction.CARE)
    cards = {rule.id: rule for rule, _ in _matches(both, _of(WatchAction.RESOURCE))}
    found.cards = list(cards.values())
    notes = {rule.id: rule for rule, _ in _matches(both, _of(WatchAction.NOTE))}
    found.notes = list(notes.values())
    return found


def care_words_in(text: str) -> list[str]:
    """The words of risk in a text (the care list: the shipped phrases and the moderators')."""
    return _found_words(text, WatchAction.CARE)
