"""The audit log keeps every entry as written."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

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
    ],
    ids=["save", "delete", "queryset update", "queryset delete"],
)
def test_no_code_path_changes_or_deletes_an_entry(entry, change):
    with pytest.raises(AppendOnlyError):
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
