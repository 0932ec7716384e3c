"""Reactions: quiet ways to say "I hear you". No downvotes, no karma, no leaderboards."""
