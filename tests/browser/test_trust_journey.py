"""Pre-moderation and rate limits in a real browser: what the author, staff and a hurried
citizen see (docs/security.md)."""

import pytest
from playwright.sync_api import expect

from ideas.proposals import services
from ideas.proposals.models import Category, ModerationSettings, Proposal, Region
from tests.conftest import make_user, proposal_data

from .helpers import browser_for, check_accessibility, screenshot

pytestmark = pytest.mark.browser

TITLE = "Pharmacies record mask purchases per person"


def write_proposal(author, *, submit, title=TITLE):
    data = proposal_data(Category.objects.get(slug="testing"), Region.objects.get(slug="daegu"), title=title)
    proposal = services.proposal_create(author=author, data=data)
    return services.proposal_submit(proposal=proposal, actor=author) if submit else proposal


def test_a_held_proposal_waits_for_staff_then_is_public(new_context, site_data):
    site = ModerationSettings.load()
    site.premoderation = "all"
    site.save()
    author = make_user(name="New Citizen")
    draft = write_proposal(author, submit=False)

    writer = browser_for(new_context, author)
    writer.goto(f"/proposals/{draft.pk}/preview/")
    writer.locator("main form.fw-inline-form button[type=submit]").click()
    expect(writer.locator("main h2.usa-alert__heading")).to_have_text("Awaiting moderation")
    expect(writer.locator("main .fw-status").first).to_have_text("awaiting moderation")
    check_accessibility(writer, "a held proposal, seen by its author")
    screenshot(writer, "premoderation-author")

    visitor = browser_for(new_context)
    assert visitor.goto(f"/proposals/{draft.pk}/").status == 404

    moderator = browser_for(new_context, make_user(name="Staff Member", staff=True))
    moderator.goto("/moderation/")
    item = moderator.locator(".fw-moderation-item", has_text=TITLE)
    expect(item).to_contain_text("New Citizen")
    check_accessibility(moderator, "the moderation page with a held proposal")
    screenshot(moderator, "premoderation-queue")
    item.get_by_label("Reason (the author reads it; required to reject)").fill("Thank you, a clear proposal.")
    item.locator("button[type=submit]").click()
    expect(moderator.locator(".fw-messages")).to_contain_text("Done. The author has been told.")

    assert visitor.goto(f"/proposals/{draft.pk}/").status == 200
    expect(visitor.locator("h1")).to_have_text(TITLE)
    assert Proposal.objects.get(pk=draft.pk).response_due_at is not None


def test_rate_limits_say_when_to_try_again_and_keep_what_was_typed(new_context, site_data, settings):
    table = {action: dict.fromkeys(scopes, []) for action, scopes in settings.FIELDWORK_RATE_LIMITS.items()}
    # Per hour, not per minute: the limits count in fixed windows, and a slow run crossing the
    # end of a one-minute window would find its count reset.
    table["support"] = {"user": ["1/h"], "ip": []}
    table["comment"] = {"user": ["1/h"], "ip": []}
    table["similar"] = {"user": [], "ip": ["1/h"]}
    settings.FIELDWORK_RATE_LIMITS = table
    proposal = write_proposal(make_user(name="Dr. Park"), submit=True)
    citizen = make_user(name="Hurried Citizen")

    page = browser_for(new_context, citizen)
    page.goto(f"/proposals/{proposal.pk}/")
    page.get_by_role("button", name="Support this proposal").click()
    expect(page.locator("#proposal-actions")).to_contain_text("Thank you for your support.")
    page.get_by_role("button", name="Withdraw my support").click()
    actions = page.locator("#proposal-actions")
    expect(actions).to_contain_text("please wait")
    expect(actions.get_by_role("button", name="Withdraw my support")).to_be_visible()
    check_accessibility(page, "the support button over its limit")
    screenshot(page, "rate-limit-support")

    for body in ("First thought.", "A second thought, typed with care."):
        page.goto(f"/proposals/{proposal.pk}/")
        page.locator("#id_body").fill(body)
        page.locator("#comment-form button[type=submit]").click()
    expect(page.locator(".fw-messages")).to_contain_text("What you typed is still in the form.")
    expect(page.locator("#id_body")).to_have_value("A second thought, typed with care.")
    check_accessibility(page, "a comment over its limit")
    screenshot(page, "rate-limit-comment")

    # Without JavaScript the support button posts a form: the answer is the 429 page.
    plain = browser_for(new_context, citizen, java_script_enabled=False)
    plain.goto(f"/proposals/{proposal.pk}/")
    plain.get_by_role("button", name="Withdraw my support").click()
    expect(plain.locator("h1")).to_have_text("Please wait a moment")
    screenshot(plain, "rate-limit-page")
    plain.get_by_role("link", name="Go back").click()
    expect(plain.locator("h1")).to_have_text(TITLE)

    # axe needs JavaScript: the same page, for a lookup of similar proposals outside the form.
    for _n in range(2):
        page.goto("/proposals/similar/?title=masks")
    expect(page.locator("h1")).to_have_text("Please wait a moment")
    check_accessibility(page, "the 429 page")
