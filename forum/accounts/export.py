"""A member's data export: everything Hearth keeps about them, each feature saying its part."""

from forum.accounts.models import User
from forum.blocks import queries as blocks
from forum.checkins import queries as checkins
from forum.conversations import queries as conversations
from forum.drafts import queries as drafts
from forum.following import queries as following
from forum.mentors import queries as mentors
from forum.moderation import queries as moderation
from forum.moderation.appeals import queries as appeals
from forum.notices import queries as notices
from forum.posts.queries import posts_for_export
from forum.reactions import queries as reactions
from forum.recovery import queries as recovery
from forum.recovery.journal import queries as journal
from forum.timeutil import iso_time
from forum.trust.levels import TrustLevel


def export_data(user: User) -> dict:
    """Profile, posts, reports made, counters, pledges, the journal, drafts, reactions given,
    bookmarks, follows, notices, conversations (the member's own messages in them), appeals
    and the moderators' notes about them."""
    return {
        "format": "hearth-export-1",
        "profile": {
            "pseudonym": user.pseudonym,
            "email": user.email,
            "role": user.role.value,
            "joined": iso_time(user.created_at),
            "suspended_until": iso_time(user.suspended_until),
            "content_note_preferences": user.note_prefs or {},
            "greeter": user.is_greeter,
            "show_day_counts": user.show_day_counts,
            "messages_from_replied_only": user.messages_from_replied_only,
            "digest": user.digest,
            "quiet_hours": [user.quiet_from, user.quiet_until],
            "time_zone": user.time_zone,
            "country_for_crisis_lines": user.country,
            "earned_trust": TrustLevel(user.trust_level or 0).name.lower(),
            "trust_held_until": iso_time(user.trust_lowered_until),
        },
        "posts": posts_for_export(user),
        "reports_made": moderation.reports_for_export(user),
        "moderator_notes_about_you": moderation.notes_for_export(user),
        "appeals": appeals.appeals_for_export(user),
        "counters": recovery.counters_for_export(user),
        "pledges": checkins.pledges_for_export(user),
        "journal": journal.entries_for_export(user),
        "drafts": drafts.drafts_for_export(user),
        "reactions_given": reactions.reactions_for_export(user),
        "bookmarks": following.bookmarks_for_export(user),
        "threads_followed_or_muted": following.follows_for_export(user),
        "notices": notices.notices_for_export(user),
        "conversations": conversations.conversations_for_export(user),
        "muted_or_blocked": blocks.for_export(user),
        "mentoring": mentors.for_export(user),
    }
