"""The help page: crisis lines from the instance folder's help.md, or the shipped default."""

from pathlib import Path

from flask import Blueprint, current_app, render_template

from forum.text import render_post_body

bp = Blueprint("support", __name__)

_DEFAULT = Path(__file__).with_name("default-help.md")


def help_markdown() -> str:
    """The instance's own help.md if there is one, else the default shipped with Hearth."""
    local = Path(current_app.instance_path) / "help.md"
    return (local if local.is_file() else _DEFAULT).read_text(encoding="utf-8")


@bp.get("/help")
def help():
    return render_template("help/index.html", resources=render_post_body(help_markdown()))
