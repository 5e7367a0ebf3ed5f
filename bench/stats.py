"""The pure parts of the benchmark harness: percentiles, the ``Server-Timing`` header, summaries
of a page's measurements and the verdict against a target. No Django, no network: tested by
tests/test_bench.py."""

import contextlib
import math
import re
import statistics

_METRIC = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*(.*)$")
_PARAM = re.compile(r';\s*([A-Za-z0-9_\-]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,\s]*))?')
_QUERIES = re.compile(r"(\d+)\s+quer")


def percentile(values, share):
    """The ``share`` (0..1) percentile with linear interpolation between the closest ranks (what
    numpy and ``statistics.quantiles(method="inclusive")`` do): p50 of [1, 2, 3, 4] is 2.5."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= share <= 1:
        raise ValueError("share must be between 0 and 1")
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def parse_server_timing(header):
    """``app;dur=12.5, db;dur=3.1;desc="7 queries"`` -> ``{"app": 12.5, "db": 3.1, "queries": 7}``.

    Follows the header's grammar (metrics separated by commas, parameters by semicolons, quoted
    or bare values); unknown metrics are kept by name with their duration. Missing parts are
    left out, so an empty or absent header gives ``{}``.
    """
    result = {}
    if not header:
        return result
    for metric in _split_metrics(header):
        match = _METRIC.match(metric)
        if not match:
            continue
        name, rest = match.groups()
        params = {key.lower(): _unquote(value or "") for key, value in _PARAM.findall(rest)}
        if "dur" in params:
            with contextlib.suppress(ValueError):
                result[name] = float(params["dur"])
        if name == "db" and "desc" in params:
            queries = _QUERIES.search(params["desc"])
            if queries:
                result["queries"] = int(queries.group(1))
    return result


def _split_metrics(header):
    parts, current, quoted = [], [], False
    for char in header:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]


def _unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def summarize(samples):
    """Summary of one address's measured requests; each sample is a dict with ``app``, ``db``,
    ``queries`` (from Server-Timing, when present), ``client`` (wall time seen by the client, ms)
    and ``status``."""
    app = [s["app"] for s in samples if s.get("app") is not None]
    db = [s["db"] for s in samples if s.get("db") is not None]
    client = [s["client"] for s in samples if s.get("client") is not None]
    queries = sorted({s["queries"] for s in samples if s.get("queries") is not None})
    statuses = sorted({s["status"] for s in samples})
    return {
        "n": len(samples),
        "statuses": statuses,
        "app_median": statistics.median(app) if app else None,
        "app_p95": percentile(app, 0.95) if app else None,
        "app_max": max(app) if app else None,
        "db_median": statistics.median(db) if db else None,
        "client_median": statistics.median(client) if client else None,
        "client_p95": percentile(client, 0.95) if client else None,
        "queries_min": queries[0] if queries else None,
        "queries_max": queries[-1] if queries else None,
        "queries_constant": len(queries) <= 1,
        "cache_hits": sum(1 for s in samples if s.get("cache") == "hit"),
    }


def _number(value, unit):
    if unit == "ms":
        return f"{value:,.1f} ms"
    return f"{value:,.0f} {unit}"


def verdict_at_most(value, limit, unit="ms"):
    """The verdict for a target that is a maximum (server time): ``met`` or ``missed by X``."""
    if value is None:
        return "not measured"
    if value <= limit:
        return f"met ({_number(value, unit)} ≤ {_number(limit, unit)})"
    over = value - limit
    share = 100 * over / limit
    return f"missed by {_number(over, unit)} ({_number(value, unit)} > {_number(limit, unit)}, +{share:.0f} %)"


def verdict_at_least(value, limit, unit="req/s"):
    """The verdict for a target that is a minimum (throughput): ``met`` or ``missed by X``."""
    if value is None:
        return "not measured"
    if value >= limit:
        return f"met ({_number(value, unit)} ≥ {_number(limit, unit)})"
    short = limit - value
    share = 100 * short / limit
    return f"missed by {_number(short, unit)} ({_number(value, unit)} < {_number(limit, unit)}, −{share:.0f} %)"


def is_met(verdict):
    return verdict.startswith("met")


def fmt_ms(value):
    return "–" if value is None else f"{value:.1f}"


def fmt_queries(summary):
    low, high = summary.get("queries_min"), summary.get("queries_max")
    if low is None:
        return "–"
    return str(low) if low == high else f"{low}–{high} ⚠"
