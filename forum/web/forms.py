"""Forms every blueprint shares."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A one-button form: its CSRF token is what it carries."""
