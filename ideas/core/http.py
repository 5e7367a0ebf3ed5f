import ipaddress

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def is_on_this_site(request, url):
    """Whether ``url`` stays on this site. Control characters are refused too: a line break
    cannot go into a Location header."""
    return (
        bool(url)
        and url.isprintable()
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    )


def next_url(request, fallback):
    """The ``next`` URL given with the request if it stays on this site, else ``fallback``."""
    candidate = request.POST.get("next") or request.GET.get("next")
    return candidate if is_on_this_site(request, candidate) else fallback


def id_param(value):
    """An object id given in a query string, or None.

    ``str.isdigit()`` alone lets "²" through (``int()`` refuses it), and ids beyond 64 bits
    fit no database column (SQLite refuses to compare with them).
    """
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def redirect_next(request, fallback):
    """Redirect to the ``next`` URL given with the request if it stays on this site, else to ``fallback``.

    Not ``redirect()``, which would take a ``next`` without "/" or "." for a view name to reverse.
    """
    return HttpResponseRedirect(next_url(request, fallback))


def rendered(response):
    """``response`` with its content: a template or DRF response is rendered first."""
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        return response.render()
    return response


def client_ip(request):
    """The address of the person making the request, for rate limits and anti-fraud.

    Behind ``TRUSTED_PROXY_COUNT`` proxies (nginx, a load balancer, a CDN), each appends the
    address it received from to X-Forwarded-For, so the real client is that many entries from
    the right; anything further left was written by the client and cannot be trusted.
    Without proxies (the embedded default) it is REMOTE_ADDR.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")
