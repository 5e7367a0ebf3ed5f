from django.db import transaction
from django.db.models import Max

PUBLISHING_ACTIONS = ("wagtail.publish", "wagtail.workflow.approve")


def record_version(sender, instance, revision, **kwargs):
    """Each publication of a standard model becomes a numbered version with its change note."""
    from .models import ModelVersion

    last = instance.versions.aggregate(last=Max("number"))["last"] or 0
    version = ModelVersion.objects.create(
        page=instance, number=last + 1, revision=revision, change_note=instance.change_note
    )
    # Wagtail logs a workflow approval before this signal but a direct publication after
    # it: record the latest entry now, and read the log again once everything is committed.
    _record_publisher(version)
    transaction.on_commit(lambda: _record_publisher(version))


def _record_publisher(version):
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page_id=version.page_id, action__in=PUBLISHING_ACTIONS, user__isnull=False)
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is not None:
        type(version).objects.filter(pk=version.pk).update(published_by_id=entry.user_id)


def record_publication(sender, instance, created, **kwargs):
    """A standard model published or unpublished, however (ideas.playbooks.services.publication_record)."""
    from .services import PUBLICATION_ACTIONS, publication_record

    if created and instance.action in PUBLICATION_ACTIONS:
        publication_record(instance)


def ensure_model_index(sender, **kwargs):
    """/models/ exists on every installation, under the default site's home page."""
    from .services import model_index

    model_index()


EDITORS = "Editors"  # Wagtail's default group: may draft and submit pages, not publish them


def sync_publisher_group(sender, instance, **kwargs):
    """Publishers (a membership role) are Wagtail editors: they draft models and submit them
    to the moderation workflow; Wagtail's Moderators approve and publish."""
    from django.contrib.auth.models import Group

    from ideas.accounts.models import Membership

    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    user = instance.user
    if Membership.objects.filter(user=user, role=Membership.Role.PUBLISHER).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
