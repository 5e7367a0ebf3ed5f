from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open data: the read-only API, its schema and documentation, Atom feeds and bulk downloads."""

    name = "ideas.api"
    label = "api"
    verbose_name = _("Open data")

    def ready(self):
        from . import triggers

        triggers.connect()
