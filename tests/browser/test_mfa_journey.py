"""Two-factor authentication in a real browser: an official signs in with the password and the
code of their authenticator app; one who has not set it up is sent to do so, and comes back
(docs/security.md, "Access")."""

import pytest
from playwright.sync_api import expect

from ideas.accounts.models import Membership, Organisation
from tests.conftest import PASSWORD, make_user, totp_code

from .helpers import check_accessibility, enter_authenticator_code, path_is, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def daegu(site_data):
    return Organisation.objects.create(
        name="Daegu Metropolitan City", slug="daegu", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )


def official_of(organisation, **kwargs):
    user = make_user(name="Triager Yoon", **kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.TRIAGER)
    return user


def sign_in_with_password(page, user):
    page.goto("/accounts/login/?next=/triage/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_an_official_signs_in_with_password_and_code_and_reaches_triage(page, daegu):
    official = official_of(daegu, second_factor=True)
    sign_in_with_password(page, official)
    path_is(page, "/accounts/2fa/authenticate/")
    check_accessibility(page, "the authenticator code step of signing in")
    screenshot(page, "mfa-authenticate")
    # A wrong code is refused and the official stays signed out.
    page.locator("#id_code").fill("000000")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Incorrect code.")
    enter_authenticator_code(page, official)
    path_is(page, "/triage/")
    expect(page.locator("h1")).to_contain_text("Triage")


def test_an_official_without_two_factor_is_sent_to_set_it_up_then_continues(page, daegu):
    official = official_of(daegu, second_factor=False)
    sign_in_with_password(page, official)
    # Signed in with the password alone (nothing to ask yet), sent to set up the app: allauth
    # first asks for the password again, then shows the key.
    path_is(page, "/accounts/reauthenticate/")
    expect(page.locator(".fw-messages")).to_contain_text("must protect their account with two-factor authentication")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    path_is(page, "/accounts/2fa/totp/activate/")
    check_accessibility(page, "setting up the authenticator app")
    screenshot(page, "mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").click()
    path_is(page, "/accounts/2fa/recovery-codes/")
    page.get_by_role("link", name="Continue where you were").click()
    path_is(page, "/triage/")
    expect(page.locator("h1")).to_contain_text("Triage")
