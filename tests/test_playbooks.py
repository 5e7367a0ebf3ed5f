"""Standard models: drafted from a concluded pilot, published through Wagtail's workflow,
versioned with change notes, evidence read live from the pilot, adopted by organisations."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.accounts.models import Membership, Organisation
from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.pilots import services as pilot_services
from ideas.playbooks import services
from ideas.playbooks.models import Adoption, StandardModelPage

from .conftest import make_user, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    """A member of Wagtail's Moderators group, who approves standard models in the workflow."""
    user = make_user(name="Reviewer")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_publisher_drafts_a_model_prefilled_from_the_pilot(client, publisher, concluded):
    client.force_login(publisher)
    response = client.post(reverse("playbooks:draft_from_pilot", args=[concluded.pk]))
    page = StandardModelPage.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.pilot == concluded
    assert "Ten minutes per car." in page.summary
    assert len(page.procedure) == 2  # one step per iteration, to rewrite
    assert page.get_parent().url_path.endswith("/models/")


def test_only_publishers_draft_and_only_from_standardised_pilots(official, publisher, accepted, make_pilot, concluded):
    with pytest.raises(PermissionDenied):
        services.model_draft_from_pilot(pilot=concluded, actor=official)
    running = make_pilot(official, [accepted])
    with pytest.raises(PermissionDenied):
        services.model_draft_from_pilot(pilot=running, actor=publisher)


def test_publishers_are_wagtail_editors_who_cannot_publish_alone(publisher, concluded):
    assert publisher.groups.filter(name="Editors").exists()
    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    perms = page.permissions_for_user(publisher)
    assert perms.can_edit() and not perms.can_publish()
    publisher.memberships.all().delete()
    assert not publisher.groups.filter(name="Editors").exists()


def test_the_moderation_workflow_publishes_version_one(
    publisher, concluded, reviewer, django_capture_on_commit_callbacks
):
    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    workflow = page.get_workflow()
    assert workflow is not None
    state = workflow.start(page, publisher)
    assert not StandardModelPage.objects.get(pk=page.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=reviewer)
    page = StandardModelPage.objects.get(pk=page.pk)
    assert page.live
    assert [(v.number, v.published_by) for v in page.versions.all()] == [(1, reviewer)]


def test_versions_keep_change_notes_and_show_what_changed(client, publisher, concluded):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    page.summary = "<p>Ten minutes per car. Walk-through booths for people without cars.</p>"
    page = publish(page, publisher, note="Walk-through alternative for people without cars")
    assert [v.number for v in page.versions.all()] == [2, 1]
    history = client.get(f"{page.url}versions/").content.decode()
    assert "Walk-through alternative for people without cars" in history
    assert "Walk-through booths for people without cars." in history  # the added line
    assert "First published version." in history


def test_a_second_version_needs_a_change_note(publisher, concluded):
    from django.core.exceptions import ValidationError

    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    page.change_note = ""
    with pytest.raises(ValidationError):
        page.full_clean()


def test_model_page_reads_the_evidence_from_the_pilot(client, official, publisher, concluded):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('class="fw-chart"') == 2 and "Minutes per sample" in content
    iteration = concluded.iterations.get(number=2)
    data = {
        f: getattr(iteration, f)
        for f in ("period_start", "period_end", "changes", "observations", "problems", "decision")
    }
    pilot_services.iteration_update(
        iteration=iteration, actor=official, data=data, measurements={m.pk: 7.75 for m in concluded.metrics.all()}
    )
    assert "7.75" in client.get(page.url).content.decode()


def test_an_official_of_another_organisation_records_an_adoption(
    client, publisher, other_official, concluded, django_capture_on_commit_callbacks
):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    client.force_login(other_official)
    url = f"{page.url}adopt/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": other_official.memberships.first().organisation_id,
            "status": "operating",
            "started_on": "2020-03-02",
            "local_adaptations": "Two lanes at the stadium.",
            "feedback": "Add a walk-through option.",
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.version.number == 1 and adoption.recorded_by == other_official
    assert Notification.objects.filter(recipient=publisher, kind=Notification.Kind.ADOPTION_FEEDBACK).exists()
    content = client.get(page.url).content.decode()
    assert "Busan City" in content and "Two lanes at the stadium." in content and "Local government" in content

    client.force_login(publisher)
    feedback = client.get(f"{page.url}feedback/")
    assert "Add a walk-through option." in feedback.content.decode()
    client.post(f"{page.url}feedback/", {"adoption": adoption.pk, "version": 1})
    adoption.refresh_from_db()
    assert adoption.feedback_addressed_in.number == 1


@pytest.mark.parametrize(
    ("role", "adopt", "feedback"),
    [
        ("visitor", "login", "login"),
        ("citizen", 403, 403),
        ("expert", 403, 403),
        ("official", 200, 403),
        ("other_official", 200, 403),
        ("staff", 403, 200),
    ],
)
def test_model_page_routes_per_role(as_role, publisher, concluded, role, adopt, feedback):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    client, _user = as_role(role)
    assert client.get(page.url).status_code == 200
    assert client.get(f"{page.url}versions/").status_code == 200
    for suffix, expected in (("adopt/", adopt), ("feedback/", feedback)):
        response = client.get(f"{page.url}{suffix}")
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == expected, (suffix, role)


def test_an_unpublished_model_cannot_be_adopted(publisher, other_official, concluded):
    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    organisation = other_official.memberships.first().organisation
    with pytest.raises(ActionRefused):
        services.adoption_record(
            page=page,
            actor=other_official,
            organisation=organisation,
            data={"status": "planned", "started_on": date(2020, 3, 1), "local_adaptations": "", "feedback": ""},
        )


def test_index_lists_and_searches_published_models(client, publisher, concluded):
    draft = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    index = draft.get_parent()
    assert "Drive-through clinic" not in client.get(index.url).content.decode()
    publish(draft, publisher)
    assert "Drive-through clinic" in client.get(index.url).content.decode()
    assert "No standard model matches" in client.get(index.url, {"q": "zzzzqqq"}).content.decode()


def test_index_shows_models_a_page_at_a_time_newest_first(client, publisher, concluded, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "PAGE_SIZE": 1}
    first = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    second = first.copy(update_attrs={"slug": "second-model", "title": "Second model"})
    second = publish(second, publisher, note="A second model.")
    index = first.get_parent()
    newest = client.get(index.url)
    assert [m.pk for m in newest.context["page"]] == [second.pk]
    assert 'href="?page=2"' in newest.content.decode()
    assert [m.pk for m in client.get(index.url, {"page": 2}).context["page"]] == [first.pk]


def test_model_page_query_count_does_not_grow(client, publisher, concluded, official):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    def adopt(n):
        for i in range(n):
            org = Organisation.objects.create(name=f"City {n}-{i}", slug=f"city-{n}-{i}", kind="local_government")
            Adoption.objects.create(page=page, organisation=org, started_on=date(2020, 3, 1 + i), status="operating")

    adopt(1)
    count_queries()  # the first request fills Wagtail's caches of site roots
    few = count_queries()
    adopt(5)
    assert count_queries() == few


def test_publisher_completes_the_draft_in_wagtail_and_submits_it(client, publisher, concluded):
    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    client.force_login(publisher)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "title": page.title,
            "slug": page.slug,
            "pilot": concluded.pk,
            "summary": '{"blocks": [{"key": "a", "text": "Test people in their cars.", "type": "unstyled", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "when_to_use": '{"blocks": [{"key": "b", "text": "Community spread.", "type": "unstyled", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "procedure-count": "0",
            "requirements-count": "0",
            "limitations-count": "0",
            "change_note": "",
            "action-submit": "Submit for moderation",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardModelPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress and not page.live


def test_the_current_version_downloads_as_a_pdf(client, publisher, concluded):
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}-v1.pdf"'
    assert response.content.startswith(b"%PDF")


def test_without_pdf_libraries_the_page_says_so(client, publisher, concluded, monkeypatch):
    from ideas.playbooks import views

    def unavailable(*args, **kwargs):
        raise views.PdfUnavailable

    monkeypatch.setattr(views, "render_model_pdf", unavailable)
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 503
    assert "print the page instead" in response.content.decode()


def test_a_direct_publication_records_who_published(publisher, concluded, reviewer, django_capture_on_commit_callbacks):
    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=publisher).publish(user=reviewer)
    assert StandardModelPage.objects.get(pk=page.pk).versions.get().published_by == reviewer


def test_a_model_rests_only_on_a_standardised_pilot(publisher, concluded, official, accepted, make_pilot):
    from django.core.exceptions import ValidationError

    page = services.model_draft_from_pilot(pilot=concluded, actor=publisher)
    page.pilot = make_pilot(official, [accepted])  # still running: proves nothing yet
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "pilot" in refused.value.message_dict


def test_feedback_goes_to_the_model_s_publishers_not_every_publisher(publisher, concluded, other_official):
    colleague = make_user(name="Colleague", second_factor=True)
    Membership.objects.create(
        user=colleague, organisation=publisher.memberships.get().organisation, role=Membership.Role.PUBLISHER
    )
    elsewhere = make_user(name="Elsewhere")
    Membership.objects.create(
        user=elsewhere,
        organisation=Organisation.objects.create(name="Far away", slug="far", kind=Organisation.Kind.LOCAL_GOVERNMENT),
        role=Membership.Role.PUBLISHER,
    )
    page = publish(services.model_draft_from_pilot(pilot=concluded, actor=publisher), publisher)
    services.adoption_record(
        page=page,
        organisation=other_official.memberships.first().organisation,
        actor=other_official,
        data={"status": "planned", "started_on": date(2020, 3, 20), "local_adaptations": "", "feedback": "More staff."},
    )
    told = set(
        Notification.objects.filter(kind=Notification.Kind.ADOPTION_FEEDBACK).values_list("recipient", flat=True)
    )
    assert told == {publisher.pk, colleague.pk}
