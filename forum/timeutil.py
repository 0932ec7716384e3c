"""Times are stored as naive UTC datetimes, the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
