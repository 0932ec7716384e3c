"""In-app notices: what the moderators tell a member, and (later) replies, mentions, reactions."""
