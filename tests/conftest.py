"""Shared fixtures: one account per role of DESIGN.md section 2, and proposals to act on."""

import itertools
import os
import time
from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone, translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from ideas.accounts.models import ExpertProfile, Membership, Organisation, User
from ideas.pilots import services as pilot_services
from ideas.playbooks.models import StandardModelPage
from ideas.proposals import services
from ideas.proposals.models import Category, Proposal, Region

_counter = itertools.count(1)

# The fuzz tests (tests/test_fuzz_forms.py, tests/test_fuzz_api.py): a small, repeatable run in
# CI; bigger ones on demand, e.g. HYPOTHESIS_PROFILE=nightly (docs/security.md, "Robustness").
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
hypothesis_settings.register_profile("ci", max_examples=12, derandomize=True, database=None, **_FUZZ)
hypothesis_settings.register_profile("dev", max_examples=100, **_FUZZ)
hypothesis_settings.register_profile("nightly", max_examples=1000, **_FUZZ)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    from django.conf import settings

    # Hashing is deliberately slow; tests create many accounts and need no protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages are invalidated when a transaction commits, which tests wrapped in one never do;
    # tests/test_page_cache.py turns the cache on where it is under test.
    settings.PAGE_CACHE_SECONDS = 0


PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request to /ko/… activates Korean for the thread; don't let it leak into the next test.
    translation.activate("en")
    yield
    translation.deactivate()


# Officials and staff must have a second factor (docs/security.md, "Access"): the fixtures'
# authenticator app holds this secret, and ``totp_code()`` is what it would show now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPFIELDWORKTESTS22"


def with_second_factor(user):
    """Set up two-factor authentication (an authenticator app and recovery codes), as allauth does."""
    TOTP.activate(user, TOTP_SECRET)
    RecoveryCodes.activate(user)
    return user


def totp_code(secret=TOTP_SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_user(*, verified=True, name=None, staff=False, show_name=True, language="en", second_factor=None):
    """An account; staff get a second factor unless ``second_factor=False``."""
    n = next(_counter)
    user = User.objects.create_user(
        email=f"user{n}@example.org",
        password=PASSWORD,
        display_name=name or f"User {n}",
        show_name_publicly=show_name,
        is_staff=staff,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    if staff if second_factor is None else second_factor:
        with_second_factor(user)
    return user


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser (``admin_client``), with the second factor the admins require."""
    user = django_user_model.objects.create_superuser(email="admin@example.org", password="password")
    return with_second_factor(user)


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Daegu Metropolitan City", slug="daegu", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Busan City", slug="busan", kind=Organisation.Kind.LOCAL_GOVERNMENT)


@pytest.fixture
def citizen(db):
    return make_user(name="Citizen Kim")


@pytest.fixture
def other_citizen(db):
    return make_user(name="Citizen Lee")


@pytest.fixture
def unverified(db):
    return make_user(verified=False, name="Not Verified")


@pytest.fixture
def expert(db):
    user = make_user(name="Dr. Expert")
    ExpertProfile.objects.create(
        user=user, profession="Emergency physician", workplace="Hospital", verified_at=timezone.now()
    )
    return user


def make_official(organisation, name, *, second_factor=True):
    """A triager and pilot lead of ``organisation``."""
    user = make_user(name=name, second_factor=second_factor)
    for role in (Membership.Role.TRIAGER, Membership.Role.PILOT_LEAD):
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def official(db, organisation):
    return make_official(organisation, "Official Triager")


@pytest.fixture
def official_without_second_factor(db, organisation):
    """An official of the owning organisation who has not set up two-factor authentication."""
    return make_official(organisation, "Official Without 2FA", second_factor=False)


@pytest.fixture
def other_official(db, other_organisation):
    return make_official(other_organisation, "Other Official")


@pytest.fixture
def staff(db):
    return make_user(name="Staff Member", staff=True)


def ensure_reference_data():
    """Categories and regions come from a data migration; transactional tests flush them."""
    from ideas.proposals.reference_data import CATEGORIES, REGIONS

    for model, rows in ((Category, CATEGORIES), (Region, REGIONS)):
        for position, (slug, name_en, name_ko) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name_en": name_en, "name_ko": name_ko, "position": position}
            )


@pytest.fixture
def category(db):
    ensure_reference_data()
    return Category.objects.get(slug="testing")


@pytest.fixture
def region(db):
    ensure_reference_data()
    return Region.objects.get(slug="daegu")


def proposal_data(category, region, **overrides):
    data = {
        "title": "Drive-through screening clinics",
        "problem": "People wait for hours in crowded clinics and infect each other while waiting.",
        "solution": "Test people in their cars: registration, temperature and swab through the window.",
        "expected_benefit": "Sample collection in ten minutes instead of thirty, with less exposure.",
        "affected_people": "People with symptoms and the clinic staff.",
        "expertise_statement": "I work in an emergency department.",
        "category": category,
        "region": region,
        "challenge": None,
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_proposal(category, region):
    def _make(author, *, submit=True, **overrides):
        proposal = services.proposal_create(author=author, data=proposal_data(category, region, **overrides))
        if submit:
            proposal = services.proposal_submit(proposal=proposal, actor=author)
        return Proposal.objects.get(pk=proposal.pk)

    return _make


@pytest.fixture
def proposal(citizen, make_proposal):
    return make_proposal(citizen)


def decide(proposal, actor, decision, reason="", **extra):
    """An official decision through the one service, as the views make it."""
    return services.proposal_decide(
        proposal=proposal, actor=actor, decision=decision, reason=reason, expected_status=proposal.status, **extra
    )


@pytest.fixture
def accepted(citizen, make_proposal, staff):
    return decide(make_proposal(citizen, title="Pharmacies check duplicate mask purchases"), staff, "accepted")


def make_pilot_for(lead, organisation, proposals, *, start=True, iterations=0, **overrides):
    """A pilot led by ``organisation`` from accepted proposals, with two metrics."""
    data = {
        "title": "Drive-through clinic at a university hospital",
        "hypothesis": "Testing people in their cars cuts sample collection time and staff exposure.",
        "lead_organisation": organisation,
        "partner_organisations": [],
        "proposals": proposals,
        "sites": "Kyungpook National University Hospital\nGoyang stadium",
        "planned_start": date(2020, 2, 23),
        **overrides,
    }
    metrics = [
        {"name": "Minutes per sample", "unit": "minutes", "baseline": 30, "target": 10, "direction": "lower"},
        {"name": "People tested per day", "unit": "people", "baseline": 100, "target": 400, "direction": "higher"},
    ]
    pilot = pilot_services.pilot_create(actor=lead, data=data, metrics=metrics)
    if start:
        pilot = pilot_services.pilot_start(pilot=pilot, actor=lead, started_on=date(2020, 2, 23))
    for n in range(iterations):
        record_iteration(pilot, lead, values=(20 - 5 * n, 150 + 100 * n))
    return pilot


@pytest.fixture
def make_pilot(organisation):
    def _make(lead, proposals, **kwargs):
        return make_pilot_for(lead, organisation, proposals, **kwargs)

    return _make


@pytest.fixture
def concluded(official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted], iterations=2)
    return pilot_services.pilot_conclude(
        pilot=pilot,
        actor=official,
        outcome="standardised",
        summary="Ten minutes per car.",
        concluded_on=date(2020, 3, 5),
    )


@pytest.fixture
def publisher(db):
    hq = Organisation.objects.create(name="Central HQ", slug="hq", kind=Organisation.Kind.CENTRAL_AGENCY)
    user = make_user(name="Publisher", second_factor=True)
    Membership.objects.create(user=user, organisation=hq, role=Membership.Role.PUBLISHER)
    return user


def publish(page, user, note=""):
    """Publish directly, as a moderator can (the workflow itself is tested separately)."""
    page.change_note = note
    moderator = make_user(name="Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    page.save_revision(user=user).publish(user=moderator)
    return StandardModelPage.objects.get(pk=page.pk)


def record_iteration(pilot, actor, *, values, decision="continue"):
    number = pilot.iterations.count()
    start = date(2020, 2, 23) + timedelta(days=3 * number)
    data = {
        "period_start": start,
        "period_end": start + timedelta(days=2),
        "changes": f"Change {number + 1}",
        "observations": "Queues moved faster.",
        "problems": "",
        "decision": decision,
    }
    measurements = dict(zip(pilot.metrics.values_list("pk", flat=True), values, strict=True))
    return pilot_services.pilot_record_iteration(pilot=pilot, actor=actor, data=data, measurements=measurements)


@pytest.fixture
def draft(citizen, make_proposal):
    return make_proposal(citizen, submit=False, title="My unfinished idea")


ROLES = ["visitor", "unverified", "citizen", "expert", "official", "other_official", "staff"]


@pytest.fixture
def as_role(client, request):
    """Return a client logged in as the named role (``visitor`` stays anonymous)."""

    def _login(role):
        if role == "visitor":
            client.logout()
            return client, None
        user = request.getfixturevalue(role)
        client.force_login(user)
        return client, user

    return _login
