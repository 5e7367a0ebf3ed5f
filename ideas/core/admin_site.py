"""Django's admin (/django-admin/): staff with a second factor only (docs/security.md, "Access").

Its own sign-in form is not used: ideas.core.permissions.LoginRequiredMiddleware sends it to
allauth's, which asks for the second factor.
"""

from django.contrib import admin

from ideas.accounts.permissions import has_second_factor


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and has_second_factor(request.user)
