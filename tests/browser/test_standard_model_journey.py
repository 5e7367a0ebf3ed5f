"""A standard model's journey in a real browser, from a concluded pilot to its first adoption.

A publisher drafts a model from a pilot that proved itself, completes it in Wagtail's page
editor and submits it to the "Moderators approval" workflow; a reviewer approves it on
Wagtail's dashboard, which publishes version 1. A visitor reads the model with its evidence
(the pilot's metrics, charted and tabled), its version history and the index of models, and
downloads the PDF. An official of another organisation records an adoption with feedback;
the model page then shows it on the timeline of how the model spread, counted by kind of
organisation and by region, and the publisher is told about the feedback.

Each person has their own browser context (their own cookies). Users, organisations and
the pilot are made in the database; everything they do with the model is done through the
pages. axe-core checks every public page of the model (no serious or critical violation).
"""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils.formats import date_format
from playwright.sync_api import expect

from ideas.accounts.models import Membership, Organisation
from ideas.notifications.models import Notification
from ideas.pilots import services as pilot_services
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals import services as proposal_services
from ideas.proposals.models import Category, Proposal, Region
from tests.conftest import decide, make_user, proposal_data

from .helpers import browser_for, check_accessibility, choose, path_is, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PDF_TIMEOUT_MS = 30_000  # WeasyPrint loads its fonts on the first PDF of the process

PILOT = {
    "title": "Drive-through screening at two Daegu health centres",
    "hypothesis": "Testing people in their cars cuts the time per sample and the staff's exposure.",
    "sites": "Suseong-gu health centre\nDalseo-gu health centre",
    "outcome": "Nine minutes per sample and 380 people a day: every health centre can run it.",
}
# (name, unit, baseline, target, direction)
METRICS = [
    ("Minutes per sample", "minutes", 30, 10, "lower"),
    ("People tested per day", "people", 100, 400, "higher"),
]
# (what was changed, problems met, decision, minutes per sample, people per day)
ITERATIONS = [
    ("Two lanes; registration, temperature and swab through the car window.", "", "adapt", 22, 160),
    ("Registration by phone before arrival.", "Rain slowed the outdoor lanes.", "continue", 14, 260),
    ("A third lane and a second swab booth.", "", "scale", 9, 380),
]

TITLE = "Drive-through screening clinic"  # the publisher's title for the model
SUMMARY_ADDITION = "Book a slot by phone before people arrive."
ADOPTER = "Busan Medical Center"
ADOPTION = {
    "status": "operating",
    "started_on": date(2020, 3, 16),
    "local_adaptations": "One lane in the hospital car park, open from 8 a.m. to 8 p.m.",
    "feedback": "Add a walk-through booth for people who come without a car.",
}


def standard_model_story():
    """A concluded, standardised pilot of Daegu with two metrics over three iterations; a
    publisher at headquarters, a reviewer among Wagtail's moderators, and an official of a
    hospital in Busan. Needs ``site_data`` (the Wagtail groups and the /models/ page)."""
    from django.contrib.auth.models import Group

    daegu = Organisation.objects.create(
        name="Daegu Metropolitan City",
        slug="daegu",
        kind=Organisation.Kind.LOCAL_GOVERNMENT,
        region=Region.objects.get(slug="daegu"),
    )
    lead = make_user(name="Pilot Lead Seo", second_factor=True)
    Membership.objects.create(user=lead, organisation=daegu, role=Membership.Role.PILOT_LEAD)
    author = make_user(name="Dr. Park")
    data = proposal_data(Category.objects.get(slug="testing"), Region.objects.get(slug="daegu"))
    proposal = proposal_services.proposal_submit(
        proposal=proposal_services.proposal_create(author=author, data=data), actor=author
    )
    accepted = decide(Proposal.objects.get(pk=proposal.pk), make_user(name="Staff Kim", staff=True), "accepted")

    started = date(2020, 2, 23)
    pilot = pilot_services.pilot_create(
        actor=lead,
        data={
            "title": PILOT["title"],
            "hypothesis": PILOT["hypothesis"],
            "lead_organisation": daegu,
            "partner_organisations": [],
            "proposals": [accepted],
            "sites": PILOT["sites"],
            "planned_start": started,
        },
        metrics=[
            {"name": name, "unit": unit, "baseline": baseline, "target": target, "direction": direction}
            for name, unit, baseline, target, direction in METRICS
        ],
    )
    pilot = pilot_services.pilot_start(pilot=pilot, actor=lead, started_on=started)
    metric_ids = list(pilot.metrics.values_list("pk", flat=True))
    for number, (changes, problems, decision, *values) in enumerate(ITERATIONS):
        start = started + timedelta(days=3 * number)
        pilot_services.pilot_record_iteration(
            pilot=pilot,
            actor=lead,
            data={
                "period_start": start,
                "period_end": start + timedelta(days=2),
                "changes": changes,
                "observations": "Queues moved faster.",
                "problems": problems,
                "decision": decision,
            },
            measurements=dict(zip(metric_ids, values, strict=True)),
        )
    pilot = pilot_services.pilot_conclude(
        pilot=pilot, actor=lead, outcome="standardised", summary=PILOT["outcome"], concluded_on=date(2020, 3, 5)
    )

    headquarters = Organisation.objects.create(
        name="Central Disaster Headquarters", slug="cdh", kind=Organisation.Kind.CENTRAL_AGENCY
    )
    publisher = make_user(name="Publisher Moon", second_factor=True)
    # The membership signal puts publishers in Wagtail's "Editors": they may submit, not publish.
    Membership.objects.create(user=publisher, organisation=headquarters, role=Membership.Role.PUBLISHER)
    reviewer = make_user(name="Reviewer Jang", second_factor=True)
    reviewer.groups.add(Group.objects.get(name="Moderators"))

    # Another kind of organisation in another region, so that the spread counts say something.
    adopter = Organisation.objects.create(
        name=ADOPTER,
        slug="busan-medical-center",
        kind=Organisation.Kind.PUBLIC_INSTITUTION,
        region=Region.objects.get(slug="busan"),
    )
    official = make_user(name="Official Ha", second_factor=True)
    Membership.objects.create(user=official, organisation=adopter, role=Membership.Role.ORGANISATION_ADMIN)
    return {
        "pilot": pilot,
        "publisher": publisher,
        "reviewer": reviewer,
        "official": official,
        "adopter": adopter,
    }


@pytest.fixture
def story(site_data):
    return standard_model_story()


def success_message(page):
    return page.locator(".usa-alert--success")


# --- In Wagtail's admin ------------------------------------------------------------------------


def draft_from_pilot(page, pilot):
    """The publisher's button on the pilot page drafts a model and opens it in Wagtail's editor."""
    page.goto(f"/pilots/{pilot.pk}/")
    page.get_by_role("button", name="Draft a standard model from this pilot").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    model = StandardModelPage.objects.get(pilot=pilot)
    path_is(page, f"/admin/pages/{model.pk}/edit/")
    expect(page.get_by_text("A draft standard model is ready.")).to_be_visible()
    return model


def edit_in_wagtail(page, *, title, summary_addition):
    """Retitle the draft and add a sentence to its summary (a Draftail rich-text editor)."""
    page.get_by_role("textbox", name="Title").fill(title)
    summary = page.locator('[data-contentpath="summary"] [role="textbox"]')
    expect(summary).to_contain_text(PILOT["outcome"])  # prefilled from the pilot's outcome
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(f" {summary_addition}")
    expect(summary).to_contain_text(summary_addition)
    # Draftail writes the editor's state into the form's hidden input a moment later.
    expect(page.locator("#id_summary")).to_have_value(re.compile(re.escape(summary_addition)))


def submit_to_moderation(page, title):
    """Wagtail's footer: "Save draft", and in its "More actions" menu the workflow's submit button.
    An editor has no "Publish" button: only the workflow can publish."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    expect(footer.locator('button[name="action-publish"]')).to_have_count(0)
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.get_by_text(f"Page '{title}' has been submitted for moderation.")).to_be_visible()


def approve_on_dashboard(page, title):
    """The reviewer's Wagtail dashboard lists the page under "Awaiting your review"; "Approve"
    (without a comment) is in the row's "Actions" menu and publishes the page."""
    page.goto("/admin/")
    awaiting = page.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Publisher Moon")  # who submitted it
    screenshot(page, "model-awaiting-review")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    # The dashboard reloads once the approval is committed; nothing is left to review.
    expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)


# --- On the public site ------------------------------------------------------------------------


def check_evidence(page, pilot):
    """The pilot's metrics, charted and tabled on the model page: baseline, iterations, target."""
    evidence = page.get_by_role("region", name="Evidence")
    expect(evidence).to_contain_text(f"From the pilot “{pilot.title}” led by Daegu Metropolitan City.")
    expect(evidence).to_contain_text(PILOT["outcome"])
    expect(evidence).to_contain_text("3 iterations")
    expect(evidence.get_by_role("link", name="The whole pilot, with every iteration")).to_have_attribute(
        "href", f"/pilots/{pilot.pk}/"
    )
    for index, (name, _unit, baseline, target, _direction) in enumerate(METRICS):
        chart = evidence.get_by_role("img", name=f"{name} across iterations")
        expect(chart).to_be_visible()
        expect(chart.locator("circle")).to_have_count(len(ITERATIONS))
        rows = evidence.get_by_role("table", name=f"{name} by iteration").locator("tbody tr")
        expect(rows).to_have_count(len(ITERATIONS) + 2)  # baseline, the iterations, target
        expect(rows.first).to_contain_text(str(baseline))
        expect(rows.last).to_contain_text(str(target))
        expect(rows.nth(len(ITERATIONS))).to_contain_text(str(ITERATIONS[-1][3 + index]))


def download_pdf(page):
    with page.expect_download(timeout=PDF_TIMEOUT_MS) as download:
        page.get_by_role("link", name="Download PDF").click()
    return download.value


def record_adoption(page):
    form = page.locator("main form")
    # The official belongs to one organisation only: it is the one choice, already chosen.
    expect(form.get_by_label("Organisation")).to_have_value(str(Organisation.objects.get(name=ADOPTER).pk))
    choose(form.get_by_role("group", name="Status"), ADOPTION["status"])
    form.get_by_label("Start date").fill(ADOPTION["started_on"].isoformat())
    form.get_by_label("Local adaptations").fill(ADOPTION["local_adaptations"])
    form.get_by_label("Feedback for the next version").fill(ADOPTION["feedback"])
    form.get_by_role("button", name="Record the adoption").click()


def check_timeline(page):
    """The adoption on "How it spread", and the counts by kind of organisation and by region."""
    spread = page.get_by_role("region", name="How it spread")
    entry = spread.locator(".fw-timeline li").filter(has_text=ADOPTER)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("operating")
    expect(entry).to_contain_text("version 1")
    expect(entry).to_contain_text(ADOPTION["local_adaptations"])
    started = entry.locator(f'time[datetime="{ADOPTION["started_on"].isoformat()}"]')
    expect(started).to_have_text(date_format(ADOPTION["started_on"], "DATE_FORMAT"))
    by_kind = spread.get_by_role("table", name="Organisations using it, by kind").locator("tbody tr")
    expect(by_kind).to_have_count(1)
    expect(by_kind.first).to_have_text(re.compile(r"Public institution\s*1"))
    by_region = spread.get_by_role("table", name="Organisations using it, by region").locator("tbody tr")
    expect(by_region).to_have_count(1)
    expect(by_region.first).to_have_text(re.compile(r"Busan\s*1"))
    # The feedback is for the publishers, not for the public page.
    expect(page.locator("main")).not_to_contain_text(ADOPTION["feedback"])


def test_standard_model_journey(new_context, story):
    pilot = story["pilot"]

    # --- A publisher drafts the model from the pilot and completes it in Wagtail ----------------
    publisher = browser_for(new_context, story["publisher"])
    model = draft_from_pilot(publisher, pilot)
    expect(publisher.get_by_role("textbox", name="Title")).to_have_value(pilot.title)
    edit_in_wagtail(publisher, title=TITLE, summary_addition=SUMMARY_ADDITION)
    screenshot(publisher, "model-editor", full_page=False)
    submit_to_moderation(publisher, TITLE)
    model = StandardModelPage.objects.get(pk=model.pk)
    assert model.workflow_in_progress and not model.live
    assert not ModelVersion.objects.exists()

    # --- A reviewer among Wagtail's moderators approves it: version 1 is live -------------------
    reviewer = browser_for(new_context, story["reviewer"])
    approve_on_dashboard(reviewer, TITLE)
    model = StandardModelPage.objects.get(pk=model.pk)
    assert model.live and model.title == TITLE and SUMMARY_ADDITION in model.summary
    assert [(v.number, v.published_by) for v in ModelVersion.objects.filter(page=model)] == [(1, story["reviewer"])]
    url = model.url
    assert url == f"/models/{model.slug}/"

    # --- A visitor finds it in the index, reads it with its evidence, downloads the PDF ---------
    visitor = browser_for(new_context)
    visitor.goto("/models/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Standard models")
    listed = visitor.locator(".usa-collection__item").filter(has_text=TITLE)
    expect(listed).to_contain_text("from the pilot of Daegu Metropolitan City")
    expect(listed).to_contain_text("adopted by 0 organisations")
    check_accessibility(visitor, "standard models index")
    listed.get_by_role("link", name=TITLE).click()
    path_is(visitor, url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".fw-model header .fw-meta")).to_contain_text("Standard operating model · version 1")
    expect(visitor.locator("main")).to_contain_text(SUMMARY_ADDITION)
    procedure = visitor.locator("ol.fw-procedure > li")
    expect(procedure).to_have_count(len(ITERATIONS))  # one step per iteration, as drafted
    expect(procedure.first).to_contain_text(ITERATIONS[0][0])
    expect(visitor.locator(".fw-limitations")).to_contain_text("Rain slowed the outdoor lanes.")
    check_evidence(visitor, pilot)
    expect(visitor.get_by_role("link", name="Record an adoption")).to_have_count(0)  # officials only
    expect(visitor.get_by_role("region", name="How it spread")).to_contain_text("No organisation has recorded")
    screenshot(visitor, "model-page")
    check_accessibility(visitor, "standard model page")

    download = download_pdf(visitor)
    assert download.suggested_filename == f"{model.slug}-v1.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    visitor.get_by_role("link", name="Version history").click()
    path_is(visitor, f"{url}versions/")
    expect(visitor.get_by_role("heading", level=2)).to_contain_text("Version 1")
    expect(visitor.locator("main")).to_contain_text("First published version.")
    check_accessibility(visitor, "version history")

    # --- An official of a hospital in Busan records their adoption, with feedback ---------------
    official = browser_for(new_context, story["official"])
    official.goto(url)
    official.get_by_role("link", name="Record an adoption").click()
    path_is(official, f"{url}adopt/")
    expect(official.get_by_role("heading", level=1)).to_have_text("Record an adoption")
    check_accessibility(official, "adoption form")
    record_adoption(official)
    path_is(official, url)
    expect(official).to_have_url(re.compile("#adoptions$"))
    expect(success_message(official)).to_contain_text("Your organisation’s adoption is recorded on the model.")
    check_timeline(official)
    screenshot(official, "model-page-adopted")
    check_accessibility(official, "standard model page with an adoption")

    adoption = Adoption.objects.get(page=model)
    assert (adoption.organisation, adoption.recorded_by) == (story["adopter"], story["official"])
    assert adoption.version.number == 1 and adoption.feedback == ADOPTION["feedback"]

    # Anyone sees the same timeline, and the index counts the adoption.
    visitor.goto(url)
    check_timeline(visitor)
    visitor.goto("/models/")
    expect(visitor.locator(".usa-collection__item").filter(has_text=TITLE)).to_contain_text("adopted by 1 organisation")

    # --- The publisher is told about the feedback and reads it ---------------------------------
    message = f"{ADOPTER} sent feedback on the standard model “{TITLE}”."
    assert Notification.objects.filter(
        recipient=story["publisher"], kind=Notification.Kind.ADOPTION_FEEDBACK, message=message
    ).exists()
    publisher.goto("/notifications/")
    publisher.get_by_role("link", name=message).click()
    path_is(publisher, f"{url}feedback/")
    feedback = publisher.locator("article").filter(has_text=ADOPTER)
    expect(feedback).to_contain_text(ADOPTION["feedback"])
    check_accessibility(publisher, "feedback from adopters")

    # --- On a phone ----------------------------------------------------------------------------
    phone = browser_for(new_context, **PHONE)
    phone.goto(url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    screenshot(phone, "model-page-phone")
    width = phone.viewport_size["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
