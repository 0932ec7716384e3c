"""Redacting an earlier version of a post (/mod/versions), from the post's history page.

Part of the moderation area, so its one guard covers it; the form sits on the history page,
which the boards show, through the `redact_version_form` template global.
"""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.moderation import actions
from forum.moderation.forms import RedactVersionForm
from forum.permissions import can_moderate
from forum.posts.models import Post, PostRevision

bp = Blueprint("versions", __name__, url_prefix="/versions")


@bp.app_template_global("may_redact_versions")
def may_redact(viewer, post: Post) -> bool:
    """A moderator may redact the versions of any post but their own."""
    return can_moderate(viewer) and actions.may_redact_versions(viewer, post)


@bp.app_template_global("redact_version_form")
def form_for(revision: PostRevision) -> RedactVersionForm:
    """The history page's form for one version, its text ready to edit."""
    form = RedactVersionForm(prefix=f"v{revision.id}", formdata=None)
    form.new_text.data = revision.body_source
    return form


@bp.post("/<int:revision_id>/redact")
def redact(revision_id: int):
    revision = db.session.get(PostRevision, revision_id)
    post = db.session.get(Post, revision.post_id) if revision is not None else None
    if post is None:
        abort(404)
    form = RedactVersionForm(prefix=f"v{revision.id}")
    if form.validate_on_submit():
        try:
            actions.redact_version(
                current_user, revision, post, form.new_text.data, form.reason.data
            )
        except actions.DecisionError as error:
            db.session.rollback()
            form.new_text.errors = [*form.new_text.errors, error.message]
        else:
            db.session.commit()
            flash(
                _("Done. That version now shows the redacted text; the author is told."), "success"
            )
            return redirect(url_for("boards.post_history", post_id=post.id))
    return render_template(
        "moderation/redact_version.html", post=post, revision=revision, form=form
    ), 400
