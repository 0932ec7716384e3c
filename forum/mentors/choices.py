"""The fixed lists a mentor offer and a request are matched on, in members' words."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# What a mentor can speak to, and what a member may ask for.
SUBSTANCES = {
    "alcohol": "Alcohol",
    "opioids": "Opioids",
    "stimulants": "Stimulants (cocaine, meth)",
    "cannabis": "Cannabis",
    "benzodiazepines": "Benzodiazepines",
    "nicotine": "Nicotine",
    "other": "Something else",
}
PATHS = {
    "twelve-step": "12-step",
    "smart": "SMART Recovery",
    "secular": "A secular group",
    "medication": "Medication-assisted",
    "harm-reduction": "Harm reduction",
    "own": "On my own",
}
# Where in the world a mentor answers from: the same three bands the check-ins open in.
BANDS = {
    "asia-pacific": "Asia and the Pacific",
    "europe-africa": "Europe and Africa",
    "americas": "The Americas",
}
HOW_OFTEN = {
    "daily": "Most days",
    "few-days": "Every few days",
    "weekly": "About once a week",
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
