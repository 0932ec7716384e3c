"""The help page: crisis lines for anyone, from the instance's own file when there is one."""

from pathlib import Path


def test_every_page_links_to_help_and_the_help_page_lists_crisis_lines(client):
    assert 'href="/help">Need help now?</a>' in client.get("/").get_data(as_text=True)
    page = client.get("/help").get_data(as_text=True)
    assert "988" in page
    assert "1-800-662-4357" in page
    assert "Crisis Text Line" in page
    assert "not a crisis or medical service" in page


def test_an_instance_help_file_replaces_the_default(app, client):
    Path(app.instance_path, "help.md").write_text("# Local lines\n\nCall **0800 123 456** here.")
    page = client.get("/help").get_data(as_text=True)
    assert "0800 123 456" in page and "1-800-662-4357" not in page


def test_the_help_page_speaks_only_to_the_person_who_needs_it(client):
    """Someone in crisis reads lines to call, never instructions meant for the admins."""
    page = client.get("/help").get_data(as_text=True)
    for words in ("Admins", "admin", "help.md", "instance folder", "Markdown"):
        assert words not in page, words


DEFAULT_LINES = {
    # shown on the page: what a tap dials
    "911": "911",
    "112": "112",
    "999": "999",
    "000": "000",
    "988": "988",
    "1-800-662-4357": "18006624357",
    "1-800-662-HELP": "18006624357",
    "741741": "741741",
    "116 123": "116123",
    "85258": "85258",
    "13 11 14": "131114",
}


def test_every_number_on_the_help_page_can_be_tapped_to_call_or_to_text(client):
    """Each crisis line is a call link with a text link beside it, on a phone, in one tap."""
    page = client.get("/help").get_data(as_text=True)
    for shown, dialled in DEFAULT_LINES.items():
        assert f'<a class="phone" href="tel:{dialled}">{shown}</a>' in page, shown
        assert f'href="sms:{dialled}' in page, shown
    assert 'href="sms:741741?&amp;body=HOME"' in page
    assert 'href="sms:85258?&amp;body=SHOUT"' in page


def test_an_instance_help_file_gets_tappable_numbers_too(app, client):
    """The admin's own lines, however they write them, are linked the same way."""
    Path(app.instance_path, "help.md").write_text(
        "Call 111 for the NHS, or Samaritans on 116 123.\n\n"
        "Abroad: **+44 (0)20 7946 0958**. Text HELLO to 50808."
    )
    page = client.get("/help").get_data(as_text=True)
    assert '<a class="phone" href="tel:111">111</a>' in page
    assert '<a class="phone" href="tel:116123">116 123</a>' in page
    assert '<a class="phone" href="tel:+442079460958">+44 (0)20 7946 0958</a>' in page
    assert 'href="sms:50808?&amp;body=HELLO"' in page


def test_numbers_that_are_not_phone_numbers_stay_words(app, client):
    """Hours, days, dates, years and web addresses are not turned into calls."""
    Path(app.instance_path, "help.md").write_text(
        "Open 24/7 since 2019. The first 30 days, or 100 or 200 days, since 2024-05-01. "
        "1,000 people; 2.5 hours. Chat at [988lifeline.org](https://988lifeline.org).\n\n"
        "```\ncall 911\n```"
    )
    page = client.get("/help").get_data(as_text=True)
    assert 'class="phone"' not in page
    assert (
        '<a href="https://988lifeline.org" rel="nofollow ugc noopener">988lifeline.org</a>' in page
    )


def test_a_help_file_cannot_slip_markup_in_through_the_numbers(app, client):
    """Whatever the file holds, it is sanitised first; the links add only digits."""
    Path(app.instance_path, "help.md").write_text(
        '<script>alert(1)</script> call 999 <b onclick="x">112</b>\n\n'
        '[a "quoted" 0800 123 456 link](https://example.org "title 0800 123 456 >")\n\n'
        '**0800 123 456"><img src=x>**'
    )
    page = client.get("/help").get_data(as_text=True)
    assert "<script>alert" not in page and "<img" not in page and 'onclick="' not in page
    assert '<a class="phone" href="tel:999">999</a>' in page
    assert 'title="title 0800 123 456 &gt;"' in page or 'title="title 0800 123 456 >"' in page
    assert page.count('href="tel:0800123456"') == 1
