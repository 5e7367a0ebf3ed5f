"""Filters of the open-data API (django-filter). Each help text is the parameter's
description in the OpenAPI schema."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation
from ideas.pilots.models import Pilot
from ideas.playbooks.models import Adoption, StandardModelPage
from ideas.proposals.filters import PUBLIC_STATUS_CHOICES
from ideas.proposals.models import Challenge, Proposal

UPDATED_SINCE = _("Only those changed at or after this time (ISO 8601, for example 2020-03-01T00:00:00+09:00).")


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering by the chosen fields, then by id in the same direction, so that rows with
    equal values keep their place from one page to the next."""

    def filter(self, qs, value):
        value = [param for param in value or [] if param]  # "?ordering=," names no field
        if not value:
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        last = ordering[-1]
        if last.lstrip("-") not in ("id", "pk"):
            ordering.append("-pk" if last.startswith("-") else "pk")
        return qs.order_by(*ordering)


class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number a database column can hold, else the request is refused
    (400) rather than sent to the database (SQLite cannot compare with a number beyond 64 bits)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=-(2**63), max_value=2**63 - 1, **kwargs)


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time, compared in UTC: any offset Python accepts (up to ±23:59) reaches the
    database as UTC, which PostgreSQL requires (its offsets stop at ±15:59)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError as exc:  # 9999-12-31T23:00-05:00 is beyond the last representable time
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def ordering(*fields, default):
    return StableOrderingFilter(
        fields=[(field, field) for field in fields],
        help_text=format_lazy(
            _("Sort order: comma-separated field names, a leading minus for descending. Default: {default}."),
            default=default,
        ),
    )


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=PUBLIC_STATUS_CHOICES, help_text=_("Only proposals in this status (repeat for several).")
    )
    category = django_filters.CharFilter(field_name="category__slug", help_text=_("Only this category (its slug)."))
    region = django_filters.CharFilter(field_name="region__slug", help_text=_("Only this region (its slug)."))
    challenge = IdFilter(field_name="challenge_id", help_text=_("Only proposals answering this challenge (its id)."))
    assigned_organisation = django_filters.CharFilter(
        field_name="assigned_organisation__slug",
        help_text=_("Only proposals assigned to this organisation (its slug)."),
    )
    field_expert = django_filters.BooleanFilter(
        method="filter_field_expert",
        help_text=_("Only proposals by verified field experts (true) or by others (false)."),
    )
    submitted_since = UtcDateTimeFilter(
        field_name="submitted_at",
        lookup_expr="gte",
        help_text=_("Only those submitted at or after this time (ISO 8601)."),
    )
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE)
    ordering = ordering("submitted_at", "updated_at", "support_count", "comment_count", "id", default="-submitted_at")

    class Meta:
        model = Proposal
        fields = []

    def filter_field_expert(self, queryset, name, value):
        return queryset.filter(author__expert_profile__isnull=not value)


class PilotFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Pilot.Status.choices, help_text=_("Only pilots in this status (repeat for several).")
    )
    outcome = django_filters.ChoiceFilter(
        choices=Pilot.Outcome.choices, help_text=_("Only concluded pilots with this outcome.")
    )
    organisation = django_filters.CharFilter(
        method="filter_organisation", help_text=_("Only pilots this organisation leads or takes part in (its slug).")
    )
    lead_organisation = django_filters.CharFilter(
        field_name="lead_organisation__slug", help_text=_("Only pilots this organisation leads (its slug).")
    )
    proposal = IdFilter(method="filter_proposal", help_text=_("Only pilots made from this proposal (its id)."))
    category = django_filters.CharFilter(
        method="filter_category", help_text=_("Only pilots made from proposals of this category (its slug).")
    )
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_SINCE)
    ordering = ordering("created_at", "updated_at", "started_on", "id", default="-created_at")

    class Meta:
        model = Pilot
        fields = []

    def filter_organisation(self, queryset, name, value):
        pilots = Pilot.objects.filter(lead_organisation__slug=value) | Pilot.objects.filter(
            partner_organisations__slug=value
        )
        return queryset.filter(pk__in=pilots.values("pk"))

    def filter_proposal(self, queryset, name, value):
        pilots = Pilot.objects.filter(proposals__in=Proposal.objects.public().filter(pk=value))
        return queryset.filter(pk__in=pilots.values("pk"))

    def filter_category(self, queryset, name, value):
        pilots = Pilot.objects.filter(proposals__in=Proposal.objects.public().filter(category__slug=value))
        return queryset.filter(pk__in=pilots.values("pk"))


class ChallengeFilter(django_filters.FilterSet):
    owner = django_filters.CharFilter(
        field_name="owner__slug", help_text=_("Only challenges of this organisation (its slug).")
    )
    open = django_filters.BooleanFilter(
        method="filter_open", help_text=_("Only challenges still open (true) or closed (false).")
    )
    ordering = ordering("created_at", "deadline", "id", default="-created_at")

    class Meta:
        model = Challenge
        fields = []

    def filter_open(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(deadline__gte=today) if value else queryset.filter(deadline__lt=today)


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, help_text=_("Only organisations of this kind.")
    )
    region = django_filters.CharFilter(
        field_name="region__slug", help_text=_("Only organisations of this region (its slug).")
    )
    ordering = ordering("name", "id", default="name")

    class Meta:
        model = Organisation
        fields = []


class StandardModelFilter(django_filters.FilterSet):
    pilot = IdFilter(field_name="pilot_id", help_text=_("Only standard models made from this pilot (its id)."))
    updated_since = UtcDateTimeFilter(
        field_name="last_published_at",
        lookup_expr="gte",
        help_text=_("Only those with a version published at or after this time (ISO 8601)."),
    )
    ordering = ordering("first_published_at", "last_published_at", "id", default="-last_published_at")

    class Meta:
        model = StandardModelPage
        fields = []


class AdoptionFilter(django_filters.FilterSet):
    standard_model = IdFilter(field_name="page_id", help_text=_("Only adoptions of this standard model (its id)."))
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", help_text=_("Only adoptions by this organisation (its slug).")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Adoption.Status.choices, help_text=_("Only adoptions in this status (repeat for several).")
    )
    ordering = ordering("started_on", "updated_at", "id", default="-started_on")

    class Meta:
        model = Adoption
        fields = []
