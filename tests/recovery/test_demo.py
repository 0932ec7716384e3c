"""The demo forum shows counters: one beside a pseudonym, one with a slip, a milestone due."""

import sqlalchemy as sa

from demo import cli as demo_cli
from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post, PostStatus
from forum.recovery import queries
from forum.recovery.models import Counter, PostDay, Streak


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


def test_the_demo_posts_of_a_shown_counter_carry_the_day_they_were_written_on(
    app, client, runner, monkeypatch
):
    """Readers of the demo see days beside some pseudonyms, each the day that post was written."""
    monkeypatch.setattr(demo_cli, "THREADS", 20)
    assert runner.invoke(demo_cli.seed, ["demo"]).exit_code == 0
    dated = db.session.execute(
        sa.select(PostDay, Post, Counter).join(Post, Post.id == PostDay.post_id).join(Counter)
    ).all()
    assert dated
    for post_day, post, counter in dated:
        assert counter.is_shown and post.author_id == counter.user_id
        assert post_day.day == counter.day_at(post.created_at) > 0
    post_day, post, _ = next(row for row in dated if row[1].status == PostStatus.VISIBLE)
    page = client.get(f"/p/{post.id}", follow_redirects=True).get_data(as_text=True)
    assert f'<span class="day-count">Day {post_day.day}</span>' in page
