"""Staff manage organisations, memberships and reference data in /django-admin/."""

import pytest
from django.contrib import admin
from django.urls import reverse

from ideas.accounts.models import Membership, Organisation
from ideas.proposals.models import Proposal

pytestmark = pytest.mark.django_db

OWN_MODELS = [m for m in admin.site._registry if m._meta.app_label in ("accounts", "proposals", "pilots", "playbooks")]


@pytest.mark.parametrize("model", OWN_MODELS, ids=lambda m: m._meta.label)
def test_every_admin_list_and_change_page_opens(admin_client, model, proposal, official, accepted, make_pilot):
    make_pilot(official, [accepted], iterations=1)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200


def test_admin_action_decides_through_the_service(admin_client, proposal):
    url = reverse("admin:proposals_proposal_changelist")
    response = admin_client.post(url, {"action": "start_review", "_selected_action": [proposal.pk]})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.UNDER_REVIEW
    assert proposal.timeline.last().to_status == Proposal.Status.UNDER_REVIEW
    assert proposal.first_response_at is not None


def test_organisation_with_members_is_created_in_the_admin(admin_client, official, region):
    response = admin_client.post(
        reverse("admin:accounts_organisation_add"),
        {
            "name": "Goyang City",
            "slug": "goyang",
            "kind": Organisation.Kind.LOCAL_GOVERNMENT,
            "region": region.pk,
            "website": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": official.pk,
            "memberships-0-role": Membership.Role.PILOT_LEAD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(slug="goyang")
    assert organisation.memberships.get().role == Membership.Role.PILOT_LEAD


def test_admin_cannot_change_a_proposals_state(admin_client, proposal):
    page = admin_client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()
    assert 'name="status"' not in page and 'name="support_count"' not in page
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED


def test_citizens_are_kept_out_of_the_admin(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]
