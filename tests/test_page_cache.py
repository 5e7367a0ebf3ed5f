"""The cache of anonymous pages (ideas/core/page_cache.py) and the Server-Timing header."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.proposals import services

from .conftest import decide

pytestmark = pytest.mark.django_db

CACHE_SECONDS = 10


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = CACHE_SECONDS


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed, so that its invalidation runs."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def test_a_second_anonymous_visit_is_served_from_the_cache_without_sql(client, proposal):
    first = client.get(proposal.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(proposal.get_absolute_url())
    assert second["X-Cache"] == "hit" and len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "s-maxage=10" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_an_unchanged_page_is_revalidated_with_a_304(client, proposal):
    etag = client.get(proposal.get_absolute_url())["ETag"]
    response = client.get(proposal.get_absolute_url(), headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_a_decision_shows_at_once(client, proposal, staff, committed):
    assert "Submitted" in client.get(proposal.get_absolute_url()).content.decode()
    committed(decide, proposal, staff, "under_review")
    response = client.get(proposal.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert "Under review" in response.content.decode()


def test_a_support_shows_within_the_cache_lifetime(client, proposal, other_citizen, committed, monkeypatch):
    assert "0 supports" in client.get(reverse("proposals:list")).content.decode()
    committed(services.support_add, proposal=proposal, user=other_citizen)
    # A surge of supports does not empty the cache: the count may lag ...
    assert "0 supports" in client.get(reverse("proposals:list")).content.decode()
    # ... for at most the cache lifetime.
    later = time.time() + CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert "1 support" in client.get(reverse("proposals:list")).content.decode()


def test_signed_in_people_never_get_the_cached_page(client, proposal, citizen):
    client.get(proposal.get_absolute_url())  # cached for anonymous visitors
    client.force_login(citizen)
    response = client.get(proposal.get_absolute_url())
    assert "X-Cache" not in response
    assert "Log out" in response.content.decode()


def test_a_pending_message_is_never_served_from_or_into_the_cache(client, proposal):
    client.get(proposal.get_absolute_url())
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get(proposal.get_absolute_url())


def test_responses_that_set_a_cookie_are_not_stored(db):
    first = Client().get(reverse("account_login"))
    assert "csrftoken" in first.cookies  # the form's token is this visitor's own
    second = Client().get(reverse("account_login"))
    assert second.get("X-Cache") != "hit" and "csrftoken" in second.cookies


PUBLIC_PAGES = [
    "core:home",
    "core:search",
    "proposals:list",
    "proposals:challenge_list",
    "pilots:list",
    "pilots:speed",
    "api:data",
    "api:docs",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_carry_no_csrf_token_so_they_can_be_cached(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert not response.cookies, f"{name} sets {list(response.cookies)}"
    assert client.get(reverse(name))["X-Cache"] == "hit"


def test_proposal_pilot_and_model_pages_are_cacheable_too(client, proposal, publisher, concluded):
    from ideas.playbooks.services import model_draft_from_pilot

    from .conftest import publish

    model = publish(model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    for url in (proposal.get_absolute_url(), concluded.get_absolute_url(), model.url, model.get_parent().url):
        assert not client.get(url).cookies, url
        assert client.get(url)["X-Cache"] == "hit", url


def test_pages_outside_the_language_prefix_are_cached_per_language(client, db):
    english = client.get(reverse("api:data"), headers={"Accept-Language": "en"})
    korean = client.get(reverse("api:data"), headers={"Accept-Language": "ko"})
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="ko">' in korean.content.decode()


def test_htmx_requests_are_cached_apart_from_the_page(client, proposal):
    # A view may answer htmx with a fragment of the same address: never mix the two.
    client.get(reverse("proposals:list"))
    assert client.get(reverse("proposals:list"), headers={"HX-Request": "true"})["X-Cache"] == "miss"


def test_the_api_is_cached_and_invalidated_like_pages(client, proposal, staff, committed):
    url = reverse("api:proposal_detail", args=[proposal.pk])
    assert client.get(url).json()["status"] == "submitted"
    assert client.get(url)["X-Cache"] == "hit"
    assert "Cookie" not in client.get(url).get("Vary", "")  # the same for everyone: one CDN copy
    committed(decide, proposal, staff, "under_review")
    assert client.get(url).json()["status"] == "under_review"


def test_switching_language_remembers_it_and_shows_the_same_page(client, proposal):
    response = client.get(reverse("core:switch_language", args=["ko"]), {"next": proposal.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == f"/ko/proposals/{proposal.pk}/"
    assert response.cookies["django_language"].value == "ko"
    outside = client.get(reverse("core:switch_language", args=["en"]), {"next": "https://evil.example/"})
    assert outside["Location"] == "/"
    assert client.get(reverse("core:switch_language", args=["xx"])).status_code == 404


def test_server_timing_reports_time_and_queries(client, proposal, settings):
    settings.SERVER_TIMING = True
    miss = client.get(proposal.get_absolute_url())["Server-Timing"]
    hit = client.get(proposal.get_absolute_url())["Server-Timing"]
    assert miss.startswith("app;dur=") and 'queries"' in miss and 'desc="0 queries"' not in miss
    assert 'desc="0 queries"' in hit
    settings.SERVER_TIMING = False
    assert "Server-Timing" not in client.get(proposal.get_absolute_url())


def test_the_site_stays_up_when_the_cache_is_down(client, proposal, monkeypatch):
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "set", "set_many", "add"):
        monkeypatch.setattr(cache, method, unreachable)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200 and "X-Cache" not in response
