"""What the header shows on every page: the reader's links, and for a member how many
notices and conversations hold something new, read together in one query (each feature says
how it counts). The links are kept rendered for every page the same reader sees alike."""

from typing import NamedTuple

import sqlalchemy as sa
from flask import Flask, g, get_template_attribute, request

from forum.conversations import queries as conversations
from forum.digests.quiet import in_quiet_hours
from forum.extensions import db
from forum.notices import queries as notices
from forum.permissions import can_administer, can_greet, can_moderate, is_member, the_user
from forum.web.fragments import render_pieces

# Pages whose sign-in link does not come back to them.
_NOT_BACK_TO = ("accounts.signin", "accounts.signup")


class Nav(NamedTuple):
    """All the header's links read (templates/_macros/site_nav.html)."""

    member: bool
    pseudonym: str | None
    unread: int
    new_messages: int
    moderator: bool
    greeter: bool
    admin: bool
    back_to: str | None  # where "Sign in" brings a signed-out reader back to


def header_counts(user) -> tuple[int, int]:
    """(unread notices, conversations with new messages), once per request; none in the
    member's quiet hours."""
    if not is_member(user) or in_quiet_hours(user):
        return 0, 0
    if "unread_notices" not in g or "unread_conversations" not in g:
        both = sa.select(
            notices.unread_select(user).scalar_subquery(),
            conversations.unread_select(user).scalar_subquery(),
        )
        g.unread_notices, g.unread_conversations = db.session.execute(both).one()
    return g.unread_notices, g.unread_conversations


def site_nav(user):
    """The header's links for this reader, rendered or kept."""
    user = the_user(user)
    if is_member(user):
        unread, new_messages = header_counts(user)
        nav = Nav(
            True,
            user.pseudonym,
            unread,
            new_messages,
            can_moderate(user),
            can_greet(user),
            can_administer(user),
            None,
        )
        macro = get_template_attribute("_macros/site_nav.html", "site_nav")
        return render_pieces("site nav", [nav], macro)
    # A signed-out reader's two links come back to the page they are on: rendered each time,
    # since any address (a made-up one too) would be a piece of its own.
    back_to = request.path if request.endpoint not in _NOT_BACK_TO else None
    macro = get_template_attribute("_macros/site_nav.html", "site_nav")
    return macro(Nav(False, None, 0, 0, False, False, False, back_to))


def init_header(app: Flask) -> None:
    app.add_template_global(site_nav, "site_nav")
