from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ideas.audit.admin_mixins import AuditedAdmin
from ideas.core.exceptions import ActionRefused

from . import services
from .models import Category, Challenge, Comment, ExpertReview, Flag, ModerationDecision, Proposal, Region, StatusChange


@admin.register(Category, Region)
class ReferenceDataAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_ko", "position"]
    list_editable = ["position"]


@admin.register(Challenge)
class ChallengeAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["title", "owner", "deadline", "created_at"]
    list_filter = ["owner"]
    search_fields = ["title"]
    # Changed on the challenge form, which writes the audit log (docs/security.md).
    readonly_fields = ["premoderation"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "actor_organisation", "reason", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin, admin.ModelAdmin):
    """Corrections of text and classification only: states, counters and moderation
    change through the services (the pages), which keep the timeline and notify people."""

    list_display = ["title", "status", "category", "region", "support_count", "comment_count", "submitted_at"]
    list_filter = ["status", "category", "region"]
    search_fields = ["title"]
    list_select_related = ["category", "region"]
    readonly_fields = [
        "author",
        "status",
        "language",
        "support_count",
        "comment_count",
        "support_threshold_reached_at",
        "created_at",
        "updated_at",
        "submitted_at",
        "response_due_at",
        "hidden_at",
        "hidden_reason",
        "held_at",
        "hold_decided_at",
        "hold_decided_by",
        "hold_reason",
        "assigned_organisation",
        "first_response_at",
        "merged_into",
    ]
    inlines = [StatusChangeInline]
    actions = ["start_review"]

    @admin.action(description=_("Start the review of the selected proposals"))
    def start_review(self, request, queryset):
        """The one decision that needs no public reason; the same service as the triage page."""
        done = 0
        for proposal in queryset:
            try:
                services.proposal_decide(
                    proposal=proposal, actor=request.user, decision=Proposal.Status.UNDER_REVIEW, reason=""
                )
                done += 1
            except (ActionRefused, PermissionDenied) as refusal:
                message = getattr(refusal, "message", None) or _("You may not decide on it.")
                self.message_user(request, f"{proposal}: {message}", messages.WARNING)
        if done:
            message = ngettext(
                "%(count)d proposal is now under review.", "%(count)d proposals are now under review.", done
            )
            self.message_user(request, message % {"count": done})

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        from ideas.search import api as search

        super().save_model(request, obj, form, change)
        search.index_proposal(obj)


@admin.register(Comment)
class CommentAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["proposal", "author", "created_at", "removed_at", "hidden_at"]
    readonly_fields = [
        "proposal",
        "parent",
        "author",
        "created_at",
        "edited_at",
        "removed_at",
        "hidden_at",
        "hidden_reason",
    ]
    list_select_related = ["proposal", "author"]

    def has_add_permission(self, request):
        return False


@admin.register(Flag)
class FlagAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["reason", "proposal", "comment", "created_at", "resolved_at"]
    list_filter = ["reason"]
    readonly_fields = [f.name for f in Flag._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["action", "proposal", "comment", "moderator", "created_at"]
    readonly_fields = [f.name for f in ModerationDecision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExpertReview)
class ExpertReviewAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "rating", "created_at"]
    list_select_related = ["proposal", "reviewer"]
    readonly_fields = ["proposal", "reviewer", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False
