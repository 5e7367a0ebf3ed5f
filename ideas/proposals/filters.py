from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import ExpertProfile
from ideas.accounts.permissions import organisation_ids
from ideas.search import api as search

from .models import NEWEST_FIRST, Category, Challenge, Proposal, Region

PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in Proposal.Status if s not in Proposal.PRIVATE_STATES]

SORTS = {
    "newest": NEWEST_FIRST,
    "supported": ("-support_count", "-id"),
    "discussed": ("-comment_count", "-id"),
    "updated": ("-updated_at", "-id"),
}


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words from the title, problem or solution")}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PUBLIC_STATUS_CHOICES, empty_label=_("Any status"))
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug", empty_label=_("Any category")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="slug", empty_label=_("Any region")
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Challenge"), queryset=Challenge.objects.all(), empty_label=_("Any challenge")
    )
    experts = django_filters.BooleanFilter(
        label=_("Only proposals by verified field experts"),
        method="filter_experts",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        empty_label=None,
        choices=[
            ("newest", _("Newest")),
            ("relevance", _("Best match (when searching)")),
            ("supported", _("Most supported")),
            ("discussed", _("Most discussed")),
            ("updated", _("Recently updated")),
        ],
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # A search without a chosen sort shows the best matches first, and says so.
        if data is not None and search.is_search_query(data.get("q") or "") and not data.get("sort"):
            data = data.copy()
            data["sort"] = "relevance"
        super().__init__(data, *args, **kwargs)

    def filter_search(self, queryset, name, value):
        return search.search_proposals(queryset, value)

    def filter_experts(self, queryset, name, value):
        # A semi-join on author_id (carried by the list's indexes), not a join through accounts.
        return queryset.filter(author_id__in=ExpertProfile.objects.values("user_id")) if value else queryset

    def filter_sort(self, queryset, name, value):
        # Sorting is applied in `qs` once every filter is known (relevance needs a query).
        return queryset

    @property
    def is_searching(self):
        return self.form.is_valid() and search.is_search_query(self.form.cleaned_data.get("q") or "")

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        if sort == "relevance" and self.is_searching:
            return queryset.order_by(f"-{search.RANK_ANNOTATION}", "-id")
        if sort not in SORTS:
            sort = "newest"
        return queryset.order_by(*SORTS[sort])


DUE_CHOICES = [
    ("overdue", _("Past the response deadline")),
    ("7", _("Due within 7 days")),
    ("14", _("Due within 14 days")),
    ("30", _("Due within 30 days")),
]


class TriageFilter(django_filters.FilterSet):
    """The officials' queue: what to answer, most urgent first."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in Proposal.Status if s in Proposal.TRIAGE_STATES],
        empty_label=_("Any open status"),
    )
    assigned = django_filters.ChoiceFilter(label=_("Assigned to"), method="filter_assigned", empty_label=_("Anyone"))
    due = django_filters.ChoiceFilter(
        label=_("Response deadline"), choices=DUE_CHOICES, method="filter_due", empty_label=_("Any deadline")
    )
    min_supports = django_filters.NumberFilter(
        label=_("At least this many supports"),
        field_name="support_count",
        lookup_expr="gte",
        widget=forms.NumberInput(attrs={"min": 0}),
    )
    category = ProposalFilter.base_filters["category"]
    region = ProposalFilter.base_filters["region"]
    challenge = ProposalFilter.base_filters["challenge"]
    experts = ProposalFilter.base_filters["experts"]

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("mine", _("My organisation")), ("none", _("Not assigned yet"))]
        choices += [(org.slug, org.name) for org in organisations]
        self.filters["assigned"].extra["choices"] = choices

    def filter_assigned(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(assigned_organisation_id__in=self.request_org_ids)
        if value == "none":
            return queryset.filter(assigned_organisation__isnull=True)
        return queryset.filter(assigned_organisation__slug=value)

    def filter_due(self, queryset, name, value):
        """Proposals still waiting for their first official response, by deadline."""
        now = timezone.now()
        queryset = queryset.filter(first_response_at__isnull=True)
        if value == "overdue":
            return queryset.filter(response_due_at__lt=now)
        return queryset.filter(response_due_at__gte=now, response_due_at__lt=now + timedelta(days=int(value)))

    filter_experts = ProposalFilter.filter_experts

    @property
    def request_org_ids(self):
        return organisation_ids(self.request.user) if self.request else set()
