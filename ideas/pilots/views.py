from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ideas.core.exceptions import ActionRefused
from ideas.core.http import id_param
from ideas.core.permissions import require
from ideas.proposals.models import Proposal

from . import selectors, services
from .filters import PilotFilter
from .forms import ConcludeForm, IterationForm, MetricFormSet, PilotForm, StartForm, metric_rows
from .models import Iteration, Pilot
from .speed import cached_speed_figures


@require_GET
def pilot_list(request):
    pilot_filter = PilotFilter(request.GET, queryset=selectors.pilots_for_listing())
    paginator = Paginator(pilot_filter.qs, settings.FIELDWORK["PAGE_SIZE"])
    return render(
        request,
        "pilots/pilot_list.html",
        {"filter": pilot_filter, "page": paginator.get_page(request.GET.get("page"))},
    )


@require_GET
def pilot_detail(request, pk):
    try:
        pilot = selectors.pilot_for_page(pk)
    except Pilot.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "pilots/pilot_detail.html",
        {"pilot": pilot, "series": selectors.metric_series(pilot), "speed": selectors.pilot_speed(pilot)},
    )


@require_http_methods(["GET", "POST"])
def pilot_create(request):
    require(request, "pilots.add_pilot")
    initial = {}
    if proposal_id := id_param(request.GET.get("proposal")):
        initial = {"proposals": Proposal.objects.filter(pk=proposal_id)}
    return _pilot_form(request, Pilot(), initial=initial)


@require_http_methods(["GET", "POST"])
def pilot_edit(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    require(request, "pilots.change_pilot", pilot)
    return _pilot_form(request, pilot)


def _pilot_form(request, pilot, initial=None):
    creating = pilot.pk is None
    form = PilotForm(request.POST or None, instance=pilot, user=request.user, initial=initial)
    metrics = MetricFormSet(request.POST or None, instance=pilot, prefix="metrics")
    if request.method == "POST" and form.is_valid() and metrics.is_valid():
        rows = metric_rows(metrics)
        try:
            if creating:
                pilot = services.pilot_create(actor=request.user, data=form.cleaned_data, metrics=rows)
            else:
                services.pilot_update(pilot=pilot, actor=request.user, data=form.cleaned_data, metrics=rows)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if creating:
                messages.success(request, _("The pilot is planned. Start it when the first site begins."))
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(pilot)
    return render(request, "pilots/pilot_form.html", {"form": form, "metrics": metrics, "pilot": pilot})


@require_http_methods(["GET", "POST"])
def pilot_start(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    require(request, "pilots.start_pilot", pilot)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_start(pilot=pilot, actor=request.user, started_on=form.cleaned_data["started_on"])
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The pilot is running. Record each iteration as it ends."))
            return redirect(pilot)
    return render(request, "pilots/pilot_start.html", {"pilot": pilot, "form": form})


@require_http_methods(["GET", "POST"])
def pilot_conclude(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    require(request, "pilots.conclude_pilot", pilot)
    form = ConcludeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_conclude(
                pilot=pilot,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                summary=form.cleaned_data["summary"],
                concluded_on=form.cleaned_data["concluded_on"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The pilot is concluded."))
            return redirect(pilot)
    return render(request, "pilots/pilot_conclude.html", {"pilot": pilot, "form": form})


@require_http_methods(["GET", "POST"])
def iteration_create(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    require(request, "pilots.record_iteration", pilot)
    return _iteration_form(request, pilot, Iteration(pilot=pilot))


@require_http_methods(["GET", "POST"])
def iteration_edit(request, pk, number):
    iteration = get_object_or_404(Iteration.objects.select_related("pilot"), pilot_id=pk, number=number)
    require(request, "pilots.change_pilot", iteration.pilot)
    return _iteration_form(request, iteration.pilot, iteration)


def _iteration_form(request, pilot, iteration):
    creating = iteration.pk is None
    form = IterationForm(request.POST or None, instance=iteration, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        data, measurements = form.cleaned_data, form.measurements()
        try:
            if creating:
                iteration = services.pilot_record_iteration(
                    pilot=pilot, actor=request.user, data=data, measurements=measurements
                )
            else:
                services.iteration_update(iteration=iteration, actor=request.user, data=data, measurements=measurements)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if creating:
                messages.success(
                    request,
                    _("Iteration %(number)d is recorded. People following the proposals are notified.")
                    % {"number": iteration.number},
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect(f"{pilot.get_absolute_url()}#iteration-{iteration.number}")
    return render(request, "pilots/iteration_form.html", {"pilot": pilot, "form": form, "iteration": iteration})


@require_GET
def speed(request):
    overall, rows = cached_speed_figures()
    refresh_minutes = max(1, settings.FIELDWORK["SPEED_FIGURES_SECONDS"] // 60)
    return render(
        request,
        "pilots/speed.html",
        {"overall": overall, "rows": rows, "table": [overall, *rows], "refresh_minutes": refresh_minutes},
    )
