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
