"""Reads of pilots with a fixed number of queries, and the data their charts need."""

from django.db.models import Count, Prefetch

from ideas.proposals.models import Proposal

from .charts import metric_chart
from .models import Iteration, Measurement, Pilot


def pilots_for_listing(queryset=None):
    queryset = Pilot.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("lead_organisation")
        .prefetch_related("partner_organisations")
        .annotate(iteration_total=Count("iterations", distinct=True))
        .order_by("-created_at", "-pk")
    )


def pilot_for_page(pk):
    return (
        Pilot.objects.select_related("lead_organisation")
        .prefetch_related(
            "partner_organisations",
            "metrics",
            "standard_models",
            Prefetch("proposals", queryset=Proposal.objects.select_related("author__expert_profile")),
            Prefetch(
                "iterations",
                queryset=Iteration.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.select_related("metric"))
                ),
            ),
        )
        .get(pk=pk)
    )


def metric_series(pilot):
    """Per metric: its chart and its table rows (iteration, value, target reached), from the
    prefetched iterations, so any number of metrics and iterations costs no extra query."""
    values = {(m.iteration_id, m.metric_id): m.value for it in pilot.iterations.all() for m in it.measurements.all()}
    series = []
    for metric in pilot.metrics.all():
        rows = [(iteration, values.get((iteration.pk, metric.pk))) for iteration in pilot.iterations.all()]
        series.append(
            {
                "metric": metric,
                "chart": metric_chart(metric, [(it.number, value) for it, value in rows]),
                "rows": [(it, value, metric.reached(value)) for it, value in rows],
                "latest": next((value for _it, value in reversed(rows) if value is not None), None),
            }
        )
    return series


def pilot_speed(pilot):
    """The pilot's speed figures, from what ``pilot_for_page`` loaded."""
    submitted = [p.submitted_at for p in pilot.proposals.all() if p.submitted_at]
    figures = {"iterations": len(pilot.iterations.all())}
    if pilot.started_on and submitted:
        figures["to_start_days"] = max((pilot.started_on - min(submitted).date()).days, 0)
    if pilot.started_on and pilot.concluded_on:
        figures["to_conclusion_days"] = (pilot.concluded_on - pilot.started_on).days
    return figures
