"""Links every page makes: a thread's address carries its title as words."""

import re

from flask import url_for

from forum.posts.models import Thread


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def thread_url(thread: Thread, **kwargs) -> str:
    return url_for(
        "boards.thread",
        thread_id=thread.id,
        slug=slugify(thread.title) or None,
        **kwargs,
    )
