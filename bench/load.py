"""Throughput of anonymous pages: many keep-alive connections asking for a handful of public
addresses for a fixed time. ``wrk`` (C, epoll; Debian: ``apt-get install -y wrk``) when it is
installed, else an asyncio client in one process per core (stdlib; slower, so it may be the
bottleneck: the report names which one ran)."""

import asyncio
import json
import multiprocessing
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from .server import PROXY_HEADERS

WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
%(headers)s
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"status": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def tool():
    return "wrk" if shutil.which("wrk") else "python-asyncio"


def tool_version():
    if tool() == "wrk":
        out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0].split(" Copyright")[0]
    return "bench/client.py AsyncConnection"


def run(base_url, paths, *, seconds, connections, threads=2):
    """Requests/s over ``paths`` (round robin). Returns a dict: requests, seconds, rps, errors."""
    if tool() == "wrk":
        return _run_wrk(base_url, paths, seconds=seconds, connections=connections, threads=threads)
    return _run_python(base_url, paths, seconds=seconds, connections=connections)


def _run_wrk(base_url, paths, *, seconds, connections, threads):
    headers = "\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in PROXY_HEADERS.items())
    script = WRK_SCRIPT % {"paths": ", ".join(json.dumps(path) for path in paths), "headers": headers}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        script_path = handle.name
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script_path,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(script_path).unlink(missing_ok=True)
    line = next((line for line in out.stdout.splitlines() if line.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    duration = data["duration_us"] / 1e6
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return {
        "tool": "wrk",
        "requests": data["requests"],
        "seconds": duration,
        "rps": data["requests"] / duration if duration else 0.0,
        "errors": errors,
        "error_detail": {key: data[key] for key in ("connect", "read", "write", "status", "timeout")},
        "latency_p50_ms": data["p50_us"] / 1000,
        "latency_p99_ms": data["p99_us"] / 1000,
        "latency_max_ms": data["max_us"] / 1000,
    }


def _run_python(base_url, paths, *, seconds, connections):
    processes = max(1, min(multiprocessing.cpu_count(), connections))
    per_process = [connections // processes + (1 if i < connections % processes else 0) for i in range(processes)]
    with multiprocessing.Pool(processes) as pool:
        results = pool.starmap(_python_worker, [(base_url, paths, seconds, n) for n in per_process])
    requests = sum(r["requests"] for r in results)
    duration = max(r["seconds"] for r in results)
    latencies = sorted(value for r in results for value in r["latencies"])
    return {
        "tool": "python-asyncio",
        "requests": requests,
        "seconds": duration,
        "rps": requests / duration if duration else 0.0,
        "errors": sum(r["errors"] for r in results),
        "error_detail": {},
        "latency_p50_ms": latencies[len(latencies) // 2] if latencies else None,
        "latency_p99_ms": latencies[int(len(latencies) * 0.99)] if latencies else None,
        "latency_max_ms": latencies[-1] if latencies else None,
    }


def _python_worker(base_url, paths, seconds, connections):
    return asyncio.run(_python_load(base_url, paths, seconds, connections))


async def _python_load(base_url, paths, seconds, connections):
    from .client import AsyncConnection

    parts = urlsplit(base_url)
    deadline = time.perf_counter() + seconds
    counts = {"requests": 0, "errors": 0, "latencies": []}

    async def one(offset):
        connection = AsyncConnection(parts.hostname, parts.port or 80, dict(PROXY_HEADERS))
        i = offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                status, _headers, _body = await connection.request("GET", path)
            except (OSError, asyncio.IncompleteReadError):
                counts["errors"] += 1
                continue
            counts["latencies"].append((time.perf_counter() - started) * 1000)
            counts["requests"] += 1
            if status >= 400:
                counts["errors"] += 1
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(connections)))
    counts["seconds"] = time.perf_counter() - started
    return counts
