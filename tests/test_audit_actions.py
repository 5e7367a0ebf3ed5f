"""Every official and staff action writes exactly one audit entry, in its transaction, naming
who acted, for which organisation, on what and why; a refused action writes none."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ideas.accounts import services as account_services
from ideas.accounts.models import ExpertApplication, Membership, User
from ideas.audit.models import AuditEntry
from ideas.core.exceptions import ActionRefused
from ideas.pilots import services as pilot_services
from ideas.playbooks import services as playbook_services
from ideas.playbooks.models import StandardModelPage
from ideas.proposals import antifraud, services
from ideas.proposals.models import Challenge

from .conftest import decide, make_user, publish, record_iteration

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


class Log:
    """The entries written since ``mark()``."""

    def __init__(self):
        self.mark()

    def mark(self):
        self.last = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0

    def new(self):
        return list(AuditEntry.objects.filter(pk__gt=self.last).order_by("pk"))

    def one(self, action, *, actor, target, organisation=None, reason=""):
        entries = self.new()
        assert [e.action for e in entries] == [action], entries
        entry = entries[0]
        assert entry.actor == actor
        assert entry.organisation == organisation
        assert (entry.content_type, entry.object_id) == (ContentType.objects.get_for_model(target), str(target.pk))
        assert entry.reason == reason
        self.mark()
        return entry

    def none(self):
        assert self.new() == []


@pytest.fixture
def log():
    return Log()


def refused(call, exception=(ActionRefused, PermissionDenied)):
    with pytest.raises(exception):
        call()


# --- Proposals: assignment, decisions, merges -----------------------------------------


def test_assigning_a_proposal(log, official, staff, proposal, organisation, other_organisation):
    log.mark()
    services.proposal_assign(proposal=proposal, actor=official, organisation=organisation)
    entry = log.one(Action.PROPOSAL_ASSIGNED, actor=official, target=proposal, organisation=organisation)
    assert entry.details == {"from_organisation": None, "to_organisation": organisation.pk}
    assert entry.object_repr == proposal.title
    refused(lambda: services.proposal_assign(proposal=proposal, actor=staff, organisation=organisation))
    log.none()


def test_deciding_a_proposal(log, official, other_official, proposal, organisation):
    log.mark()
    decide(proposal, official, "declined", "Already done by the city.")
    entry = log.one(
        Action.PROPOSAL_DECIDED, actor=official, target=proposal, organisation=organisation,
        reason="Already done by the city.",
    )  # fmt: skip
    assert entry.details == {"from": "submitted", "to": "declined"}


def test_a_refused_decision_is_not_recorded(log, official, other_official, proposal, organisation):
    proposal = services.proposal_assign(proposal=proposal, actor=official, organisation=organisation)
    log.mark()
    refused(lambda: decide(proposal, official, "declined", ""))  # a public reason is required
    refused(lambda: decide(proposal, other_official, "accepted"))  # assigned to another organisation
    log.none()


def test_merging_a_proposal(log, official, citizen, other_citizen, make_proposal, organisation):
    target = make_proposal(other_citizen, title="Drive-through clinics everywhere")
    duplicate = make_proposal(citizen)
    log.mark()
    decide(duplicate, official, "merged", "Same idea.", merge_into=target)
    entry = log.one(
        Action.PROPOSAL_MERGED, actor=official, target=duplicate, organisation=organisation, reason="Same idea."
    )
    assert entry.details == {"from": "submitted", "to": "merged", "into": target.pk}
    refused(lambda: decide(target, official, "merged", "Itself.", merge_into=target))
    log.none()


# --- Moderation -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_hiding_restoring_and_dismissing(log, staff, citizen, other_citizen, proposal, kind):
    comment = services.comment_add(proposal=proposal, author=citizen, body="My phone is 010-1234-5678")
    target = {"proposal": proposal, "comment": comment}[kind]
    services.flag_create(reporter=other_citizen, reason="spam", **{kind: target})
    log.mark()
    services.moderation_hide(moderator=staff, reason="Personal data.", **{kind: target})
    entry = log.one(Action.CONTENT_HIDDEN, actor=staff, target=target, reason="Personal data.")
    assert entry.details == {"flags": 1}
    services.moderation_restore(moderator=staff, reason="Edited.", **{kind: target})
    log.one(Action.CONTENT_RESTORED, actor=staff, target=target, reason="Edited.")
    services.moderation_dismiss(moderator=staff, reason="", **{kind: target})
    log.one(Action.FLAGS_DISMISSED, actor=staff, target=target, reason="No rule was broken.")
    # What citizens wrote is not copied into the log.
    assert "010-1234-5678" not in str(list(AuditEntry.objects.values_list("object_repr", "details")))


def test_refused_moderation_is_not_recorded(log, staff, citizen, proposal):
    refused(lambda: services.moderation_hide(moderator=staff, reason=" ", proposal=proposal))
    refused(lambda: services.moderation_restore(moderator=staff, reason="Not hidden", proposal=proposal))
    refused(lambda: services.moderation_hide(moderator=citizen, reason="I dislike it", proposal=proposal))
    refused(lambda: services.moderation_dismiss(moderator=citizen, reason="", proposal=proposal))
    log.none()


def test_held_proposals_approved_and_rejected(log, staff, citizen, make_proposal, settings):
    from ideas.proposals.models import ModerationSettings

    site = ModerationSettings.load()
    site.premoderation = "all"
    site.save()
    held, other = make_proposal(citizen), make_proposal(citizen, title="Another")
    log.mark()
    refused(lambda: services.proposal_reject_held(proposal=held, actor=staff, reason=""))
    refused(lambda: services.proposal_approve_held(proposal=held, actor=citizen))
    log.none()
    services.proposal_approve_held(proposal=held, actor=staff, reason="Fine.")
    log.one(Action.PROPOSAL_APPROVED, actor=staff, target=held, reason="Fine.")
    services.proposal_reject_held(proposal=other, actor=staff, reason="Advertising.")
    log.one(Action.PROPOSAL_REJECTED, actor=staff, target=other, reason="Advertising.")


def test_supports_invalidated_with_criteria_and_counts(log, staff, citizen, other_citizen, make_proposal):
    proposal = make_proposal(make_user(name="Author"))
    for user in (citizen, other_citizen):
        services.support_add(proposal=proposal, user=user, ip_address="203.0.113.7")
    now = timezone.now()
    criteria = antifraud.Criteria(
        start=now - timedelta(hours=1), end=now + timedelta(hours=1), network="203.0.113.0/24"
    )
    log.mark()
    refused(lambda: services.supports_invalidate(staff=staff, criteria=criteria, reason=""))
    log.none()
    invalidation = services.supports_invalidate(staff=staff, criteria=criteria, reason="One office, many accounts")
    entry = log.one(Action.SUPPORTS_INVALIDATED, actor=staff, target=invalidation, reason="One office, many accounts")
    assert entry.details["criteria"]["network"] == "203.0.113.0/24"
    assert (entry.details["supports"], entry.details["accounts"]) == (2, 2)
    assert entry.details["proposals"] == {str(proposal.pk): 2}


# --- Field experts, challenges ---------------------------------------------------------


def test_expert_applications_decided(log, staff, citizen, other_citizen):
    application = ExpertApplication.objects.create(user=citizen, profession="Nurse", workplace="Clinic", evidence="x")
    refused(lambda: account_services.expert_application_decide(application=application, staff=staff, approve=False))
    refused(
        lambda: account_services.expert_application_decide(application=application, staff=other_citizen, approve=True)
    )
    log.none()
    account_services.expert_application_decide(application=application, staff=staff, approve=True, reason="Licence ok")
    entry = log.one(Action.EXPERT_DECIDED, actor=staff, target=application, reason="Licence ok")
    assert entry.details == {"account": citizen.pk, "decision": "approved"}
    # The applicant is named by number, never by name or address.
    assert entry.object_repr == f"application {application.pk} (account {citizen.pk})"
    assert citizen.display_name not in entry.object_repr and citizen.email not in str(entry.details)


def test_challenges_created_and_edited(log, official, staff, organisation):
    data = {"title": "Shorter queues", "description": "How?", "owner": organisation, "deadline": date(2099, 1, 1)}
    challenge = services.challenge_save(actor=official, data=data)
    entry = log.one(Action.CHALLENGE_SAVED, actor=official, target=challenge, organisation=organisation)
    assert entry.details == {"created": True, "fields": ["title", "description", "owner", "deadline"]}
    services.challenge_save(actor=official, data={**data, "title": "Even shorter queues"}, challenge=challenge)
    entry = log.one(Action.CHALLENGE_SAVED, actor=official, target=challenge, organisation=organisation)
    assert entry.details == {"created": False, "fields": ["title"]}
    services.challenge_save(actor=official, data={**data, "title": "Even shorter queues"}, challenge=challenge)
    log.none()  # nothing changed
    refused(lambda: services.challenge_save(actor=official, data={**data, "premoderation": "all"}, challenge=challenge))
    log.none()
    services.challenge_save(actor=staff, data={**data, "title": "Queues", "premoderation": "all"}, challenge=challenge)
    entries = log.new()
    assert [e.action for e in entries] == [Action.CHALLENGE_SAVED, Action.SETTING_CHANGED]
    assert entries[1].details == {"changes": {"premoderation": {"from": Challenge.INHERIT, "to": "all"}}}


# --- Pilots -----------------------------------------------------------------------------


def test_a_pilots_life(log, official, other_official, accepted, make_pilot, organisation):
    log.mark()
    pilot = make_pilot(official, [accepted], start=False)
    entry = log.one(Action.PILOT_CREATED, actor=official, target=pilot, organisation=organisation)
    assert entry.details == {"proposals": [accepted.pk]}

    data = {
        "title": "Drive-through clinic, second site",
        "hypothesis": pilot.hypothesis,
        "lead_organisation": organisation,
        "partner_organisations": [],
        "proposals": [accepted],
        "sites": pilot.sites,
        "planned_start": pilot.planned_start,
    }
    metrics = [{"id": m.pk, **{f: getattr(m, f) for f in pilot_services.METRIC_FIELDS}} for m in pilot.metrics.all()]
    refused(lambda: pilot_services.pilot_update(pilot=pilot, actor=other_official, data=data, metrics=metrics))
    log.none()
    pilot_services.pilot_update(pilot=pilot, actor=official, data=data, metrics=metrics)
    entry = log.one(Action.PILOT_CHANGED, actor=official, target=pilot, organisation=organisation)
    assert entry.details["fields"] == ["title"]

    pilot = pilot_services.pilot_start(pilot=pilot, actor=official, started_on=date(2020, 2, 23))
    log.one(Action.PILOT_STARTED, actor=official, target=pilot, organisation=organisation)

    # Refused half-way (a measurement is missing): the iteration and its entry are rolled back together.
    fields = {"period_start": date(2020, 2, 23), "period_end": date(2020, 2, 25), "changes": "c", "observations": "o"}
    fields.update(problems="", decision="continue")
    refused(lambda: pilot_services.pilot_record_iteration(pilot=pilot, actor=official, data=fields, measurements={}))
    log.none()
    assert not pilot.iterations.exists()
    iteration = record_iteration(pilot, official, values=(20, 150))
    entry = log.one(Action.ITERATION_RECORDED, actor=official, target=pilot, organisation=organisation)
    assert entry.details == {"iteration": 1, "decision": "continue"}
    fields = {f: getattr(iteration, f) for f in pilot_services.ITERATION_FIELDS}
    values = dict(iteration.measurements.values_list("metric_id", "value"))
    pilot_services.iteration_update(
        iteration=iteration, actor=official, data={**fields, "problems": "Rain"}, measurements=values
    )
    entry = log.one(Action.ITERATION_CHANGED, actor=official, target=pilot, organisation=organisation)
    assert entry.details["iteration"] == 1

    conclude = {"outcome": "standardised", "concluded_on": date(2020, 3, 5)}
    refused(lambda: pilot_services.pilot_conclude(pilot=pilot, actor=official, summary=" ", **conclude))
    log.none()
    pilot_services.pilot_conclude(pilot=pilot, actor=official, summary="Ten minutes per car.", **conclude)
    entry = log.one(
        Action.PILOT_CONCLUDED, actor=official, target=pilot, organisation=organisation, reason="Ten minutes per car."
    )
    assert entry.details["outcome"] == "standardised"


# --- Standard models: draft, publication (direct and by the workflow), adoption, feedback


@pytest.fixture
def reviewer(db):
    user = make_user(name="Reviewer")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_standard_models_draft_publication_and_unpublication(log, publisher, official, concluded, organisation):
    log.mark()
    refused(lambda: playbook_services.model_draft_from_pilot(pilot=concluded, actor=official))
    log.none()
    page = playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    entry = log.one(Action.MODEL_DRAFTED, actor=publisher, target=page, organisation=organisation)
    assert entry.details == {"pilot": concluded.pk}
    page = publish(page, publisher)
    moderator = User.objects.get(display_name="Moderator")
    entry = log.one(Action.MODEL_PUBLISHED, actor=moderator, target=page, organisation=organisation)
    assert entry.details["wagtail_action"] == "wagtail.publish"
    page.unpublish(user=moderator)
    log.one(Action.MODEL_UNPUBLISHED, actor=moderator, target=page, organisation=organisation)


def test_publication_through_the_workflow_names_the_approver(log, publisher, concluded, reviewer, organisation):
    page = playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    state = page.get_workflow().start(page, publisher)
    log.mark()
    state.current_task_state.approve(user=reviewer)
    log.one(
        Action.MODEL_PUBLISHED,
        actor=reviewer,
        target=StandardModelPage.objects.get(pk=page.pk),
        organisation=organisation,
    )


def test_adoption_and_feedback_review(log, publisher, other_official, official, concluded, other_organisation):
    page = publish(playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    data = {"status": "operating", "started_on": date(2020, 3, 2), "local_adaptations": "", "feedback": "More lanes."}
    refused(
        lambda: playbook_services.adoption_record(page=page, actor=official, organisation=other_organisation, data=data)
    )
    log.mark()
    adoption = playbook_services.adoption_record(
        page=page, actor=other_official, organisation=other_organisation, data=data
    )
    entry = log.one(Action.ADOPTION_RECORDED, actor=other_official, target=adoption, organisation=other_organisation)
    assert entry.details == {"created": True, "status": "operating", "page": page.pk}
    version = page.versions.get()
    refused(lambda: playbook_services.feedback_mark_addressed(adoption=adoption, version=version, actor=other_official))
    log.none()
    playbook_services.feedback_mark_addressed(adoption=adoption, version=version, actor=publisher)
    entry = log.one(Action.FEEDBACK_REVIEWED, actor=publisher, target=adoption, organisation=other_organisation)
    assert entry.details == {"page": page.pk, "version": 1}


# --- Roles ------------------------------------------------------------------------------


def test_membership_services(log, staff, citizen, organisation, other_organisation):
    membership = account_services.membership_grant(actor=staff, user=citizen, organisation=organisation, role="triager")
    entry = log.one(Action.ROLE_GRANTED, actor=staff, target=membership, organisation=organisation)
    assert entry.details == {"account": citizen.pk, "role": "triager"}
    assert entry.object_repr == f"account {citizen.pk} · {organisation.name} · triager"
    account_services.membership_change(
        actor=staff, membership=membership, organisation=other_organisation, role="publisher"
    )
    entry = log.one(Action.ROLE_CHANGED, actor=staff, target=membership, organisation=other_organisation)
    assert entry.details == {
        "account": citizen.pk,
        "role": {"from": "triager", "to": "publisher"},
        "organisation": {"from": organisation.pk, "to": other_organisation.pk},
    }
    account_services.membership_revoke(actor=staff, membership=Membership.objects.get(pk=membership.pk), reason="Left")
    log.one(Action.ROLE_REVOKED, actor=staff, target=membership, organisation=other_organisation, reason="Left")
    assert not Membership.objects.filter(user=citizen).exists()


def test_staff_status_and_groups_through_the_service(log, staff, citizen):
    moderators = Group.objects.get(name="Moderators")
    account_services.account_roles_change(actor=staff, user=citizen, is_staff=True, groups=[moderators])
    entries = log.new()
    assert [(e.action, e.actor, e.object_id) for e in entries] == [
        (Action.STAFF_CHANGED, staff, str(citizen.pk)),
        (Action.GROUPS_CHANGED, staff, str(citizen.pk)),
    ]
    assert entries[0].details == {"account": citizen.pk, "is_staff": {"from": False, "to": True}}
    assert entries[1].details == {"account": citizen.pk, "groups": {"added": ["Moderators"], "removed": []}}
    assert entries[0].object_repr == f"account {citizen.pk}"
    log.mark()
    account_services.account_roles_change(actor=staff, user=citizen, is_staff=True, groups=[moderators])
    log.none()  # nothing changed


def _user_form(user, **changes):
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "show_name_publicly": "on" if user.show_name_publicly else "",
        "language": user.language,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [g.pk for g in user.groups.all()],
        "user_permissions": [],
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    memberships = list(user.memberships.all())
    data["memberships-TOTAL_FORMS"] = data["memberships-INITIAL_FORMS"] = str(len(memberships))
    for n, m in enumerate(memberships):
        for field, value in (("id", m.pk), ("user", user.pk), ("organisation", m.organisation_id), ("role", m.role)):
            data[f"memberships-{n}-{field}"] = value
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_roles_changed_in_the_django_admin_are_recorded(log, admin_client, official, organisation, other_organisation):
    admin = User.objects.get(is_superuser=True)
    url = reverse("admin:accounts_user_change", args=[official.pk])
    triager, pilot_lead = official.memberships.order_by("pk")
    moderators = Group.objects.get(name="Moderators")
    log.mark()
    data = _user_form(
        official,
        is_staff="on",
        groups=[moderators.pk],
        **{
            "memberships-0-DELETE": "on",  # the triager role ends
            "memberships-1-role": "publisher",  # the pilot lead becomes a publisher
            "memberships-TOTAL_FORMS": "3",
            "memberships-2-organisation": other_organisation.pk,  # a new role elsewhere
            "memberships-2-role": "triager",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entries = log.new()
    assert {e.action for e in entries} == {
        Action.ROLE_REVOKED,
        Action.ROLE_CHANGED,
        Action.ROLE_GRANTED,
        Action.STAFF_CHANGED,
        Action.GROUPS_CHANGED,
    }
    assert len(entries) == 5 and {e.actor for e in entries} == {admin}
    by_action = {e.action: e for e in entries}
    assert by_action[Action.ROLE_REVOKED].object_id == str(triager.pk)
    assert by_action[Action.ROLE_CHANGED].details["role"] == {"from": "pilot_lead", "to": "publisher"}
    assert by_action[Action.ROLE_GRANTED].organisation == other_organisation
    assert by_action[Action.STAFF_CHANGED].details["is_staff"] == {"from": False, "to": True}
    # No name or address of the official in what the log says about them.
    for entry in entries:
        assert official.display_name not in entry.object_repr + str(entry.details)
        assert official.email not in entry.object_repr + str(entry.details)
    official.refresh_from_db()
    assert official.is_staff and set(official.memberships.values_list("role", flat=True)) == {"publisher", "triager"}


def test_an_invalid_admin_form_records_nothing(log, admin_client, official):
    url = reverse("admin:accounts_user_change", args=[official.pk])
    response = admin_client.post(url, _user_form(official, is_staff="on", email="not an address"))
    assert response.status_code == 200  # the form again, with the error
    log.none()
    assert not User.objects.get(pk=official.pk).is_staff


def test_deleting_an_organisation_in_the_admin_ends_its_memberships_on_record(
    log, admin_client, official, organisation
):
    ids = set(official.memberships.values_list("pk", flat=True))
    url = reverse("admin:accounts_organisation_delete", args=[organisation.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    entries = log.new()
    assert [e.action for e in entries] == [Action.ROLE_REVOKED] * 2 + [Action.ADMIN_DELETED]
    assert {int(e.object_id) for e in entries[:2]} == ids
    assert (entries[2].object_id, entries[2].object_repr) == (str(organisation.pk), organisation.name)


@pytest.fixture
def wagtail_admin(staff):
    """Staff with Wagtail's "Administrator" flag, who may manage users there."""
    User.objects.filter(pk=staff.pk).update(is_superuser=True)
    staff.refresh_from_db()
    return staff


def test_superuser_status_and_groups_changed_in_wagtail_are_recorded(log, client, citizen, wagtail_admin):
    admin = wagtail_admin
    client.force_login(admin)
    moderators = Group.objects.get(name="Moderators")
    log.mark()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[citizen.pk]),
        {
            "email": citizen.email,
            "display_name": citizen.display_name,
            "first_name": "-",  # Wagtail's form asks for them; the model has neither
            "last_name": "-",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [moderators.pk],
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    entries = log.new()
    assert [(e.action, e.actor) for e in entries] == [(Action.STAFF_CHANGED, admin), (Action.GROUPS_CHANGED, admin)]
    assert entries[0].details["is_superuser"] == {"from": False, "to": True}


# --- Corrections in the Django admin --------------------------------------------------------


def test_every_admin_of_fieldworks_models_is_audited():
    from django.contrib import admin

    from ideas.audit.admin import AuditEntryAdmin
    from ideas.audit.admin_mixins import AuditedAdmin

    own = {m: a for m, a in admin.site._registry.items() if m.__module__.startswith("ideas.")}
    assert len(own) > 10
    unaudited = [m._meta.label for m, a in own.items() if not isinstance(a, AuditedAdmin | AuditEntryAdmin)]
    assert unaudited == []


def test_corrections_in_the_django_admin_are_recorded(log, admin_client, official, accepted, make_pilot, organisation):
    pilot = make_pilot(official, [accepted], start=False)
    admin = User.objects.get(is_superuser=True)
    url = reverse("admin:pilots_pilot_change", args=[pilot.pk])
    metrics = list(pilot.metrics.order_by("position"))
    data = {
        "title": "Drive-through clinic (corrected)",
        "hypothesis": pilot.hypothesis,
        "lead_organisation": organisation.pk,
        "proposals": str(accepted.pk),
        "sites": pilot.sites,
        "planned_start": pilot.planned_start.isoformat(),
        "metrics-TOTAL_FORMS": str(len(metrics)),
        "metrics-INITIAL_FORMS": str(len(metrics)),
    }
    for n, metric in enumerate(metrics):
        for field in ("id", "name", "unit", "baseline", "target", "direction", "position"):
            value = getattr(metric, field)
            data[f"metrics-{n}-{field}"] = value if field != "name" or n else "Minutes per car"
        data[f"metrics-{n}-pilot"] = pilot.pk
    log.mark()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entry = log.one(Action.ADMIN_CHANGED, actor=admin, target=pilot, organisation=organisation)
    assert entry.details == {"fields": ["title"], "inlines": {"pilots.Metric": {"new": 0, "changed": 1, "deleted": 0}}}
    # Saved unchanged: nothing to record.
    data["title"] = "Drive-through clinic (corrected)"
    data["metrics-0-name"] = "Minutes per car"
    assert admin_client.post(url, data).status_code == 302
    log.none()


def test_deletions_in_the_django_admin_are_recorded(log, admin_client, citizen, other_citizen, proposal):
    comment = services.comment_add(proposal=proposal, author=citizen, body="Call me on 010-1234-5678")
    flag = services.flag_create(reporter=other_citizen, reason="spam", comment=comment)
    log.mark()
    url = reverse("admin:proposals_flag_delete", args=[flag.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    entry = log.one(Action.ADMIN_DELETED, actor=User.objects.get(is_superuser=True), target=flag)
    assert entry.object_repr == f"flag {flag.pk}"  # not the comment's text


def test_deleting_an_official_in_wagtail_ends_their_memberships_on_record(log, client, official, wagtail_admin):
    ids = set(official.memberships.values_list("pk", flat=True))
    client.force_login(wagtail_admin)
    log.mark()
    response = client.post(reverse("wagtailusers_users:delete", args=[official.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk=official.pk).exists()
    entries = log.new()
    assert [(e.action, e.actor) for e in entries] == [(Action.ROLE_REVOKED, wagtail_admin)] * 2
    assert {int(e.object_id) for e in entries} == ids
