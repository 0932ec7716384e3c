"""What the content core announces, for the features that follow posts (notices, search).

Receivers run in the sender's transaction, before it commits; create_app connects them, in
one list. Each signal's sender is the post (or, for a bulk change, None with `where`).
"""

from blinker import Namespace

_signals = Namespace()

# A post was stored (a new thread's opening post, or a reply), whatever its status.
post_created = _signals.signal("post-created")
# A post's status changed; `was` is the status it had.
post_status_changed = _signals.signal("post-status-changed")
# A bulk UPDATE is about to change the posts matching `where` (the session's flush events
# don't see bulk statements): whoever keeps copies of posts hears it first.
posts_changing_in_bulk = _signals.signal("posts-changing-in-bulk")
# A post's words were replaced (its author's edit, or a moderator's redaction): whoever keeps
# them rendered lets go of the old ones.
post_rewritten = _signals.signal("post-rewritten")
# The moderators took words out of a post or out of one of its earlier versions: whoever
# keeps copies of its words must let go of the old ones too (search's index keeps the words
# of replaced versions until it rewrites them).
post_redacted = _signals.signal("post-redacted")
# A member blocked another: the sender is the member blocked, `by` the blocker's id. Counts
# only; whoever listens never learns more than that a block was made.
member_blocked = _signals.signal("member-blocked")
# A moderator acted against a member (a post hidden or removed, a warning, a suspension, a
# ban): the sender is the member's id. Earned trust listens.
member_sanctioned = _signals.signal("member-sanctioned")
# A moderator's action against a member was reversed on appeal: the sender is the member's
# id. Earned trust listens (the hold that action put on the member's level may lift).
member_cleared = _signals.signal("member-cleared")
# A member is deleting their account, just before it goes: the sender is the member. Features
# that tie two members together (a mentoring pairing) tell the other side, naming nobody.
member_leaving = _signals.signal("member-leaving")
