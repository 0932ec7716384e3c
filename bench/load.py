"""Load for a fixed time at N connections: wrk where installed, else threads with http.client.

Both answer the same `Result`: requests served, failures, and latency percentiles. wrk is
the better instrument (C, little CPU of its own); the Python generator, kept for machines
without it, spends a core of its own and tops out near a few hundred requests a second.
"""

import http.client
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# wrk's Lua hooks: an optional POST with its headers, and a JSON summary when done.
_WRK_SCRIPT = """
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH_JSON {"requests": %d, "seconds": %f, "failed": %d, "p50_ms": %f, "p99_ms": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Result:
    requests: int
    seconds: float
    failed: int
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run(url: str, seconds: float, connections: int, body: str = "", cookie: str = "") -> Result:
    """Load `url` (GET, or POST of `body`) for `seconds` at `connections` connections."""
    if wrk_path():
        return _wrk(url, seconds, connections, body, cookie)
    return _python(url, seconds, connections, body, cookie)


def _wrk(url: str, seconds: float, connections: int, body: str, cookie: str) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bench.lua"
        script.write_text(_WRK_SCRIPT)
        command = [wrk_path(), "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--latency"]
        command += ["--timeout", "10s", "-s", str(script), url]
        env = {"BENCH_BODY": body, "BENCH_COOKIE": cookie, "PATH": "/usr/bin:/bin"}
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=seconds + 60, check=True
        )
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON "))
    return Result(**json.loads(line.removeprefix("BENCH_JSON ")))


def _python(url: str, seconds: float, connections: int, body: str, cookie: str) -> Result:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        mine, bad = [], 0
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("POST" if body else "GET", path, body=body or None, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            failed[0] += bad

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 30)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return Result(len(latencies) + failed[0], elapsed, failed[0], cuts[49], cuts[98])


def single(url: str, count: int = 30, body: str = "", cookie: str = "") -> float:
    """Median milliseconds of `count` requests one after another on one connection."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    times = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            conn.request("POST" if body else "GET", path, body=body or None, headers=headers)
            conn.getresponse().read()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return statistics.median(times)
