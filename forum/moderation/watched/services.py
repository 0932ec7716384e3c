"""Keeping the watched words: adding, changing and removing a rule (each logged), switching a
shipped care phrase off and on, and the list as CSV (export, and an import that takes all
of a file or none of it)."""

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import format_number, ngettext
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import ForumError, NotFound
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.moderation import log
from forum.moderation.models import TargetType
from forum.moderation.watched.models import WatchAction, WatchedWord
from forum.moderation.watched.rules import (
    forget_rules,
    normalise,
    rule_problem,
    rules_in_force,
    shipped_care_phrases,
)
from forum.posts.content_notes import NOTE_KINDS
from forum.posts.models import Post
from forum.text import render_post_body

ACTION_LABELS = {
    WatchAction.BLOCK: _l("Block: the member is asked to change it"),
    WatchAction.HOLD: _l("Hold the post for approval"),
    WatchAction.FLAG: _l("Flag the post to the queue"),
    WatchAction.REPLACE: _l("Replace with other words"),
    WatchAction.RESOURCE: _l("Attach a resource card"),
    WatchAction.NOTE: _l("Add a content note"),
    WatchAction.CARE: _l("Care: show where help is, and ask a moderator to check in"),
}
DETAIL_MAX = 1000
CSV_COLUMNS = ("words", "action", "detail")
IMPORT_MAX_ROWS = 2000


class RuleError(ForumError):
    status_code = 400


def detail_problem(action: WatchAction, detail: str) -> str | None:
    """Why this detail can't go with this action (None: it can)."""
    if len(detail) > DETAIL_MAX:
        return _("The detail is at most %(num)s characters.", num=format_number(DETAIL_MAX))
    if action == WatchAction.REPLACE and not detail:
        return _("Please say what the words are replaced with.")
    if action == WatchAction.REPLACE and len(detail) > 100:
        return _("A replacement is at most %(num)s characters.", num=format_number(100))
    if action == WatchAction.RESOURCE and not detail:
        return _("Please write the card shown under the post.")
    if action == WatchAction.NOTE and not detail:
        return _("Please choose a content note, or write its words.")
    if action == WatchAction.NOTE and detail not in NOTE_KINDS and len(detail) > 100:
        return _("A content note's words are at most %(num)s characters.", num=format_number(100))
    return None


def _check(words: str, action: WatchAction, detail: str) -> None:
    problem = rule_problem(words) or detail_problem(action, detail)
    if problem:
        raise RuleError(problem)


def _existing(words: str, action: WatchAction) -> WatchedWord | None:
    return db.session.scalar(
        sa.select(WatchedWord).where(WatchedWord.words == words, WatchedWord.action == action)
    )


def _describe(rule: WatchedWord) -> str:
    detail = f" → {rule.detail}" if rule.action == WatchAction.REPLACE else ""
    return f"{rule.action.value}: “{rule.words}”{detail}"


def _set_detail(rule: WatchedWord, detail: str) -> None:
    rule.detail = detail if rule.action != WatchAction.CARE else ""
    rule.detail_html = render_post_body(detail) if rule.action == WatchAction.RESOURCE else ""


def add_rule(moderator: User, words: str, action: WatchAction, detail: str = "") -> WatchedWord:
    """Watch for these words (or change what an existing rule for them does). Logged. Caller
    commits; the change reaches every worker at its next write."""
    words, detail = normalise(words), (detail or "").strip()
    _check(words, action, detail)
    rule = _existing(words, action)
    verb = "watch_change" if rule is not None else "watch_add"
    if rule is None:
        rule = WatchedWord(words=words, action=action, created_by_id=moderator.id)
        db.session.add(rule)
    rule.retired = False
    _set_detail(rule, detail)
    db.session.flush()
    log.record(moderator.id, verb, TargetType.WATCHED_WORD, rule.id, _describe(rule))
    forget_rules()
    return rule


def remove_rule(moderator: User, rule_id: int) -> None:
    """Stop watching for a rule's words. A shipped care phrase is switched off instead (it
    would come back with the next deploy otherwise). Logged. Caller commits."""
    rule = db.session.get(WatchedWord, rule_id)
    if rule is None or rule.retired:
        raise NotFound(_("That watched word is already gone."))
    description = _describe(rule)
    if rule.action == WatchAction.CARE and rule.words in shipped_care_phrases():
        rule.retired = True
    else:
        # Posts that showed its card show none from now on.
        db.session.execute(sa.update(Post).where(Post.card_id == rule.id).values(card_id=None))
        db.session.delete(rule)
    db.session.flush()
    log.record(moderator.id, "watch_remove", TargetType.WATCHED_WORD, rule_id, description)
    forget_rules()


def retire_shipped(moderator: User, words: str) -> WatchedWord:
    """Switch off a care phrase Hearth ships: it no longer counts, and stays off. Logged."""
    words = normalise(words)
    if words not in shipped_care_phrases():
        raise NotFound(_("That phrase is not one Hearth ships."))
    rule = _existing(words, WatchAction.CARE)
    if rule is None:
        rule = WatchedWord(words=words, action=WatchAction.CARE, created_by_id=moderator.id)
        db.session.add(rule)
    rule.retired = True
    db.session.flush()
    log.record(moderator.id, "watch_remove", TargetType.WATCHED_WORD, rule.id, f"care: “{words}”")
    forget_rules()
    return rule


def retired_shipped() -> list[WatchedWord]:
    """The shipped care phrases the moderators switched off, to offer them back."""
    return list(
        db.session.scalars(
            sa.select(WatchedWord)
            .where(WatchedWord.retired.is_(True), WatchedWord.action == WatchAction.CARE)
            .order_by(WatchedWord.words)
        )
    )


# --- CSV -----------------------------------------------------------------------------------------


def export_csv() -> str:
    """Every rule in force, shipped care phrases included, as words,action,detail."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rule in sorted(rules_in_force(), key=lambda r: (r.action.value, r.words)):
        # A leading =, +, - or @ would be a formula to a spreadsheet: quoted away.
        writer.writerow([_cell(rule.words), rule.action.value, _cell(rule.detail)])
    return out.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _uncell(value: str) -> str:
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


@dataclass
class Imported:
    added: int
    changed: int
    unchanged: int


def import_csv(moderator: User, text: str) -> Imported:
    """Add every row of a CSV (words,action,detail; a header row optional). Any bad row
    refuses the whole file, naming the rows. Caller commits."""
    rows = list(csv.reader(io.StringIO(text)))
    if rows and [c.strip().lower() for c in rows[0][:3]] == list(CSV_COLUMNS):
        rows = rows[1:]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise RuleError(_("The file has no rows to import."))
    if len(rows) > IMPORT_MAX_ROWS:
        raise RuleError(_("A file holds at most %(num)s rows.", num=format_number(IMPORT_MAX_ROWS)))
    problems, wanted = [], {}
    for number, row in enumerate(rows, start=1):
        words = normalise(_uncell(row[0])) if row else ""
        action_name = row[1].strip().lower() if len(row) > 1 else ""
        detail = _uncell(row[2].strip()) if len(row) > 2 else ""
        try:
            action = WatchAction(action_name)
        except ValueError:
            problems.append(
                _(
                    "row %(number)s: no action called “%(name)s”",
                    number=number,
                    name=action_name[:20],
                )
            )
            continue
        problem = rule_problem(words) or detail_problem(action, detail)
        if problem:
            problems.append(_("row %(number)s: %(problem)s", number=number, problem=problem))
            continue
        wanted[(words, action)] = detail
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise RuleError(
            ngettext(
                "Nothing was imported. Please fix %(num)s row: %(rows)s.",
                "Nothing was imported. Please fix %(num)s rows: %(rows)s.",
                len(problems),
                rows=shown,
            )
        )
    added = changed = unchanged = 0
    shipped = set(shipped_care_phrases())
    for (words, action), detail in wanted.items():
        rule = _existing(words, action)
        if rule is not None and not rule.retired and rule.detail == detail:
            unchanged += 1
            continue
        if rule is None and action == WatchAction.CARE and words in shipped:
            unchanged += 1
            continue
        if rule is None:
            rule = WatchedWord(words=words, action=action, created_by_id=moderator.id)
            db.session.add(rule)
            added += 1
        else:
            changed += 1
        rule.retired = False
        _set_detail(rule, detail)
    db.session.flush()
    if added or changed:
        log.record(
            moderator.id,
            "watch_import",
            TargetType.WATCHED_WORD,
            0,
            f"Imported watched words: {added} added, {changed} changed.",
        )
    forget_rules()
    return Imported(added, changed, unchanged)
