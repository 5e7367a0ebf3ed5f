"""The site search (/search/): proposals, pilots and standard models, in Korean and English."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.playbooks import services as playbook_services

from .conftest import publish

pytestmark = pytest.mark.django_db

KOREAN_TITLE = "대구 드라이브스루 선별진료소 시범운영"
KOREAN_HYPOTHESIS = "차에 탄 채로 검체를 채취하면 선별진료소의 대기 시간이 줄어든다."


def search(client, query, url=None):
    response = client.get(url or reverse("core:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def korean_model(publisher, concluded):
    concluded.title = KOREAN_TITLE
    concluded.hypothesis = KOREAN_HYPOTHESIS
    concluded.save()  # Wagtail's index follows the save
    page = playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    page.title = "드라이브스루 선별진료소 표준모델"
    return publish(page, publisher)


def test_finds_pilots_and_models_by_part_of_a_korean_word(client, korean_model):
    html = search(client, "선별진료")  # inside 선별진료소
    assert KOREAN_TITLE in html
    assert "드라이브스루 선별진료소 표준모델" in html
    assert "No pilot matches these words." not in html
    assert "No standard model matches these words." not in html


def test_finds_english_words_by_their_stem(client, concluded, publisher):
    publish(playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    html = search(client, "clinics hospitals")  # "Drive-through clinic at a university hospital"
    assert html.count("Drive-through clinic at a university hospital") == 2  # the pilot and its model
    assert "Pharmacies check duplicate mask purchases" not in html


def test_shows_public_proposals_and_links_to_the_full_list(client, citizen, make_proposal):
    for n in range(7):
        make_proposal(citizen, title=f"Mask vending machine number {n}")
    make_proposal(citizen, submit=False, title="Mask draft nobody should see")
    html = search(client, "mask")
    assert html.count("Mask vending machine number") == 5
    assert "Mask draft nobody should see" not in html
    assert "See all 7 matching proposals, with filters" in html
    assert f"{reverse('proposals:list')}?q=mask" in html


def test_unpublished_models_are_not_found(client, concluded, publisher):
    playbook_services.model_draft_from_pilot(pilot=concluded, actor=publisher)  # a draft, never published
    html = search(client, "university hospital")
    assert "No standard model matches these words." in html


def test_empty_and_punctuation_queries_are_answered_calmly(client):
    assert "Words to search for" in search(client, "")
    assert "Type a word to search for: letters or numbers." in search(client, '"); -- *')
    # Query syntax of FTS5 or tsquery is only a separator, never an operator.
    assert "No pilot matches these words." in search(client, '"drop" OR (table* NEAR/2 -x')


def test_nothing_found_says_so_for_every_kind(client):
    html = search(client, "zeppelin")
    for kind in ("proposal", "pilot", "standard model"):
        assert f"No {kind} matches these words." in html


def test_korean_search_on_the_model_index(client, korean_model):
    index_url = korean_model.get_parent().url
    assert "드라이브스루 선별진료소 표준모델" in search(client, "선별진료", url=index_url)
    assert "No standard model matches your search." in search(client, "마스크", url=index_url)


def test_query_count_does_not_grow_with_the_results(client, citizen, make_proposal, concluded, official, accepted):
    from .conftest import make_pilot_for

    def queries():
        with CaptureQueriesContext(connection) as context:
            search(client, "clinic")
        return len(context.captured_queries)

    make_proposal(citizen, title="Drive-through clinic for the elderly")
    search(client, "clinic")  # warm Wagtail's and the content types' caches
    few = queries()
    for n in range(4):
        make_proposal(citizen, title=f"Walk-in clinic {n}")
        make_pilot_for(official, concluded.lead_organisation, [accepted], title=f"Mobile clinic {n}")
    assert queries() == few


def test_the_home_page_offers_the_site_search_and_the_latest_models(client, korean_model):
    html = client.get(reverse("core:home")).content.decode()
    assert f'action="{reverse("core:search")}"' in html
    assert f'href="{korean_model.url}"' in html


def test_the_home_page_query_count_does_not_grow_with_the_data(client, citizen, make_proposal, official, accepted):
    from .conftest import make_pilot_for

    organisation = official.memberships.first().organisation

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("core:home")).status_code == 200
        return len(context.captured_queries)

    make_proposal(citizen)
    client.get(reverse("core:home"))  # warm Wagtail's caches
    few = queries()
    for n in range(4):
        make_proposal(citizen, title=f"Proposal {n}")
        make_pilot_for(official, organisation, [accepted], title=f"Pilot {n}")
    assert queries() == few
