"""How each demo board sounds: its topics (threads that open with a title and a first line,
the sentences that follow), the lengths its posts run to, and how people answer there. One
module a board.

Templates hold {slots} filled from demo/words.py; a post fills each slot once, so a title
and its post talk about the same sister, the same 90 days.
"""

from typing import NamedTuple


class Replies(NamedTuple):
    open: tuple[str, ...]  # how a reply may begin
    # What it may say; a ("cue", line) pair only answers an opening post the cue (a regular
    # expression) is found in, so that nobody thanks a writer for an idea they never had.
    lines: tuple[str | tuple[str, str], ...]
    close: tuple[str, ...]  # how it may end
    thanks: tuple[str, ...]  # the thread's starter, coming back to thank the others


class Topic(NamedTuple):
    weight: int  # how often the board's threads are about it
    # (title, first line): a thread's title and the line its opening post begins with, which
    # can also be the whole post.
    threads: tuple[tuple[str, str], ...]
    lines: tuple[str, ...]  # what the opening post goes on to say
    replies: Replies | None = None  # when the topic is answered otherwise than the board
    # A list a post may carry: the lines that introduce it and the slot its items come from.
    listing: tuple[tuple[str, ...], str] | None = None


class Voice(NamedTuple):
    topics: dict[str, Topic]
    greetings: tuple[str, ...]  # what a few opening posts begin with
    closers: tuple[str, ...]
    # (fewest words, most words, weight): how long the board's opening posts run.
    lengths: tuple[tuple[int, int, int], ...]
    replies: Replies
