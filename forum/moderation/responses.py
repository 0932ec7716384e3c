"""How a moderators' page answers: what it is about (or a 404), one action carried out and
committed (or rolled back, its refusal shown on the form), and the words that say what it did."""

from flask import abort

from forum.extensions import db
from forum.moderation.allowed import DecisionError


def get_or_404(model, object_id: int):
    """The row a page is about (a queue item, a post, a thread, a member), or a 404."""
    found = db.session.get(model, object_id)
    if found is None:
        abort(404)
    return found


def done_message(said: str, left: str | None) -> str:
    """What a decision did, then what its item still waits for (if anything)."""
    return f"{said} {left}" if left else said


def carried_out(form, act) -> bool:
    """Run one moderation action and commit it; a refusal rolls back and shows on the form."""
    try:
        act()
    except DecisionError as error:
        db.session.rollback()
        form.reason.errors = [*form.reason.errors, error.message]
        return False
    db.session.commit()
    return True
