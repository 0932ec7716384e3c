"""What a report weighs toward hiding a post before a moderator looks: brand-new accounts
count half (three fresh accounts can't silence someone), regulars and trusted members more,
and a member's record of upheld or dismissed reports moves it between half and one and a half."""

import pytest

from forum.extensions import db
from forum.moderation import services
from forum.moderation.weight import record_factor, report_weights
from forum.permissions import Role
from forum.posts.models import PostStatus
from forum.trust.levels import TrustLevel
from tests.factories import make_post, make_user
from tests.moderation.helpers import item_for, report


def _reported_by(*reporters):
    post = make_post(body="Words someone found hurtful.")
    for reporter in reporters:
        report(post, reporter=reporter)
    db.session.refresh(post)
    return post


def test_three_brand_new_accounts_do_not_hide_a_post_by_themselves(app):
    post = _reported_by(*(make_user(trust_level=TrustLevel.NEW) for _ in range(3)))
    assert post.status == PostStatus.VISIBLE
    assert item_for(post).reporter_count == 3  # the queue still shows every report


@pytest.mark.parametrize(
    ("levels", "hidden"),
    [
        ([TrustLevel.MEMBER] * 3, True),
        ([TrustLevel.NEW] * 6, True),
        ([TrustLevel.TRUSTED] * 2, True),
        ([TrustLevel.REGULAR] * 2, False),
    ],
)
def test_the_weights_add_up_to_the_threshold(app, levels, hidden):
    post = _reported_by(*(make_user(trust_level=level) for level in levels))
    assert (post.status == PostStatus.HIDDEN) is hidden


def _with_record(upheld: int, dismissed: int):
    """A member whose earlier reports the moderators decided so."""
    member = make_user(trust_level=TrustLevel.MEMBER)
    moderator = make_user(role=Role.MODERATOR)
    for verdict, count in (("hide", upheld), ("no_action", dismissed)):
        for _ in range(count):
            post = make_post()
            report(post, reporter=member)
            services.decide(moderator, item_for(post), verdict, "Looked at it.")
            db.session.commit()
    return member


def test_a_record_of_upheld_reports_counts_more_and_dismissed_ones_less(app):
    sharp, noisy = _with_record(upheld=4, dismissed=0), _with_record(upheld=0, dismissed=4)
    weights = report_weights([sharp.id, noisy.id])
    assert weights[sharp.id] == pytest.approx(1.5) and weights[noisy.id] == pytest.approx(0.5)
    # Two members whose reports were upheld hide a post together; two who were dismissed don't.
    assert _reported_by(sharp, _with_record(upheld=3, dismissed=0)).status == PostStatus.HIDDEN
    assert _reported_by(noisy, _with_record(upheld=0, dismissed=3)).status == PostStatus.VISIBLE


def test_a_record_counts_only_once_a_few_reports_are_decided(app):
    assert record_factor(upheld=0, decided=2) == 1.0
    assert record_factor(upheld=1, decided=4) == pytest.approx(0.75)
