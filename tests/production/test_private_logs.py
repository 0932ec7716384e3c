"""Request logs, as Hearth runs: they never say who searched, nor what for."""

import http.client
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.production.server import ROOT, Server, _wait_until_up, free_port, server_env

# A loopback address of its own, so that finding it in a log can only mean the client's.
CLIENT = "127.0.0.23"
FORWARDED_FOR = "203.0.113.9"
SEARCH = "/search?q=relapse+after+two+years&board=stories"


def _readme_gunicorn_command() -> list[str]:
    """The gunicorn line of the README's "Running it for real"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"^\.venv/bin/gunicorn .+$", readme, re.MULTILINE).group(0)
    return shlex.split(line)


def _search_from_the_client(port: int) -> int:
    """A search, then a request line no server accepts (the error log's turn), from CLIENT."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=(CLIENT, 0))
    try:
        conn.request("GET", SEARCH, headers={"X-Forwarded-For": FORWARDED_FOR})
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    with socket.create_connection(
        ("127.0.0.1", port), timeout=15, source_address=(CLIENT, 0)
    ) as raw:
        raw.sendall(f"GET {SEARCH} HTTP/1.1 and-more\r\nHost: x\r\n\r\n".encode())
        raw.recv(4096)
    return response.status


def _serve_and_search(command: list[str], env: dict, output: Path, ready) -> tuple[str, int]:
    """Start the server, search once from CLIENT, stop it; what it wrote, and the status."""
    with output.open("w") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
        try:
            port = ready(process)
            status = _search_from_the_client(port)
            time.sleep(0.3)  # the access line is written after the response
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
    return output.read_text(encoding="utf-8"), status


def _assert_private(log: str) -> None:
    assert CLIENT not in log and FORWARDED_FOR not in log
    assert "relapse" not in log and "q=" not in log and "board=stories" not in log


def test_gunicorn_started_as_the_readme_says_logs_the_path_only(app, tmp_path):
    """The access log of gunicorn, as the README starts it, shows `GET /search`, and neither
    the words searched for nor the address of whoever searched (even behind a proxy); nor
    does its error log, for a request it could not read."""
    port = free_port()
    command = _readme_gunicorn_command()
    command[0] = str(Path(sys.executable).parent / "gunicorn")
    command[command.index("-b") + 1] = f"127.0.0.1:{port}"
    command[command.index("-w") + 1] = "1"
    env = server_env(app, FORUM_PROXY_FIX_HOPS="1")

    def ready(process):
        _wait_until_up(Server(process, port), time.monotonic() + 40)
        return port

    log, status = _serve_and_search(command, env, tmp_path / "gunicorn.log", ready)
    assert status == 200
    assert re.search(r'"GET /search HTTP/1\.1" 200 \d+ \d+ms', log), log
    _assert_private(log)


def test_the_development_server_of_make_run_logs_the_path_only(app, tmp_path):
    """`flask --app wsgi run`, as `make run` serves the demo, logs `GET /search` without the
    query string or the client's address."""
    port = free_port()
    flask = str(Path(sys.executable).parent / "flask")
    command = [flask, "--app", "wsgi", "run", "--host", "127.0.0.1", "--port", str(port)]

    def ready(process):
        _wait_until_up(Server(process, port), time.monotonic() + 40)
        return port

    log, status = _serve_and_search(command, server_env(app), tmp_path / "flask.log", ready)
    assert status == 200
    assert re.search(r'^\[[^\]]+\] "GET /search HTTP/1\.1" 200 -$', log, re.MULTILINE), log
    _assert_private(log)
