"""Peer moderation: reports, the review queue, actions with reasons and the append-only log."""
