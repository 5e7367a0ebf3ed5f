"""Staff read and filter the audit log on /audit/ and download what they filtered as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ideas.audit.models import AuditEntry
from ideas.proposals import services

from .conftest import decide

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
URL = reverse("audit:log")
CSV_URL = reverse("audit:csv")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def history(staff, official, citizen, make_proposal, organisation):
    """A proposal hidden by staff, then one assigned and one declined by the official."""
    hidden = make_proposal(citizen, title='=HYPERLINK("http://evil.example")')
    services.moderation_hide(moderator=staff, reason="Spam", proposal=hidden)
    assigned = services.proposal_assign(
        proposal=make_proposal(citizen, title="Assigned"), actor=official, organisation=organisation
    )
    decided = decide(make_proposal(citizen, title="Declined"), official, "declined", "Already done.")
    return {"hidden": hidden, "assigned": assigned, "decided": decided}


def _rows(response):
    return [row.split("</tr>")[0] for row in response.content.decode().split("<tbody>", 1)[-1].split("<tr>")[1:]]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", "login"), ("citizen", 403), ("official", 403), ("other_official", 403), ("staff", 200)],
)
@pytest.mark.parametrize("url", [URL, CSV_URL], ids=["page", "csv"])
def test_only_staff_read_the_log(as_role, role, expected, url):
    client, _user = as_role(role)
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected


def test_an_empty_log_says_so(staff_client):
    content = staff_client.get(URL).content.decode()
    assert "Nothing has been recorded yet" in content and "<table" not in content


def test_entries_newest_first_with_who_what_and_links(staff_client, history, official, organisation):
    response = staff_client.get(URL)
    rows = _rows(response)
    assert len(rows) == 3
    assert "proposal decided" in rows[0] and "proposal assigned" in rows[1] and "content hidden" in rows[2]
    assert f"account {official.pk}" in rows[0] and f"for {organisation.name}" in rows[0]
    assert "Already done." in rows[0]
    assert f'href="{history["decided"].get_absolute_url()}"' in rows[0]
    # What citizens typed is shown inert.
    assert "=HYPERLINK(&quot;http://evil.example&quot;)" in rows[2]
    assert "3 entries" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "proposal.decide"}, ["Declined"]),
        ({"actor": "{official}"}, ["Declined", "Assigned"]),
        ({"actor": "#{staff}"}, ["HYPERLINK"]),
        ({"actor": "{official_email}"}, ["Declined", "Assigned"]),
        ({"organisation": "daegu"}, ["Declined", "Assigned"]),
        ({"object_type": "proposals.proposal", "object_id": "{decided}"}, ["Declined"]),
        ({"object_type": "pilots.pilot"}, []),
        ({"start": "{today}", "end": "{today}"}, ["Declined", "Assigned", "HYPERLINK"]),
        ({"start": "{tomorrow}"}, []),
        ({"end": "{yesterday}"}, []),
        ({"actor": "99999999999999999999999"}, []),
    ],
)
def test_filters(staff_client, history, staff, official, query, expected):
    today = timezone.localdate()
    values = {
        "official": official.pk,
        "staff": staff.pk,
        "official_email": official.email.upper(),
        "decided": history["decided"].pk,
        "today": today.isoformat(),
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "yesterday": (today - timedelta(days=1)).isoformat(),
    }
    response = staff_client.get(URL, {key: value.format(**values) for key, value in query.items()})
    assert response.status_code == 200
    rows = _rows(response) if expected else []
    assert len(rows) == len(expected)
    for row, title in zip(rows, expected, strict=True):
        assert title in row
    if not expected:
        assert "No entry matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "yesterday"}, "Enter a valid date."),
        ({"start": "2020-02-02", "end": "2020-02-01"}, "The end date is before the start date."),
        ({"start": "0001-01-01"}, "Give a date between the years 1900 and 9000."),
        ({"end": "9999-12-31"}, "Give a date between the years 1900 and 9000."),
        ({"action": "proposal.delete"}, "Select a valid choice."),
    ],
)
def test_bad_filters_get_a_clear_message_and_no_entries(staff_client, history, query, message):
    response = staff_client.get(URL, query)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "Correct the filters to see entries." in content
    assert "<tbody>" not in content
    assert staff_client.get(CSV_URL, query).status_code == 200  # an empty download, not an error


def test_pages_of_entries(staff_client, history, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 2}
    first = staff_client.get(URL, {"organisation": "", "page": 1})
    assert len(_rows(first)) == 2 and "Declined" in _rows(first)[0]
    assert 'aria-label="Page 2"' in first.content.decode()
    second = staff_client.get(URL, {"page": 2})
    assert len(_rows(second)) == 1 and "HYPERLINK" in _rows(second)[0]
    assert staff_client.get(URL, {"page": "999"}).status_code == 200  # the last page


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_has_the_filtered_entries(staff_client, history, official, organisation):
    rows = _csv(staff_client.get(CSV_URL, {"actor": str(official.pk)}))
    assert [row["action"] for row in rows] == ["proposal.decide", "proposal.assign"]
    decided = rows[0]
    assert decided["actor_account"] == str(official.pk) and decided["organisation"] == organisation.slug
    assert decided["object_type"] == "proposals.proposal" and decided["object_id"] == str(history["decided"].pk)
    assert decided["reason"] == "Already done." and '"to": "declined"' in decided["details"]
    everything = _csv(staff_client.get(CSV_URL))
    assert len(everything) == 3
    # A spreadsheet does not run what a citizen typed as a formula.
    assert everything[2]["object"] == '\'=HYPERLINK("http://evil.example")'


def test_the_page_is_linked_from_moderation(staff_client):
    assert f'href="{URL}"' in staff_client.get(reverse("proposals:moderation")).content.decode()


def test_the_page_in_korean(staff_client, history):
    response = staff_client.get("/ko/audit/")
    assert response.status_code == 200 and '<html lang="ko">' in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_log(staff_client, staff, official, citizen, make_proposal):
    def add(n):
        for i in range(n):
            proposal = make_proposal(citizen, title=f"Proposal {AuditEntry.objects.count()} {i}")
            services.moderation_hide(moderator=staff, reason="Spam", proposal=proposal)
            decide(make_proposal(citizen, title="Other"), official, "declined", "No.")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(URL).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(15)  # more than a page (of 20): more entries, actors, organisations, object types
    assert AuditEntry.objects.count() > 20
    assert queries() == few
