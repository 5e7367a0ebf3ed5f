from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import ExpertApplication, ExpertProfile, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "show_name_publicly", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "show_name_publicly", "language"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "show_name_publicly", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    readonly_fields = ["deleted_at"]  # set by accounts.services.account_delete only
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ExpertApplication)
class ExpertApplicationAdmin(admin.ModelAdmin):
    """Read-only here: staff decide on the review page, which tells the applicant."""

    list_display = ["user", "profession", "workplace", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "profession", "workplace"]
    readonly_fields = [f.name for f in ExpertApplication._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "profession", "workplace", "verified_at"]
    search_fields = ["user__email", "profession"]
    autocomplete_fields = ["user"]
    readonly_fields = ["application"]
