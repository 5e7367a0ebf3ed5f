from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are never added, changed or deleted here (or anywhere). Staff read
    and filter the log on /audit/, which also downloads it as CSV."""

    list_display = ["created_at", "action", "who", "organisation", "object_repr"]
    list_filter = ["action", "organisation", ("created_at", admin.DateFieldListFilter), "content_type"]
    list_select_related = ["organisation"]
    search_fields = ["object_repr", "reason", "object_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    actions = None

    @admin.display(description=_("who"), ordering="actor_id")
    def who(self, entry):
        return _("account %(n)s") % {"n": entry.actor_id} if entry.actor_id else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
