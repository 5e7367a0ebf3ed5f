from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ideas.audit.admin_mixins import AuditedAdmin

from . import services
from .models import ExpertApplication, ExpertProfile, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class AuditedMembershipsMixin:
    """Memberships granted, changed and ended here go through ``ideas.accounts.services``,
    which records each in the audit log, in the admin's transaction; so do the memberships
    that end because their account or organisation is deleted."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_revoke(actor=request.user, membership=membership)
        for membership, _fields in formset.changed_objects:
            stored = Membership.objects.get(pk=membership.pk)
            if membership.user_id != stored.user_id:  # another person: one role ends, another begins
                services.membership_revoke(actor=request.user, membership=stored)
                membership.pk = services.membership_grant(
                    actor=request.user, user=membership.user, organisation=membership.organisation, role=membership.role
                ).pk
            else:
                services.membership_change(
                    actor=request.user, membership=stored, organisation=membership.organisation, role=membership.role
                )
        for membership in formset.new_objects:
            membership.pk = services.membership_grant(
                actor=request.user, user=membership.user, organisation=membership.organisation, role=membership.role
            ).pk

    def delete_model(self, request, obj):
        with transaction.atomic():
            services.memberships_end(actor=request.user, holder=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                services.memberships_end(actor=request.user, holder=obj)
            super().delete_queryset(request, queryset)


@admin.register(User)
class UserAdmin(AuditedMembershipsMixin, AuditedAdmin, BaseUserAdmin):
    """Staff status, superuser status, permission groups and permissions changed here are
    recorded in the audit log (``services.account_roles_record``), as are memberships; other
    changes as ``admin.change`` with the names of the fields."""

    audit_ignored_fields = ("is_staff", "is_superuser", "groups", "user_permissions")
    audit_ignored_inlines = (Membership,)

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
    # Records, not settings: deleted_at is set by accounts.services.account_delete only.
    readonly_fields = ["last_login", "date_joined", "deleted_at"]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        obj._roles_before = services.account_roles_snapshot(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # groups and permissions, memberships
        services.account_roles_record(actor=request.user, user=form.instance, before=form.instance._roles_before)


@admin.register(Organisation)
class OrganisationAdmin(AuditedMembershipsMixin, AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ExpertApplication)
class ExpertApplicationAdmin(AuditedAdmin, admin.ModelAdmin):
    """Read-only here: staff decide on the review page, which tells the applicant."""

    list_display = ["user", "profession", "workplace", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "profession", "workplace"]
    readonly_fields = [f.name for f in ExpertApplication._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ExpertProfile)
class ExpertProfileAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["user", "profession", "workplace", "verified_at"]
    search_fields = ["user__email", "profession"]
    autocomplete_fields = ["user"]
    readonly_fields = ["application"]
