"""The content core: boards, threads, posts, who may see them, and how their states change."""
