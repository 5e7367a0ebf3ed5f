from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.notifications.services import notify

from .models import ExpertApplication, ExpertProfile


def expert_application_submit(*, user, profession: str, workplace: str, evidence: str) -> ExpertApplication:
    if hasattr(user, "expert_profile"):
        raise ActionRefused(_("You are already a verified field expert."))
    if user.expert_applications.filter(status=ExpertApplication.Status.PENDING).exists():
        raise ActionRefused(_("Your application is already waiting for a decision."))
    return ExpertApplication.objects.create(user=user, profession=profession, workplace=workplace, evidence=evidence)


def expert_application_decide(*, application: ExpertApplication, staff, approve: bool, reason: str = ""):
    """Staff approve or reject an application; the applicant is told why."""
    reason = reason.strip()
    if not approve and not reason:
        raise ActionRefused(_("Tell the applicant why their application is rejected."))
    with transaction.atomic():
        application = ExpertApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ExpertApplication.Status.PENDING:
            raise ActionRefused(_("This application has already been decided."))
        application.status = ExpertApplication.Status.APPROVED if approve else ExpertApplication.Status.REJECTED
        application.decision_reason = reason
        application.decided_by = staff
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        if approve:
            ExpertProfile.objects.update_or_create(
                user=application.user,
                defaults={
                    "profession": application.profession,
                    "workplace": application.workplace,
                    "application": application,
                    "verified_at": application.decided_at,
                },
            )

            def message():
                text = _("You are now a verified field expert (%(profession)s). Everything you write carries a badge.")
                return text % {"profession": application.profession}
        else:

            def message():
                return _("Your field-expert application was not approved: %(reason)s") % {"reason": reason}

        notify(
            recipients=[application.user],
            kind=Notification.Kind.EXPERT_DECISION,
            message=message,
            url=lambda: reverse("accounts:profile"),
        )
    return application


def profile_update(*, user, display_name: str, show_name_publicly: bool, language: str):
    user.display_name = display_name
    user.show_name_publicly = show_name_publicly
    user.language = language
    user.save(update_fields=["display_name", "show_name_publicly", "language"])
    return user
