"""One-time write tokens: a writing form sent again lands on what its first sending made.

Every writing form carries a token (made when the form is shown, kept when it comes back
with errors). The first sending that stores something keeps the token with the post, in
the same transaction; the same form sent again (a retry after a timeout, a killed worker or
an error page) finds it and is answered with the post, and two sendings at once meet at the
database's unique key, so one writes and the other waits and finds it. Tokens are kept for
KEPT_FOR: each write of a member prunes that member's older ones, and leaving the forum
takes them all.
"""

import hashlib
import re
import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from forum.accounts.models import User
from forum.conversations.models import Message
from forum.errors import Conflict
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Post
from forum.timeutil import utcnow
from forum.writing.models import WriteToken

KEPT_FOR = timedelta(days=7)
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def usable(token) -> str | None:
    """The token as sent, or None when it is missing or not one a form could carry."""
    return token if isinstance(token, str) and TOKEN.fullmatch(token) else None


def fingerprint(target: str, title: str | None, body: str, note: str | None, words: str | None):
    """What a form held, and where it was sent; the same token with other words is not a retry."""
    parts = (target, title or "", body, note or "", words or "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


Written = Post | Message


class AlreadyWritten(Conflict):
    """This form was sent before and stored `written` (a post or a message): the answer is
    that, not a second."""

    def __init__(self, written: Written):
        super().__init__(_l("This was sent before, and it is saved."))
        self.written = written


class SentBefore(Conflict):
    """The form's token made another piece of writing (`written`, the member's own): what was
    typed now is kept, and the form gets a new token so that sending it again writes it."""

    def __init__(self, written: Written | None):
        super().__init__(_l("This form was sent before."))
        self.written = written


def claim(
    member: User, token: str | None, mark: str, post: Post | None = None
) -> WriteToken | None:
    """Keep `token` for this writing, before anything is stored (a post given now, or through
    `keep` once made). Raises AlreadyWritten or SentBefore. Caller commits."""
    if token is None:
        return None
    db.session.execute(
        sa.delete(WriteToken).where(
            WriteToken.member_id == member.id, WriteToken.created_at < utcnow() - KEPT_FOR
        )
    )
    earlier = _kept(member, token)
    if earlier is None:
        claimed = WriteToken(member_id=member.id, token=token, fingerprint=mark, post=post)
        try:
            with db.session.begin_nested():
                db.session.add(claimed)
            return claimed
        except IntegrityError:
            # The same form, sent at the same moment, was written by another request: its
            # transaction has committed by now (the unique key waited for it).
            earlier = _kept(member, token)
            if earlier is None:
                raise
    if earlier.post_id is None and earlier.message_id is None:
        # A sending that stopped before storing (a caller committed after a refusal).
        earlier.fingerprint, earlier.post = mark, post
        return earlier
    if earlier.post_id is not None:
        written = db.session.get(Post, earlier.post_id)
    else:
        written = db.session.get(Message, earlier.message_id)
    if earlier.fingerprint != mark:
        raise SentBefore(written)
    raise AlreadyWritten(written)


def keep(claimed: WriteToken | None, written: Written) -> None:
    """Keep the post or message a claimed token made. Caller commits."""
    if claimed is None:
        return
    if isinstance(written, Message):
        claimed.message = written
    else:
        claimed.post = written


def _kept(member: User, token: str) -> WriteToken | None:
    return db.session.scalar(
        sa.select(WriteToken).where(WriteToken.member_id == member.id, WriteToken.token == token)
    )
