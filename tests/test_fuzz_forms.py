"""Random and hostile input posted to every form of Fieldwork (hypothesis, tests/hostile.py).

Every address that accepts POST is found by walking the URL patterns (and the routes of routable
Wagtail pages) and asking each view; it is either fuzzed (FUZZED: as a role allowed to use it,
with the form read from the page that shows it) or exempt (EXEMPT, with the reason), and
``test_every_post_address_is_fuzzed_or_exempt`` fails for a new one that is neither.

Each submission is checked for: no server error (here or on the page it redirects to); a
refused submission (an error status, an error message, a form shown again with errors) leaves
every table as it was; an accepted one leaves the data consistent (counters equal their rows,
iterations numbered in order, no written value a database or its field would refuse). The
example budget is the hypothesis profile's (HYPOTHESIS_PROFILE, tests/conftest.py,
docs/security.md).
"""

import copy
import functools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib import messages
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.forms import BaseForm, BaseFormSet
from django.test import RequestFactory
from django.urls import resolve, reverse
from hypothesis import given

from ideas.accounts.models import User
from ideas.pilots.models import Iteration
from ideas.proposals import services
from ideas.proposals.models import Proposal

from .addresses import every_address
from .conftest import PASSWORD, decide
from .hostile import Control, Submission, filled, page_form, submissions
from .test_permissions import objects, url_args  # noqa: F401 (the world of objects every role acts on)

pytestmark = pytest.mark.django_db

# --- Which addresses accept POST --------------------------------------------------------

# Route prefixes (as in ideas/urls.py) and names that are not fuzzed, and why.
EXEMPT = {
    "django-admin/": "Django's admin, for staff: Django's own code and tests; no Fieldwork form lives there",
    "admin/": "Wagtail's admin (editors and moderators): Wagtail's code and tests; the page model's own "
    "validation is tested in tests/test_playbooks.py",
    "documents/": "Wagtail's document downloads: they read nothing from a request body",
    "^media/": "uploaded files served in development (DEBUG) only, read nothing from a request body",
    "wagtail_serve": "Wagtail serves its pages for any method; the routes of our routable pages are listed "
    "below, one by one",
    "wagtailcore_authenticate_with_password": "Wagtail's form for password-protected pages (Wagtail's code); "
    "no page of ours is protected",
    "wagtailcore_login": "Wagtail's sign-in for private pages (Django's login view); no page of ours is private, "
    "and the site's sign-in is allauth's",
    "mfa_download_recovery_codes": "a download: TemplateView answers 405 to a POST, but only after its login and "
    "recovery-code checks, so the probe cannot tell",
    "playbooks.standardmodelpage:index_route": "RoutablePageMixin's default route, answered by ``current``",
    "playbooks.standardmodelpage:current": "a standard model's page answers a POST as a GET: it reads no body",
    "playbooks.standardmodelpage:version_history": "answers a POST as a GET: it reads no body",
    "playbooks.standardmodelpage:pdf": "answers a POST as a GET (a PDF, slow to draw): it reads no body",
}


def addresses():
    """(name, view, kwargs) of every address of the project that is not exempt by its route."""
    exempt_routes = tuple(key for key in EXEMPT if key.endswith("/"))
    for address in every_address():
        if not address.route.startswith(exempt_routes):
            yield address.key, address.view, address.kwargs


def answers_post(view, kwargs):
    """Does the view take a POST (rather than answer 405)? Asked directly, past every middleware."""
    request = RequestFactory().post("/", {})
    request.user = User(email="probe@example.org", is_staff=True, is_superuser=True)
    request.session = SessionStore()
    try:
        with transaction.atomic():
            response = view(request, **kwargs)
            transaction.set_rollback(True)
    except Exception:
        return True  # it got past any method check
    return response.status_code != 405


# --- The forms, who fills them in, and where they are shown -------------------------------


@dataclass(frozen=True)
class Form:
    """How to fuzz one address. Callables take the world (``world`` below)."""

    role: str
    obj: str | None = None  # the object the address is about, a key of the world
    page: tuple | None = None  # (URL name, object) of the page showing the form, if not the address
    url: object = None  # for addresses reverse() cannot build
    setup: object = None  # puts the world in the state the form needs
    valid: object = field(default_factory=dict)  # a correct submission, over what the page shows
    fields: tuple = ()  # for forms no page shows
    recent_login: bool = False  # for forms behind allauth's "confirm your password again"
    baseline_accepted: bool = True  # the page's own submission (with ``valid``) is accepted
    writes: bool = True


def _support(world):
    services.support_add(proposal=world["proposal"], user=world["expert"])


def _follow(world):
    services.follow_add(proposal=world["proposal"], user=world["expert"])


def _flag_both(world):
    services.flag_create(reporter=world["expert"], reason="spam", proposal=world["proposal"])
    services.flag_create(reporter=world["expert"], reason="abuse", comment=world["comment"])


def _support_from_one_range(world):
    services.support_add(proposal=world["proposal"], user=world["expert"], ip_address="198.51.100.7")


def _accepted_proposal(world):
    world["to_pilot"] = decide(world["make_proposal"](world["citizen"], title="To pilot"), world["staff"], "accepted")


def _totp(world):
    TOTP.activate(world["citizen"], generate_totp_secret())
    RecoveryCodes.activate(world["citizen"])


def _unusable_password(world):
    world["citizen"].set_unusable_password()
    world["citizen"].save(update_fields=["password"])


def _password_reset_url(world):
    user = world["citizen"]
    token = default_token_generator.make_token(user)
    return reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": token})


def _email_confirmation_url(world):
    address = EmailAddress.objects.get(user=world["unverified"])
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])


def _model_route(route):
    return lambda world: f"{world['standard_model'].url}{route}/"


NEW_PASSWORD = "another-long-password-42"
METRIC = {
    "metrics-0-name": "Minutes per sample",
    "metrics-0-unit": "minutes",
    "metrics-0-baseline": "30",
    "metrics-0-target": "10",
}

FUZZED = {
    # Django's language switch, still mounted at /i18n/ (the site links to /language/<code>/).
    "set_language": Form(
        "visitor",
        fields=(Control("language", "select", ["ko"], ["en", "ko"]), Control("next", "hidden", ["/proposals/"])),
        writes=False,
    ),
    # allauth: signing up and in, addresses, passwords, two-factor authentication.
    "account_login": Form("visitor", valid=lambda w: {"login": [w["citizen"].email], "password": [PASSWORD]}),
    "account_logout": Form("citizen"),
    "account_signup": Form(
        "visitor",
        valid={"email": ["new.person@example.org"], "password1": [NEW_PASSWORD], "password2": [NEW_PASSWORD]},
    ),
    "account_reauthenticate": Form("citizen", valid={"password": [PASSWORD]}),
    "account_email": Form("citizen", valid={"email": ["second.address@example.org"], "action_add": [""]}),
    "account_change_password": Form(
        "citizen", valid={"oldpassword": [PASSWORD], "password1": [NEW_PASSWORD], "password2": [NEW_PASSWORD]}
    ),
    "account_set_password": Form(
        "citizen", setup=_unusable_password, valid={"password1": [NEW_PASSWORD], "password2": [NEW_PASSWORD]}
    ),
    "account_reset_password": Form("visitor", valid=lambda w: {"email": [w["citizen"].email]}),
    "account_reset_password_from_key": Form(
        "visitor", url=_password_reset_url, valid={"password1": [NEW_PASSWORD], "password2": [NEW_PASSWORD]}
    ),
    "account_confirm_email": Form("visitor", url=_email_confirmation_url),
    # Login by code is off; the address answers anyway.
    "account_confirm_login_code": Form("visitor", fields=(Control("code", "text"),), baseline_accepted=False),
    # Only inside a login in progress (allauth's login stages); without one it sends to log in.
    "mfa_authenticate": Form("visitor", fields=(Control("code", "text"),), baseline_accepted=False),
    "mfa_reauthenticate": Form("citizen", setup=_totp, baseline_accepted=False),
    # The right code depends on a secret drawn when the page is shown: every guess is refused.
    "mfa_activate_totp": Form("citizen", recent_login=True, baseline_accepted=False),
    "mfa_deactivate_totp": Form("citizen", setup=_totp, recent_login=True),
    "mfa_generate_recovery_codes": Form("citizen", setup=_totp, recent_login=True),
    # Accounts.
    "accounts:profile": Form("citizen", valid={"display_name": ["Kim"], "language": ["ko"]}),
    "accounts:expert_apply": Form("citizen"),
    "accounts:delete": Form("citizen", valid={"password": [PASSWORD], "confirm": ["on"]}),
    "accounts:expert_decide": Form(
        "staff", obj="application", page=("accounts:expert_review", None), valid={"decision": ["approve"]}
    ),
    # Writing proposals.
    "proposals:create": Form("citizen"),
    "proposals:edit": Form("citizen", obj="proposal"),
    "proposals:preview": Form("citizen", obj="draft"),
    "proposals:withdraw": Form("citizen", obj="proposal"),
    # The suggestions fragment the proposal form asks for while a citizen types (htmx).
    "proposals:similar": Form(
        "citizen",
        fields=(Control("title", "text", ["Drive-through"], maxlength=150), Control("problem", "textarea")),
        writes=False,
    ),
    # Taking part.
    "proposals:support": Form("expert", obj="proposal", page=("proposals:detail", "proposal")),
    "proposals:unsupport": Form("expert", obj="proposal", page=("proposals:detail", "proposal"), setup=_support),
    "proposals:follow": Form("expert", obj="proposal", page=("proposals:detail", "proposal")),
    "proposals:unfollow": Form("expert", obj="proposal", page=("proposals:detail", "proposal"), setup=_follow),
    "proposals:comment_create": Form("expert", obj="proposal", page=("proposals:detail", "proposal")),
    "proposals:comment_edit": Form("citizen", obj="comment"),
    "proposals:comment_delete": Form("citizen", obj="comment"),
    "proposals:flag": Form("expert", obj="proposal"),
    "proposals:comment_flag": Form("expert", obj="comment"),
    "proposals:answer": Form("citizen", obj="needs_info"),
    "proposals:review": Form("expert", obj="proposal"),
    # Moderation and triage.
    "proposals:moderate_proposal": Form(
        "staff", obj="proposal", page=("proposals:moderation", None), setup=_flag_both, valid={"action": ["hide"]}
    ),
    "proposals:moderate_comment": Form(
        "staff", obj="comment", page=("proposals:moderation", None), setup=_flag_both, valid={"action": ["hide"]}
    ),
    "proposals:moderate_held": Form(
        "staff", obj="held", page=("proposals:moderation", None), valid={"decision": ["approve"]}
    ),
    # The confirmation form appears under a preview that hits at least one support.
    "proposals:support_invalidate": Form(
        "staff",
        setup=_support_from_one_range,
        url=lambda w: (
            reverse("proposals:support_invalidate")
            + "?network=198.51.100.0/24&start=2000-01-01T00:00&end=2099-01-01T00:00"
        ),
        valid={"reason": ["A burst from one range"]},
    ),
    "proposals:triage_assign": Form(
        "official",
        obj="proposal",
        page=("proposals:triage_proposal", "proposal"),
        valid=lambda w: {"organisation": [str(w["organisation"].pk)]},
    ),
    "proposals:triage_decide": Form(
        "official", obj="proposal", page=("proposals:triage_proposal", "proposal"), valid={"decision": ["under_review"]}
    ),
    "proposals:challenge_create": Form("official"),
    "proposals:challenge_edit": Form("official", obj="challenge"),
    # Pilots and standard models.
    "pilots:create": Form(
        "official",
        setup=_accepted_proposal,
        valid=lambda w: {**{k: [v] for k, v in METRIC.items()}, "proposals": [str(w["to_pilot"].pk)]},
    ),
    "pilots:edit": Form("official", obj="pilot"),
    "pilots:start": Form("official", obj="planned_pilot"),
    "pilots:conclude": Form("official", obj="pilot", valid={"outcome": ["stopped"]}),
    "pilots:iteration_create": Form("official", obj="pilot", valid={"decision": ["continue"]}),
    "pilots:iteration_edit": Form("official", obj="iteration"),
    "playbooks:draft_from_pilot": Form("staff", obj="concluded_pilot", page=("pilots:detail", "concluded_pilot")),
    "playbooks.standardmodelpage:adopt": Form(
        "official", url=_model_route("adopt"), valid=lambda w: {"organisation": [str(w["organisation"].pk)]}
    ),
    "playbooks.standardmodelpage:feedback": Form("staff", url=_model_route("feedback"), valid={"version": ["1"]}),
    "notifications:mark_read": Form("citizen", page=("notifications:list", None)),
}


@pytest.fixture
def world(objects, make_proposal, citizen, other_citizen, unverified, expert, official, other_official, staff):  # noqa: F811
    return {
        **objects,
        "make_proposal": make_proposal,
        "citizen": citizen,
        "other_citizen": other_citizen,
        "unverified": unverified,
        "expert": expert,
        "official": official,
        "other_official": other_official,
        "staff": staff,
    }


def test_every_post_address_is_fuzzed_or_exempt():
    taking_post = {name for name, view, kwargs in addresses() if answers_post(view, kwargs)}
    exempt = {name for name in EXEMPT if not name.endswith("/")}
    unfuzzed = sorted(taking_post - FUZZED.keys() - exempt)
    assert not unfuzzed, f"POST addresses neither fuzzed nor exempt: {unfuzzed}"
    stale = sorted((FUZZED.keys() | exempt) - taking_post)
    assert not stale, f"fuzzed or exempt, but no such POST address: {stale}"


# --- Checking what a submission did --------------------------------------------------------


@functools.cache
def tables():
    """The models whose tables this database has (SQLite's full-text table exists only there)."""
    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]


def snapshot():
    """Every row of every table (but sessions) by primary key, to compare before and after."""
    rows = {}
    with connection.cursor() as cursor:
        for model in tables():
            if model._meta.db_table == "django_session":
                continue
            table, pk = (connection.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
            cursor.execute(f"SELECT {pk}, * FROM {table}")  # noqa: S608 (the models' own names)
            rows[model] = {row[0]: repr(row[1:]) for row in cursor.fetchall()}
    return rows


def changes(before, after):
    """{model: primary keys of the rows added, changed or deleted}."""
    changed = {}
    for model, rows in after.items():
        keys = {pk for pk in rows.keys() | before[model].keys() if rows.get(pk) != before[model].get(pk)}
        if keys:
            changed[model] = keys
    return changed


def refusal(response):
    """Why the submission was refused (an error status or message, the form shown again with
    errors), or "" if it was accepted."""
    if response.status_code >= 400:
        return f"status {response.status_code}"
    errors = [str(m) for m in messages.get_messages(response.wsgi_request) if m.level >= messages.WARNING]
    context = response.context
    for scope in [context] if hasattr(context, "flatten") else context or []:
        for value in scope.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                errors.append(value.errors.as_text())
            elif isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
                errors.append(f"{value.non_form_errors().as_text()} {[form.errors for form in value.forms]}")
    return "; ".join(dict.fromkeys(errors))


PROJECT_APPS = {config.label for config in apps.get_app_configs() if config.name.startswith("ideas.")}


def assert_consistent(changed):
    """What an accepted submission must leave: counters equal their rows (valid supports only),
    iterations numbered in order, and no written value that a database or a page could not take."""
    counted = Proposal.objects.annotate(
        supports_n=Count("supports", filter=Q(supports__invalidation__isnull=True), distinct=True),
        comments_n=Count("comments", filter=Q(comments__removed_at__isnull=True), distinct=True),
    )
    for proposal in counted:
        assert proposal.support_count == proposal.supports_n, f"support_count of proposal {proposal.pk}"
        assert proposal.comment_count == proposal.comments_n, f"comment_count of proposal {proposal.pk}"
    for pilot_id, numbers in _iteration_numbers().items():
        assert numbers == list(range(1, len(numbers) + 1)), f"iterations of pilot {pilot_id}: {numbers}"
    for model, keys in changed.items():
        if model._meta.app_label in PROJECT_APPS:
            for row in model._base_manager.filter(pk__in=keys):
                problems = list(_invalid_values(row))
                assert not problems, f"{model._meta.label} {row.pk} was saved with {problems}"


def _invalid_values(row):
    """Values SQLite stores but PostgreSQL or the field would refuse: too long, NUL, not a choice."""
    for model_field in row._meta.concrete_fields:
        value = getattr(row, model_field.attname)
        if isinstance(value, str):
            if "\x00" in value:
                yield f"a NUL character in {model_field.name}"
            if model_field.max_length and len(value) > model_field.max_length:
                yield f"{len(value)} characters in {model_field.name} (at most {model_field.max_length})"
        if model_field.choices and value not in ("", None) and value not in dict(model_field.flatchoices):
            yield f"{value!r} in {model_field.name}, not a choice"


def _iteration_numbers():
    numbers = {}
    for pilot_id, number in Iteration.objects.order_by("pilot_id", "number").values_list("pilot_id", "number"):
        numbers.setdefault(pilot_id, []).append(number)
    return numbers


# --- The fuzzing ---------------------------------------------------------------------------


def _login(client, user, *, recent):
    if user is None:
        return
    client.force_login(user)
    if recent:  # as allauth records a password typed again, for its "confirm it's you" pages
        request = RequestFactory().get("/")
        request.session, request.user = client.session, user
        record_authentication(request, user, method="password", reauthenticated=True)
        request.session.save()


def _url(name, obj_name, world):
    return reverse(name.split("#")[0], args=url_args(world[obj_name] if obj_name else None))


def _the_form(client, spec, name, world):
    """The address to post to, the form's fields and the baseline submission."""
    target = spec.url(world) if spec.url else _url(name, spec.obj, world)
    if spec.fields:
        controls = list(spec.fields)
    else:
        page = _url(spec.page[0], spec.page[1], world) if spec.page else target
        response = client.get(page, follow=True)
        assert response.status_code == 200, (page, response.status_code)
        shown = response.request["PATH_INFO"]
        # The page may have moved on to another address of the same view (allauth's password
        # reset link keeps its key in the session and redirects): the form then posts there.
        if not spec.page and resolve(shown).view_name == resolve(urlsplit(target).path).view_name:
            target = shown
        action, controls = page_form(response.content.decode(), shown, urlsplit(target).path)
        assert action is not None, f"no form posting to {target} on {shown}"
        target = action
    valid = spec.valid(world) if callable(spec.valid) else spec.valid
    baseline = {control.name: filled(control) for control in controls} | valid
    return target, controls, baseline


def _existing_ids():
    ids = set()
    for model in tables():
        if model._meta.app_label in PROJECT_APPS | {"wagtailcore", "account"}:
            ids.update(model._base_manager.values_list("pk", flat=True)[:200])
    return {pk for pk in ids if isinstance(pk, int)}


def check(client, cookies, target, submission, spec):
    """Post one submission and check what it did. Each starts from the same signed-in session
    and the same data (rolled back afterwards), with no rate limit counted yet."""
    client.cookies = copy.deepcopy(cookies)
    cache.clear()
    with transaction.atomic():
        before = snapshot()
        response = submission.post(client, target)
        assert response.status_code < 500, response.content[:500]
        changed = changes(before, snapshot())
        why = refusal(response)
        if not spec.writes or why:
            written = sorted(model._meta.label for model in changed)
            assert not changed, f"refused ({why or 'read-only'}) but wrote to {written}"
        else:
            assert_consistent(changed)
            location = response.headers.get("Location", "")
            if response.status_code in (301, 302, 303) and location.startswith("/"):
                after = client.get(location)
                assert after.status_code < 500, (location, after.content[:500])
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("name", sorted(FUZZED))
def test_hostile_posts_never_fail_and_never_write_half(name, world, client, settings, tmp_path):
    spec = FUZZED[name]
    settings.MEDIA_ROOT = tmp_path
    if spec.setup:
        spec.setup(world)
    user = world.get(spec.role)
    _login(client, user, recent=spec.recent_login)
    target, controls, baseline = _the_form(client, spec, name, world)
    cookies = copy.deepcopy(client.cookies)
    known = {
        "email": [world["citizen"].email, world["other_citizen"].email, "new.person@example.org"],
        "password": [PASSWORD, NEW_PASSWORD],
    }
    pairs = [(key, value) for key, values in baseline.items() for value in values]
    first = check(client, cookies, target, Submission(pairs), spec)
    if spec.baseline_accepted:
        assert not refusal(first), f"the baseline submission of {name} is refused: {refusal(first)}"

    @given(submission=submissions(controls, baseline, _existing_ids(), known))
    def fuzz(submission):
        check(client, cookies, target, submission, spec)

    fuzz()


@pytest.mark.parametrize("name, param", [("proposals:similar", "exclude"), ("pilots:create", "proposal")])
@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_ids_in_the_address_that_no_database_can_hold_are_ignored(name, param, value, as_role):
    client, _user = as_role("official")
    response = client.post(f"{reverse(name)}?{param}={value}", {"title": "Drive-through clinics"})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["thanks", "before\x00after"])
def test_a_next_address_that_names_no_page_is_not_a_server_error(value, as_role, proposal):
    client, _user = as_role("expert")
    follow = client.post(reverse("proposals:follow", args=[proposal.pk]), {"next": value})
    switch = client.get(reverse("core:switch_language", args=["ko"]), {"next": value})
    for response in (follow, switch):
        assert response.status_code == 302 and "\x00" not in response["Location"]
