"""What the worst shapes of a post cost: the CPU time of checking, rendering and indexing each.

    .venv/bin/python -m bench.pathological            # every shape
    .venv/bin/python -m bench.pathological table "["  # the shapes whose names hold these words

Each shape is a body the writing form accepts (at most BODY_MAX characters). For each, it
prints the CPU milliseconds (time.process_time, which holds still when other processes share
the machine; the best of three runs) of the identity and care checks, of rendering the
Markdown to sanitised HTML, of indexing the post in a Whoosh index, and of the plain-text
excerpt a notice shows; then their sum, marked when it passes BUDGET_MS. The tests in
tests/hardening/test_pathological_input.py hold the same shapes to what readers see.
"""

import sys
import tempfile
import time
from pathlib import Path

from forum import create_app
from forum.extensions import db
from forum.posts.models import BODY_MAX
from forum.search.engine.base import PostDoc, text_of
from forum.search.engine.whoosh import WhooshEngine
from forum.text import excerpt, render_post_body
from forum.text_bounds import too_dense
from forum.timeutil import utcnow
from forum.writing.care import identity_hints, risk_phrases_in

# What checking, rendering and indexing one post may cost, at most, whatever its shape.
BUDGET_MS = 100


def _table(columns: int, rows: int, cell: str = "b") -> str:
    head = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    return head + ("|" + f"{cell}|" * columns + "\n") * rows


def _fill(unit: str, before: str = "", after: str = "") -> str:
    """`unit` repeated to fill a post, between `before` and `after`."""
    room = BODY_MAX - len(before) - len(after)
    return before + unit * (room // len(unit)) + after


# Name -> body. The first group came with the issue; the rest are the same classes' kin.
SHAPES = {
    "[ x10,000": "[" * 10_000,
    "a. x9,000": "a." * 9_000,
    "table of 3,000 columns": _table(3_000, 1)[:BODY_MAX],
    "one word of 20,000 letters": "a" * BODY_MAX,
    "> x5,000 (nested quotes)": ">" * 5_000 + " deep",
    "- x5,000 (nested lists)": "- " * 5_000 + "deep",
    "* x20,000": "*" * BODY_MAX,
    "_ x20,000": "_" * BODY_MAX,
    "&# x10,000": "&#" * 10_000,
    "` x20,000": "`" * BODY_MAX,
    "a long address": _fill("a", "https://example.org/"),
    "zero-width spaces": _fill("a\u200b"),
    "combining accents": _fill("\u0301", "a"),
    "newlines": _fill("\n", "a", "a"),
    # The same classes, other members.
    "![ x10,000": "![" * 10_000,
    "[ x5,000 then ] x5,000": "[" * 5_000 + "]" * 5_000,
    "[a]( repeated": _fill("[a]("),
    "[a](b ( repeated": _fill("[a](b ("),
    "( after a link": _fill("(", "[a]"),
    "( x20,000": "(" * BODY_MAX,
    "a table of 300 columns, short rows": _fill("x\n", _table(300, 0)),
    "a table of 100 columns, 190 rows": _table(100, 95)[:BODY_MAX],
    "a table of 3 columns, 1,000 rows": _fill("| 1 | ok | fine |\n", "| d | m | n |\n|-|-|-|\n"),
    "indented lists, 130 levels": "".join("  " * i + "- x\n" for i in range(130)),
    "*a repeated": _fill("*a "),
    "**a repeated": _fill("**a"),
    "&#65; repeated": _fill("&#65;"),
    "` a repeated": _fill("` a"),
    "< x20,000": "<" * BODY_MAX,
    "autolinks": _fill("<https://a.bc> "),
    "bare links": _fill("http://a.bc "),
    "digits x20,000": "1" * BODY_MAX,
    "a.@ at the end": "a." * 9_000 + "@",
    "a@ repeated": _fill("a@"),
    "1- repeated": _fill("1-"),
    "1 then spaces": _fill(" ", "1", "x"),
    "want then spaces": _fill(" ", "want", "to"),
    "short paragraphs": _fill("word\n\n", after="word"),
    "list items": _fill("- one two\n"),
    "prose": _fill("I went to the meeting tonight and it helped. ").strip(),
}


def _as_dense_as_read(unit: str) -> str:
    """`unit` repeated as often as a post may hold it and still be read as Markdown: the
    dearest posts there are, just short of too_dense() showing them as plain text."""
    body = unit
    while not too_dense(body + unit) and len(body + unit) <= BODY_MAX:
        body += unit
    return body


# The same dear units, as many as Markdown is still read for.
SHAPES.update(
    {
        f"{name}, just under the marks limit": _as_dense_as_read(unit)
        for name, unit in {
            "**a": "**a",
            "*a": "*a ",
            "` a": "` a",
            "[a](": "[a](",
            "autolinks": "<https://a.bc> ",
            "&#65;": "&#65;",
            "list items": "- one two\n",
            "short paragraphs": "word\n\n",
            "table rows": "| 1 | ok | fine |\n",
            "bare links": "http://a.bc\n",
        }.items()
    }
)


def _cpu_ms(work, repeat: int = 3) -> float:
    best = None
    for _ in range(repeat):
        start = time.process_time()
        work()
        spent = (time.process_time() - start) * 1000
        best = spent if best is None else min(best, spent)
        if spent > 500:  # a slow shape is slow enough once
            break
    return best


def measure(body: str, engine: WhooshEngine, post_id: int) -> dict[str, float]:
    """CPU milliseconds of each step a posted body goes through."""
    html = render_post_body(body)

    def index() -> None:
        doc = PostDoc(post_id, 1, 1, 1, "A title", text_of(html), utcnow(), "reply", True)
        engine.write([doc], [])

    return {
        "check": _cpu_ms(lambda: (identity_hints(body), risk_phrases_in(body))),
        "render": _cpu_ms(lambda: render_post_body(body)),
        "index": _cpu_ms(index),
        "excerpt": _cpu_ms(lambda: excerpt(body)),
    }


def main(words: list[str]) -> None:
    shapes = {n: b for n, b in SHAPES.items() if not words or any(w in n for w in words)}
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "INSTANCE_PATH": str(Path(folder) / "instance"),
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}",
                "SEARCH_INDEX_DIR": str(Path(folder) / "index"),
            }
        )
        engine = WhooshEngine(str(Path(folder) / "index"))
        print(f"CPU ms (best of 3), budget {BUDGET_MS} ms a post")
        print(f"{'shape':38} {'chars':>6} {'check':>8} {'render':>8} {'index':>8} "
              f"{'excerpt':>8} {'total':>8}")  # fmt: skip
        with app.app_context():
            db.create_all()  # the care check reads the moderators' watched words
            for post_id, (name, body) in enumerate(shapes.items(), start=1):
                costs = measure(body, engine, post_id)
                total = costs["check"] + costs["render"] + costs["index"]
                over = "  over" if total > BUDGET_MS else ""
                cells = " ".join(f"{costs[k]:8.1f}" for k in ("check", "render", "index"))
                print(
                    f"{name:38} {len(body):6} {cells} {costs['excerpt']:8.1f} {total:8.1f}{over}",
                    flush=True,
                )


if __name__ == "__main__":
    main(sys.argv[1:])
