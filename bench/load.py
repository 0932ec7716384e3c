"""Load for a fixed time at N connections: wrk where installed, else threads with http.client.

Both answer the same `Result`: requests served, failures, and latency percentiles. wrk is
the better instrument (C, little CPU of its own); the Python generator, kept for machines
without it, spends a core of its own and tops out near a few hundred requests a second.
"""

import http.client
import itertools
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

from bench.mix import TOKEN_CHARS, write_token

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
"""
_WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH_JSON {"requests": %d, "seconds": %f, "failed": %d, "p50_ms": %f, "p99_ms": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""
_WRK_SCRIPT += _WRK_DONE

_WRK_THREADS = 2

# The mix (bench/mix.py): each thread reads the request lines in `init` (method, path, cookie
# and body, a tab apart), formats them once, and walks round them from its own offset; a
# write gets a fresh one-time write token (TOKEN_CHARS URL-safe characters) each sending.
_WRK_MIX_SCRIPT = (
    """
local counter, lines, n = 0, {}, 0
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end
init = function(args)
  for line in io.lines(os.getenv("BENCH_MIX")) do
    local method, path, cookie, body = line:match("^(%u+)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
    local headers = {}
    if cookie ~= "" then headers["Cookie"] = cookie end
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      lines[#lines + 1] = {path, headers, body}
    else
      lines[#lines + 1] = wrk.format("GET", path, headers)
    end
  end
  n = (id or 0) * math.floor(#lines / (tonumber(os.getenv("BENCH_THREADS")) or 1))
  math.randomseed(os.time() * 100 + (id or 0))
end
local function token()
  local chars = {}
  for i = 1, TOKEN_CHARS do
    local k = math.random(1, 64)
    chars[i] = alphabet:sub(k, k)
  end
  return table.concat(chars)
end
request = function()
  n = n % #lines + 1
  local line = lines[n]
  if type(line) == "string" then return line end
  return wrk.format("POST", line[1], line[2], line[3] .. token())
end
""".replace("TOKEN_CHARS", str(TOKEN_CHARS))
    + _WRK_DONE
)


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


def mix(base: str, lines_file: Path, seconds: float, connections: int) -> Result:
    """Load the mix of `lines_file` (bench/mix.py's request lines) on `base` for `seconds`."""
    if wrk_path():
        return _wrk_mix(base, lines_file, seconds, connections)
    return _python_mix(base, lines_file, seconds, connections)


def _wrk_mix(base: str, lines_file: Path, seconds: float, connections: int) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(_WRK_MIX_SCRIPT)
        command = [wrk_path(), f"-t{_WRK_THREADS}", f"-c{connections}", f"-d{seconds:.0f}s"]
        command += ["--latency", "--timeout", "10s", "-s", str(script), base]
        env = {"BENCH_MIX": str(lines_file), "BENCH_THREADS": str(_WRK_THREADS)}
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env | {"PATH": "/usr/bin:/bin"},
            timeout=seconds + 60,
            check=True,
        )
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON "))
    return Result(**json.loads(line.removeprefix("BENCH_JSON ")))


def _python_mix(base: str, lines_file: Path, seconds: float, connections: int) -> Result:
    """The same mix from threads: each connection walks round the lines from its own offset,
    and a write is sent with a fresh write token; a 3xx is a write's normal answer."""
    parts = urlsplit(base)
    lines = [row.split("\t", 3) for row in lines_file.read_text().splitlines()]
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        mine, bad = [], 0
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        for method, path, cookie, body in itertools.islice(itertools.cycle(lines), offset, None):
            if time.perf_counter() >= deadline:
                break
            headers = {"Cookie": cookie} if cookie else {}
            if method == "POST":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                body += write_token()
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body or None, headers=headers)
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
    step = max(len(lines) // connections, 1)
    workers = [threading.Thread(target=client, args=(n * step,)) for n in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 30)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return Result(len(latencies) + failed[0], elapsed, failed[0], cuts[49], cuts[98])


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
