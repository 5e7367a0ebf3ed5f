from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, fallback):
    """The ``next`` URL given with the request if it stays on this site, else ``fallback``."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def redirect_next(request, fallback):
    """Redirect to the ``next`` URL given with the request if it stays on this site, else to ``fallback``."""
    return redirect(next_url(request, fallback))


def rendered(response):
    """``response`` with its content: a template or DRF response is rendered first."""
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        return response.render()
    return response
