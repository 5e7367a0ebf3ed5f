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


def connect():
    from django.contrib.auth import get_user_model

    from ideas.pilots.models import Pilot

    for model in exported_models():
        post_save.connect(data_changed, sender=model, dispatch_uid=f"open-data-save-{model._meta.label}")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"open-data-delete-{model._meta.label}")
    for through in (Pilot.proposals.through, Pilot.partner_organisations.through):
        m2m_changed.connect(data_changed, sender=through, dispatch_uid=f"open-data-m2m-{through._meta.label}")
    post_save.connect(account_changed, sender=get_user_model(), dispatch_uid="open-data-account")


def data_changed(sender, **kwargs):
    schedule_regeneration()


def account_changed(sender, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not ACCOUNT_FIELDS & set(update_fields)):
        return
    schedule_regeneration()


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
