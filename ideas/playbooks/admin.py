from django.contrib import admin

from ideas.audit.admin_mixins import AuditedAdmin

from .models import Adoption, ModelVersion


@admin.register(Adoption)
class AdoptionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["page", "organisation", "status", "started_on", "feedback_addressed_in"]
    list_filter = ["status"]
    list_select_related = ["page", "organisation", "feedback_addressed_in"]
    readonly_fields = ["page", "organisation", "version", "recorded_by", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ModelVersion)
class ModelVersionAdmin(AuditedAdmin, admin.ModelAdmin):
    """Versions are written when Wagtail publishes a model; they are history, never edited."""

    list_display = ["page", "number", "published_at", "published_by", "change_note"]
    list_select_related = ["page", "published_by"]
    readonly_fields = [f.name for f in ModelVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
