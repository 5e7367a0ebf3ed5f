import copy
import math
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class TranslatedNameMixin(models.Model):
    """Reference data named in both languages; ``name`` follows the active language."""

    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ko = models.CharField(_("name (Korean)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_ko if (get_language() or "en").startswith("ko") else self.name_en


class Category(TranslatedNameMixin):
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Region(TranslatedNameMixin):
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Premoderation(models.TextChoices):
    """Which new proposals wait for staff approval before they are public (docs/security.md)."""

    NONE = "none", _("none: publish new proposals at once")
    NEW_ACCOUNTS = "new_accounts", _("those from new accounts")
    ALL = "all", _("all new proposals")


@register_setting(icon="shield")
class ModerationSettings(BaseGenericSetting):
    """Pre-moderation for the whole site; a challenge may choose otherwise (Challenge.premoderation)."""

    premoderation = models.CharField(
        _("hold new proposals for approval"),
        max_length=16,
        choices=Premoderation.choices,
        default=Premoderation.NONE,
        help_text=_("Held proposals are public only once staff approve them on the moderation page."),
    )
    new_account_days = models.PositiveSmallIntegerField(
        _("an account is new for this many days"),
        default=7,
        help_text=_("After signing up. 0: age does not matter."),
    )
    new_until_published = models.BooleanField(
        _("an account is new until one of its proposals is public"),
        default=True,
        help_text=_("Approved or published without a hold, whatever the account’s age."),
    )

    class Meta:
        verbose_name = _("pre-moderation")

    def is_new_account(self, user, *, besides=None):
        """Whether ``user``'s proposals are held under "new accounts" (``besides``: the one being submitted)."""
        if self.new_account_days and user.date_joined > timezone.now() - timedelta(days=self.new_account_days):
            return True
        published = Proposal.objects.public().filter(author=user).exclude(pk=getattr(besides, "pk", None))
        return self.new_until_published and not published.exists()


class Challenge(models.Model):
    """A call for ideas: a problem an organisation wants proposals for."""

    INHERIT = "inherit"

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("the problem to solve"), max_length=10000)
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    deadline = models.DateField(_("deadline"), help_text=_("The last day proposals can answer this challenge."))
    premoderation = models.CharField(
        _("hold new proposals for approval"),
        max_length=16,
        choices=[(INHERIT, _("as the whole site does")), *Premoderation.choices],
        default=INHERIT,
        help_text=_("Only staff can change this."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:challenge_detail", args=[self.pk])

    @property
    def is_open(self):
        return timezone.localdate() <= self.deadline


# What anyone may see: not a draft (Proposal.PRIVATE_STATES), not hidden by moderation, not
# held for approval (pre-moderation). One condition, shared by ``public()`` and the partial
# indexes of the public list, which serve only queries that filter by exactly it.
PUBLIC = ~models.Q(status__in=["draft"]) & models.Q(hidden_at__isnull=True, held_at__isnull=True)

# Columns the public list filters on, carried in its indexes: PostgreSQL then counts and skips
# to any page of any filter from the index alone (an index-only scan), never reading the table.
LISTING_FILTER_COLUMNS = ["status", "category", "region", "challenge", "author"]

# The officials' queue (Proposal.TRIAGE_STATES), and what its dashboard filters, counts and sorts
# by, carried in its index for the same reason.
IN_TRIAGE = PUBLIC & models.Q(status__in=["needs_info", "submitted", "under_review"])
TRIAGE_COLUMNS = [
    *LISTING_FILTER_COLUMNS,
    "assigned_organisation",
    "support_count",
    "support_threshold_reached_at",
    "first_response_at",
]


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(PUBLIC)


# Newest submission first; proposals imported without a date (docs/import.md) come last on
# every database (PostgreSQL would put them first).
NEWEST_FIRST = (models.F("submitted_at").desc(nulls_last=True), models.F("id").desc())


class NullsLastIndex(models.Index):
    """An index whose descending nullable columns put NULLs last, as NEWEST_FIRST sorts, so
    PostgreSQL can read that order from it. SQLite refuses NULLS LAST in an index, and needs
    none: its descending order already puts NULLs last."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = self
        if schema_editor.connection.vendor == "postgresql":
            index = copy.copy(self)
            index.fields_orders = [
                (name, f"{order} NULLS LAST" if order and model._meta.get_field(name).null else order)
                for name, order in self.fields_orders
            ]
        return super(NullsLastIndex, index).create_sql(model, schema_editor, using, **kwargs)


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        UNDER_REVIEW = "under_review", _("under review")
        NEEDS_INFO = "needs_info", _("needs more information")
        ACCEPTED = "accepted", _("accepted")
        MERGED = "merged", _("merged")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Named groups of states; the service layer checks TRANSITIONS.
    PRIVATE_STATES = {Status.DRAFT}
    EDITABLE_STATES = {Status.DRAFT, Status.SUBMITTED, Status.NEEDS_INFO}
    OPEN_STATES = {Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_INFO}
    CLOSED_STATES = {Status.ACCEPTED, Status.MERGED, Status.DECLINED, Status.WITHDRAWN}
    SUPPORTABLE_STATES = OPEN_STATES | {Status.ACCEPTED}
    # A public reason is required for these decisions (DESIGN.md section 3).
    REASON_REQUIRED = {Status.DECLINED, Status.MERGED, Status.NEEDS_INFO}
    # Moves made by officials; submitting and withdrawing are the author's.
    OFFICIAL_DECISIONS = {Status.UNDER_REVIEW, Status.NEEDS_INFO, Status.ACCEPTED, Status.MERGED, Status.DECLINED}
    TRIAGE_STATES = {Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_INFO}
    REVIEWABLE_STATES = TRIAGE_STATES | {Status.ACCEPTED}
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {
            Status.UNDER_REVIEW,
            Status.NEEDS_INFO,
            Status.ACCEPTED,
            Status.MERGED,
            Status.DECLINED,
            Status.WITHDRAWN,
        },
        Status.UNDER_REVIEW: {Status.NEEDS_INFO, Status.ACCEPTED, Status.MERGED, Status.DECLINED},
        Status.NEEDS_INFO: {Status.SUBMITTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.MERGED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }

    title = models.CharField(_("title"), max_length=150, help_text=_("One sentence that names your idea."))
    problem = models.TextField(
        _("the problem"), max_length=10000, help_text=_("What goes wrong today, for whom, and how often?")
    )
    solution = models.TextField(
        _("proposed solution"), max_length=10000, help_text=_("What should change? Be as concrete as you can.")
    )
    expected_benefit = models.TextField(
        _("expected benefit"), max_length=5000, help_text=_("What would be better, and how could we measure it?")
    )
    affected_people = models.TextField(
        _("who is affected"),
        max_length=2000,
        help_text=_("The people who live with the problem or would use the solution."),
    )
    expertise_statement = models.TextField(
        _("your field experience"),
        max_length=2000,
        blank=True,
        help_text=_("What in your work or life lets you see this problem up close."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="proposals"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="proposals")
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("The call for ideas this proposal answers, if any."),
    )
    language = models.CharField(max_length=8, default="en", editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)

    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    support_threshold_reached_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    response_due_at = models.DateTimeField(null=True, blank=True)

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)

    # Pre-moderation: held for staff approval since ``held_at``, which approval clears; rejection
    # keeps it. Who decided, when and why, either way.
    held_at = models.DateTimeField(null=True, blank=True)
    hold_decided_at = models.DateTimeField(null=True, blank=True)
    hold_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hold_reason = models.TextField(blank=True)

    # Triage: which organisation answers it, and when officials first did.
    assigned_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("assigned organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_proposals",
    )
    first_response_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Provenance of proposals imported from an older petition or idea system (manage.py
    # import_proposals, docs/import.md); empty for proposals written here.
    source = models.CharField(
        _("imported from"),
        max_length=50,
        blank=True,
        default="",
        help_text=_("Short name of the system this proposal was imported from; empty if written here."),
    )
    source_id = models.CharField(
        _("original id"), max_length=100, blank=True, default="", help_text=_("Its id in that system.")
    )
    source_url = models.URLField(
        _("original address"), max_length=500, blank=True, default="", help_text=_("Its page in that system.")
    )
    imported_support_count = models.PositiveIntegerField(
        _("supports in the original system"),
        null=True,
        blank=True,
        help_text=_("How many people supported it there (not Fieldwork supports); empty if unknown."),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = NEWEST_FIRST
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            # One per sort of the public list (ideas/proposals/filters.py SORTS).
            *(
                index_class(fields=fields, name=name, condition=PUBLIC, include=LISTING_FILTER_COLUMNS)
                for index_class, name, fields in [
                    (models.Index, "public_supported_idx", ["-support_count", "-id"]),
                    (models.Index, "public_discussed_idx", ["-comment_count", "-id"]),
                    (models.Index, "public_updated_idx", ["-updated_at", "-id"]),
                    (NullsLastIndex, "public_newest_idx", ["-submitted_at", "-id"]),
                ]
            ),
            models.Index(
                fields=["response_due_at", "id"], name="triage_queue_idx", condition=IN_TRIAGE, include=TRIAGE_COLUMNS
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~models.Q(source=""), name="one_proposal_per_source_id"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status not in self.PRIVATE_STATES and self.hidden_at is None and self.held_at is None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_awaiting_moderation(self):
        """Held and not decided yet (a proposal its author withdrew meanwhile waits for nothing)."""
        return self.held_at is not None and self.hold_decided_at is None and self.status != self.Status.WITHDRAWN

    @property
    def is_rejected_by_moderators(self):
        return self.held_at is not None and self.hold_decided_at is not None

    @property
    def is_editable_by_author(self):
        return self.status in self.EDITABLE_STATES and not self.is_rejected_by_moderators

    @property
    def can_be_withdrawn(self):
        return self.Status.WITHDRAWN in self.TRANSITIONS[self.status]

    @property
    def is_open_for_support(self):
        return self.is_public and self.status in self.SUPPORTABLE_STATES

    @property
    def is_open_for_comments(self):
        return self.is_public and self.status != self.Status.WITHDRAWN

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.status]

    @property
    def is_in_triage(self):
        """Open for an official decision (submitted, under review or waiting for information)."""
        return self.status in self.TRIAGE_STATES

    @property
    def days_to_response_deadline(self):
        """Whole days until officials must answer; zero or less when the deadline has passed."""
        if self.response_due_at is None:
            return None
        return math.ceil((self.response_due_at - timezone.now()).total_seconds() / 86400)

    @property
    def decisions(self):
        """The states an official may move this proposal to now (the author's moves excluded)."""
        return [s for s in self.Status if s in self.TRANSITIONS[self.status] and s in self.OFFICIAL_DECISIONS]


def attachment_path(instance, filename):
    # The stored name never comes from the user: only the checked extension does.
    ext = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}[instance.content_type]
    return f"proposals/{timezone.now():%Y/%m}/{instance.token}.{ext}"


class Attachment(models.Model):
    CONTENT_TYPES = ("image/jpeg", "image/png", "application/pdf")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class StatusChange(models.Model):
    """One entry of a proposal's public timeline. Written once, never edited."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="timeline")
    from_status = models.CharField(max_length=16, choices=Proposal.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Proposal.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        # The latest changes across all proposals: the home page and the status-change feed.
        indexes = [models.Index(fields=["-created_at", "-id"], name="timeline_latest_idx")]

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status or '-'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Timeline entries cannot be edited.")
        super().save(*args, **kwargs)


class Assignment(models.Model):
    """A triager handed a proposal to an organisation. Written once, never edited."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.proposal_id} → {self.organisation}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Assignments cannot be edited.")
        super().save(*args, **kwargs)


class ExpertReview(models.Model):
    """A verified field expert's structured assessment of a proposal (one per expert, editable)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_reviews")
    feasibility = models.TextField(
        _("feasibility"), max_length=4000, help_text=_("Could this work in practice? What would it take?")
    )
    risks = models.TextField(_("risks"), max_length=4000, help_text=_("What could go wrong, and for whom?"))
    measures = models.TextField(
        _("what a pilot should measure"),
        max_length=4000,
        help_text=_("The figures that would show whether it works, for example minutes per patient."),
    )
    rating = models.PositiveSmallIntegerField(
        _("overall rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 means not worth piloting, 5 means pilot it now."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_expert"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.proposal_id}: {self.rating}/5"


class SupportInvalidation(models.Model):
    """Staff invalidated the supports matching these criteria (docs/security.md, "Supports:
    anti-fraud"). The supports stay, pointing here, as the evidence of what was removed."""

    created_at = models.DateTimeField(_("when"), default=timezone.now)
    # Kept if the staff account is deleted: the audit log still says who.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    network = models.CharField(_("IP range"), max_length=50, blank=True)
    email_domain = models.CharField(_("e-mail domain"), max_length=255, blank=True)
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    support_total = models.PositiveIntegerField(_("supports"), default=0)
    account_total = models.PositiveIntegerField(_("accounts"), default=0)
    proposal_total = models.PositiveIntegerField(_("proposals"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support invalidation")
        verbose_name_plural = _("support invalidations")

    def __str__(self):
        criteria = " ".join(filter(None, [self.network, self.email_domain]))
        return f"{criteria} {self.start:%Y-%m-%d %H:%M}–{self.end:%Y-%m-%d %H:%M}"


class Support(models.Model):
    """One account's support of a proposal, with where it came from (for anti-fraud)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(default=timezone.now)
    # The client's address and its /24 (IPv4) or /48 (IPv6), purged after
    # FIELDWORK["IP_RETENTION_DAYS"]; the account's e-mail domain at the time, kept.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    ip_range = models.CharField(_("IP range"), max_length=50, null=True, blank=True)
    email_domain = models.CharField(_("e-mail domain"), max_length=255, blank=True, default="")
    invalidation = models.ForeignKey(
        SupportInvalidation,
        verbose_name=_("invalidated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supports",
        db_index=False,  # the partial index below: valid supports (nearly all) stay out of it
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_account")]
        # Each index costs every support a write (docs/security.md): these three serve the staff
        # page's time windows, the invalidation criteria and the purge of old addresses.
        indexes = [
            models.Index(fields=["created_at"], name="support_created_idx"),
            models.Index(fields=["email_domain", "created_at"], name="support_domain_idx"),
            models.Index(fields=["ip_address"], condition=models.Q(ip_address__isnull=False), name="support_ip_idx"),
            models.Index(
                fields=["invalidation"], condition=models.Q(invalidation__isnull=False), name="support_invalidated_idx"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} supports {self.proposal_id}"

    @property
    def is_valid(self):
        return self.invalidation_id is None


class Follow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="one_follow_per_account")]

    def __str__(self):
        return f"{self.user_id} follows {self.proposal_id}"


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        # The discussion is paginated by thread: count them and skip to any page from the index.
        indexes = [
            models.Index(
                fields=["proposal", "created_at", "id"], condition=models.Q(parent=None), name="comment_thread_idx"
            )
        ]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        """A permalink, which sends to the page of the discussion showing the comment."""
        return reverse("proposals:comment", args=[self.pk])

    @property
    def is_removed(self):
        return self.removed_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Flag(models.Model):
    """A citizen's report that a proposal or a comment breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("spam or advertising")
        ABUSE = "abuse", _("abusive or hateful")
        PERSONAL_DATA = "personal_data", _("reveals someone's personal data")
        MISLEADING = "misleading", _("false or misleading")
        OTHER = "other", _("something else")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="flags", null=True, blank=True)
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags", null=True, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False, comment__isnull=True)
                | models.Q(proposal__isnull=True, comment__isnull=False),
                name="flag_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=models.Q(resolved_at__isnull=True, proposal__isnull=False),
                name="one_open_flag_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(resolved_at__isnull=True, comment__isnull=False),
                name="one_open_flag_per_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target}"

    @property
    def target(self):
        return self.proposal or self.comment


class ModerationDecision(models.Model):
    """Staff hid or restored a proposal or comment. The author sees the reason."""

    class Action(models.TextChoices):
        HIDE = "hide", _("hidden")
        RESTORE = "restore", _("restored")
        DISMISS = "dismiss", _("flags dismissed")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField()
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.proposal or self.comment}"
