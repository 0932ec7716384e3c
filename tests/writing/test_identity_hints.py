"""The identity question asks about a username on another app, the way someone moving a
conversation off Hearth writes it, and leaves the words of recovery writing alone."""

import pytest

from forum.writing.care import identity_hints

APP = "a username on another app"


@pytest.mark.parametrize(
    "text",
    [
        "snap: jo_r",
        "Snapchat: jo_r",
        "my snapchat is jo_r",
        "my snapchat is jo",
        "My Telegram: jo.",
        "my insta handle is @jo",
        "telegram @jo_r",
        "t.me/jo_r",
        "https://t.me/jo_r if that's easier",
        "ig: jo",
        "insta @jo",
        "whatsapp me",
        "WhatsApp me tonight, it's easier",
        "add me on kik/discord/signal: x",
        "message me on signal",
        "hit me up on snap",
        "wa.me/447700900123",
        "find me at instagram.com/jo",
        "kik me when you're up",
    ],
)
def test_a_member_is_asked_about_a_username_on_another_app(text):
    """A newcomer who writes how to reach them elsewhere is asked, kindly, before it goes."""
    assert APP in identity_hints(text)


@pytest.mark.parametrize(
    "text",
    [
        "I snapped at my kids this morning and I'm ashamed.",
        "The craving was a signal from my body that I was hungry.",
        "Signal: I knew it was time to call my sponsor.",
        "@River thank you, your post got me through the night.",
        "Thanks @River and @harbour_2 for the welcome.",
        "I deleted Instagram and it helped more than I thought.",
        "My Instagram is full of people drinking, so I left it.",
        "my signal is weak out here, sorry if I go quiet.",
        "I messaged my sponsor and she picked up.",
        "Snap decisions were my thing; now I wait an hour.",
        "In a snap: 30 days gone.",
        "Day 30 on the program: the telegraph of my heartbeat finally slowed.",
        "A big: step today.",
    ],
)
def test_recovery_writing_and_mentions_of_members_ask_nothing(text):
    """Everyday words and Hearth's own @mentions are not taken for a handle elsewhere."""
    assert APP not in identity_hints(text)


def test_the_question_names_what_it_found_beside_other_details():
    """The writer is told each kind of detail found, the app username among them."""
    assert identity_hints("my snapchat is jo_r or write to jo@example.org") == [
        "an email address",
        APP,
    ]
