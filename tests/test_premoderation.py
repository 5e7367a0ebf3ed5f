"""Pre-moderation: new proposals held for staff approval before they are public
(docs/security.md, "Pre-moderation")."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.api import exports
from ideas.audit.models import AuditEntry
from ideas.notifications.models import Notification
from ideas.proposals import services
from ideas.proposals.models import Challenge, ModerationSettings, Proposal

from .conftest import make_user, proposal_data

pytestmark = pytest.mark.django_db

TITLE = "Pharmacies record mask purchases per person"


@pytest.fixture
def site_policy(db):
    def _set(policy, **fields):
        site = ModerationSettings.load()
        site.premoderation = policy
        for name, value in fields.items():
            setattr(site, name, value)
        site.save()
        return site

    return _set


def aged(user, days):
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    return user


def submit_through_the_form(client, author, category, region, **overrides):
    client.force_login(author)
    draft = services.proposal_create(author=author, data=proposal_data(category, region, title=TITLE, **overrides))
    response = client.post(reverse("proposals:preview", args=[draft.pk]), follow=True)
    return Proposal.objects.get(pk=draft.pk), response


def public_everywhere(client, proposal, tmp_path, settings):
    """Where a visitor could come across the proposal: page, list, search, similar proposals,
    challenge, API, feed, bulk download, home and speed figures."""
    client.logout()
    settings.MEDIA_ROOT = tmp_path
    exports.regenerate()
    rows = list(
        csv.DictReader(io.StringIO(b"".join(client.get("/data/proposals.csv").streaming_content).decode("utf-8-sig")))
    )
    similar = client.post(reverse("proposals:similar"), {"title": TITLE, "problem": ""}).content.decode()
    return {
        "page": client.get(proposal.get_absolute_url()).status_code == 200,
        "list": TITLE in client.get(reverse("proposals:list")).content.decode(),
        "search": TITLE in client.get(reverse("proposals:list"), {"q": "pharmacies mask"}).content.decode(),
        "site search": TITLE in client.get(reverse("core:search"), {"q": "pharmacies mask"}).content.decode(),
        "similar": TITLE in similar,
        "api": client.get(reverse("api:proposal_detail", args=[proposal.pk])).status_code == 200,
        "api list": any(p["id"] == proposal.pk for p in client.get(reverse("api:proposal_list")).json()["results"]),
        "feed": TITLE in client.get(reverse("api:feed_proposals")).content.decode(),
        "download": any(row["id"] == str(proposal.pk) for row in rows),
        "home": TITLE in client.get(reverse("core:home")).content.decode(),
    }


def test_a_held_proposal_is_public_nowhere_until_approved_and_its_deadline_starts_then(
    client, site_policy, citizen, staff, official, category, region, tmp_path, settings
):
    site_policy("all")
    proposal, response = submit_through_the_form(client, citizen, category, region)
    assert "Moderators check new proposals before they are published" in response.content.decode()
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.held_at is not None
    assert proposal.response_due_at is None

    # The author sees it, and why nobody else does.
    client.force_login(citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert (
        "Awaiting moderation" in page
        and "awaiting moderation" in client.get(reverse("accounts:profile")).content.decode()
    )
    # Officials do not get it yet.
    client.force_login(official)
    assert TITLE not in client.get(reverse("proposals:triage")).content.decode()
    assert client.get(reverse("proposals:triage_proposal", args=[proposal.pk])).status_code == 404
    assert not any(public_everywhere(client, proposal, tmp_path, settings).values())

    client.force_login(staff)
    # Once, among the proposals awaiting approval (not among the reported ones).
    assert client.get(reverse("proposals:moderation")).content.decode().count(TITLE) == 1
    response = client.post(
        reverse("proposals:moderate_held", args=[proposal.pk]), {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 302

    proposal.refresh_from_db()
    assert proposal.held_at is None and proposal.hold_decided_by == staff
    due = proposal.response_due_at - proposal.hold_decided_at
    assert due == timedelta(days=settings.FIELDWORK["RESPONSE_DAYS"])
    assert all(public_everywhere(client, proposal, tmp_path, settings).values())
    client.force_login(official)
    assert TITLE in client.get(reverse("proposals:triage")).content.decode()
    entry = AuditEntry.objects.for_object(proposal).get()
    assert (entry.action, entry.actor) == (AuditEntry.Action.PROPOSAL_APPROVED, staff)
    assert Notification.objects.filter(recipient=citizen, kind=Notification.Kind.MODERATION).exists()
    assert TITLE not in client.get(reverse("proposals:moderation")).content.decode()


def test_rejecting_needs_a_reason_which_the_author_is_told(client, site_policy, citizen, staff, make_proposal):
    site_policy("all")
    proposal = make_proposal(citizen, title=TITLE)
    client.force_login(staff)
    url = reverse("proposals:moderate_held", args=[proposal.pk])
    response = client.post(url, {"decision": "reject", "reason": " "}, follow=True)
    assert "Give a reason" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).is_awaiting_moderation

    client.post(url, {"decision": "reject", "reason": "This is an advert for a shop."})
    proposal.refresh_from_db()
    assert proposal.is_rejected_by_moderators and not proposal.is_public
    assert not Proposal.objects.public().filter(pk=proposal.pk).exists()
    entry = AuditEntry.objects.for_object(proposal).get()
    assert entry.action == AuditEntry.Action.PROPOSAL_REJECTED and entry.reason == "This is an advert for a shop."
    assert "This is an advert for a shop." in Notification.objects.get(recipient=citizen).message
    client.force_login(citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Not published by the moderators" in page and "This is an advert for a shop." in page
    assert client.get(reverse("proposals:edit", args=[proposal.pk])).status_code == 403
    # Decided once: a second decision is refused.
    client.force_login(staff)
    response = client.post(url, {"decision": "approve", "reason": ""}, follow=True)
    assert "no longer waiting for approval" in response.content.decode()
    assert not Proposal.objects.get(pk=proposal.pk).is_public


def test_a_proposal_withdrawn_while_held_leaves_the_queue(client, site_policy, citizen, staff, make_proposal):
    site_policy("all")
    proposal = make_proposal(citizen, title=TITLE)
    services.proposal_withdraw(proposal=proposal, actor=citizen)
    client.force_login(staff)
    assert TITLE not in client.get(reverse("proposals:moderation")).content.decode()
    client.post(reverse("proposals:moderate_held", args=[proposal.pk]), {"decision": "approve", "reason": ""})
    assert not Proposal.objects.get(pk=proposal.pk).is_public


def test_without_pre_moderation_proposals_are_public_at_once(site_policy, citizen, make_proposal):
    site_policy("none")
    proposal = make_proposal(aged(citizen, 0))
    assert proposal.is_public and proposal.response_due_at is not None


def test_new_accounts_are_held_until_old_enough_and_one_of_their_proposals_is_public(site_policy, make_proposal):
    site_policy("new_accounts", new_account_days=7, new_until_published=True)
    newcomer = make_user()
    assert make_proposal(newcomer).is_awaiting_moderation
    old_but_unknown = aged(make_user(), 30)
    assert make_proposal(old_but_unknown).is_awaiting_moderation

    known = aged(make_user(), 30)
    site_policy("none")
    make_proposal(known, title="Published before pre-moderation")
    site_policy("new_accounts", new_account_days=7, new_until_published=True)
    assert make_proposal(known).is_public


def test_what_makes_an_account_new_is_configurable(site_policy, make_proposal):
    site_policy("new_accounts", new_account_days=7, new_until_published=False)
    assert make_proposal(aged(make_user(), 30)).is_public
    assert make_proposal(aged(make_user(), 2)).is_awaiting_moderation
    site_policy("new_accounts", new_account_days=0, new_until_published=True)
    assert make_proposal(make_user()).is_awaiting_moderation


@pytest.mark.parametrize(
    ("site", "challenge", "held"),
    [
        ("none", "all", True),
        ("all", "none", False),
        ("all", Challenge.INHERIT, True),
        ("none", Challenge.INHERIT, False),
        ("none", "new_accounts", True),
    ],
)
def test_a_challenge_can_choose_otherwise_than_the_site(
    site, challenge, held, site_policy, organisation, make_proposal
):
    site_policy(site)
    call = Challenge.objects.create(
        title="Shorter queues", description="How?", owner=organisation, deadline="2099-01-01", premoderation=challenge
    )
    assert make_proposal(make_user(), challenge=call).is_awaiting_moderation is held


def test_staff_are_never_held(site_policy, staff, make_proposal):
    site_policy("all")
    assert make_proposal(staff).is_public


def test_nobody_but_the_author_and_staff_can_act_on_a_held_proposal(
    client, site_policy, citizen, other_citizen, official, make_proposal
):
    site_policy("all")
    proposal = make_proposal(citizen)
    client.force_login(other_citizen)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.post(reverse("proposals:support", args=[proposal.pk])).status_code == 403
    assert client.post(reverse("proposals:comment_create", args=[proposal.pk]), {"body": "Hi"}).status_code == 403
    client.force_login(official)
    decision = {"decision": "accepted", "reason": "", "expected_status": "submitted"}
    assert client.post(reverse("proposals:triage_decide", args=[proposal.pk]), decision).status_code in (403, 404)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED


def test_challenge_counts_leave_held_proposals_out(client, site_policy, organisation, make_proposal):
    call = Challenge.objects.create(title="Masks", description="How?", owner=organisation, deadline="2099-01-01")
    make_proposal(make_user(), challenge=call, title="Public answer")
    site_policy("all")
    make_proposal(make_user(), challenge=call)
    assert client.get(reverse("api:challenge_detail", args=[call.pk])).json()["proposal_count"] == 1


# --- Changing the settings --------------------------------------------------------


def test_staff_set_a_challenges_pre_moderation_and_it_is_audited(client, staff, official, organisation):
    call = Challenge.objects.create(title="Masks", description="How?", owner=organisation, deadline="2099-01-01")
    data = {"title": "Masks", "description": "How?", "owner": organisation.pk, "deadline": "2099-01-01"}
    client.force_login(official)
    assert (
        'name="premoderation"' not in client.get(reverse("proposals:challenge_edit", args=[call.pk])).content.decode()
    )
    client.post(reverse("proposals:challenge_edit", args=[call.pk]), {**data, "premoderation": "none"})
    assert Challenge.objects.get(pk=call.pk).premoderation == Challenge.INHERIT

    client.force_login(staff)
    assert 'name="premoderation"' in client.get(reverse("proposals:challenge_edit", args=[call.pk])).content.decode()
    client.post(reverse("proposals:challenge_edit", args=[call.pk]), {**data, "premoderation": "all"})
    assert Challenge.objects.get(pk=call.pk).premoderation == "all"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SETTING_CHANGED)
    assert entry.actor == staff and entry.object_repr == "Masks"
    assert entry.details == {"changes": {"premoderation": {"from": "inherit", "to": "all"}}}


def test_staff_set_the_sites_pre_moderation_in_wagtail_and_it_is_audited(client, staff, citizen):
    url = reverse("wagtailsettings:edit", args=["proposals", "moderationsettings", ModerationSettings.load().pk])
    client.force_login(citizen)
    assert client.get(url).status_code in (302, 403)
    client.force_login(staff)
    assert client.get(url).status_code == 200
    response = client.post(url, {"premoderation": "new_accounts", "new_account_days": "14", "new_until_published": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    site = ModerationSettings.load()
    assert (site.premoderation, site.new_account_days, site.new_until_published) == ("new_accounts", 14, False)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SETTING_CHANGED)
    assert entry.actor == staff
    assert entry.details["changes"] == {
        "premoderation": {"from": "none", "to": "new_accounts"},
        "new_account_days": {"from": 7, "to": 14},
        "new_until_published": {"from": True, "to": False},
    }
