"""The bounds that keep rendering a post cheap, whatever the post holds.

How dense its marks may be, how deep quotes, lists and link brackets may nest, and how wide
and long its tables may be.

The shapes that made the Markdown parser go over the same text again and again (10,000 "[",
a 3,000-column table, 10,000 "(") are bounded here, each in a way a reader of an ordinary
post never meets; forum.text puts them on its parser. The linkifier's own bound (UrlFinder,
Linkify) sits in forum.text, the one module that imports bleach.
"""

import re
from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkTitle

# Quotes and lists inside each other, counted as the parser counts them (a list and its item
# are two): deeper markers read as the text they are, so no words are lost.
MAX_BLOCK_NESTING = 20
# A wider table cannot be read on a page; its lines read as text.
MAX_TABLE_COLUMNS = 20
# Cells of all a post's tables (a row short of cells is filled up, so 2 characters could
# make 20 cells): rows past it read as text.
MAX_TABLE_CELLS = 1_000
# Brackets nested in a link's text, or unbalanced parentheses in its address: past it, the
# brackets read as text.
MAX_LINK_NESTING = 4

# Past this weight of marks, a post is shown as the text it is, in its paragraphs: parsing and
# then cleaning thousands of elements or entities costs a worker more than 100 ms of CPU
# (bench/pathological.py), and a story written for people to read weighs a few hundred.
# Nothing the author typed is lost. Each mark weighs about what it costs: Markdown's
# punctuation 1, "&" (an entity) and "`" (a code span) 2, "<" (an autolink) and a line
# break (a paragraph, a list item) 4.
MAX_MARKS = 3_000
_MARK = re.compile(r"[*_\[\]>|!~#\\]")


def too_dense(raw: str) -> bool:
    """Whether a post holds more marks than Markdown is worth reading them for."""
    weight = len(_MARK.findall(raw)) + 2 * (raw.count("&") + raw.count("`"))
    return weight + 4 * (raw.count("<") + raw.count("\n")) > MAX_MARKS


def _guard(markdown: MarkdownIt, name: str, allowed) -> None:
    """Ask `allowed(state, start, end, silent)` before the block rule `name` runs, keeping the
    rules it may interrupt."""
    ruler = markdown.block.ruler
    (rule,) = [r for r in ruler.__rules__ if r.name == name]
    inner = rule.fn

    def guarded(state, start: int, end: int, silent: bool) -> bool:
        return allowed(state, start, end, silent, inner)

    ruler.at(name, guarded, {"alt": list(rule.alt)})


def _shallow(state, start, end, silent, inner) -> bool:
    return state.level < MAX_BLOCK_NESTING and inner(state, start, end, silent)


def _bounded_table(state, start, end, silent, inner) -> bool:
    if start + 2 > end:
        return False
    line = start + 1
    delimiter = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    columns = max(len(delimiter.strip().strip("|").split("|")), 1)
    left = state.env.get("table_cells_left", MAX_TABLE_CELLS)
    if columns > MAX_TABLE_COLUMNS or left < 2 * columns:
        return False
    # The header row and as many body rows as the cells left allow.
    if not inner(state, start, min(end, start + 1 + left // columns), silent):
        return False
    if not silent:
        state.env["table_cells_left"] = left - columns * (state.line - start - 1)
    return True


def _link_label(state, start: int, disable_nested: bool = False) -> int:
    """Where the link text opened at `start` closes, or -1: as the parser's own helper, except
    that text nesting brackets deeper than MAX_LINK_NESTING is not a link text. Without that
    bound every "[" of 10,000 read the rest of the paragraph."""
    # Once a paragraph's last "]" is behind, no "[" opens a link text: said at once.
    closes = state.env.setdefault("last_bracket", {})
    last = closes.get(state.src)
    if last is None:
        last = closes[state.src] = state.src.rfind("]")
    if start >= last:
        return -1
    old, level = state.pos, 1
    state.pos = start + 1
    try:
        while state.pos < state.posMax:
            char = state.src[state.pos]
            if char == "]":
                level -= 1
                if level == 0:
                    return state.pos
            before = state.pos
            state.md.inline.skipToken(state)
            if char == "[":
                if state.pos == before + 1:  # a plain bracket, not a link inside the text
                    level += 1
                    if level > MAX_LINK_NESTING:
                        return -1
                elif disable_nested:
                    return -1
        return -1
    finally:
        state.pos = old


# Characters of a link's address that need no thought: a run of them is skipped at once.
_ADDRESS_RUN = re.compile(r"[^\x00-\x20\x7f()\\]*")


class _Address:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = ""):
        self.ok, self.pos, self.str = ok, pos, text


def _link_address(src: str, pos: int, end: int) -> _Address:
    """A link's address as CommonMark reads it, with at most MAX_LINK_NESTING unbalanced
    parentheses (the parser's own allows 32, so each "[a](" of a post read on for up to 128
    characters), and the characters that need no thought skipped a run at a time."""
    if pos < end and src[pos] == "<":
        return parseLinkDestination(src, pos, end)
    start, level = pos, 0
    while pos < end:
        pos = _ADDRESS_RUN.match(src, pos, end).end()
        if pos >= end:
            break
        char = src[pos]
        if char == "\\" and pos + 1 < end:
            if src[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > MAX_LINK_NESTING:
                return _Address()
        elif char == ")":
            if level == 0:
                break
            level -= 1
        elif char != "\\":  # a space or a control character ends the address
            break
        pos += 1
    if pos == start or level:
        return _Address()
    return _Address(True, pos, unescapeAll(src[start:pos]))


def bound(markdown: MarkdownIt) -> None:
    """Put the bounds on a parser: its quotes, lists and tables, and its own link helpers
    (the library's module stays as it is for anyone else)."""
    _guard(markdown, "blockquote", _shallow)
    _guard(markdown, "list", _shallow)
    _guard(markdown, "table", _bounded_table)
    markdown.helpers = SimpleNamespace(
        parseLinkLabel=_link_label,
        parseLinkDestination=_link_address,
        parseLinkTitle=parseLinkTitle,
    )
