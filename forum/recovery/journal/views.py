"""The journal (/me/journal): the list a page at a time, writing, changing and deleting an
entry, and turning one into a post (its words copied into a new-thread form, never posted
by themselves). Every page is the member's own: another's entry is a 404, whoever asks."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.extensions import db
from forum.posts import queries as posts
from forum.posts.permissions import can_post
from forum.recovery.journal import queries, services
from forum.recovery.journal.forms import EntryForm
from forum.recovery.journal.models import HEAVY_MOODS, JournalEntry
from forum.web.forms import ConfirmForm
from forum.web.paging import page_number

bp = Blueprint("journal", __name__, url_prefix="/me/journal")


@bp.before_request
@login_required
def _members_only():
    """Everything here is the member's own: one guard for the whole area."""
    return None


def _load(entry_id: int) -> JournalEntry:
    entry = queries.entry_of(current_user, entry_id)
    if entry is None:
        abort(404)
    return entry


@bp.get("")
def index():
    page = page_number()
    entries = queries.entries_of(current_user, page)
    if page > 1 and page > entries.pages:
        abort(404)
    return render_template("recovery/journal/index.html", entries=entries, heavy=HEAVY_MOODS)


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = EntryForm()
    if form.validate_on_submit():
        services.write_entry(current_user, form.body.data, form.mood.data)
        db.session.commit()
        flash(_("Your entry is saved. Only you can read it."), "success")
        return redirect(url_for("journal.index"))
    page = render_template("recovery/journal/write.html", form=form, entry=None)
    return page, 400 if form.errors else 200


@bp.route("/<int:entry_id>/edit", methods=["GET", "POST"])
def edit(entry_id: int):
    entry = _load(entry_id)
    form = EntryForm(data={"body": entry.body_source, "mood": entry.mood or ""})
    if form.validate_on_submit():
        services.edit_entry(current_user, entry, form.body.data, form.mood.data)
        db.session.commit()
        flash(_("Your entry is updated."), "success")
        return redirect(url_for("journal.index"))
    page = render_template("recovery/journal/write.html", form=form, entry=entry)
    return page, 400 if form.errors else 200


@bp.route("/<int:entry_id>/delete", methods=["GET", "POST"])
def delete(entry_id: int):
    entry = _load(entry_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_entry(current_user, entry)
        db.session.commit()
        flash(_("The entry is deleted."), "success")
        return redirect(url_for("journal.index"))
    return render_template("recovery/journal/delete.html", entry=entry, form=form)


@bp.get("/<int:entry_id>/post")
def turn_into_post(entry_id: int):
    """Choose a board: its new-thread form opens with the entry's words copied in."""
    entry = _load(entry_id)
    boards = [b for b in posts.listed_boards(current_user) if can_post(current_user, b)]
    return render_template("recovery/journal/post.html", entry=entry, boards=boards)
