"""Templates speak the reader's language: no sentence in a finished template escapes marking."""

from pathlib import Path

import pytest

from tests.i18n.scan import unmarked_text

TEMPLATES = Path(__file__).resolve().parents[2] / "forum" / "templates"

# Marked and translated: every sentence in them goes through the catalogue.
TEMPLATES_DONE = (
    "mentors/_boxes.html",
    "base.html",
    "_macros/content.html",
    "_macros/conversations.html",
    "_macros/forms.html",
    "_macros/language_switch.html",
    "_macros/pages.html",
    "moderation/_chart.html",
    "recovery/journal/_entry.html",
    "accounts/signin.html",
    "accounts/signup.html",
    "boards/_post.html",
    "boards/board.html",
    "boards/index.html",
    "boards/reply.html",
    "boards/thread.html",
    "conversations/contact.html",
    "conversations/index.html",
    "conversations/new.html",
    "conversations/show.html",
    "errors/error.html",
    "following/_macros.html",
    "help/_lines.html",
    "help/index.html",
    "reactions/_macros.html",
    "search/results.html",
    "boards/delete.html",
    "boards/edit.html",
    "boards/history.html",
    "boards/new_thread.html",
    "following/bookmarks.html",
    "drafts/_where.html",
    "drafts/closed.html",
    "drafts/index.html",
    "drafts/not_saved.html",
    "notices/index.html",
    "digests/settings.html",
    "digests/unsubscribe.html",
    "digests/unsubscribed.html",
    "recovery/after_slip.html",
    "recovery/delete.html",
    "recovery/edit.html",
    "recovery/home.html",
    "recovery/new.html",
    "recovery/share.html",
    "recovery/slip.html",
    "recovery/journal/delete.html",
    "recovery/journal/index.html",
    "recovery/journal/post.html",
    "recovery/journal/write.html",
    "checkins/_pledge.html",
    "checkins/index.html",
    "mentors/_panel.html",
    "mentors/ask.html",
    "mentors/choose.html",
    "mentors/offer.html",
    "accounts/delete.html",
    "accounts/password.html",
    "accounts/profile.html",
    "accounts/settings.html",
    "admin/board_form.html",
    "admin/boards.html",
    "help/greet.html",
    "help/guidelines.html",
    "help/lines.html",
    "help/welcome.html",
    "support/_suspension.html",
    "support/suspended.html",
    "_macros/moderation.html",
    "moderation/_appeal_row.html",
    "moderation/_care.html",
    "moderation/_conversation_evidence.html",
    "moderation/_fold.html",
    "moderation/_notes_list.html",
    "moderation/appeal.html",
    "moderation/appeal_form.html",
    "moderation/appeals.html",
    "moderation/item.html",
    "moderation/my_appeal.html",
    "moderation/my_reports.html",
    "moderation/post.html",
    "moderation/queue.html",
    "moderation/report.html",
    "moderation/report_conversation.html",
    "moderation/_nav.html",
    "moderation/care.html",
    "moderation/checkins.html",
    "moderation/health.html",
    "moderation/inbox.html",
    "moderation/inbox_show.html",
    "moderation/log.html",
    "moderation/member.html",
    "moderation/pairings.html",
    "moderation/practice.html",
    "moderation/redact_version.html",
    "moderation/transparency.html",
    "moderation/watched.html",
)

# Still in English. Each one marked moves up to TEMPLATES_DONE (a test below says when).
TEMPLATES_STILL_TO_MARK = (

)


def _source(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def test_every_template_is_on_one_list():
    """A new template is either marked or listed as still to mark: none is forgotten."""
    on_disk = {str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")}
    listed = set(TEMPLATES_DONE) | set(TEMPLATES_STILL_TO_MARK)
    assert not set(TEMPLATES_DONE) & set(TEMPLATES_STILL_TO_MARK)
    assert on_disk == listed


@pytest.mark.parametrize("name", TEMPLATES_DONE)
def test_a_finished_template_has_no_unmarked_sentence(app, name):
    """Every sentence a reader sees on these pages reaches them in their own language."""
    assert unmarked_text(app.jinja_env, _source(name)) == []


@pytest.mark.parametrize("name", TEMPLATES_STILL_TO_MARK)
def test_a_template_still_to_mark_is_moved_up_once_it_is_done(app, name):
    """Once a listed template is fully marked, it belongs in TEMPLATES_DONE (so it stays so)."""
    assert unmarked_text(app.jinja_env, _source(name)) != [], f"move {name} to TEMPLATES_DONE"


def test_the_scan_finds_an_unmarked_sentence():
    """The scan itself: text, a spoken attribute and a quoted sentence are caught; marked
    text, the forum's name and markup are not."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"])
    source = (
        '<p title="Leaves now">Hello there</p>{{ _("Fine") }}{% trans %}Fine too{% endtrans %}'
        "<a href=\"{{ url_for('x') }}\" class=\"button\">Hearth</a>{{ 'Not marked' if x }}"
        "{{ pagination(p, _('Marked words'), 'Left out') }}"
    )
    assert unmarked_text(env, source) == ["Leaves now", "Hello there", "'Not marked'", "'Left out'"]
