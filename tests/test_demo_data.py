"""The demo data (``manage.py load_demo_data``) tells the stories of DESIGN.md section 1
through the whole pipeline: proposals, the officials' decisions, pilots, speed figures, and
the standard models published from the pilots, with their versions and adoptions."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.models import Membership, User
from ideas.pilots.models import Iteration, Measurement, Metric, Pilot
from ideas.pilots.speed import speed_figures
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals.models import Assignment, ExpertReview, Proposal, StatusChange, Support
from ideas.proposals.selectors import triage_counters, triage_scope

from .conftest import ensure_reference_data, totp_code

DEMO_PASSWORD = "fieldwork-demo-2020"
Status = Proposal.Status


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        out = StringIO()
        call_command("load_demo_data", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def drive_through_pilot():
    return Pilot.objects.get(title__startswith="Drive-through")


def mask_pilot():
    return Pilot.objects.get(title__contains="mask")


def test_the_printed_accounts_are_one_official_per_role_and_log_in_with_the_printed_password(demo):
    assert f"password: {DEMO_PASSWORD}" in demo
    emails = re.findall(r"\S+@demo\.fieldwork\.example", demo)
    assert len(emails) == len(set(emails))
    roles = Membership.objects.filter(user__email__in=emails).values_list("role", flat=True)
    assert sorted(roles) == sorted(Membership.Role.values)
    for email in emails:
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email


@pytest.mark.parametrize("second_step", ["current code", "recovery code"])
def test_a_demo_official_signs_in_with_what_the_demo_prints(demo, client, second_step):
    """The password, then the code of the printed authenticator key (or a printed recovery code)."""
    secret = re.search(r"otpauth://totp/\S+\?secret=([A-Z2-7]+)", demo).group(1)
    if second_step == "current code":
        out = StringIO()
        call_command("demo_code", stdout=out)
        code = out.getvalue().split()[0]
        assert code == totp_code(secret)
    else:
        code = re.search(r"Recovery codes \(each works once per account\): (\S+)", demo).group(1)
    triager = "triager@demo.fieldwork.example"
    assert triager in demo
    response = client.post(reverse("account_login"), {"login": triager, "password": DEMO_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get(reverse("proposals:triage")).status_code == 200


def test_the_story_organisations_have_the_officials_they_need(demo):
    def roles(slug):
        return set(Membership.objects.filter(organisation__slug=slug).values_list("role", flat=True))

    assert Membership.Role.TRIAGER in roles("kdca")
    assert Membership.Role.PILOT_LEAD in roles("knuh")
    assert Membership.Role.PILOT_LEAD in roles("hira")


def test_the_drive_through_proposal_is_assigned_reviewed_accepted_and_piloted(demo):
    proposal = Proposal.objects.get(title__startswith="Drive-through")
    assert proposal.status == Status.ACCEPTED
    assert proposal.assigned_organisation.slug == "knuh"
    assert Assignment.objects.filter(proposal=proposal, organisation__slug="knuh").exists()
    review = ExpertReview.objects.get(proposal=proposal)
    assert review.reviewer.email.startswith("nurse@") and review.rating == 5
    steps = list(proposal.timeline.values_list("to_status", flat=True))
    assert steps == [Status.SUBMITTED, Status.UNDER_REVIEW, Status.ACCEPTED]
    assert timezone.localtime(proposal.submitted_at).date() == date(2020, 2, 20)
    # Answered within hours, in the story's time, not when the command ran.
    assert timedelta(hours=1) < proposal.first_response_at - proposal.submitted_at < timedelta(days=2)
    assert proposal in drive_through_pilot().proposals.all()


def test_the_drive_through_pilot_ran_in_measured_iterations_and_was_standardised(demo):
    pilot = drive_through_pilot()
    assert pilot.lead_organisation.slug == "knuh"
    assert pilot.started_on == date(2020, 2, 23)
    assert pilot.status == Pilot.Status.CONCLUDED and pilot.outcome == Pilot.Outcome.STANDARDISED
    assert "cars" in pilot.outcome_summary and "waste" in pilot.outcome_summary
    assert {"goyang", "sejong"} <= set(pilot.partner_organisations.values_list("slug", flat=True))
    assert any("Goyang" in site for site in pilot.site_list) and any("Sejong" in site for site in pilot.site_list)
    assert pilot.created_at.date() < pilot.started_on

    iterations = list(pilot.iterations.all())
    assert 3 <= len(iterations) <= 4
    assert {i.decision for i in iterations} >= {"continue", "adapt", "scale"}
    assert any("Goyang" in i.changes for i in iterations)
    problems = " ".join(i.problems for i in iterations)
    assert "car" in problems and "waste" in problems
    assert Measurement.objects.filter(iteration__pilot=pilot).count() == len(iterations) * pilot.metrics.count()

    minutes = Metric.objects.get(pilot=pilot, name="minutes per sample collected")
    assert minutes.baseline == 30 and minutes.target == 10 and minutes.direction == Metric.Direction.LOWER
    values = list(minutes.measurements.order_by("iteration__number").values_list("value", flat=True))
    assert values[0] > 10 >= values[-1]
    assert values == sorted(values, reverse=True)
    directions = dict(pilot.metrics.values_list("name", "direction"))
    assert directions["staff exposures per 100 samples"] == Metric.Direction.LOWER
    assert directions["people tested per day"] == Metric.Direction.HIGHER


def test_the_mask_pilot_records_the_overload_and_the_fix(demo):
    pilot = mask_pilot()
    assert pilot.lead_organisation.slug == "hira"
    assert pilot.partner_organisations.filter(slug="pharma").exists()
    assert all(p.status == Status.ACCEPTED for p in pilot.proposals.all())
    first, second, *_rest = pilot.iterations.all()
    assert "overload" in first.problems and first.decision == Iteration.Decision.ADAPT
    assert "Birth-year rotation" in second.changes and "Post offices" in second.changes
    check_time = pilot.metrics.get(name="pharmacy check time")
    assert check_time.measurements.get(iteration=second).value < check_time.measurements.get(iteration=first).value


def korea_date(moment):
    return timezone.localtime(moment).date()


def test_the_drive_through_model_was_published_in_two_versions_by_the_printed_accounts(demo, client):
    page = StandardModelPage.objects.get(pilot=drive_through_pilot())
    assert page.live and page.title == "Drive-through screening clinic"
    v2, v1 = page.versions.all()
    assert (v1.number, v1.change_note) == (1, "")
    assert (v2.number, v2.change_note) == (2, "Walk-through booths for people without cars")
    assert date(2020, 3, 1) <= korea_date(v1.published_at) < korea_date(v2.published_at) <= date(2020, 3, 15)
    assert korea_date(page.first_published_at) == korea_date(v1.published_at)
    assert korea_date(page.last_published_at) == korea_date(v2.published_at)
    reviewer = User.objects.get(email="reviewer@demo.fieldwork.example")
    assert reviewer.email in demo and reviewer.groups.filter(name="Moderators").exists()
    assert {v.published_by for v in (v1, v2)} == {reviewer}
    assert Group.objects.get(name="Moderators") in reviewer.groups.all()

    # Rewritten as a playbook, not the draft prefilled from the pilot's iterations.
    first = v1.revision.as_object()
    steps = " ".join(str(block.value["what"]) for block in first.procedure)
    assert "phone" in steps and "temperature" in steps and "swab" in steps and "text message" in steps
    assert {block.value["kind"] for block in first.requirements} == {"space", "staff", "equipment", "systems"}
    assert all(block.value["who"] and block.value["duration"] for block in first.procedure)
    assert "car" in first.limitations[0].value["limitation"]
    assert "walk-through" not in steps.lower()
    assert any("walk-through" in block.value["who"] for block in page.procedure)
    assert "Walk-through" in page.limitations[0].value["alternative"]

    history = client.get(f"{page.url}versions/")
    assert history.status_code == 200 and "Walk-through booths for people without cars" in history.content.decode()


def test_the_drive_through_model_spread_through_adoptions_with_feedback(demo, client):
    page = StandardModelPage.objects.get(pilot=drive_through_pilot())
    adoptions = {a.organisation.slug: a for a in page.adoptions.select_related("organisation", "version")}
    assert {"goyang", "sejong", "seoul", "daegu"} <= set(adoptions)
    assert len(adoptions) >= 6
    statuses = [a.status for a in adoptions.values()]
    assert statuses.count(Adoption.Status.RETIRED) == 1
    assert Adoption.Status.PLANNED in statuses and Adoption.Status.OPERATING in statuses
    kinds = {a.organisation.kind for a in adoptions.values()}
    regions = {a.organisation.region.slug for a in adoptions.values()}
    assert len(kinds) >= 2 and len(regions) >= 4
    recorded = sorted({korea_date(a.created_at) for a in adoptions.values()})
    assert len(recorded) >= 4 and date(2020, 3, 1) <= recorded[0] and recorded[-1] <= date(2020, 4, 30)
    assert all(a.local_adaptations for a in adoptions.values())

    goyang = adoptions["goyang"]
    assert "walk-through" in goyang.feedback
    assert goyang.version.number == 1 and goyang.feedback_addressed_in.number == 2
    assert adoptions["chungnam"].version.number == 2  # recorded after the second version

    content = client.get(page.url).content.decode()
    assert "How it spread" in content and "Goyang City" in content and "Sejong" in content
    listing = client.get("/models/")
    assert listing.status_code == 200 and "Drive-through screening clinic" in listing.content.decode()


def test_the_mask_pilot_was_standardised_and_published_as_a_model(demo, client):
    pilot = mask_pilot()
    assert pilot.status == Pilot.Status.CONCLUDED and pilot.outcome == Pilot.Outcome.STANDARDISED
    assert pilot.outcome_summary and pilot.concluded_on == date(2020, 4, 15)
    page = StandardModelPage.objects.get(pilot=pilot)
    assert page.live and [v.number for v in page.versions.all()] == [1]
    assert korea_date(page.first_published_at) > pilot.concluded_on
    assert page.adoptions.filter(status=Adoption.Status.OPERATING).count() >= 1
    assert client.get(page.url).status_code == 200


def test_officials_decline_and_merge_with_public_reasons(demo):
    declined = Proposal.objects.filter(status=Status.DECLINED)
    assert declined.count() >= 2
    for proposal in declined:
        assert proposal.timeline.get(to_status=Status.DECLINED).reason

    merged = Proposal.objects.filter(status=Status.MERGED)
    assert merged.exists()
    for proposal in merged:
        assert proposal.merged_into is not None
        assert proposal.timeline.get(to_status=Status.MERGED).reason
        assert proposal.support_count == 0 and not Support.objects.filter(proposal=proposal).exists()
    walk_through = Proposal.objects.get(title="Walk-through screening booths for people without cars")
    # The duplicate's supporters joined the proposal it was merged into.
    assert walk_through.support_count > 142


def test_the_queue_has_proposals_in_every_open_state(demo):
    assert Proposal.objects.filter(status=Status.UNDER_REVIEW).exists()
    waiting = Proposal.objects.get(status=Status.NEEDS_INFO)
    assert waiting.timeline.get(to_status=Status.NEEDS_INFO).reason
    answered = StatusChange.objects.filter(from_status=Status.NEEDS_INFO, to_status=Status.SUBMITTED).get()
    assert answered.reason and answered.proposal.status == Status.SUBMITTED
    assert Proposal.objects.filter(status=Status.SUBMITTED).count() >= 10
    triager = User.objects.get(email__startswith="triager@")
    counters = triage_counters(triage_scope(triager))
    assert counters["overdue"] > 0 and counters["near_deadline"] > 0


def test_speed_figures_read_in_days(demo):
    overall, rows = speed_figures()
    assert overall.responses and overall.to_pilot and overall.to_start and overall.to_conclusion
    assert overall.overdue > 0
    assert timedelta(hours=1) < overall.median_response < timedelta(days=30)
    assert timedelta(days=1) < overall.median_to_pilot < timedelta(days=30)
    assert overall.median_to_conclusion == timedelta(days=40)
    assert {"knuh", "hira"} <= {row.organisation.slug for row in rows if row.to_pilot}


def test_loading_twice_changes_nothing(demo):
    def counts():
        models = (
            *(User, Proposal, StatusChange, Assignment, ExpertReview, Support, Pilot, Iteration, Measurement),
            *(StandardModelPage, ModelVersion, Adoption),
        )
        return {model.__name__: model.objects.count() for model in models}

    before = counts()
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert counts() == before
    assert "0 new proposals, 0 triaged by officials, 0 new pilots, 0 new standard models" in out.getvalue()
