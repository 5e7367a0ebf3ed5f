"""The privacy page, and no personal data in the logs (issue 7, item 7)."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from ideas.core import views as core_views
from ideas.core.logging import JsonFormatter, TextFormatter
from ideas.proposals.models import Proposal

from .test_proposal_journey import form_data

pytestmark = pytest.mark.django_db


# --- The privacy page -----------------------------------------------------------------------


def test_the_privacy_page_states_the_configured_retention(client, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "IP_RETENTION_DAYS": 45, "LOG_RETENTION_DAYS": 7}
    page = client.get(reverse("core:privacy")).content.decode()
    assert "45 days, then deleted automatically." in page
    assert "Both are deleted after 7 days." in page
    assert f"Until you log out, or at most {settings.SESSION_COOKIE_AGE // 86400} days." in page


def test_the_privacy_page_reads_ninety_days_before_the_ip_setting_exists(client, settings):
    settings.FIELDWORK = {key: value for key, value in settings.FIELDWORK.items() if key != "IP_RETENTION_DAYS"}
    assert "90 days, then deleted automatically." in client.get(reverse("core:privacy")).content.decode()


def test_the_privacy_page_names_the_contact_if_there_is_one(client, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "PRIVACY_CONTACT": "privacy@daegu.example.go.kr"}
    assert 'href="mailto:privacy@daegu.example.go.kr"' in client.get(reverse("core:privacy")).content.decode()


def test_the_privacy_page_is_in_korean_and_linked_from_every_page_and_the_sign_up_form(client, citizen):
    korean = client.get("/ko/privacy/")
    assert korean.status_code == 200 and '<html lang="ko">' in korean.content.decode()
    for url in ("/", "/proposals/", "/accounts/signup/"):
        assert 'href="/privacy/"' in client.get(url).content.decode(), url
    assert 'href="/ko/privacy/"' in client.get("/ko/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()
    assert "What Fieldwork keeps about you" in signup
    client.force_login(citizen)
    page = client.get("/privacy/").content.decode()
    assert 'href="/accounts/profile/data/"' in page and 'href="/accounts/profile/delete/"' in page


# --- No personal data in the logs ---------------------------------------------------------

EMAIL = "logged.person@example.org"
NAME = "Logged Person"
PASSWORD = "a-secret-passphrase-42"
IP = "203.0.113.77"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@pytest.fixture
def log_lines():
    """What the log handlers would write of every record at the levels in use, in both formats."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    logging.getLogger().addHandler(handler)
    formatters = (TextFormatter(TEXT_FORMAT), JsonFormatter())
    yield lambda: [formatter.format(record) for record in records for formatter in formatters]
    logging.getLogger().removeHandler(handler)


def test_no_email_name_password_or_ip_in_any_log_line(client, log_lines, monkeypatch, category, region):
    client.defaults.update(REMOTE_ADDR=IP, HTTP_X_FORWARDED_FOR=IP, HTTP_USER_AGENT=f"Browser of {NAME}")
    # Sign up, confirm the address, log out, a refused log-in, a log-in.
    client.post(
        reverse("account_signup"),
        {"email": EMAIL, "display_name": NAME, "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)
    client.post(link)
    client.post(reverse("account_logout"))
    refused = client.post(reverse("account_login"), {"login": EMAIL, "password": "wrong-" + PASSWORD})
    assert refused.status_code == 200
    client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    # Write and submit a proposal.
    client.post(reverse("proposals:create"), {**form_data(category, region), "save": "1"})
    proposal = Proposal.objects.get(author__email=EMAIL)
    client.post(reverse("proposals:preview", args=[proposal.pk]))
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED
    # Not found, with personal data in the address; a server error quoting it, as a database's
    # unique-constraint error quotes the duplicate value.
    client.get(f"/proposals/{EMAIL}/?q={IP}")

    def broken(query):
        raise RuntimeError(f"Key (email)=({EMAIL}) already exists; client {IP}")

    monkeypatch.setattr(core_views, "site_search", broken)
    client.raise_request_exception = False
    assert client.get(reverse("core:search"), {"q": "clinics"}).status_code == 500

    lines = log_lines()
    assert any("Internal Server Error: /search/" in line and "RuntimeError" in line for line in lines)
    assert any("Not Found" in line for line in lines)
    leaks = [line for line in lines for secret in (EMAIL, NAME, PASSWORD, IP) if secret in line]
    assert leaks == []
    assert any("[e-mail]" in line and "[ip]" in line for line in lines)  # the error, redacted
