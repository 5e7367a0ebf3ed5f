"""The audit log keeps every entry as written."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from ideas.accounts import personal_data
from ideas.audit.models import AppendOnlyError, AuditEntry
from ideas.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(staff, proposal):
    return audit_record(actor=staff, action=AuditEntry.Action.CONTENT_HIDDEN, target=proposal, reason="Spam")


def test_an_entry_names_who_did_what_to_which_object(entry, staff, proposal):
    assert AuditEntry.objects.for_object(proposal).get() == entry
    assert (entry.actor, entry.object_repr, entry.reason) == (staff, str(proposal), "Spam")


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.save(),
        lambda e: e.delete(),
        lambda e: AuditEntry.objects.filter(pk=e.pk).update(reason="edited"),
        lambda e: AuditEntry.objects.filter(pk=e.pk).delete(),
        lambda e: AuditEntry._base_manager.filter(pk=e.pk).update(reason="edited"),
        lambda e: AuditEntry.objects.bulk_update([e], ["reason"]),
        lambda e: AuditEntry.objects.filter(pk=e.pk)._raw_delete(connection.alias),
        lambda e: AuditEntry.objects.update_or_create(pk=e.pk, defaults={"reason": "edited"}),
    ],
    ids=["save", "delete", "queryset update", "queryset delete", "base manager", "bulk", "raw delete", "upsert"],
)
def test_no_code_path_changes_or_deletes_an_entry(entry, change):
    with pytest.raises(AppendOnlyError), transaction.atomic():  # (bulk_update runs in one)
        change(entry)
    entry.refresh_from_db()
    assert entry.reason == "Spam"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("sql", ["UPDATE audit_auditentry SET reason = 'edited'", "DELETE FROM audit_auditentry"])
def test_the_database_refuses_raw_changes(entry, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    entry.refresh_from_db()
    assert entry.reason == "Spam"


def test_deleting_the_actor_or_the_object_leaves_the_entry(entry, staff, proposal):
    proposal_repr = str(proposal)
    proposal.delete()
    staff.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.object_repr == proposal_repr
    assert entry.actor_id is not None  # the id stays; the account is gone


IDEAS = Path(__file__).resolve().parents[1] / "ideas"
CHANGING = {"update", "delete", "bulk_update", "update_or_create", "_raw_delete", "raw"}


def _changes_of_audit_entries(tree):
    """Calls like ``AuditEntry.objects.filter(...).update(...)``: a changing method called on an
    expression that mentions the model (or its table)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CHANGING:
            receiver = ast.unparse(node.func.value)
            if "AuditEntry" in receiver or "auditentry" in receiver.lower():
                yield node.lineno, ast.unparse(node)


def test_no_code_in_ideas_changes_or_deletes_audit_entries():
    found = []
    for path in IDEAS.rglob("*.py"):
        source = path.read_text()
        found += [
            (str(path.relative_to(IDEAS)), line, code) for line, code in _changes_of_audit_entries(ast.parse(source))
        ]
        if "migrations" not in path.parts:
            # No raw SQL on the table either (only the trigger's migration names it).
            assert "audit_auditentry" not in source.lower(), path
    assert found == []
    # The checker finds what it looks for.
    assert list(_changes_of_audit_entries(ast.parse("AuditEntry.objects.filter(pk=1).update(reason='x')")))


def test_deleting_an_account_keeps_its_audit_entries():
    rules = {key: rule for key, rule in personal_data.ON_DELETION.items() if key.startswith("audit.")}
    assert rules == {"audit.AuditEntry.actor": personal_data.KEEP}
    assert not any(label.startswith("audit.") for label in personal_data.GENERIC_LABELS)


def test_the_django_admin_shows_entries_read_only(admin_client, entry):
    changelist = admin_client.get(reverse("admin:audit_auditentry_changelist"), {"action__exact": entry.action})
    assert changelist.status_code == 200 and entry.object_repr in changelist.content.decode()
    change = admin_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200 and 'name="reason"' not in change.content.decode()  # shown, not editable
    assert (
        admin_client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"reason": "x"}).status_code == 403
    )
    assert (
        admin_client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    )
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.reason == "Spam"


def test_nothing_in_wagtail_or_django_deletes_entries_with_their_objects(entry, proposal, staff):
    """The entry points at its object, actor and organisation without constraints: deleting
    them (or a group, or anything) leaves it."""
    Group.objects.create(name="Temporary").delete()
    proposal.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
