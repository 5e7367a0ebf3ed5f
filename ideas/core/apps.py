from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "ideas.core"

    def ready(self):
        from . import page_cache

        page_cache.connect()


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with Fieldwork's site (ideas/core/admin_site.py)."""

    default = False
    default_site = "ideas.core.admin_site.AdminSite"
