"""Finds the words a template shows a person that no translator will ever see.

A template's source is read with Jinja's own lexer: text outside `{% trans %}` blocks is put
back together (each `{{ ... }}` or `{% ... %}` left as a gap) and read as HTML. Its text
nodes, and the attributes a person reads or hears (title, aria-label, placeholder, alt),
must hold no words. Inside `{{ }}` and `{% %}`, a quoted sentence (a capital, then a space)
must be an argument of `_()`, `gettext()` or `ngettext()`.
"""

import re
from html.parser import HTMLParser

from jinja2 import Environment

GAP = " "
# Words that are the same in every language: the forum's name.
SAME_IN_EVERY_LANGUAGE = re.compile(r"\bHearth\b")
WORDS = re.compile(r"[^\W\d_]{2,}")
SENTENCE = re.compile(r"^[A-Z][^\s]*\s+\S")
SPOKEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
MARKERS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self._keep(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._keep(data)

    def _keep(self, text):
        text = SAME_IN_EVERY_LANGUAGE.sub("", text.replace(GAP, " "))
        if WORDS.search(text):
            self.found.append(" ".join(text.split()))


def unmarked_text(env: Environment, source: str) -> list[str]:
    """The words in `source` that are shown as they are, in English."""
    outside: list[str] = []
    quoted: list[str] = []
    in_trans = False
    tag: list[tuple[str, str]] = []  # the current {% %} or {{ }}: (token type, value)
    for _line, kind, value in env.lex(source):
        if kind in ("block_begin", "variable_begin"):
            tag = []
            outside.append(GAP)
            continue
        if kind in ("block_end", "variable_end"):
            names = [v for k, v in tag if k == "name"]
            if names[:1] == ["trans"]:
                in_trans = True
            elif names[:1] == ["endtrans"]:
                in_trans = False
            elif not in_trans:
                quoted.extend(_unmarked_strings(tag))
            continue
        if kind == "data" and not in_trans:
            outside.append(value)
        elif kind not in ("data", "comment_begin", "comment", "comment_end"):
            tag.append((kind, value))
    reader = _Text()
    reader.feed("".join(outside))
    reader.close()
    return reader.found + quoted


def _unmarked_strings(tag: list[tuple[str, str]]) -> list[str]:
    """Quoted sentences in one tag that are not the argument of a marking function."""
    found, calls = [], []  # calls: for each open parenthesis, whether it marks
    previous = None
    for kind, value in tag:
        if kind == "operator" and value == "(":
            calls.append(previous in MARKERS)
        elif kind == "operator" and value == ")" and calls:
            calls.pop()
        elif kind == "string" and SENTENCE.match(value.strip("'\"")) and not (calls and calls[-1]):
            found.append(value)
        previous = value if kind == "name" else None
    return found
