"""A small forum with one member of each kind and one of everything a URL can point at."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from forum.accounts.models import User
from forum.conversations.store import create_conversation, create_message
from forum.digests.services import unsubscribe_token
from forum.drafts import services as drafts
from forum.drafts.models import DraftKind
from forum.extensions import db
from forum.following import services as following
from forum.mentors.models import MentorOffer, Pairing
from forum.moderation import actions
from forum.moderation.appeals import services as appeals
from forum.moderation.models import ModAction, Reason
from forum.moderation.watched import services as watched
from forum.moderation.watched.models import WatchAction
from forum.notices.models import NoticeKind
from forum.notices.services import notify
from forum.permissions import Role
from forum.posts.models import PostRevision
from forum.recovery.journal import services as journal
from forum.recovery.queries import MILESTONES_BOARD, milestones_board
from tests.factories import make_board, make_post, make_thread, make_user
from tests.moderation.helpers import item_for, report
from tests.recovery.helpers import make_counter

ROLES = ("anonymous", "member", "author", "other", "suspended", "moderator", "admin")


@dataclass
class World:
    users: dict[str, User | None]
    values: dict[str, object] = field(default_factory=dict)

    def url(self, rule: str) -> str:
        """The rule with each <converter:name> filled from this world's objects."""
        url = rule
        while "<" in url:
            start = url.index("<")
            end = url.index(">", start)
            name = url[start + 1 : end].rsplit(":", 1)[-1]
            url = url[:start] + str(self.values[name]) + url[end + 1 :]
        return url


def build_world(tag: str = "") -> World:
    """Board, thread and reply by `author`, reported by `other`, with a counter, notice,
    bookmark, draft and journal entry of the author's, `other`'s offer to mentor and their
    pairing as the author's mentor, the author's conversation with
    `other`, and two of the author's posts hidden by a moderator, the second appealed; `tag`
    keeps names unique when several worlds share a database."""
    users = {
        "anonymous": None,
        "member": make_user(f"newcomer{tag}"),
        "author": make_user(f"author{tag}"),
        "other": make_user(f"other{tag}"),
        "suspended": make_user(
            f"paused{tag}",
            suspended_until=datetime.now(UTC).replace(tzinfo=None) + timedelta(days=3),
            suspension_reason="Cooling off.",
        ),
        "moderator": make_user(f"steward{tag}", role=Role.MODERATOR),
        "admin": make_user(f"keeper{tag}", role=Role.ADMIN),
    }
    author, other = users["author"], users["other"]
    if milestones_board() is None:
        make_board("Milestones", MILESTONES_BOARD)
    board = make_board(slug=f"board{tag}x")
    thread = make_thread(author, board, title="Ninety days and counting")
    make_post(thread, other, body="So proud of you.")
    post = make_post(thread, author, body="Thank you, truly.")
    report(post, Reason.HARASSMENT, reporter=other, note="Just checking.")
    # An earlier version of that post, for its history and the moderators' redaction of it.
    revision = PostRevision(
        post_id=post.id,
        body_source="Thanks.",
        body_html="<p>Thanks.</p>",
        written_at=post.created_at,
    )
    db.session.add(revision)
    counter = make_counter(author, date.today() - timedelta(days=10))
    notice = notify(author.id, NoticeKind.REPLY, "A reply", "Someone answered.", "/")
    following.toggle_bookmark(author, post)
    conversation = create_conversation(author, [other])
    create_message(author, conversation, "Just between the two of us.")
    # Two of the author's posts hidden by a moderator outside the world: one appealed.
    acting = make_user(f"acted{tag}", role=Role.MODERATOR)
    hides = []
    for words in ("A first hidden reply.", "A second hidden reply."):
        hidden = make_post(thread, author, body=words)
        actions.act_on_post(acting, hidden, "hide", "An attack on another member.")
        hides.append(db.session.scalar(db.select(ModAction).order_by(ModAction.id.desc())))
    appeal = appeals.make_appeal(author, hides[1], "Please look again.")
    rule = watched.add_rule(acting, f"grumble{tag}", WatchAction.FLAG)
    place = drafts.Place(DraftKind.REPLY, thread=thread)
    draft = drafts.save_draft(author, place, drafts.DraftText("Not ready to send this."))
    entry = journal.write_entry(author, "A quiet evening, for once.", "calm")
    # `other` offers to mentor and mentors the author.
    offer = MentorOffer(
        user_id=other.id,
        note_source="I listen.",
        note_html="<p>I listen.</p>",
        how_often="weekly",
        substances=["alcohol"],
        paths=["smart"],
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    pairing = Pairing(mentor_id=other.id, mentee_id=author.id, slot=1, ends_at=now + timedelta(30))
    db.session.add_all([offer, pairing])
    db.session.commit()
    values = {
        "post_id": post.id,
        "thread_id": thread.id,
        "slug": board.slug,
        "board_id": board.id,
        "counter_id": counter.id,
        "days": 7,
        "item_id": item_for(post).id,
        "member_id": author.id,
        "notice_id": notice.id,
        "conversation_id": conversation.id,
        "action_id": hides[0].id,
        "appeal_id": appeal.id,
        "rule_id": rule.id,
        "key": "low-mood",  # a practice example of the moderators' care page
        "revision_id": revision.id,
        "draft_id": draft.id,
        "entry_id": entry.id,
        "offer_id": offer.id,
        "pairing_id": pairing.id,
        "kind": "hear_you",
        "choice": "follow",
        "direction": "up",
        "pseudonym": author.pseudonym,
        "filename": "css/hearth.css",
        "token": unsubscribe_token(author),  # the author's digest unsubscribe link
    }
    return World(users, values)
