"""The checks on what a person wrote: words of risk (the care check), details that could
identify someone (the identity hints)."""

import re

from forum.i18n import lazy_gettext as _l
from forum.moderation.reports import raise_care_report
from forum.moderation.watched.rules import care_words_in

CARE_NOTE = (
    "Hearth noticed words that may mean this member is struggling. Nothing was blocked; "
    "please check in gently."
)

# Apps people move a conversation to. The ones that are also everyday words ("snap",
# "signal", "ig", "insta") count only beside a username-shaped word, after "me on", or in an
# app's own link: "I snapped at my kids" and "a signal from my body" are not handles.
_APPS = (
    r"(?:snapchat|snap|telegram|instagram|insta|ig|whatsapp|kik|discord|signal|tiktok"
    r"|wickr|threema|viber|facebook|messenger)"
)
_PLAIN_APPS = r"(?:snapchat|telegram|instagram|whatsapp|kik|discord|tiktok|wickr|threema|viber)"
# A username: "@jo" (only ever after an app's name, so Hearth's own @mentions never count),
# a word with "_", a digit or a dot inside ("jo_r", "jo99"), or a lone word that ends the
# sentence ("jo.").
_AT_NAME = r"@[\w.]{2,30}"
_ODD_NAME = r"[^\W\d_]{1,30}(?:[_\d]|\.\w)[\w.]{0,30}"
_LAST_WORD = r"[^\W\d_][\w.]{1,30}(?=[ \t]{0,3}(?:$|\n|[,;!?)]|\.(?:\s|$)))"
# "is", "handle is", ":" between "my snapchat" and the name.
_IS = (
    r"(?:[ \t]{1,3}(?:handle|name|username|user[ \t]name|id|tag|account))?"
    r"(?:[ \t]{1,3}is[ \t]{1,3}|[ \t]{0,3}[:=][ \t]{0,3})"
)
_HANDLE = re.compile(
    "|".join(
        (
            # "snap: jo_r", "ig: jo", "telegram @jo_r", "insta @jo"
            rf"\b{_APPS}(?:[ \t]{{0,3}}:[ \t]{{0,3}}(?:{_AT_NAME}|{_ODD_NAME}|{_LAST_WORD})"
            rf"|[ \t]{{1,3}}{_AT_NAME})",
            # "my snapchat is jo", "my telegram: jo", "my insta handle is @jo" (an everyday
            # word only with a username-shaped word: "my signal is weak." is no handle)
            rf"\bmy[ \t]{{1,3}}{_PLAIN_APPS}{_IS}(?:{_AT_NAME}|{_ODD_NAME}|{_LAST_WORD})",
            rf"\bmy[ \t]{{1,3}}{_APPS}{_IS}(?:{_AT_NAME}|{_ODD_NAME})",
            # "whatsapp me", "kik me"
            r"\b(?:whatsapp|kik|telegram|snapchat|wickr|threema|viber)[ \t]{1,3}me\b",
            # "add me on kik", "hit me up on snap", "message me on signal"
            r"\b(?:add|find|message|msg|text|dm|pm|ping|reach|follow|call|contact|hit|catch)"
            rf"[ \t]{{1,3}}me(?:[ \t]{{1,3}}up)?[ \t]{{1,3}}(?:on|at|via|over)"
            rf"[ \t]{{1,3}}{_APPS}\b",
            # "t.me/jo_r", "wa.me/447700900123", "instagram.com/jo"
            r"(?<![\w.])(?:www\.)?(?:t\.me|telegram\.me|wa\.me|signal\.me|m\.me|discord\.gg"
            r"|(?:instagram|snapchat|tiktok|facebook|discord)\.com)/[\w@+#]",
        )
    ),
    re.IGNORECASE,
)

_PHONE = re.compile(r"(?<!\w)(?:\+?\d[\d\s().-]{7,40}\d)(?!\w)")

# Rough shapes only: the point is a kind question before posting, never a refusal.
# Every repeat is bounded (an address part has a longest length; tests hold them to it), so
# each place a pattern is tried costs at most a few hundred steps: a post of one long word,
# or of 9,000 "a.", is checked in linear time. The email pattern is tried only where a run of
# its characters begins, and takes the run whole (possessive): a run is read once.
_IDENTITY_PATTERNS = (
    # Each label is read in the writer's language where the question is shown.
    (_l("a phone number"), _PHONE),
    (
        _l("an email address"),
        re.compile(r"(?<![\w.+-])[\w.+-]{1,64}+@[\w-]{1,63}+\.[\w.-]{1,190}+"),
    ),
    (
        _l("a street address"),
        re.compile(
            r"\b\d{1,5}\s{1,5}(?:[A-Z][a-z]{1,30}\s{1,5}){1,3}"
            r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl)\b"
        ),
    ),
    (_l("a username on another app"), _HANDLE),
)


def risk_phrases_in(text: str) -> list[str]:
    """The words of risk found in a text: the care list the moderators keep with the watched
    words (forum.moderation.watched), which starts as the phrases Hearth ships."""
    return care_words_in(text)


def identity_hints(text: str) -> list[str]:
    """What in a text may identify its author or someone else ("a phone number", ...)."""
    found = []
    for label, pattern in _IDENTITY_PATTERNS:
        matches = (m.group(0) for m in pattern.finditer(text))
        if pattern is _PHONE:
            # Nine digits or more, and not a date such as 2024-05-01.
            matches = (m for m in matches if sum(c.isdigit() for c in m) >= 9)
        if any(True for _ in matches):
            found.append(label)
    return found


def look_after(post) -> bool:
    """If a post has words of risk, raise a care report from Hearth. Caller commits."""
    if not risk_phrases_in(post.body_source):
        return False
    raise_care_report(post, CARE_NOTE)
    return True
