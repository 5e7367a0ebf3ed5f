"""How views ask the permissions module (ideas.accounts.permissions)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class LoginRequired(Exception):
    """The visitor must sign in first; the middleware turns this into a redirect."""


def require(request, perm, obj=None):
    """Raise unless the user holds ``perm`` (on ``obj``). Visitors are sent to log in."""
    if request.user.has_perm(perm, obj):
        return
    if not request.user.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


def ensure(user, perm, obj=None):
    """For services: refuse an action the user may not take, whoever calls (view, admin, command)."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LoginRequired):
            next_url = request.get_full_path() if request.method == "GET" else request.headers.get("Referer", "/")
            return redirect_to_login(next_url)
        return None
