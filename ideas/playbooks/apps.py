from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlaybooksConfig(AppConfig):
    name = "ideas.playbooks"
    verbose_name = _("Standard models")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageLogEntry
        from wagtail.signals import page_published

        from ideas.accounts.models import Membership

        from . import signals
        from .models import StandardModelPage

        page_published.connect(signals.record_version, sender=StandardModelPage)
        post_migrate.connect(signals.ensure_model_index, sender=self)
        post_save.connect(signals.sync_publisher_group, sender=Membership)
        post_delete.connect(signals.sync_publisher_group, sender=Membership)
        post_save.connect(signals.record_publication, sender=PageLogEntry)
