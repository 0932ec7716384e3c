"""What a writing form shown by GET starts with: a member's saved draft or journal entry."""

from flask import abort, request
from flask_login import current_user

from forum.drafts import queries as drafts
from forum.i18n import lazy_gettext as _l
from forum.recovery.journal import queries as journal
from forum.web.paging import id_from

# The member's own words put in a form: its page is never kept by a cache.
NO_STORE = {"Cache-Control": "no-store"}
RESUMED = _l("Your draft is back in the form. It is sent only when you press the button below.")
FROM_JOURNAL = _l(
    "Your journal entry is copied into the form: read it over, give it a title and change "
    "anything you like. Nothing is posted until you press “Post thread”, and your journal "
    "keeps the entry either way."
)


def filled_in(kind: str, place_id: int) -> tuple[dict | None, str | None]:
    """What a form shown by GET starts with: the member's draft (?draft=) or, for a new
    thread, a journal entry of theirs (?entry=); anyone else's is a 404."""
    if request.method != "GET":
        return None, None
    if "draft" in request.args:
        draft_id = id_from(request.args["draft"])
        saved = drafts.draft_to_resume(current_user, draft_id, kind, place_id)
        if saved is None:
            abort(404)
        return saved.form_data(), RESUMED
    if kind == "thread" and "entry" in request.args:
        entry = journal.entry_of(current_user, id_from(request.args["entry"]))
        if entry is None:
            abort(404)
        return {"body": entry.body_source}, FROM_JOURNAL
    return None, None


def private_if(filled: bool, form) -> dict:
    return NO_STORE if filled or form.draft_id.data else {}
