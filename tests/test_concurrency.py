"""Concurrent supports are counted exactly (PostgreSQL, real parallel transactions)."""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from ideas.core.exceptions import ActionRefused
from ideas.proposals import services
from ideas.proposals.antifraud import Criteria
from ideas.proposals.models import Proposal, Support

from .conftest import make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's real concurrency"),
]


def run_in_threads(targets):
    barrier = threading.Barrier(len(targets))
    errors = []

    def wrapped(target):
        try:
            barrier.wait()
            target()
        except ActionRefused as refusal:
            errors.append(refusal)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=wrapped, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_are_counted_exactly(citizen, make_proposal):
    proposal = make_proposal(citizen)
    supporters = [make_user() for _ in range(24)]
    refusals = run_in_threads(
        [lambda user=user: services.support_add(proposal=proposal, user=user) for user in supporters]
    )
    assert refusals == []
    proposal.refresh_from_db()
    assert proposal.support_count == 24 == proposal.supports.count()


@pytest.mark.django_db(transaction=True)
def test_the_same_account_supporting_twice_at_once_counts_once(citizen, other_citizen, make_proposal):
    proposal = make_proposal(citizen)
    refusals = run_in_threads([lambda: services.support_add(proposal=proposal, user=other_citizen)] * 8)
    assert len(refusals) == 7
    proposal.refresh_from_db()
    assert proposal.support_count == 1 == proposal.supports.count()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_apply_once(citizen, staff, make_proposal):
    proposal = make_proposal(citizen)

    def decide(status):
        return lambda: services._transition(
            proposal=proposal, actor=staff, to_status=status, reason="r", expected_status=Proposal.Status.SUBMITTED
        )

    refusals = run_in_threads([decide(Proposal.Status.UNDER_REVIEW), decide(Proposal.Status.DECLINED)])
    assert len(refusals) == 1
    assert proposal.timeline.count() == 2  # submitted, then exactly one decision


@pytest.mark.django_db(transaction=True)
def test_two_officials_deciding_at_once_apply_once(citizen, official, organisation, make_proposal):
    proposal = make_proposal(citizen)
    colleague = make_user(second_factor=True)
    colleague.memberships.create(organisation=organisation, role="triager")

    def decide(actor, decision, reason):
        return lambda: services.proposal_decide(
            proposal=proposal, actor=actor, decision=decision, reason=reason, expected_status="submitted"
        )

    refusals = run_in_threads(
        [decide(official, "accepted", ""), decide(colleague, "declined", "Already covered nationally.")]
    )
    assert len(refusals) == 1
    assert proposal.timeline.count() == 2  # submitted, then exactly one decision
    proposal.refresh_from_db()
    assert proposal.status in ("accepted", "declined")
    assert proposal.assignments.count() == 1  # the first response took it once


@pytest.mark.django_db(transaction=True)
def test_supports_arriving_during_a_merge_are_counted_once(citizen, other_citizen, staff, make_proposal):
    source = make_proposal(citizen, title="Source")
    target = make_proposal(other_citizen, title="Target")
    people = [make_user() for _ in range(12)]
    for person in people[:6]:
        services.support_add(proposal=source, user=person)

    def merge():
        services.proposal_decide(proposal=source, actor=staff, decision="merged", reason="Same idea", merge_into=target)

    # Half support the target while the merge runs (three of them also supported the source).
    late = [lambda p=p: services.support_add(proposal=target, user=p) for p in people[3:9]]
    run_in_threads([merge, *late])
    target.refresh_from_db()
    supporters = set(target.supports.values_list("user_id", flat=True))
    assert supporters == {p.pk for p in people[:9]}
    assert target.support_count == 9


@pytest.mark.django_db(transaction=True)
def test_supports_arriving_during_a_bulk_invalidation_keep_the_counts_exact(citizen, staff, make_proposal):
    first, second = make_proposal(citizen, title="First"), make_proposal(citizen, title="Second")
    bots, late_bots, people = (
        [make_user() for _ in range(6)],
        [make_user() for _ in range(4)],
        [make_user() for _ in range(8)],
    )
    for n, bot in enumerate(bots):
        services.support_add(proposal=(first, second)[n % 2], user=bot, ip_address=f"203.0.113.{n + 1}")
    now = timezone.now()
    criteria = Criteria(start=now - timedelta(hours=1), end=now + timedelta(hours=1), network="203.0.113.0/24")

    def invalidate():
        services.supports_invalidate(staff=staff, criteria=criteria, reason="Bot farm")

    # Honest supports and more bots from the same range arrive while it runs: each late bot is
    # either invalidated with the others or counted, never half of each.
    arriving = [
        lambda p=p, n=n: services.support_add(proposal=(first, second)[n % 2], user=p, ip_address="198.51.100.1")
        for n, p in enumerate(people)
    ] + [
        lambda b=b, n=n: services.support_add(proposal=(first, second)[n % 2], user=b, ip_address="203.0.113.99")
        for n, b in enumerate(late_bots)
    ]
    assert run_in_threads([invalidate, *arriving]) == []
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert proposal.support_count == proposal.supports.filter(invalidation__isnull=True).count()
    assert Support.objects.filter(invalidation__isnull=False).count() >= 6
    assert first.support_count + second.support_count >= 8
