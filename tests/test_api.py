"""The open-data API (/api/v1/): what it shows, filters, pages, query counts and caching.

``open_data_world`` builds a small world with every kind of object and every way data
must stay private; tests/test_api_schema.py and tests/test_open_data*.py use it too.
"""

import datetime
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.models import ExpertProfile, Organisation
from ideas.pilots import services as pilot_services
from ideas.playbooks import services as playbook_services
from ideas.playbooks.models import StandardModelPage
from ideas.proposals import services
from ideas.proposals.models import Challenge, Region

from .conftest import decide, make_pilot_for, make_user, record_iteration

# Distinctive, so that a test can look for them in any output.
HIDDEN_AUTHOR = "Quokka Hiddenname"
HIDDEN_EXPERT = "Wombat Secretreviewer"
HIDDEN_OFFICIAL = "Numbat Shadowofficial"
HIDDEN_COMMENTER = "Platypus Quietcommenter"
SHOWN_AUTHOR = "Citizen Shown Park"
DRAFT_TITLE = "Unfinished draft about zebra crossings"
HIDDEN_TITLE = "Spam about narwhal supplements"
HIDDEN_COMMENT = "A rude remark about pelicans"
HIDDEN_MODERATOR = "Echidna Quietmoderator"
MODEL_FEEDBACK = "Add a walk-through lane for people without cars."


def private_user(name, email, **kwargs):
    user = make_user(name=name, show_name=False, **kwargs)
    user.email = email
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def open_data_world(db, make_proposal, organisation, other_organisation, staff, official):
    return build_open_data_world(make_proposal, organisation, other_organisation, staff, official)


def build_open_data_world(make_proposal, organisation, other_organisation, staff, official):
    """Proposals in every public and private state, reviews, comments, supports, a
    challenge, a running and a concluded pilot, by people who hide their names."""
    organisation.region = Region.objects.get(slug="daegu")
    organisation.save(update_fields=["region"])
    official.display_name = HIDDEN_OFFICIAL
    official.show_name_publicly = False
    official.email = "numbat.official@private-gov.example"
    official.save(update_fields=["display_name", "show_name_publicly", "email"])
    hidden_author = private_user(HIDDEN_AUTHOR, "quokka.author@private-mail.example")
    hidden_expert = private_user(HIDDEN_EXPERT, "wombat.expert@private-mail.example")
    ExpertProfile.objects.create(
        user=hidden_expert, profession="Pharmacist", workplace="Daegu pharmacy", verified_at=timezone.now()
    )
    commenter = private_user(HIDDEN_COMMENTER, "platypus.commenter@private-mail.example")
    shown = make_user(name=SHOWN_AUTHOR, show_name=True)

    challenge = services.challenge_save(
        actor=official,
        data={
            "title": "Shorter queues at screening clinics",
            "description": "How could people be tested without waiting in crowded rooms?",
            "owner": organisation,
            "deadline": timezone.localdate() + timedelta(days=30),
        },
    )
    submitted = make_proposal(hidden_author, title="Drive-through screening clinics", challenge=challenge)
    accepted = decide(make_proposal(shown, title="Pharmacies check duplicate mask purchases"), official, "accepted")
    declined = decide(
        make_proposal(hidden_author, title="Test everyone every day"), official, "declined", "Not feasible yet."
    )
    merged = decide(
        make_proposal(hidden_author, title="Car-based testing"),
        official,
        "merged",
        "The same idea as the drive-through proposal.",
        merge_into=submitted,
    )
    draft = make_proposal(hidden_author, submit=False, title=DRAFT_TITLE)
    hidden = make_proposal(hidden_author, title=HIDDEN_TITLE)
    services.moderation_hide(moderator=staff, reason="Advertising.", proposal=hidden)

    services.review_save(
        proposal=accepted,
        reviewer=hidden_expert,
        data={
            "feasibility": "Pharmacies already use the system.",
            "risks": "Load.",
            "measures": "Queues.",
            "rating": 5,
        },
    )
    services.support_add(proposal=submitted, user=commenter)
    services.support_add(proposal=accepted, user=hidden_expert)
    services.comment_add(proposal=submitted, author=commenter, body="Good idea, my clinic could do this.")
    rude = services.comment_add(proposal=submitted, author=commenter, body=HIDDEN_COMMENT)
    services.moderation_hide(moderator=staff, reason="Rude.", comment=rude)

    running = make_pilot_for(
        official, organisation, [accepted], iterations=2, partner_organisations=[other_organisation]
    )
    concluded = make_pilot_for(official, organisation, [accepted], iterations=1, title="Mask purchase check pilot")
    concluded = pilot_services.pilot_conclude(
        pilot=concluded, actor=official, outcome="standardised", summary="Works.", concluded_on=date(2020, 3, 9)
    )
    model = publish_model(concluded, staff)
    adoption = playbook_services.adoption_record(
        page=model,
        actor=official,
        organisation=organisation,
        data={
            "status": "operating",
            "started_on": date(2020, 3, 10),
            "local_adaptations": "Two lanes at the stadium.",
            "feedback": MODEL_FEEDBACK,
        },
    )
    playbook_services.feedback_mark_addressed(adoption=adoption, version=model.versions.get(), actor=staff)
    unpublished = playbook_services.model_draft_from_pilot(pilot=concluded, actor=staff)
    return {
        "challenge": challenge,
        "submitted": submitted,
        "accepted": accepted,
        "declined": declined,
        "merged": merged,
        "draft": draft,
        "hidden": hidden,
        "running": running,
        "concluded": concluded,
        "organisation": organisation,
        "other_organisation": other_organisation,
        "hidden_author": hidden_author,
        "hidden_expert": hidden_expert,
        "shown": shown,
        "model": model,
        "unpublished_model": unpublished,
        "adoption": adoption,
    }


def publish_model(pilot, staff, moderator=None):
    """A standard model drafted from ``pilot`` and published by a moderator who hides their name."""
    if moderator is None:
        moderator = private_user(HIDDEN_MODERATOR, "echidna.moderator@private-gov.example")
        moderator.groups.add(Group.objects.get(name="Moderators"))
    page = playbook_services.model_draft_from_pilot(pilot=pilot, actor=staff)
    page.save_revision(user=staff).publish(user=moderator)
    return StandardModelPage.objects.get(pk=page.pk)


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
    return response.json()


def ids(page):
    return [item["id"] for item in page["results"]]


# --- What is public ----------------------------------------------------------------------------


def test_proposals_are_the_public_ones_with_timeline_and_support_count(client, open_data_world):
    w = open_data_world
    page = get_json(client, reverse("api:proposal_list"))
    assert set(ids(page)) == {w[k].pk for k in ("submitted", "accepted", "declined", "merged")}
    assert page["count"] == 4
    submitted = next(item for item in page["results"] if item["id"] == w["submitted"].pk)
    assert submitted["support_count"] == 1
    assert [entry["to_status"] for entry in submitted["timeline"]] == ["submitted"]
    assert submitted["challenge"]["id"] == w["challenge"].pk
    assert submitted["web_url"] == f"http://testserver/proposals/{w['submitted'].pk}/"
    declined = next(item for item in page["results"] if item["id"] == w["declined"].pk)
    assert declined["timeline"][-1] == {
        "from_status": "submitted",
        "to_status": "declined",
        "reason": "Not feasible yet.",
        "organisation": {
            "id": w["organisation"].pk,
            "url": f"http://testserver/api/v1/organisations/{w['organisation'].pk}/",
            "slug": "daegu",
            "name": "Daegu Metropolitan City",
        },
        "created_at": declined["timeline"][-1]["created_at"],
    }
    merged = next(item for item in page["results"] if item["id"] == w["merged"].pk)
    assert merged["merged_into"] == w["submitted"].pk


def test_drafts_and_hidden_proposals_are_not_found(client, open_data_world):
    for key in ("draft", "hidden"):
        response = client.get(reverse("api:proposal_detail", args=[open_data_world[key].pk]))
        assert response.status_code == 404


def test_proposal_detail_has_reviews_and_shows_names_only_when_chosen(client, open_data_world):
    w = open_data_world
    accepted = get_json(client, reverse("api:proposal_detail", args=[w["accepted"].pk]))
    assert accepted["author"] == {
        "name": SHOWN_AUTHOR,
        "account_deleted": False,
        "field_expert": False,
        "profession": "",
    }
    assert accepted["pilots"] == sorted([w["running"].pk, w["concluded"].pk])
    [review] = accepted["reviews"]
    assert review["reviewer"] == {
        "name": None,
        "account_deleted": False,
        "field_expert": True,
        "profession": "Pharmacist",
    }
    assert review["rating"] == 5
    submitted = get_json(client, reverse("api:proposal_detail", args=[w["submitted"].pk]))
    assert submitted["author"]["name"] is None
    assert "reviews" in submitted and "reviews" not in get_json(client, reverse("api:proposal_list"))["results"][0]


def test_pilots_have_metrics_iterations_and_measurements(client, open_data_world):
    w = open_data_world
    pilot = get_json(client, reverse("api:pilot_detail", args=[w["running"].pk]))
    assert pilot["status"] == "running" and pilot["outcome"] is None
    assert pilot["lead_organisation"]["slug"] == "daegu"
    assert [org["slug"] for org in pilot["partner_organisations"]] == ["busan"]
    assert pilot["proposals"] == [w["accepted"].pk]
    assert pilot["sites"] == ["Kyungpook National University Hospital", "Goyang stadium"]
    assert [(m["name"], m["baseline"], m["target"], m["direction"]) for m in pilot["metrics"]] == [
        ("Minutes per sample", 30.0, 10.0, "lower"),
        ("People tested per day", 100.0, 400.0, "higher"),
    ]
    metric_ids = [m["id"] for m in pilot["metrics"]]
    assert [it["number"] for it in pilot["iterations"]] == [1, 2]
    assert pilot["iterations"][1]["measurements"] == [
        {"metric": metric_ids[0], "value": 15.0},
        {"metric": metric_ids[1], "value": 250.0},
    ]
    concluded = get_json(client, reverse("api:pilot_detail", args=[w["concluded"].pk]))
    assert concluded["outcome"] == "standardised" and concluded["concluded_on"] == "2020-03-09"


def test_a_pilot_lists_only_its_public_proposals(client, open_data_world, staff):
    w = open_data_world
    services.moderation_hide(moderator=staff, reason="Personal data.", proposal=w["accepted"])
    pilot = get_json(client, reverse("api:pilot_detail", args=[w["running"].pk]))
    assert pilot["proposals"] == []
    assert get_json(client, reverse("api:pilot_list"), proposal=w["accepted"].pk)["count"] == 0


def test_challenges_count_public_proposals(client, open_data_world):
    w = open_data_world
    challenge = get_json(client, reverse("api:challenge_detail", args=[w["challenge"].pk]))
    assert challenge["proposal_count"] == 1
    assert challenge["is_open"] is True
    assert challenge["owner"]["slug"] == "daegu"


def test_organisations(client, open_data_world):
    page = get_json(client, reverse("api:organisation_list"))
    assert [item["slug"] for item in page["results"]] == ["busan", "daegu"]
    daegu = get_json(client, reverse("api:organisation_detail", args=[open_data_world["organisation"].pk]))
    assert daegu["kind"] == "local_government"
    region = Region.objects.get(slug="daegu")
    assert daegu["region"] == {"slug": "daegu", "name_en": region.name_en, "name_ko": region.name_ko}


def test_root_links_every_collection(client, db):
    root = get_json(client, reverse("api:root"))
    for name in ("challenges", "proposals", "pilots", "organisations", "standard_models", "adoptions"):
        assert get_json(client, root[name])["count"] == 0
    assert client.get(root["schema"]).status_code == 200
    assert client.get(root["documentation"]).status_code == 200


def test_the_api_is_read_only(client, open_data_world):
    url = reverse("api:proposal_list")
    assert client.post(url, {"title": "x"}, content_type="application/json").status_code == 405
    detail = reverse("api:proposal_detail", args=[open_data_world["submitted"].pk])
    assert client.delete(detail).status_code == 405


def test_a_signed_in_user_sees_the_same_public_data(client, open_data_world):
    """No session is read: a draft's author does not see it through the API either."""
    client.force_login(open_data_world["hidden_author"])
    response = client.get(reverse("api:proposal_detail", args=[open_data_world["draft"].pk]))
    assert response.status_code == 404
    assert "Cookie" not in response.get("Vary", "")


def test_standard_models_are_the_published_ones_with_versions_and_adoptions(client, open_data_world):
    w = open_data_world
    page = get_json(client, reverse("api:standard_model_list"))
    assert ids(page) == [w["model"].pk]
    model = get_json(client, reverse("api:standard_model_detail", args=[w["model"].pk]))
    assert model == page["results"][0]
    assert model["pilot"] == {
        "id": w["concluded"].pk,
        "url": f"http://testserver/api/v1/pilots/{w['concluded'].pk}/",
        "title": "Mask purchase check pilot",
    }
    assert model["web_url"] == f"http://testserver/models/{w['model'].slug}/"
    assert model["summary"] == "<p>Works.</p>"
    assert model["current_version"] == 1
    assert [v["number"] for v in model["versions"]] == [1]
    assert model["adoption_count"] == model["active_adoption_count"] == 1
    assert model["procedure"][0].keys() == {"who", "what", "duration", "resources"}
    assert model["requirements"][0].keys() == {"kind", "description"}
    assert "published_by" not in str(model)
    response = client.get(reverse("api:standard_model_detail", args=[w["unpublished_model"].pk]))
    assert response.status_code == 404


def test_links_between_pages_in_rich_text_are_plain_addresses(client, open_data_world):
    model = open_data_world["model"]
    index = model.get_parent()
    model.summary = f'<p>See <a linktype="page" id="{index.pk}">all models</a>.</p>'
    model.change_note = "Link to the other models"
    model.save_revision().publish()
    data = get_json(client, reverse("api:standard_model_detail", args=[model.pk]))
    assert data["summary"] == f'<p>See <a href="{index.url}">all models</a>.</p>'
    assert data["procedure"][0]["what"].startswith("<p>")


def test_adoptions_with_versions_and_feedback(client, open_data_world):
    w = open_data_world
    page = get_json(client, reverse("api:adoption_list"))
    [adoption] = page["results"]
    assert adoption["standard_model"] == w["model"].pk
    assert adoption["organisation"]["id"] == w["organisation"].pk
    assert adoption["organisation"]["name"] == w["organisation"].name
    assert adoption["status"] == "operating"
    assert adoption["feedback"] == MODEL_FEEDBACK
    assert adoption["version"] == adoption["feedback_addressed_in"] == 1
    assert get_json(client, reverse("api:adoption_detail", args=[adoption["id"]])) == adoption


def test_standard_model_and_adoption_filters(client, open_data_world):
    w = open_data_world
    models = reverse("api:standard_model_list")
    assert ids(get_json(client, models, pilot=w["concluded"].pk)) == [w["model"].pk]
    assert ids(get_json(client, models, pilot=w["running"].pk)) == []
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert ids(get_json(client, models, updated_since=future)) == []
    adoptions = reverse("api:adoption_list")
    assert ids(get_json(client, adoptions, standard_model=w["model"].pk)) == [w["adoption"].pk]
    assert ids(get_json(client, adoptions, organisation="busan")) == []
    assert ids(get_json(client, adoptions, status="retired")) == []
    assert ids(get_json(client, adoptions, status="operating")) == [w["adoption"].pk]


# --- Filters, ordering and pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "accepted"}, ["accepted"]),
        ({"status": ["declined", "merged"]}, ["declined", "merged"]),
        ({"category": "testing"}, ["submitted", "accepted", "declined", "merged"]),
        ({"category": "contact-tracing"}, []),
        ({"region": "daegu"}, ["submitted", "accepted", "declined", "merged"]),
        ({"assigned_organisation": "daegu"}, ["accepted", "declined", "merged"]),
        ({"field_expert": "true"}, []),
        ({"field_expert": "false"}, ["submitted", "accepted", "declined", "merged"]),
    ],
)
def test_proposal_filters(client, open_data_world, params, expected):
    page = get_json(client, reverse("api:proposal_list"), **params)
    assert set(ids(page)) == {open_data_world[key].pk for key in expected}


def test_proposals_by_challenge_and_updated_since(client, open_data_world):
    w = open_data_world
    page = get_json(client, reverse("api:proposal_list"), challenge=w["challenge"].pk)
    assert ids(page) == [w["submitted"].pk]
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert get_json(client, reverse("api:proposal_list"), updated_since=later)["count"] == 0
    earlier = (timezone.now() - timedelta(days=1)).isoformat()
    assert get_json(client, reverse("api:proposal_list"), updated_since=earlier)["count"] == 4


def test_updated_since_takes_any_offset_iso_8601_allows(client, open_data_world):
    # PostgreSQL refuses offsets beyond ±15:59; Python's parser takes up to ±23:59.
    day_before = timezone.now().astimezone(datetime.timezone(timedelta(hours=22, minutes=35))) - timedelta(days=1)
    assert get_json(client, reverse("api:proposal_list"), updated_since=day_before.isoformat())["count"] == 4
    for url in (reverse("api:pilot_list"), reverse("api:standard_model_list")):
        assert client.get(url, {"updated_since": "3048-09-23T22:46:14+22:35"}).status_code == 200
    beyond_time = client.get(reverse("api:proposal_list"), {"updated_since": "9999-12-31T23:00:00-05:00"})
    assert beyond_time.status_code == 400 and "updated_since" in beyond_time.json()


def test_a_bad_filter_value_is_a_400_that_says_why(client, open_data_world):
    response = client.get(reverse("api:proposal_list"), {"status": "draft"})
    assert response.status_code == 400
    assert "status" in response.json()
    assert client.get(reverse("api:proposal_list"), {"updated_since": "yesterday"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "running"}, ["running"]),
        ({"status": ["running", "concluded"]}, ["running", "concluded"]),
        ({"outcome": "standardised"}, ["concluded"]),
        ({"organisation": "busan"}, ["running"]),
        ({"organisation": "daegu"}, ["running", "concluded"]),
        ({"lead_organisation": "busan"}, []),
        ({"category": "testing"}, ["running", "concluded"]),
    ],
)
def test_pilot_filters(client, open_data_world, params, expected):
    page = get_json(client, reverse("api:pilot_list"), **params)
    assert set(ids(page)) == {open_data_world[key].pk for key in expected}


def test_challenge_and_organisation_filters(client, open_data_world):
    assert get_json(client, reverse("api:challenge_list"), open="true")["count"] == 1
    assert get_json(client, reverse("api:challenge_list"), open="false")["count"] == 0
    assert get_json(client, reverse("api:challenge_list"), owner="busan")["count"] == 0
    assert get_json(client, reverse("api:organisation_list"), region="daegu")["count"] == 1
    assert get_json(client, reverse("api:organisation_list"), kind="central_agency")["count"] == 0


def test_ordering_is_stable_and_ties_break_by_id(client, open_data_world, make_proposal):
    w = open_data_world
    page = get_json(client, reverse("api:proposal_list"), ordering="-support_count")
    counts = [item["support_count"] for item in page["results"]]
    assert counts == sorted(counts, reverse=True)
    zeros = [item["id"] for item in page["results"] if item["support_count"] == 0]
    assert zeros == sorted(zeros, reverse=True)
    page = get_json(client, reverse("api:proposal_list"), ordering="id")
    assert ids(page) == sorted(w[k].pk for k in ("submitted", "accepted", "declined", "merged"))


def test_pages(client, open_data_world, make_proposal, citizen):
    for n in range(3):
        make_proposal(citizen, title=f"Extra {n}")
    first = get_json(client, reverse("api:proposal_list"), page_size=3)
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    second = get_json(client, first["next"])
    third = get_json(client, second["next"])
    assert third["next"] is None
    seen = ids(first) + ids(second) + ids(third)
    assert len(seen) == len(set(seen)) == 7
    assert client.get(reverse("api:proposal_list"), {"page": 99}).status_code == 404


def test_page_size_is_capped(client, db, settings):
    for n in range(3):
        Organisation.objects.create(name=f"Organisation {n}", slug=f"org-{n}", kind="local_government")
    from ideas.api.pagination import OpenDataPagination

    assert OpenDataPagination.max_page_size == 200 and OpenDataPagination.page_size == 50
    page = get_json(client, reverse("api:organisation_list"), page_size=10_000)
    assert len(page["results"]) == 3


# --- A fixed number of queries -------------------------------------------------------------------

LIST_QUERIES = {
    # count, the page's ids, rows, timeline, pilots
    "api:proposal_list": 5,
    # count, rows, partners, metrics, iterations, measurements, public proposals
    "api:pilot_list": 7,
    # count, rows with owner and proposal counts
    "api:challenge_list": 2,
    # count, rows with region
    "api:organisation_list": 2,
    # view restrictions, count, rows with pilot and adoption counts, versions, the site (page addresses)
    "api:standard_model_list": 5,
    # view restrictions, count, rows with organisation and versions
    "api:adoption_list": 3,
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_more(world, make_proposal, official, staff):
    organisation = world["organisation"]
    moderator = make_user(name="Another moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    for n in range(3):
        proposal = make_proposal(world["hidden_author"], title=f"More {n}", challenge=world["challenge"])
        decide(proposal, official, "accepted")
        services.review_save(
            proposal=proposal,
            reviewer=world["hidden_expert"],
            data={"feasibility": "Yes.", "risks": "Some.", "measures": "Time.", "rating": 4},
        )
        pilot = make_pilot_for(
            official, organisation, [proposal], iterations=2, partner_organisations=[world["other_organisation"]]
        )
        record_iteration(pilot, official, values=(5, 500))
        Challenge.objects.create(title=f"Challenge {n}", description="?", owner=organisation, deadline="2099-01-01")
        Organisation.objects.create(name=f"City {n}", slug=f"city-{n}", kind="local_government")
        concluded = pilot_services.pilot_conclude(
            pilot=pilot, actor=official, outcome="standardised", summary="Works.", concluded_on=date(2020, 4, 1)
        )
        model = publish_model(concluded, staff, moderator)
        model.change_note = "Shorter steps."
        model.save_revision(user=staff).publish(user=moderator)
        playbook_services.adoption_record(
            page=model,
            actor=official,
            organisation=organisation,
            data={"status": "planned", "started_on": date(2020, 5, 1), "local_adaptations": "", "feedback": ""},
        )


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_each_list_costs_a_fixed_number_of_queries(client, open_data_world, make_proposal, official, staff, name):
    url = reverse(name)
    queries_for(client, url)  # the first request fills Wagtail's cache of site root paths
    before = queries_for(client, url)
    add_more(open_data_world, make_proposal, official, staff)
    queries_for(client, url)  # new pages reset that cache: warm it again
    after = queries_for(client, url)
    assert before == after == LIST_QUERIES[name]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("api:proposal_detail", "accepted"),
        ("api:pilot_detail", "running"),
        ("api:standard_model_detail", "model"),
        ("api:adoption_detail", "adoption"),
    ],
)
def test_details_cost_a_fixed_number_of_queries(client, open_data_world, make_proposal, official, staff, name, key):
    url = reverse(name, args=[open_data_world[key].pk])
    queries_for(client, url)  # the first request fills Wagtail's cache of site root paths
    before = queries_for(client, url)
    add_more(open_data_world, make_proposal, official, staff)
    queries_for(client, url)  # new pages reset that cache: warm it again
    assert queries_for(client, url) == before


# --- Caching -------------------------------------------------------------------------------------


def test_responses_are_cacheable_with_an_etag_and_answer_304(client, open_data_world, make_proposal, citizen):
    url = reverse("api:proposal_list")
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == "public, max-age=60"
    make_proposal(citizen, title="Something new")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_errors_are_not_cached(client, db):
    response = client.get(reverse("api:proposal_detail", args=[999]))
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_cache_lifetime_is_a_setting(client, db, settings):
    settings.OPEN_DATA = {**settings.OPEN_DATA, "CACHE_SECONDS": 300}
    assert client.get(reverse("api:root"))["Cache-Control"] == "public, max-age=300"
