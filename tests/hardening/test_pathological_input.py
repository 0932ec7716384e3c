"""The worst shapes a post can take are saved and read sensibly, and checking, rendering and
indexing them costs work in proportion to their length: no pattern reads the rest of a post
again for each of its characters. (bench/pathological.py prints what each shape costs.)"""

import re
from html import unescape
from html.parser import HTMLParser
from re import _constants as sre
from re import _parser

import bleach
import pytest
import sqlalchemy as sa
from bleach.linkifier import URL_RE, LinkifyFilter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bench.pathological import SHAPES
from forum import text, text_bounds
from forum.extensions import db
from forum.moderation.watched import rules as watched
from forum.moderation.watched.models import WatchAction
from forum.posts.mentions import MENTION
from forum.posts.models import BODY_MAX, Post
from forum.search.engine import engine_for
from forum.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, plain_text, render_post_body
from forum.text_bounds import MAX_BLOCK_NESTING, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS
from forum.trust.levels import TrustLevel
from forum.writing import care
from tests.factories import make_thread, make_user


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


def _count(html: str, tag: str) -> int:
    return sum(1 for name, _ in _tags(html) if name == tag)


# --- every shape, through the reply form ----------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_worst_shape_of_a_reply_is_saved_shown_safely_and_indexed(client, auth, name):
    """A reply of 10,000 "[" or a 3,000-column table is saved as typed, shown as allowed HTML
    only, and found by search, like any other reply."""
    body = SHAPES[name].strip()
    thread = make_thread()
    member = make_user(trust_level=TrustLevel.MEMBER)  # a steady member, who may link
    auth.login(member)
    response = client.post(f"/t/{thread.id}/reply", data={"body": body, "post_anyway": "y"})
    assert response.status_code == 302, name
    post = db.session.scalar(sa.select(Post).where(Post.author_id == member.id))
    assert post.body_source == body
    for tag, attrs in _tags(post.body_html):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= set(ALLOWED_ATTRIBUTES.get(tag, ())), (tag, attrs)
    assert client.get(f"/t/{thread.id}").status_code == 200
    assert post.id in engine_for().signatures()


def test_a_post_of_128_kb_of_newlines_is_refused_kindly(client, auth):
    """Pasting far more than a post holds gets a calm message, and nothing is saved."""
    thread = make_thread()
    member = make_user()
    auth.login(member)
    for body in ("\n" * 128 * 1024, "a" + "\n" * (BODY_MAX + 10) + "a"):
        response = client.post(f"/t/{thread.id}/reply", data={"body": body})
        assert response.status_code in (400, 413)
        page = response.get_data(as_text=True)
        assert "Please write something first." in page or "limited to" in page
    assert db.session.scalar(sa.select(Post).where(Post.author_id == member.id)) is None


# --- the checks: every pattern tried on a post's text repeats a bounded number of times ----


def _unbounded_repeats(pattern: re.Pattern) -> list[str]:
    """The repeats of a pattern with no upper bound ("+", "*", "{7,}")."""
    found = []

    def walk(items) -> None:
        for op, av in items:
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                if av[1] == sre.MAXREPEAT:
                    found.append(f"{op} {av[2]}")
                walk(av[2])
            elif op is sre.SUBPATTERN:
                walk(av[3])
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(av[1])
            elif op is sre.ATOMIC_GROUP:
                walk(av)

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return found


def _post_patterns() -> dict[str, re.Pattern]:
    shipped = watched._read_phrases(str(watched.SHIPPED_CARE), 0)
    care_rules = tuple(watched.Rule(words, WatchAction.CARE) for words in shipped)
    # A moderator's own rules: a wildcard, and a phrase as replacing finds it.
    own = (watched.Rule("oxy*", WatchAction.BLOCK), watched.Rule("blue * pills", WatchAction.BLOCK))
    patterns = {label: pattern for label, pattern in care._IDENTITY_PATTERNS}
    patterns["words of risk"] = watched.compiled(care_rules)
    patterns["watched words"] = watched.compiled(own)
    patterns["watched words, replacing"] = watched.compiled(own, watched.REPLACE_GAP)
    patterns["mentions"] = MENTION
    return patterns


@pytest.mark.parametrize("name", sorted(_post_patterns()))
def test_each_check_on_a_post_does_a_bounded_amount_of_work_wherever_it_is_tried(name):
    """The identity question, the care check and mentions read at most a few hundred
    characters from each place they look at, so a post of one 20,000-letter word is checked
    as fast as a post of words (the email pattern read the rest of the word from each letter)."""
    assert _unbounded_repeats(_post_patterns()[name]) == []


@pytest.mark.parametrize(
    ("body", "hints"),
    [
        ("a" * BODY_MAX, []),
        ("_" * BODY_MAX, []),
        ("1" * BODY_MAX, []),
        ("a." * 9_000, []),
        ("a." * 9_000 + "@", []),
        ("https://example.org/" + "a" * 19_000, []),
        ("1-" * 9_000 + "a", ["a phone number"]),
    ],
)
def test_a_long_run_of_letters_or_digits_is_not_taken_for_an_address(body, hints):
    """One long word or number is not mistaken for an email address."""
    assert care.identity_hints(body) == hints


def test_an_address_after_a_long_run_is_still_noticed():
    """Bounding the patterns loses none of the addresses and numbers a post really holds."""
    run = "a." * 9_000
    assert care.identity_hints(run + " write to jo.smith+hearth@mail.example.org") == [
        "an email address"
    ]
    assert care.identity_hints(run + " call +44 (0)20 7946 0958") == ["a phone number"]
    assert care.identity_hints(run + " I live at 42  Old Kent Road") == ["a street address"]


def test_words_of_risk_are_found_however_far_apart_they_are_spaced(app):
    """Spacing is read as one space, so "want", a page of spaces and "to die" still counts."""
    assert care.risk_phrases_in("I want" + " " * 5_000 + "to\n\ndie") == ["want to die"]
    assert care.risk_phrases_in("want " * 4_000) == []


# --- rendering: Markdown --------------------------------------------------------------------


def _plain_markdown() -> MarkdownIt:
    """The Markdown library as it comes, with the forum's settings but none of its bounds."""
    markdown = MarkdownIt("js-default").disable("image")
    markdown.core.ruler.push("demote_headings", text._demote_headings)
    return markdown


def _stock_cleaner() -> bleach.Cleaner:
    """bleach with its own linkifier, as forum.text used it before the bounds."""
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=text.ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            lambda source: LinkifyFilter(
                source, callbacks=[text._set_rel], skip_tags={"pre", "code"}
            )
        ],
    )


_PLAIN, _STOCK = _plain_markdown(), _stock_cleaner()


def _as_before(source: str) -> str:
    return _STOCK.clean(_PLAIN.render(source))


_PIECES = [
    "[", "]", "(", ")", "a", "b c", " ", "\n", "\n\n", "<", ">", "\\", "`", "*", "_", "|", "-",
    ":", "\"t\"", "'", "> ", "- ", "1. ", "# ", "|-|-|\n", "&#", "&amp;", "!", "~~",
    "https://example.org/x", "www.example.com", "(a.example.org)", "a-b.org", "x@y.org",
    "http:", "[x]: /u\n", "[x]", "é", ",", ".",
]  # fmt: skip
ORDINARY = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


@settings(max_examples=400, database=None, deadline=None)
@given(source=ORDINARY)
def test_an_ordinary_post_renders_exactly_as_the_libraries_alone_render_it(source):
    """The bounds are never met by a post a person writes: what the Markdown library and
    bleach alone make of it is what the forum stores."""
    nested = max(source.count("["), source.count("("))
    wide = max(line.count("|") for line in source.split("\n"))
    if nested > text_bounds.MAX_LINK_NESTING or wide > MAX_TABLE_COLUMNS:
        return  # past a bound, tested below
    assert render_post_body(source) == _as_before(source)


def test_every_ordinary_example_renders_as_before():
    """The examples a member meets in the help text keep their exact HTML."""
    for source in (
        "**strong** and *soft*, `code` and ~~struck~~",
        "> a quote\n>> inside a quote\n\n- one\n  - two\n    - three\n\n1. first",
        "[a link](https://example.org/wiki/Recovery_(journey)) and see https://a.example.org.",
        "(visit www.example.com), or (https://example.org/a(b)c).",
        "| day | mood |\n|:---|---:|\n| 1 | low |\n| 2 | better |",
        '[ref link][r]\n\n[r]: https://example.org "Title"',
        "Write to x@y.org or see a-b.example.org/path?q=1&x=2.",
    ):
        assert render_post_body(source) == _as_before(source)


@pytest.fixture
def skips(monkeypatch):
    """How many times the Markdown parser steps over a piece of a paragraph."""
    inline = text._markdown.inline
    step = inline.skipToken
    counted = []

    def counting(state):
        counted.append(1)
        return step(state)

    monkeypatch.setattr(inline, "skipToken", counting)
    return counted


@pytest.mark.parametrize(
    "body",
    [
        "[" * 2_000,
        "![" * 2_000,
        "[" * 1_000 + "]" * 1_000,
        "[" * 1_000 + "a" * 1_000 + "]",
        "[x]: /u\n\n" + "[a][" * 500,
        "[a]" + "[" * 2_000,
    ],
)
def test_a_link_text_that_never_closes_is_read_once(skips, body):
    """Every "[" of thousands used to read the rest of the paragraph looking for its "]";
    now the parser's steps grow with the post's length, not with its square."""
    render_post_body(body)
    assert len(skips) <= 20 * len(body)


def test_deep_quotes_and_lists_keep_their_words():
    """5,000 ">" or "- " nest no deeper than a reader can follow, and the words at the bottom
    are shown (they used to be dropped past the parser's limit)."""
    quotes = render_post_body(">" * 5_000 + " deep words")
    assert _count(quotes, "blockquote") <= MAX_BLOCK_NESTING
    assert "deep words" in quotes
    lists = render_post_body("- " * 5_000 + "deep words")
    assert _count(lists, "ul") <= MAX_BLOCK_NESTING // 2
    assert "deep words" in lists
    steps = "".join("  " * i + f"- step{i}\n" for i in range(130))
    html = render_post_body(steps)
    assert all(f"step{i}" in html for i in range(130))
    assert _count(html, "ul") <= MAX_BLOCK_NESTING // 2


def test_a_table_of_3000_columns_reads_as_its_text():
    """A table wider than a page can show is shown as the text it is, every cell kept."""
    html = render_post_body(SHAPES["table of 3,000 columns"])
    assert _count(html, "th") <= MAX_TABLE_COLUMNS
    assert html.count("a|") >= 2_900
    wide = "|" + "a|" * MAX_TABLE_COLUMNS + "\n|" + "-|" * MAX_TABLE_COLUMNS + "\n|b|"
    assert _count(render_post_body(wide), "th") == MAX_TABLE_COLUMNS


_SMALL_TABLE = "|" + "a|" * MAX_TABLE_COLUMNS + "\n|" + "-|" * MAX_TABLE_COLUMNS + "\n" + "x\n" * 30


@pytest.mark.parametrize(
    ("body", "word"),
    [
        (SHAPES["a table of 300 columns, short rows"], "x"),
        ((_SMALL_TABLE + "\n") * (BODY_MAX // (len(_SMALL_TABLE) + 1)), "x"),
        (SHAPES["a table of 3 columns, 1,000 rows"], "ok"),
    ],
    ids=["one header, many short rows", "many tables", "many full rows"],
)
def test_tables_never_make_more_cells_than_a_post_may_have(body, word):
    """A row short of cells is filled up, so 2 characters could make 20 cells: a post's
    tables make at most MAX_TABLE_CELLS, and the rows past that read as text."""
    html = render_post_body(body)
    assert _count(html, "td") + _count(html, "th") <= MAX_TABLE_CELLS
    assert html.count(word) == body.count(word)


def test_a_table_a_member_writes_is_a_table():
    """An ordinary table, even of a few hundred rows, is shown whole."""
    body = "| day | mood | note |\n|---|---|---|\n" + "| 12 | okay | a meeting |\n" * 300
    html = render_post_body(body)
    assert _count(html, "tr") == 301
    assert "|" not in html


# --- rendering: links found in the text ----------------------------------------------------


_URLISH = st.lists(
    st.sampled_from(list("ab1-._:/(@) hé,?") + ["http", "www.", ".com", ".org", "ed2k:", "//"]),
    max_size=30,
).map("".join)


@settings(max_examples=1000, database=None, deadline=None)
@given(words=_URLISH)
def test_bare_addresses_are_found_exactly_where_bleach_finds_them(words):
    """The linkifier is tried only where an address may begin, and finds the same ones."""
    expected = [m.span() for m in URL_RE.finditer(words)]
    assert [m.span() for m in text.UrlFinder().finditer(words)] == expected
    plain = LinkifyFilter.strip_non_url_bits(None, words)
    assert text.Linkify.strip_non_url_bits(None, words) == plain


class _CountingPattern:
    def __init__(self, pattern: re.Pattern):
        self.pattern, self.tries = pattern, 0

    def match(self, *args):
        self.tries += 1
        return self.pattern.match(*args)


@pytest.mark.parametrize(
    "body",
    ["(" * BODY_MAX, "[a]" + "(" * 19_000, "a-a." * 5_000, "1-" * 10_000, "a-" * 10_000],
)
def test_a_run_without_an_address_is_tried_once(monkeypatch, body):
    """bleach tried its address pattern at every "(" of 20,000, each try reading to the end
    of the run (10 s for one post); a run is now tried once or twice."""
    counting = _CountingPattern(URL_RE)
    monkeypatch.setattr(text, "URL_RE", counting)
    html = render_post_body(body)
    assert counting.tries <= 3
    assert "<a " not in html


def test_plain_text_is_the_words_a_reader_sees():
    """Previews and excerpts read the rendered words, the pathological ones included."""
    assert plain_text("**strong** <b>x</b> [link](https://a.example) &amp; `co<de>`") == (
        "strong <b>x</b> link & co<de>"
    )
    assert plain_text(">" * 5_000 + " deep words").endswith("deep words")
    assert plain_text("[" * 10_000) == "[" * 10_000


@settings(
    max_examples=30,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    body=st.builds(
        lambda unit, count: (unit * count)[:BODY_MAX],
        st.sampled_from(["[", "](", "(", "a.", "a-", "*a", "_", "&#", "`", "> ", "- ", "|", "<"]),
        st.integers(1, BODY_MAX),
    )
)
def test_any_run_of_markup_renders_to_allowed_html(body):
    """Whatever run of markup characters a post is made of, it renders to allowed HTML."""
    for tag, attrs in _tags(render_post_body(body)):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= set(ALLOWED_ATTRIBUTES.get(tag, ()))


# --- a post too dense with marks is shown as the text it is ---------------------------------


@pytest.mark.parametrize(
    "body",
    [
        SHAPES["**a repeated"],
        SHAPES["< x20,000"],
        SHAPES["list items"],
        SHAPES["autolinks"],
        "<script>alert(1)</script>\n" * 800,
        ("[x](javascript:alert(1)) *a* `b` &amp; " * 600)[:BODY_MAX],
    ],
)
def test_a_post_too_dense_for_markdown_is_shown_as_the_text_its_author_typed(body):
    """Thousands of marks are not read as Markdown (that costs a worker more than 100 ms):
    the post is its own text, escaped, in its paragraphs, with no element but <p> and <br>,
    and every character kept."""
    assert text_bounds.too_dense(body)
    html = render_post_body(body)
    assert {tag for tag, _ in _tags(html)} <= {"p", "br"}
    shown = re.sub(r"</?p>|<br>", "", html).replace("\n", "")
    assert "".join(unescape(shown).split()) == "".join(body.split())
    assert plain_text(body) == body.strip()


def test_a_long_story_is_still_read_as_markdown():
    """The bound is far from what a person writes: 20,000 characters of story with lines,
    emphasis, lists and links keep their Markdown."""
    prose = (
        "Day *forty* and the evenings are quieter than they were. I still reach for my phone "
        "at six, when I used to pour the first one, and instead I walk to the corner and back. "
        "My sponsor says the walk is the meeting I hold with myself; some nights it is the "
        "only one I manage, and that is enough. I read [the guide](https://a.example) again "
        "and wrote down what helps, so that on the bad nights I don't have to remember it.\n\n"
    )
    paragraph = prose * 3 + "- call my sponsor\n- walk after dinner\n\n"
    story = (paragraph * (BODY_MAX // len(paragraph)))[:BODY_MAX]
    assert not text_bounds.too_dense(story)
    html = render_post_body(story)
    assert "<em>forty</em>" in html and "<li>walk after dinner</li>" in html


@pytest.mark.parametrize("name", [n for n in sorted(SHAPES) if "just under" in n])
def test_the_densest_post_still_read_as_markdown_stays_allowed_html(name):
    body = SHAPES[name]
    assert not text_bounds.too_dense(body)
    for tag, attrs in _tags(render_post_body(body)):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= set(ALLOWED_ATTRIBUTES.get(tag, ()))
