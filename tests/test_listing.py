"""The public list: filters, sorts, search and pagination, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.accounts.models import Organisation
from ideas.proposals import services
from ideas.proposals.models import Category, Challenge, Proposal, Region

from .conftest import make_user, proposal_data

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["page"].object_list]


@pytest.fixture
def catalogue(category, region, expert, citizen):
    """Four public proposals with distinct categories, regions, supports and comments."""
    other_category = Category.objects.get(slug="supply-chain")
    other_region = Region.objects.get(slug="seoul")
    org = Organisation.objects.create(name="KDCA", slug="kdca", kind=Organisation.Kind.CENTRAL_AGENCY)
    challenge = Challenge.objects.create(title="Queues", description="d", owner=org, deadline="2099-12-31")

    def make(author, title, **extra):
        data = proposal_data(extra.pop("category", category), extra.pop("region", region), title=title, **extra)
        proposal = services.proposal_create(author=author, data=data)
        return services.proposal_submit(proposal=proposal, actor=author)

    a = make(expert, "Drive-through screening clinics")
    b = make(citizen, "Duplicate mask purchase check", category=other_category, region=other_region)
    c = make(citizen, "Open data for a case map", challenge=challenge)
    d = make(citizen, "Remote work for public offices", region=other_region)
    for _ in range(3):
        services.support_add(proposal=b, user=make_user())
    services.support_add(proposal=c, user=make_user())
    services.comment_add(proposal=d, author=expert, body="Yes")
    services.comment_add(proposal=d, author=expert, body="And more")
    services.proposal_create(author=citizen, data=proposal_data(category, region, title="A private draft"))
    return {"a": a, "b": b, "c": c, "d": d, "challenge": challenge}


def test_drafts_and_hidden_proposals_are_not_listed(client, catalogue, staff):
    services.moderation_hide(moderator=staff, reason="Spam", proposal=catalogue["a"])
    listed = titles(client.get(reverse("proposals:list")))
    assert "A private draft" not in listed and "Drive-through screening clinics" not in listed
    assert len(listed) == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "supply-chain"}, ["Duplicate mask purchase check"]),
        ({"region": "seoul", "sort": "newest"}, ["Remote work for public offices", "Duplicate mask purchase check"]),
        ({"experts": "on"}, ["Drive-through screening clinics"]),
        ({"status": "submitted", "region": "seoul", "category": "testing"}, ["Remote work for public offices"]),
        ({"status": "accepted"}, []),
    ],
)
def test_filters_combine(client, catalogue, params, expected):
    assert titles(client.get(reverse("proposals:list"), params)) == expected


def test_challenge_filter_and_challenge_page(client, catalogue):
    challenge = catalogue["challenge"]
    assert titles(client.get(reverse("proposals:list"), {"challenge": challenge.pk})) == ["Open data for a case map"]
    assert titles(client.get(challenge.get_absolute_url())) == ["Open data for a case map"]


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("supported", "Duplicate mask purchase check"),
        ("discussed", "Remote work for public offices"),
        ("newest", "Remote work for public offices"),
    ],
)
def test_sorts(client, catalogue, sort, first):
    assert titles(client.get(reverse("proposals:list"), {"sort": sort}))[0] == first


def test_recently_updated_sort_follows_activity(client, catalogue, expert):
    services.comment_add(proposal=catalogue["a"], author=expert, body="New activity")
    assert titles(client.get(reverse("proposals:list"), {"sort": "updated"}))[0] == "Drive-through screening clinics"


def test_invalid_filter_values_do_not_break_the_page(client, catalogue):
    response = client.get(reverse("proposals:list"), {"category": "nope", "status": "<x>", "page": "999", "sort": "?"})
    assert response.status_code == 200


def test_filters_are_kept_in_pagination_links(client, catalogue, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 1}
    body = client.get(reverse("proposals:list"), {"region": "seoul", "sort": "supported"}).content.decode()
    assert "region=seoul&amp;sort=supported&amp;page=2" in body


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def _add_proposals(n, category, region):
    author = make_user()
    for i in range(n):
        proposal = services.proposal_create(
            author=author, data=proposal_data(category, region, title=f"Proposal number {i}")
        )
        services.proposal_submit(proposal=proposal, actor=author)
        services.comment_add(proposal=proposal, author=author, body="c")


@pytest.mark.parametrize("logged_in", [False, True])
def test_list_query_count_does_not_grow_with_rows(client, category, region, settings, logged_in, citizen):
    if logged_in:
        client.force_login(citizen)
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 50}
    _add_proposals(2, category, region)
    few = _count_queries(client, reverse("proposals:list"), {"sort": "supported"})
    _add_proposals(25, category, region)
    many = _count_queries(client, reverse("proposals:list"), {"sort": "supported"})
    assert few == many


def test_proposal_page_query_count_does_not_grow(client, proposal, citizen, expert):
    client.force_login(citizen)
    services.comment_add(proposal=proposal, author=expert, body="one")
    few = _count_queries(client, proposal.get_absolute_url())
    for i in range(15):
        parent = services.comment_add(proposal=proposal, author=make_user(), body=f"c{i}")
        services.comment_add(proposal=proposal, author=expert, body="reply", parent=parent)
    many = _count_queries(client, proposal.get_absolute_url())
    assert few == many


def test_home_shows_recent_activity(client, catalogue):
    response = client.get(reverse("core:home"))
    assert "Open data for a case map" in [p.title for p in response.context["recent"]]
    assert [p.title for p in response.context["most_supported"]][0] == "Duplicate mask purchase check"
    assert response.context["totals"] == {"proposals": 4, "supports": 4, "accepted": 0, "pilots": 0}
    closed = Challenge.objects.create(
        title="Closed call", description="d", owner=catalogue["challenge"].owner, deadline="2020-01-01"
    )
    open_challenges = list(client.get(reverse("core:home")).context["open_challenges"])
    assert catalogue["challenge"] in open_challenges and closed not in open_challenges


def test_proposals_without_a_date_come_last_among_the_newest(client, citizen, make_proposal):
    # Imported petitions may have no date (docs/import.md); PostgreSQL would sort them first.
    undated = make_proposal(citizen, title="An undated imported petition")
    Proposal.objects.filter(pk=undated.pk).update(submitted_at=None)
    dated = make_proposal(citizen, title="A dated proposal")
    listed = [p.pk for p in client.get(reverse("proposals:list"), {"sort": "newest"}).context["page"].object_list]
    assert listed == [dated.pk, undated.pk]
    assert [p.pk for p in client.get(reverse("core:home")).context["recent"]] == [dated.pk, undated.pk]


@pytest.mark.parametrize("sort", ["newest", "supported", "discussed", "updated"])
@pytest.mark.parametrize("filters", [{}, {"experts": "on"}, {"region": "seoul"}, {"q": "mask"}])
def test_every_page_of_every_sort_lists_each_proposal_once_in_order(client, catalogue, settings, sort, filters):
    """Pages are read by id first, then by row: together they must be the whole sorted list."""
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 1}
    query = {"sort": sort, **filters}
    whole = client.get(reverse("proposals:list"), query).context["page"].paginator
    paged = []
    for number in whole.page_range:
        paged += titles(client.get(reverse("proposals:list"), {**query, "page": number}))
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 100}
    assert paged == titles(client.get(reverse("proposals:list"), query))
    assert len(paged) == whole.count


def _status_values(condition):
    """The states a Q names in its ``status__in`` lookups, however deeply nested."""
    found = set()
    for child in condition.children:
        if isinstance(child, tuple):
            found |= set(child[1]) if child[0] == "status__in" else set()
        else:
            found |= _status_values(child)
    return found


def test_the_index_conditions_name_the_states_the_model_names():
    """PUBLIC and IN_TRIAGE spell the states out (index conditions exist before the model
    class does): they must stay the states Proposal itself names."""
    from ideas.proposals.models import IN_TRIAGE, PUBLIC

    assert _status_values(PUBLIC) == {s.value for s in Proposal.PRIVATE_STATES}
    assert _status_values(IN_TRIAGE) - _status_values(PUBLIC) == {s.value for s in Proposal.TRIAGE_STATES}
