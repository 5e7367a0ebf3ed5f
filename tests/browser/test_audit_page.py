"""The audit log in a real browser: staff find an official's decision, filter by action, on a
desktop and on a phone (docs/security.md, "Audit")."""

import pytest
from playwright.sync_api import expect

from ideas.accounts.models import Membership, Organisation
from ideas.proposals.models import Category, Region
from tests.conftest import decide, make_user

from .helpers import browser_for, check_accessibility, screenshot
from .test_trust_journey import write_proposal

pytestmark = pytest.mark.browser


def test_staff_find_an_officials_decision_in_the_audit_log(new_context, site_data):
    daegu = Organisation.objects.create(name="Daegu Metropolitan City", slug="daegu")
    official = make_user(name="Triager Yoon", second_factor=True)
    Membership.objects.create(user=official, organisation=daegu, role=Membership.Role.TRIAGER)
    assert Category.objects.exists() and Region.objects.exists()
    proposal = write_proposal(make_user(name="Pharmacist Kim"), submit=True)
    decide(proposal, official, "declined", "Already a national rule.")

    for name, options in (("audit-log", {}), ("audit-log-phone", {"viewport": {"width": 390, "height": 844}})):
        staff = browser_for(new_context, make_user(name="Staff Member", staff=True), **options)
        staff.goto("/audit/")
        row = staff.locator("tbody tr", has_text="proposal decided")
        # Who acted, by account number and their current name (gone once the account is deleted).
        expect(row).to_contain_text(f"account {official.pk}")
        expect(row).to_contain_text("Triager Yoon")
        expect(row).to_contain_text("for Daegu Metropolitan City")
        expect(row).to_contain_text("Already a national rule.")
        check_accessibility(staff, f"the audit log ({name})")
        screenshot(staff, name)

    staff.get_by_label("Action").select_option(label="proposal assigned")
    staff.locator("form.fw-filters button[type=submit]").click()
    expect(staff.locator("main")).to_contain_text("No entry matches these filters.")
