"""Wagtail's user administration (/admin/users/), with its role changes in the audit log.

INSTALLED_APPS names this configuration instead of ``wagtail.users``: the same app, whose
user views (``ideas.accounts.wagtail_user_views``) record role changes. Only the app
configuration is here, as Django loads it before the models.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "ideas.accounts.wagtail_user_views.AuditedUserViewSet"
