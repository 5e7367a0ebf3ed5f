"""The public querysets of open data, joined so that a page of any length costs a fixed
number of queries (tests/test_api.py counts them). The API, the exports and the feeds
read through here, so what is public is decided once."""

from django.db.models import Count, Prefetch, Q

from ideas.accounts.models import Organisation
from ideas.pilots.models import Iteration, Measurement, Pilot
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals.models import NEWEST_FIRST, Challenge, ExpertReview, Proposal, StatusChange
from ideas.proposals.selectors import proposals_for_listing

PUBLIC_STATUSES = [status for status in Proposal.Status if status not in Proposal.PRIVATE_STATES]


def proposals():
    return (
        proposals_for_listing(Proposal.objects.public())
        .select_related("challenge", "assigned_organisation", "merged_into")
        .prefetch_related(
            Prefetch(
                "timeline",
                queryset=StatusChange.objects.select_related("actor_organisation").order_by("created_at", "pk"),
                to_attr="timeline_entries",
            ),
            Prefetch("pilots", queryset=Pilot.objects.only("pk").order_by("pk")),
        )
        .order_by(*NEWEST_FIRST)
    )


def proposal_details():
    return proposals().prefetch_related(
        Prefetch(
            "reviews",
            queryset=ExpertReview.objects.select_related("reviewer__expert_profile").order_by("created_at", "pk"),
        )
    )


def status_changes():
    """Timeline entries of public proposals, newest first (the decisions feed, the timeline export)."""
    return (
        StatusChange.objects.filter(proposal__in=Proposal.objects.public())
        .select_related("proposal", "actor_organisation")
        .order_by("-created_at", "-pk")
    )


def decisions():
    """Status changes after submission: officials' decisions, answers and withdrawals."""
    return status_changes().exclude(from_status__in=["", Proposal.Status.DRAFT])


def pilots():
    return (
        Pilot.objects.select_related("lead_organisation")
        .prefetch_related(
            Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name", "pk")),
            "metrics",
            Prefetch(
                "iterations",
                queryset=Iteration.objects.order_by("number").prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("metric__position", "metric_id"))
                ),
            ),
            Prefetch(
                "proposals", queryset=Proposal.objects.public().only("pk").order_by("pk"), to_attr="public_proposals"
            ),
        )
        .order_by("-created_at", "-pk")
    )


def measurements():
    """Every measurement with its iteration, metric and pilot (the measurements export)."""
    return Measurement.objects.select_related("iteration__pilot", "metric").order_by(
        "iteration__pilot_id", "iteration__number", "metric__position", "metric_id"
    )


def iterations():
    return Iteration.objects.select_related("pilot").order_by("pilot_id", "number")


def challenges():
    public = Q(
        proposals__status__in=PUBLIC_STATUSES, proposals__hidden_at__isnull=True, proposals__held_at__isnull=True
    )
    return (
        Challenge.objects.select_related("owner")
        .annotate(proposal_count=Count("proposals", filter=public))
        .order_by("-created_at", "-pk")
    )


def organisations():
    return Organisation.objects.select_related("region").order_by("name", "pk")


def published_models():
    """Standard models anyone may read: live and without a view restriction."""
    return StandardModelPage.objects.live().public()


def standard_models():
    active = ~Q(adoptions__status=Adoption.Status.RETIRED)
    return (
        published_models()
        .select_related("pilot")
        .prefetch_related(Prefetch("versions", queryset=ModelVersion.objects.order_by("-number")))
        .annotate(
            adoption_count=Count("adoptions", distinct=True),
            active_adoption_count=Count("adoptions", filter=active, distinct=True),
        )
        .order_by("-last_published_at", "-pk")
    )


def model_versions():
    """Published versions of published standard models, newest first (the models feed)."""
    return (
        ModelVersion.objects.filter(page__in=published_models().values("pk"))
        .select_related("page")
        .order_by("-published_at", "-pk")
    )


def adoptions():
    return (
        Adoption.objects.filter(page__in=published_models().values("pk"))
        .select_related("organisation", "version", "feedback_addressed_in")
        .order_by("-started_on", "-pk")
    )
