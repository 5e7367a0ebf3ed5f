import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation
from ideas.proposals.models import Category

from .models import Pilot


class PilotFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Pilot.Status.choices, empty_label=_("Any status"))
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Pilot.Outcome.choices, empty_label=_("Any outcome")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_organisation",
        empty_label=_("Any organisation"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        method="filter_category",
        empty_label=_("Any category"),
    )

    class Meta:
        model = Pilot
        fields = []

    def filter_organisation(self, queryset, name, value):
        pilots = Pilot.objects.filter(Q(lead_organisation=value) | Q(partner_organisations=value))
        return queryset.filter(pk__in=pilots.values("pk"))

    def filter_category(self, queryset, name, value):
        return queryset.filter(pk__in=Pilot.objects.filter(proposals__category=value).values("pk"))
