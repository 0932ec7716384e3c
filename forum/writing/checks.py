"""What the write rule checks before anything is stored, the same for a post, a message and a
note: the watched words, the identity check's second look, a new member's links, the form's
one-time token; and what a resumed draft leaves behind once its text is stored."""

from dataclasses import dataclass, replace

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.drafts.models import SavedDraft
from forum.errors import ForumError
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.moderation.watched.rules import Found, watch
from forum.permissions import can_moderate, unlocks
from forum.posts.models import Post
from forum.text import outside_links
from forum.web.paging import id_from
from forum.writing.care import identity_hints
from forum.writing.models import WriteToken
from forum.writing.tokens import claim, fingerprint, usable


@dataclass
class Draft:
    """What the person typed, as every writing form carries it."""

    body: str
    title: str | None = None
    content_note: str | None = None
    content_note_text: str | None = None
    # The author saw the identity warning and chose to post.
    post_anyway: bool = False
    # The form's one-time token: the same form sent again lands on what it made.
    token: str | None = None
    # The member's saved draft this form was resumed from (forum.drafts), if any: it goes
    # once what it held is stored.
    saved_draft_id: int | None = None
    # The language chosen on the form (forum.posts.languages); None: the author's default,
    # or for an edit, the post's own.
    language: str | None = None

    @classmethod
    def from_form(cls, form) -> "Draft":
        title = getattr(form, "title", None)
        saved = getattr(form, "draft_id", None)
        language = getattr(form, "language", None)
        return cls(
            body=form.body.data,
            title=title.data if title is not None else None,
            content_note=form.content_note.data,
            content_note_text=form.content_note_text.data,
            post_anyway=bool(form.post_anyway.data),
            token=usable(form.write_token.data),
            saved_draft_id=id_from(saved.data) if saved is not None else None,
            language=(language.data or None) if language is not None else None,
        )


class SecondLookNeeded(ForumError):
    """The text may identify someone: nothing is stored until the author posts it anyway."""

    status_code = 200

    def __init__(self, hints: list[str]):
        super().__init__(_l("This may identify you or someone else."))
        self.hints = hints


class TextRefused(ForumError):
    """What was written can't go as it is: nothing is stored, the form comes back with the
    text kept and this message beside it."""

    status_code = 400


class WordsRefused(TextRefused):
    """A watched word the moderators block."""

    def __init__(self, words: list[str]):
        quoted = ", ".join(f"“{w}”" for w in words)
        super().__init__(
            _l(
                "Hearth's moderators have asked that %(words)s not be posted here. Please "
                "change it and send again: what you wrote is kept below.",
                words=quoted,
            )
        )
        self.words = words


def watched(author: User, draft: Draft) -> tuple[Draft, Found]:
    """The watched words on a draft: a block refuses it; replacements give the draft that is
    stored. The moderators' own writing is never blocked, held or flagged."""
    found = watch(draft.body, draft.title)
    if can_moderate(author):
        found.blocked, found.held, found.flagged = [], [], []
    if found.blocked:
        raise WordsRefused(found.blocked)
    if found.replaced:
        draft = replace(draft, body=found.text, title=found.title)
    return draft, found


def listed(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in sorted(set(words)))


def second_look(draft: Draft) -> None:
    if draft.post_anyway:
        return
    hints = identity_hints(draft.body)
    if hints:
        raise SecondLookNeeded(hints)


def needs_approval(author: User) -> bool:
    """The posts of a *new* member wait for a moderator, until they earn the member level
    (forum/trust/levels.py; TRUST_NEW_POSTS_WAIT turns it off)."""
    return current_app.config["TRUST_NEW_POSTS_WAIT"] and unlocks(author).posts_wait


class LinksNotYet(TextRefused):
    """A new member linked beyond Hearth's own pages."""

    def __init__(self):
        super().__init__(
            _l(
                "Links to other sites open up after your first days here. Please take the "
                "link out (you can name the site in words): what you wrote is kept below."
            )
        )


def links_allowed(author: User, draft: Draft) -> None:
    if not unlocks(author).links and outside_links(draft.body):
        raise LinksNotYet()


def claim_for(
    member: User, draft: Draft, target: str, post: Post | None = None
) -> WriteToken | None:
    mark = fingerprint(target, draft.title, draft.body, draft.content_note, draft.content_note_text)
    return claim(member, draft.token, mark, post)


def let_go_of_saved_draft(author_id: int, draft: Draft) -> None:
    """What a resumed draft held is stored (waiting for a moderator or not): the member's
    saved copy goes in the same transaction. Only the author's own draft is ever touched."""
    if draft.saved_draft_id is not None:
        db.session.execute(
            sa.delete(SavedDraft).where(
                SavedDraft.id == draft.saved_draft_id, SavedDraft.author_id == author_id
            )
        )
