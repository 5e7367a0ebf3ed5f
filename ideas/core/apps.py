from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ideas.core"

    def ready(self):
        from . import page_cache

        page_cache.connect()
