from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation):
        return super().get_email_confirmation_url(request, emailconfirmation)

    def is_open_for_signup(self, request):
        return getattr(settings, "FIELDWORK_SIGNUP_OPEN", True)
