"""allauth's sign-up and add-e-mail forms, refusing disposable e-mail addresses.

They are the two ways an address joins an account here (settings.ACCOUNT_FORMS). The list of
disposable domains is the ``disposable-email-domains`` package, kept up to date by its
maintainers: upgrading it is how the list grows. Logging in and resetting a password still
work for an address already on an account, even if its domain joins the list later.
"""

from allauth.account import forms
from disposable_email_domains import blocklist
from django import forms as django_forms
from django.utils.translation import gettext_lazy as _


def is_disposable(email: str) -> bool:
    """Whether the address's domain, or a domain it is under, is a disposable e-mail service."""
    labels = email.rpartition("@")[2].lower().rstrip(".").split(".")
    return any(".".join(labels[i:]) in blocklist for i in range(len(labels) - 1))


def refuse_disposable(email: str) -> str:
    if is_disposable(email):
        raise django_forms.ValidationError(
            _(
                "Addresses of disposable e-mail services cannot be used here. "
                "Please use an address you will keep: it is how supports stay one per person."
            ),
            code="disposable_email",
        )
    return email


class SignupForm(forms.SignupForm):
    def clean_email(self):
        return refuse_disposable(super().clean_email())


class AddEmailForm(forms.AddEmailForm):
    def clean_email(self):
        return refuse_disposable(super().clean_email())
