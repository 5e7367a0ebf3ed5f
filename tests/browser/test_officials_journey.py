"""The officials' journey in a real browser: triage, a question to the author, acceptance,
then a pilot with two metrics and two iterations, charted on its public page.

Each person has their own browser context (their own cookies), as they would have their own
browser: a triager of the national triage desk, an official and a pilot lead of the city the
proposal is assigned to, the citizen who wrote it, and an anonymous visitor. Users and
organisations are made in the database; everything they do is done through the pages.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ideas.accounts.models import ExpertProfile, Membership, Organisation
from ideas.notifications.models import Notification
from ideas.pilots.models import Iteration, Pilot
from ideas.proposals import services
from ideas.proposals.models import Category, Proposal, Region
from tests.conftest import PASSWORD, make_pilot_for, make_user, proposal_data
from tests.conftest import decide as decide_now

from .helpers import browser_for, check_accessibility, choose, log_in, path_is, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}

TITLE = "Drive-through screening clinic at every health centre"
QUESTION = "Which health centres have a car park large enough for a queue of cars?"
ANSWER = "Suseong-gu and Dalseo-gu: both have car parks for forty cars next to the entrance."
PILOT = {
    "title": "Drive-through screening at two Daegu health centres",
    "hypothesis": "Testing people in their cars cuts the time per sample and the staff's exposure.",
    "sites": ["Suseong-gu health centre", "Dalseo-gu health centre"],
}
# (name, unit, baseline, target, direction label, value in iteration 1, value in iteration 2)
METRICS = [
    ("Minutes per sample", "minutes", "30", "10", "lower is better", "18", "9"),
    ("People tested per day", "people", "100", "400", "higher is better", "180", "320"),
]
ITERATIONS = [
    ("Two lanes, registration by phone before arrival.", "continue"),
    ("A third lane and a second swab booth.", "scale"),
]


@pytest.fixture
def people(site_data):
    """The citizen's submitted proposal, and the officials who will answer it."""
    ministry = Organisation.objects.create(
        name="Ministry of Health and Welfare", slug="mohw", kind=Organisation.Kind.CENTRAL_AGENCY
    )
    daegu = Organisation.objects.create(
        name="Daegu Metropolitan City", slug="daegu", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )
    triager = make_user(name="Triager Yoon", second_factor=True)
    Membership.objects.create(user=triager, organisation=ministry, role=Membership.Role.TRIAGER)
    # Not a triager: the official sees only what is assigned to the city.
    official = make_user(name="Official Kang", second_factor=True)
    Membership.objects.create(user=official, organisation=daegu, role=Membership.Role.ORGANISATION_ADMIN)
    lead = make_user(name="Pilot Lead Seo", second_factor=True)
    Membership.objects.create(user=lead, organisation=daegu, role=Membership.Role.PILOT_LEAD)

    author = make_user(name="Nurse Choi")
    data = proposal_data(Category.objects.get(slug="testing"), Region.objects.get(slug="daegu"), title=TITLE)
    proposal = services.proposal_submit(proposal=services.proposal_create(author=author, data=data), actor=author)
    return {
        "ministry": ministry,
        "daegu": daegu,
        "triager": triager,
        "official": official,
        "lead": lead,
        "author": author,
        "proposal": Proposal.objects.get(pk=proposal.pk),
    }


def open_triage(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Triage").click()
    path_is(page, "/triage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage")


def decide(page, decision, reason):
    decide_form = page.get_by_role("region", name="Decide")
    choose(decide_form, decision)
    decide_form.get_by_label("Public reason").fill(reason)
    decide_form.get_by_role("button", name="Record the decision").click()
    path_is(page, "/triage/")
    expect(page.locator(".usa-alert--success")).to_contain_text("Decision recorded")


def test_officials_journey(new_context, people):
    proposal, author = people["proposal"], people["author"]
    today = timezone.localdate()

    # --- The city's official does not see the unassigned proposal yet -------------------------
    official = browser_for(new_context, people["official"])
    open_triage(official)
    expect(official.get_by_role("table", name="Proposals waiting for an answer")).to_have_count(0)
    expect(official.locator("main")).to_contain_text("Nothing waits for an answer here.")

    # --- A triager of the ministry assigns the new proposal to the city -------------------------
    triager = browser_for(new_context, people["triager"])
    open_triage(triager)
    queue = triager.get_by_role("table", name="Proposals waiting for an answer")
    row = queue.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("not assigned yet")
    expect(row).to_contain_text("30 days left")
    screenshot(triager, "triage-dashboard")
    check_accessibility(triager, "triage dashboard")

    row.get_by_role("link", name=TITLE).click()
    path_is(triager, f"/triage/{proposal.pk}/")
    expect(triager.get_by_role("heading", level=1)).to_have_text(TITLE)
    screenshot(triager, "triage-proposal")
    check_accessibility(triager, "triage proposal page")
    assign = triager.get_by_role("region", name="Assign")
    assign.get_by_label("Organisation that should answer").select_option(label="Daegu Metropolitan City")
    assign.get_by_role("button", name="Assign").click()
    # The view redirects to the triage page, which the ministry's triager may no longer open once
    # the proposal is the city's: a 403 page that carries the success message (reported).
    expect(triager.locator(".usa-alert--success")).to_contain_text(
        "Assigned to Daegu Metropolitan City. Its officials are notified."
    )
    proposal.refresh_from_db()
    assert proposal.assigned_organisation == people["daegu"]
    assert proposal.status == Proposal.Status.SUBMITTED

    # --- An official of the city asks the author for more information ---------------------------
    official.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(
        official.get_by_role("link", name=f"“{TITLE}” was assigned to Daegu Metropolitan City for an answer.")
    ).to_be_visible()
    open_triage(official)
    row = (
        official.get_by_role("table", name="Proposals waiting for an answer").get_by_role("row").filter(has_text=TITLE)
    )
    expect(row).to_contain_text("Daegu Metropolitan City")
    row.get_by_role("link", name=TITLE).click()
    path_is(official, f"/triage/{proposal.pk}/")
    expect(official.get_by_role("region", name="Assign")).to_have_count(0)  # only triagers hand proposals on
    decide(official, "needs more information", QUESTION)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NEEDS_INFO

    # --- The author answers, in a browser of their own ------------------------------------------
    writer = browser_for(new_context, author)
    writer.goto(f"/proposals/{proposal.pk}/")
    alert = writer.locator(".usa-alert").filter(
        has=writer.get_by_role("heading", name="Officials need more information")
    )
    expect(alert).to_contain_text(QUESTION)
    alert.get_by_role("link", name="Answer the question").click()
    path_is(writer, f"/proposals/{proposal.pk}/answer/")
    expect(writer.get_by_role("region", name=re.compile("^Their question"))).to_contain_text(QUESTION)
    screenshot(writer, "proposal-answer")
    check_accessibility(writer, "answer page")
    writer.get_by_label("Your answer (shown publicly on the timeline)").fill(ANSWER)
    writer.get_by_role("button", name="Send the answer").click()
    path_is(writer, f"/proposals/{proposal.pk}/")
    expect(writer.locator(".usa-alert--success")).to_contain_text("Your answer is sent")
    expect(writer.locator(".fw-proposal .fw-status")).to_have_text("submitted")
    expect(writer.get_by_role("heading", name="Officials need more information")).to_have_count(0)
    expect(writer.locator("main")).to_contain_text(ANSWER)  # on the public timeline
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED

    # --- The official reads the answer and accepts the proposal ---------------------------------
    official.goto("/notifications/")
    official.get_by_role("link", name=f"The author answered your question about “{TITLE}”.").click()
    path_is(official, f"/triage/{proposal.pk}/")
    expect(official.locator("main")).to_contain_text(ANSWER)
    decide(official, "accepted", "Two health centres have the space; the city will pilot it.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    expect(official.get_by_role("table", name="Proposals waiting for an answer")).to_have_count(0)

    # --- The city's pilot lead plans a pilot with two metrics -----------------------------------
    lead = browser_for(new_context, people["lead"])
    lead.goto(f"/proposals/{proposal.pk}/")
    lead.get_by_role("link", name="Plan a pilot from this proposal").click()
    path_is(lead, "/pilots/new/")
    expect(lead).to_have_url(re.compile(rf"\?proposal={proposal.pk}$"))
    check_accessibility(lead, "pilot form")
    form = lead.locator("main form")
    form.get_by_label("Title").fill(PILOT["title"])
    expect(form.get_by_role("group", name="Proposals").get_by_label(TITLE)).to_be_checked()
    expect(form.get_by_label("Lead organisation")).to_have_value(str(people["daegu"].pk))
    choose(form.get_by_role("group", name="Partner organisations"), "Ministry of Health and Welfare")
    form.get_by_label("Hypothesis").fill(PILOT["hypothesis"])
    form.get_by_label("Sites").fill("\n".join(PILOT["sites"]))
    form.get_by_label("Planned start").fill(today.isoformat())
    for n, (name, unit, baseline, target, direction, *_values) in enumerate(METRICS, start=1):
        metric = form.get_by_role("group", name=f"Metric {n}", exact=True)
        metric.get_by_label("Name", exact=True).fill(name)
        metric.get_by_label("Unit", exact=True).fill(unit)
        metric.get_by_label("Baseline", exact=True).fill(baseline)
        metric.get_by_label("Target", exact=True).fill(target)
        metric.get_by_label("Direction").select_option(label=direction)
    screenshot(lead, "pilot-form")
    form.get_by_role("button", name="Plan the pilot").click()

    pilot = Pilot.objects.get(title=PILOT["title"])
    path_is(lead, f"/pilots/{pilot.pk}/")
    expect(lead.locator(".usa-alert--success")).to_contain_text("The pilot is planned.")
    assert pilot.status == Pilot.Status.PLANNED
    assert list(pilot.proposals.all()) == [proposal]
    assert list(pilot.partner_organisations.all()) == [people["ministry"]]
    assert [(m.name, m.direction) for m in pilot.metrics.all()] == [
        ("Minutes per sample", "lower"),
        ("People tested per day", "higher"),
    ]

    # --- ... starts it, and records two iterations ----------------------------------------------
    lead.get_by_role("link", name="Start the pilot").click()
    path_is(lead, f"/pilots/{pilot.pk}/start/")
    lead.get_by_label("Started on").fill(today.isoformat())
    lead.get_by_role("button", name="Start the pilot").click()
    path_is(lead, f"/pilots/{pilot.pk}/")
    expect(lead.locator(".fw-pilot .fw-status")).to_have_text("running")

    for number, (changes, decision) in enumerate(ITERATIONS, start=1):
        lead.get_by_role("link", name="Record an iteration").click()
        path_is(lead, f"/pilots/{pilot.pk}/iterations/new/")
        start = today + timedelta(days=7 * (number - 1))
        period = lead.get_by_role("group", name="Period")
        period.get_by_label("From").fill(start.isoformat())
        period.get_by_label("Until").fill((start + timedelta(days=6)).isoformat())
        lead.get_by_label("What was changed").fill(changes)
        measurements = lead.get_by_role("group", name="Measurements")
        for name, unit, *_rest, first, second in METRICS:
            measurements.get_by_label(f"{name} ({unit})").fill(first if number == 1 else second)
        lead.get_by_label("Observations").fill(f"Observations of week {number}.")
        lead.get_by_label("Problems met").fill("Rain slowed the outdoor lanes." if number == 2 else "")
        choose(lead.get_by_role("group", name="Decision"), decision)
        if number == 1:
            screenshot(lead, "iteration-form")
            check_accessibility(lead, "iteration form")
        lead.get_by_role("button", name="Record the iteration").click()
        path_is(lead, f"/pilots/{pilot.pk}/")
        expect(lead).to_have_url(re.compile(rf"#iteration-{number}$"))
        expect(lead.locator(".usa-alert--success")).to_contain_text(f"Iteration {number} is recorded.")
    assert list(pilot.iterations.values_list("number", "decision")) == [(1, "continue"), (2, "scale")]
    assert Iteration.objects.filter(pilot=pilot).count() == 2

    # --- Anyone sees both metrics charted, with a table of the same figures ---------------------
    visitor = browser_for(new_context)
    visitor.goto(f"/pilots/{pilot.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(PILOT["title"])
    expect(visitor.get_by_role("link", name="Record an iteration")).to_have_count(0)
    charts = visitor.locator("svg.fw-chart")
    expect(charts).to_have_count(2)
    for name, _unit, baseline, target, _direction, first, second in METRICS:
        chart = visitor.get_by_role("img", name=f"{name} across iterations")
        expect(chart).to_be_visible()
        expect(chart.locator("polyline")).to_have_count(1)
        expect(chart.locator("circle")).to_have_count(2)
        table = visitor.get_by_role("table", name=f"{name} by iteration")
        expect(table).to_be_visible()
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(4)  # baseline, two iterations, target
        expect(rows.nth(0)).to_contain_text(baseline)
        expect(rows.nth(1)).to_contain_text(first)
        expect(rows.nth(2)).to_contain_text(second)
        expect(rows.nth(3)).to_contain_text(target)
    # 9 minutes reaches the target of 10 or less; 320 people do not reach 400 yet.
    expect(
        visitor.get_by_role("table", name="Minutes per sample by iteration").locator("tbody tr").nth(2)
    ).to_contain_text("yes")
    expect(
        visitor.get_by_role("table", name="People tested per day by iteration").locator("tbody tr").nth(2)
    ).to_contain_text("not yet")
    iterations = visitor.get_by_role("region", name="Iterations")
    for number, (changes, _decision) in enumerate(ITERATIONS, start=1):
        expect(iterations.locator(f"#iteration-{number}")).to_contain_text(changes)
    screenshot(visitor, "pilot")
    check_accessibility(visitor, "pilot page")

    # --- The author heard about every step, in the app and by e-mail ----------------------------
    writer.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Notifications")).click()
    path_is(writer, "/notifications/")
    expected = [
        f"Officials need more information about “{TITLE}”: {QUESTION}",
        f"“{TITLE}” is now accepted.",
        f"A pilot was planned from a proposal you follow: “{PILOT['title']}”.",
        f"The pilot “{PILOT['title']}”, made from a proposal you follow, has started.",
        f"Iteration 1 of the pilot “{PILOT['title']}” is recorded: continue.",
        f"Iteration 2 of the pilot “{PILOT['title']}” is recorded: scale.",
    ]
    screenshot(writer, "notifications")
    notifications = writer.locator(".fw-notification")
    for message in expected:
        expect(notifications.filter(has_text=message)).to_have_count(1)
    kinds = list(Notification.objects.filter(recipient=author).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["status_change", "status_change"] + ["pilot_update"] * 4, kinds

    to_author = [message for message in mail.outbox if message.to == [author.email]]
    bodies = [message.body for message in to_author]
    for message in expected:
        assert sum(message in body for body in bodies) == 1, (message, [m.subject for m in to_author])
    decision_mails = [m for m in to_author if "need more information" in m.body or "is now accepted" in m.body]
    assert len(decision_mails) == 2
    assert all(m.subject.endswith("Status change") and f"/proposals/{proposal.pk}/" in m.body for m in decision_mails)
    pilot_mails = [m for m in to_author if m not in decision_mails]
    assert len(pilot_mails) == 4
    assert all(m.subject.endswith("Pilot update") and f"/pilots/{pilot.pk}/" in m.body for m in pilot_mails)
    # The officials were told too: the city of the assignment, the asker of the answer.
    assert any(m.to == [people["official"].email] and "was assigned to" in m.body for m in mail.outbox)
    assert any(m.to == [people["official"].email] and "answered your question" in m.body for m in mail.outbox)


@pytest.fixture
def running_pilot(people):
    """The same story made through the services: the proposal accepted, a pilot with two iterations."""
    proposal = services.proposal_assign(
        proposal=people["proposal"], actor=people["triager"], organisation=people["daegu"]
    )
    proposal = decide_now(Proposal.objects.get(pk=proposal.pk), people["official"], "accepted")
    return make_pilot_for(people["lead"], people["daegu"], [proposal], iterations=2)


def test_pilot_page_fits_a_phone(new_context, running_pilot):
    page = browser_for(new_context, **PHONE)
    page.goto(f"/pilots/{running_pilot.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(running_pilot.title)
    expect(page.locator("svg.fw-chart polyline")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The charts shrink with the screen, and the tables beside them fit below them.
    for box in page.locator("svg.fw-chart, table.fw-metric-table").evaluate_all(
        "nodes => nodes.map(n => n.getBoundingClientRect().right)"
    ):
        assert box <= 375
    screenshot(page, "pilot-phone")


@pytest.fixture
def busy_queue(people, running_pilot):
    """More to show: a proposal with a question answered and an expert review, an unassigned one
    over the deadline, and an accepted one without a pilot yet."""
    category, region = Category.objects.get(slug="testing"), Region.objects.get(slug="daegu")
    desk = make_user(name="Official Han", second_factor=True)
    for role in (Membership.Role.TRIAGER, Membership.Role.PILOT_LEAD):
        Membership.objects.create(user=desk, organisation=people["daegu"], role=role)

    def submitted(title, problem, author=None):
        author = author or make_user(name="Citizen Lim")
        data = proposal_data(category, region, title=title, problem=problem)
        proposal = services.proposal_submit(proposal=services.proposal_create(author=author, data=data), actor=author)
        return Proposal.objects.get(pk=proposal.pk)

    asked = submitted(
        "Record public-mask purchases per person at every pharmacy",
        "People buy masks at several pharmacies on the same day while others find none left.",
        author=people["author"],
    )
    services.proposal_assign(proposal=asked, actor=people["triager"], organisation=people["daegu"])
    asked = decide_now(Proposal.objects.get(pk=asked.pk), people["official"], "needs_info", QUESTION)
    services.proposal_answer(proposal=asked, actor=people["author"], answer=ANSWER)
    expert = make_user(name="Dr. Park")
    ExpertProfile.objects.create(
        user=expert, profession="Emergency physician", workplace="Keimyung University", verified_at=timezone.now()
    )
    services.review_save(
        proposal=Proposal.objects.get(pk=asked.pk),
        reviewer=expert,
        data={
            "feasibility": "Every pharmacy already uses the drug-utilisation system.",
            "risks": "Queues at pharmacies while the system is slow on the first day.",
            "measures": "Masks sold per person per week; minutes of queueing.",
            "rating": 4,
        },
    )
    for supporter in (make_user(), make_user()):
        services.support_add(proposal=Proposal.objects.get(pk=asked.pk), user=supporter)

    overdue = submitted(
        "Publish case locations as open data with a very long title that has to wrap on a phone screen",
        "Citizens cannot see where confirmed cases went, so rumours spread faster than facts.",
    )
    Proposal.objects.filter(pk=overdue.pk).update(response_due_at=timezone.now() - timedelta(days=3))
    waiting = submitted(
        "경증 환자를 위한 생활치료센터", "병상이 부족해 경증 환자가 집에서 기다리다 가족에게 전파합니다."
    )
    services.proposal_assign(proposal=waiting, actor=people["triager"], organisation=people["daegu"])
    decide_now(Proposal.objects.get(pk=waiting.pk), people["official"], "accepted")
    return {"desk": desk, "asked": Proposal.objects.get(pk=asked.pk), "pilot": running_pilot}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_officials_pages_fit_a_desktop_and_a_phone(new_context, people, busy_queue, lang):
    """Every new page in both languages, on a desktop and on a phone: no horizontal scrolling,
    no serious axe violation with a fuller queue, and a full-page screenshot in test-artifacts/."""
    prefix = "" if lang == "en" else f"/{lang}"
    pilot, asked = busy_queue["pilot"], busy_queue["asked"]
    pages = {
        "triage": "/triage/",
        "triage-proposal": f"/triage/{asked.pk}/",
        "pilots": "/pilots/",
        "pilot-new": "/pilots/new/",
        "pilot": f"/pilots/{pilot.pk}/",
        "speed": "/speed/",
    }
    for device, options in (("desktop", {}), ("phone", PHONE)):
        page = new_context(locale="en-GB" if lang == "en" else "ko-KR", **options).new_page()
        log_in(page, busy_queue["desk"].email, PASSWORD, prefix=prefix)
        width = page.viewport_size["width"]
        for name, path in pages.items():
            page.goto(f"{prefix}{path}")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            screenshot(page, f"officials-{name}-{lang}-{device}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{prefix}{path} is {scroll_width}px wide on a {width}px {device}"
            if device == "desktop":
                check_accessibility(page, f"{prefix}{path}")
