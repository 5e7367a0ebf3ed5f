"""Anti-fraud on supports: verified accounts only, no disposable e-mail addresses, where each
support came from, the staff page of unusual bursts, bulk invalidation and the purge of old
IP addresses (docs/security.md, "Supports: anti-fraud")."""

import io
import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.allauth_forms import is_disposable
from ideas.accounts.models import User
from ideas.api import exports
from ideas.audit.models import AuditEntry
from ideas.core.exceptions import ActionRefused
from ideas.proposals import services
from ideas.proposals.antifraud import Criteria
from ideas.proposals.models import Proposal, Support, SupportInvalidation

from .conftest import decide, make_user
from .test_open_data import download, read_csv

pytestmark = pytest.mark.django_db

BURST_RANGE = "203.0.113.0/24"


def old_account(**kwargs):
    """An account that has been around for a while (not "created just before supporting")."""
    user = make_user(**kwargs)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=60))
    user.refresh_from_db()
    return user


def support(proposal, user, ip, *, ago=None):
    """A support through the service, from ``ip``, ``ago`` in the past if given."""
    services.support_add(proposal=Proposal.objects.get(pk=proposal.pk), user=user, ip_address=ip)
    if ago is not None:
        Support.objects.filter(proposal=proposal, user=user).update(created_at=timezone.now() - ago)


def window(**kwargs):
    now = timezone.now()
    return Criteria(start=now - timedelta(hours=1), end=now + timedelta(minutes=1), **kwargs)


def count(proposal):
    return Proposal.objects.get(pk=proposal.pk).support_count


@pytest.fixture
def background(citizen, make_proposal):
    """Ordinary supports: long-standing accounts from different networks and domains."""
    proposals = [make_proposal(citizen, title=f"Everyday idea {n}") for n in range(3)]
    for n in range(6):
        user = old_account()
        User.objects.filter(pk=user.pk).update(email=f"person{n}@{['example.org', 'example.net'][n % 2]}")
        user.refresh_from_db()
        support(proposals[n % 3], user, f"198.51.{100 + n}.{n + 1}")
    return proposals


def burst_on(proposal, n=8, *, network="203.0.113", domain="bots.example"):
    """``n`` brand-new accounts supporting ``proposal`` from one /24."""
    users = []
    for i in range(n):
        user = make_user()
        User.objects.filter(pk=user.pk).update(email=f"bot{i}.{user.pk}@{domain}")
        user.refresh_from_db()
        support(proposal, user, f"{network}.{10 + i}")
        users.append(user)
    return users


# --- Only verified e-mail addresses support --------------------------------------------------------


def test_an_unverified_account_cannot_support_by_form_or_htmx(client, unverified, proposal):
    client.force_login(unverified)
    url = reverse("proposals:support", args=[proposal.pk])
    assert client.post(url).status_code == 403
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 403
    assert count(proposal) == 0 and not Support.objects.exists()


def test_the_support_service_itself_refuses_an_unverified_account(unverified, proposal):
    with pytest.raises(PermissionDenied):
        services.support_add(proposal=proposal, user=unverified, ip_address="203.0.113.5")
    assert count(proposal) == 0


def test_the_open_data_api_takes_no_support(client, citizen, other_citizen, proposal):
    client.force_login(other_citizen)
    url = reverse("api:proposal_detail", args=[proposal.pk])
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(url, {"support_count": 99}, content_type="application/json").status_code == 405
    assert count(proposal) == 0


# --- Disposable e-mail domains ---------------------------------------------------------------------


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Someone",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )


def test_sign_up_with_a_disposable_address_is_refused_with_a_clear_message(client):
    response = sign_up(client, "someone@mailinator.com")
    assert response.status_code == 200
    assert "disposable e-mail services cannot be used" in response.content.decode()
    assert not User.objects.filter(email="someone@mailinator.com").exists()
    assert not mail.outbox


def test_sign_up_with_an_ordinary_address_still_works(client):
    sign_up(client, "someone@example.org")
    assert User.objects.filter(email="someone@example.org").exists()


def test_adding_a_disposable_address_to_an_account_is_refused(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("account_email"), {"email": "me@yopmail.com", "action_add": ""})
    assert "disposable e-mail services cannot be used" in response.content.decode()
    assert not EmailAddress.objects.filter(email="me@yopmail.com").exists()


def test_subdomains_of_a_listed_domain_count_as_disposable():
    assert is_disposable("x@mailinator.com") and is_disposable("x@MX.Mailinator.com")
    assert not is_disposable("x@gmail.com") and not is_disposable("x@example.org")


def test_an_account_made_before_its_domain_was_listed_can_still_reset_its_password(client):
    user = make_user()
    User.objects.filter(pk=user.pk).update(email="old@mailinator.com")
    EmailAddress.objects.filter(user=user).update(email="old@mailinator.com")
    client.post(reverse("account_reset_password"), {"email": "old@mailinator.com"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["old@mailinator.com"]


# --- Where supports come from --------------------------------------------------------------------


def test_a_support_records_the_client_address_its_range_and_the_email_domain(
    client, other_citizen, proposal, make_proposal, citizen, settings
):
    client.force_login(other_citizen)
    client.post(reverse("proposals:support", args=[proposal.pk]), REMOTE_ADDR="203.0.113.45")
    recorded = Support.objects.get(proposal=proposal)
    assert (recorded.ip_address, recorded.ip_range, recorded.email_domain) == (
        "203.0.113.45",
        "203.0.113.0/24",
        other_citizen.email.split("@")[1],
    )

    ipv6 = make_proposal(citizen, title="Second idea")
    client.post(reverse("proposals:support", args=[ipv6.pk]), REMOTE_ADDR="2001:db8:1:2::5")
    assert Support.objects.get(proposal=ipv6).ip_range == "2001:db8:1::/48"

    settings.TRUSTED_PROXY_COUNT = 1  # behind nginx: the address it saw, not the proxy's
    proxied = make_proposal(citizen, title="Third idea")
    client.post(
        reverse("proposals:support", args=[proxied.pk]),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    assert Support.objects.get(proposal=proxied).ip_address == "198.51.100.7"


def test_recording_where_a_support_comes_from_adds_no_query(proposal, other_citizen):
    other_citizen.has_perm("proposals.support_proposal", proposal)  # the view asks first
    with CaptureQueriesContext(connection) as queries:
        services.support_add(proposal=proposal, user=other_citizen, ip_address="203.0.113.9")
    statements = [
        q["sql"].split()[0].upper() for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]
    assert statements == ["UPDATE", "INSERT", "SELECT"]  # count (and threshold), insert, refresh
    insert = next(q["sql"] for q in queries if q["sql"].upper().startswith("INSERT"))
    assert "ip_address" in insert and "email_domain" in insert


# --- The staff page of bursts --------------------------------------------------------------------------


def bursts_page(client, **params):
    response = client.get(reverse("proposals:support_bursts"), params)
    assert response.status_code == 200
    return response


def test_a_burst_from_one_range_comes_first_with_what_makes_it_unusual(client, staff, background):
    target = background[0]
    burst_on(target)
    client.force_login(staff)
    response = bursts_page(client, window="hour", by="ip")
    first = response.context["page"].object_list[0]
    assert first.key == BURST_RANGE
    assert (first.supports, first.accounts, first.proposals, first.fresh) == (8, 8, 1, 8)
    top = first.top[0]
    assert top.proposal.pk == target.pk and (top.supports, top.window_supports) == (8, 10)
    ordinary = response.context["page"].object_list[1:]
    assert ordinary and all(other.score < first.score and not other.unusual for other in ordinary)
    page = response.content.decode()
    assert BURST_RANGE in page and "8 of its 10 supports in the window (80%)" in page
    assert "100% from new accounts" in page


def test_grouped_by_email_domain(client, staff, background):
    burst_on(background[1], 5, domain="bots.example")
    client.force_login(staff)
    first = bursts_page(client, window="day", by="domain").context["page"].object_list[0]
    assert (first.key, first.supports) == ("bots.example", 5)


def test_the_window_leaves_older_supports_out(client, staff, citizen, make_proposal):
    proposal = make_proposal(citizen)
    for user in burst_on(proposal, 3):
        Support.objects.filter(user=user).update(created_at=timezone.now() - timedelta(days=2))
    client.force_login(staff)
    assert not bursts_page(client, window="day").context["page"].object_list
    week = bursts_page(client, window="week").context["page"].object_list
    assert [b.key for b in week] == [BURST_RANGE]
    now = timezone.localtime()
    custom = {"window": "custom", "start": (now - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}
    custom["end"] = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert [b.key for b in bursts_page(client, **custom).context["page"].object_list] == [BURST_RANGE]


def test_a_custom_window_ending_before_it_starts_is_explained(client, staff):
    client.force_login(staff)
    response = bursts_page(client, window="custom", start="2026-05-02T10:00", end="2026-05-01T10:00")
    assert "The end must come after the start." in response.content.decode()


def test_the_bursts_page_takes_the_same_queries_whatever_the_data(client, staff, citizen, make_proposal, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 3}
    client.force_login(staff)

    def queries(by):
        with CaptureQueriesContext(connection) as captured:
            bursts_page(client, window="day", by=by, page=2)
        return len(captured)

    first = make_proposal(citizen, title="First")
    burst_on(first, 2, network="192.0.2", domain="one.example")
    burst_on(first, 2, network="198.51.100", domain="two.example")
    few = {by: queries(by) for by in ("ip", "domain")}
    for n in range(6):
        proposal = make_proposal(citizen, title=f"Idea {n}")
        burst_on(proposal, 3, network=f"10.{n}.0", domain=f"d{n}.example")
        support(first, old_account(), f"10.{n}.0.200")
    assert {by: queries(by) for by in ("ip", "domain")} == few
    assert len(client.get(reverse("proposals:support_bursts"), {"window": "day", "page": 2}).context["page"]) == 3


def test_the_moderation_page_links_to_the_bursts(client, staff):
    client.force_login(staff)
    assert reverse("proposals:support_bursts") in client.get(reverse("proposals:moderation")).content.decode()


# --- Invalidation -------------------------------------------------------------------------------------


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_burst_is_seen_invalidated_and_every_count_drops(
    client, staff, background, storage, django_capture_on_commit_callbacks, settings
):
    """The issue's must-show, through HTTP as staff."""
    target = background[0]
    burst_on(target, 8)
    assert count(target) == 10

    settings.PAGE_CACHE_SECONDS = 60  # anonymous pages from the cache, as in production
    visitor = client.__class__()

    def most_supported():
        return visitor.get(reverse("proposals:list"), {"sort": "supported"}).content.decode()

    assert "<strong>10</strong> people support this" in visitor.get(target.get_absolute_url()).content.decode()
    assert most_supported().index(target.title) < most_supported().index(background[1].title)

    client.force_login(staff)
    burst = bursts_page(client, window="hour").context["page"].object_list[0]
    assert burst.key == BURST_RANGE
    preview = client.get(f"{reverse('proposals:support_invalidate')}?{burst.invalidate_query}")
    assert preview.context["preview"] == {"supports": 8, "accounts": 8, "proposals": 1}
    form = preview.context["criteria_form"]
    data = {name: form[name].value() or "" for name in ("network", "email_domain", "start", "end", "proposal")}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("proposals:support_invalidate"), {**data, "reason": "Bot farm: new accounts"})
    assert done.status_code == 302
    assert "Supports invalidated: 8 (accounts: 8, proposals: 1)." in client.get(done["Location"]).content.decode()

    # The proposal page (from the cache for visitors: a bulk invalidation empties it) ...
    assert "<strong>2</strong> people support this" in visitor.get(target.get_absolute_url()).content.decode()
    # ... the list sorted by support ...
    assert most_supported().index(target.title) > most_supported().index(background[1].title)  # all have 2 now
    # ... the API ...
    api = json.loads(visitor.get(reverse("api:proposal_detail", args=[target.pk])).content)
    assert api["support_count"] == 2
    # ... and the downloads, once regenerated (as the scheduled command does).
    exports.regenerate()
    rows = {int(row["id"]): row for row in read_csv(download(visitor, "proposals", "csv")[1])}
    assert rows[target.pk]["support_count"] == "2"
    items = json.loads(download(visitor, "proposals", "json")[1])["results"]
    assert next(item for item in items if item["id"] == target.pk)["support_count"] == 2

    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUPPORTS_INVALIDATED)
    assert entry.actor == staff and entry.reason == "Bot farm: new accounts"
    assert entry.details["criteria"]["network"] == BURST_RANGE
    assert (entry.details["supports"], entry.details["accounts"]) == (8, 8)
    assert entry.details["proposals"] == {str(target.pk): 8}
    page = client.get(reverse("proposals:support_bursts")).content.decode()
    assert "Bot farm: new accounts" in page and "supports: 8<br>accounts: 8<br>proposals: 1" in page


def test_the_reason_is_required_and_nothing_typed_is_lost(client, staff, citizen, make_proposal):
    proposal = make_proposal(citizen)
    burst_on(proposal, 2)
    client.force_login(staff)
    now = timezone.localtime()
    data = {
        "network": BURST_RANGE,
        "start": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "end": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "reason": "  ",
    }
    response = client.post(reverse("proposals:support_invalidate"), data)
    assert response.status_code == 200
    assert response.context["confirm_form"].errors["reason"]
    assert response.context["preview"]["supports"] == 2
    assert f'value="{BURST_RANGE}"' in response.content.decode()
    assert count(proposal) == 2 and not SupportInvalidation.objects.exists()


def test_criteria_need_an_ip_range_or_a_domain_and_valid_values(client, staff):
    client.force_login(staff)
    url = reverse("proposals:support_invalidate")
    page = client.get(url, {"start": "2026-05-01T10:00", "end": "2026-05-02T10:00"}).content.decode()
    assert "Give an IP range, an e-mail domain or both." in page
    page = client.get(url, {"network": "300.1.2.0/24", "start": "2026-05-01T10:00", "end": "2026-05-02T10:00"})
    assert "Give an address or a network such as 203.0.113.0/24." in page.content.decode()
    page = client.get(url, {"email_domain": "x.example", "start": "2026-05-01T10:00", "end": "2026-05-01T09:00"})
    assert "The end must come after the start." in page.content.decode()


def test_only_the_supports_matching_every_criterion_are_invalidated(staff, citizen, make_proposal):
    target, other = make_proposal(citizen, title="Target"), make_proposal(citizen, title="Other")
    in_burst = burst_on(target, 3)
    burst_on(other, 2, network="203.0.113")  # same range, other proposal
    outside = old_account()
    support(target, outside, "198.51.100.1")  # other range
    late = make_user()
    support(target, late, "203.0.113.99", ago=timedelta(days=3))  # same range, before the window

    invalidation = services.supports_invalidate(
        staff=staff, criteria=window(network="203.0.113.0/25", proposal=target), reason="Burst"
    )
    assert (invalidation.support_total, invalidation.account_total, invalidation.proposal_total) == (3, 3, 1)
    assert set(invalidation.supports.values_list("user_id", flat=True)) == {u.pk for u in in_burst}
    assert (count(target), count(other)) == (2, 2)
    assert Support.objects.count() == 7  # nothing deleted: the evidence stays


def test_ipv6_and_broad_networks_match(staff, citizen, make_proposal):
    proposal = make_proposal(citizen)
    support(proposal, make_user(), "2001:db8:1:2::5")
    support(proposal, make_user(), "2001:db8:2::7")
    support(proposal, make_user(), "203.0.113.5")
    support(proposal, make_user(), "203.0.200.5")
    assert (
        services.supports_invalidate(staff=staff, criteria=window(network="2001:db8::/32"), reason="v6").support_total
        == 2
    )
    assert (
        services.supports_invalidate(staff=staff, criteria=window(network="203.0.0.0/16"), reason="v4").support_total
        == 2
    )
    assert count(proposal) == 0


def test_an_invalidation_matching_nothing_is_refused(staff, proposal):
    with pytest.raises(ActionRefused):
        services.supports_invalidate(staff=staff, criteria=window(network=BURST_RANGE), reason="Nothing")
    assert not SupportInvalidation.objects.exists() and not AuditEntry.objects.exists()


def test_only_staff_invalidate(official, citizen, make_proposal):
    proposal = make_proposal(citizen)
    burst_on(proposal, 1)
    with pytest.raises(PermissionDenied):
        services.supports_invalidate(staff=official, criteria=window(network=BURST_RANGE), reason="Mine")
    assert count(proposal) == 1


def test_a_proposal_that_falls_below_the_threshold_leaves_the_top_of_the_triage_queue(
    staff, citizen, make_proposal, settings
):
    settings.FIELDWORK = {**settings.FIELDWORK, "SUPPORT_THRESHOLD": 3}
    fallen, still = make_proposal(citizen, title="Fallen"), make_proposal(citizen, title="Still")
    burst_on(fallen, 3)
    burst_on(still, 2)
    for n in range(3):
        support(still, old_account(), f"198.51.100.{n + 1}")
    services.supports_invalidate(staff=staff, criteria=window(network=BURST_RANGE), reason="Bots")
    fallen, still = Proposal.objects.get(pk=fallen.pk), Proposal.objects.get(pk=still.pk)
    assert (fallen.support_count, fallen.support_threshold_reached_at) == (0, None)
    assert still.support_count == 3 and still.support_threshold_reached_at is not None
    burst_on(fallen, 3, network="192.0.2")  # reaching it again records the new time
    assert Proposal.objects.get(pk=fallen.pk).support_threshold_reached_at is not None


def test_an_invalidated_account_can_neither_support_again_nor_withdraw(client, staff, citizen, make_proposal):
    proposal = make_proposal(citizen)
    (bot,) = burst_on(proposal, 1)
    services.supports_invalidate(staff=staff, criteria=window(network=BURST_RANGE), reason="Bot")
    for action in (services.support_add, services.support_withdraw):
        with pytest.raises(ActionRefused, match="invalidated your support"):
            action(proposal=Proposal.objects.get(pk=proposal.pk), user=bot)
    assert count(proposal) == 0 and Support.objects.filter(user=bot).exists()

    client.force_login(bot)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "The moderators invalidated your support of this proposal." in page
    assert "Withdraw my support" not in page and "Support this proposal" not in page
    client.post(reverse("proposals:support", args=[proposal.pk]))
    assert count(proposal) == 0


def test_a_merge_moves_invalidated_supports_as_invalidated(staff, citizen, other_citizen, make_proposal):
    source, target = make_proposal(citizen, title="Source"), make_proposal(other_citizen, title="Target")
    (bot,) = burst_on(source, 1)
    honest = old_account()
    support(source, honest, "198.51.100.1")
    services.supports_invalidate(staff=staff, criteria=window(network=BURST_RANGE), reason="Bot")
    decide(source, staff, "merged", "Same idea", merge_into=target)
    assert count(target) == 1
    moved = Support.objects.get(proposal=target, user=bot)
    assert moved.invalidation is not None and moved.ip_range == BURST_RANGE
    assert Support.objects.get(proposal=target, user=honest).ip_address == "198.51.100.1"


def test_on_a_queue_an_invalidation_schedules_the_downloads(
    staff, citizen, make_proposal, settings, django_capture_on_commit_callbacks
):
    from ideas.api.tasks import regenerate_open_data

    proposal = make_proposal(citizen)
    burst_on(proposal, 2)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = regenerate_open_data.get_backend()
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.supports_invalidate(staff=staff, criteria=window(network=BURST_RANGE), reason="Bots")
    assert [r.task.name for r in backend.results] == ["regenerate_open_data"]


# --- IP retention ------------------------------------------------------------------------------------


def test_old_ip_addresses_are_purged_by_the_scheduled_command_and_recent_ones_kept(citizen, make_proposal, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "IP_RETENTION_DAYS": 30}
    proposal = make_proposal(citizen)
    old, recent = make_user(), make_user()
    support(proposal, old, "203.0.113.5", ago=timedelta(days=31))
    support(proposal, recent, "203.0.113.6", ago=timedelta(days=29))
    out = io.StringIO()
    call_command("purge_support_ips", stdout=out)
    assert "Purged the IP address of 1 supports older than 30 days." in out.getvalue()
    purged, kept = Support.objects.get(user=old), Support.objects.get(user=recent)
    assert (purged.ip_address, purged.ip_range) == (None, None)
    assert purged.email_domain == "example.org"  # kept for aggregate statistics
    assert (kept.ip_address, kept.ip_range) == ("203.0.113.6", BURST_RANGE)
    assert count(proposal) == 2  # the supports themselves stay


def test_the_purge_works_in_batches(citizen, make_proposal):
    proposal = make_proposal(citizen)
    for n in range(5):
        support(proposal, make_user(), f"203.0.113.{n + 1}", ago=timedelta(days=100))
    assert services.support_ips_purge(batch_size=2) == 5
    assert not Support.objects.filter(ip_address__isnull=False).exists()
