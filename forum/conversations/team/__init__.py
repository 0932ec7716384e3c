"""Conversations with the moderator team, as the team reads them."""
