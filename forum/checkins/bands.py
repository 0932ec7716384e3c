"""The time-zone bands a check-in thread opens for, each in the morning of its own day.

Each band is read in one representative zone (its daylight saving included): the band's day
is that zone's date, and its thread is due from OPENS_AT there until the next morning.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import LazyString

from forum.i18n import lazy_gettext as _l

OPENS_AT = time(7, 0)


@dataclass(frozen=True)
class Band:
    key: str
    label: LazyString  # "morning in the Americas", as a thread's title says it
    time_zone: str

    def day_due(self, now: datetime) -> date:
        """The day whose check-in thread should be open at `now` (naive UTC)."""
        local = now.replace(tzinfo=UTC).astimezone(ZoneInfo(self.time_zone))
        return local.date() if local.time() >= OPENS_AT else local.date() - timedelta(days=1)


BANDS = (
    Band("asia-pacific", _l("morning in Asia and the Pacific"), "Asia/Shanghai"),
    Band("europe-africa", _l("morning in Europe and Africa"), "Europe/Berlin"),
    Band("americas", _l("morning in the Americas"), "America/Chicago"),
)
BY_KEY = {band.key: band for band in BANDS}
