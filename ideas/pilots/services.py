"""Every change to pilots: create, edit, start, record iterations, conclude.

Each function checks permission through ``ideas.accounts.permissions`` (so views, the
admin and commands are held to the same rules), runs in a transaction, and tells the
people behind the pilot's proposals after the commit.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.audit.models import AuditEntry
from ideas.audit.services import audit_record
from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import ensure
from ideas.notifications.models import Notification
from ideas.notifications.services import notify
from ideas.proposals.models import Proposal

from .models import Iteration, Measurement, Metric, Pilot

Status = Pilot.Status

PILOT_FIELDS = ("title", "hypothesis", "lead_organisation", "sites", "planned_start")
METRIC_FIELDS = ("name", "unit", "baseline", "target", "direction")
ITERATION_FIELDS = ("period_start", "period_end", "changes", "observations", "problems", "decision")


def pilot_create(*, actor, data: dict, metrics: list[dict]) -> Pilot:
    """Create a planned pilot from accepted proposals, with its metrics."""
    ensure(actor, "pilots.lead_pilot_for", data["lead_organisation"])
    proposals = list(data["proposals"])
    _check_proposals(proposals)
    if not [m for m in metrics if not m.get("delete")]:
        raise ActionRefused(_("Give the pilot at least one metric, so its results can be measured."))
    with transaction.atomic():
        pilot = Pilot(created_by=actor)
        for field in PILOT_FIELDS:
            setattr(pilot, field, data[field])
        pilot.save()
        pilot.partner_organisations.set(data.get("partner_organisations") or [])
        pilot.proposals.set(proposals)
        _save_metrics(pilot, metrics)
        _audit(actor, AuditEntry.Action.PILOT_CREATED, pilot, proposals=sorted(p.pk for p in proposals))
        _notify_proposal_people(
            pilot,
            actor,
            lambda: _("A pilot was planned from a proposal you follow: “%(title)s”.") % {"title": pilot.title},
        )
    return pilot


def pilot_update(*, pilot: Pilot, actor, data: dict, metrics: list[dict]) -> Pilot:
    ensure(actor, "pilots.change_pilot", pilot)
    if data["lead_organisation"].pk != pilot.lead_organisation_id:
        ensure(actor, "pilots.lead_pilot_for", data["lead_organisation"])
    proposals = list(data["proposals"])
    _check_proposals(proposals, pilot=pilot)
    with transaction.atomic():
        before = Pilot.objects.filter(pk=pilot.pk).values(*PILOT_FIELDS).get()
        for field in PILOT_FIELDS:
            setattr(pilot, field, data[field])
        pilot.updated_at = timezone.now()
        pilot.save(update_fields=[*PILOT_FIELDS, "updated_at"])
        pilot.partner_organisations.set(data.get("partner_organisations") or [])
        pilot.proposals.set(proposals)
        _save_metrics(pilot, metrics)
        if not pilot.metrics.exists():
            raise ActionRefused(_("Give the pilot at least one metric, so its results can be measured."))
        after = {field: getattr(pilot, Pilot._meta.get_field(field).attname) for field in PILOT_FIELDS}
        changed = sorted(field for field in PILOT_FIELDS if before[field] != after[field])
        _audit(actor, AuditEntry.Action.PILOT_CHANGED, pilot, fields=changed, proposals=sorted(p.pk for p in proposals))
    return pilot


def _audit(actor, action, pilot, *, reason="", **details):
    """Pilot actions are recorded for the lead organisation, whoever acts (an official of a
    partner organisation, or staff)."""
    audit_record(
        actor=actor,
        action=action,
        target=pilot,
        organisation=pilot.lead_organisation,
        reason=reason,
        details=details,
    )


def _check_proposals(proposals, pilot=None):
    """Every proposal must be accepted now (read afresh: a form may be stale), or already in the pilot."""
    if not proposals:
        raise ActionRefused(_("A pilot is made from at least one accepted proposal."))
    accepted = set(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals], status=Proposal.Status.ACCEPTED).values_list(
            "pk", flat=True
        )
    )
    current = set(pilot.proposals.values_list("pk", flat=True)) if pilot else set()
    for proposal in proposals:
        if proposal.pk not in accepted | current:
            raise ActionRefused(
                _("“%(title)s” is not accepted: only accepted proposals can become pilots.") % {"title": proposal.title}
            )


def _save_metrics(pilot, metrics):
    """Create, change and delete metrics; a metric that has measurements is never deleted."""
    for position, row in enumerate(metrics):
        metric = pilot.metrics.get(pk=row["id"]) if row.get("id") else None
        if row.get("delete"):
            if metric is None:
                continue
            if metric.measurements.exists():
                raise ActionRefused(
                    _("“%(name)s” already has measurements and cannot be removed.") % {"name": metric.name}
                )
            metric.delete()
            continue
        metric = metric or Metric(pilot=pilot)
        for field in METRIC_FIELDS:
            setattr(metric, field, row[field])
        metric.position = position
        metric.save()


def pilot_start(*, pilot: Pilot, actor, started_on, expected_status=Status.PLANNED) -> Pilot:
    ensure(actor, "pilots.start_pilot", pilot)
    with transaction.atomic():
        locked = _lock(pilot, expected_status, Status.RUNNING)
        locked.status = Status.RUNNING
        locked.started_on = started_on
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "started_on", "updated_at"])
        _audit(actor, AuditEntry.Action.PILOT_STARTED, locked, started_on=started_on.isoformat())
        _notify_proposal_people(
            locked,
            actor,
            lambda: _("The pilot “%(title)s”, made from a proposal you follow, has started.") % {"title": pilot.title},
        )
    return locked


def pilot_conclude(
    *, pilot: Pilot, actor, outcome: str, summary: str, concluded_on, expected_status=Status.RUNNING
) -> Pilot:
    ensure(actor, "pilots.conclude_pilot", pilot)
    summary = (summary or "").strip()
    if not summary:
        raise ActionRefused(_("Summarise the outcome: what was learnt, and why it ends this way."))
    if outcome not in Pilot.Outcome.values:
        raise ActionRefused(_("Choose the outcome: standardised or stopped."))
    with transaction.atomic():
        locked = _lock(pilot, expected_status, Status.CONCLUDED)
        if locked.started_on and concluded_on < locked.started_on:
            raise ActionRefused(_("A pilot cannot conclude before it started."))
        locked.status = Status.CONCLUDED
        locked.outcome = outcome
        locked.outcome_summary = summary
        locked.concluded_on = concluded_on
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "outcome", "outcome_summary", "concluded_on", "updated_at"])
        _audit(
            actor,
            AuditEntry.Action.PILOT_CONCLUDED,
            locked,
            reason=summary,
            outcome=outcome,
            concluded_on=concluded_on.isoformat(),
        )
        _notify_proposal_people(
            locked,
            actor,
            lambda: (
                _("The pilot “%(title)s” has concluded: %(outcome)s.")
                % {"title": pilot.title, "outcome": Pilot.Outcome(outcome).label}
            ),
        )
    return locked


def _lock(pilot, expected_status, to_status):
    locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if not locked.can_move_to(to_status):
        raise ActionRefused(
            _("A pilot that is “%(from)s” cannot become “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Status(to_status).label}
        )
    if expected_status is not None and locked.status != expected_status:
        raise ActionRefused(_("Someone else changed this pilot meanwhile. Reload the page and try again."))
    return locked


def pilot_record_iteration(*, pilot: Pilot, actor, data: dict, measurements: dict) -> Iteration:
    """Record the next iteration with one measurement per metric; followers are told."""
    ensure(actor, "pilots.record_iteration", pilot)
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if locked.status != Status.RUNNING:
            raise ActionRefused(_("Iterations are recorded while a pilot is running."))
        number = (locked.iterations.aggregate(last=Max("number"))["last"] or 0) + 1
        iteration = Iteration(pilot=locked, number=number, recorded_by=actor)
        _fill_iteration(iteration, data, measurements)
        Pilot.objects.filter(pk=pilot.pk).update(updated_at=timezone.now())
        _audit(actor, AuditEntry.Action.ITERATION_RECORDED, locked, iteration=number, decision=iteration.decision)
        _notify_proposal_people(
            locked,
            actor,
            lambda: (
                _("Iteration %(number)d of the pilot “%(title)s” is recorded: %(decision)s.")
                % {"number": number, "title": pilot.title, "decision": iteration.get_decision_display()}
            ),
        )
    return iteration


def iteration_update(*, iteration: Iteration, actor, data: dict, measurements: dict) -> Iteration:
    """Correct an iteration; pages and evidence that show it follow."""
    ensure(actor, "pilots.change_pilot", iteration.pilot)
    with transaction.atomic():
        iteration.updated_at = timezone.now()
        _fill_iteration(iteration, data, measurements)
        Pilot.objects.filter(pk=iteration.pilot_id).update(updated_at=timezone.now())
        _audit(
            actor,
            AuditEntry.Action.ITERATION_CHANGED,
            iteration.pilot,
            iteration=iteration.number,
            decision=iteration.decision,
        )
    return iteration


def _fill_iteration(iteration, data, measurements):
    if data["period_end"] < data["period_start"]:
        raise ActionRefused(_("The period ends before it starts."))
    for field in ITERATION_FIELDS:
        setattr(iteration, field, data[field])
    iteration.save()
    metrics = {m.pk: m for m in iteration.pilot.metrics.all()}
    missing = [m.name for pk, m in metrics.items() if measurements.get(pk) is None]
    if missing:
        raise ActionRefused(_("Give a measurement for: %(names)s.") % {"names": ", ".join(missing)})
    for metric_pk, metric in metrics.items():
        Measurement.objects.update_or_create(
            iteration=iteration, metric=metric, defaults={"value": measurements[metric_pk]}
        )


def _notify_proposal_people(pilot, actor, message):
    """Authors and followers of the pilot's proposals hear about it."""
    proposals = list(pilot.proposals.select_related("author").prefetch_related("follows__user"))
    recipients = [p.author for p in proposals] + [f.user for p in proposals for f in p.follows.all()]
    notify(
        recipients=recipients,
        kind=Notification.Kind.PILOT_UPDATE,
        message=message,
        url=pilot.get_absolute_url,
        exclude=actor,
    )
