"""Muting and blocking members: shutting someone out, silently."""
