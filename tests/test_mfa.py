"""Two-factor authentication: required of officials and staff before they act, optional for
citizens (issue 7, item 2; docs/security.md, "Access")."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from ideas.proposals.models import Proposal, StatusChange

from .conftest import PASSWORD, decide, make_user, totp_code, with_second_factor

pytestmark = pytest.mark.django_db

WHY = "must protect their account with two-factor authentication"


def assert_sent_to_set_up(response, back):
    """Redirected to allauth's authenticator-app page, with the way back and the reason."""
    assert response.status_code == 302, response.status_code
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_activate_totp")
    assert parse_qs(location.query)["next"] == [back]
    page = response.client.get(response["Location"], follow=True).content.decode()
    assert WHY in page


def decision_form(proposal):
    return {"decision": "under_review", "reason": "", "expected_status": proposal.status}


def test_an_official_without_a_second_factor_cannot_triage(client, official_without_second_factor, proposal):
    client.force_login(official_without_second_factor)
    dashboard = reverse("proposals:triage")
    assert_sent_to_set_up(client.get(dashboard), dashboard)
    triage_page = reverse("proposals:triage_proposal", args=[proposal.pk])
    assert_sent_to_set_up(client.get(triage_page), triage_page)
    # A decision posted anyway: nothing is written, and the official comes back to the page it came from.
    response = client.post(
        reverse("proposals:triage_decide", args=[proposal.pk]), decision_form(proposal), HTTP_REFERER=triage_page
    )
    assert_sent_to_set_up(response, triage_page)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED
    assert not StatusChange.objects.filter(proposal=proposal, to_status=Proposal.Status.UNDER_REVIEW).exists()
    # Nor may a service act in their name (the admin, a command).
    with pytest.raises(PermissionDenied):
        decide(Proposal.objects.get(pk=proposal.pk), official_without_second_factor, "under_review")


def test_with_a_second_factor_the_same_official_triages(client, official_without_second_factor, proposal):
    with_second_factor(official_without_second_factor)
    client.force_login(official_without_second_factor)
    assert client.get(reverse("proposals:triage")).status_code == 200
    assert client.get(reverse("proposals:triage_proposal", args=[proposal.pk])).status_code == 200
    response = client.post(reverse("proposals:triage_decide", args=[proposal.pk]), decision_form(proposal))
    assert response.status_code == 302 and "2fa" not in response["Location"]
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.UNDER_REVIEW


def test_the_menu_leads_an_official_without_a_second_factor_to_triage(client, official_without_second_factor):
    client.force_login(official_without_second_factor)
    page = client.get(reverse("proposals:list")).content.decode()
    assert f'href="{reverse("proposals:triage")}"' in page


@pytest.fixture
def staff_without_second_factor(db):
    return make_user(name="New Staff", staff=True, second_factor=False)


def test_staff_without_a_second_factor_cannot_moderate(client, staff_without_second_factor, proposal, citizen):
    client.force_login(staff_without_second_factor)
    queue = reverse("proposals:moderation")
    assert_sent_to_set_up(client.get(queue), queue)
    response = client.post(
        reverse("proposals:moderate_proposal", args=[proposal.pk]),
        {"action": "hide", "reason": "Spam"},
        HTTP_REFERER=f"http://testserver{queue}",
    )
    assert_sent_to_set_up(response, queue)
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    # With one, they moderate.
    with_second_factor(staff_without_second_factor)
    assert client.get(queue).status_code == 200
    client.post(reverse("proposals:moderate_proposal", args=[proposal.pk]), {"action": "hide", "reason": "Spam"})
    assert Proposal.objects.get(pk=proposal.pk).is_hidden


def test_a_referer_on_another_site_is_not_where_the_official_returns(client, staff_without_second_factor, proposal):
    client.force_login(staff_without_second_factor)
    response = client.post(
        reverse("proposals:moderate_proposal", args=[proposal.pk]),
        {"action": "hide", "reason": "Spam"},
        HTTP_REFERER="https://attacker.example/phish",
    )
    assert_sent_to_set_up(response, "/")


@pytest.mark.parametrize("home", ["wagtailadmin_home", "admin:index"])
def test_both_admins_require_a_second_factor(client, staff_without_second_factor, home):
    client.force_login(staff_without_second_factor)
    url = reverse(home)
    assert_sent_to_set_up(client.get(url), url)
    with_second_factor(staff_without_second_factor)
    assert client.get(url).status_code == 200


def test_wagtail_moderators_need_a_second_factor_too(client):
    moderator = make_user(name="Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert_sent_to_set_up(client.get(reverse("wagtailadmin_home")), reverse("wagtailadmin_home"))
    with_second_factor(moderator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("sign_in", ["wagtailadmin_login", "admin:login", "wagtailcore_login"])
def test_password_only_sign_in_forms_are_closed(client, staff, sign_in):
    """Django's and Wagtail's own sign-in forms would skip the second factor: they lead to allauth's."""
    url = reverse(sign_in)
    response = client.get(url, {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/"
    response = client.post(url, {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("sign_in, home", [("wagtailadmin_login", "wagtailadmin_home"), ("admin:login", "admin:index")])
def test_staff_signed_in_with_a_second_factor_go_on_from_the_admins_sign_in_forms(
    client, staff, citizen, sign_in, home
):
    client.force_login(staff)
    assert client.get(reverse(sign_in))["Location"] == reverse(home)
    assert client.get(reverse(sign_in), {"next": "/admin/pages/"})["Location"] == "/admin/pages/"
    assert client.get(reverse(sign_in), {"next": "https://evil.example/"})["Location"] == reverse(home)
    client.force_login(citizen)  # no admin for them: refused, not sent round in a loop
    assert client.get(reverse(sign_in), {"next": "/admin/"}).status_code == 403


def test_citizens_are_not_asked_for_a_second_factor(client, citizen, proposal, other_citizen):
    client.force_login(other_citizen)
    response = client.post(reverse("proposals:support", args=[proposal.pk]))
    assert response.status_code == 302 and "2fa" not in response["Location"]
    assert proposal.supports.filter(user=other_citizen).exists()
    # Official pages stay closed to them, plainly.
    assert client.get(reverse("proposals:triage")).status_code == 403
    assert "Triage" not in client.get(reverse("proposals:list")).content.decode()


def test_an_official_signs_in_with_password_and_authenticator_code(client, official):
    response = client.post(reverse("account_login"), {"login": official.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    # The password alone does not sign in.
    assert client.get(reverse("proposals:triage")).status_code == 302
    refused = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert refused.status_code == 200 and "Incorrect code." in refused.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("proposals:triage")).status_code == 200


def test_a_recovery_code_also_signs_in(client, official):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    code = RecoveryCodes(Authenticator.objects.get(user=official, type=Authenticator.Type.RECOVERY_CODES))
    client.post(reverse("account_login"), {"login": official.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code.get_unused_codes()[0]})
    assert client.get(reverse("proposals:triage")).status_code == 200


def _recently_signed_in(client, user):
    """As allauth records a password typed again, for its "confirm it's you" pages."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, method="password", reauthenticated=True)
    request.session.save()


def test_setting_up_the_app_then_continuing_where_the_official_was(client, official_without_second_factor):
    _recently_signed_in(client, official_without_second_factor)
    dashboard = reverse("proposals:triage")
    setup = client.get(client.get(dashboard)["Location"])
    assert setup.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    page = response.content.decode()
    assert response.request["PATH_INFO"] == reverse("mfa_view_recovery_codes")
    assert "Continue where you were" in page and f'href="{dashboard}"' in page
    assert client.get(dashboard).status_code == 200


def test_officials_cannot_turn_their_second_factor_off_but_citizens_can(client, official, citizen):
    _recently_signed_in(client, official)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200 and "must keep two-factor authentication on" in response.content.decode()
    assert Authenticator.objects.filter(user=official, type=Authenticator.Type.TOTP).exists()
    with_second_factor(citizen)
    _recently_signed_in(client, citizen)
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=citizen, type=Authenticator.Type.TOTP).exists()


def test_staff_reset_a_lost_authenticator_in_the_admin_and_the_official_sets_up_a_new_one(
    admin_client, client, official
):
    """The official who lost their phone (and their recovery codes) is helped by staff."""
    totp = Authenticator.objects.get(user=official, type=Authenticator.Type.TOTP)
    response = admin_client.post(reverse("admin:mfa_authenticator_delete", args=[totp.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=official, type=Authenticator.Type.TOTP).exists()
    client.force_login(official)
    assert_sent_to_set_up(client.get(reverse("proposals:triage")), reverse("proposals:triage"))


def test_staff_without_a_second_factor_still_cannot_delete_their_account(client, staff_without_second_factor):
    """The second factor gates what staff do, not what they are: demotion comes first."""
    client.force_login(staff_without_second_factor)
    assert "Staff accounts cannot be deleted." in client.get(reverse("accounts:delete")).content.decode()
    assert not staff_without_second_factor.has_perm("accounts.delete_account")
