"""Atom feeds (/feeds/...), bulk downloads (/data/...) and how they are regenerated."""

import csv
import io
import json
from datetime import timedelta

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from ideas.api import exports, triggers
from ideas.api.models import DataExport
from ideas.api.tasks import regenerate_open_data
from ideas.proposals import services

from .conftest import decide
from .test_api import DRAFT_TITLE, HIDDEN_TITLE, SHOWN_AUTHOR, build_open_data_world


@pytest.fixture
def world(db, make_proposal, organisation, other_organisation, staff, official):
    return build_open_data_world(make_proposal, organisation, other_organisation, staff, official)


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def storage(settings, tmp_path):
    """Exports go to a temporary media folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def entries(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


# --- Feeds --------------------------------------------------------------------------------------


def test_new_proposals_feed(client, world):
    w = world
    feed, items = entries(client, "api:feed_proposals")
    titles = [item.findtext(f"{ATOM}title") for item in items]
    assert set(titles) == {w[k].title for k in ("submitted", "accepted", "declined", "merged")}
    assert DRAFT_TITLE not in titles and HIDDEN_TITLE not in titles
    accepted = items[titles.index(w["accepted"].title)]
    assert accepted.findtext(f"{ATOM}author/{ATOM}name") == SHOWN_AUTHOR
    submitted = items[titles.index(w["submitted"].title)]
    assert submitted.findtext(f"{ATOM}author/{ATOM}name") == "anonymous citizen"
    assert submitted.find(f"{ATOM}link").get("href") == f"http://testserver/proposals/{w['submitted'].pk}/"


def test_decisions_feed_has_status_changes_after_submission_with_reasons(client, world):
    w = world
    _feed, items = entries(client, "api:feed_decisions")
    titles = [item.findtext(f"{ATOM}title") for item in items]
    assert f"{w['declined'].title}: Declined" in titles
    assert f"{w['accepted'].title}: Accepted" in titles
    assert f"{w['merged'].title}: Merged" in titles
    assert not [title for title in titles if title.endswith(": Submitted")]  # submissions are the other feed
    declined = items[titles.index(f"{w['declined'].title}: Declined")]
    assert "Not feasible yet." in declined.findtext(f"{ATOM}summary")
    assert declined.findtext(f"{ATOM}author/{ATOM}name") == "Daegu Metropolitan City"
    ids = [item.findtext(f"{ATOM}id") for item in items]
    assert len(ids) == len(set(ids))


def test_feed_text_is_escaped(client, citizen, make_proposal):
    make_proposal(citizen, problem="<script>alert(1)</script> & more")
    response = client.get(reverse("api:feed_proposals"))
    summary = fromstring(response.content).find(f"{ATOM}entry/{ATOM}summary").text
    assert "<script>" not in summary and "&lt;script&gt;" in summary


def test_feeds_are_cacheable(client, world):
    response = client.get(reverse("api:feed_decisions"))
    assert response["Cache-Control"] == "public, max-age=60"
    again = client.get(reverse("api:feed_decisions"), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert client.post(reverse("api:feed_decisions")).status_code == 405


def test_feeds_are_limited(client, world, settings):
    settings.OPEN_DATA = {**settings.OPEN_DATA, "FEED_ITEMS": 2}
    _feed, items = entries(client, "api:feed_proposals")
    assert len(items) == 2


# --- Bulk downloads ------------------------------------------------------------------------------


def download(client, dataset, fmt, **headers):
    response = client.get(reverse("api:data_file", args=[dataset, fmt]), headers=headers)
    if response.status_code != 200:
        return response, None
    return response, b"".join(response.streaming_content)


def read_csv(body):
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for spreadsheets
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_command_writes_every_dataset_in_both_formats(client, world, storage):
    out = io.StringIO()
    call_command("regenerate_open_data", stdout=out)
    assert "18 files up to date." in out.getvalue()
    assert DataExport.objects.count() == len(exports.DATASETS) * len(exports.FORMATS) == 18
    for export in DataExport.objects.all():
        assert default_storage.exists(export.path)
        assert export.path.startswith("open-data/")
        response, body = download(client, export.dataset, export.format)
        assert response.status_code == 200
        assert len(body) == export.size
        assert response["Content-Disposition"] == f'inline; filename="fieldwork-{export.filename}"'


def test_proposals_csv_and_json(client, world, storage):
    w = world
    exports.regenerate()
    _response, body = download(client, "proposals", "csv")
    rows = {int(row["id"]): row for row in read_csv(body)}
    assert set(rows) == {w[k].pk for k in ("submitted", "accepted", "declined", "merged")}
    accepted = rows[w["accepted"].pk]
    assert accepted["author_name"] == SHOWN_AUTHOR
    assert accepted["status"] == "accepted" and accepted["category"] == "testing"
    assert accepted["pilot_ids"] == f"{w['running'].pk} {w['concluded'].pk}"
    assert rows[w["submitted"].pk]["author_name"] == ""
    assert rows[w["merged"].pk]["merged_into_id"] == str(w["submitted"].pk)

    response, body = download(client, "proposals", "json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body)
    assert data["dataset"] == "proposals" and data["count"] == 4
    by_id = {item["id"]: item for item in data["results"]}
    assert by_id[w["accepted"].pk]["reviews"][0]["reviewer"]["name"] is None
    assert by_id[w["accepted"].pk]["url"] == f"http://127.0.0.1:8000/api/v1/proposals/{w['accepted'].pk}/"


def test_pilot_measurements_and_timeline_csv(client, world, storage):
    w = world
    exports.regenerate()
    _response, body = download(client, "pilot-measurements", "csv")
    rows = [row for row in read_csv(body) if row["pilot_id"] == str(w["running"].pk)]
    assert [(row["iteration"], row["metric"], row["value"], row["target_reached"]) for row in rows] == [
        ("1", "Minutes per sample", "20.00", "false"),
        ("1", "People tested per day", "150.00", "false"),
        ("2", "Minutes per sample", "15.00", "false"),
        ("2", "People tested per day", "250.00", "false"),
    ]
    _response, body = download(client, "proposal-timeline", "csv")
    declined = [row for row in read_csv(body) if row["proposal_id"] == str(w["declined"].pk)]
    assert [(row["to_status"], row["organisation"], row["reason"]) for row in declined] == [
        ("submitted", "", ""),
        ("declined", "daegu", "Not feasible yet."),
    ]
    _response, body = download(client, "pilots", "json")
    pilots = {item["id"]: item for item in json.loads(body)["results"]}
    assert len(pilots[w["running"].pk]["iterations"]) == 2


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, citizen, make_proposal, storage):
    make_proposal(citizen, title='=HYPERLINK("http://evil.example")', problem="-2+3")
    exports.regenerate()
    _response, body = download(client, "proposals", "csv")
    [row] = read_csv(body)
    assert row["title"] == '\'=HYPERLINK("http://evil.example")'
    assert row["problem"] == "'-2+3"


def test_unchanged_data_keeps_the_file_and_its_etag(client, world, storage):
    exports.regenerate()
    before = DataExport.objects.get(dataset="proposals", format="csv")
    exports.regenerate()
    after = DataExport.objects.get(dataset="proposals", format="csv")
    assert after.path == before.path and after.sha256 == before.sha256
    assert after.generated_at > before.generated_at and after.changed_at == before.changed_at
    response, _body = download(client, "proposals", "csv")
    assert response["ETag"] == f'"{after.sha256}"'
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Last-Modified"]
    not_modified, _ = download(client, "proposals", "csv", **{"If-None-Match": response["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"] == "public, max-age=60"


def test_changed_data_gets_a_new_file_and_old_files_are_removed(client, world, storage, citizen, make_proposal):
    exports.regenerate()
    first = DataExport.objects.get(dataset="proposals", format="csv")
    make_proposal(citizen, title="A second wave of ideas")
    exports.regenerate()
    second = DataExport.objects.get(dataset="proposals", format="csv")
    assert second.path != first.path and second.previous_path == first.path
    assert second.rows == first.rows + 1
    assert default_storage.exists(first.path)  # kept one run, for downloads in flight
    make_proposal(citizen, title="A third wave of ideas")
    exports.regenerate()
    assert not default_storage.exists(first.path)
    response, _ = download(client, "proposals", "csv", **{"If-None-Match": f'"{first.sha256}"'})
    assert response.status_code == 200


def test_hiding_a_proposal_removes_it_from_the_next_export(client, world, storage, staff):
    w = world
    exports.regenerate()
    services.moderation_hide(moderator=staff, reason="Reveals personal data.", proposal=w["declined"])
    exports.regenerate()
    _response, body = download(client, "proposals", "csv")
    assert str(w["declined"].pk) not in {row["id"] for row in read_csv(body)}


def test_a_missing_export_is_not_found(client, db, storage):
    assert client.get(reverse("api:data_file", args=["proposals", "csv"])).status_code == 404
    assert client.get(reverse("api:data_file", args=["proposals", "xml"])).status_code == 404
    assert client.get("/data/nothing.csv").status_code == 404


def test_only_one_regeneration_runs_at_a_time(world, storage):
    from django.core.cache import cache

    cache.add(exports.LOCK_KEY, "1", 60)
    assert exports.regenerate() is None
    assert not DataExport.objects.exists()
    out = io.StringIO()
    call_command("regenerate_open_data", "--now", stdout=out)
    assert "nothing done" in out.getvalue()


def test_the_data_page_lists_files_sizes_and_times(client, world, storage):
    page = client.get(reverse("api:data"))
    assert page.status_code == 200
    assert "Not generated yet" in page.content.decode()
    exports.regenerate()
    html = client.get(reverse("api:data")).content.decode()
    for export in DataExport.objects.all():
        assert reverse("api:data_file", args=[export.dataset, export.format]) in html
    assert reverse("api:feed_proposals") in html and reverse("api:feed_decisions") in html
    assert 'type="application/atom+xml"' in html
    assert "Not generated yet" not in html


# --- When exports regenerate ----------------------------------------------------------------------


def test_on_the_embedded_default_changes_do_not_regenerate(django_capture_on_commit_callbacks, citizen, make_proposal):
    assert not triggers.can_defer()
    with django_capture_on_commit_callbacks() as callbacks:
        make_proposal(citizen)
    assert triggers._enqueue_once not in callbacks


@pytest.fixture
def deferring_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = regenerate_open_data.get_backend()
    backend.clear()
    return backend


def test_on_a_queue_changes_schedule_one_regeneration_a_little_later(
    deferring_queue, django_capture_on_commit_callbacks, citizen, make_proposal, staff, settings
):
    settings.OPEN_DATA = {**settings.OPEN_DATA, "REGENERATE_DELAY_SECONDS": 300}
    with django_capture_on_commit_callbacks(execute=True) as first:
        proposal = make_proposal(citizen)
    assert triggers._enqueue_once in first
    with django_capture_on_commit_callbacks(execute=True) as second:
        decide(proposal, staff, "under_review")
    assert triggers._enqueue_once in second  # asked again, but the pending run covers it
    scheduled = [r for r in deferring_queue.results if r.task.name == "regenerate_open_data"]
    assert len(scheduled) == 1
    delay = scheduled[0].task.run_after - scheduled[0].enqueued_at
    assert timedelta(seconds=299) < delay <= timedelta(seconds=301)


def test_on_a_queue_hiding_a_name_schedules_a_regeneration(
    deferring_queue, django_capture_on_commit_callbacks, citizen
):
    with django_capture_on_commit_callbacks(execute=True):
        citizen.save(update_fields=["last_login"])
    assert not deferring_queue.results
    citizen.show_name_publicly = False
    with django_capture_on_commit_callbacks(execute=True):
        citizen.save(update_fields=["show_name_publicly"])
    assert [r.task.name for r in deferring_queue.results] == ["regenerate_open_data"]


def test_the_command_enqueues_on_a_queue(deferring_queue, db):
    out = io.StringIO()
    call_command("regenerate_open_data", stdout=out)
    assert "Enqueued" in out.getvalue()
    assert [r.task.name for r in deferring_queue.results] == ["regenerate_open_data"]


def test_the_data_page_follows_the_language_switcher(client, db, storage):
    response = client.get(reverse("core:switch_language", args=["ko"]), {"next": reverse("api:data")})
    assert response.status_code == 302 and response["Location"] == reverse("api:data")
    page = client.get(reverse("api:data"))
    assert '<html lang="ko">' in page.content.decode()
    assert "Cookie" in page["Vary"] and "public" not in page.get("Cache-Control", "")


def test_the_licence_is_stated_wherever_data_leaves(client, db, settings):
    settings.OPEN_DATA_LICENCE = {"name": "KOGL Type 1", "url": "https://www.kogl.or.kr/info/licenseType1.do"}
    link = '<a class="usa-link" href="https://www.kogl.or.kr/info/licenseType1.do" rel="license">KOGL Type 1</a>'
    assert link in client.get(reverse("api:data")).content.decode()
    assert link in client.get(reverse("api:docs")).content.decode()
    feed = client.get(reverse("api:feed_proposals")).content.decode()
    assert "<rights>KOGL Type 1: https://www.kogl.or.kr/info/licenseType1.do</rights>" in feed
