"""`flask stats`: the community health figures as a table, for admins at a terminal."""

import click

from forum.moderation.health import figures
from forum.moderation.health.weeks import span

# (heading, width, the figure as text)
COLUMNS = (
    ("week of", 8, lambda f: f.week.start.strftime("%Y-%m-%d")),
    ("first threads", 6, lambda f: str(f.first_threads)),
    ("reply median", 13, lambda f: span(f.first_reply_median)),
    ("reply p90", 13, lambda f: span(f.first_reply_p90)),
    ("unanswered", 10, lambda f: _share(f.unanswered_share)),
    ("care reports", 6, lambda f: str(f.care_reports)),
    ("care median", 13, lambda f: span(f.care_action_median)),
    ("care p90", 13, lambda f: span(f.care_action_p90)),
    ("care waiting", 7, lambda f: str(f.care_waiting)),
    ("queue open", 6, lambda f: str(f.queue_open)),
    ("queue oldest", 13, lambda f: span(f.queue_age_oldest)),
    ("settled", 7, lambda f: str(f.decided)),
    ("per moderator", 6, lambda f: "–" if f.per_moderator is None else f"{f.per_moderator:.1f}"),
    ("upheld", 6, lambda f: str(f.upheld)),
    ("dismissed", 9, lambda f: str(f.dismissed)),
)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@click.command("stats")
@click.option("--weeks", default=8, show_default=True, type=click.IntRange(1, 104))
def stats(weeks: int) -> None:
    """Community health, week by week (UTC, Monday to Sunday; no names)."""
    found = figures.weekly(weeks)
    widths = [max(width, len(heading)) for heading, width, _ in COLUMNS]
    click.echo("  ".join(h.ljust(w) for (h, _, _), w in zip(COLUMNS, widths, strict=True)))
    for week in found:
        cells = [shown(week) for _, _, shown in COLUMNS]
        click.echo("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    count, oldest = figures.care_waiting_now()
    click.echo(f"Care reports nobody has acted on yet: {count} (oldest waiting {span(oldest)}).")
