"""Every URL of Fieldwork's own apps, for every role, against one declared table.

A new URL pattern without an entry in CASES fails ``test_every_url_has_a_case``.
Expected answers: a status code, "login" (sent to log in), or "done" (the action ran
and redirected back).
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ideas.accounts.models import ExpertApplication
from ideas.api.models import DataExport
from ideas.pilots import services as pilot_services
from ideas.pilots.models import Iteration
from ideas.playbooks import services as playbook_services
from ideas.playbooks.models import Adoption
from ideas.proposals import services
from ideas.proposals.models import Attachment, Challenge, ModerationSettings

from .conftest import ROLES, decide, make_pilot_for, make_user

OWN_APPS = ("core", "proposals", "accounts", "notifications", "pilots", "api", "playbooks", "health")

ALL_200 = dict.fromkeys(ROLES, 200)


def expect(default, **overrides):
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


VERIFIED_ONLY = {"visitor": "login", "unverified": 403}
# Officials: "official" belongs to the owning organisation, "other_official" to another one.
OFFICIALS = expect(403, visitor="login", official=200, other_official=200, staff=200)
OWNING_OFFICIAL = expect(403, visitor="login", official=200, staff=200)

# name: (method, object fixture or None, expected answers, POST data)
CASES = {
    "core:home": ("get", None, ALL_200, None),
    "core:search": ("get", None, ALL_200, None),
    "core:switch_language": ("get", "korean", expect("done"), None),
    "core:privacy": ("get", None, ALL_200, None),
    "proposals:list": ("get", None, ALL_200, None),
    "proposals:similar": ("post", None, ALL_200, {"title": "Drive-through clinics", "problem": "waiting"}),
    "proposals:create": ("get", None, expect(200, **VERIFIED_ONLY), None),
    "proposals:detail": ("get", "proposal", ALL_200, None),
    "proposals:detail#draft": ("get", "draft", expect(404, citizen=200, staff=200), None),
    # A proposal's files, to whoever may read the proposal (docs/security.md, "Safe content").
    "proposals:attachment": ("get", "attachment", ALL_200, None),
    "proposals:attachment#draft": ("get", "draft_attachment", expect(404, citizen=200, staff=200), None),
    "proposals:edit": ("get", "proposal", expect(403, visitor="login", citizen=200), None),
    "proposals:preview": ("get", "draft", expect(403, visitor="login", citizen=200), None),
    "proposals:withdraw": ("get", "proposal", expect(403, visitor="login", citizen=200), None),
    # The author is told they cannot support their own proposal (a message, then back).
    "proposals:support": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:unsupport": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:follow": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:unfollow": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:comment_create": ("post", "proposal", expect("done", **VERIFIED_ONLY), {"body": "Good idea."}),
    "proposals:flag": ("get", "proposal", expect(200, citizen=403, **VERIFIED_ONLY), None),
    # A comment's permalink sends everyone who may read the proposal to the right page of the discussion.
    "proposals:comment": ("get", "comment", expect("done"), None),
    "proposals:comment_edit": ("get", "comment", expect(403, visitor="login", citizen=200), None),
    "proposals:comment_delete": ("get", "comment", expect(403, visitor="login", citizen=200), None),
    "proposals:comment_flag": ("get", "comment", expect(200, citizen=403, **VERIFIED_ONLY), None),
    "proposals:moderation": ("get", None, expect(403, visitor="login", staff=200), None),
    "proposals:support_bursts": ("get", None, expect(403, visitor="login", staff=200), None),
    "proposals:support_invalidate": ("get", None, expect(403, visitor="login", staff=200), None),
    # Staff see the form again with "nothing matches": the fixture has no support from 192.0.2.0/24.
    "proposals:support_invalidate#post": (
        "post",
        None,
        expect(403, visitor="login", staff=200),
        {"network": "192.0.2.0/24", "start": "2020-01-01T00:00", "end": "2099-01-01T00:00", "reason": "Bots"},
    ),
    "proposals:moderate_proposal": (
        "post",
        "proposal",
        expect(403, visitor="login", staff="done"),
        {"action": "hide", "reason": "Spam"},
    ),
    "proposals:moderate_comment": (
        "post",
        "comment",
        expect(403, visitor="login", staff="done"),
        {"action": "hide", "reason": "Rude"},
    ),
    # Pre-moderation: a held proposal is its author's and staff's until staff approve it.
    "proposals:detail#held": ("get", "held", expect(404, citizen=200, staff=200), None),
    "proposals:moderate_held": (
        "post",
        "held",
        expect(403, visitor="login", staff="done"),
        {"decision": "approve", "reason": ""},
    ),
    "proposals:challenge_list": ("get", None, ALL_200, None),
    "proposals:challenge_detail": ("get", "challenge", ALL_200, None),
    "proposals:challenge_create": (
        "get",
        None,
        expect(403, visitor="login", official=200, other_official=200, staff=200),
        None,
    ),
    "proposals:challenge_edit": ("get", "challenge", expect(403, visitor="login", official=200, staff=200), None),
    "accounts:profile": ("get", None, expect(200, visitor="login"), None),
    "accounts:data_export": ("get", None, expect(200, visitor="login"), None),
    # Staff see why they cannot delete their account (they must be demoted first).
    "accounts:delete": ("get", None, expect(200, visitor="login"), None),
    "accounts:expert_apply": ("get", None, expect(200, expert=403, **VERIFIED_ONLY), None),
    "accounts:expert_review": ("get", None, expect(403, visitor="login", staff=200), None),
    "accounts:expert_decide": (
        "post",
        "application",
        expect(403, visitor="login", staff="done"),
        {"decision": "approve", "reason": ""},
    ),
    # Triage: any triager may take an unassigned proposal; once assigned, only its organisation.
    "proposals:triage": ("get", None, OFFICIALS, None),
    "proposals:triage_proposal": ("get", "proposal", OFFICIALS, None),
    "proposals:triage_proposal#assigned": ("get", "assigned", OWNING_OFFICIAL, None),
    "proposals:triage_assign": (
        "post",
        "proposal",
        expect(403, visitor="login", official="done", other_official="done", staff="done"),
        lambda objects: {"organisation": objects["organisation"].pk},
    ),
    "proposals:triage_assign#assigned": (
        "post",
        "assigned",
        expect(403, visitor="login", official="done", staff="done"),
        lambda objects: {"organisation": objects["other_organisation"].pk},
    ),
    "proposals:triage_decide": (
        "post",
        "proposal",
        expect(403, visitor="login", official="done", other_official="done", staff="done"),
        {"decision": "under_review", "reason": "", "expected_status": "submitted"},
    ),
    "proposals:triage_decide#assigned": (
        "post",
        "assigned",
        expect(403, visitor="login", official="done", staff="done"),
        {"decision": "declined", "reason": "Already done nationally.", "expected_status": "submitted"},
    ),
    "proposals:answer": ("get", "needs_info", expect(403, visitor="login", citizen=200), None),
    "proposals:review": ("get", "proposal", expect(403, visitor="login", expert=200), None),
    "pilots:list": ("get", None, ALL_200, None),
    "pilots:detail": ("get", "pilot", ALL_200, None),
    "pilots:speed": ("get", None, ALL_200, None),
    "pilots:create": ("get", None, OFFICIALS, None),
    "pilots:edit": ("get", "pilot", OWNING_OFFICIAL, None),
    "pilots:start": ("get", "planned_pilot", OWNING_OFFICIAL, None),
    "pilots:conclude": ("get", "pilot", OWNING_OFFICIAL, None),
    "pilots:iteration_create": ("get", "pilot", OWNING_OFFICIAL, None),
    "pilots:iteration_create#post": (
        "post",
        "pilot",
        expect(403, visitor="login", official="done", staff="done"),
        lambda objects: {
            "period_start": "2020-03-01",
            "period_end": "2020-03-03",
            "changes": "Two lanes",
            "observations": "Faster",
            "decision": "scale",
            **{f"metric_{m.pk}": "12" for m in objects["pilot"].metrics.all()},
        },
    ),
    "pilots:iteration_edit": ("get", "iteration", OWNING_OFFICIAL, None),
    # Publishers draft standard models; no role fixture is a publisher, so only staff may.
    "playbooks:draft_from_pilot": ("post", "concluded_pilot", expect(403, visitor="login", staff="done"), {}),
    "notifications:list": ("get", None, expect(200, visitor="login"), None),
    "notifications:mark_read": ("post", None, expect("done", visitor="login"), {}),
    # Open data: public, the same for everyone.
    "api:root": ("get", None, ALL_200, None),
    "api:challenge_list": ("get", None, ALL_200, None),
    "api:challenge_detail": ("get", "challenge", ALL_200, None),
    "api:proposal_list": ("get", None, ALL_200, None),
    "api:proposal_detail": ("get", "proposal", ALL_200, None),
    "api:proposal_detail#draft": ("get", "draft", dict.fromkeys(ROLES, 404), None),
    "api:proposal_detail#held": ("get", "held", dict.fromkeys(ROLES, 404), None),
    "api:pilot_list": ("get", None, ALL_200, None),
    "api:pilot_detail": ("get", "pilot", ALL_200, None),
    "api:organisation_list": ("get", None, ALL_200, None),
    "api:organisation_detail": ("get", "organisation", ALL_200, None),
    "api:standard_model_list": ("get", None, ALL_200, None),
    "api:standard_model_detail": ("get", "standard_model", ALL_200, None),
    "api:standard_model_detail#draft": ("get", "draft_model", dict.fromkeys(ROLES, 404), None),
    "api:adoption_list": ("get", None, ALL_200, None),
    "api:adoption_detail": ("get", "adoption", ALL_200, None),
    "api:schema": ("get", None, ALL_200, None),
    "api:docs": ("get", None, ALL_200, None),
    "api:feed_proposals": ("get", None, ALL_200, None),
    "api:feed_decisions": ("get", None, ALL_200, None),
    "api:feed_models": ("get", None, ALL_200, None),
    "api:data": ("get", None, ALL_200, None),
    "api:data_file": ("get", "export", ALL_200, None),
    "health:check": ("get", None, ALL_200, None),
}


def _own_url_names():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in OWN_APPS or pattern.namespace is None:
                    walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and namespace in OWN_APPS and pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_a_case():
    declared = {name.split("#")[0] for name in CASES}
    missing = _own_url_names() - declared
    assert not missing, f"URL patterns without a permission case: {sorted(missing)}"


@pytest.fixture
def objects(
    citizen, proposal, draft, organisation, other_organisation, other_citizen, make_proposal, staff, settings, tmp_path
):
    comment = services.comment_add(proposal=proposal, author=citizen, body="First!")
    assigned = make_proposal(citizen, title="Assigned to the owning organisation")
    services.proposal_assign(proposal=assigned, actor=staff, organisation=organisation)
    needs_info = decide(make_proposal(citizen, title="Unclear"), staff, "needs_info", "Which clinics?")
    accepted = decide(make_proposal(citizen, title="Accepted"), staff, "accepted")
    site = ModerationSettings.load()
    site.premoderation = "all"
    site.save()
    held = make_proposal(citizen, title="Waiting for approval")
    site.premoderation = "none"
    site.save()
    planned_pilot = make_pilot_for(staff, organisation, [accepted], start=False)
    pilot = make_pilot_for(staff, organisation, [accepted], iterations=1)
    concluded_pilot = pilot_services.pilot_conclude(
        pilot=make_pilot_for(staff, organisation, [accepted], iterations=1),
        actor=staff,
        outcome="standardised",
        summary="Proven.",
        concluded_on=date(2020, 4, 1),
    )
    challenge = Challenge.objects.create(
        title="Shorter queues", description="How?", owner=organisation, deadline="2099-01-01"
    )
    application = ExpertApplication.objects.create(
        user=other_citizen, profession="Nurse", workplace="Clinic", evidence="Licence 123"
    )
    moderator = make_user(name="Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    standard_model = playbook_services.model_draft_from_pilot(pilot=concluded_pilot, actor=staff)
    standard_model.save_revision(user=staff).publish(user=moderator)
    adoption = Adoption.objects.create(
        page=standard_model, organisation=other_organisation, started_on=date(2020, 5, 1), feedback="More lanes."
    )
    draft_model = playbook_services.model_draft_from_pilot(pilot=concluded_pilot, actor=staff)
    settings.MEDIA_ROOT = tmp_path
    export = DataExport.objects.create(
        dataset="organisations",
        format="csv",
        path=default_storage.save("open-data/organisations.csv", ContentFile(b"id,slug\n")),
        size=8,
        rows=0,
        sha256="0" * 64,
        generated_at=timezone.now(),
        changed_at=timezone.now(),
    )
    attachments = {}
    for name, owner in (("attachment", proposal), ("draft_attachment", draft)):
        attachments[name] = Attachment.objects.create(
            proposal=owner,
            token=f"{name[:5]}{owner.pk:027d}",
            file=default_storage.save(f"proposals/{name}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n")),
            original_name="plan.pdf",
            content_type="application/pdf",
            size=15,
        )
    return {
        **attachments,
        "export": export,
        "standard_model": standard_model,
        "draft_model": draft_model,
        "adoption": adoption,
        "proposal": proposal,
        "draft": draft,
        "comment": comment,
        "challenge": challenge,
        "application": application,
        "assigned": assigned,
        "needs_info": needs_info,
        "held": held,
        "pilot": pilot,
        "planned_pilot": planned_pilot,
        "concluded_pilot": concluded_pilot,
        "iteration": pilot.iterations.get(),
        "organisation": organisation,
        "other_organisation": other_organisation,
        "korean": "ko",
    }


def url_args(obj):
    if obj is None:
        return []
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, Iteration):
        return [obj.pilot_id, obj.number]
    if isinstance(obj, Attachment):
        return [obj.token]
    if isinstance(obj, DataExport):
        return [obj.dataset, obj.format]
    return [obj.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_url_answers_each_role_as_declared(case, role, as_role, objects):
    method, obj_name, answers, data = CASES[case]
    name = case.split("#")[0]
    url = reverse(name, args=url_args(objects[obj_name] if obj_name else None))
    client, _user = as_role(role)
    if callable(data):
        data = data(objects)
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = answers[role]
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], response
    elif expected == "done":
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"], response
    else:
        assert response.status_code == expected, (case, role, response.status_code)
