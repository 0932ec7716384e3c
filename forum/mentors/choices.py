"""The fixed lists a mentor offer and a request are matched on, in members' words."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from forum.i18n import lazy_gettext as _l

# What a mentor can speak to, and what a member may ask for.
SUBSTANCES = {
    "alcohol": _l("Alcohol"),
    "opioids": _l("Opioids"),
    "stimulants": _l("Stimulants (cocaine, meth)"),
    "cannabis": _l("Cannabis"),
    "benzodiazepines": _l("Benzodiazepines"),
    "nicotine": _l("Nicotine"),
    "other": _l("Something else"),
}
PATHS = {
    "twelve-step": _l("12-step"),
    "smart": _l("SMART Recovery"),
    "secular": _l("A secular group"),
    "medication": _l("Medication-assisted"),
    "harm-reduction": _l("Harm reduction"),
    "own": _l("On my own"),
}
# Where in the world a mentor answers from: the same three bands the check-ins open in.
BANDS = {
    "asia-pacific": _l("Asia and the Pacific"),
    "europe-africa": _l("Europe and Africa"),
    "americas": _l("The Americas"),
}
HOW_OFTEN = {
    "daily": _l("Most days"),
    "few-days": _l("Every few days"),
    "weekly": _l("About once a week"),
}
MAX_MENTEES = 3
NOTE_MAX = 600


def band_of_time_zone(time_zone: str, now: datetime | None = None) -> str:
    """The band a time zone falls in, by its offset from UTC today."""
    moment = (now or datetime.now(UTC)).replace(tzinfo=UTC)
    offset = moment.astimezone(ZoneInfo(time_zone)).utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0
    if hours >= 4.5:
        return "asia-pacific"
    if hours >= -2:
        return "europe-africa"
    return "americas"
