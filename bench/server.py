"""Start and stop the gunicorn server under test, with the production settings.

The runner and the server share one environment (``server_environment``): the same database,
the same Redis cache and the same ``SECRET_KEY``, so that sessions the runner writes are valid
for the server, and the page cache the runner clears is the one the server reads.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_SECRET_KEY = "fieldwork-benchmark-only-secret-key-not-for-any-real-deployment-0123456789"

# Every request of the harness says it came through the TLS-terminating proxy, as in production
# (docs/deployment.md): the HTTPS redirect, secure cookies and HSTS stay as they are deployed.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def server_environment(*, database_url, cache_url, page_cache_seconds, server_timing):
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="ideas.settings",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        SECRET_KEY=os.environ.get("SECRET_KEY") or BENCH_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        SERVER_TIMING="1" if server_timing else "0",
        # Nothing the benchmark does should send mail; the immediate task backend would try SMTP.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
        # Capacity, not policy: 64 clients on 127.0.0.1 support 50 proposals each within seconds,
        # and the latency phase looks up similar proposals from one account (bench/README.md).
        FIELDWORK_RATE_LIMIT_SUPPORT_USER="off",
        FIELDWORK_RATE_LIMIT_SUPPORT_IP="off",
        FIELDWORK_RATE_LIMIT_SIMILAR_USER="off",
        FIELDWORK_RATE_LIMIT_SIMILAR_IP="off",
    )
    if not env.get("QUEUE_URL") and not env.get("TASKS_BACKEND"):
        # Nothing measured enqueues a task; production's check wants the choice made explicitly.
        env["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_path():
    candidate = Path(sys.executable).with_name("gunicorn")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("gunicorn")
    if not found:
        raise SystemExit("gunicorn is not installed: .venv/bin/pip install -r requirements.txt")
    return found


def gunicorn_version():
    try:
        out = subprocess.run([gunicorn_path(), "--version"], capture_output=True, text=True, check=False, timeout=30)
        return (out.stdout or out.stderr).strip()
    except (OSError, subprocess.TimeoutExpired, SystemExit):
        return "unknown"


def ensure_static_files(env, log):
    """Production pages name their static files through WhiteNoise's manifest: without
    ``collectstatic`` every page would fail. Collect them once into STATIC_ROOT."""
    static_root = Path(env.get("STATIC_ROOT") or ROOT / "staticfiles")
    manifest = static_root / "staticfiles.json"
    if manifest.exists() and _newest_source(ROOT) <= manifest.stat().st_mtime:
        return
    log(f"collectstatic into {static_root} (again whenever the project's static files change) ...")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )


def _newest_source(root):
    """The newest modification time of the project's own static files (the npm packages and
    installed apps change only with an install, which touches ``site/node_modules``)."""
    newest = 0.0
    folders = [root / "site" / "static", root / "site" / "node_modules", *root.glob("ideas/*/static")]
    for folder in folders:
        if not folder.exists():
            continue
        newest = max(newest, folder.stat().st_mtime)
        if folder.name == "node_modules":
            continue
        for path in folder.rglob("*"):
            newest = max(newest, path.stat().st_mtime)
    return newest


class Gunicorn:
    """``with Gunicorn(env, workers=4, threads=4) as server: server.base_url``"""

    def __init__(self, env, *, workers, threads, log, label):
        self.env = env
        self.workers = workers
        self.threads = threads
        self.log = log
        self.label = label
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.logfile = None

    @property
    def description(self):
        return (
            f"gunicorn ideas.wsgi --worker-class gthread --workers {self.workers} --threads {self.threads} "
            f"(keep-alive), DJANGO_ENV=production, PAGE_CACHE_SECONDS={self.env['PAGE_CACHE_SECONDS']}, "
            f"SERVER_TIMING={self.env['SERVER_TIMING']}"
        )

    def __enter__(self):
        self.logfile = Path(tempfile.gettempdir()) / f"fieldwork-bench-gunicorn-{self.label}-{self.port}.log"
        command = [
            gunicorn_path(),
            "ideas.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            # A page slower than gunicorn's default 30 s should be measured, not killed.
            "--timeout",
            "120",
            "--error-logfile",
            str(self.logfile),
        ]
        self.log(f"starting {self.description} on port {self.port} (log: {self.logfile})")
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(f"{self.base_url}/api/v1/", headers=PROXY_HEADERS)  # noqa: S310 (http)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.logfile}")
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (our server)
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn did not answer within {timeout} s; see {self.logfile}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        return False
