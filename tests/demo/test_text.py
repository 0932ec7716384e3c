"""The demo forum's text reads as people's: varied, in each board's voice, never alarming.

These read the seed's plan (every thread and reply it would write, with its default seed
and size) without a database.
"""

import random
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from demo import cli as demo_cli
from demo.writer import BOARDS, _cue
from forum.config import Config
from forum.writing.care import identity_hints

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
RISK_PHRASES = (
    Path(demo_cli.__file__).parents[1] / "forum/moderation/watched/default-care-phrases.txt"
)


@pytest.fixture(scope="module")
def plan():
    rng = random.Random(2024)  # the seed `flask seed demo` uses
    now = demo_cli.utcnow()
    start = now - demo_cli.SPAN
    joined = demo_cli._join_times(rng, demo_cli.MEMBERS + 2, start, now)
    return demo_cli._plan(rng, joined, sorted(demo_cli.BOARD_WEIGHTS), start, now)


def _sentences(text: str) -> set[str]:
    return {s for block in text.split("\n\n") for s in SENTENCE_END.split(block.strip()) if s}


def _first_sentence(text: str) -> str:
    return SENTENCE_END.split(text.split("\n\n")[0].strip())[0]


def _words(text: str) -> int:
    return len(text.split())


def test_no_two_threads_on_a_board_share_a_title(plan):
    """A board's page (30 threads) never lists one title twice, nor does any later page."""
    titles = defaultdict(list)
    for thread in plan:
        titles[thread.board].append(thread.opening.title)
    assert max(len(t) for t in titles.values()) > Config.THREADS_PER_PAGE  # pages to check
    for board, named in titles.items():
        assert len(set(named)) == len(named), board


def test_opening_posts_rarely_begin_with_the_same_sentence(plan):
    """Almost every thread opens with a first sentence of its own."""
    firsts = Counter(_first_sentence(thread.posts[0].body) for thread in plan)
    assert len(firsts) >= 0.95 * len(plan)
    assert max(firsts.values()) <= 3


def test_posts_run_from_a_line_to_several_paragraphs(plan):
    """Some opening posts are a line, some several paragraphs; most replies are short."""
    openings = [thread.posts[0].body for thread in plan]
    lengths = [_words(body) for body in openings]
    assert sum(n <= 20 for n in lengths) >= 0.08 * len(plan)
    assert sum(n >= 250 for n in lengths) >= 0.08 * len(plan)
    assert sum(body.count("\n\n") >= 4 for body in openings) >= 0.2 * len(plan)
    replies = [_words(post.body) for thread in plan for post in thread.posts[1:]]
    assert sum(n <= 15 for n in replies) >= 0.2 * len(replies)
    assert max(replies) >= 150


def test_each_board_speaks_in_its_own_voice(plan):
    """Stories run long and the lounge short; no board borrows another's first lines."""
    lengths = defaultdict(list)
    firsts = defaultdict(set)
    for thread in plan:
        lengths[thread.board].append(_words(thread.posts[0].body))
        firsts[thread.board].add(_first_sentence(thread.posts[0].body))
    median = {board: statistics.median(n) for board, n in lengths.items()}
    assert median["stories"] > 2 * median["community-lounge"]
    assert median["stories"] > median["cravings-and-coping"]
    boards = sorted(firsts)
    for number, board in enumerate(boards):
        for other in boards[number + 1 :]:
            assert not firsts[board] & firsts[other] - {""}, (board, other)


@pytest.mark.parametrize("word", ["craving", "meeting", "sober", "relapse", "sleep"])
def test_a_search_does_not_show_one_sentence_in_result_after_result(plan, word):
    """Searching "craving" finds posts that say it in their own words, not one stock line."""
    posts = [post.body for thread in plan for post in thread.posts]
    found = [body for body in posts if word in body.lower()]
    assert len(found) >= 15
    saying = Counter(s for body in found for s in _sentences(body) if word in s.lower())
    sentence, count = saying.most_common(1)[0]
    assert count <= 0.25 * len(found), sentence


def test_replies_only_pick_up_what_the_thread_talked_about(plan):
    """A reply that mentions "the mints idea" answers a post that had one."""
    cued = {
        line: cue
        for voice in BOARDS.values()
        for group in [voice.replies] + [t.replies for t in voice.topics.values() if t.replies]
        for cue, line in (item for item in group.lines if isinstance(item, tuple))
        if "{" not in line
    }
    checked = 0
    for thread in plan:
        context = f"{thread.opening.title}\n{thread.opening.body}"
        for post in thread.posts[1:]:
            for line, cue in cued.items():
                if line in post.body:
                    checked += 1
                    assert _cue(cue).search(context), (line, thread.opening.title)
    assert checked > 50


def test_milestone_replies_congratulate_the_milestone_of_the_thread(plan):
    """Replies under "90 days today" cheer 90 days, not some other count."""
    cheered = 0
    for thread in plan:
        if thread.board != "milestones":
            continue
        milestone = thread.opening.slots.get("milestone")
        for post in thread.posts[1:]:
            for said in re.findall(r"(?:^|[.!?] )([^.!?]+) is huge\.", post.body):
                cheered += 1
                assert said.lower() == milestone
    assert cheered > 0


def test_the_demo_says_nothing_that_would_alarm_the_care_check(plan):
    """No demo post holds words of risk or details that identify someone, so the moderators
    find only the demo's own reports in the queue."""
    phrases = [
        line.strip().lower()
        for line in RISK_PHRASES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for thread in plan:
        for text in [thread.opening.title] + [post.body for post in thread.posts]:
            lowered = text.lower().replace("’", "'")
            assert not [p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lowered)]
            assert identity_hints(text) == []
