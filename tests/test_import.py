"""manage.py import_proposals (docs/import.md): documented columns, mappings, dry run, the
error report, all-or-nothing, idempotent re-runs, gzip, search, the provenance note and
what the API says. Fixtures are small CSVs written here, never copies of the shared data."""

import csv
import gzip
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from ideas.proposals import selectors
from ideas.proposals.models import Proposal, StatusChange, Support
from ideas.search.models import SearchIndex

from .conftest import ensure_reference_data

pytestmark = pytest.mark.django_db

HEADER = ["id", "title", "body", "category", "created_at", "ended_at", "supports", "status", "source", "lang", "url"]
KO_CLOSED = {
    "id": "bh-101",
    "title": "공적 마스크 중복 구매를 막아 주세요",
    "body": "약국마다 공적마스크를 여러 번 사는 사람이 있습니다.\n구매 이력을 확인하게 해 주세요.",
    "category": "기타",
    "created_at": "2020-03-01",
    "ended_at": "2020-03-31",
    "supports": "1,234",
    "status": "청원종료",
    "source": "korkeep/BlueHouse",
    "lang": "ko",
    "url": "https://www1.president.go.kr/petitions/101",
}
KO_OPEN = {
    **KO_CLOSED,
    "id": "bh-102",
    "title": "드라이브스루 선별진료소를 늘려 주세요",
    "body": "차에 탄 채로 검사를 받으면 대기 중 감염이 줄어듭니다.",
    "category": "보건복지",
    "status": "청원진행중",
    "supports": "",
    "url": "https://www1.president.go.kr/petitions/102",
}
EN_CLOSED = {
    "id": "wtp-1",
    "title": "Publish open data on clinic waiting times",
    "body": "Waiting times at clinics are not published, so people cannot choose a shorter queue.",
    "category": "Health Care,Civil Rights & Equality",
    "created_at": "",
    "ended_at": "30",
    "supports": "5390",
    "status": "Reviewed",
    "source": "xsunfeng/petition",
    "lang": "en",
    "url": "",
}


@pytest.fixture(autouse=True)
def _reference_data():
    ensure_reference_data()


def write_csv(path, rows, header=HEADER, gz=False):
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*args):
    out = io.StringIO()
    call_command("import_proposals", *map(str, args), stdout=out)
    return out.getvalue()


def refused(*args):
    out = io.StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("import_proposals", *map(str, args), stdout=out)
    return out.getvalue(), str(refusal.value)


def counts():
    return Proposal.objects.count(), StatusChange.objects.count(), SearchIndex.objects.count()


def test_the_documented_columns_become_a_proposal_with_its_provenance_and_timeline(tmp_path):
    path = write_csv(tmp_path / "petitions.csv", [KO_CLOSED, KO_OPEN, EN_CLOSED])
    output = run(path)
    assert "3 were created" in output

    closed = Proposal.objects.get(source="korkeep/BlueHouse", source_id="bh-101")
    assert closed.title == KO_CLOSED["title"]
    assert closed.problem == KO_CLOSED["body"]  # line breaks kept
    assert closed.solution == ""
    assert closed.category.slug == "other"  # 기타 is the Korean name of "other"
    assert closed.region.slug == "nationwide"
    assert closed.language == "ko"
    assert closed.status == Proposal.Status.DECLINED
    assert closed.source_url == KO_CLOSED["url"]
    assert closed.imported_support_count == 1234
    assert closed.support_count == 0 and not Support.objects.exists()  # never faked as supports
    seoul = ZoneInfo(settings.TIME_ZONE)
    assert closed.submitted_at == datetime(2020, 3, 1, 12, tzinfo=seoul)
    assert closed.created_at == closed.submitted_at
    assert closed.response_due_at is None and closed.first_response_at is None
    assert closed.imported_at is not None
    timeline = list(closed.timeline.order_by("created_at", "pk"))
    assert [(e.from_status, e.to_status) for e in timeline] == [("", "submitted"), ("submitted", "declined")]
    assert timeline[1].created_at == datetime(2020, 3, 31, 12, tzinfo=seoul)
    assert "청원종료" in timeline[1].reason and "Fieldwork에서 공무원이 결정한 것이 아닙니다" in timeline[1].reason

    author = closed.author
    assert author.display_name == "korkeep/BlueHouse (imported)"
    assert not author.is_active and not author.has_usable_password()
    assert author.email.endswith("@import.invalid")

    opened = Proposal.objects.get(source_id="bh-102")
    assert opened.status == Proposal.Status.SUBMITTED
    assert opened.imported_support_count is None  # empty: unknown
    assert [e.to_status for e in opened.timeline.all()] == ["submitted"]
    assert opened.author == author

    english = Proposal.objects.get(source_id="wtp-1")
    assert english.language == "en" and english.status == Proposal.Status.DECLINED
    assert english.submitted_at is None  # no date in the file: none invented
    assert english.category.slug == "other"
    assert "Reviewed" in english.timeline.last().reason and "Officials did not decide" in english.timeline.last().reason


def test_categories_follow_the_map_then_fieldwork_names_then_the_default(tmp_path):
    mapping = write_csv(tmp_path / "map.csv", [{"from": "보건복지", "to": "care-capacity"}], header=["from", "to"])
    rows = [
        KO_OPEN,
        {**KO_CLOSED, "category": "Testing and diagnosis"},
        {**EN_CLOSED, "category": "Budget & Taxes,Supply chain"},
        {**EN_CLOSED, "id": "wtp-2", "category": "Space"},
    ]
    output = run(write_csv(tmp_path / "p.csv", rows), "--category-map", mapping, "--default-category", "information")
    slugs = dict(Proposal.objects.values_list("source_id", "category__slug"))
    assert slugs == {"bh-102": "care-capacity", "bh-101": "testing", "wtp-1": "supply-chain", "wtp-2": "information"}
    assert "category" in output and "“Space”" in output  # the unknown value is reported


def test_statuses_are_mapped_and_an_unknown_status_refuses_the_file(tmp_path):
    rows = [{**KO_CLOSED, "status": "Implemented"}]
    output, message = refused(write_csv(tmp_path / "p.csv", rows))
    assert "status: “Implemented” is not a known status" in output
    assert not Proposal.objects.exists()

    status_map = write_csv(tmp_path / "s.csv", [{"from": "implemented", "to": "accepted"}], header=["from", "to"])
    run(tmp_path / "p.csv", "--status-map", status_map)
    assert Proposal.objects.get().status == Proposal.Status.ACCEPTED


def test_a_dry_run_validates_and_reports_but_writes_nothing(tmp_path):
    before = counts()
    output = run(write_csv(tmp_path / "p.csv", [KO_CLOSED, KO_OPEN]), "--dry-run")
    assert "2 would be created" in output and "Dry run: nothing was written." in output
    assert counts() == before
    assert not Proposal.objects.exists()


def test_invalid_rows_are_reported_by_row_id_column_and_nothing_is_imported(tmp_path):
    rows = [
        KO_CLOSED,
        {**KO_OPEN, "created_at": "2020-13-45"},
        {**KO_OPEN, "id": "bh-103", "title": ""},
        {**KO_OPEN, "id": "bh-104", "supports": "many"},
        {**KO_OPEN, "id": "bh-101"},  # the same old id again
        {**KO_OPEN, "id": "bh-105", "url": "javascript:alert(1)"},
    ]
    path = write_csv(tmp_path / "p.csv", rows)
    errors = tmp_path / "errors.csv"
    output, message = refused(path, "--errors", errors)
    assert "5 invalid rows: nothing was imported" in message
    assert "row 3 (id bh-102), created_at: “2020-13-45” is not a date" in output
    assert "row 4 (id bh-103), title: empty" in output
    assert "row 5 (id bh-104), supports: “many” is not a whole number" in output
    assert "row 6 (id bh-101), id: “bh-101” appears again (first on row 2)" in output
    assert "row 7 (id bh-105), url:" in output
    assert counts() == (0, 0, 0)
    with open(errors, encoding="utf-8", newline="") as f:
        report = list(csv.DictReader(f))
    assert {"row": "4", "id": "bh-103", "column": "title", "level": "error", "message": "empty"} in report

    # With --skip-invalid the valid row is imported and the others are still reported.
    output = run(path, "--skip-invalid")
    assert "1 were created" in output and "row 4 (id bh-103), title: empty" in output
    assert list(Proposal.objects.values_list("source_id", flat=True)) == ["bh-101"]


def test_an_unreadable_file_or_missing_columns_import_nothing(tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("id,title,body,status\n1,Caf\xe9,Text,closed\n".encode("latin-1"))
    _output, message = refused(latin, "--source", "old")
    assert "not UTF-8" in message
    _output, message = refused(write_csv(tmp_path / "p.csv", [KO_CLOSED], header=["id", "body", "status"]))
    assert "missing column(s) title" in message
    _output, message = refused(write_csv(tmp_path / "q.csv", [KO_CLOSED], header=["id", "title", "body", "status"]))
    assert "--source" in message
    assert not Proposal.objects.exists()


def test_a_rerun_changes_nothing_and_update_applies_changed_rows(tmp_path):
    path = write_csv(tmp_path / "p.csv", [KO_CLOSED, KO_OPEN, EN_CLOSED])
    run(path)
    before = counts()
    stamps = dict(Proposal.objects.values_list("pk", "updated_at"))
    output = run(path)
    assert "0 were created" in output and "3 already imported" in output
    assert counts() == before and dict(Proposal.objects.values_list("pk", "updated_at")) == stamps

    # The old system moved on: a new title, more supports, and the open petition closed.
    changed = [
        {**KO_CLOSED, "title": "공적 마스크 중복 구매 확인", "supports": "2000"},
        {**KO_OPEN, "status": "청원종료"},
        EN_CLOSED,
    ]
    path = write_csv(tmp_path / "p2.csv", changed)
    output = run(path)  # without --update: left as they are
    assert "3 already imported" in output
    output = run(path, "--update")
    assert "2 were updated (1 of them closed)" in output
    closed = Proposal.objects.get(source_id="bh-101")
    assert closed.title == "공적 마스크 중복 구매 확인" and closed.imported_support_count == 2000
    assert SearchIndex.objects.get(pk=closed.pk).title_tokens.startswith("공적")
    opened = Proposal.objects.get(source_id="bh-102")
    assert opened.status == Proposal.Status.DECLINED
    assert [e.to_status for e in opened.timeline.all()] == ["submitted", "declined"]
    assert Proposal.objects.count() == 3
    assert "0 were created, 0 were updated" in run(path, "--update")


def test_gzipped_input_is_read_transparently(tmp_path):
    run(write_csv(tmp_path / "p.csv.gz", [KO_CLOSED, EN_CLOSED], gz=True))
    assert Proposal.objects.count() == 2


def test_source_option_overrides_the_column(tmp_path):
    run(write_csv(tmp_path / "p.csv", [KO_CLOSED]), "--source", "cheongwadae")
    assert Proposal.objects.get().source == "cheongwadae"
    assert Proposal.objects.get().author.display_name == "cheongwadae (imported)"


def test_imported_proposals_are_searchable_and_show_their_provenance(client, tmp_path):
    run(write_csv(tmp_path / "p.csv", [KO_CLOSED, EN_CLOSED]), "--source", "cheongwadae")
    korean = Proposal.objects.get(source_id="bh-101")
    english = Proposal.objects.get(source_id="wtp-1")

    response = client.get(reverse("proposals:list"), {"q": "마스크"})
    assert response.status_code == 200 and korean.title in response.content.decode()
    response = client.get(reverse("proposals:list"), {"q": "waiting times"})
    assert english.title in response.content.decode()

    page = client.get(korean.get_absolute_url()).content.decode()
    assert "Imported from cheongwadae (" in page
    assert f'href="{KO_CLOSED["url"]}"' in page and "It had 1,234 supports there." in page
    page = client.get(english.get_absolute_url()).content.decode()
    assert "Imported from cheongwadae." in page and "It had 5,390 supports there." in page
    with translation.override("ko"):
        url = korean.get_absolute_url()
    page = client.get(url).content.decode()
    assert "cheongwadae에서 가져온 제안입니다" in page and "그곳에서 1,234명이 공감했습니다." in page


def test_imports_do_not_flood_the_triage_queue(tmp_path, staff):
    run(write_csv(tmp_path / "p.csv", [KO_CLOSED, KO_OPEN, EN_CLOSED]))
    scope = selectors.triage_scope(staff)
    assert list(scope.values_list("source_id", flat=True)) == ["bh-102"]  # only the open petition
    counters = selectors.triage_counters(scope)
    assert counters["overdue"] == 0 and counters["near_deadline"] == 0 and counters["over_threshold"] == 0


def test_the_api_gives_the_provenance_and_no_personal_data(client, tmp_path):
    run(write_csv(tmp_path / "p.csv", [KO_CLOSED]), "--source", "cheongwadae")
    response = client.get(reverse("api:proposal_list"))
    item = response.json()["results"][0]
    assert item["source"] == "cheongwadae" and item["source_id"] == "bh-101"
    assert item["source_url"] == KO_CLOSED["url"] and item["imported_support_count"] == 1234
    assert item["support_count"] == 0
    assert item["author"] == {
        "name": "cheongwadae (imported)",
        "account_deleted": False,
        "field_expert": False,
        "profession": "",
    }
    assert "import.invalid" not in response.content.decode()
    detail = client.get(reverse("api:proposal_detail", args=[item["id"]])).content.decode()
    assert "import.invalid" not in detail


SHARED = settings.BASE_DIR.parent / "shared" / "data"


@pytest.mark.skipif(not (SHARED / "proposals_ko.csv.gz").exists(), reason="no shared data in ../shared/data")
def test_the_first_rows_of_the_real_petitions_import(tmp_path):
    ko = run(SHARED / "proposals_ko.csv.gz", "--source", "cheongwadae", "--limit", "300")
    en = run(SHARED / "proposals_en.csv.gz", "--source", "wethepeople", "--limit", "300")
    assert "300 were created" in ko and "300 were created" in en
    assert Proposal.objects.filter(source="cheongwadae").count() == 300
    assert Proposal.objects.filter(source="wethepeople").count() == 300
    assert SearchIndex.objects.count() == 600
    assert not Proposal.objects.filter(source="cheongwadae", submitted_at__isnull=True).exists()
    again = run(SHARED / "proposals_ko.csv.gz", "--source", "cheongwadae", "--limit", "300")
    assert "300 already imported" in again and Proposal.objects.count() == 600
