"""The demo forum shows counters: one beside a pseudonym, one with a slip, a milestone due."""

import sqlalchemy as sa

from demo import cli as demo_cli
from forum.accounts.models import User
from forum.extensions import db
from forum.recovery import queries
from forum.recovery.models import Counter, Streak


def test_the_demo_has_counters_a_slip_and_a_30_day_offer_for_the_admin(app, runner, monkeypatch):
    """demo-admin finds "30 days" waiting on My recovery; others show or keep their counters."""
    monkeypatch.setattr(demo_cli, "THREADS", 20)
    assert runner.invoke(demo_cli.seed, ["demo"]).exit_code == 0
    counters = db.session.scalars(sa.select(Counter)).all()
    assert len(counters) >= 4
    assert any(c.is_shown for c in counters) and not all(c.is_shown for c in counters)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Streak)) >= 1
    admin = db.session.scalar(sa.select(User).where(User.pseudonym == "demo-admin"))
    (summary,) = queries.summaries_for(admin)
    assert summary.streak_days == 30 and summary.offers == [30]
