"""The officials' side of proposals: assignment, decisions, the needs-info loop, merges,
expert reviews and the triage dashboard."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.models import ExpertProfile
from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.proposals import services
from ideas.proposals.models import Assignment, ExpertReview, Follow, Proposal, Support

from .conftest import decide, make_user

pytestmark = pytest.mark.django_db
Status = Proposal.Status


@pytest.fixture
def reach(citizen, staff, make_proposal):
    """Build a proposal in any state, through the services."""

    def _reach(state):
        if state == Status.DRAFT:
            return make_proposal(citizen, submit=False)
        proposal = make_proposal(citizen)
        if state == Status.SUBMITTED:
            return proposal
        if state == Status.WITHDRAWN:
            return services.proposal_withdraw(proposal=proposal, actor=citizen)
        if state == Status.MERGED:
            target = make_proposal(citizen, title="The proposal it merges into")
            return decide(proposal, staff, Status.MERGED, "Same idea", merge_into=target)
        return decide(proposal, staff, state, "Because")

    return _reach


def move(proposal, to_status, *, author, official):
    """Make a move with the service that owns it: the author submits, answers and withdraws."""
    if to_status == Status.SUBMITTED:
        if proposal.status == Status.NEEDS_INFO:
            return services.proposal_answer(proposal=proposal, actor=author, answer="The clinics in Daegu.")
        return services.proposal_submit(proposal=proposal, actor=author)
    if to_status == Status.WITHDRAWN:
        return services.proposal_withdraw(proposal=proposal, actor=author)
    return decide(proposal, official, to_status, "A public reason")


@pytest.mark.parametrize("from_status", Status.values)
@pytest.mark.parametrize("to_status", [s for s in Status.values if s not in (Status.DRAFT, Status.MERGED)])
def test_every_allowed_transition_works_and_every_other_is_refused(reach, citizen, staff, from_status, to_status):
    proposal = reach(from_status)
    entries = proposal.timeline.count()
    if to_status in Proposal.TRANSITIONS[from_status]:
        moved = move(proposal, to_status, author=citizen, official=staff)
        assert moved.status == to_status
        last = proposal.timeline.last()
        assert (last.from_status, last.to_status) == (from_status, to_status)
        assert proposal.timeline.count() == entries + 1
    else:
        with pytest.raises((ActionRefused, PermissionDenied)):
            move(proposal, to_status, author=citizen, official=staff)
        proposal.refresh_from_db()
        assert proposal.status == from_status
        assert proposal.timeline.count() == entries


@pytest.mark.parametrize("from_status", Status.values)
def test_merging_is_allowed_exactly_where_the_table_says(reach, citizen, staff, make_proposal, from_status):
    proposal = reach(from_status)
    target = make_proposal(citizen, title="Target")
    if Status.MERGED in Proposal.TRANSITIONS[from_status]:
        assert decide(proposal, staff, Status.MERGED, "Same", merge_into=target).status == Status.MERGED
    else:
        with pytest.raises((ActionRefused, PermissionDenied)):
            decide(proposal, staff, Status.MERGED, "Same", merge_into=target)


@pytest.mark.parametrize("decision", [Status.DECLINED, Status.NEEDS_INFO, Status.MERGED])
def test_a_public_reason_is_required(proposal, staff, make_proposal, citizen, decision):
    target = make_proposal(citizen, title="Other")
    with pytest.raises(ActionRefused):
        decide(proposal, staff, decision, "  ", merge_into=target)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_decision_form_without_reason_keeps_what_was_typed(client, official, proposal):
    client.force_login(official)
    response = client.post(
        reverse("proposals:triage_decide", args=[proposal.pk]),
        {"decision": "declined", "reason": "", "merge_into": "", "expected_status": "submitted"},
    )
    assert response.status_code == 400
    assert "A public reason is required" in response.content.decode()
    assert response.context["decision_form"]["decision"].value() == "declined"
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_stale_decision_is_refused_with_a_clear_message(client, official, other_official, proposal):
    decide(proposal, other_official, Status.UNDER_REVIEW)
    client.force_login(official)
    response = client.post(
        reverse("proposals:triage_decide", args=[proposal.pk]),
        {"decision": "declined", "reason": "No budget", "expected_status": "submitted"},
    )
    # The other official's decision assigned it to their organisation: this one may not decide now.
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_REVIEW


def test_a_stale_decision_by_the_same_organisation_is_refused(client, official, organisation, proposal):
    colleague = make_user(name="Colleague", second_factor=True)
    colleague.memberships.create(organisation=organisation, role="triager")
    decide(proposal, colleague, Status.UNDER_REVIEW)
    client.force_login(official)
    response = client.post(
        reverse("proposals:triage_decide", args=[proposal.pk]),
        {"decision": "accepted", "reason": "", "expected_status": "submitted"},
    )
    assert response.status_code == 409
    assert "Someone else changed this proposal meanwhile" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_REVIEW
    assert proposal.timeline.filter(to_status=Status.ACCEPTED).count() == 0


def test_the_needs_info_loop(client, official, citizen, proposal):
    client.force_login(official)
    response = client.post(
        reverse("proposals:triage_decide", args=[proposal.pk]),
        {"decision": "needs_info", "reason": "Which hospitals could host it?", "expected_status": "submitted"},
    )
    assert response.status_code == 302
    question = Notification.objects.get(recipient=citizen, kind=Notification.Kind.STATUS_CHANGE)
    assert "Which hospitals could host it?" in question.message

    client.force_login(citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Officials need more information" in page and "Which hospitals could host it?" in page
    empty = client.post(reverse("proposals:answer", args=[proposal.pk]), {"answer": "  "})
    assert empty.status_code == 200
    response = client.post(reverse("proposals:answer", args=[proposal.pk]), {"answer": "Chilgok and Yeungnam."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    answer = proposal.timeline.last()
    assert (answer.from_status, answer.reason) == (Status.NEEDS_INFO, "Chilgok and Yeungnam.")
    assert Notification.objects.filter(recipient=official, message__contains="answered your question").exists()
    # The ordinary submit path refuses: the question must be answered.
    decide(proposal, official, Status.NEEDS_INFO, "And the budget?")
    with pytest.raises(ActionRefused):
        services.proposal_submit(proposal=proposal, actor=citizen)


def test_merge_moves_supports_and_followers_counting_each_person_once(citizen, other_citizen, staff, make_proposal):
    source = make_proposal(citizen, title="Drive-through testing")
    target = make_proposal(other_citizen, title="Test people in their cars")
    both, source_only, target_only = make_user(), make_user(), make_user()
    for user in (both, source_only):
        services.support_add(proposal=source, user=user)
    for user in (both, target_only):
        services.support_add(proposal=target, user=user)
    services.support_add(proposal=source, user=other_citizen)  # the target's own author
    services.follow_add(proposal=source, user=source_only)

    merged = decide(source, staff, Status.MERGED, "The same idea; support gathers on one.", merge_into=target)

    target.refresh_from_db()
    assert merged.merged_into == target
    assert merged.support_count == 0 == Support.objects.filter(proposal=source).count()
    supporters = set(Support.objects.filter(proposal=target).values_list("user_id", flat=True))
    assert supporters == {both.pk, source_only.pk, target_only.pk}
    assert target.support_count == 3
    followers = set(Follow.objects.filter(proposal=target).values_list("user_id", flat=True))
    assert {citizen.pk, source_only.pk} <= followers
    assert not Follow.objects.filter(proposal=source).exists()
    with pytest.raises(PermissionDenied):  # a merged proposal takes no support
        services.support_add(proposal=merged, user=make_user())


def test_merge_refuses_itself_and_closed_targets(proposal, staff, citizen, make_proposal):
    with pytest.raises(ActionRefused):
        decide(proposal, staff, Status.MERGED, "Same", merge_into=proposal)
    declined = decide(make_proposal(citizen, title="Declined one"), staff, Status.DECLINED, "No")
    with pytest.raises(ActionRefused):
        decide(proposal, staff, Status.MERGED, "Same", merge_into=declined)
    assert Proposal.objects.get(pk=proposal.pk).status == Status.SUBMITTED


def test_merged_proposal_page_links_to_the_target(client, proposal, staff, citizen, make_proposal):
    target = make_proposal(citizen, title="The surviving proposal")
    decide(proposal, staff, Status.MERGED, "Same", merge_into=target)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "merged into another one" in page and target.get_absolute_url() in page


def test_assignment_is_recorded_and_scopes_who_decides(official, other_official, organisation, proposal, staff):
    colleague = make_user(name="Colleague", second_factor=True)
    colleague.memberships.create(organisation=organisation, role="pilot_lead")
    services.proposal_assign(proposal=proposal, actor=other_official, organisation=organisation)
    proposal.refresh_from_db()
    assert proposal.assigned_organisation == organisation
    assert Assignment.objects.get(proposal=proposal).assigned_by == other_official
    assert Notification.objects.filter(recipient=official, kind=Notification.Kind.ASSIGNMENT).exists()
    assert Notification.objects.filter(recipient=colleague, kind=Notification.Kind.ASSIGNMENT).exists()
    with pytest.raises(PermissionDenied):
        decide(proposal, other_official, Status.ACCEPTED)
    with pytest.raises(ActionRefused):
        services.proposal_assign(proposal=proposal, actor=official, organisation=organisation)
    decided = decide(proposal, colleague, Status.ACCEPTED)
    assert decided.timeline.last().actor_organisation == organisation


def test_first_decision_records_first_response_and_takes_the_proposal(official, organisation, proposal):
    assert proposal.first_response_at is None
    decided = decide(proposal, official, Status.UNDER_REVIEW)
    first = decided.first_response_at
    assert first is not None and decided.assigned_organisation == organisation
    decided = decide(decided, official, Status.ACCEPTED)
    assert decided.first_response_at == first


def test_citizens_and_experts_cannot_decide_even_through_the_service(proposal, other_citizen, expert):
    for user in (other_citizen, expert):
        with pytest.raises(PermissionDenied):
            decide(proposal, user, Status.ACCEPTED)


def test_decisions_notify_author_and_followers_with_the_reason(proposal, citizen, other_citizen, staff):
    services.follow_add(proposal=proposal, user=other_citizen)
    decide(proposal, staff, Status.DECLINED, "A national scheme already does this.")
    for user in (citizen, other_citizen):
        note = Notification.objects.get(recipient=user)
        assert "declined" in note.message and "A national scheme already does this." in note.message


def test_management_command_decides_through_the_same_service(proposal, staff, make_proposal, citizen):
    call_command("decide_proposal", proposal.pk, "declined", "--reason", "Out of scope", "--actor", staff.email)
    proposal.refresh_from_db()
    assert proposal.status == Status.DECLINED
    assert proposal.timeline.last().reason == "Out of scope"
    with pytest.raises(CommandError, match="may not decide"):
        call_command("decide_proposal", proposal.pk, "accepted", "--actor", staff.email)
    with pytest.raises(CommandError, match="reason is required"):
        call_command("decide_proposal", make_proposal(citizen).pk, "declined", "--actor", staff.email)


# --- Expert reviews ----------------------------------------------------------------


REVIEW = {"feasibility": "Needs a car park.", "risks": "Traffic jams.", "measures": "Minutes per sample.", "rating": 5}


def test_expert_reviews_a_proposal_once_and_can_revise(client, expert, proposal):
    client.force_login(expert)
    url = reverse("proposals:review", args=[proposal.pk])
    assert client.post(url, REVIEW).status_code == 302
    assert client.post(url, {**REVIEW, "rating": 4}).status_code == 302
    review = ExpertReview.objects.get(proposal=proposal)
    assert review.rating == 4 and review.reviewer == expert
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Needs a car park." in page and "Emergency physician" in page


def test_review_with_an_invalid_rating_keeps_the_text(client, expert, proposal):
    client.force_login(expert)
    response = client.post(reverse("proposals:review", args=[proposal.pk]), {**REVIEW, "rating": 9})
    assert response.status_code == 200
    assert "Needs a car park." in response.content.decode()
    assert not ExpertReview.objects.exists()


def test_only_field_experts_review_and_not_their_own_proposal(citizen, expert, make_proposal):
    own = make_proposal(expert, title="My own idea")
    with pytest.raises(PermissionDenied):
        services.review_save(proposal=own, reviewer=expert, data=REVIEW)
    with pytest.raises(PermissionDenied):
        services.review_save(proposal=make_proposal(expert, title="x"), reviewer=citizen, data=REVIEW)


# --- The dashboard ----------------------------------------------------------------


def queue(client, **params):
    response = client.get(reverse("proposals:triage"), params)
    assert response.status_code == 200
    return response, [p.title for p in response.context["page"].object_list]


def test_dashboard_scope_order_and_counters(
    client, official, other_official, organisation, citizen, make_proposal, settings, staff
):
    settings.FIELDWORK = {**settings.FIELDWORK, "SUPPORT_THRESHOLD": 2}
    late = make_proposal(citizen, title="Late")
    Proposal.objects.filter(pk=late.pk).update(response_due_at=timezone.now() - timedelta(days=2))
    soon = make_proposal(citizen, title="Soon")
    Proposal.objects.filter(pk=soon.pk).update(response_due_at=timezone.now() + timedelta(days=3))
    popular = make_proposal(citizen, title="Popular")
    for _ in range(2):
        services.support_add(proposal=popular, user=make_user())
    theirs = make_proposal(citizen, title="Assigned to us")
    services.proposal_assign(proposal=theirs, actor=staff, organisation=organisation)
    decide(make_proposal(citizen, title="Already accepted"), staff, Status.ACCEPTED)
    answered = decide(make_proposal(citizen, title="Answered late"), official, Status.UNDER_REVIEW)
    Proposal.objects.filter(pk=answered.pk).update(response_due_at=timezone.now() - timedelta(days=9))

    client.force_login(official)
    response, titles = queue(client)
    assert titles[0] == "Popular"  # over the support threshold first
    assert titles[1:3] == ["Late", "Soon"]  # then those awaiting an answer, by deadline
    assert titles[-1] == "Answered late"  # answered: the deadline is met
    assert "Already accepted" not in titles
    assert response.context["counters"]["overdue"] == 1
    assert response.context["counters"]["near_deadline"] == 1
    assert queue(client, due="overdue")[1] == ["Late"]
    assert queue(client, assigned="mine")[1] == ["Assigned to us", "Answered late"]
    assert "Assigned to us" not in queue(client, assigned="none")[1]
    assert queue(client, min_supports=2)[1] == ["Popular"]

    client.force_login(other_official)
    assert "Assigned to us" not in queue(client)[1]


def test_non_triager_officials_see_only_their_organisations_queue(client, organisation, citizen, make_proposal, staff):
    lead = make_user(name="Pilot lead", second_factor=True)
    lead.memberships.create(organisation=organisation, role="pilot_lead")
    make_proposal(citizen, title="Unassigned")
    services.proposal_assign(proposal=make_proposal(citizen, title="Ours"), actor=staff, organisation=organisation)
    client.force_login(lead)
    assert queue(client)[1] == ["Ours"]


def test_bad_filter_values_do_not_break_the_dashboard(client, official, proposal):
    client.force_login(official)
    response = client.get(reverse("proposals:triage"), {"due": "soon", "min_supports": "many", "assigned": "x"})
    assert response.status_code == 200


def test_dashboard_query_count_does_not_grow_with_rows(client, official, citizen, expert, make_proposal):
    def count_queries():
        cache.clear()  # the speed figures are cached: count the queries that compute them too
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("proposals:triage")).status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            proposal = make_proposal(citizen, title=f"Idea {i}")
            services.review_save(proposal=proposal, reviewer=expert, data=REVIEW)
            services.support_add(proposal=proposal, user=make_user())

    client.force_login(official)
    add(2)
    few = count_queries()
    add(8)
    assert count_queries() == few


def test_triage_proposal_page_query_count_does_not_grow(client, official, proposal, expert, make_proposal, citizen):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("proposals:triage_proposal", args=[proposal.pk])).status_code == 200
        return len(queries)

    client.force_login(official)
    services.review_save(proposal=proposal, reviewer=expert, data=REVIEW)
    few = count_queries()
    for i in range(4):
        reviewer = make_user(name=f"Expert {i}")
        ExpertProfile.objects.create(user=reviewer, profession="Nurse", workplace="Clinic", verified_at=timezone.now())
        services.review_save(proposal=proposal, reviewer=reviewer, data=REVIEW)
    decide(proposal, official, Status.UNDER_REVIEW)
    assert count_queries() == few


def test_handing_a_proposal_to_another_organisation_returns_to_the_queue(
    client, official, other_organisation, proposal
):
    client.force_login(official)
    response = client.post(
        reverse("proposals:triage_assign", args=[proposal.pk]), {"organisation": other_organisation.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("proposals:triage")
    assert "Assigned to Busan City" in response.content.decode()
