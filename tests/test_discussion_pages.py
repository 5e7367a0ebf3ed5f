"""A long discussion is read page by page, and every link to a comment lands on it."""

import pytest
from django.urls import reverse

from ideas.proposals import services

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_discussion(proposal, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "COMMENT_THREADS_PER_PAGE": 3}
    author = make_user()
    return [services.comment_add(proposal=proposal, author=author, body=f"Thread {i}") for i in range(7)]


def bodies(response):
    return [comment.body for comment in response.context["threads"]]


def test_threads_are_shown_a_page_at_a_time_oldest_first(client, proposal, long_discussion):
    first = client.get(proposal.get_absolute_url())
    assert bodies(first) == ["Thread 0", "Thread 1", "Thread 2"]
    assert "7 comments" in first.text
    assert 'href="?comments=2#comments"' in first.text
    last = client.get(proposal.get_absolute_url(), {"comments": 3})
    assert bodies(last) == ["Thread 6"]


def test_a_page_number_out_of_range_shows_the_last_page(client, proposal, long_discussion):
    response = client.get(proposal.get_absolute_url(), {"comments": "999"})
    assert response.status_code == 200 and bodies(response) == ["Thread 6"]
    response = client.get(proposal.get_absolute_url(), {"comments": "x"})
    assert response.status_code == 200 and bodies(response) == ["Thread 0", "Thread 1", "Thread 2"]


def test_replies_stay_with_their_thread(client, proposal, long_discussion, other_citizen):
    services.comment_add(proposal=proposal, author=other_citizen, body="A reply", parent=long_discussion[4])
    page = client.get(proposal.get_absolute_url(), {"comments": 2})
    thread = next(c for c in page.context["threads"] if c.body == "Thread 4")
    assert [reply.body for reply in thread.thread_replies] == ["A reply"]


def test_a_comments_permalink_sends_to_its_page(client, proposal, long_discussion):
    response = client.get(long_discussion[4].get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{proposal.get_absolute_url()}?comments=2#comment-{long_discussion[4].pk}"
    response = client.get(long_discussion[0].get_absolute_url())
    assert response["Location"] == f"{proposal.get_absolute_url()}#comment-{long_discussion[0].pk}"


def test_a_permalink_to_a_comment_on_a_draft_is_not_found_for_others(client, draft, citizen, other_citizen):
    comment = services.comment_add(proposal=draft, author=citizen, body="Note to self")
    client.force_login(other_citizen)
    assert client.get(comment.get_absolute_url()).status_code == 404


def test_posting_a_reply_returns_to_the_page_of_its_thread(client, proposal, long_discussion, other_citizen):
    client.force_login(other_citizen)
    response = client.post(
        reverse("proposals:comment_create", args=[proposal.pk]), {"body": "Agreed", "parent": long_discussion[5].pk}
    )
    reply = proposal.comments.get(body="Agreed")
    assert response["Location"] == f"{proposal.get_absolute_url()}?comments=2#comment-{reply.pk}"
    assert "Agreed" in client.get(response["Location"]).text


def test_a_new_thread_is_found_on_the_last_page(client, proposal, long_discussion, other_citizen):
    client.force_login(other_citizen)
    response = client.post(reverse("proposals:comment_create", args=[proposal.pk]), {"body": "Latest"})
    latest = proposal.comments.get(body="Latest")
    assert response["Location"] == f"{proposal.get_absolute_url()}?comments=3#comment-{latest.pk}"
