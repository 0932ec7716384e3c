"""Quiet, discreet notifications: an optional email digest (daily or weekly) that says only
that there is something new, and quiet hours with no email and no unread counts."""
