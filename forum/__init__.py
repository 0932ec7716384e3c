"""Hearth: the application factory, which wires configuration, extensions and blueprints."""

import os
import secrets
from pathlib import Path

from flask import Flask
from flask_login import user_logged_in

from forum import cli, errors, extensions, header, i18n
from forum.accounts import language as accounts_language
from forum.accounts import views as accounts_views
from forum.blocks import views as blocks_views
from forum.boards import admin as boards_admin
from forum.boards import cards
from forum.boards import views as boards_views
from forum.checkins import views as checkins_views
from forum.config import Config
from forum.conversations import views as conversations_views
from forum.digests import mail as digests_mail
from forum.digests import views as digests_views
from forum.drafts import views as drafts_views
from forum.following import services as following
from forum.following import views as following_views
from forum.health import bp as health_bp
from forum.mentors import services as mentors
from forum.mentors import views as mentors_views
from forum.moderation import blocked as moderation_blocked
from forum.moderation import reporting as moderation_reporting
from forum.moderation import views as moderation_views
from forum.notices import views as notices_views
from forum.posts import signals
from forum.reactions import views as reactions_views
from forum.recovery import services as recovery
from forum.recovery import views as recovery_views
from forum.recovery.journal import views as journal_views
from forum.search import engine as search_engine
from forum.search import sync as search_sync
from forum.search import views as search_views
from forum.support import views as support_views
from forum.tasks import jobs as tasks
from forum.trust import services as trust
from forum.web import guards, jinja, limits, pagecache, private, security

BLUEPRINTS = (
    health_bp,
    accounts_views.bp,
    accounts_language.bp,
    boards_views.bp,
    boards_admin.admin_bp,
    moderation_views.bp,
    moderation_reporting.bp,
    notices_views.bp,
    conversations_views.bp,
    reactions_views.bp,
    recovery_views.bp,
    checkins_views.bp,
    digests_views.bp,
    journal_views.bp,
    drafts_views.bp,
    mentors_views.bp,
    following_views.bp,
    blocks_views.bp,
    support_views.bp,
    search_views.bp,
)

# Who hears what the content core announces (forum.posts.signals), in one list.
SUBSCRIPTIONS = (
    (signals.post_created, following.on_post_created),
    (signals.post_created, recovery.on_post_created),
    (signals.post_status_changed, following.on_post_status_changed),
    (signals.post_status_changed, trust.on_post_status_changed),
    (signals.post_status_changed, cards.on_post_changed),
    (signals.post_rewritten, cards.on_post_changed),
    (signals.posts_changing_in_bulk, cards.on_posts_changing_in_bulk),
    (signals.posts_changing_in_bulk, search_sync.on_posts_changing_in_bulk),
    (signals.post_redacted, search_sync.on_post_redacted),
    (signals.member_blocked, moderation_blocked.on_member_blocked),
    (signals.member_blocked, mentors.on_member_blocked),
    (signals.member_leaving, mentors.on_member_leaving),
    (signals.member_sanctioned, trust.on_member_sanctioned),
    (signals.member_cleared, trust.on_member_cleared),
    (user_logged_in, trust.on_signed_in),
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the forum: Config, then instance/config.py, then FORUM_* variables, then tests."""
    # The instance folder holds the database, the secret key and the search index.
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "FORUM_INSTANCE_PATH"
    )
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object(Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("FORUM")
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _finish_config(app)

    security.register_input_guards(app)  # first, so that its check runs before any other
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=_migrations_dir())
    extensions.login_manager.init_app(app)
    extensions.csrf.init_app(app)
    i18n.init_i18n(app)
    guards.init_guards(app)
    header.init_header(app)

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    search_engine.check_backend(app)
    # After the blueprints, so that CSRF and the suspension guard answer before a count.
    limits.init_limits(app)
    _subscribe()
    tasks.init_tasks(app)
    digests_mail.init_mail(app)

    cli.register_cli(app)
    errors.register_error_handlers(app)
    security.register_security_headers(app)
    private.init_private_pages(app)
    security.trust_proxies(app)
    jinja.register_jinja(app)
    return app


def _subscribe() -> None:
    """Connect the core's signals and the session listeners (each once per process)."""
    for signal, receiver in SUBSCRIPTIONS:
        signal.connect(receiver)
    search_sync.listen()  # the search outbox follows every flush
    pagecache.listen()  # stored pages follow every public change


def _finish_config(app: Flask) -> None:
    """Fill in the defaults that depend on the instance folder, and refuse unsafe ones."""
    cfg = app.config
    instance = Path(app.instance_path)
    cfg["SQLALCHEMY_DATABASE_URI"] = (
        cfg.get("DATABASE_URL") or f"sqlite:///{instance / 'hearth.db'}"
    )
    cfg.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    cfg["SEARCH_INDEX_DIR"] = cfg.get("SEARCH_INDEX_DIR") or str(instance / "search-index")
    cfg["CRISIS_LINES_PATH"] = cfg.get("CRISIS_LINES_PATH") or str(instance / "crisis-lines.toml")
    cfg["SESSION_COOKIE_SECURE"] = cfg["REMEMBER_COOKIE_SECURE"] = bool(cfg.get("HTTPS"))
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = _instance_secret_key(instance)


def _instance_secret_key(instance: Path) -> str:
    """Read the generated key, creating it (readable by the owner only) on first run."""
    path = instance / "secret_key"
    if not path.exists():
        # Several workers may start at once: write aside, then link, so that every one of
        # them reads the same whole key.
        spare = instance / f".secret_key.{os.getpid()}"
        fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(spare, path)
        except FileExistsError:
            pass
        finally:
            spare.unlink()
    return path.read_text().strip()


def _migrations_dir() -> str:
    return str(Path(__file__).resolve().parent.parent / "migrations")
