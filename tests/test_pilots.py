"""Pilots: created from accepted proposals, run in measured iterations, concluded; their
public pages, charts and speed figures."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.models import Membership
from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.pilots import services
from ideas.pilots.charts import metric_chart
from ideas.pilots.models import Iteration, Metric, Pilot
from ideas.pilots.speed import speed_figures
from ideas.proposals import services as proposal_services
from ideas.proposals.models import Proposal, StatusChange

from .conftest import decide, make_user, record_iteration

pytestmark = pytest.mark.django_db


def pilot_post(proposal, organisation, *, metrics=2, **overrides):
    data = {
        "title": "Drive-through clinic",
        "proposals": [proposal.pk],
        "lead_organisation": organisation.pk,
        "hypothesis": "Cars as waiting rooms cut collection time.",
        "sites": "Chilgok hospital car park",
        "planned_start": "2020-02-23",
        "metrics-TOTAL_FORMS": "3",
        "metrics-INITIAL_FORMS": "0",
        "metrics-MIN_NUM_FORMS": "1",
        "metrics-MAX_NUM_FORMS": "12",
    }
    rows = [
        ("Minutes per sample", "minutes", "30", "10", "lower"),
        ("People per day", "people", "100", "400", "higher"),
    ]
    for i, (name, unit, baseline, target, direction) in enumerate(rows[:metrics]):
        data.update(
            {
                f"metrics-{i}-name": name,
                f"metrics-{i}-unit": unit,
                f"metrics-{i}-baseline": baseline,
                f"metrics-{i}-target": target,
                f"metrics-{i}-direction": direction,
            }
        )
    for i in range(metrics, 3):
        data[f"metrics-{i}-direction"] = "higher"  # an empty row, as a browser posts it (the radio's default)
    data.update(overrides)
    return data


def test_pilot_lead_plans_a_pilot_from_an_accepted_proposal(client, official, organisation, accepted, citizen):
    client.force_login(official)
    form = client.get(reverse("pilots:create") + f"?proposal={accepted.pk}")
    assert form.status_code == 200
    assert accepted.title in form.content.decode()
    response = client.post(reverse("pilots:create"), pilot_post(accepted, organisation))
    pilot = Pilot.objects.get()
    assert response.status_code == 302 and response["Location"] == pilot.get_absolute_url()
    assert pilot.status == Pilot.Status.PLANNED and pilot.created_by == official
    assert [m.name for m in pilot.metrics.all()] == ["Minutes per sample", "People per day"]
    assert list(pilot.proposals.all()) == [accepted]
    assert Notification.objects.filter(recipient=citizen, kind=Notification.Kind.PILOT_UPDATE).exists()


def test_pilot_without_metrics_is_refused_and_keeps_the_form(client, official, organisation, accepted):
    client.force_login(official)
    response = client.post(reverse("pilots:create"), pilot_post(accepted, organisation, metrics=0))
    assert response.status_code == 200
    assert "Cars as waiting rooms" in response.content.decode()
    assert not Pilot.objects.exists()


def test_only_accepted_proposals_become_pilots(official, organisation, proposal, make_pilot):
    with pytest.raises(ActionRefused):
        make_pilot(official, [proposal])
    assert not Pilot.objects.exists()


def test_pilot_lead_of_another_organisation_cannot_lead_for_this_one(other_official, accepted, make_pilot):
    with pytest.raises(PermissionDenied):
        make_pilot(other_official, [accepted])


def test_iterations_are_numbered_measured_and_announced(official, accepted, citizen, other_citizen, make_pilot):
    proposal_services.follow_add(proposal=accepted, user=other_citizen)
    pilot = make_pilot(official, [accepted])
    first = record_iteration(pilot, official, values=(20, 180))
    second = record_iteration(pilot, official, values=(9.5, 420), decision="scale")
    assert (first.number, second.number) == (1, 2)
    assert {m.metric.name: m.value for m in second.measurements.select_related("metric")} == {
        "Minutes per sample": Decimal("9.50"),
        "People tested per day": Decimal("420.00"),
    }
    for user in (citizen, other_citizen):
        updates = Notification.objects.filter(recipient=user, kind=Notification.Kind.PILOT_UPDATE)
        assert updates.filter(message__contains="Iteration 2").exists()


def test_an_iteration_needs_every_measurement(client, official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted])
    metric = pilot.metrics.first()
    client.force_login(official)
    response = client.post(
        reverse("pilots:iteration_create", args=[pilot.pk]),
        {
            "period_start": "2020-02-23",
            "period_end": "2020-02-25",
            "changes": "Two lanes instead of one",
            "observations": "Faster",
            "decision": "continue",
            f"metric_{metric.pk}": "12",
        },
    )
    assert response.status_code == 200
    assert "Two lanes instead of one" in response.content.decode()
    assert not Iteration.objects.exists()


def test_period_must_not_end_before_it_starts(official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted])
    data = {
        "period_start": date(2020, 3, 5),
        "period_end": date(2020, 3, 1),
        "changes": "x",
        "observations": "y",
        "problems": "",
        "decision": "continue",
    }
    with pytest.raises(ActionRefused):
        services.pilot_record_iteration(
            pilot=pilot, actor=official, data=data, measurements={m.pk: 1 for m in pilot.metrics.all()}
        )


def test_iterations_only_while_running_and_conclusion_needs_a_summary(official, accepted, make_pilot):
    planned = make_pilot(official, [accepted], start=False)
    with pytest.raises(PermissionDenied):
        record_iteration(planned, official, values=(1, 2))
    pilot = services.pilot_start(pilot=planned, actor=official, started_on=date(2020, 2, 23))
    with pytest.raises(ActionRefused, match="cannot become"):  # a second click, or a colleague's
        services.pilot_start(pilot=planned, actor=official, started_on=date(2020, 2, 24))
    with pytest.raises(ActionRefused):
        services.pilot_conclude(
            pilot=pilot, actor=official, outcome="standardised", summary=" ", concluded_on=date(2020, 3, 1)
        )
    pilot = services.pilot_conclude(
        pilot=pilot, actor=official, outcome="standardised", summary="It works.", concluded_on=date(2020, 3, 1)
    )
    assert pilot.status == Pilot.Status.CONCLUDED and pilot.outcome == "standardised"
    with pytest.raises(PermissionDenied):
        record_iteration(pilot, official, values=(1, 2))


def test_only_members_of_the_pilots_organisations_change_it(
    official, other_official, other_organisation, accepted, make_pilot
):
    pilot = make_pilot(official, [accepted])
    with pytest.raises(PermissionDenied):
        record_iteration(pilot, other_official, values=(1, 2))
    pilot.partner_organisations.add(other_organisation)
    pilot = Pilot.objects.get(pk=pilot.pk)  # forget the cached organisations
    assert record_iteration(pilot, other_official, values=(1, 2)).number == 1


def test_correcting_a_measurement_changes_the_public_page(client, official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted], iterations=1)
    iteration = pilot.iterations.get()
    client.force_login(official)
    url = reverse("pilots:iteration_edit", args=[pilot.pk, 1])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "period_start": iteration.period_start.isoformat(),
        "period_end": iteration.period_end.isoformat(),
        "changes": iteration.changes,
        "observations": iteration.observations,
        "problems": "",
        "decision": "adapt",
        **{f"metric_{m.pk}": "7.25" for m in pilot.metrics.all()},
    }
    assert client.post(url, data).status_code == 302
    client.logout()
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert "7.25" in page and "adapt" in page


def test_a_metric_with_measurements_cannot_be_removed(official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted], iterations=1)
    rows = [
        {**{f: getattr(m, f) for f in ("name", "unit", "baseline", "target", "direction")}, "id": m.pk, "delete": True}
        for m in pilot.metrics.all()
    ]
    data = {
        "title": pilot.title,
        "hypothesis": pilot.hypothesis,
        "lead_organisation": pilot.lead_organisation,
        "sites": pilot.sites,
        "planned_start": pilot.planned_start,
        "proposals": [accepted],
        "partner_organisations": [],
    }
    with pytest.raises(ActionRefused):
        services.pilot_update(pilot=pilot, actor=official, data=data, metrics=rows)
    assert pilot.metrics.count() == 2


def test_public_pilot_page_shows_a_chart_and_table_per_metric(client, official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted], iterations=2)
    response = client.get(pilot.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="fw-chart"') == 2
    assert page.count("<polyline") == 2
    assert page.count('class="usa-table usa-table--borderless usa-table--compact fw-metric-table"') == 2
    assert "Minutes per sample" in page and accepted.title in page
    assert "Record an iteration" not in page  # visitors see no controls


def test_pilot_page_query_count_does_not_grow(client, official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted], iterations=1)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pilot.get_absolute_url()).status_code == 200
        return len(queries)

    few = count_queries()
    for _ in range(4):
        record_iteration(pilot, official, values=(12, 300))
    Metric.objects.create(pilot=pilot, name="Exposures", unit="per 100", baseline=5, target=1, direction="lower")
    assert count_queries() == few


def test_pilot_list_filters_and_constant_queries(
    client, official, organisation, other_official, other_organisation, citizen, make_proposal, staff
):
    from .conftest import make_pilot_for

    ours = make_pilot_for(official, organisation, [decide(make_proposal(citizen), staff, "accepted")], start=False)
    make_pilot_for(other_official, other_organisation, [decide(make_proposal(citizen), staff, "accepted")])

    def titles(**params):
        response = client.get(reverse("pilots:list"), params)
        assert response.status_code == 200
        return [p.pk for p in response.context["page"].object_list]

    assert titles(status="planned") == [ours.pk]
    assert titles(organisation=organisation.slug) == [ours.pk]
    assert len(titles()) == 2
    assert client.get(reverse("pilots:list"), {"status": "nonsense"}).status_code == 200

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("pilots:list"))
    for _ in range(3):
        make_pilot_for(official, organisation, [decide(make_proposal(citizen), staff, "accepted")], iterations=1)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("pilots:list"))
    assert len(many) == len(few)


# --- Charts and speed figures --------------------------------------------------------


def test_chart_places_points_baseline_and_target():
    metric = Metric(name="Minutes", unit="min", baseline=Decimal(30), target=Decimal(10), direction="lower")
    chart = metric_chart(metric, [(1, Decimal(20)), (2, None), (3, Decimal(10))])
    assert [p.label for p in chart.points] == ["1", "3"]  # a missing value leaves a gap
    assert chart.points[1].y == pytest.approx(chart.target_y)  # drawn at the target's height
    assert chart.baseline_y < chart.target_y  # SVG y grows downwards: 30 is above 10
    assert [label for _y, label in chart.ticks] == ["0", "10", "20", "30"]


def test_speed_figures_are_medians_per_organisation(official, organisation, citizen, make_proposal, staff, make_pilot):
    proposals = [make_proposal(citizen, title=f"Idea {i}") for i in range(3)]
    base = timezone.now() - timedelta(days=60)
    for days, proposal in zip((1, 3, 10), proposals, strict=True):
        Proposal.objects.filter(pk=proposal.pk).update(submitted_at=base)
        decide(proposal, official, "accepted")
        Proposal.objects.filter(pk=proposal.pk).update(first_response_at=base + timedelta(days=days))
    pilot = make_pilot(official, [proposals[0]], iterations=2)
    Pilot.objects.filter(pk=pilot.pk).update(created_at=base + timedelta(days=5))

    overall, rows = speed_figures()
    assert overall.median_response == timedelta(days=3)
    assert overall.median_to_pilot == timedelta(days=5)
    assert overall.median_iterations == 2
    assert [row.organisation for row in rows] == [organisation]
    assert rows[0].median_response == timedelta(days=3)


def test_speed_page_and_dashboard_show_the_figures(client, official, accepted, make_pilot):
    make_pilot(official, [accepted], iterations=1)
    page = client.get(reverse("pilots:speed")).content.decode()
    assert "Daegu Metropolitan City" in page and "All organisations" in page
    client.force_login(official)
    dashboard = client.get(reverse("proposals:triage"))
    assert [row.organisation.name for row in dashboard.context["own_speed"]] == ["Daegu Metropolitan City"]


def test_speed_page_with_no_data_says_so(client):
    assert "no figures to show" in client.get(reverse("pilots:speed")).content.decode()


def test_proposal_page_shows_its_pilot(client, official, accepted, make_pilot):
    pilot = make_pilot(official, [accepted])
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert pilot.get_absolute_url() in page


def test_membership_roles_matter_for_planning_pilots(organisation, accepted, make_pilot):
    triager_only = make_user(name="Triager only", second_factor=True)
    Membership.objects.create(user=triager_only, organisation=organisation, role=Membership.Role.TRIAGER)
    with pytest.raises(PermissionDenied):
        make_pilot(triager_only, [accepted])


def test_timeline_entries_stay_immutable(accepted):
    entry = StatusChange.objects.filter(proposal=accepted).last()
    entry.reason = "rewritten"
    with pytest.raises(ValueError):
        entry.save()


def test_iteration_emails_reach_authors_and_followers_after_commit(
    official, accepted, citizen, other_citizen, make_pilot, django_capture_on_commit_callbacks
):
    from django.core import mail

    proposal_services.follow_add(proposal=accepted, user=other_citizen)
    pilot = make_pilot(official, [accepted])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record_iteration(pilot, official, values=(15, 250), decision="adapt")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, other_citizen.email])
    body = mail.outbox[0].body
    assert "Iteration 1 of the pilot" in body and pilot.get_absolute_url() in body
    assert "a proposal this pilot was made from" in body


def test_superusers_are_held_to_the_state_rules_too(official, accepted, make_pilot):
    root = make_user(name="Root", staff=True)
    root.is_superuser = True
    root.save()
    pilot = make_pilot(official, [accepted])
    assert root.has_perm("pilots.record_iteration", pilot)
    pilot = services.pilot_conclude(
        pilot=pilot, actor=official, outcome="stopped", summary="Too few cars.", concluded_on=date(2020, 3, 1)
    )
    assert not root.has_perm("pilots.record_iteration", pilot)
    assert not root.has_perm("pilots.start_pilot", pilot)
    assert root.has_perm("pilots.change_pilot", pilot)  # corrections stay possible
    assert root.has_perm("proposals.view_proposal")  # Django's own permissions still pass


def test_the_lead_organisation_is_not_also_a_partner(client, official, organisation, accepted):
    client.force_login(official)
    data = pilot_post(accepted, organisation, partner_organisations=[organisation.pk])
    response = client.post(reverse("pilots:create"), data)
    assert response.status_code == 200
    assert "not also a partner" in response.content.decode()
    assert not Pilot.objects.exists()


def test_durations_read_in_hours_under_a_day_and_days_after():
    from ideas.core.templatetags.fieldwork import duration

    assert duration(timedelta(minutes=20)) == "1 hour"
    assert duration(timedelta(hours=5)) == "5 hours"
    assert duration(timedelta(days=2, hours=12)) == "2.5 days"
    assert duration(timedelta(days=40)) == "40 days"
    assert duration(None) == "–"
