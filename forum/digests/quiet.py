"""Quiet hours: from `quiet_from` o'clock to `quiet_until` o'clock in the member's own time
zone (across midnight when `quiet_from` is the later hour). Pure: no query."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from forum.timeutil import utcnow


def local_hour(member, now: datetime | None = None) -> int:
    moment = (now or utcnow()).replace(tzinfo=UTC)
    try:
        zone = ZoneInfo(member.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).hour


def in_quiet_hours(member, now: datetime | None = None) -> bool:
    start, end = getattr(member, "quiet_from", None), getattr(member, "quiet_until", None)
    if start is None or end is None or start == end:
        return False
    hour = local_hour(member, now)
    return start <= hour < end if start < end else hour >= start or hour < end
