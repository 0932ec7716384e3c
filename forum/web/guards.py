"""Guards every blueprint shares: a suspended member reads, but writes nothing."""

from flask import Flask, request
from flask_login import current_user

from forum.errors import render_error
from forum.permissions import is_suspended

# What a suspended member may still do: leave, take their data, or close their account.
ALLOWED_WHILE_SUSPENDED = frozenset(
    {
        "accounts.signin",
        "accounts.signout",
        "accounts.export",
        "accounts.delete_account",
        "accounts.change_password",
        "accounts.reading",
        "recovery.slip",
        "notices.read",
        "notices.read_all",
    }
)


def suspended_members_only_read():
    """Before every request: a suspended member may read, and do only what is listed above."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.endpoint in ALLOWED_WHILE_SUSPENDED:
        return None
    if is_suspended(current_user):
        until = current_user.suspended_until
        when = "for good" if until.year >= 9999 else f"until {until:%d %B %Y, %H:%M} UTC"
        return render_error(
            403,
            f"Your account can read but not write {when}. The moderators' reason: "
            f"{current_user.suspension_reason or 'none given'}",
        )
    return None


def init_guards(app: Flask) -> None:
    app.before_request(suspended_members_only_read)
