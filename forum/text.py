"""The one place that turns what members write into safe HTML (and into plain text for search).

Whatever a post holds, up to its size limit, rendering it costs time in proportion to its
length: the parser carries the bounds of forum.text_bounds, and the cleaner a linkifier that
reads each character a bounded number of times (UrlFinder, Linkify, below).
"""

import html
import re

import bleach
from bleach.linkifier import URL_RE, LinkifyFilter
from markdown_it import MarkdownIt
from markupsafe import Markup

from forum.text_bounds import bound, too_dense

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "ol": ["start"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# js-default: CommonMark with tables and strikethrough, raw HTML escaped, javascript: links
# refused. Images are off: a remote image would tell a third party who read the post.
_markdown = MarkdownIt("js-default").disable("image")


def _demote_headings(state) -> None:
    # A member's "# Day one" must not outrank the page's own headings.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"


_markdown.core.ruler.push("demote_headings", _demote_headings)
bound(_markdown)


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


class UrlFinder:
    """bleach's address pattern, tried only where it may match.

    bleach's finditer tries the pattern at every character, and each try at a "(" of 10,000,
    or in "a-a.a-a.…", reads on to the end of the run. A try that fails at a run's first
    word has already tried every later start inside the run's "word." parts (those end where
    its own try did), so those starts are skipped: the same matches, each character read a
    bounded number of times.
    """

    # Where the pattern could begin: the first "(" of a run, or a word's start not after "@"
    # or "." (the pattern's own lookbehind), or a "-" just after a word character.
    _START = re.compile(r"(?<!\()\(|\b(?<![@.])[\w-]")
    _LABELS = re.compile(r"(?:[\w-]+\.)*")
    _WORD = re.compile(r"[\w-]*")
    _WORD_CHAR = re.compile(r"\w")

    def finditer(self, text: str):
        at = 0
        while (start := self._START.search(text, at)) is not None:
            begin = start.start()
            found = URL_RE.match(text, begin)
            if found is not None:
                yield found
                at = found.end()
                continue
            at = self._next_try(text, begin)

    def _next_try(self, text: str, begin: int) -> int:
        word = begin
        while word < len(text) and text[word] == "(":
            word += 1
        if word > begin and not self._WORD_CHAR.match(text, word):
            return word  # brackets before no word: the try went no further
        # The try read on from `word`: its "word." parts, then the last part.
        last = self._LABELS.match(text, word).end()
        end = self._WORD.match(text, last).end()
        dash = text.rfind("-", last, end)
        if text[end : end + 1] == ":" and dash >= 0:
            return dash + 1  # "a-http://…": the last word of the last part may begin one
        return max(end, begin + 1)


class Linkify(LinkifyFilter):
    def strip_non_url_bits(self, fragment: str):
        """bleach's trimming of brackets, commas and full stops around an address, in one
        pass (its own copies the address again for each character it trims)."""
        first, last = 0, len(fragment)
        opening = fragment.find("(")
        while first < last:
            if fragment[first] == "(":
                first += 1
                if first < last and fragment[last - 1] == ")":
                    last -= 1
                opening = fragment.find("(", first, last)
                continue
            if fragment[last - 1] in ",." or (
                fragment[last - 1] == ")" and not 0 <= opening < last
            ):
                last -= 1
                continue
            break
        return fragment[first:last], fragment[:first], fragment[last:]


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    # Linkify turns bare addresses into links and, through the callback, gives every
    # link (bare or written in Markdown) the rel attribute.
    filters=[
        lambda source: Linkify(
            source, callbacks=[_set_rel], skip_tags={"pre", "code"}, url_re=UrlFinder()
        )
    ],
)
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _as_text(raw: str) -> str:
    """The post as plain paragraphs: every character escaped, line breaks kept. Only <p> and
    <br> are added, so nothing needs cleaning."""
    paragraphs = (p.strip("\n") for p in _PARAGRAPH_BREAK.split(raw))
    return "\n".join(
        "<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs if p.strip()
    )


def render_post_body(raw: str) -> str:
    """Markdown source -> sanitised HTML, ready to store beside the source."""
    if too_dense(raw):
        return _as_text(raw)
    return _cleaner.clean(_markdown.render(raw))


_HREF = re.compile(r'<a href="([^"]*)"')


def outside_links(raw: str) -> list[str]:
    """The addresses a post links to beyond Hearth's own pages (a path such as /t/12 or
    #reply stays inside; a bare example.org becomes a link, so it counts)."""
    found = []
    for href in _HREF.findall(render_post_body(raw)):
        address = html.unescape(href)
        if address.startswith(("/", "#")) and not address.startswith("//"):
            continue
        found.append(address)
    return found


def plain_text(raw: str) -> str:
    """Markdown source -> the words a reader sees, without markup (for search and previews).

    The parser escapes every "<" of the text, so its tags are the only "<…>" in what it
    gives; the result is text, escaped wherever it is shown."""
    if too_dense(raw):
        return raw.strip()
    return html.unescape(_TAG.sub("", _markdown.render(raw))).strip()


def excerpt(raw: str, length: int = 200) -> str:
    """The first words of a post, plain text, cut at a word boundary."""
    text = " ".join(plain_text(raw).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def stored_html(value: str) -> Markup:
    """Mark HTML that render_post_body produced as safe for templates (the only such field)."""
    return Markup(value)
