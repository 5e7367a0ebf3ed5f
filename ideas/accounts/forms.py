from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ExpertApplication, User


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("How your name appears next to what you write, if you choose to show it."),
    )
    show_name_publicly = forms.BooleanField(
        label=_("Show my name publicly"),
        required=False,
        help_text=_("If unticked, what you write is shown as by “anonymous citizen”."),
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.show_name_publicly = self.cleaned_data["show_name_publicly"]
        # Notifications are e-mailed in the language the person signed up in.
        user.language = (get_language() or settings.LANGUAGE_CODE)[:2]
        user.save(update_fields=["display_name", "show_name_publicly", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "show_name_publicly", "language"]


class ExpertApplicationForm(forms.ModelForm):
    class Meta:
        model = ExpertApplication
        fields = ["profession", "workplace", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 4})}


class ExpertDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting. The applicant reads it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Tell the applicant why their application is rejected."))
        return cleaned


class AccountDeleteForm(forms.Form):
    """The password again, checked by allauth (with its limit on failed attempts), and a tick."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
        error_messages={"required": _("Tick this box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        # Imported here: allauth's account modules import this module (ACCOUNT_SIGNUP_FORM_CLASS).
        from allauth.account.adapter import get_adapter

        password = self.cleaned_data["password"]
        if not get_adapter().reauthenticate(self.user, password):
            raise get_adapter().validation_error("incorrect_password")
        return password
