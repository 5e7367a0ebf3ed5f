"""Staff find a burst of supports from one IP range, invalidate it with a reason, and the
proposal's count drops (docs/security.md, "Supports: anti-fraud")."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideas.accounts.models import User
from ideas.proposals import services
from ideas.proposals.models import Category, Proposal, Region
from tests.conftest import make_user, proposal_data

from .helpers import browser_for, check_accessibility, path_is, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
TITLE = "Free masks at every pharmacy for people over 65"


def propose(author, title):
    data = proposal_data(Category.objects.get(slug="supply-chain"), Region.objects.get(slug="daegu"), title=title)
    proposal = services.proposal_create(author=author, data=data)
    return services.proposal_submit(proposal=proposal, actor=author)


@pytest.fixture
def burst(site_data):
    """Ordinary supports of three proposals, then twelve new accounts from 203.0.113.0/24 on one."""
    author = make_user(name="Pharmacist Lee")
    target = propose(author, TITLE)
    others = [propose(author, title) for title in ("Queue numbers by text message", "Mask stock on a public map")]
    for n in range(9):
        person = make_user()
        User.objects.filter(pk=person.pk).update(date_joined=timezone.now() - timedelta(days=90))
        proposal = [target, *others][n % 3]
        services.support_add(proposal=Proposal.objects.get(pk=proposal.pk), user=person, ip_address=f"198.51.{n}.7")
    for n in range(12):
        bot = make_user()
        User.objects.filter(pk=bot.pk).update(email=f"bot{n}@fastmail.example")
        bot.refresh_from_db()
        services.support_add(proposal=Proposal.objects.get(pk=target.pk), user=bot, ip_address=f"203.0.113.{n + 20}")
    return target


def test_staff_invalidate_a_burst_of_supports(new_context, burst):
    staff = make_user(name="Staff Park", staff=True)
    page = browser_for(new_context, staff)
    page.goto("/moderation/")
    page.get_by_role("link", name="Support bursts and invalidations").click()
    path_is(page, "/moderation/supports/")
    first = page.locator(".fw-burst-table tbody tr").first
    expect(first.locator("th")).to_have_text("203.0.113.0/24")
    expect(first).to_contain_text("12 of its 15 supports in the window (80%)")
    expect(first).to_contain_text("100% from new accounts")
    check_accessibility(page, "support bursts")
    screenshot(page, "support-bursts")

    first.get_by_role("link", name="Review and invalidate").click()
    path_is(page, "/moderation/supports/invalidate/")
    expect(page.locator(".fw-counter").first).to_contain_text("12")
    expect(page.get_by_role("link", name=f"#{burst.pk} {TITLE}")).to_be_visible()
    check_accessibility(page, "support invalidation preview")
    screenshot(page, "support-invalidate")

    page.get_by_label("Reason").fill("Twelve accounts created within minutes, all from one network.")
    page.get_by_role("button", name="Invalidate 12 supports").click()
    path_is(page, "/moderation/supports/")
    expect(page.get_by_text("Supports invalidated: 12 (accounts: 12, proposals: 1).")).to_be_visible()
    expect(page.get_by_text("Twelve accounts created within minutes, all from one network.")).to_be_visible()
    screenshot(page, "support-bursts-after")

    visitor = new_context().new_page()
    visitor.goto(f"/proposals/{burst.pk}/")
    expect(visitor.locator(".fw-support-count")).to_have_text("3 people support this")


def test_the_bursts_page_fits_a_phone(new_context, burst):
    page = browser_for(new_context, make_user(name="Staff Kang", staff=True), **PHONE)
    page.goto("/moderation/supports/?window=hour")
    expect(page.locator(".fw-burst-table tbody tr").first.locator("th")).to_have_text("203.0.113.0/24")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page, "support bursts on a phone")
    screenshot(page, "support-bursts-phone")
