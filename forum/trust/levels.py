"""The trust levels and what each one unlocks: the one table the permission predicates read.

A level is earned from what a member did (days here, threads read, replies approved, no
recent action against them), never from karma; forum.trust.services computes it. Nobody
else is ever shown a member's level.
"""

import enum
from dataclasses import dataclass

from forum.i18n import lazy_gettext as _l


class TrustLevel(enum.IntEnum):
    NEW = 0  # the first days
    MEMBER = 1  # has read and been approved a little
    REGULAR = 2  # can greet newcomers privately
    TRUSTED = 3  # has been here long and well


@dataclass(frozen=True)
class Unlocks:
    conversations_per_day: int  # new private conversations a member may start in a day
    reports_per_hour: int
    # How much one report counts toward hiding a post until a moderator looks (before the
    # reporter's own record of upheld and dismissed reports is counted in).
    report_weight: float
    may_greet: bool  # may reach a newcomer privately, as a greeter the newcomer replied to
    # May offer to mentor (forum/mentors): a newcomer's mentor should know the place well.
    may_mentor: bool = False
    # A new member's posts wait for a moderator (when TRUST_NEW_POSTS_WAIT is on), and their
    # posts and messages may link only to Hearth's own pages.
    posts_wait: bool = False
    links: bool = True


UNLOCKS: dict[TrustLevel, Unlocks] = {
    TrustLevel.NEW: Unlocks(
        conversations_per_day=2,
        reports_per_hour=5,
        report_weight=0.5,
        may_greet=False,
        posts_wait=True,
        links=False,
    ),
    TrustLevel.MEMBER: Unlocks(
        conversations_per_day=5, reports_per_hour=10, report_weight=1.0, may_greet=False
    ),
    TrustLevel.REGULAR: Unlocks(
        conversations_per_day=10,
        reports_per_hour=20,
        report_weight=1.25,
        may_greet=True,
        may_mentor=True,
    ),
    TrustLevel.TRUSTED: Unlocks(
        conversations_per_day=20,
        reports_per_hour=30,
        report_weight=1.5,
        may_greet=True,
        may_mentor=True,
    ),
}

# What a member reads about their own level, in kind words (Settings), and what the next
# one brings.
LEVEL_WORDS = {
    TrustLevel.NEW: _l(
        "You're new here, and welcome. Take your time: read, reply when you feel like it. "
        "More opens up by itself as you spend time here."
    ),
    TrustLevel.MEMBER: _l("You're settling in: you can start a few more conversations a day."),
    TrustLevel.REGULAR: _l(
        "You're one of the regulars: if you greet newcomers, those who replied to you can "
        "hear from you privately, and you can offer to mentor."
    ),
    TrustLevel.TRUSTED: _l(
        "You've been here long and well: thank you for what you give this place."
    ),
}
# What the next level brings, said to the member about their own next step.
NEXT_BRINGS = {
    TrustLevel.NEW: _l(
        "Your posts will appear straight away, without waiting for a moderator, and you'll "
        "be able to share links and start more conversations."
    ),
    TrustLevel.MEMBER: _l(
        "You'll be able to greet newcomers who replied to you, privately, and to offer to mentor."
    ),
    TrustLevel.REGULAR: _l("More conversations and reports a day, for the time you give here."),
}


def unlocks_for(level: int) -> Unlocks:
    return UNLOCKS[TrustLevel(level)]
