from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy as _

from ideas.core.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's rate limits count per client address: the one behind our proxies."""
        return client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    """Officials and staff keep their second factor while they hold a role (docs/security.md)."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Officials and staff must keep two-factor authentication on. To move to a new phone, "
            "sign in with a recovery code and ask staff to reset your authenticator app."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        from ideas.accounts.permissions import holds_a_role

        return not holds_a_role(authenticator.user)
