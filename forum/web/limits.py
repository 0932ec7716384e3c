"""Rate limits (Flask-Limiter): who is counted, where the counts live, and the kind 429 page.

Every count is taken before the answer, in one atomic step of the limiter's storage, so that
requests sent at once cannot all slip under a limit. Sign-in and sign-up are counted by
their views (check_signin, count_failed_signin, check_signup, count_signup); what a member
writes is counted by the write rule itself (count_writing, called by forum.writing), in the
same storage, so that no way of writing can pass by it.
"""

import hashlib
import hmac
import logging
from collections.abc import Callable

from flask import Flask, current_app, flash, request
from flask_babel import gettext
from flask_limiter import Limiter, RateLimitExceeded
from limits import parse

from forum.accounts.names import pseudonym_skeleton as fold
from forum.errors import ERROR_PAGES, ForumError, forget_transaction, render_error
from forum.permissions import unlocks

log = logging.getLogger(__name__)


def _keyed(kind: str, value: str) -> str:
    """A counter's name: an HMAC, so that neither memory nor Redis ever holds an IP address."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:32]}"


def client_key() -> str:
    """One client, as the server sees it (behind a proxy, only once ProxyFix is set)."""
    return _keyed("client", request.remote_addr or "unknown")


def pseudonym_key() -> str:
    """The pseudonym being signed in to, so that look-alikes and CAPITALS share one count."""
    typed = request.form.get("pseudonym", "")[:100]
    return _keyed("name", fold(typed) or "-")


# Created unbound; init_limits() binds it to each app, and its storage holds every count. It
# is one object for the process, so init_limits() sets every setting it reads explicitly
# rather than relying on earlier apps.
limiter = Limiter(key_func=client_key, strategy="moving-window", key_prefix="hearth")


class SlowDown(ForumError):
    """A limit counted by a service ran out: the form comes back as typed (429)."""

    status_code = 429

    def __init__(self, retry_after: int):
        super().__init__(str(ERROR_PAGES[429][1]))
        self.retry_after = retry_after


def member_key(member) -> str:
    return _keyed("member", str(member.id))


def _room_left(limit: str, scope: str, key: str) -> None:
    """Raise SlowDown when `limit` is already used up, without counting anything."""
    if not current_app.config.get("RATELIMIT_ENABLED"):
        return
    item = parse(limit)
    try:
        room = limiter.limiter.test(item, "hearth", scope, key)
    except Exception:  # the counter store is away: take_one() will count in memory
        room = True
    if not room:
        raise SlowDown(int(item.get_expiry()))


def take_one(limit: str, scope: str, key: str) -> None:
    """Count one against `limit` ("6 per minute"), in the limiter's storage (Redis, shared by
    every worker, when configured); raise SlowDown when it is used up. The count is taken
    before the answer, so concurrent requests cannot all slip under it."""
    if not current_app.config.get("RATELIMIT_ENABLED"):
        return
    item = parse(limit)
    try:
        allowed = limiter.limiter.hit(item, "hearth", scope, key)
    except Exception:  # the counter store is away: count in this worker's memory meanwhile
        allowed = _hit_in_memory(item, scope, key)
    if not allowed:
        raise SlowDown(int(item.get_expiry()))


def _hit_in_memory(item, scope: str, key: str) -> bool:
    """Redis went away: switch the limiter to its in-memory fallback, as its decorators do
    (it tries Redis again on later requests), and count there. A member's post never fails
    because the counter store is away."""
    log.warning("Rate-limit storage unavailable; counting %s in this worker's memory.", scope)
    if not getattr(limiter, "_in_memory_fallback_enabled", False) or limiter._storage_dead:
        return True
    limiter._storage_dead = True
    try:
        return limiter.limiter.hit(item, "hearth", scope, key)
    except Exception:  # no fallback to be had either: let the member write
        return True


# Sign-in: only failed attempts are counted, per pseudonym and per client. A right password
# is refused too once a limit is used up, so that the answer never tells a guesser more.
_SIGNIN = (
    ("SIGNIN_LIMIT_PER_PSEUDONYM", "signin-name", pseudonym_key),
    ("SIGNIN_LIMIT_PER_CLIENT", "signin-client", client_key),
)


def check_signin() -> None:
    """Before the password is checked: SlowDown when either sign-in limit is used up."""
    for setting, scope, key in _SIGNIN:
        _room_left(current_app.config[setting], scope, key())


def count_failed_signin() -> None:
    """A wrong password: count it, and SlowDown when it was beyond a limit. Attempts sent
    at once each take their own place, so no more than the limit are ever answered."""
    for setting, scope, key in _SIGNIN:
        take_one(current_app.config[setting], scope, key())


def check_signup() -> None:
    """Before a sign-up is looked at: SlowDown when this client's sign-ups are used up."""
    _room_left(current_app.config["SIGNUP_LIMIT_PER_CLIENT"], "signup-client", client_key())


def count_signup() -> None:
    """An account about to be saved: count it (SlowDown beyond the limit; caller rolls back)."""
    take_one(current_app.config["SIGNUP_LIMIT_PER_CLIENT"], "signup-client", client_key())


def count_writing(member) -> None:
    """Threads, replies and milestone shares share one count: a member's writing."""
    take_one(current_app.config["POSTS_LIMIT_PER_MEMBER"], "posts", member_key(member))


def count_message(member) -> None:
    """Private messages, counted like posts: before anything is stored."""
    take_one(current_app.config["MESSAGES_LIMIT_PER_MEMBER"], "messages", member_key(member))


def count_conversation(member) -> None:
    """New conversations a member starts (each also counts as a message), as many a day as
    their earned trust allows."""
    take_one(
        f"{unlocks(member).conversations_per_day} per day", "conversations", member_key(member)
    )


def count_team_conversation(member) -> None:
    """New conversations with the moderator team (each also counts as a message)."""
    limit = current_app.config["TEAM_CONVERSATIONS_LIMIT_PER_MEMBER"]
    take_one(limit, "team-conversations", member_key(member))


def count_draft_save(member) -> None:
    """Drafts saved, by hand or by the page's script while the member types."""
    take_one(current_app.config["DRAFTS_LIMIT_PER_MEMBER"], "drafts", member_key(member))


def count_search(viewer) -> None:
    """Searches are counted per member, or per client for readers who are signed out."""
    key = member_key(viewer) if getattr(viewer, "is_authenticated", False) else client_key()
    take_one(current_app.config["SEARCH_LIMIT_PER_CLIENT"], "search", key)


# endpoint -> a function that re-renders that endpoint's form from what was posted.
_FORM_PAGES: dict[str, Callable[..., str]] = {}


def form_page(endpoint: str):
    """Register how to show `endpoint`'s form again, filled in, when a limit stops a POST."""

    def register(render: Callable[..., str]) -> Callable[..., str]:
        _FORM_PAGES[endpoint] = render
        return render

    return register


def slow_down() -> str:
    return gettext(
        "%(title)s. %(words)s Nothing was sent yet: what you typed is kept below.",
        title=ERROR_PAGES[429][0],
        words=ERROR_PAGES[429][1],
    )


def _slow_down_page(retry_after: int):
    """The 429 page: a form that was stopped comes back as it was typed, with a kind word."""
    render = _FORM_PAGES.get(request.endpoint or "")
    if request.method == "POST" and render is not None:
        flash(slow_down(), "error")
        response = current_app.make_response((render(**(request.view_args or {})), 429))
    else:
        response = current_app.make_response(render_error(429))
    response.headers["Retry-After"] = str(retry_after)
    return response


def too_many(error: RateLimitExceeded):
    return _slow_down_page(_retry_after(error))


def slowed_down(error: SlowDown):
    forget_transaction()
    return _slow_down_page(error.retry_after)


def _retry_after(error: RateLimitExceeded) -> int:
    # The window of the limit that was hit: a plain, safe upper bound on the wait.
    try:
        return int(error.limit.limit.get_expiry())
    except AttributeError:
        return 60


def init_limits(app: Flask) -> None:
    """Bind the limiter: memory storage by default, Redis when REDIS_URL is set."""
    cfg = app.config
    cfg["RATELIMIT_ENABLED"] = bool(cfg.get("RATE_LIMITS_ENABLED"))
    cfg["RATELIMIT_STORAGE_URI"] = cfg.get("REDIS_URL") or "memory://"
    # A Redis outage falls back to counting in this worker's memory rather than refusing
    # to serve: a member's post must not fail because the counter store is away.
    cfg["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = True
    limiter.init_app(app)
    # The limiter outlives an app (tests build many): a new app starts by trusting its own
    # storage, not the outage an earlier app's storage had.
    limiter._storage_dead = False
    app.register_error_handler(RateLimitExceeded, too_many)
    app.register_error_handler(SlowDown, slowed_down)
