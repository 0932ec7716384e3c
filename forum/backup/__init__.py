"""Backups of a SQLite forum: the database and its search index, copied while it runs."""
