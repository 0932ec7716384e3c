"""Helpers for recovery tests: a counter made through the service, dated as a test needs."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.recovery import services
from forum.recovery.models import Counter, local_today


def make_counter(
    member,
    started_on: date,
    label: str = "alcohol",
    time_zone: str = "UTC",
    show: bool = False,
    added_at: datetime | None = None,
) -> Counter:
    """A counter as the member would add it; `added_at` backdates when it was added."""
    counter = services.add_counter(member, label, started_on, time_zone, show, today=date.max)
    if added_at is not None:
        counter.created_at = added_at
    db.session.commit()
    return counter


def days_ago(days: int) -> date:
    return local_today("UTC") - timedelta(days=days)


def count_rows(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))
