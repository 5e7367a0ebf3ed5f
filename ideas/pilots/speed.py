"""Speed figures (DESIGN.md section 3): how fast proposals are answered and piloted.

Per proposal: time to the first official response and to the first pilot. Per pilot:
time from its first proposal to its start, number of iterations, time to conclusion.
Each figure is a median, per organisation and overall, computed from a few grouped
queries whatever the number of rows.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min
from django.utils import timezone

from ideas.accounts.models import Organisation
from ideas.proposals.models import Proposal

from .models import Pilot


@dataclass
class Figures:
    organisation: Organisation | None = None  # None: every organisation
    responses: list = field(default_factory=list)
    to_pilot: list = field(default_factory=list)
    to_start: list = field(default_factory=list)
    iterations: list = field(default_factory=list)
    to_conclusion: list = field(default_factory=list)
    overdue: int = 0

    @property
    def median_response(self):
        return _median(self.responses)

    @property
    def median_to_pilot(self):
        return _median(self.to_pilot)

    @property
    def median_to_start(self):
        return _median(self.to_start)

    @property
    def median_iterations(self):
        return _median(self.iterations)

    @property
    def median_to_conclusion(self):
        return _median(self.to_conclusion)

    @property
    def pilots(self):
        return len(self.iterations)


def _median(values):
    return statistics.median(values) if values else None


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def cached_speed_figures(organisation_ids=None):
    """``speed_figures``, recomputed at most every ``FIELDWORK["SPEED_FIGURES_SECONDS"]``.

    Medians over months need not be current to the second, and at national volume computing
    them reads every answered proposal and every pilot.
    """
    scope = "all" if organisation_ids is None else ",".join(map(str, sorted(organisation_ids)))
    return cache.get_or_set(
        f"speed-figures:{scope}", lambda: speed_figures(organisation_ids), settings.FIELDWORK["SPEED_FIGURES_SECONDS"]
    )


def speed_figures(organisation_ids=None) -> tuple[Figures, list[Figures]]:
    """The overall figures and one row per organisation (only ``organisation_ids``, if given,
    in which case "overall" covers those organisations only)."""
    overall = Figures()
    rows = defaultdict(Figures)

    def add(org_id, attribute, value):
        getattr(overall, attribute).append(value)
        if org_id is not None:
            getattr(rows[org_id], attribute).append(value)

    proposals = Proposal.objects.public().exclude(submitted_at=None)
    pilots = Pilot.objects.all()
    if organisation_ids is not None:
        # The dashboard wants its own organisations: don't read everyone's rows to drop them.
        proposals = proposals.filter(assigned_organisation_id__in=organisation_ids)
        pilots = pilots.filter(lead_organisation_id__in=organisation_ids)
    for org_id, submitted, responded in proposals.filter(first_response_at__isnull=False).values_list(
        "assigned_organisation_id", "submitted_at", "first_response_at"
    ):
        add(org_id, "responses", responded - submitted)
    piloted = proposals.filter(pilots__isnull=False).annotate(first_pilot=Min("pilots__created_at"))
    for org_id, submitted, first_pilot in piloted.values_list(
        "assigned_organisation_id", "submitted_at", "first_pilot"
    ):
        add(org_id, "to_pilot", max(first_pilot - submitted, timedelta(0)))

    pilots = pilots.annotate(
        first_proposal=Min("proposals__submitted_at"), iteration_total=Count("iterations", distinct=True)
    )
    for org_id, status, started, concluded, first_proposal, total in pilots.values_list(
        "lead_organisation_id", "status", "started_on", "concluded_on", "first_proposal", "iteration_total"
    ):
        if status == Pilot.Status.PLANNED:
            continue  # a pilot that has not started says nothing about speed yet
        add(org_id, "iterations", total)
        if started and first_proposal:
            add(org_id, "to_start", max(_start_of(started) - first_proposal, timedelta(0)))
        if status == Pilot.Status.CONCLUDED and started and concluded:
            add(org_id, "to_conclusion", concluded - started)

    overdue = proposals.filter(
        status=Proposal.Status.SUBMITTED, first_response_at__isnull=True, response_due_at__lt=timezone.now()
    )
    overall.overdue = overdue.count()
    for org_id, count in (
        overdue.exclude(assigned_organisation=None).values_list("assigned_organisation_id").annotate(n=Count("pk"))
    ):
        rows[org_id].overdue = count

    organisations = Organisation.objects.in_bulk(list(rows))
    for org_id, row in rows.items():
        row.organisation = organisations[org_id]
    return overall, sorted(rows.values(), key=lambda row: row.organisation.name)


def proposal_speed(proposal) -> dict:
    """The figures for one proposal's page (pilots prefetched by the caller)."""
    figures = {}
    if proposal.submitted_at and proposal.first_response_at:
        figures["response"] = proposal.first_response_at - proposal.submitted_at
    pilots = [p.created_at for p in proposal.pilots.all()]
    if proposal.submitted_at and pilots:
        figures["to_pilot"] = max(min(pilots) - proposal.submitted_at, timedelta(0))
    return figures
