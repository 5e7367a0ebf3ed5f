"""What the open-data API says about each object: declarative, and described field by field
(the help texts are the OpenAPI schema's descriptions and the /api/docs/ page).

People appear only through ``PublicPersonSerializer`` (see ``privacy.py``).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ideas.accounts.models import Organisation
from ideas.pilots.models import Iteration, Measurement, Metric, Pilot
from ideas.playbooks.blocks import RequirementBlock
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals.models import Category, Challenge, ExpertReview, Proposal, Region, StatusChange

from . import privacy
from .fields import ApiUrlField, NullableChoiceField, PageUrlField, RichTextHtmlField, UrlOrEmptyField, WebUrlField

ID = {"help_text": _("Stable numeric identifier.")}


class OpenDataSerializer(serializers.ModelSerializer):
    """Read-only, described by help texts rather than the models' form labels."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        kwargs = super().include_extra_kwargs(kwargs, {**extra_kwargs, "read_only": True})
        kwargs.pop("label", None)
        return kwargs


def described(**help_texts):
    """``extra_kwargs`` giving each named field its help text."""
    return {name: {"help_text": text} for name, text in help_texts.items()}


# --- Reference data and organisations ---------------------------------------------


REFERENCE_HELP = described(
    slug=_("Stable short name, usable in filters."),
    name_en=_("Name in English."),
    name_ko=_("Name in Korean."),
)


class CategorySerializer(OpenDataSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name_en", "name_ko"]
        extra_kwargs = REFERENCE_HELP


class RegionSerializer(OpenDataSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name_en", "name_ko"]
        extra_kwargs = REFERENCE_HELP


class OrganisationSummarySerializer(OpenDataSerializer):
    """An organisation where another object refers to it."""

    url = ApiUrlField("api:organisation_detail", help_text=_("The organisation in this API."))

    class Meta:
        model = Organisation
        fields = ["id", "url", "slug", "name"]
        extra_kwargs = described(
            id=ID["help_text"],
            slug=_("Stable short name, usable in filters."),
            name=_("Name of the organisation."),
        )


class OrganisationSerializer(OrganisationSummarySerializer):
    """An organisation taking part: a central agency, local government, public institution or private partner."""

    region = RegionSerializer(allow_null=True, read_only=True, help_text=_("Where it works, if it is regional."))
    website = UrlOrEmptyField(help_text=_("Its website, or an empty string."))

    class Meta(OrganisationSummarySerializer.Meta):
        fields = [*OrganisationSummarySerializer.Meta.fields, "kind", "region", "website"]
        extra_kwargs = {
            **OrganisationSummarySerializer.Meta.extra_kwargs,
            **described(
                kind=_(
                    "Kind of organisation: central agency, local government, public institution or private partner."
                ),
            ),
        }


# --- People -------------------------------------------------------------------------


class PublicPersonSerializer(serializers.Serializer):
    """A person as open data shows them: a name only if they chose to show it, never an
    e-mail address or an account id."""

    name = serializers.SerializerMethodField(
        help_text=_("Their name if they chose to show it publicly; null otherwise (the site says “anonymous citizen”).")
    )
    account_deleted = serializers.SerializerMethodField(
        help_text=_("Whether they deleted their account (the site says “deleted account”); their name is then null.")
    )
    field_expert = serializers.SerializerMethodField(help_text=_("Whether staff verified them as a field expert."))
    profession = serializers.SerializerMethodField(
        help_text=_("Their verified profession if they are a field expert, else an empty string.")
    )

    def get_name(self, user) -> str | None:
        return privacy.shown_name(user)

    def get_account_deleted(self, user) -> bool:
        return privacy.account_deleted(user)

    def get_field_expert(self, user) -> bool:
        return bool(privacy.profession(user))

    def get_profession(self, user) -> str:
        return privacy.profession(user)


# --- Challenges ---------------------------------------------------------------------


class ChallengeSummarySerializer(OpenDataSerializer):
    url = ApiUrlField("api:challenge_detail", help_text=_("The challenge in this API."))

    class Meta:
        model = Challenge
        fields = ["id", "url", "title"]
        extra_kwargs = described(id=ID["help_text"], title=_("Title of the challenge."))


class ChallengeSerializer(ChallengeSummarySerializer):
    web_url = WebUrlField(help_text=_("The challenge's page on the site."))
    owner = OrganisationSummarySerializer(read_only=True, help_text=_("The organisation that asks for ideas."))
    is_open = serializers.BooleanField(
        read_only=True, help_text=_("Whether proposals can still answer it (today is on or before the deadline).")
    )
    proposal_count = serializers.IntegerField(read_only=True, help_text=_("Number of public proposals answering it."))

    class Meta(ChallengeSummarySerializer.Meta):
        fields = [
            *ChallengeSummarySerializer.Meta.fields,
            "web_url",
            "description",
            "owner",
            "deadline",
            "is_open",
            "proposal_count",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            **ChallengeSummarySerializer.Meta.extra_kwargs,
            **described(
                description=_("The problem the organisation wants proposals for."),
                deadline=_("The last day proposals can answer the challenge."),
                created_at=_("When the challenge was published."),
                updated_at=_("When the challenge was last changed."),
            ),
        }


# --- Proposals ----------------------------------------------------------------------


def public_merged_into(proposal):
    """The id of the proposal this one was merged into, if that one is public."""
    target = proposal.merged_into
    return target.pk if target is not None and target.is_public else None


class StatusChangeSerializer(OpenDataSerializer):
    """One entry of a proposal's public timeline. Entries are never edited."""

    from_status = NullableChoiceField(
        choices=Proposal.Status.choices, help_text=_("The status before the change; null if none was recorded.")
    )
    organisation = OrganisationSummarySerializer(
        source="actor_organisation",
        read_only=True,
        allow_null=True,
        help_text=_("The organisation whose official made the change; null for the author's own moves."),
    )

    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "reason", "organisation", "created_at"]
        extra_kwargs = described(
            to_status=_("The status after the change."),
            reason=_("The public reason given (required for declined, merged and needs_info), or the author's answer."),
            created_at=_("When the change was made."),
        )


class ExpertReviewSerializer(OpenDataSerializer):
    """A verified field expert's structured assessment of the proposal."""

    reviewer = PublicPersonSerializer(read_only=True, help_text=_("The field expert who wrote the review."))

    class Meta:
        model = ExpertReview
        fields = ["reviewer", "rating", "feasibility", "risks", "measures", "created_at", "updated_at"]
        extra_kwargs = described(
            rating=_("Overall rating from 1 (not worth piloting) to 5 (pilot it now)."),
            feasibility=_("Could this work in practice? What would it take?"),
            risks=_("What could go wrong, and for whom."),
            measures=_("The figures a pilot should measure."),
            created_at=_("When the review was written."),
            updated_at=_("When the review was last changed."),
        )


class ProposalSerializer(OpenDataSerializer):
    """A public proposal with its status timeline and support count."""

    url = ApiUrlField("api:proposal_detail", help_text=_("The proposal in this API."))
    web_url = WebUrlField(help_text=_("The proposal's page on the site."))
    category = CategorySerializer(read_only=True, help_text=_("What kind of idea it is."))
    region = RegionSerializer(read_only=True, help_text=_("The region or jurisdiction it concerns."))
    challenge = ChallengeSummarySerializer(
        read_only=True, allow_null=True, help_text=_("The challenge it answers, if any.")
    )
    author = PublicPersonSerializer(read_only=True, help_text=_("Who proposed it."))
    assigned_organisation = OrganisationSummarySerializer(
        read_only=True, allow_null=True, help_text=_("The organisation answering it, once a triager assigned it.")
    )
    merged_into = serializers.SerializerMethodField(
        help_text=_("For a merged proposal, the id of the proposal its supports moved to; else null.")
    )
    pilots = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("Ids of the pilots made from it (see /api/v1/pilots/).")
    )
    timeline = StatusChangeSerializer(
        source="timeline_entries", many=True, read_only=True, help_text=_("Every status change, oldest first.")
    )
    source_url = UrlOrEmptyField(help_text=_("Its page in that system, or an empty string."))

    class Meta:
        model = Proposal
        fields = [
            "id",
            "url",
            "web_url",
            "title",
            "status",
            "category",
            "region",
            "challenge",
            "author",
            "language",
            "problem",
            "solution",
            "expected_benefit",
            "affected_people",
            "expertise_statement",
            "support_count",
            "comment_count",
            "submitted_at",
            "response_due_at",
            "first_response_at",
            "updated_at",
            "assigned_organisation",
            "merged_into",
            "pilots",
            "timeline",
            "source",
            "source_id",
            "source_url",
            "imported_support_count",
        ]
        extra_kwargs = described(
            id=ID["help_text"],
            title=_("One sentence that names the idea."),
            status=_("Where the proposal is in the pipeline."),
            language=_("Language the proposal was written in (en or ko)."),
            problem=_("What goes wrong today, for whom, and how often."),
            solution=_("What the author proposes to change."),
            expected_benefit=_("What would be better, and how it could be measured."),
            affected_people=_("The people who live with the problem or would use the solution."),
            expertise_statement=_("The author's field experience of the problem, or an empty string."),
            support_count=_("Number of accounts supporting it (one per account)."),
            comment_count=_("Number of comments."),
            submitted_at=_("When it was first submitted."),
            response_due_at=_("When officials must answer it by (the response deadline)."),
            first_response_at=_("When an official first responded; null while waiting."),
            source=_(
                "For a proposal imported from an older petition or idea system, that system's short name; "
                "an empty string for proposals written on this platform."
            ),
            source_id=_("Its id in that system, or an empty string."),
            imported_support_count=_(
                "How many people supported it in that system (not counted in support_count); null if unknown "
                "or not imported."
            ),
            updated_at=_(
                "When its text or status last changed or it got a comment (supports do not change it); "
                "see the updated_since filter."
            ),
        )

    def get_merged_into(self, proposal) -> int | None:
        return public_merged_into(proposal)


class ProposalDetailSerializer(ProposalSerializer):
    """A proposal with its field-expert reviews."""

    reviews = ExpertReviewSerializer(many=True, read_only=True, help_text=_("Field-expert reviews, oldest first."))

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "reviews"]


# --- Pilots -------------------------------------------------------------------------

NUMBER = {"coerce_to_string": False}


class MetricSerializer(OpenDataSerializer):
    class Meta:
        model = Metric
        fields = ["id", "name", "unit", "baseline", "target", "direction"]
        extra_kwargs = {
            "id": {"help_text": _("Stable numeric identifier; measurements refer to it.")},
            "name": {"help_text": _("What is measured, for example minutes per sample collected.")},
            "unit": {"help_text": _("Unit of the values, for example minutes or people per day.")},
            "baseline": {**NUMBER, "help_text": _("The value before the pilot.")},
            "target": {**NUMBER, "help_text": _("The value the pilot aims for.")},
            "direction": {"help_text": _("Whether a higher or a lower value is better.")},
        }


class MeasurementSerializer(OpenDataSerializer):
    class Meta:
        model = Measurement
        fields = ["metric", "value"]
        extra_kwargs = {
            "metric": {"help_text": _("Id of the metric measured (see the pilot's metrics).")},
            "value": {**NUMBER, "help_text": _("The value measured in this iteration, in the metric's unit.")},
        }


class IterationSerializer(OpenDataSerializer):
    measurements = MeasurementSerializer(many=True, read_only=True, help_text=_("One value per metric measured."))

    class Meta:
        model = Iteration
        fields = [
            "number",
            "period_start",
            "period_end",
            "changes",
            "observations",
            "problems",
            "decision",
            "measurements",
        ]
        extra_kwargs = described(
            number=_("Number of the iteration within the pilot, from 1."),
            period_start=_("First day of the iteration."),
            period_end=_("Last day of the iteration."),
            changes=_("What was changed in this iteration compared with the last."),
            observations=_("What was observed."),
            problems=_("Problems met: failures and limits are evidence too."),
            decision=_("What happens next: continue, adapt, scale or stop."),
        )


class PilotSerializer(OpenDataSerializer):
    """A pilot with its metrics, iterations and measurements."""

    url = ApiUrlField("api:pilot_detail", help_text=_("The pilot in this API."))
    web_url = WebUrlField(help_text=_("The pilot's page on the site."))
    outcome = NullableChoiceField(
        choices=Pilot.Outcome.choices, help_text=_("For a concluded pilot, standardised or stopped; else null.")
    )
    lead_organisation = OrganisationSummarySerializer(read_only=True, help_text=_("The organisation leading it."))
    partner_organisations = OrganisationSummarySerializer(
        many=True, read_only=True, help_text=_("Organisations taking part.")
    )
    proposals = serializers.SerializerMethodField(help_text=_("Ids of the public proposals it was made from."))
    sites = serializers.ListField(
        source="site_list", child=serializers.CharField(), read_only=True, help_text=_("Where it runs, one per site.")
    )
    metrics = MetricSerializer(many=True, read_only=True, help_text=_("What it measures, with baseline and target."))
    iterations = IterationSerializer(many=True, read_only=True, help_text=_("Its iterations, in order."))

    class Meta:
        model = Pilot
        fields = [
            "id",
            "url",
            "web_url",
            "title",
            "hypothesis",
            "status",
            "outcome",
            "outcome_summary",
            "lead_organisation",
            "partner_organisations",
            "proposals",
            "sites",
            "planned_start",
            "started_on",
            "concluded_on",
            "created_at",
            "updated_at",
            "metrics",
            "iterations",
        ]
        extra_kwargs = described(
            id=ID["help_text"],
            title=_("What is being tried, and where."),
            hypothesis=_("What the pilot expects to change, and by how much."),
            status=_("planned, running or concluded."),
            outcome_summary=_("What the pilot concluded, or an empty string."),
            planned_start=_("The day it was planned to start."),
            started_on=_("The day it started; null while planned."),
            concluded_on=_("The day it concluded; null until then."),
            created_at=_("When the pilot was planned on the platform."),
            updated_at=_("When it last changed; see the updated_since filter."),
        )

    def get_proposals(self, pilot) -> list[int]:
        return [proposal.pk for proposal in pilot.public_proposals]


# --- Standard models and adoptions ----------------------------------------------------------

RICH_TEXT = _("HTML: paragraphs, lists, emphasis and links (links to the site's pages as their addresses).")


class PilotSummarySerializer(OpenDataSerializer):
    """A pilot where another object refers to it."""

    url = ApiUrlField("api:pilot_detail", help_text=_("The pilot in this API."))

    class Meta:
        model = Pilot
        fields = ["id", "url", "title"]
        extra_kwargs = described(id=ID["help_text"], title=_("What was tried, and where."))


class StepSerializer(serializers.Serializer):
    who = serializers.CharField(read_only=True, help_text=_("The role that does this step."))
    what = RichTextHtmlField(help_text=format_lazy("{} {}", _("What is done."), RICH_TEXT))
    duration = serializers.CharField(
        read_only=True, help_text=_("How long it takes, for example 2 minutes per car; or an empty string.")
    )
    resources = serializers.CharField(
        read_only=True, help_text=_("Equipment, forms or systems used; or an empty string.")
    )


class RequirementSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=RequirementBlock.KINDS,
        read_only=True,
        help_text=_("What is needed: space, staff, equipment or systems."),
    )
    description = serializers.CharField(read_only=True, help_text=_("What exactly is needed (plain text)."))


class LimitationSerializer(serializers.Serializer):
    limitation = serializers.CharField(read_only=True, help_text=_("What the model does not do well (plain text)."))
    left_out = serializers.CharField(read_only=True, help_text=_("Who may be left out, or an empty string."))
    alternative = serializers.CharField(
        read_only=True, help_text=_("The alternative for those left out, or an empty string.")
    )


class ModelVersionSerializer(OpenDataSerializer):
    """One published version of a standard model. Versions are never edited."""

    class Meta:
        model = ModelVersion
        fields = ["number", "change_note", "published_at"]
        extra_kwargs = described(
            number=_("Version number, from 1."),
            change_note=_("What changed in this version; may be empty for the first one."),
            published_at=_("When this version was published."),
        )


def _blocks(stream):
    return [dict(block.value) for block in stream]


class StandardModelSerializer(OpenDataSerializer):
    """A published standard model: an operating playbook made from a concluded pilot, with its
    version history and adoption counts."""

    url = ApiUrlField("api:standard_model_detail", help_text=_("The standard model in this API."))
    web_url = PageUrlField(help_text=_("The standard model's page on the site."))
    pilot = PilotSummarySerializer(read_only=True, help_text=_("The concluded pilot whose evidence it rests on."))
    procedure = serializers.SerializerMethodField(help_text=_("The steps of the procedure, in order."))
    requirements = serializers.SerializerMethodField(help_text=_("What is needed to run it."))
    limitations = serializers.SerializerMethodField(help_text=_("Its limitations and who may be left out."))
    current_version = serializers.SerializerMethodField(
        help_text=_("Number of the current published version; null if no version was recorded.")
    )
    versions = ModelVersionSerializer(many=True, read_only=True, help_text=_("Every published version, newest first."))
    adoption_count = serializers.IntegerField(
        read_only=True, help_text=_("Number of organisations that adopted it (any status).")
    )
    active_adoption_count = serializers.IntegerField(
        read_only=True, help_text=_("Number of adoptions planned or operating (not retired).")
    )
    summary = RichTextHtmlField(help_text=format_lazy("{} {}", _("What the model is."), RICH_TEXT))
    when_to_use = RichTextHtmlField(help_text=format_lazy("{} {}", _("When to use it."), RICH_TEXT))

    class Meta:
        model = StandardModelPage
        fields = [
            "id",
            "url",
            "web_url",
            "title",
            "slug",
            "pilot",
            "summary",
            "when_to_use",
            "procedure",
            "requirements",
            "limitations",
            "current_version",
            "first_published_at",
            "last_published_at",
            "versions",
            "adoption_count",
            "active_adoption_count",
        ]
        extra_kwargs = described(
            id=ID["help_text"],
            title=_("Name of the standard model."),
            slug=_("Short name in its address on the site."),
            first_published_at=_("When its first version was published."),
            last_published_at=_("When its current version was published; see the updated_since filter."),
        )

    @extend_schema_field(StepSerializer(many=True))
    def get_procedure(self, page):
        return StepSerializer(_blocks(page.procedure), many=True).data

    @extend_schema_field(RequirementSerializer(many=True))
    def get_requirements(self, page):
        return RequirementSerializer(_blocks(page.requirements), many=True).data

    @extend_schema_field(LimitationSerializer(many=True))
    def get_limitations(self, page):
        return LimitationSerializer(_blocks(page.limitations), many=True).data

    def get_current_version(self, page) -> int | None:
        versions = page.versions.all()
        return versions[0].number if versions else None


class AdoptionSerializer(OpenDataSerializer):
    """An organisation's adoption of a standard model, with its local adaptations and feedback."""

    url = ApiUrlField("api:adoption_detail", help_text=_("The adoption in this API."))
    standard_model = serializers.IntegerField(
        source="page_id",
        read_only=True,
        help_text=_("Id of the standard model adopted (see /api/v1/standard-models/)."),
    )
    organisation = OrganisationSummarySerializer(read_only=True, help_text=_("The organisation that adopted it."))
    version = serializers.SerializerMethodField(
        help_text=_("Number of the version current when the adoption was recorded; null if unknown.")
    )
    feedback_addressed_in = serializers.SerializerMethodField(
        help_text=_("Number of the version that addressed the feedback; null until one does.")
    )

    class Meta:
        model = Adoption
        fields = [
            "id",
            "url",
            "standard_model",
            "organisation",
            "status",
            "started_on",
            "local_adaptations",
            "feedback",
            "feedback_addressed_in",
            "version",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(
            id=ID["help_text"],
            status=_("planned, operating or retired."),
            started_on=_("When it started, or is planned to start."),
            local_adaptations=_("What the organisation does differently, and why; or an empty string."),
            feedback=_("The organisation's feedback for the next version, or an empty string."),
            created_at=_("When the adoption was recorded."),
            updated_at=_("When it was last changed."),
        )

    def get_version(self, adoption) -> int | None:
        return adoption.version.number if adoption.version else None

    def get_feedback_addressed_in(self, adoption) -> int | None:
        return adoption.feedback_addressed_in.number if adoption.feedback_addressed_in else None


# --- The API's entry point --------------------------------------------------------------


class ApiRootSerializer(serializers.Serializer):
    challenges = serializers.URLField(help_text=_("Calls for ideas."))
    proposals = serializers.URLField(help_text=_("Public proposals with their status timelines."))
    pilots = serializers.URLField(help_text=_("Pilots with their metrics, iterations and measurements."))
    organisations = serializers.URLField(help_text=_("Organisations taking part."))
    standard_models = serializers.URLField(help_text=_("Published standard models with their version histories."))
    adoptions = serializers.URLField(help_text=_("Adoptions of published standard models by organisations."))
    schema = serializers.URLField(help_text=_("This API's OpenAPI schema."))
    documentation = serializers.URLField(help_text=_("This API's documentation page."))
