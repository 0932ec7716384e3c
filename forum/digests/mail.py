"""Sending email over SMTP with Flask-Mailman; without FORUM_MAIL_SERVER nothing is sent.

Every digest looks the same from the outside: a neutral subject, a short plain text with
counts and links, and a one-click unsubscribe (RFC 8058: List-Unsubscribe and
List-Unsubscribe-Post), so that a glance at an inbox gives nothing away.
"""

from flask import Flask, current_app
from flask_mailman import EmailMessage, Mail

from forum.i18n import lazy_gettext as _l

# Read in the recipient's language: the sender wraps the sending in their locale.
SUBJECT = _l("You have new activity on Hearth")
mail = Mail()


def init_mail(app: Flask) -> None:
    mail.init_app(app)


def can_send() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send(to: str, body: str, unsubscribe_url: str) -> None:
    message = EmailMessage(
        subject=str(SUBJECT),
        body=body,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send(fail_silently=False)
