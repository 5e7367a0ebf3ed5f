import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.search import api as search

from .models import Category, Challenge, Proposal, Region

PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in Proposal.Status if s not in Proposal.PRIVATE_STATES]

SORTS = {
    "newest": ("-submitted_at", "-id"),
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
        return queryset.filter(author__expert_profile__isnull=False) if value else queryset

    def filter_sort(self, queryset, name, value):
        # Sorting is applied in `qs` once every filter is known (relevance needs a query).
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        searching = self.form.is_valid() and search.is_search_query(self.form.cleaned_data.get("q") or "")
        if sort == "relevance" and searching:
            return queryset.order_by(f"-{search.RANK_ANNOTATION}", "-id")
        if sort not in SORTS:
            sort = "newest"
        return queryset.order_by(*SORTS[sort])
