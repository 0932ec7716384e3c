"""What members write becomes safe HTML: Markdown yes, scripts and remote images no."""

from html.parser import HTMLParser

import pytest

from forum.text import excerpt, plain_text, render_post_body


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**strong** and *soft*", "<strong>strong</strong> and <em>soft</em>"),
        ("> a quote", "<blockquote>"),
        ("- one\n- two", "<ul>"),
        ("1. one\n2. two", "<ol>"),
        ("`code`", "<code>code</code>"),
        ("# Day one", "<h3>Day one</h3>"),
        (
            "[a link](https://example.org)",
            '<a href="https://example.org" rel="nofollow ugc noopener">',
        ),
        (
            "see https://example.org today",
            '<a href="https://example.org" rel="nofollow ugc noopener">',
        ),
    ],
)
def test_markdown_becomes_the_allowed_html(source, expected):
    assert expected in render_post_body(source)


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://example.org></iframe>",
        "![a remote image](https://tracker.example/pixel.png)",
        "<svg onload=alert(1)>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_scripts_frames_and_images_never_survive(source):
    tags = _tags(render_post_body(source))
    names = {name for name, _ in tags}
    assert not names & {"script", "img", "iframe", "svg", "div", "style"}
    for _, attrs in tags:
        assert not any(key.startswith("on") or key == "style" for key, _ in attrs)
        href = dict(attrs).get("href") or ""
        assert href.startswith(("https:", "http:", "mailto:")) or not href


def _tags(html: str) -> list[tuple[str, list]]:
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_every_link_gets_rel_nofollow_ugc_noopener():
    html = render_post_body(
        "[a](https://a.example) and https://b.example.org and <https://c.example>"
    )
    assert html.count('rel="nofollow ugc noopener"') == 3


def test_plain_text_and_excerpt_drop_the_markup():
    assert plain_text("**strong** <b>x</b> [link](https://a.example)") == "strong <b>x</b> link"
    assert excerpt("word " * 100, 30).endswith("…")
    assert len(excerpt("word " * 100, 30)) <= 31
