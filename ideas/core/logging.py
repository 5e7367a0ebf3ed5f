"""Structured logs: one JSON object per line (``LOG_FORMAT=json``, the production default).

Every line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, plus
``exc_info`` for an exception. Lines about a request (Django's ``django.request`` and
``django.security`` loggers, and gunicorn's access log through ``deploy/gunicorn.conf.py``)
add ``request_id`` (the ``X-Request-ID`` header that nginx sets, so one request can be
followed from nginx to Django), ``method``, ``path`` and, when known, ``status`` and
``duration_ms``.

No personal data: the path is logged without its query string (searches and ``?next=``
addresses stay out), and never a client address, user agent, referrer, cookie or account.
As a safety net, both formatters (``JsonFormatter`` and, for development, ``TextFormatter``)
also blank whatever looks like an e-mail address or a non-loopback IP address in the finished
line (an exception's message may quote one, as a database's unique-constraint error does),
and the keys in password-reset and e-mail confirmation addresses. nginx's access log holds
shortened client addresses (deploy/nginx.conf; docs/security.md, "Privacy").

Used by ``LOGGING`` in settings (Django, workers, management commands) and by gunicorn's
``logconfig_dict``; it imports nothing from Django, so gunicorn's master can load it.
"""

import ipaddress
import logging
import re
from collections.abc import Mapping

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# Extras that Django and servers attach to records and that must not be dumped as they are.
_DROPPED_EXTRAS = ("request", "server_time", "status_code")


_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Candidates only: each is checked with ``ipaddress`` (a time such as 10:00:00 is no address).
_IP = re.compile(r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:])")
# allauth's one-time keys in addresses: a password-reset key is as good as the password.
_KEY_IN_PATH = re.compile(r"(/accounts/(?:password/reset/key|confirm-email)/)[^/\s\"?]+")


def _ip(match):
    try:
        address = ipaddress.ip_address(match.group(0))
    except ValueError:
        return match.group(0)
    return match.group(0) if address.is_loopback else "[ip]"


def redact(text: str) -> str:
    """``text`` without e-mail addresses, IP addresses (loopback excepted) or sign-in keys."""
    text = _EMAIL.sub("[e-mail]", text)
    text = _KEY_IN_PATH.sub(r"\1[key]", text)
    return _IP.sub(_ip, text)


def _request_fields(request):
    meta = getattr(request, "META", None)
    if meta is None:  # runserver's "django.server" passes its socket, not an HttpRequest
        return {}
    return {
        "request_id": meta.get("HTTP_X_REQUEST_ID") or None,
        "method": getattr(request, "method", None),
        "path": getattr(request, "path", None),
    }


def _access_fields(atoms):
    """gunicorn's access log: the record's args are its atoms (a case-insensitive mapping)."""

    def atom(key):
        value = atoms[key]
        return None if value in ("-", None) else value

    duration = atom("M")
    status = atom("s")
    return {
        "request_id": atom("{x-request-id}i"),
        "method": atom("m"),
        "path": atom("U"),
        "status": int(status) if str(status).isdigit() else status,
        "bytes": atom("B"),
        "duration_ms": int(duration) if duration is not None else None,
    }


class TextFormatter(logging.Formatter):
    """Plain lines (development), redacted like the JSON ones."""

    def format(self, record):
        return redact(super().format(record))


class JsonFormatter(_JsonFormatter):
    def format(self, record):
        return redact(super().format(record))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)  # Korean stays readable
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        request = record.__dict__.get("request")
        for key in _DROPPED_EXTRAS:
            log_data.pop(key, None)
        if request is not None:
            log_data.update(_request_fields(request))
        status = record.__dict__.get("status_code")
        if isinstance(status, int):
            log_data["status"] = status
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            fields = _access_fields(record.args)
            log_data.update(fields)
            log_data["message"] = f"{fields['method']} {fields['path']} {fields['status']}"
