"""The WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi ...`."""

from demo.cli import seed
from forum import create_app

app = create_app()
# `flask --app wsgi seed demo`: the demo forum, kept outside the forum package.
app.cli.add_command(seed)
