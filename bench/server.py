"""The real app under gunicorn on 127.0.0.1, and what its workers spend (CPU time, memory)."""

import http.client
import http.cookies
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
_TICK = os.sysconf("SC_CLK_TCK")
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port(first: int = 8100, last: int = 8199) -> int:
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {first} and {last}")


class Server:
    """gunicorn with one sync worker per core; `with Server(...) as server:` stops it after."""

    def __init__(self, instance: Path, database_url: str, workers: int | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers or os.cpu_count() or 1
        env = os.environ | {
            "FORUM_INSTANCE_PATH": str(instance),
            "FORUM_DATABASE_URL": database_url,
            "FORUM_RATE_LIMITS_ENABLED": "false",
            "FORUM_PREMODERATE_FIRST_POSTS": "0",
        }
        command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers)]
        command += ["-b", f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "wsgi:app"]
        self.log = open(instance / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=self.log)

    def __enter__(self) -> "Server":
        self.wait_until_up()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def wait_until_up(self, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                if self.get("/healthz")[0] == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn did not answer within {seconds:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.log.close()

    def worker_pids(self) -> list[int]:
        master = self.process.pid
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except OSError:
            return []
        return [int(pid) for pid in children]

    def cpu_seconds(self) -> float:
        """User and system CPU time of every worker so far."""
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / _TICK

    def rss_mb(self) -> float:
        """The largest worker's resident size."""
        return max([0.0, *self.rss_each_mb()])

    def rss_each_mb(self) -> list[float]:
        """Each worker's resident size, in MB."""
        sizes = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            sizes.append(int(found.group(1)) / 1024 if found else 0.0)
        return sizes

    def get(self, path: str, cookie: str = "") -> tuple[int, str, str]:
        """(status, body, Set-Cookie) of one GET."""
        return self._request("GET", path, cookie=cookie)

    def _request(self, method: str, path: str, body: str = "", cookie: str = ""):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, text, response.getheader("Set-Cookie") or ""
        finally:
            conn.close()

    def sign_in(self, pseudonym: str, password: str) -> str:
        """Sign in through the form; returns the session cookie ("session=...")."""
        _, page, set_cookie = self.get("/signin")
        cookie = _cookie(set_cookie)
        form = {"pseudonym": pseudonym, "password": password, "csrf_token": _token(page)}
        status, _, set_cookie = self._request("POST", "/signin", urlencode(form), cookie)
        if status != 302:
            raise RuntimeError(f"signing in as {pseudonym} answered {status}")
        return _cookie(set_cookie) or cookie

    def form_token(self, path: str, cookie: str) -> str:
        status, page, _ = self.get(path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return _token(page)


def _cookie(set_cookie: str) -> str:
    jar = http.cookies.SimpleCookie()
    jar.load(set_cookie)
    return "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())


def _token(page: str) -> str:
    found = _CSRF.search(page)
    if not found:
        raise RuntimeError("no CSRF token in the form")
    return found.group(1)
