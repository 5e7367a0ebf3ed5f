"""Rate limits: per account and per client address, for our own views and allauth's.

The limits are settings data (``FIELDWORK_RATE_LIMITS``, docs/security.md "Rate limits").
Our views call ``rate_limit(request, action)``, which counts with django-ratelimit in the
shared cache (Redis in production, so all web processes count together) and raises
``RateLimited``; the view answers with ``too_many_requests`` (a page, or a fragment for htmx)
or, where a form was posted, ``form_again`` (the same form with what was typed). allauth's
views (sign-up, log-in, password reset) count with allauth's own limits, made from the same
table (``ACCOUNT_RATE_LIMITS``), and answer through ``allauth_429`` (``ideas.urls.handler429``).
Every answer is HTTP 429 with a ``Retry-After`` header.
"""

import math
import time

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic.edit import FormView
from django_ratelimit.core import get_usage

from .http import is_on_this_site, next_url

WHAT = {
    "support": gettext_lazy("You have supported or withdrawn support many times in a short time."),
    "comment": gettext_lazy("You have posted many comments in a short time."),
    "flag": gettext_lazy("You have sent many reports in a short time."),
    "proposal": gettext_lazy("You have submitted many proposals in a short time."),
    "similar": gettext_lazy("Similar proposals were looked up many times in a short time."),
    "signup": gettext_lazy("Many accounts were created in a short time."),
    "login": gettext_lazy("There were many attempts to log in in a short time."),
    "reset_password": gettext_lazy("Many password resets were asked for in a short time."),
}

# allauth's views by URL name, and the action of ACCOUNT_RATE_LIMITS each counts.
ALLAUTH_ACTIONS = {
    "account_signup": "signup",
    "account_login": "login",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
}


class RateLimited(Exception):
    """Over a limit: ``scope`` is "user" (the account) or "ip" (the client's address)."""

    def __init__(self, action, scope, retry_after):
        super().__init__(action)
        self.action = action
        self.scope = scope
        self.retry_after = max(int(math.ceil(retry_after)), 1)

    @property
    def message(self):
        what = WHAT.get(self.action) or _("Many requests of this kind came in a short time.")
        if self.scope == "ip":
            what = _(
                "Many requests of this kind came from your network address in a short time. Many people can "
                "share one address (on mobile data, at work, at school), so it may not have been you."
            )
        return " ".join([str(what), self.when])

    @property
    def when(self):
        seconds = self.retry_after
        if seconds < 90:
            wait = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
        elif seconds < 90 * 60:
            minutes = math.ceil(seconds / 60)
            wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        else:
            hours = math.ceil(seconds / 3600)
            wait = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
        return _("To keep Fieldwork fair and safe from automated use, please wait %(wait)s and try again.") % {
            "wait": wait
        }


def rate_limit(request, action):
    """Count one ``action`` for this request's account and address; raise ``RateLimited`` if
    that goes over a limit (the longest wait wins when several are over)."""
    over = None
    for scope, rates in settings.FIELDWORK_RATE_LIMITS[action].items():
        if scope == "user" and not request.user.is_authenticated:
            continue
        for rate in rates:
            usage = get_usage(request, group=f"fieldwork:{action}:{scope}", key=scope, rate=rate, increment=True)
            if usage and usage["should_limit"] and (over is None or usage["time_left"] > over.retry_after):
                over = RateLimited(action, scope, usage["time_left"])
    if over is not None:
        raise over


def with_retry_after(response, limited):
    response["Retry-After"] = str(limited.retry_after)
    return response


def too_many_requests(request, limited):
    """The 429 answer where no form needs to come back: a page, or for htmx a fragment."""
    if request.htmx:
        response = render(request, "core/_rate_limited.html", {"limited": limited}, status=429)
    else:
        referer = request.headers.get("Referer", "")
        back = next_url(request, referer if is_on_this_site(request, referer) else "")
        response = render(request, "429.html", {"limited": limited, "back": back}, status=429)
    return with_retry_after(response, limited)


def form_again(request, limited, template, context, *, kept=None):
    """The 429 answer to a posted form: the form again, with what was typed and why it waits."""
    _tell(request, limited, kept)
    return with_retry_after(render(request, template, context, status=429), limited)


def _tell(request, limited, kept=None):
    messages.error(request, f"{limited.message} {kept or _('What you typed is still in the form.')}")


# --- allauth --------------------------------------------------------------------


def allauth_429(request):
    """allauth's answer when one of ACCOUNT_RATE_LIMITS is reached (``ideas.urls.handler429``).

    A posted form (log-in, sign-up, password reset) comes back with what was typed, passwords
    excepted; anything else gets the 429 page.
    """
    action = ALLAUTH_ACTIONS.get(getattr(request.resolver_match, "url_name", ""), "")
    limited = _allauth_limit(request, action)
    view = _allauth_form_view(request)
    if view is None:
        return too_many_requests(request, limited)
    _tell(request, limited)
    kwargs = view.get_form_kwargs()
    data = kwargs.pop("data", {})
    kwargs.pop("files", None)
    typed = {name: value for name, value in data.items() if "password" not in name and name != "csrfmiddlewaretoken"}
    kwargs["initial"] = {**kwargs.get("initial", {}), **typed}
    response = view.render_to_response(view.get_context_data(form=view.get_form_class()(**kwargs)))
    response.status_code = 429
    return with_retry_after(response.render(), limited)


def _allauth_form_view(request):
    match = request.resolver_match
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    if request.method != "POST" or view_class is None or not issubclass(view_class, FormView):
        return None
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    return view


def _allauth_limit(request, action):
    """When the next attempt at ``action`` could pass allauth's limits, and whether a limit
    per address is among those reached. allauth keeps each limit's attempts (times, newest
    first) in the cache: a full one lets the next attempt pass once its oldest has left the window."""
    now = time.time()
    key = request.POST.get("email", "").strip().lower()
    waits = {}
    for rate in allauth_ratelimit.get_rates(app="allauth.account", action=action) if action else []:
        if (rate.per == "key" and not key) or (rate.per == "user" and not request.user.is_authenticated):
            continue
        cache_key = allauth_ratelimit.get_cache_key(request, app="allauth.account", action=action, rate=rate, key=key)
        attempts = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
        if len(attempts) >= rate.amount:
            waits[rate.per] = max(waits.get(rate.per, 0), attempts[rate.amount - 1] + rate.duration - now)
    # None full: allauth also refuses, for a moment, when its lock in the cache is busy.
    return RateLimited(action, "ip" if "ip" in waits else "user", max(waits.values(), default=10))
