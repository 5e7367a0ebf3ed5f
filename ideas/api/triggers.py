"""When the bulk downloads are regenerated (docs/open-data.md).

1. On a schedule: ``manage.py regenerate_open_data`` (cron, a systemd timer or a
   Kubernetes CronJob; every 10 minutes is a good start). This is what the embedded default
   relies on: its task backend runs tasks inline, in the request that enqueued them, so
   regenerating on every change there would slow every change down.
2. After changes, debounced, when the task backend can defer tasks (a real queue): a
   change to anything exported, or to how a person is named, schedules one regeneration
   ``OPEN_DATA["REGENERATE_DELAY_SECONDS"]`` later. A marker in the shared cache makes all
   the changes of that window share the run, across web processes.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

PENDING_KEY = "open-data:regeneration-scheduled"
# Changing these changes what open data says about a person.
ACCOUNT_FIELDS = {"display_name", "show_name_publicly", "is_active"}


def exported_models():
    from ideas.accounts.models import ExpertProfile, Organisation
    from ideas.pilots.models import Iteration, Measurement, Metric, Pilot
    from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
    from ideas.proposals.models import Category, Challenge, ExpertReview, Proposal, Region, StatusChange

    return [
        Proposal,
        StatusChange,
        ExpertReview,
        Challenge,
        Category,
        Region,
        Organisation,
        ExpertProfile,
        Pilot,
        Metric,
        Iteration,
        Measurement,
        StandardModelPage,
        ModelVersion,
        Adoption,
    ]


def on_public_change(callback, *, name, extra_models=()):
    """Call ``callback()`` whenever something public is saved or deleted (the exported models and
    ``extra_models``), a pilot's links change, or how a person is named changes. Serves the
    open-data regeneration here and the page cache (ideas/core/page_cache.py)."""
    from django.contrib.auth import get_user_model

    from ideas.pilots.models import Pilot

    def changed(sender, **kwargs):
        callback()

    def account_changed(sender, created, update_fields=None, **kwargs):
        if not created and (update_fields is None or ACCOUNT_FIELDS & set(update_fields)):
            callback()

    for model in [*exported_models(), *extra_models]:
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{name}-save-{model._meta.label}")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{name}-delete-{model._meta.label}")
    for through in (Pilot.proposals.through, Pilot.partner_organisations.through):
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"{name}-m2m-{through._meta.label}")
    post_save.connect(account_changed, sender=get_user_model(), weak=False, dispatch_uid=f"{name}-account")


def connect():
    on_public_change(schedule_regeneration, name="open-data")


def can_defer():
    from .tasks import regenerate_open_data

    return regenerate_open_data.get_backend().supports_defer


def schedule_regeneration():
    """Ask for one regeneration a little later, after the current transaction commits."""
    if can_defer():
        transaction.on_commit(_enqueue_once)


def _enqueue_once():
    from .tasks import regenerate_open_data

    delay = settings.OPEN_DATA["REGENERATE_DELAY_SECONDS"]
    # The marker expires just before the run starts: a change after that schedules the next run,
    # a change before it is committed in time for this one.
    if cache.add(PENDING_KEY, "1", max(delay - 1, 1)):
        regenerate_open_data.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()
