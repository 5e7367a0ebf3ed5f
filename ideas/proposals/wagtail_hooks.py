from django.db import transaction
from wagtail import hooks
from wagtail.actions.edit import EditAction

from . import services
from .models import ModerationSettings


class EditModerationSettings(EditAction):
    """Wagtail's edit of the site's pre-moderation (/admin/settings/), recorded in the audit log
    in the same transaction."""

    def _edit(self, skip_permission_checks=False):
        with transaction.atomic():
            instance = super()._edit(skip_permission_checks=skip_permission_checks)
            if self.form is not None and self.form.changed_data:
                changes = {
                    name: (self.form.initial.get(name), self.form.cleaned_data[name]) for name in self.form.changed_data
                }
                services.setting_change_record(actor=self.user, target=instance, changes=changes)
        return instance


@hooks.register("register_actions")
def register_moderation_settings_edit(registry):
    registry.register(ModerationSettings, EditModerationSettings)
