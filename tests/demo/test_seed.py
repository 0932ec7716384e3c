"""`flask seed demo` and the invented text it writes."""

import random
import re

import pytest
import sqlalchemy as sa

from demo import cli as demo_cli
from demo import content
from demo.queue import NEWCOMER
from forum.accounts.models import User
from forum.accounts.names import pseudonym_problem
from forum.accounts.services import authenticate
from forum.boards.management import DEFAULT_BOARDS
from forum.checkins.models import CheckinThread
from forum.checkins.services import KEEPER, NO_PASSWORD
from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind, ThreadStatus
from forum.search.models import SearchOutbox
from forum.timeutil import utcnow

SLUGS = [slug for slug, _, _ in DEFAULT_BOARDS]


@pytest.fixture
def seeded(app, runner, monkeypatch):
    """Seed a smaller demo forum (the full one takes a few seconds) and return the output."""
    monkeypatch.setattr(demo_cli, "THREADS", 40)
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    result = runner.invoke(demo_cli.seed, ["demo"])
    assert result.exit_code == 0, result.output
    return result.output


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_demo_creates_members_boards_threads_and_replies(seeded):
    """A fresh forum gets the seven boards, about forty members and threads with replies."""
    # Besides the history: the pinned "Start here" thread, a newcomer's thread waiting in the
    # moderation queue (the newcomer is one extra member), and today's check-in threads
    # (opened by "Hearth", the other) with their replies.
    checkin_threads = _count(CheckinThread)
    checkin_posts = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Post)
        .join(Thread)
        .where(Thread.kind == ThreadKind.CHECKIN)
    )
    assert checkin_threads == 3 and checkin_posts > checkin_threads
    members = _count(User) - 2
    threads = _count(Thread) - 2 - checkin_threads
    posts = _count(Post) - 2 - checkin_posts
    assert f"Seeded {members} members, {threads} threads and {posts} posts." in seeded
    assert members == demo_cli.MEMBERS + 2
    assert threads == 40
    assert posts > threads
    assert set(db.session.scalars(sa.select(Board.slug))) == set(SLUGS)
    roles = dict(db.session.execute(sa.select(User.pseudonym, User.role)).all())
    assert roles["demo-admin"] == Role.ADMIN
    assert roles["demo-mod"] == Role.MODERATOR


def test_the_seed_says_what_it_is_doing_one_line_a_step(seeded):
    """A newcomer running `make run` sees each step of the seed as it goes, and its time."""
    steps = [line for line in seeded.splitlines() if line.startswith("  ")]
    assert len(steps) >= 6
    assert all(re.search(r" \.\.\. done \(\d+\.\d s\)$", line) for line in steps), steps
    assert any("members" in line for line in steps)
    assert any("40 threads" in line for line in steps)
    assert any("search index" in line for line in steps)


def test_the_demo_can_be_searched_as_soon_as_it_is_seeded(app, runner, client, monkeypatch):
    """Search finds the demo's posts from the first page view: the seed indexes all of them,
    even where the indexing after a commit runs out of time."""
    monkeypatch.setattr(demo_cli, "THREADS", 40)
    app.config["SEARCH_DRAIN_SECONDS"] = 0.0
    result = runner.invoke(demo_cli.seed, ["demo"])
    assert result.exit_code == 0, result.output
    assert _count(SearchOutbox) == 0
    page = client.get("/search", query_string={"q": "day"}).get_data(as_text=True)
    assert page.count('href="/p/') >= 10


def test_only_the_staff_accounts_pay_for_a_slow_password_hash(app, runner, monkeypatch):
    """The two accounts whose passwords are printed get the forum's own hash (scrypt); the
    invented members, whose random passwords nobody knows, a quick one."""
    monkeypatch.setattr(demo_cli, "THREADS", 5)
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    result = runner.invoke(demo_cli.seed, ["demo"])
    assert result.exit_code == 0, result.output
    hashes = dict(db.session.execute(sa.select(User.pseudonym, User.password_hash)).all())
    assert hashes.pop("demo-admin").startswith("scrypt:")
    assert hashes.pop("demo-mod").startswith("scrypt:")
    hashes.pop(NEWCOMER)  # the newcomer signs up as anyone would
    assert hashes.pop(KEEPER) == NO_PASSWORD  # the check-ins' account, which nobody signs in as
    assert hashes and all(h.startswith("pbkdf2:") for h in hashes.values())
    password = re.search(r"^demo-admin +password: (\S+)$", result.output, re.MULTILINE).group(1)
    assert authenticate("demo-admin", password) is not None
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"


def test_the_demo_moderators_find_a_queue_with_a_care_report_first(seeded):
    """demo-mod opens the queue to a care report, other reports and a newcomer waiting."""
    from forum.moderation.models import ItemKind
    from forum.moderation.queries import queue

    items = queue().items
    assert "The moderation queue holds" in seeded
    assert items[0].has_care
    assert any(item.kind == ItemKind.PENDING for item in items)
    assert len(items) >= 4


def test_the_demo_shows_reactions_content_notes_and_a_start_here_thread(seeded):
    """Newcomers to the demo see support in action, not only text."""
    from forum.reactions.models import Reaction

    assert _count(Reaction) > 20
    assert db.session.scalar(sa.select(sa.func.count()).where(Post.content_note.is_not(None))) > 0
    featured = db.session.scalar(sa.select(Thread).where(Thread.is_featured.is_(True)))
    assert featured.is_pinned and featured.title.startswith("Start here")


def test_the_printed_staff_passwords_sign_in(seeded):
    """The admin and moderator can sign in with the passwords shown once on the terminal."""
    for name in ("demo-admin", "demo-mod"):
        password = re.search(rf"^{name} +password: (\S+)$", seeded, re.MULTILINE).group(1)
        assert authenticate(name, password) is not None


def test_seed_demo_a_second_time_changes_nothing(seeded, runner):
    """Running the seeder again says the content is there and adds nothing."""
    before = (_count(User), _count(Thread), _count(Post))
    result = runner.invoke(demo_cli.seed, ["demo"])
    assert result.exit_code == 0, result.output
    assert "already there" in result.output
    assert "password" not in result.output
    assert (_count(User), _count(Thread), _count(Post)) == before


def test_seeded_history_runs_forward_in_time(seeded):
    """Members join before they write, replies follow the post they answer, nothing is future."""
    now = utcnow()
    for thread in db.session.scalars(sa.select(Thread)):
        posts = db.session.scalars(
            sa.select(Post).where(Post.thread_id == thread.id).order_by(Post.id)
        ).all()
        times = [post.created_at for post in posts]
        assert times == sorted(times)
        assert posts[0].is_opening and thread.created_at == times[0]
        assert thread.last_activity_at == times[-1] <= now
        assert thread.post_count == len([p for p in posts if p.status == PostStatus.VISIBLE])
        assert (thread.kind == ThreadKind.MILESTONE) == (thread.board.slug == "milestones")
        by_id = {post.id: post for post in posts}
        for post in posts:
            assert post.author.created_at < post.created_at
            if post.parent_id is not None:
                assert by_id[post.parent_id].created_at <= post.created_at
    oldest = db.session.scalar(sa.select(sa.func.min(Thread.created_at)))
    assert (now - oldest).days > 30


def test_board_counters_match_the_seeded_rows(seeded):
    """Each board's thread and post counts agree with what is stored."""
    for board in db.session.scalars(sa.select(Board)):
        threads = db.session.scalars(
            sa.select(Thread).where(
                Thread.board_id == board.id, Thread.status == ThreadStatus.VISIBLE
            )
        ).all()
        assert board.thread_count == len(threads)
        assert board.post_count == sum(t.post_count for t in threads)


# --- the generator, without a database ---------------------------------------------------


def test_the_same_seed_writes_the_same_text():
    """A benchmark seeded twice gets the same titles, bodies and names."""

    def sample(seed):
        rng = random.Random(seed)
        return [content.thread(rng, slug) for slug in SLUGS] + content.pseudonyms(rng, 10)

    assert sample(5) == sample(5)
    assert sample(5) != sample(6)


def test_every_board_has_titles_and_bodies():
    """Each default board gets titles and bodies of its own."""
    rng = random.Random(1)
    for slug in SLUGS:
        assert 3 <= len(content.title(rng, slug)) <= 150
        assert content.body(rng, 20, 60, board_slug=slug)
        assert content.reply_body(rng, 5, 40, board_slug=slug)


def test_generated_pseudonyms_pass_the_sign_up_rules():
    """Every invented pseudonym is one a person could have chosen at sign-up."""
    names = content.pseudonyms(random.Random(2), 500)
    assert len({name.casefold() for name in names}) == 500
    assert [name for name in names if pseudonym_problem(name)] == []


@pytest.mark.parametrize(("low", "high"), [(20, 400), (20, 60), (150, 200)])
def test_bodies_keep_within_the_asked_length(low, high):
    """Opening posts stay between the smallest and largest number of words asked for."""
    rng = random.Random(3)
    for _ in range(200):
        words = len(content.body(rng, low, high).split())
        assert low <= words <= high


def test_the_text_gives_search_something_to_find():
    """The words people search for in a recovery forum turn up in the generated posts."""
    rng = random.Random(4)
    text = " ".join(content.body(rng, 100, 400, board_slug=s) for s in SLUGS * 60).lower()
    for phrase in ("first week", "withdrawal shakes", "cravings", "relapse", "90 days", "halt"):
        assert phrase in text


def test_milestone_threads_carry_their_badges(seeded):
    """A demo milestone titled "90 days ..." shows the badge "90 days" beside its title."""
    badges = db.session.scalars(
        sa.select(Thread.badge).where(
            Thread.kind == ThreadKind.MILESTONE, Thread.badge.is_not(None)
        )
    ).all()
    assert badges
    assert all(
        b.split()[0].isdigit() and b.split()[1] in ("day", "days", "year", "years") for b in badges
    )


def test_the_demo_shows_a_few_mentors(seeded):
    """A newcomer asking for a mentor in the demo finds regulars who offered."""
    from forum.mentors.models import MentorOffer
    from forum.permissions import can_mentor

    offers = list(db.session.scalars(sa.select(MentorOffer)))
    assert len(offers) == 4
    assert all(can_mentor(offer.user) and offer.note_html for offer in offers)
    assert KEEPER not in {offer.user.pseudonym for offer in offers}
    assert f"{len(offers)} regulars offer to mentor" in seeded
