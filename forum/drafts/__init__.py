"""Drafts kept on the server: a new thread, a reply or a message saved before it is sent."""
