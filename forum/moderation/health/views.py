"""The community health page (/mod/health): the figures week by week, charts and tables;
for admins, the load per moderator. The moderators' area guard keeps everyone else out."""

from flask import Blueprint, render_template, request
from flask_babel import format_percent
from flask_login import current_user

from forum.moderation.health import figures
from forum.moderation.health.charts import health_charts
from forum.moderation.health.weeks import span
from forum.permissions import can_administer

bp = Blueprint("health", __name__, url_prefix="/health")

WEEK_CHOICES = (4, 8, 12, 26)
DEFAULT_WEEKS = 8


@bp.get("")
def index():
    weeks = request.args.get("weeks", DEFAULT_WEEKS, type=int)
    if weeks not in WEEK_CHOICES:
        weeks = DEFAULT_WEEKS
    found = figures.weekly(weeks)
    admin = can_administer(current_user)
    return render_template(
        "moderation/health.html",
        figures=found,
        charts=health_charts(found),
        waiting=figures.care_waiting_now(),
        load=figures.load_per_moderator() if admin else None,
        weeks=weeks,
        choices=WEEK_CHOICES,
        span=span,
        # The share the tables' "90% within" columns count (figures' percentile 90).
        ninety=format_percent(0.9),
    )
