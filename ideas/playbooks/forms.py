from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation
from ideas.accounts.permissions import organisation_ids

from .models import Adoption


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["organisation", "status", "started_on", "local_adaptations", "feedback"]
        widgets = {
            "status": forms.RadioSelect,
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "local_adaptations": forms.Textarea(attrs={"rows": 4}),
            "feedback": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=organisation_ids(user))
        self.fields["organisation"].empty_label = None
        self.fields["status"].choices = Adoption.Status.choices
        self.fields["started_on"].initial = timezone.localdate


class AddressedForm(forms.Form):
    adoption = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(label=_("Addressed in version"), min_value=1)
