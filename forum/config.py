"""Configuration keys with their safe defaults; FORUM_* environment variables override them."""

from datetime import timedelta


class Config:
    # None outside tests means: read or generate instance/secret_key (never a default key).
    SECRET_KEY: str | None = None
    # Where the data lives; None means SQLite in the instance folder (instance/hearth.db).
    DATABASE_URL: str | None = None
    # Echo SQL to the log, for debugging queries.
    SQLALCHEMY_ECHO = False
    # The language for readers whose browser asks for none Hearth speaks (forum/i18n.py:
    # SUPPORTED_LOCALES); members and readers may choose another.
    DEFAULT_LOCALE = "en"
    # Posts shown on one page of a thread.
    POSTS_PER_PAGE = 25
    # Threads shown on one page of a board.
    THREADS_PER_PAGE = 30
    # Pages each worker keeps for signed-out readers (forum.boards.pagecache); 0 turns it off.
    PAGE_CACHE_SIZE = 200
    # Rendered pieces each worker keeps (post cards, a board's thread rows, a member's header
    # links), shared by every reader who sees one alike (forum/web/fragments.py), at most
    # this many and in at most FRAGMENT_CACHE_MB megabytes; 0 turns it off.
    FRAGMENT_CACHE_SIZE = 2000
    FRAGMENT_CACHE_MB = 8
    # Requests larger than this get the friendly 413 page (128 KiB).
    MAX_CONTENT_LENGTH = 128 * 1024
    # Folder of the Whoosh search index; None means instance/search-index.
    SEARCH_INDEX_DIR: str | None = None
    # The crisis lines the help page shows by country (a TOML file an admin edits); None
    # means instance/crisis-lines.toml, and without that file the lines Hearth ships.
    CRISIS_LINES_PATH: str | None = None
    # Search engine: "whoosh" (embedded) or "postgres" (only on PostgreSQL).
    SEARCH_BACKEND = "whoosh"
    # Index the outbox right after each commit; False leaves it to `flask search worker`.
    SEARCH_DRAIN_AFTER_COMMIT = True
    # The longest a request spends indexing after its commit; the rest waits for the next.
    SEARCH_DRAIN_SECONDS = 0.2
    # Reverse proxies in front of the app (nginx: 1) whose X-Forwarded-For, -Proto and -Host
    # headers are believed; 0 believes none (the app faces clients directly).
    PROXY_FIX_HOPS = 0
    # Set FORUM_HTTPS=1 behind TLS so cookies are only sent over HTTPS.
    HTTPS = False
    # CSRF tokens live as long as the session: a long story typed slowly must not fail.
    WTF_CSRF_TIME_LIMIT: int | None = None
    # Cookies: never readable from scripts, not sent on cross-site POSTs.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # "Remember me" keeps a member signed in for this long.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    # Where a suspended member can ask the moderators about it (an email address or a web
    # page), shown with the reason; None shows only their notices and the guidelines.
    MODERATORS_CONTACT: str | None = None
    # The weight of open reports (one member of ordinary trust and record counts 1; see
    # forum/moderation/weight.py) that hides a post until a moderator decides (0: never).
    AUTO_HIDE_REPORTS = 3
    # A moderator's redaction keeps the original text for the moderators only (True), or
    # keeps it nowhere at all (False): the words they took out are then gone for good.
    REDACTION_KEEP_ORIGINAL = True
    # Password hashing (werkzeug method string); scrypt is memory-hard.
    PASSWORD_HASH_METHOD = "scrypt"
    # Email (only the digests members ask for): an SMTP server; None sends nothing.
    MAIL_SERVER: str | None = None
    # SMTP always, the tests too (they send to a real local server): Flask-Mailman would
    # otherwise keep a testing app's mail in memory.
    MAIL_BACKEND = "smtp"
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Hearth <no-reply@localhost>"
    # The forum's address as members reach it, for the links in an email.
    SITE_URL = "http://127.0.0.1:5000"
    # Where "Leave quickly" (on every page, and Esc twice) takes a reader: a neutral page.
    QUICK_EXIT_URL = "https://www.bbc.com/weather"
    # Rate limits (forum/limits.py) on sign-in, sign-up and writing; off only in tests.
    RATE_LIMITS_ENABLED = True
    # Redis for state shared by every worker (rate-limit counts) and by the task workers of
    # every machine (the queue), e.g. redis://127.0.0.1:6379/0; None counts in each worker's
    # memory (one worker only) and keeps the queue in TASKS_SQLITE_PATH.
    REDIS_URL: str | None = None
    # Jobs (forum/tasks/) run at once in the process that queues them, with no worker: tests.
    TASKS_IMMEDIATE = False
    # The task queue's SQLite file when there is no Redis (None: instance/tasks.sqlite3).
    TASKS_SQLITE_PATH: str | None = None
    # The queue's name: forums that share one Redis each need their own.
    TASKS_QUEUE_NAME = "hearth"
    # Failed sign-ins into one pseudonym, from anywhere: slows password guessing.
    SIGNIN_LIMIT_PER_PSEUDONYM = "10 per 15 minutes"
    # Failed sign-ins from one client, whatever the pseudonym.
    SIGNIN_LIMIT_PER_CLIENT = "30 per 15 minutes"
    # Accounts created from one client.
    SIGNUP_LIMIT_PER_CLIENT = "5 per hour"
    # Threads and replies together that one member can post.
    POSTS_LIMIT_PER_MEMBER = "6 per minute"
    # Searches one member (or, signed out, one client) can run.
    SEARCH_LIMIT_PER_CLIENT = "30 per minute"
    # Private messages one member can send, and conversations they can start.
    MESSAGES_LIMIT_PER_MEMBER = "10 per minute"
    # Drafts one member can save (by the button, or by the page's script every few seconds
    # while they type: about 12 a minute for one form).
    DRAFTS_LIMIT_PER_MEMBER = "40 per minute"
    # (How many conversations a member may start in a day, and how many reports they may
    # send in an hour, go with their trust level: forum/trust/levels.py.)
    # New conversations with the moderator team one member can start (a suspended one too).
    TEAM_CONVERSATIONS_LIMIT_PER_MEMBER = "3 per day"
    # A member is shielded from private messages (but the moderators' and the greeters'
    # they replied to) for this many days, and until their first post is approved.
    NEWCOMER_SHIELD_DAYS = 30
    # A mentoring pairing lasts this many days, and each renewal (both must ask) as many more.
    MENTOR_PAIRING_DAYS = 30
    # Earned trust (forum/trust/): what a member must have done to reach each level. A
    # level, once earned, is kept; a moderator's action against a member (a post hidden or
    # removed, a warning, a suspension, a ban) lowers it by one for TRUST_LOWERED_DAYS.
    TRUST_MEMBER_DAYS = 3
    TRUST_MEMBER_THREADS_READ = 5
    TRUST_MEMBER_APPROVED_POSTS = 1
    TRUST_REGULAR_DAYS = 30
    TRUST_REGULAR_THREADS_READ = 30
    TRUST_REGULAR_APPROVED_REPLIES = 20
    TRUST_TRUSTED_DAYS = 180
    TRUST_TRUSTED_THREADS_READ = 100
    TRUST_TRUSTED_APPROVED_REPLIES = 100
    # No action against the member for this many days, to earn a level above new.
    TRUST_QUIET_DAYS = 60
    TRUST_LOWERED_DAYS = 30
    # A new member's posts wait for a moderator's approval until they earn the member level
    # (False: they appear at once; links stay for members and above either way).
    TRUST_NEW_POSTS_WAIT = True
    # Care for the moderators: after this many minutes in the queue without a break (20
    # minutes away), the queue suggests one (0: never).
    MODERATOR_BREAK_MINUTES = 45
