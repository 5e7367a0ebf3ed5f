"""How views ask the permissions module (ideas.accounts.permissions)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from ideas.accounts.permissions import refused_for_second_factor


class LoginRequired(Exception):
    """The visitor must sign in first; the middleware turns this into a redirect."""


class SecondFactorRequired(Exception):
    """An official or staff member must set up two-factor authentication first; the middleware
    sends them to allauth's set-up page."""


def require(request, perm, obj=None):
    """Raise unless the user holds ``perm`` (on ``obj``). Visitors are sent to log in; officials
    and staff without a second factor are sent to set one up."""
    if request.user.has_perm(perm, obj):
        return
    if not request.user.is_authenticated:
        raise LoginRequired
    if refused_for_second_factor(request.user, perm, obj):
        raise SecondFactorRequired
    raise PermissionDenied


def ensure(user, perm, obj=None):
    """For services: refuse an action the user may not take, whoever calls (view, admin, command)."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _back(request):
    """Where to return afterwards: this page, or for a form sent (POST) the page it was on."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("Referer", "/")
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return "/"
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def second_factor_setup(request):
    """The answer to an official or staff member without a second factor: why, and where to set
    it up (allauth's authenticator-app page, which asks for the password again first)."""
    messages.warning(
        request,
        _(
            "Officials and staff must protect their account with two-factor authentication before "
            "they act for an organisation or the platform. Set up an authenticator app below; "
            "you can then continue where you were."
        ),
    )
    back = _back(request)
    request.session["fieldwork_second_factor_next"] = back
    return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': back})}")


# Password-only sign-in forms of Django's admin and Wagtail (its admin's, its private pages'):
# they would skip allauth's second step, so everyone signs in through allauth's.
OTHER_SIGN_INS = {"admin:login", "wagtailadmin_login", "wagtailcore_login"}
ADMIN_MOUNTS = ("admin/", "django-admin/")
ADMIN_HOMES = {"wagtailadmin_login": "wagtailadmin_home", "admin:login": "admin:index"}


def _to_the_admin(request, home):
    wanted = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return redirect(wanted)
    return redirect(home)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.view_name in OTHER_SIGN_INS:
            if request.user.is_authenticated:
                if request.user.has_perm("accounts.set_up_second_factor"):
                    return second_factor_setup(request)
                if match.view_name in ADMIN_HOMES and request.user.has_perm("wagtailadmin.access_admin"):
                    return _to_the_admin(request, ADMIN_HOMES[match.view_name])  # signed in already
                raise PermissionDenied
            return redirect_to_login(request.GET.get("next") or "/")
        if match.route.startswith(ADMIN_MOUNTS) and request.user.has_perm("accounts.set_up_second_factor"):
            return second_factor_setup(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, LoginRequired):
            next_url = request.get_full_path() if request.method == "GET" else request.headers.get("Referer", "/")
            return redirect_to_login(next_url)
        if isinstance(exception, SecondFactorRequired):
            return second_factor_setup(request)
        return None
