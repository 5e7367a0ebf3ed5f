"""Structured logs: one JSON object per line (``LOG_FORMAT=json``, the production default).

Every line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, plus
``exc_info`` for an exception. Lines about a request (Django's ``django.request`` and
``django.security`` loggers, and gunicorn's access log through ``deploy/gunicorn.conf.py``)
add ``request_id`` (the ``X-Request-ID`` header that nginx sets, so one request can be
followed from nginx to Django), ``method``, ``path`` and, when known, ``status`` and
``duration_ms``.

No personal data: the path is logged without its query string (searches and ``?next=``
addresses stay out), and never a client address, user agent, referrer, cookie or account.
nginx's own access log holds the client addresses; keep it as short a time as the
operator's rules allow (docs/deployment.md, "Logs").

Used by ``LOGGING`` in settings (Django, workers, management commands) and by gunicorn's
``logconfig_dict``; it imports nothing from Django, so gunicorn's master can load it.
"""

from collections.abc import Mapping

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# Extras that Django and servers attach to records and that must not be dumped as they are.
_DROPPED_EXTRAS = ("request", "server_time", "status_code")


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


class JsonFormatter(_JsonFormatter):
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
