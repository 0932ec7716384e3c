"""Crisis lines you can tap: every phone number on the help page gets a call and a text link.

It works on HTML that forum.text already sanitised, and only adds links whose addresses are
built from digits (and a texting keyword of letters), so nothing the file says can reach an
attribute.
"""

import re

from markupsafe import escape

# A tag, its attribute values quoted as the sanitiser writes them; everything else is text.
_TAG = re.compile(r"""<(/?)([a-zA-Z0-9]+)(?:[^>"']|"[^"]*"|'[^']*')*>""")
# A run of digits in groups ("1-800-662-4357", "116 123", "+44 (0)20 7946 0958", "(02) 9876"),
# possibly ending in letters spelt on a keypad ("1-800-662-HELP"). Not part of a word, a
# longer number (1,000 or 2.5) or an address (988lifeline.org).
_NUMBER = re.compile(
    r"(?<![\w.,/+#&-])"
    r"(\+?(?:\(\d{1,5}\)[ .\-\u00a0]?)?\d+(?:[ .\-\u00a0](?:\(\d{1,5}\))?\d+)*(?:-[A-Z]{2,7}\b)?)"
    r"(?![\w/]|[.,]\d|\.\w)"
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
# Short numbers (911, 112, 988, 999, 000) count when the admin marked them out (bold,
# code) or a word about phoning comes just before; "30 days" and "24/7" stay words.
_CALL_WORDS = re.compile(r"\b(?:call|dial|phone|ring|text|txt|sms|tel)\b", re.I)
# "text HOME to 741741": the word to send, filled into the message.
_KEYWORD = re.compile(r"\btext\s+([A-Za-z]{2,12})\s+to\s*$", re.I)
_MARKED = {"strong", "b", "code"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "br"}
_KEYS = ("", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ")
_KEYPAD = {letter: str(digit) for digit, letters in enumerate(_KEYS) for letter in letters}


def dialled(number: str) -> str:
    """What the phone dials: a leading plus and digits, keypad letters turned to digits."""
    plus = "+" if number.startswith("+") else ""
    if plus:
        number = number.replace("(0)", "")  # +44 (0)20: the 0 is dialled only from within
    return plus + "".join(_KEYPAD.get(c, c) for c in number if c.isdigit() or c in _KEYPAD)


def _is_phone(number: str, marked: bool, before: str) -> bool:
    digits = sum(c.isdigit() for c in number)
    if digits < 3 or digits > 15 or _DATE.fullmatch(number):
        return False
    if number.startswith("+") or digits >= 5:
        return True
    return marked or bool(_CALL_WORDS.search(before[-30:]))


def _links(number: str, keyword: str | None) -> str:
    dialled_number = dialled(number)
    texted = dialled_number + (f"?&amp;body={keyword.upper()}" if keyword else "")
    shown = escape(number)
    return (
        f'<a class="phone" href="tel:{dialled_number}">{shown}</a>'
        f' <a class="phone-text" href="sms:{texted}">'
        f'text<span class="visually-hidden"> {shown}</span></a>'
    )


def _link_text(text: str, marked: bool, before: str) -> str:
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        number = match.group(1)
        # Text before the number in this block, as a reader sees it (tags dropped).
        said = before + text[: match.start()]
        if not _is_phone(number, marked, said):
            continue
        keyword = _KEYWORD.search(said)
        out += [text[last : match.start()], _links(number, keyword and keyword.group(1))]
        last = match.end()
    return "".join(out) + text[last:]


def link_phone_numbers(html: str) -> str:
    """Sanitised HTML with a tel: link, and an sms: link beside it, on every phone number.

    Numbers already inside a link are left alone. Caller marks the result safe only if
    `html` was (this adds nothing but the links).
    """
    out, open_tags, before, last = [], [], "", 0
    for tag in _TAG.finditer(html):
        text = html[last : tag.start()]
        if "a" in open_tags or "pre" in open_tags:
            out.append(text)
        else:
            out.append(_link_text(text, bool(_MARKED & set(open_tags)), before))
        before += re.sub(r"&[a-z]+;|&#\d+;", " ", text)
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _BLOCKS:
            before = ""
        if closing and name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
        elif not closing and name not in ("br", "hr"):
            open_tags.append(name)
        out.append(tag.group(0))
        last = tag.end()
    out.append(_link_text(html[last:], False, before))
    return "".join(out)
