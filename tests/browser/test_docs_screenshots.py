"""The screenshots in docs/screenshots/, taken on demand (not on every run).

    UPDATE_DOCS_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_docs_screenshots.py

Viewport-sized (1280x900) PNGs with a few proposals in the database, reduced to a 256-colour
palette so that they stay small in the repository. Look at them before committing.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from ideas.accounts.models import Membership, Organisation
from ideas.pilots import services as pilot_services
from ideas.playbooks import services as playbook_services
from ideas.proposals import services
from ideas.proposals.models import Category, Proposal, Region
from tests.conftest import PASSWORD, decide, make_user, proposal_data, publish

from .helpers import log_in
from .test_standard_model_journey import ADOPTION, PHONE, SUMMARY_ADDITION, TITLE, standard_model_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("UPDATE_DOCS_SCREENSHOTS"), reason="set UPDATE_DOCS_SCREENSHOTS=1"),
]

DOCS = Path(settings.BASE_DIR) / "docs" / "screenshots"

PROPOSALS = [
    # (author, category, region, title, problem, solution, supports)
    (
        "Dr. Park",
        "testing",
        "daegu",
        "Drive-through screening clinics",
        "People wait for hours in crowded clinics and infect each other while waiting.",
        "Test people in their cars: registration, temperature and swab through the window.",
        3,
    ),
    (
        "Pharmacist Han",
        "supply-chain",
        "nationwide",
        "Record public-mask purchases per person at every pharmacy",
        "People buy masks at several pharmacies on the same day while others find none left.",
        "Check the national drug-utilisation system before each sale and refuse a second purchase in the week.",
        2,
    ),
    (
        "Student Lim",
        "information",
        "seoul",
        "Publish case locations as open data",
        "Citizens cannot see where confirmed cases went, so rumours spread faster than facts.",
        "Release the anonymised movement data as a daily file that anyone can map.",
        1,
    ),
    (
        "간호사 정",
        "care-capacity",
        "busan",
        "경증 환자를 위한 생활치료센터",
        "병상이 부족해 경증 환자가 집에서 기다리다 가족에게 전파합니다.",
        "기업 연수원을 빌려 경증 환자를 돌보고, 병원은 중증 환자에 집중합니다.",
        1,
    ),
    (
        "보건소 직원 오",
        "working-practices",
        "gyeonggi",
        "선별진료소 대기 인원 실시간 안내",
        "어느 진료소가 덜 붐비는지 몰라 한 곳에만 사람이 몰립니다.",
        "진료소마다 대기 인원을 입력하면 지도에 실시간으로 보여 줍니다.",
        0,
    ),
]


def save(page, name):
    from PIL import Image

    DOCS.mkdir(parents=True, exist_ok=True)
    path = DOCS / f"{name}.png"
    page.screenshot(path=str(path))
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def submit_proposals():
    supporters = [make_user(name=f"Supporter {n}") for n in range(3)]
    proposals = []
    for name, category, region, title, problem, solution, supports in PROPOSALS:
        author = make_user(name=name)
        data = proposal_data(
            Category.objects.get(slug=category),
            Region.objects.get(slug=region),
            title=title,
            problem=problem,
            solution=solution,
        )
        proposal = services.proposal_submit(proposal=services.proposal_create(author=author, data=data), actor=author)
        for supporter in supporters[:supports]:
            services.support_add(proposal=proposal, user=supporter)
        proposals.append(proposal)
    return supporters, proposals


def test_docs_screenshots(new_context, site_data):
    supporters, proposals = submit_proposals()
    services.comment_add(
        proposal=proposals[0], author=supporters[0], body="We tried this at our clinic: ten minutes per person."
    )

    page = new_context().new_page()
    page.goto("/")
    save(page, "home")

    page.goto(f"/proposals/{proposals[0].pk}/")
    save(page, "proposal")

    citizen = make_user(name="Nurse Choi")
    log_in(page, citizen.email, PASSWORD)
    page.goto("/proposals/new/")
    page.locator("#id_title").press_sequentially("Drive-through screening clinic at every health centre")
    page.locator("#id_problem").press_sequentially("People wait for hours in crowded clinics.")
    expect(page.locator("#similar-proposals .fw-similar-item").first).to_be_visible()
    page.locator("#id_title").evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 120)")
    save(page, "proposal-form")

    page = new_context(locale="ko-KR").new_page()
    page.goto("/ko/proposals/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    save(page, "proposals-ko")


def test_docs_screenshots_of_officials_pages(new_context, site_data):
    """The triage dashboard, and a pilot's metrics charted over three iterations."""
    _supporters, proposals = submit_proposals()
    daegu = Organisation.objects.create(
        name="Daegu Metropolitan City", slug="daegu", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )
    official = make_user(name="Official Kang", second_factor=True)
    for role in (Membership.Role.TRIAGER, Membership.Role.PILOT_LEAD):
        Membership.objects.create(user=official, organisation=daegu, role=role)

    def fresh(proposal):
        return Proposal.objects.get(pk=proposal.pk)

    accepted = decide(fresh(proposals[0]), official, "accepted", "Two health centres have room for car lanes.")
    services.proposal_assign(proposal=fresh(proposals[1]), actor=official, organisation=daegu)
    decide(fresh(proposals[2]), official, "needs_info", "Which data would you publish, and how often?")

    today = timezone.localdate()
    pilot = pilot_services.pilot_create(
        actor=official,
        data={
            "title": "Drive-through screening at two Daegu health centres",
            "hypothesis": "Testing people in their cars cuts the time per sample and the staff's exposure.",
            "lead_organisation": daegu,
            "partner_organisations": [],
            "proposals": [accepted],
            "sites": "Suseong-gu health centre\nDalseo-gu health centre",
            "planned_start": today,
        },
        metrics=[
            {"name": "Minutes per sample", "unit": "minutes", "baseline": 30, "target": 10, "direction": "lower"},
            {"name": "People tested per day", "unit": "people", "baseline": 100, "target": 400, "direction": "higher"},
        ],
    )
    pilot = pilot_services.pilot_start(pilot=pilot, actor=official, started_on=today)
    metric_ids = list(pilot.metrics.values_list("pk", flat=True))
    for number, (minutes, people, decision) in enumerate(
        [(22, 160, "adapt"), (14, 260, "continue"), (9, 380, "scale")]
    ):
        start = today + timedelta(days=7 * number)
        pilot_services.pilot_record_iteration(
            pilot=pilot,
            actor=official,
            data={
                "period_start": start,
                "period_end": start + timedelta(days=6),
                "changes": f"Week {number + 1}: {['two lanes', 'registration by phone', 'a third lane'][number]}.",
                "observations": "Queues moved faster.",
                "problems": "",
                "decision": decision,
            },
            measurements=dict(zip(metric_ids, (minutes, people), strict=True)),
        )

    page = new_context().new_page()
    log_in(page, official.email, PASSWORD)
    page.goto("/triage/")
    expect(page.locator(".fw-triage-table")).to_be_visible()
    save(page, "triage")

    page = new_context().new_page()
    page.goto(f"/pilots/{pilot.pk}/")
    expect(page.locator("svg.fw-chart polyline")).to_have_count(2)
    page.locator("#metrics-heading").evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 24)")
    save(page, "pilot")


def test_docs_screenshots_of_a_standard_model(new_context, site_data):
    """A published standard model with one adoption, on a desktop and on a phone."""
    story = standard_model_story()
    model = playbook_services.model_draft_from_pilot(pilot=story["pilot"], actor=story["publisher"])
    model.title = TITLE
    model.summary += f"<p>{SUMMARY_ADDITION}</p>"
    model = publish(model, story["publisher"])
    playbook_services.adoption_record(page=model, actor=story["official"], organisation=story["adopter"], data=ADOPTION)

    # The desktop shows the end of the page (the evidence and how the model spread), the phone
    # its beginning (title, version, the PDF, the summary).
    page = new_context().new_page()
    page.goto(model.url)
    expect(page.locator("svg.fw-chart polyline")).to_have_count(2)
    expect(page.locator("#adoptions .fw-timeline")).to_contain_text(story["adopter"].name)
    page.locator("#adoptions").evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().bottom + scrollY - innerHeight + 32)"
    )
    save(page, "standard-model")

    page = new_context(**PHONE).new_page()
    page.goto(model.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    save(page, "standard-model-phone")
