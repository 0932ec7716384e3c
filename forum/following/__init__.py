"""Staying in touch: following and muting threads, notices, unread markers, bookmarks."""
