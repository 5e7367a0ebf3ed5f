"""Privacy in a real browser: the privacy page on a desktop and a phone, in both languages; a
citizen downloads their data and deletes their account."""

import json

import pytest
from playwright.sync_api import expect

from ideas.accounts.models import User
from ideas.proposals import services
from ideas.proposals.models import Category, Region
from tests.conftest import PASSWORD, make_user, proposal_data

from .helpers import browser_for, check_accessibility, choose, path_is, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("prefix", ["", "/ko"])
def test_the_privacy_page_reads_well_on_a_desktop_and_a_phone(new_context, prefix):
    suffix = "-ko" if prefix else ""
    for device, options in (("desktop", {}), ("phone", PHONE)):
        page = new_context(**options).new_page()
        page.goto(f"{prefix}/")
        page.locator(f'footer a[href="{prefix}/privacy/"]').click()
        path_is(page, f"{prefix}/privacy/")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("table caption")).to_be_visible()
        screenshot(page, f"privacy-{device}{suffix}")
        check_accessibility(page, f"privacy page ({device}{suffix})")
        if device == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def test_a_citizen_downloads_their_data_and_deletes_their_account(new_context, site_data):
    citizen = make_user(name="Leaving Citizen")
    data = proposal_data(Category.objects.get(slug="testing"), Region.objects.get(slug="daegu"), title="My idea")
    services.proposal_submit(proposal=services.proposal_create(author=citizen, data=data), actor=citizen)
    page = browser_for(new_context, citizen, accept_downloads=True)
    page.goto("/accounts/profile/")
    with page.expect_download() as download:
        page.locator('a[href="/accounts/profile/data/"]').click()
    assert download.value.suggested_filename.startswith("fieldwork-personal-data-")
    with open(download.value.path(), encoding="utf-8") as file:
        exported = json.load(file)
    assert exported["account"]["email"] == citizen.email

    page.locator('main a[href="/accounts/profile/delete/"]').click()
    path_is(page, "/accounts/profile/delete/")
    screenshot(page, "account-delete")
    check_accessibility(page, "account deletion page")
    page.locator("#id_password").fill("not-my-password")
    choose(page, "I understand that my account is deleted for good and cannot be restored.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".usa-error-message")).to_contain_text("Incorrect password.")
    screenshot(page, "account-delete-error")
    check_accessibility(page, "account deletion page with an error")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    path_is(page, "/")
    expect(page.locator(".usa-alert")).to_contain_text("Your account is deleted.")
    assert User.objects.get(pk=citizen.pk).is_deleted

    page.goto("/proposals/")
    expect(page.locator("main")).to_contain_text("deleted account")
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(citizen.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    path_is(page, "/accounts/login/")


def test_signing_in_after_deletion_needs_a_new_account(new_context, site_data):
    """The freed address signs up again, as a new account with nothing of the old one."""
    from ideas.accounts.services import account_delete

    old = make_user(name="Old Me")
    address = old.email
    account_delete(user=old)
    page = new_context().new_page()
    page.goto("/accounts/signup/")
    expect(page.locator('main a[href="/privacy/"]')).to_be_visible()
    page.locator("#id_email").fill(address)
    page.locator("#id_display_name").fill("New Me")
    page.locator("#id_password1").fill("a-brand-new-passphrase")
    page.locator("#id_password2").fill("a-brand-new-passphrase")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).not_to_have_text("Sign Up")
    assert User.objects.get(email=address).display_name == "New Me"
