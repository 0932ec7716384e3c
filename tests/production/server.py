"""Real gunicorn servers on 127.0.0.1 for the production tests, and members that use them.

Every wait is bounded: starting, stopping, each request (a timeout) and each retry loop.
"""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
# What a member's browser, or the member, tries again: no answer in time, a dropped
# connection, and the error pages that say "please try again".
RETRIED = (OSError, http.client.HTTPException)
RETRIED_STATUSES = frozenset({502, 503, 504})


def write_token() -> str:
    """A writing form's one-time token, as the form page would carry it."""
    return secrets.token_urlsafe(24)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(app, **extra) -> dict:
    """The environment that makes `wsgi:app` the same forum as the test's `app`: its
    database and index, no CSRF, no pre-moderation, no rate limits (unless `extra` says)."""
    env = dict(
        os.environ,
        FORUM_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        FORUM_INSTANCE_PATH=app.instance_path,
        FORUM_SEARCH_INDEX_DIR=app.config["SEARCH_INDEX_DIR"],
        FORUM_SEARCH_BACKEND=app.config["SEARCH_BACKEND"],
        FORUM_SECRET_KEY="testing-only",
        FORUM_WTF_CSRF_ENABLED="false",
        FORUM_TRUST_NEW_POSTS_WAIT="false",
        FORUM_RATE_LIMITS_ENABLED="false",
        FORUM_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
    )
    env.update(extra)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    def workers(self) -> list[int]:
        """The worker processes the gunicorn master has now."""
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def wait_for_workers(self, count: int, seconds: float = 30) -> list[int]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pids = self.workers()
            if len(pids) >= count:
                return pids
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn did not reach {count} workers in {seconds} s")

    def member(self) -> "Visitor":
        return Visitor(self.port)


@contextmanager
def gunicorn(app, workers: int = 4, timeout: float = 40, worker_timeout: int = 30, **env):
    """Serve `app`'s forum with gunicorn until the block ends; stopped (and reaped) after.
    `worker_timeout` is gunicorn's --timeout: a request held longer has its worker killed."""
    port = free_port()
    executable = Path(sys.executable).parent / "gunicorn"
    # As the README runs it: gunicorn_config.py, whose access log keeps no address or query.
    command = [str(executable), "-c", "gunicorn_config.py", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}"]
    command += ["--timeout", str(worker_timeout), "--graceful-timeout", "5", "wsgi:app"]
    process = subprocess.Popen(
        command,
        env=server_env(app, **env),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    try:
        _wait_until_up(server, time.monotonic() + timeout)
        server.wait_for_workers(workers, timeout)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_until_up(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}")
        try:
            if Visitor(server.port).get("/healthz", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("gunicorn did not answer in time")


@dataclass
class Answer:
    status: int
    text: str
    location: str = ""


class Visitor:
    """One browser: its own cookies, no redirects followed, a timeout on every request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, timeout=15) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Connection": "close"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urllib.parse.urlencode(form)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            text = response.read().decode("utf-8", "replace")
            return Answer(response.status, text, response.headers.get("Location", ""))
        finally:
            conn.close()

    def get(self, path: str, timeout=15) -> Answer:
        return self.request("GET", path, timeout=timeout)

    def post(self, path: str, form: dict, timeout=15) -> Answer:
        return self.request("POST", path, form, timeout=timeout)

    def send(self, path: str, form: dict, tries: int = 6, timeout=30) -> tuple[Answer, int]:
        """Post a writing form as a real client does: what did not answer, dropped the
        connection or said "try again" is sent again, the same form with the same token
        (bounded). The answer, and how many sendings it took."""
        for sending in range(1, tries):
            try:
                answer = self.post(path, form, timeout=timeout)
            except RETRIED:
                pass
            else:
                if answer.status not in RETRIED_STATUSES:
                    return answer, sending
            time.sleep(min(0.2 * 2**sending, 3))
        return self.post(path, form, timeout=timeout), tries

    def sign_in(self, pseudonym: str, tries: int = 20) -> None:
        """Sign in, trying again while a worker is being replaced (bounded)."""
        form = {"pseudonym": pseudonym, "password": PASSWORD}
        for _ in range(tries):
            try:
                if self.post("/signin", form).status == 302:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{pseudonym} could not sign in")
