from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "ideas.proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from . import antifraud

        antifraud.connect()
