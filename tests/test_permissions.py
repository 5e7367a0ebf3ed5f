"""Every URL pattern of the project, for every role, against one declared table (CASES).

Fieldwork's own apps, allauth's sign-in and two-factor pages, Django's language switch,
Wagtail's documents, pages and sign-in forms, the routes of routable standard-model pages, and
the media files served in development: one entry each (a name, or a route for an unnamed
pattern; "name#variant" for more entries of one name). The two admins are one entry each, by
their mount ("admin/", "django-admin/"): their home page answers each role as declared, and every
address under them that takes no argument is checked for every role (``ADMIN_MOUNTS`` below).

A new URL pattern without an entry fails ``test_every_url_pattern_has_a_case``, which asserts
that 100 % of the patterns are covered (and that no entry names a pattern that is gone).
Expected answers: a status code, "login" (sent to sign in), "done" (the action ran and
redirected back), "2fa" (sent to set up two-factor authentication), or "to:<URL name>" (sent
there).
"""

import importlib
from datetime import date
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, clear_url_caches, resolve, reverse
from django.utils import timezone
from wagtail.documents.models import Document

from ideas.accounts.models import ExpertApplication
from ideas.api.models import DataExport
from ideas.pilots import services as pilot_services
from ideas.pilots.models import Iteration
from ideas.playbooks import services as playbook_services
from ideas.playbooks.models import Adoption
from ideas.proposals import services
from ideas.proposals.models import Attachment, Challenge, ModerationSettings

from .addresses import every_address, takes_no_arguments
from .conftest import ROLES, decide, make_pilot_for, make_user

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
    # The audit log and its CSV download: staff only (ideas/audit).
    "audit:log": ("get", None, expect(403, visitor="login", staff=200), None),
    "audit:csv": ("get", None, expect(403, visitor="login", staff=200), None),
    "javascript-catalog": ("get", None, ALL_200, None),
    # Django's language switch (the site links to core:switch_language).
    "set_language": ("post", None, expect("done"), {"language": "ko", "next": "/"}),
    # allauth: signing up and in. Signed-in people are sent on from the sign-in and sign-up forms.
    "account_login": ("get", None, expect("done", visitor=200), None),
    "account_signup": ("get", None, expect("done", visitor=200), None),
    "account_logout": ("get", None, expect(200, visitor="done"), None),
    "account_inactive": ("get", None, ALL_200, None),
    "account_reauthenticate": ("get", None, expect(200, visitor="login"), None),
    "account_email": ("get", None, expect(200, visitor="login"), None),
    "account_email_verification_sent": ("get", None, ALL_200, None),
    "account_confirm_email": ("get", "confirmation_key", ALL_200, None),
    "account_change_password": ("get", None, expect(200, visitor="login"), None),
    "account_set_password": ("get", None, expect("to:account_change_password", visitor="login"), None),
    "account_reset_password": ("get", None, ALL_200, None),
    "account_reset_password_done": ("get", None, ALL_200, None),
    # A valid link keeps its key in the session and moves to the form's address.
    "account_reset_password_from_key": ("get", "reset_key", expect("done", citizen=200), None),
    "account_reset_password_from_key_done": ("get", None, ALL_200, None),
    # Login by code is off: there is no code to confirm.
    "account_confirm_login_code": ("get", None, expect("done", visitor="login"), None),
    # allauth.mfa. The officials' and staff's fixtures have an authenticator app; the others not.
    "mfa_index": ("get", None, expect(200, visitor="login"), None),
    # Only inside a sign-in in progress.
    "mfa_authenticate": ("get", None, expect("done", visitor="login"), None),
    "mfa_reauthenticate": (
        "get",
        None,
        expect("to:account_reauthenticate", visitor="login", official=200, other_official=200, staff=200),
        None,
    ),
    # They ask for the password again first (the fixtures' sessions are not fresh); an unverified
    # address may not set up two-factor authentication yet.
    "mfa_activate_totp": (
        "get",
        None,
        expect(
            "to:account_reauthenticate",
            visitor="login",
            unverified="to:mfa_index",
            official="done",
            other_official="done",
            staff="done",
        ),
        None,
    ),
    "mfa_deactivate_totp": (
        "get",
        None,
        expect(404, visitor="login", official="done", other_official="done", staff="done"),
        None,
    ),
    "mfa_view_recovery_codes": (
        "get",
        None,
        expect(404, visitor="login", official="done", other_official="done", staff="done"),
        None,
    ),
    "mfa_generate_recovery_codes": (
        "get",
        None,
        expect("done", visitor="login", official="done", other_official="done", staff="done"),
        None,
    ),
    "mfa_download_recovery_codes": (
        "get",
        None,
        expect(404, visitor="login", official="done", other_official="done", staff="done"),
        None,
    ),
    # Wagtail: documents (public), the pages it serves, password-protected pages (none exist).
    "wagtaildocs_serve": ("get", "document", ALL_200, None),
    "wagtaildocs_authenticate_with_password": ("get", "nothing", dict.fromkeys(ROLES, 404), None),
    "wagtailcore_authenticate_with_password": ("get", "nothing_nothing", dict.fromkeys(ROLES, 404), None),
    # Wagtail's sign-in for private pages would skip the second factor: it leads to allauth's.
    "wagtailcore_login": ("get", None, expect(403, visitor="login"), None),
    "wagtail_serve": ("get", "standard_model", ALL_200, None),
    "wagtail_serve#draft": ("get", "draft_model", dict.fromkeys(ROLES, 404), None),
    # The routes of a standard model's page (RoutablePageMixin).
    "playbooks.standardmodelpage:index_route": ("get", "standard_model", ALL_200, None),
    "playbooks.standardmodelpage:current": ("get", "standard_model", ALL_200, None),
    "playbooks.standardmodelpage:version_history": ("get", "standard_model", ALL_200, None),
    "playbooks.standardmodelpage:pdf": ("get", "standard_model", ALL_200, None),
    # Officials record their own organisation's adoption; staff belong to none.
    "playbooks.standardmodelpage:adopt": ("get", "standard_model", {**OFFICIALS, "staff": 403}, None),
    "playbooks.standardmodelpage:feedback": ("get", "standard_model", expect(403, visitor="login", staff=200), None),
    # Uploaded files, served by Django in development (DEBUG) only.
    "^media/": ("get", "export_file", ALL_200, None),
    # The admins, by mount: their home page. Signed-in people without access are sent to the
    # admin's sign-in address, which refuses them (403) and sends visitors to allauth's.
    "admin/": ("get", None, expect("login", staff=200), None),
    "django-admin/": ("get", None, expect("login", staff=200), None),
}
# Patterns that exist only with DEBUG on (ideas/urls.py).
DEBUG_ONLY = {"^media/"}
# Under each admin mount, every address that takes no argument must answer, for each role:
# not 200 for anyone but staff, and no server error for staff; staff without a second factor are
# sent to set it up. These answer otherwise, and why:
ADMIN_MOUNTS = ("admin/", "django-admin/")
UNDER_MOUNTS = {
    "/admin/jsi18n/": (ALL_200, "Wagtail's translations for its scripts: the same for everyone, no data"),
    "/admin/sprite/": (ALL_200, "Wagtail's icons: the same for everyone, no data"),
    "/admin/failwhale/": (expect("login", staff=500), "Wagtail's deliberate server error, to test error reporting"),
}


def _covered(address, declared):
    return address.key in declared or address.route.startswith(tuple(k for k in declared if k.endswith("/")))


@pytest.mark.django_db
def test_every_url_pattern_has_a_case(debug_urlpatterns):
    declared = {name.split("#")[0] for name in CASES}
    # The project's patterns, and those only DEBUG adds (the media files).
    addresses = {(a.key, a.route): a for a in [*every_address(), *every_address(debug_urlpatterns)]}.values()
    missing = sorted({address.key for address in addresses if not _covered(address, declared)})
    share = sum(_covered(address, declared) for address in addresses) / len(addresses)
    assert share == 1, f"{share:.1%} of {len(addresses)} URL patterns covered; without a case: {missing}"
    keys = {address.key for address in addresses}
    mounted = {key for key in declared if key.endswith("/") and any(a.route.startswith(key) for a in addresses)}
    stale = sorted(declared - keys - mounted)
    assert not stale, f"cases for URL patterns that no longer exist: {stale}"


@pytest.fixture
def debug_urlpatterns(settings):
    """The project's URL patterns as DEBUG builds them (ideas/urls.py adds the media files),
    in place while the test runs."""
    import ideas.urls

    settings.DEBUG = True
    patterns = importlib.reload(ideas.urls).urlpatterns
    clear_url_caches()
    yield patterns
    settings.DEBUG = False
    importlib.reload(ideas.urls)
    clear_url_caches()


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
    document = Document.objects.create(title="Clinic layout", file=ContentFile(b"%PDF-1.4\n", name="layout.pdf"))
    address = EmailAddress.objects.create(user=other_citizen, email="second@example.org", verified=False)
    return {
        **attachments,
        "document": document,
        "confirmation_key": EmailConfirmationHMAC(address).key,
        "reset_key": {"uidb36": user_pk_to_url_str(citizen), "key": default_token_generator.make_token(citizen)},
        "export_file": export,
        "nothing": 999999,
        "nothing_nothing": (999999, 999999),
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
    if isinstance(obj, str | int):
        return [obj]
    if isinstance(obj, tuple):
        return list(obj)
    if isinstance(obj, Iteration):
        return [obj.pilot_id, obj.number]
    if isinstance(obj, Attachment):
        return [obj.token]
    if isinstance(obj, DataExport):
        return [obj.dataset, obj.format]
    return [obj.pk]


ROUTABLE = "playbooks.standardmodelpage:"


def case_url(name, obj):
    if name in ADMIN_MOUNTS:
        return f"/{name}"
    if name == "^media/":
        return f"/media/{obj.path}"
    if name == "wagtail_serve":
        return obj.url
    if name.startswith(ROUTABLE):
        return obj.url + obj.reverse_subpage(name.removeprefix(ROUTABLE))
    if name == "wagtaildocs_serve":
        return obj.url
    if isinstance(obj, dict):
        return reverse(name, kwargs=obj)
    return reverse(name, args=url_args(obj))


SIGN_IN = {"account_login", "wagtailadmin_login", "admin:login"}


def assert_answer(response, expected, why):
    location = urlsplit(response.headers.get("Location", "")).path
    target = resolve(location).view_name if response.status_code == 302 and location.startswith("/") else None
    if expected == "login":
        assert response.status_code == 302 and target in SIGN_IN, why
    elif expected == "done":
        assert response.status_code == 302 and target not in SIGN_IN | {"mfa_activate_totp"}, why
    elif expected == "2fa":
        assert response.status_code == 302 and target == "mfa_activate_totp", why
    elif str(expected).startswith("to:"):
        assert response.status_code == 302 and target == expected.removeprefix("to:"), why
    else:
        assert response.status_code == expected, why


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_url_answers_each_role_as_declared(case, role, as_role, request):
    method, obj_name, answers, data = CASES[case]
    name = case.split("#")[0]
    # The world of objects is made only for the cases about one (it is most of the test's time).
    objects = request.getfixturevalue("objects") if obj_name or callable(data) else {}
    if name in DEBUG_ONLY:  # after the objects: the media pattern serves their MEDIA_ROOT
        request.getfixturevalue("debug_urlpatterns")
    url = case_url(name, objects[obj_name] if obj_name else None)
    client, _user = as_role(role)
    if callable(data):
        data = data(objects)
    response = client.post(url, data) if method == "post" else client.get(url)
    assert_answer(response, answers[role], (case, role, url, response.status_code, response.headers.get("Location")))


def _under(mount):
    """Every address under the mount that takes no argument."""
    for address in every_address():
        if address.route.startswith(mount) and address.pattern and takes_no_arguments(address.pattern):
            try:
                yield reverse(address.key)
            except NoReverseMatch:  # an unnamed pattern
                continue


@pytest.mark.django_db
@pytest.mark.parametrize("mount", ADMIN_MOUNTS)
@pytest.mark.parametrize("role", ["visitor", "citizen", "official", "staff", "staff_without_second_factor"])
def test_every_address_under_an_admin_mount_answers_each_role(mount, role, as_role, request):
    if role == "staff_without_second_factor":
        request.getfixturevalue("staff").authenticator_set.filter(type="totp").delete()
        role = "staff"
        expected = "2fa"
    client, _user = as_role(role)
    client.raise_request_exception = False  # a server error is an answer here
    urls = sorted(set(_under(mount)))
    assert len(urls) > 20, urls
    for url in urls:
        response = client.get(url)
        why = (mount, role, url, response.status_code)
        if request.node.callspec.params["role"] == "staff_without_second_factor":
            assert_answer(response, expected, why)
        elif url in UNDER_MOUNTS:
            assert_answer(response, UNDER_MOUNTS[url][0][role], why)
        elif role == "staff":
            assert response.status_code < 500, why
        else:
            assert response.status_code != 200 and response.status_code < 500, why
