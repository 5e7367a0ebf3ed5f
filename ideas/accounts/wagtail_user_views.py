"""Wagtail's user views, recording role changes in the audit log.

Wagtail lets staff make an account a superuser ("Administrator") and change its permission
groups. These views record that through ``ideas.accounts.services`` in the transaction that
saves the account; deleting an account there ends its memberships first, each recorded.
"""

from django.db import transaction
from wagtail.users.views import users

from . import services


class _RolesAudited:
    def save_instance(self):
        before = services.account_roles_snapshot(self.form.instance)
        instance = super().save_instance()
        services.account_roles_record(actor=self.request.user, user=instance, before=before)
        return instance


class CreateView(_RolesAudited, users.CreateView):
    pass


class EditView(_RolesAudited, users.EditView):
    pass


class DeleteView(users.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            services.memberships_end(actor=self.request.user, holder=self.object)
            super().delete_action()


class AuditedUserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
