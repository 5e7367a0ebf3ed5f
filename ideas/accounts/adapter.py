from allauth.account.adapter import DefaultAccountAdapter

from ideas.core.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's rate limits count per client address: the one behind our proxies."""
        return client_ip(request)
