"""Small bar charts drawn on the server as SVG: the geometry here, the markup in
templates/moderation/_chart.html (escaped by Jinja), no script and nothing from another host.
Every chart has a table beside it with the same figures, for screen readers and for print."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from forum.moderation.health.weeks import span

WIDTH, HEIGHT = 320, 130
PLOT_TOP, PLOT_BOTTOM = 8, 108  # the bars stand on PLOT_BOTTOM; week names sit below
LABELS_AT = 124
MOST_LABELS = 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # 0, 1, ...: the CSS class that colours it
    title: str  # "24 Nov: 3 h 5 min", the bar's tooltip


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str  # one sentence for the chart's accessible name
    bars: list[Bar]
    labels: list[tuple[float, str]]  # (x, week name) under the bars
    legend: list[str]  # series names, when there is more than one
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = PLOT_BOTTOM
    label_y: int = LABELS_AT


def bar_chart(
    key: str,
    title: str,
    weeks: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    shown: Callable[[float | None], str],
) -> Chart:
    """Bars for each week, one per series side by side, scaled to the largest value. A week
    with no figure (None) draws no bar, which is not the same as a zero."""
    count = max(len(weeks), 1)
    slot = WIDTH / count
    bar_width = slot * 0.7 / max(len(series), 1)
    top = max((v for _, values in series for v in values if v is not None), default=0) or 1
    bars = []
    for index, (name, values) in enumerate(series):
        for week, (label, value) in enumerate(zip(weeks, values, strict=True)):
            if value is None:
                continue
            height = (PLOT_BOTTOM - PLOT_TOP) * value / top
            x = week * slot + slot * 0.15 + index * bar_width
            prefix = f"{label}, {name}" if len(series) > 1 else label
            bars.append(
                Bar(
                    round(x, 1),
                    round(PLOT_BOTTOM - height, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    index,
                    f"{prefix}: {shown(value)}",
                )
            )
    every = max(1, -(-count // MOST_LABELS))  # ceil: at most MOST_LABELS names fit
    labels = [(round(i * slot + slot / 2, 1), w) for i, w in enumerate(weeks) if i % every == 0]
    return Chart(
        key,
        title,
        _summary(title, weeks, series, shown),
        bars,
        labels,
        [name for name, _ in series] if len(series) > 1 else [],
    )


def _summary(title, weeks, series, shown) -> str:
    parts = []
    for name, values in series:
        latest = values[-1] if values else None
        known = [v for v in values if v is not None]
        if known:
            part = _(
                "this week %(latest)s, highest %(highest)s",
                latest=shown(latest),
                highest=shown(max(known)),
            )
        else:
            part = _("this week %(latest)s", latest=shown(latest))
        parts.append(f"{name}: {part}" if len(series) > 1 else part)
    return _(
        "%(title)s, week by week since %(week)s: %(figures)s.",
        title=title,
        week=weeks[0],
        figures="; ".join(parts),
    )


def _percent(value: float | None) -> str:
    return "–" if value is None else format_percent(round(value, 2))


def _count(value: float | None) -> str:
    return "–" if value is None else format_decimal(round(value, 1))


def health_charts(figures) -> list[Chart]:
    """The health page's six charts, from `figures.weekly()`."""
    weeks = [f.week.label for f in figures]

    def chart(key, title, shown, *series):
        return bar_chart(key, title, weeks, series, shown)

    return [
        chart(
            "first-reply",
            _("Time to a first reply, newcomers' first threads (median)"),
            span,
            (_("median"), [f.first_reply_median for f in figures]),
        ),
        chart(
            "unanswered",
            _("Newcomers' first threads nobody has answered"),
            _percent,
            (_("share"), [f.unanswered_share for f in figures]),
        ),
        chart(
            "care-action",
            _("Time from a care report to a moderator's first action (median)"),
            span,
            (_("median"), [f.care_action_median for f in figures]),
        ),
        chart(
            "queue-age",
            _("Oldest item in the queue at the week's end"),
            span,
            (_("oldest"), [f.queue_age_oldest for f in figures]),
        ),
        chart(
            "per-moderator",
            _("Items settled per moderator"),
            _count,
            (_("per moderator"), [f.per_moderator for f in figures]),
        ),
        chart(
            "outcomes",
            _("Reports upheld and dismissed"),
            _count,
            (_("upheld"), [f.upheld for f in figures]),
            (_("dismissed"), [f.dismissed for f in figures]),
        ),
    ]
