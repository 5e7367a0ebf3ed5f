from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Pilot(index.Indexed, models.Model):
    """An experiment made from accepted proposals, run in measured iterations."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        CONCLUDED = "concluded", _("concluded")

    class Outcome(models.TextChoices):
        STANDARDISED = "standardised", _("standardised")
        STOPPED = "stopped", _("stopped")

    TRANSITIONS = {
        Status.PLANNED: {Status.RUNNING},
        Status.RUNNING: {Status.CONCLUDED},
        Status.CONCLUDED: set(),
    }

    title = models.CharField(_("title"), max_length=150, help_text=_("What is being tried, and where."))
    hypothesis = models.TextField(
        _("hypothesis"),
        max_length=5000,
        help_text=_("What you expect to change, and by how much: “If we …, then … will fall from … to …”."),
    )
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_pilots",
    )
    partner_organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_pilots",
        help_text=_("Members of partner organisations can also record iterations."),
    )
    proposals = models.ManyToManyField(
        "proposals.Proposal", verbose_name=_("proposals"), related_name="pilots", help_text=_("Accepted proposals.")
    )
    sites = models.TextField(
        _("sites"), max_length=4000, help_text=_("Where the pilot runs: one site per line, for example a clinic.")
    )
    planned_start = models.DateField(_("planned start"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_summary = models.TextField(_("outcome summary"), max_length=5000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="concluded", outcome__in=["standardised", "stopped"])
                | (~models.Q(status="concluded") & models.Q(outcome="")),
                name="pilot_outcome_iff_concluded",
            ),
        ]

    search_fields = [index.SearchField("search_tokens")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:detail", args=[self.pk])

    def search_tokens(self):
        from ideas.search.api import indexed_text

        return indexed_text(self.title, self.hypothesis, self.sites, self.outcome_summary)

    @cached_property
    def organisation_ids(self):
        """The lead and partner organisations, whose members run the pilot."""
        return {self.lead_organisation_id, *(org.pk for org in self.partner_organisations.all())}

    @property
    def site_list(self):
        return [line.strip() for line in self.sites.splitlines() if line.strip()]

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.status]

    @property
    def is_standardised(self):
        """Concluded as proven: only such a pilot can become a standard model."""
        return self.status == self.Status.CONCLUDED and self.outcome == self.Outcome.STANDARDISED


class Metric(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: minutes per sample collected."))
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example: minutes, people per day, %."))
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, help_text=_("The value before the pilot.")
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, help_text=_("The value you aim for."))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")

    def __str__(self):
        return f"{self.name} ({self.unit})"

    @property
    def higher_is_better(self):
        return self.direction == self.Direction.HIGHER

    def reached(self, value):
        if value is None:
            return False
        return value >= self.target if self.higher_is_better else value <= self.target


class Iteration(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("continue")
        ADAPT = "adapt", _("adapt")
        SCALE = "scale", _("scale")
        STOP = "stop", _("stop")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="iterations")
    number = models.PositiveSmallIntegerField(_("number"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    changes = models.TextField(
        _("what was changed"),
        max_length=5000,
        help_text=_("What you tried in this iteration that differs from the last."),
    )
    observations = models.TextField(_("observations"), max_length=5000)
    problems = models.TextField(
        _("problems met"), max_length=5000, blank=True, help_text=_("Failures and limits are evidence too.")
    )
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=Decision.choices,
        help_text=_("What happens next: continue as is, adapt, scale to more sites, or stop."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "number"], name="one_iteration_number_per_pilot"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="period_order"),
        ]

    def __str__(self):
        return f"{self.pilot} · {self.number}"


class Measurement(models.Model):
    iteration = models.ForeignKey(Iteration, on_delete=models.CASCADE, related_name="measurements")
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["iteration", "metric"], name="one_measurement_per_metric"),
        ]

    def __str__(self):
        return f"{self.metric.name}: {self.value}"
