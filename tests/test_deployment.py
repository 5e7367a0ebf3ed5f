"""The production set-up, as far as one machine can run it (docs/deployment.md).

- /health/: 200 when the database, the cache and the queue answer; 503 naming the failed check.
- gunicorn with deploy/gunicorn.conf.py serves the health check and a page, and logs JSON lines.
- The production settings: S3 storage when a bucket is named, the queue required, JSON logs.
- The JSON log formatter: valid JSON with the expected keys, and no personal data.
"""

import json
import logging
import os
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from ideas.core.logging import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLOSED_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


# --- /health/ -----------------------------------------------------------------------------------


def test_health_is_ok_json_and_never_cached(client, db):
    response = client.get(reverse("health:check"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "queue": "not used"}}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert reverse("health:check") == "/health/"


def test_health_answers_503_naming_a_broken_cache(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CLOSED_REDIS}}
    response = client.get(reverse("health:check"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "cache": "failed", "queue": "not used"}}
    assert "no-store" in response["Cache-Control"]
    assert "127.0.0.1" not in response.content.decode()  # no infrastructure details


def test_health_answers_503_naming_a_broken_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": settings.RQ_BACKEND}}
    settings.RQ_QUEUES = {"default": {"URL": CLOSED_REDIS}}
    response = client.get(reverse("health:check"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "queue": "failed"}


def test_health_pings_the_queue_when_there_is_one(client, db, settings):
    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("FIELDWORK_REQUIRE_REDIS"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 and FIELDWORK_REQUIRE_REDIS is set.")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379.")
    settings.TASKS = {"default": {"BACKEND": settings.RQ_BACKEND}}
    settings.RQ_QUEUES = {"default": {"URL": url}}
    response = client.get(reverse("health:check"))
    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


def test_health_answers_503_when_the_database_fails(client, db, monkeypatch):
    from ideas.core import health

    def broken():
        raise ConnectionError("database gone")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get(reverse("health:check"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"


def test_health_takes_no_post(client, db):
    assert client.post(reverse("health:check")).status_code == 405


# --- gunicorn -----------------------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server_database(transactional_db, tmp_path):
    """A database another process can open, with the test database's schema and reference data.

    Transactional: SQLite cannot back up a database while its own connection holds a write
    transaction open (the backup waits forever), which the ``db`` fixture would."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":  # the test database lives in this process's memory: copy it
        target = tmp_path / "server.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{target}"
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    user = quote(settings["USER"], safe="")
    return f"postgres://{user}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, headers=None, *, context=None, follow=True, raw=False):
    """GET a local address; returns (status, headers, body). No redirects followed unless asked."""
    handlers = [urllib.request.HTTPSHandler(context=context)] if context else []
    if not follow:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (a local address)
    try:
        with opener.open(request, timeout=30) as response:
            body = response.read()
            return response.status, dict(response.headers), body if raw else body.decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def gunicorn(server_database, tmp_path):
    """gunicorn with deploy/gunicorn.conf.py on a free port, JSON logs; yields (base URL, logs)."""
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CACHE_URL", "QUEUE_URL", "TASKS_", "AWS_", "LOG_"))
    }
    env.update(
        DATABASE_URL=server_database,
        LOG_FORMAT="json",
        WEB_CONCURRENCY="2",
        PAGE_CACHE_SECONDS="0",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    out, err = tmp_path / "gunicorn.out", tmp_path / "gunicorn.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"],
            cwd=tmp_path,  # the config file finds the project by itself
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/health/")
                break
            except OSError:
                assert server.poll() is None, err.read_text()
                assert time.monotonic() < deadline, "gunicorn did not start:\n" + err.read_text()
                time.sleep(0.3)
        yield base, out, err
    finally:
        server.terminate()
        server.wait(timeout=30)


def _json_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_gunicorn_serves_with_the_deploy_config_and_logs_json_lines(gunicorn):
    base, out, err = gunicorn
    status, headers, body = _get(base + "/health/", {"X-Request-ID": "req-42"})
    assert status == 200, body
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "queue": "not used"}}
    assert "no-store" in headers["Cache-Control"]
    status, headers, body = _get(base + "/?q=someone%40example.org", {"X-Request-ID": "req-43"})
    assert status == 200, body
    assert "<html" in body and "Fieldwork" in body
    status, _, body = _get(base + "/api/v1/proposals/")
    assert status == 200 and json.loads(body)["count"] == 0
    time.sleep(0.5)  # the access line is written after the response

    by_id = {line["request_id"]: line for line in _json_lines(out) if line.get("request_id")}
    health = by_id["req-42"]
    assert health["logger"] == "gunicorn.access" and health["level"] == "INFO"
    assert health["method"] == "GET" and health["path"] == "/health/" and health["status"] == 200
    assert isinstance(health["duration_ms"], int) and "time" in health
    assert by_id["req-43"]["path"] == "/"
    assert any("Booting worker" in line["message"] for line in _json_lines(err))  # every line is JSON
    assert "example.org" not in out.read_text() + err.read_text()
    assert "127.0.0.1" not in out.read_text()  # no client address in the access log


NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def _nginx_config(tmp_path, upstream, http_port, https_port):
    """deploy/nginx.conf as it is, with this test's ports, paths and a throw-away certificate."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in [
        ("server 127.0.0.1:8000", f"server {upstream}"),
        ("/var/cache/nginx/fieldwork", str(tmp_path / "cache")),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/ssl/fieldwork/fullchain.pem", str(tmp_path / "cert.pem")),
        ("/etc/ssl/fieldwork/privkey.pem", str(tmp_path / "key.pem")),
        ("/var/log/nginx/fieldwork.access.log", str(tmp_path / "nginx-access.log")),
        ("/srv/fieldwork/media/", str(tmp_path / "media") + "/"),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    (tmp_path / "fieldwork.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"{user} daemon off; worker_processes 1; pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'nginx-error.log'};\n"
        f"events {{}}\nhttp {{ include /etc/nginx/mime.types; {temp} include {tmp_path / 'fieldwork.conf'}; }}\n"
    )
    return tmp_path / "nginx.conf"


@pytest.mark.skipif(
    not NGINX, reason="nginx is not installed (apt-get install nginx-light): deploy/nginx.conf untested"
)
def test_nginx_in_front_of_gunicorn_with_the_deploy_config(gunicorn, tmp_path):
    base, out, _ = gunicorn
    http_port, https_port = _free_port(), _free_port()
    config = _nginx_config(tmp_path, base.removeprefix("http://"), http_port, https_port)
    checked = subprocess.run([NGINX, "-t", "-c", str(config)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([NGINX, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    https = f"https://127.0.0.1:{https_port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, headers, body = _get(https + "/health/", context=tls)
                break
            except OSError:
                assert nginx.poll() is None, nginx.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.2)
        # The health check over TLS: nginx names the request and gunicorn logs the same id.
        assert status == 200 and json.loads(body)["status"] == "ok"
        request_id = headers["X-Request-ID"]
        assert len(request_id) == 32
        # Plain HTTP: redirected to HTTPS, except the health check for a load balancer.
        status, headers, _ = _get(f"http://127.0.0.1:{http_port}/proposals/", follow=False)
        assert status == 301 and headers["Location"] == "https://127.0.0.1/proposals/"
        status, _, body = _get(f"http://127.0.0.1:{http_port}/health/")
        assert status == 200 and json.loads(body)["status"] == "ok"
        # A request id from a CDN in front is kept.
        _, headers, _ = _get(https + "/health/", {"X-Request-ID": "cdn-7"}, context=tls)
        assert headers["X-Request-ID"] == "cdn-7"
        # What the app marks public is cached (the API: public, max-age=60) and compressed ...
        first = _get(https + "/api/schema/", {"Accept-Encoding": "gzip"}, context=tls, raw=True)
        second = _get(https + "/api/schema/", {"Accept-Encoding": "gzip"}, context=tls, raw=True)
        assert first[1]["X-Cache-Status"] == "MISS" and second[1]["X-Cache-Status"] == "HIT"
        assert second[1].get("Content-Encoding") == "gzip"
        # ... but never for a signed-in visitor, and never what the app does not mark public.
        _, headers, _ = _get(https + "/api/v1/", {"Cookie": "sessionid=abc"}, context=tls)
        assert headers["X-Cache-Status"] == "BYPASS"
        _get(https + "/health/", context=tls)
        _, headers, _ = _get(https + "/health/", context=tls)
        assert headers.get("X-Cache-Status") != "HIT"  # no-store: never cached
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
    time.sleep(0.3)
    assert request_id in {line.get("request_id") for line in _json_lines(out)}


# --- Production settings ------------------------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "test-only-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
    "ALLOWED_HOSTS": "fieldwork.example",
    "CACHE_URL": "redis://127.0.0.1:6379/15",
    "QUEUE_URL": "redis://127.0.0.1:6379/14",
    "DATABASE_URL": "postgres://fieldwork@127.0.0.1:5432/fieldwork",
}

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django_tasks import task_backends
storage = storages["default"]
print(json.dumps({
    "default": type(storage).__module__ + "." + type(storage).__name__,
    "staticfiles": type(storages["staticfiles"]).__name__,
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "addressing": getattr(storage, "addressing_style", None),
    "acl": getattr(storage, "default_acl", "n/a"),
    "signed": getattr(storage, "querystring_auth", None),
    "url": default_storage.url("proposals/2026/11/abc.pdf"),
    "pdf_object": getattr(storage, "get_object_parameters", lambda name: None)("proposals/2026/11/abc.pdf"),
    "png_object": getattr(storage, "get_object_parameters", lambda name: None)("proposals/2026/11/abc.png"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "tasks": type(task_backends["default"]).__name__,
    "queues": settings.RQ_QUEUES,
    "log_format": settings.LOG_FORMAT,
}))
"""


def _settings_in_a_process(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "TASKS_", "QUEUE_", "LOG_"))}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="ideas.settings", **extra)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [PYTHON, "-c", SHOW_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_uses_s3_for_uploads_when_a_bucket_is_named():
    done = _settings_in_a_process(
        AWS_STORAGE_BUCKET_NAME="fieldwork-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["default"] == "ideas.core.storage.MediaStorage"  # django-storages' S3Storage, with headers
    # Objects carry their headers: a PDF downloads, an image shows (docs/security.md, "Safe content").
    assert shown["pdf_object"] == {"ContentType": "application/pdf", "ContentDisposition": "attachment"}
    assert shown["png_object"] == {"ContentType": "image/png"}
    assert shown["img_src"] == ["'self'", "data:", "http://127.0.0.1:9000"]  # the CSP lets pages show them
    assert shown["staticfiles"] == "CompressedManifestStaticFilesStorage"  # static stays with WhiteNoise
    assert shown["bucket"] == "fieldwork-media" and shown["endpoint"] == "http://127.0.0.1:9000"
    assert shown["acl"] is None and shown["signed"] is True  # private bucket, expiring links
    assert shown["url"].startswith("http://127.0.0.1:9000/fieldwork-media/proposals/2026/11/abc.pdf?")
    assert "X-Amz-Signature=" in shown["url"] and "X-Amz-Expires=3600" in shown["url"]
    assert shown["tasks"] == "RQBackend" and shown["queues"]["default"]["URL"] == PRODUCTION_ENV["QUEUE_URL"]
    assert shown["log_format"] == "json"


def test_production_keeps_uploads_on_disk_without_a_bucket():
    done = _settings_in_a_process()
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["default"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_production_refuses_to_start_without_a_queue():
    done = _settings_in_a_process(QUEUE_URL=None)
    assert done.returncode != 0
    assert "QUEUE_URL must point to Redis in production" in done.stderr


def test_production_runs_tasks_inline_only_when_told_to():
    done = _settings_in_a_process(QUEUE_URL=None, TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tasks"] == "ImmediateBackend"


# --- JSON logs ----------------------------------------------------------------------------------


def test_json_log_lines_have_the_expected_keys_and_no_personal_data():
    request = RequestFactory().get(
        "/proposals/?q=someone@example.org", HTTP_X_REQUEST_ID="nginx-123", REMOTE_ADDR="203.0.113.9"
    )
    record = logging.getLogger("django.request").makeRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (request.path,),
        None,
        extra={"request": request, "status_code": 404},
    )
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert "\n" not in line
    assert data["level"] == "WARNING" and data["logger"] == "django.request"
    assert data["message"] == "Not Found: /proposals/"
    assert data["request_id"] == "nginx-123" and data["method"] == "GET" and data["path"] == "/proposals/"
    assert data["status"] == 404 and data["time"].endswith("+00:00")
    assert "example.org" not in line and "203.0.113.9" not in line


def test_json_log_lines_carry_exceptions_and_korean_text():
    try:
        raise ValueError("깨진 값")
    except ValueError:
        record = logging.getLogger("ideas").makeRecord(
            "ideas", logging.ERROR, __file__, 1, "실패: %s", ("내보내기",), sys.exc_info()
        )
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "실패: 내보내기"
    assert "ValueError: 깨진 값" in data["exc_info"]
