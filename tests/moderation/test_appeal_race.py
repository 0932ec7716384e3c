"""Appeals under a race: one decision is stored, and never the acting moderator's."""

import threading

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.errors import Conflict
from forum.extensions import db
from forum.moderation import services
from forum.moderation.appeals import services as appeals
from forum.moderation.models import Appeal, AppealOutcome, ModAction, TargetType
from forum.permissions import Role
from forum.timeutil import utcnow
from tests.factories import make_post, make_user


@pytest.fixture
def appealed(app):
    """A member's post hidden by steady-hands, and the member's appeal of it."""
    author = make_user("river-stone")
    acting = make_user("steady-hands", role=Role.MODERATOR)
    post = make_post(author=author)
    services.act_directly(acting, post, "hide", "It reads as an attack.")
    db.session.commit()
    action = db.session.scalar(sa.select(ModAction).where(ModAction.verb == "hide"))
    made = appeals.make_appeal(author, action, "It was not meant that way.")
    db.session.commit()
    return made.id, acting.id


def run_together(app, *work):
    """Run each piece of work in its own thread, app context and session, all at once."""
    ready = threading.Barrier(len(work), timeout=10)
    outcomes: dict[int, str] = {}

    def run(index, act):
        with app.app_context():
            try:
                act(ready)
                db.session.commit()
                outcomes[index] = "committed"
            except (Conflict, sa.exc.IntegrityError) as error:
                db.session.rollback()
                outcomes[index] = type(error).__name__
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, act)) for i, act in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def decision_by(moderator_id: int, appeal_id: int, outcome: AppealOutcome):
    def act(ready):
        appeal = db.session.get(Appeal, appeal_id)
        moderator = db.session.get(User, moderator_id)
        assert appeal.action is not None  # loaded while both still see it undecided
        ready.wait()
        appeals.decide_appeal(moderator, appeal, outcome, f"Decided: {outcome.value}.")

    return act


def test_two_moderators_deciding_at_once_store_one_decision(app, appealed):
    """Two other moderators decide the same appeal at the same moment: one decision stands,
    the other is told someone was first, and the log holds one outcome."""
    appeal_id, _ = appealed
    one = make_user("second-look", role=Role.MODERATOR).id
    two = make_user("third-eye", role=Role.MODERATOR).id
    outcomes = run_together(
        app,
        decision_by(one, appeal_id, AppealOutcome.UPHELD),
        decision_by(two, appeal_id, AppealOutcome.REVERSED),
    )
    assert sorted(outcomes.values()) == ["AlreadyDecided", "committed"]
    db.session.expire_all()
    stored = db.session.get(Appeal, appeal_id)
    winner = 0 if outcomes[0] == "committed" else 1
    assert stored.decided_by_id == (one, two)[winner]
    logged = db.session.scalars(
        sa.select(ModAction).where(ModAction.target_type == TargetType.APPEAL)
    ).all()
    assert [row.verb for row in logged] == [f"appeal_{stored.outcome.value}"]


def test_the_acting_moderator_racing_another_never_lands(app, appealed):
    """Even writing straight past the service, the moderator who acted cannot store a
    decision: only the other moderator's lands."""
    appeal_id, acting_id = appealed
    other = make_user("second-look", role=Role.MODERATOR).id

    def acting_writes_directly(ready):
        ready.wait()
        db.session.execute(
            sa.update(Appeal)
            .where(Appeal.id == appeal_id, Appeal.decided_at.is_(None))
            .values(decided_by_id=acting_id, decided_at=utcnow(), outcome=AppealOutcome.UPHELD)
        )

    outcomes = run_together(
        app, acting_writes_directly, decision_by(other, appeal_id, AppealOutcome.REVERSED)
    )
    assert outcomes[1] == "committed"
    assert outcomes[0] in ("IntegrityError", "committed")  # committed only when it matched no row
    db.session.expire_all()
    stored = db.session.get(Appeal, appeal_id)
    assert stored.decided_by_id == other and stored.outcome == AppealOutcome.REVERSED
