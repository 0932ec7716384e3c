"""The one place that turns what members write into safe HTML (and into plain text for search).

Whatever a post holds, up to its size limit, rendering it costs time in proportion to its
length: the parser and the cleaner carry the bounds of forum.text_bounds.
"""

import html
import re

import bleach
from markdown_it import MarkdownIt
from markupsafe import Markup

from forum.text_bounds import Linkify, UrlFinder, bound, too_dense

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
