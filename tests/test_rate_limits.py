"""Rate limits per account and per client address (docs/security.md, "Rate limits").

Each test sets the limit under test small and switches the others off; the cache (where the
counts live) is cleared between tests by conftest.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ideas.proposals.models import Comment, Flag, Proposal, Support
from ideas.settings import rate_limits

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ACTIONS = ["support", "comment", "flag", "proposal", "similar"]


@pytest.fixture
def limit(settings):
    """``limit("support", user="2/m")``: that limit only, every other one of ours off."""

    def _set(action, **scopes):
        table = {name: dict.fromkeys(scopes_, []) for name, scopes_ in settings.FIELDWORK_RATE_LIMITS.items()}
        table[action] = {scope: [rate] for scope, rate in scopes.items()}
        settings.FIELDWORK_RATE_LIMITS = table

    return _set


@pytest.fixture
def attempt(client, make_proposal, proposal):
    """One counted attempt at ``action`` by ``user`` from address ``ip``."""

    def _attempt(action, user, ip, n, **extra):
        client.force_login(user)
        extra["REMOTE_ADDR"] = ip
        if action == "support":
            supports = Support.objects.filter(user=user, proposal=proposal).exists()
            name = "proposals:unsupport" if supports else "proposals:support"
            return client.post(reverse(name, args=[proposal.pk]), **extra)
        if action == "comment":
            return client.post(reverse("proposals:comment_create", args=[proposal.pk]), {"body": f"Note {n}"}, **extra)
        if action == "flag":
            data = {"reason": "spam", "details": f"Report {n}"}
            return client.post(reverse("proposals:flag", args=[proposal.pk]), data, **extra)
        if action == "proposal":
            draft = make_proposal(user, submit=False, title=f"Idea number {n}")
            return client.post(reverse("proposals:preview", args=[draft.pk]), **extra)
        data = {"title": "Drive-through clinics", "problem": "waiting"}
        return client.post(reverse("proposals:similar"), data, HTTP_HX_REQUEST="true", **extra)

    return _attempt


def assert_limited(response):
    assert response.status_code == 429, response.status_code
    assert int(response["Retry-After"]) >= 1
    assert "please wait" in response.content.decode()


@pytest.mark.parametrize("action", ACTIONS)
def test_the_limit_per_account_stops_one_account_whatever_its_address(action, limit, attempt):
    limit(action, user="2/m")
    user = make_user()
    for n in range(2):
        assert attempt(action, user, f"198.51.100.{n + 1}", n).status_code != 429
    assert_limited(attempt(action, user, "198.51.100.9", 3))
    # Someone else is not held back by it.
    assert attempt(action, make_user(), "198.51.100.9", 4).status_code != 429


@pytest.mark.parametrize("action", ACTIONS)
def test_the_limit_per_address_stops_many_accounts_from_one_address(action, limit, attempt):
    limit(action, ip="2/m")
    for n in range(2):
        assert attempt(action, make_user(), "203.0.113.5", n).status_code != 429
    response = attempt(action, make_user(), "203.0.113.5", 3)
    assert_limited(response)
    assert "network address" in response.content.decode()
    assert attempt(action, make_user(), "203.0.113.6", 4).status_code != 429


def test_the_address_is_the_clients_behind_the_trusted_proxy(limit, attempt, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    limit("support", ip="1/m")
    # The proxy's own address is the same for everyone; X-Forwarded-For tells them apart.
    assert attempt("support", make_user(), "10.0.0.1", 1, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 302
    assert attempt("support", make_user(), "10.0.0.1", 2, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302
    assert_limited(attempt("support", make_user(), "10.0.0.1", 3, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.6"))


def test_a_limited_support_button_shows_the_message_in_place(limit, attempt, other_citizen, proposal):
    limit("support", user="1/m")
    attempt("support", other_citizen, "198.51.100.1", 1, HTTP_HX_REQUEST="true")
    response = attempt("support", other_citizen, "198.51.100.1", 2, HTTP_HX_REQUEST="true")
    assert_limited(response)
    fragment = response.content.decode()
    assert 'id="proposal-actions"' in fragment and "<html" not in fragment
    assert "Withdraw my support" in fragment  # the first support stands, the button is still there
    assert Support.objects.filter(user=other_citizen, proposal=proposal).exists()


def test_a_limited_support_without_javascript_gets_a_page_with_the_way_back(limit, attempt, other_citizen, proposal):
    limit("support", user="1/m")
    attempt("support", other_citizen, "198.51.100.1", 1)
    response = attempt(
        "support", other_citizen, "198.51.100.1", 2, HTTP_REFERER=f"http://testserver/proposals/{proposal.pk}/"
    )
    assert_limited(response)
    page = response.content.decode()
    assert "<h1>Please wait a moment</h1>" in page
    assert f'href="http://testserver/proposals/{proposal.pk}/"' in page


def test_a_limited_comment_comes_back_with_what_was_written(limit, client, citizen, proposal):
    limit("comment", user="1/m")
    client.force_login(citizen)
    url = reverse("proposals:comment_create", args=[proposal.pk])
    client.post(url, {"body": "First thought."})
    response = client.post(url, {"body": "A long second thought I would hate to type again."})
    assert_limited(response)
    page = response.content.decode()
    assert "A long second thought I would hate to type again." in page
    assert "What you typed is still in the form." in page
    assert Comment.objects.filter(proposal=proposal).count() == 1


def test_a_limited_report_comes_back_with_its_details(limit, client, other_citizen, proposal):
    limit("flag", user="1/h")
    client.force_login(other_citizen)
    comment = Comment.objects.create(proposal=proposal, author=proposal.author, body="Buy cheap masks here")
    client.post(reverse("proposals:flag", args=[proposal.pk]), {"reason": "spam", "details": ""})
    response = client.post(
        reverse("proposals:comment_flag", args=[comment.pk]), {"reason": "spam", "details": "An advert for masks."}
    )
    assert_limited(response)
    assert "An advert for masks." in response.content.decode()
    assert Flag.objects.filter(reporter=other_citizen).count() == 1


def test_a_limited_submission_keeps_the_draft(limit, client, citizen, make_proposal):
    limit("proposal", user="1/h")
    client.force_login(citizen)
    first, second = (make_proposal(citizen, submit=False, title=title) for title in ("One idea", "Another idea"))
    client.post(reverse("proposals:preview", args=[first.pk]))
    response = client.post(reverse("proposals:preview", args=[second.pk]))
    assert_limited(response)
    assert "Your draft is saved." in response.content.decode()
    assert Proposal.objects.get(pk=second.pk).status == Proposal.Status.DRAFT


def test_the_similar_proposal_box_shows_the_message_in_place(limit, client):
    limit("similar", ip="1/m")
    url = reverse("proposals:similar")
    client.post(url, {"title": "Masks", "problem": ""}, HTTP_HX_REQUEST="true")
    response = client.post(url, {"title": "Masks again", "problem": ""}, HTTP_HX_REQUEST="true")
    assert_limited(response)
    assert "<html" not in response.content.decode()


def test_the_page_is_in_korean_under_the_korean_address(limit, attempt, other_citizen, proposal, client):
    limit("support", user="1/m")
    attempt("support", other_citizen, "198.51.100.1", 1)
    response = client.post(f"/ko/proposals/{proposal.pk}/support/", REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429 and response["Retry-After"]
    page = response.content.decode()
    # The Korean of the new messages comes with the catalogue; the page around them is Korean.
    assert '<html lang="ko">' in page and "본문 바로가기" in page


def test_the_wait_is_said_in_the_largest_sensible_unit():
    from ideas.core.ratelimits import RateLimited

    assert "wait 45 seconds" in RateLimited("comment", "user", 45).message
    assert "wait 4 minutes" in RateLimited("comment", "user", 200).message
    assert "wait 2 hours" in RateLimited("comment", "user", 5400).message


# --- allauth's views ------------------------------------------------------------


def test_login_is_limited_per_address_and_the_form_comes_back(settings, client, citizen):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    url = reverse("account_login")
    client.post(url, {"login": citizen.email, "password": "wrong-password"})
    response = client.post(url, {"login": citizen.email, "password": PASSWORD})
    assert_limited(response)
    page = response.content.decode()
    assert f'value="{citizen.email}"' in page and PASSWORD not in page
    # From another address the same person can log in.
    response = client.post(url, {"login": citizen.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302


def test_allauth_counts_addresses_behind_the_trusted_proxy(settings, client, citizen):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    url = reverse("account_login")
    data = {"login": citizen.email, "password": "wrong-password"}
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200
    assert_limited(client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.6"))


def test_failed_logins_are_limited_per_account(settings, client, citizen):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/5m/key"}
    url = reverse("account_login")
    for n in range(2):
        client.post(url, {"login": citizen.email, "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = client.post(url, {"login": citizen.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup_is_limited_per_address_and_keeps_the_email(settings, client):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/h/ip"}
    url = reverse("account_signup")
    data = {"email": "first@example.org", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    client.post(url, data)
    client.logout()
    response = client.post(url, {**data, "email": "second@example.org"})
    assert_limited(response)
    assert 'value="second@example.org"' in response.content.decode()
    assert 3000 < int(response["Retry-After"]) <= 3600


def test_password_reset_is_limited_per_account_and_per_address(settings, client, citizen, other_citizen):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/h/key,2/h/ip"}
    url = reverse("account_reset_password")
    assert client.post(url, {"email": citizen.email}).status_code == 302
    response = client.post(url, {"email": citizen.email})
    assert_limited(response)
    assert f'value="{citizen.email}"' in response.content.decode()
    assert "network address" not in response.content.decode()
    assert client.post(url, {"email": other_citizen.email}).status_code == 302
    response = client.post(url, {"email": make_user().email})
    assert_limited(response)
    assert "network address" in response.content.decode()


def test_allauths_limit_page_is_in_korean_under_the_korean_address(settings, client, citizen):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    client.post("/ko/accounts/login/", {"login": citizen.email, "password": "wrong"})
    response = client.post("/ko/accounts/login/", {"login": citizen.email, "password": "wrong"})
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="ko">' in page and "본문 바로가기" in page


# --- The settings -----------------------------------------------------------------


def test_each_limit_can_be_changed_or_switched_off_from_the_environment(monkeypatch):
    monkeypatch.setenv("FIELDWORK_RATE_LIMIT_SUPPORT_IP", "2000/m, 50000/h")
    monkeypatch.setenv("FIELDWORK_RATE_LIMIT_SUPPORT_USER", "off")
    table = rate_limits({"support": {"user": "30/m", "ip": "600/m"}, "comment": {"user": "5/m"}})
    assert table == {"support": {"user": [], "ip": ["2000/m", "50000/h"]}, "comment": {"user": ["5/m"]}}


def test_a_malformed_limit_stops_the_start(monkeypatch):
    monkeypatch.setenv("FIELDWORK_RATE_LIMIT_COMMENT_USER", "five a minute")
    with pytest.raises(ImproperlyConfigured, match="FIELDWORK_RATE_LIMIT_COMMENT_USER"):
        rate_limits({"comment": {"user": "5/m"}})
