"""The audit page's filters (/audit/): the same ones select the entries of the CSV download."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation

from .models import AuditEntry

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What entries can be about, by model label: the object-type filter offers these.
OBJECT_TYPES = (
    "proposals.Proposal",
    "proposals.Comment",
    "proposals.Challenge",
    "proposals.SupportInvalidation",
    "proposals.ModerationSettings",
    "accounts.ExpertApplication",
    "accounts.Membership",
    "accounts.User",
    "pilots.Pilot",
    "playbooks.StandardModelPage",
    "playbooks.Adoption",
)


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def object_type_choices():
    return [(label.lower(), apps.get_model(label)._meta.verbose_name) for label in OBJECT_TYPES]


class AuditFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not 1900 <= day.year <= 9000:
                self.add_error(name, _("Give a date between the years 1900 and 9000."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AuditEntry.Action.choices, empty_label=_("Any action")
    )
    actor = django_filters.CharFilter(
        label=_("Who"),
        method="filter_actor",
        help_text=_("An account number, or (part of) an e-mail address."),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        empty_label=_("Any organisation"),
    )
    start = django_filters.DateFilter(label=_("From"), method="filter_start", widget=DATE_INPUT)
    end = django_filters.DateFilter(label=_("Until"), method="filter_end", widget=DATE_INPUT)
    object_type = django_filters.ChoiceFilter(
        label=_("About"), choices=object_type_choices, method="filter_object_type", empty_label=_("Anything")
    )
    object_id = django_filters.CharFilter(label=_("Object number"), max_length=64)

    class Meta:
        model = AuditEntry
        fields = []
        form = AuditFilterForm

    def filter_actor(self, queryset, name, value):
        value = value.strip()
        number = value.removeprefix("#")
        if number.isdigit():
            return queryset.filter(actor_id=int(number)) if int(number) < 2**63 else queryset.none()
        return queryset.filter(Q(actor__email__icontains=value)) if value else queryset

    # Days are the site's: from the start of the first until the end of the last (index-friendly).
    def filter_start(self, queryset, name, value):
        return queryset.filter(created_at__gte=_midnight(value))

    def filter_end(self, queryset, name, value):
        return queryset.filter(created_at__lt=_midnight(value + timedelta(days=1)))

    def filter_object_type(self, queryset, name, value):
        app_label, model = value.split(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

    @property
    def qs(self):
        """No entries for filters that do not make sense, rather than entries that ignore them."""
        if self.is_bound and not self.form.is_valid():
            return self.queryset.none()
        return super().qs
