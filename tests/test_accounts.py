"""Signing up, verifying the e-mail address, and the account page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ideas.accounts.models import User

pytestmark = pytest.mark.django_db


def sign_up(client, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "pharmacist@example.org",
            "display_name": "Pharmacist Lee",
            "show_name_publicly": "on",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )


def test_sign_up_verify_and_log_in(client):
    sign_up(client)
    user = User.objects.get(email="pharmacist@example.org")
    assert (user.display_name, user.show_name_publicly, user.language) == ("Pharmacist Lee", True, "en")
    # Mandatory verification: the account cannot log in before the link is used.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "pharmacist@example.org", "password": "a-long-enough-passphrase"}
    )
    assert "/accounts/confirm-email/" in response["Location"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)
    client.post(link)
    assert user.emailaddress_set.get().verified
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200 and "Pharmacist Lee" in page.content.decode()


def test_korean_sign_up_gets_korean_emails(client):
    sign_up(client, prefix="/ko")
    assert User.objects.get(email="pharmacist@example.org").language == "ko"
    assert "이메일" in mail.outbox[-1].body or "확인" in mail.outbox[-1].body


def test_profile_update_keeps_typed_values_on_error(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("accounts:profile"), {"display_name": "", "language": "ko"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    client.post(reverse("accounts:profile"), {"display_name": "New Name", "language": "ko"})
    citizen.refresh_from_db()
    assert (citizen.display_name, citizen.show_name_publicly, citizen.language) == ("New Name", False, "ko")


def test_anonymous_author_shows_no_name_anywhere(client, make_proposal):
    from .conftest import make_user

    shy = make_user(name="Secret Name", show_name=False)
    proposal = make_proposal(shy, title="Quiet idea")
    for url in (reverse("proposals:list"), proposal.get_absolute_url(), reverse("core:home")):
        body = client.get(url).content.decode()
        assert "Secret Name" not in body and shy.email not in body
    assert "anonymous citizen" in client.get(proposal.get_absolute_url()).content.decode()
