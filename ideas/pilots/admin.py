from django.contrib import admin

from ideas.audit.admin_mixins import AuditedAdmin

from .models import Iteration, Measurement, Metric, Pilot


class MetricInline(admin.TabularInline):
    model = Metric
    extra = 0


@admin.register(Pilot)
class PilotAdmin(AuditedAdmin, admin.ModelAdmin):
    """Corrections of text only: pilots are created, started and concluded on their pages,
    whose services check who may act and notify the people behind the proposals."""

    list_display = ["title", "lead_organisation", "status", "outcome", "planned_start", "started_on"]
    list_filter = ["status", "outcome", "lead_organisation"]
    search_fields = ["title"]
    list_select_related = ["lead_organisation"]
    readonly_fields = ["status", "outcome", "started_on", "concluded_on", "created_by", "created_at", "updated_at"]
    filter_horizontal = ["partner_organisations"]
    raw_id_fields = ["proposals"]
    inlines = [MetricInline]

    def has_add_permission(self, request):
        return False


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Iteration)
class IterationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["pilot", "number", "period_start", "period_end", "decision"]
    list_select_related = ["pilot"]
    readonly_fields = ["pilot", "number", "recorded_by", "created_at", "updated_at"]
    inlines = [MeasurementInline]

    def has_add_permission(self, request):
        return False
