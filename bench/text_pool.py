"""Post bodies for the benchmark: demo paragraphs rendered once, assembled into many posts.

Rendering Markdown costs about a millisecond a post, an hour at a million posts. Each
paragraph (or list, or quotation) of a few thousand demo posts is rendered alone, once;
a post is a run of those blocks, and its HTML the run of their HTML, which is what
rendering the whole source gives (the blocks are separated by blank lines, and two lists
are never put side by side, where Markdown would merge them). `check` proves it on a sample.
"""

import random
import re
from dataclasses import dataclass

from demo import content
from forum.text import render_post_body

_LIST = re.compile(r"^(?:[-*+] |\d+[.)] )")


@dataclass(frozen=True)
class Block:
    source: str
    html: str
    words: int
    is_list: bool


class TextPool:
    """Blocks per board, drawn from demo threads and replies written with one seed."""

    def __init__(self, seed: int = 7, posts_per_board: int = 300):
        rng = random.Random(seed)
        self.blocks: dict[str, list[Block]] = {}
        rendered: dict[str, Block] = {}
        for slug in content.BOARD_SLUGS:
            found: list[Block] = []
            for n in range(posts_per_board):
                text = (
                    content.body(rng, 20, 400, slug)
                    if n % 2
                    else content.reply_body(rng, 10, 150, slug)
                )
                for source in text.split("\n\n"):
                    source = source.strip()
                    if not source:
                        continue
                    if source not in rendered:
                        rendered[source] = Block(
                            source,
                            render_post_body(source),
                            len(source.split()),
                            bool(_LIST.match(source)),
                        )
                    found.append(rendered[source])
            self.blocks[slug] = found

    def body(self, rng: random.Random, slug: str, words_min: int = 20, words_max: int = 400):
        """(source, html) of a post of about words_min to words_max words on the board's themes."""
        pool = self.blocks[slug]
        target = rng.randint(words_min, words_max)
        chosen: list[Block] = []
        count = 0
        for _ in range(200):  # bounded: a block that does not fit is passed over
            if count >= target:
                break
            block = pool[rng.randrange(len(pool))]
            if chosen and chosen[-1].is_list and block.is_list:
                continue
            if count + block.words > words_max:
                if count >= words_min:
                    break
                continue
            chosen.append(block)
            count += block.words
        return "\n\n".join(b.source for b in chosen), "".join(b.html for b in chosen)

    def check(self, rng: random.Random, samples: int = 200) -> None:
        """Raise if an assembled post's HTML differs from rendering its source."""
        for n in range(samples):
            slug = content.BOARD_SLUGS[n % len(content.BOARD_SLUGS)]
            source, html = self.body(rng, slug)
            if render_post_body(source) != html:
                raise AssertionError(f"assembled HTML differs from rendering:\n{source[:300]}")
