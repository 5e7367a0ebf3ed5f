from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import LimitationBlock, RequirementBlock, StepBlock

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class StandardModelIndexPage(Page):
    """/models/: every published standard model."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["playbooks.StandardModelPage"]
    max_count = 1

    class Meta:
        verbose_name = _("standard model index")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.models_for_index(self, request))
        return context


class StandardModelPage(RoutablePageMixin, Page):
    """A versioned operating playbook made from a concluded pilot (DESIGN.md section 3).

    The evidence is not stored here: the page shows its pilot's iterations and metrics as
    they are now, so a corrected measurement is corrected on the model too.
    """

    pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("pilot"),
        on_delete=models.PROTECT,
        related_name="standard_models",
        limit_choices_to={"status": "concluded", "outcome": "standardised"},
        help_text=_("The concluded pilot whose iterations and metrics are the evidence."),
    )
    summary = RichTextField(_("summary"), features=TEXT_FEATURES)
    when_to_use = RichTextField(_("when to use it"), features=TEXT_FEATURES)
    procedure = StreamField([("step", StepBlock())], verbose_name=_("procedure"), blank=True)
    requirements = StreamField([("requirement", RequirementBlock())], verbose_name=_("requirements"), blank=True)
    limitations = StreamField(
        [("limitation", LimitationBlock())], verbose_name=_("limitations and who may be left out"), blank=True
    )
    change_note = models.CharField(
        _("what changed in this version"),
        max_length=300,
        blank=True,
        help_text=_("Shown in the public version history. Required from the second version on."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("pilot"),
        FieldPanel("summary"),
        FieldPanel("when_to_use"),
        FieldPanel("procedure"),
        FieldPanel("requirements"),
        FieldPanel("limitations"),
        FieldPanel("change_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("when_to_use"),
        index.SearchField("procedure"),
        index.SearchField("limitations"),
        index.SearchField("search_tokens"),
    ]
    parent_page_types = ["playbooks.StandardModelIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard model")
        verbose_name_plural = _("standard models")

    def search_tokens(self):
        """Everything a reader may search for, as the site search's tokens (``ideas.search``)."""
        from ideas.search.api import indexed_text

        texts = [self.title, strip_tags(self.summary), strip_tags(self.when_to_use)]
        for stream in (self.procedure, self.requirements, self.limitations):
            texts.extend(stream.stream_block.get_searchable_content(stream))
        return indexed_text(*texts)

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.pilot_id and not self.pilot.is_standardised:
            raise ValidationError(
                {"pilot": _("Choose a pilot that concluded as standardised: its evidence is what the model rests on.")}
            )
        if self.pk and self.versions.exists() and not self.change_note.strip():
            raise ValidationError({"change_note": _("Say what changed since the last published version.")})

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.model_page_context(self, request))
        return context

    @path("")
    def current(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        from . import views

        return views.model_pdf(request, self)

    @path("versions/")
    def version_history(self, request):
        from . import views

        return views.version_history(request, self)

    @path("adopt/")
    def adopt(self, request):
        from . import views

        return views.adoption_form(request, self)

    @path("feedback/")
    def feedback(self, request):
        from . import views

        return views.feedback_list(request, self)


class ModelVersion(models.Model):
    """One published version of a standard model, with its change note. Written once."""

    page = models.ForeignKey(StandardModelPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("standard model version")
        verbose_name_plural = _("standard model versions")
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="one_number_per_version")]

    def __str__(self):
        return f"{self.page} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Published versions cannot be edited.")
        super().save(*args, **kwargs)


class Adoption(models.Model):
    """An organisation takes up a standard model, adapts it locally and reports back."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("adoption status", "planned")
        OPERATING = "operating", pgettext_lazy("adoption status", "operating")
        RETIRED = "retired", pgettext_lazy("adoption status", "retired")

    page = models.ForeignKey(StandardModelPage, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    started_on = models.DateField(_("start date"), help_text=_("When it started, or is planned to start."))
    local_adaptations = models.TextField(
        _("local adaptations"), max_length=5000, blank=True, help_text=_("What you do differently, and why.")
    )
    feedback = models.TextField(
        _("feedback for the next version"),
        max_length=5000,
        blank=True,
        help_text=_("What did not work, what was missing. Publishers read this for the next version."),
    )
    feedback_addressed_in = models.ForeignKey(
        ModelVersion,
        verbose_name=_("feedback addressed in version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addressed_feedback",
    )
    version = models.ForeignKey(
        ModelVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        help_text=_("The version that was current when the adoption was recorded."),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [models.UniqueConstraint(fields=["page", "organisation"], name="one_adoption_per_organisation")]

    def __str__(self):
        return f"{self.organisation} · {self.page}"
