"""Standard models: drafted from a concluded pilot, published through Wagtail's
moderation workflow, adopted by organisations whose feedback feeds the next version."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ideas.audit.models import AuditEntry
from ideas.audit.services import audit_record
from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import ensure
from ideas.notifications.models import Notification
from ideas.notifications.services import notify

from .models import Adoption, ModelVersion, StandardModelIndexPage, StandardModelPage

INDEX_SLUG = "models"


def model_index() -> StandardModelIndexPage | None:
    """The /models/ page, created under the default site's home page if missing."""
    index = StandardModelIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    if Page.objects.child_of(home).filter(slug=INDEX_SLUG).exists():
        return None  # an editor's page holds the address; leave it alone
    return home.add_child(instance=StandardModelIndexPage(title="Standard models", slug=INDEX_SLUG))


def model_draft_from_pilot(*, pilot, actor) -> StandardModelPage:
    """A draft standard model prefilled from a concluded, standardised pilot.

    The publisher completes it in Wagtail and submits it to the moderation workflow; the
    evidence section is never copied, the page reads it from the pilot.
    """
    ensure(actor, "playbooks.draft_model", pilot)
    index = model_index()
    if index is None:
        raise ActionRefused(_("The standard models section does not exist yet. Ask staff to create it."))
    with transaction.atomic():
        page = StandardModelPage(
            title=pilot.title,
            slug=_unique_slug(index, pilot),
            pilot=pilot,
            summary=linebreaks(escape(pilot.outcome_summary)),
            when_to_use=linebreaks(escape(pilot.hypothesis)),
            procedure=[
                (
                    "step",
                    {
                        "who": pilot.lead_organisation.name,
                        "what": linebreaks(escape(iteration.changes)),
                        "duration": "",
                        "resources": "",
                    },
                )
                for iteration in pilot.iterations.all()
            ],
            requirements=[("requirement", {"kind": "space", "description": site}) for site in pilot.site_list],
            limitations=[
                ("limitation", {"limitation": iteration.problems, "left_out": "", "alternative": ""})
                for iteration in pilot.iterations.all()
                if iteration.problems.strip()
            ],
            owner=actor,
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision(user=actor, log_action=True)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.MODEL_DRAFTED,
            target=page,
            organisation=pilot.lead_organisation,
            details={"pilot": pilot.pk},
        )
    return page


def _unique_slug(index, pilot):
    base = f"pilot-{pilot.pk}"
    taken = set(Page.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def adoption_record(*, page: StandardModelPage, actor, organisation, data: dict) -> Adoption:
    """Record or update an organisation's adoption of a model; the publishers are told."""
    ensure(actor, "playbooks.adopt_for", organisation)
    if not page.live:
        raise ActionRefused(_("Only a published standard model can be adopted."))
    fields = {key: data[key] for key in ("status", "started_on", "local_adaptations", "feedback")}
    with transaction.atomic():
        adoption, created = Adoption.objects.select_for_update().get_or_create(
            page=page,
            organisation=organisation,
            defaults={**fields, "recorded_by": actor, "version": page.versions.first()},
        )
        if not created:
            for key, value in fields.items():
                setattr(adoption, key, value)
            adoption.recorded_by = actor
            adoption.updated_at = timezone.now()
            adoption.save()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ADOPTION_RECORDED,
            target=adoption,
            organisation=organisation,
            details={"created": created, "status": adoption.status, "page": page.pk},
        )
        if fields["feedback"].strip():
            _notify_publishers(page, organisation, actor)
    return adoption


def _model_publishers(page):
    """Who looks after a model: the publisher who drafted it and the publishers of their
    organisations (without an owner, those of the pilot's lead organisation)."""
    from ideas.accounts.models import Membership

    publishers = Membership.objects.filter(role=Membership.Role.PUBLISHER)
    if page.owner_id:
        organisations = publishers.filter(user_id=page.owner_id).values("organisation")
    else:
        organisations = [page.pilot.lead_organisation_id]
    users = {m.user for m in publishers.filter(organisation__in=organisations).select_related("user")}
    if page.owner_id:
        users.add(page.owner)
    return users


def _notify_publishers(page, organisation, actor):
    notify(
        recipients=_model_publishers(page),
        kind=Notification.Kind.ADOPTION_FEEDBACK,
        message=lambda: (
            _("%(organisation)s sent feedback on the standard model “%(title)s”.")
            % {"organisation": organisation.name, "title": page.title}
        ),
        url=lambda: f"{page.url}feedback/",
        exclude=actor,
    )


def feedback_mark_addressed(*, adoption: Adoption, version: ModelVersion, actor) -> Adoption:
    ensure(actor, "playbooks.review_feedback", adoption.page)
    if version.page_id != adoption.page_id:
        raise ActionRefused(_("That version belongs to another standard model."))
    with transaction.atomic():
        adoption.feedback_addressed_in = version
        adoption.save(update_fields=["feedback_addressed_in"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.FEEDBACK_REVIEWED,
            target=adoption,
            organisation=adoption.organisation,
            details={"page": adoption.page_id, "version": version.number},
        )
    return adoption


# Wagtail's log actions that publish or unpublish a page, whichever way (the editor's "Publish",
# a workflow's approval, which publishes with the approver as user, or scheduled publishing).
PUBLICATION_ACTIONS = {
    "wagtail.publish": AuditEntry.Action.MODEL_PUBLISHED,
    "wagtail.publish.scheduled": AuditEntry.Action.MODEL_PUBLISHED,
    "wagtail.unpublish": AuditEntry.Action.MODEL_UNPUBLISHED,
    "wagtail.unpublish.scheduled": AuditEntry.Action.MODEL_UNPUBLISHED,
}


def publication_record(entry) -> None:
    """Record a standard model's publication or unpublication from Wagtail's log entry, written
    in the same transaction as the publication, with who published (the ``page_published``
    signal does not say who)."""
    action = PUBLICATION_ACTIONS.get(entry.action)
    if action is None:
        return
    page = StandardModelPage.objects.filter(pk=entry.page_id).select_related("pilot__lead_organisation").first()
    if page is None:
        return
    revision = entry.revision_id
    audit_record(
        actor=entry.user,
        action=action,
        target=page,
        organisation=page.pilot.lead_organisation if page.pilot_id else None,
        details={"wagtail_action": entry.action, **({"revision": revision} if revision else {})},
    )
