"""The Content Security Policy in a real browser: the main pages load without a single
violation, and their scripts (USWDS's menu, htmx's swaps) still work (docs/security.md,
"Safe content").

Every page is opened in Chromium with a listener for ``securitypolicyviolation`` events,
installed before any of the page's own scripts run, and with the console watched for
"Refused to ..." messages; one violation on any page fails the test.
"""

import re

import pytest
from playwright.sync_api import expect

from ideas.playbooks import services as playbook_services
from ideas.proposals import services
from ideas.proposals.models import Category, Region
from tests.conftest import make_pilot_for, make_user, proposal_data, publish

from .helpers import browser_for

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class Watched:
    """A browser page that records every CSP violation, as events and as console errors."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTEN)
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text or "Refused to" in message.text
                else None
            ),
        )

    def visit(self, path):
        response = self.page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        self.page.wait_for_load_state("load")
        self.assert_clean(path)
        return response

    def assert_clean(self, where):
        events = self.page.evaluate("window.__cspViolations || []")
        assert not events and not self.console, f"CSP violations on {where}: {events} {self.console}"


@pytest.fixture
def pages(site_data, official, staff, publisher, organisation):
    """A proposal with a discussion, a similar one, a running pilot with two iterations (its
    chart), and a published standard model from a concluded pilot."""
    from datetime import date

    from ideas.pilots import services as pilot_services
    from tests.conftest import decide

    category, region = Category.objects.get(slug="testing"), Region.objects.get(slug="daegu")
    author = make_user(name="Citizen Park")
    proposal = services.proposal_create(author=author, data=proposal_data(category, region))
    proposal = services.proposal_submit(proposal=proposal, actor=author)
    services.comment_add(proposal=proposal, author=make_user(name="Citizen Lee"), body="Works in Goyang too.")
    accepted = decide(
        services.proposal_submit(
            proposal=services.proposal_create(
                author=author, data=proposal_data(category, region, title="Walk-through screening booths")
            ),
            actor=author,
        ),
        staff,
        "accepted",
    )
    running = make_pilot_for(official, organisation, [accepted], iterations=2)
    concluded = make_pilot_for(official, organisation, [accepted], iterations=2, title="Phone booking of tests")
    concluded = pilot_services.pilot_conclude(
        pilot=concluded, actor=official, outcome="standardised", summary="Ten minutes.", concluded_on=date(2020, 3, 5)
    )
    model = publish(playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    people = {"official": official, "staff": staff, "publisher": publisher}
    return {"proposal": proposal, "pilot": running, "model": model, **people}


def test_the_main_pages_load_without_a_csp_violation_and_their_scripts_work(new_context, pages):
    visitor = Watched(browser_for(new_context))
    for path in ("/", "/proposals/", "/challenges/", "/pilots/", "/models/", "/search/?q=clinic"):
        visitor.visit(path)
    visitor.visit(f"/proposals/{pages['proposal'].pk}/")
    expect(visitor.page.locator(".fw-comment__body")).to_contain_text("Works in Goyang too.")
    visitor.visit(f"/pilots/{pages['pilot'].pk}/")
    expect(visitor.page.locator("svg.fw-chart").first).to_be_visible()
    visitor.visit(pages["model"].url)
    expect(visitor.page.locator("h1")).to_have_text(pages["model"].title)

    # On a phone, USWDS's script opens the menu: it runs under the policy.
    phone = Watched(new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page())
    phone.visit("/proposals/")
    phone.page.locator(".usa-menu-btn").click()
    expect(phone.page.locator(".usa-nav")).to_have_class(re.compile(r"is-visible"))
    phone.assert_clean("the phone menu")

    # A citizen: htmx suggests similar proposals as they type, and swaps the support box.
    citizen = Watched(browser_for(new_context, make_user(name="Citizen Writing")))
    citizen.visit("/proposals/new/")
    citizen.page.locator("#id_title").press_sequentially("Drive-through screening clinic")
    expect(citizen.page.locator("#similar-proposals .fw-similar-item").first).to_contain_text(
        "Drive-through screening clinics"
    )
    citizen.assert_clean("the similar proposals htmx swap")
    citizen.visit(f"/proposals/{pages['proposal'].pk}/")
    citizen.page.locator(f'#proposal-actions form[action="/proposals/{pages["proposal"].pk}/support/"] button').click()
    expect(citizen.page.locator("#proposal-actions .fw-you-support")).to_be_visible()
    citizen.assert_clean("the support htmx swap")
    citizen.visit("/accounts/profile/")
    citizen.visit("/notifications/")

    official = Watched(browser_for(new_context, pages["official"]))
    official.visit("/triage/")
    official.visit(f"/triage/{pages['proposal'].pk}/")

    staff = Watched(browser_for(new_context, pages["staff"]))
    staff.visit("/moderation/")
    # Wagtail's admin runs under the same policy: its dashboard, the page explorer, and (for a
    # publisher) the page editor, its most script-heavy screen, whose tabs switch on a click.
    staff.visit("/admin/")
    expect(staff.page.locator("#main")).to_be_visible()
    staff.visit(f"/admin/pages/{pages['model'].get_parent().pk}/")
    # Django's admin needs no relaxation: its index and a change form with its widgets.
    pages["staff"].is_superuser = True
    pages["staff"].save(update_fields=["is_superuser"])
    staff.visit("/django-admin/")
    staff.visit(f"/django-admin/accounts/user/{pages['staff'].pk}/change/")
    expect(staff.page.locator("#id_email")).to_be_visible()
    editor = Watched(browser_for(new_context, pages["publisher"]))
    editor.visit(f"/admin/pages/{pages['model'].pk}/edit/")
    editor.page.get_by_role("tab", name="Promote").click()
    expect(editor.page.locator("#id_slug")).to_be_visible()
    editor.assert_clean("Wagtail's page editor")
    editor.page.get_by_role("tab", name="Content").click()
    editor.page.get_by_role("button", name="Toggle preview").click()
    expect(editor.page.locator("iframe#w-preview-iframe")).to_be_attached()
    editor.assert_clean("Wagtail's live preview")
