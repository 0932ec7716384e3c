"""Times are stored as naive UTC datetimes, the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def iso_time(moment: datetime | None) -> str | None:
    """A stored UTC time as ISO 8601 ("2026-05-01T20:15:00Z"), for exports."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else None
