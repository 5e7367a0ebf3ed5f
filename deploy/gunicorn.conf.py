"""gunicorn settings for Fieldwork's web processes (docs/deployment.md, "Web processes").

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Behind nginx on the same machine by default (127.0.0.1:8000). Environment variables:
GUNICORN_BIND, WEB_CONCURRENCY (worker processes; default 2 x CPUs + 1), GUNICORN_TIMEOUT,
FORWARDED_ALLOW_IPS (the proxies trusted for X-Forwarded-*; default this machine) and
LOG_FORMAT / LOG_LEVEL, as for Django.
"""

import multiprocessing
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
chdir = str(ROOT)
sys.path.insert(0, chdir)  # so the log formatter below imports before the app does

wsgi_app = "ideas.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each handles one request at a time, the app keeps no state between requests
# (sessions in the database, cache in Redis), so add processes or machines to scale out.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# A request running longer than this is killed (and logged); nothing slow should run in a
# request: e-mails and exports are background tasks.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30  # on reload or stop, requests in progress get this long to finish
keepalive = 5
# Recycle each worker after about a thousand requests, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
# Only the proxy in front may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket (gunicornc) only if asked for: systemd's signals do the same,
# and two instances on one machine would fight over the default path.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs. The access line has no client address, query string, user agent or referrer, and
# both formats blank e-mail and IP addresses and sign-in keys (ideas/core/logging.py); nginx
# logs shortened client addresses. %(M)s is the time in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
access_log_format = '%({x-request-id}i)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
default_format = "json" if os.environ.get("DJANGO_ENV") == "production" else "text"
if os.environ.get("LOG_FORMAT", default_format) == "json":
    formatter = {"()": "ideas.core.logging.JsonFormatter"}
else:
    formatter = {"()": "ideas.core.logging.TextFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"fieldwork": formatter},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "fieldwork", "stream": "ext://sys.stdout"},
        "stderr": {"class": "logging.StreamHandler", "formatter": "fieldwork", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}
