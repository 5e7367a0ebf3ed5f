"""``manage.py generate_volume_data`` at a tiny scale: the invariants benchmarks rely on.

Runs on SQLite and, with DATABASE_URL pointing to one, on PostgreSQL. Reads the real petitions
from ../shared/data when they are there (a test also covers the generated-text fallback).
"""

import csv
import gzip
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from ideas.accounts.models import Membership, Organisation, User
from ideas.pilots.models import Iteration, Measurement, Pilot
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals.models import Comment, Follow, Proposal, StatusChange, Support
from ideas.search import api
from ideas.search.models import SearchIndex, SearchTerm

pytestmark = pytest.mark.django_db

COUNTS = {
    "users": 150,
    "organisations": 20,
    "proposals": 200,
    "supports": 2500,
    "comments": 600,
    "pilots": 8,
    "iterations": 40,
    "models": 3,
    "adoptions": 12,
}
THRESHOLD = 30


def generate(**options):
    return call_command("generate_volume_data", **{"seed": 7, **COUNTS, **options})


@pytest.fixture
def volume(settings, capsys):
    # A low threshold, so that some of 200 proposals reach it and its time can be checked.
    settings.FIELDWORK = {**settings.FIELDWORK, "SUPPORT_THRESHOLD": THRESHOLD}
    generate()
    return capsys.readouterr().out


def test_counts_as_asked(volume):
    assert Proposal.objects.count() == COUNTS["proposals"]
    assert Support.objects.count() == COUNTS["supports"]
    assert Comment.objects.count() == COUNTS["comments"]
    assert Pilot.objects.count() == COUNTS["pilots"]
    assert Iteration.objects.count() == COUNTS["iterations"]
    assert StandardModelPage.objects.live().count() == COUNTS["models"]
    assert Adoption.objects.count() == COUNTS["adoptions"]
    assert User.objects.filter(memberships__isnull=True, email__endswith="volume.fieldwork.example").count() >= 150
    assert Organisation.objects.count() >= COUNTS["organisations"]
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {"central_agency", "local_government"}
    assert Comment.objects.filter(parent__isnull=False).exists()  # replies
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()  # one level only
    assert Proposal.objects.filter(language="ko").count() > Proposal.objects.filter(language="en").count() > 0
    # Real petitions, which repeat one another now and then (citizens re-post).
    assert Proposal.objects.values("title").distinct().count() > 0.9 * COUNTS["proposals"]
    assert "| **total** |" in volume


def test_counters_equal_the_rows(volume):
    proposals = Proposal.objects.annotate(supports_n=Count("supports", distinct=True)).annotate(
        comments_n=Count("comments", distinct=True)
    )
    for proposal in proposals:
        assert proposal.support_count == proposal.supports_n, proposal.pk
        assert proposal.comment_count == proposal.comments_n, proposal.pk
        times = list(proposal.supports.order_by("created_at").values_list("created_at", flat=True))
        if len(times) >= THRESHOLD:
            assert proposal.support_threshold_reached_at == times[THRESHOLD - 1]
        else:
            assert proposal.support_threshold_reached_at is None
        for moment in times:
            assert proposal.submitted_at <= moment
    assert Proposal.objects.filter(support_threshold_reached_at__isnull=False).exists()
    # A heavy tail: the most supported proposal has many times the median.
    counts = sorted(Proposal.objects.values_list("support_count", flat=True))
    assert counts[-1] > 10 * max(1, counts[len(counts) // 2])


def test_supports_are_unique_and_never_the_authors(volume):
    assert not Support.objects.filter(user=F("proposal__author")).exists()
    pairs = Counter(Support.objects.values_list("proposal_id", "user_id"))
    assert max(pairs.values()) == 1
    closed = Proposal.objects.filter(status__in=[Proposal.Status.DRAFT, Proposal.Status.MERGED])
    assert not Support.objects.filter(proposal__in=closed).exists()
    # Authors follow what they submitted.
    assert Follow.objects.filter(user=F("proposal__author")).count() == Proposal.objects.public().count()


def test_statuses_agree_with_their_timelines(volume):
    timelines = {}
    for change in StatusChange.objects.order_by("created_at", "pk"):
        timelines.setdefault(change.proposal_id, []).append(change)
    statuses = Counter()
    for proposal in Proposal.objects.all():
        statuses[proposal.status] += 1
        timeline = timelines.get(proposal.pk, [])
        if proposal.status == Proposal.Status.DRAFT:
            assert timeline == [] and proposal.submitted_at is None
            continue
        assert timeline[0].from_status == Proposal.Status.DRAFT
        assert timeline[0].created_at == proposal.submitted_at
        assert timeline[-1].to_status == proposal.status
        previous = Proposal.Status.DRAFT
        for change in timeline:
            assert change.from_status == previous
            assert change.to_status in Proposal.TRANSITIONS[previous]
            if change.to_status in Proposal.REASON_REQUIRED:
                assert change.reason
            previous = change.to_status
        official = [c for c in timeline if c.actor_organisation_id]
        assert proposal.first_response_at == (official[0].created_at if official else None)
        assert proposal.assigned_organisation_id == (official[0].actor_organisation_id if official else None)
        assert (proposal.merged_into_id is not None) == (proposal.status == Proposal.Status.MERGED)
        assert proposal.updated_at >= timeline[-1].created_at
    assert statuses[Proposal.Status.SUBMITTED] + statuses[Proposal.Status.DECLINED] > COUNTS["proposals"] / 2
    assert statuses[Proposal.Status.ACCEPTED] > 0


def test_pilots_and_models(volume):
    for pilot in Pilot.objects.prefetch_related("proposals", "metrics", "iterations"):
        assert all(p.status == Proposal.Status.ACCEPTED for p in pilot.proposals.all())
        assert pilot.metrics.count() >= 2
        numbers = [iteration.number for iteration in pilot.iterations.all()]
        assert numbers == list(range(1, len(numbers) + 1))
        assert (pilot.status == "planned") == (not numbers)
    assert Measurement.objects.count() == sum(
        pilot.metrics.count() * pilot.iterations.count() for pilot in Pilot.objects.all()
    )
    pages = StandardModelPage.objects.live()
    for page in pages:
        assert page.pilot.status == "concluded" and page.pilot.outcome == "standardised"
        assert list(ModelVersion.objects.filter(page=page).values_list("number", flat=True)) == [1]
        assert page.url.endswith(f"/models/{page.slug}/")
    assert not Adoption.objects.filter(version__isnull=True).exists()
    publishers = Membership.objects.filter(role=Membership.Role.PUBLISHER, user__groups__name="Editors")
    assert publishers.count() == Organisation.objects.count()


def test_search_finds_generated_proposals_in_both_languages(volume):
    assert SearchIndex.objects.count() == COUNTS["proposals"]
    assert SearchTerm.objects.get(term="").df == COUNTS["proposals"]
    for language in ("ko", "en"):
        proposal = Proposal.objects.filter(language=language).order_by("pk").first()
        found = api.search_proposals(Proposal.objects.all(), proposal.title)
        assert proposal.pk in set(found.values_list("pk", flat=True)), language
    pilot = Pilot.objects.order_by("pk").first()
    assert pilot in api.search_indexed(Pilot.objects.all(), pilot.title.split()[0])


def test_pages_answer(volume, client):
    assert client.get("/proposals/").status_code == 200
    proposal = Proposal.objects.public().order_by("-support_count").first()
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200
    assert client.get("/proposals/", {"q": proposal.title}).status_code == 200
    assert client.get(StandardModelPage.objects.live().first().url).status_code == 200
    assert client.get(f"/pilots/{Pilot.objects.first().pk}/").status_code == 200


def test_refuses_a_database_with_proposals_unless_appending(volume):
    with pytest.raises(CommandError, match="--append"):
        generate()
    generate(append=True, seed=8)
    assert Proposal.objects.count() == 2 * COUNTS["proposals"]
    assert Support.objects.count() == 2 * COUNTS["supports"]
    assert SearchIndex.objects.count() == 2 * COUNTS["proposals"]


def test_parallel_rebuild_gives_the_same_index(volume):
    def snapshot():
        rows = SearchIndex.objects.order_by("pk").values_list("pk", "title_tokens", "body_tokens", "sketch")
        terms = SearchTerm.objects.order_by("term").values_list("term", "df", "title_df")
        return [(pk, title, body, bytes(sketch)) for pk, title, body, sketch in rows], list(terms)

    before = snapshot()
    assert api.rebuild_index(batch_size=70, workers=2) == COUNTS["proposals"]
    assert snapshot() == before
    assert api.rebuild_index(batch_size=70, workers=0) == COUNTS["proposals"]
    assert snapshot() == before


def write_petitions(path, lang, count):
    with gzip.open(path / f"proposals_{lang}.csv.gz", "wt", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "title", "body"])
        writer.writeheader()
        for n in range(count):
            body = f"{lang} problem {n} paragraph one.\n{lang} solution {n} paragraph two, a little longer."
            writer.writerow({"id": n, "title": f"{lang} petition {n}", "body": body})


def test_petitions_are_recombined_beyond_their_number(tmp_path):
    write_petitions(tmp_path, "ko", 12)
    write_petitions(tmp_path, "en", 5)
    generate(data_dir=tmp_path, proposals=60, supports=200, comments=50, pilots=2, iterations=4, models=1, adoptions=2)
    texts = list(Proposal.objects.values_list("title", "problem", "solution"))
    assert len(set(texts)) == len(texts) == 60
    assert len({title for title, _problem, _solution in texts}) > 30
    assert all(problem.startswith(title.split(" petition ")[0]) for title, problem, _solution in texts)


def test_generated_text_when_the_petitions_are_missing(tmp_path, capsys):
    generate(data_dir=tmp_path, proposals=40, supports=200, comments=50, pilots=2, iterations=4, models=1, adoptions=2)
    assert "falling back to generated text" in capsys.readouterr().out
    assert Proposal.objects.count() == 40
    assert not Proposal.objects.filter(title="").exists()
