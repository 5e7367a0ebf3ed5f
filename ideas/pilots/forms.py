from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation
from ideas.accounts.permissions import organisation_ids
from ideas.core.forms import ModelMultipleChoiceField
from ideas.proposals.models import Proposal

from .models import Iteration, Metric, Pilot
from .services import METRIC_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotForm(forms.ModelForm):
    class Meta:
        model = Pilot
        fields = ["title", "proposals", "lead_organisation", "partner_organisations", "hypothesis", "sites"]
        fields += ["planned_start"]
        widgets = {
            "proposals": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "hypothesis": forms.Textarea(attrs={"rows": 4}),
            "sites": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DATE_INPUT,
        }
        field_classes = {"proposals": ModelMultipleChoiceField, "partner_organisations": ModelMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Accepted proposals not yet piloted, and the ones this pilot already has.
        available = Q(status=Proposal.Status.ACCEPTED, pilots__isnull=True)
        if self.instance.pk:
            available |= Q(pilots=self.instance)
        self.fields["proposals"].queryset = Proposal.objects.filter(available).distinct().order_by("-pk")
        self.fields["proposals"].help_text = _("Accepted proposals that are not part of another pilot yet.")
        leads = Organisation.objects.all()
        if not user.is_staff:
            mine = organisation_ids(user, "pilot_lead")
            if self.instance.pk:
                mine = mine | {self.instance.lead_organisation_id}
            leads = leads.filter(pk__in=mine)
        self.fields["lead_organisation"].queryset = leads
        self.fields["lead_organisation"].empty_label = None

    def clean(self):
        data = super().clean()
        lead, partners = data.get("lead_organisation"), data.get("partner_organisations") or []
        if lead is not None and lead in partners:
            self.add_error("partner_organisations", _("The lead organisation is not also a partner: untick it."))
        return data


class MetricForm(forms.ModelForm):
    class Meta:
        model = Metric
        fields = list(METRIC_FIELDS)


MetricFormSet = inlineformset_factory(
    Pilot, Metric, form=MetricForm, extra=2, min_num=1, validate_min=True, can_delete=True, max_num=12
)


def metric_rows(formset):
    """The formset's rows as the service takes them (it saves; the formset only validates)."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        row = {field: form.cleaned_data.get(field) for field in METRIC_FIELDS}
        row["id"] = form.instance.pk
        row["delete"] = bool(form.cleaned_data.get("DELETE"))
        rows.append(row)
    return rows


class IterationForm(forms.ModelForm):
    """The iteration's notes, plus one measurement field per metric of the pilot."""

    class Meta:
        model = Iteration
        fields = ["period_start", "period_end", "changes", "observations", "problems", "decision"]
        widgets = {
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            "changes": forms.Textarea(attrs={"rows": 4}),
            "observations": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.RadioSelect,
        }

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Iteration.Decision.choices
        self.metrics = list(pilot.metrics.all())
        current = {}
        if self.instance.pk:
            current = {m.metric_id: m.value for m in self.instance.measurements.all()}
        for metric in self.metrics:
            self.fields[f"metric_{metric.pk}"] = forms.DecimalField(
                label=f"{metric.name} ({metric.unit})",
                max_digits=12,
                decimal_places=2,
                initial=current.get(metric.pk),
                help_text=_("Baseline %(baseline)s, target %(target)s, %(direction)s.")
                % {
                    "baseline": floatformat(metric.baseline, "-2"),
                    "target": floatformat(metric.target, "-2"),
                    "direction": metric.get_direction_display(),
                },
            )

    @property
    def measurement_fields(self):
        return [self[f"metric_{metric.pk}"] for metric in self.metrics]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data

    def measurements(self):
        return {metric.pk: self.cleaned_data[f"metric_{metric.pk}"] for metric in self.metrics}


class StartForm(forms.Form):
    started_on = forms.DateField(label=_("Started on"), widget=DATE_INPUT, initial=timezone.localdate)


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Pilot.Outcome.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("Outcome summary"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was learnt, what the figures show, and why the pilot ends this way."),
    )
    concluded_on = forms.DateField(label=_("Concluded on"), widget=DATE_INPUT, initial=timezone.localdate)
