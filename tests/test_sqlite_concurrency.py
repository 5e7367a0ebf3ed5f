"""The embedded default survives concurrent users: SQLite in a file, in WAL mode with a busy
timeout and immediate transactions (ideas/settings.py, DATABASES), takes many writers at once
without "database is locked" and counts exactly."""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from ideas.proposals import services
from ideas.proposals.models import Comment, Proposal, Support

from .conftest import make_user

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="about the embedded default, SQLite"),
    pytest.mark.django_db(transaction=True),  # SQLite cannot copy a database inside its own write transaction
]


@contextmanager
def on_file(path):
    """This thread's default database is the SQLite file at ``path``, opened as the settings say."""
    previous = connections["default"]
    connections["default"] = DatabaseWrapper({**previous.settings_dict, "NAME": str(path)}, "default")
    try:
        yield connections["default"]
    finally:
        connections["default"].close()
        connections["default"] = previous


def copy_to_file(path):
    """The test database (in memory), schema and rows, copied to a file as a deployment has it."""
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return path


def test_a_fresh_connection_gets_wal_and_a_busy_timeout(tmp_path):
    with on_file(tmp_path / "new.sqlite3") as fresh, fresh.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL: safe in WAL mode, one sync per checkpoint
    assert fresh.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_many_people_supporting_and_commenting_at_once_are_all_counted(citizen, make_proposal, tmp_path):
    proposal = make_proposal(citizen)
    people = [make_user() for _ in range(12)]
    database_file = copy_to_file(tmp_path / "fieldwork.sqlite3")
    errors = []
    start = threading.Barrier(len(people))

    def take_part(person):
        with on_file(database_file):
            try:
                start.wait()
                services.support_add(proposal=proposal, user=person)
                services.follow_add(proposal=proposal, user=person)
                services.comment_add(proposal=proposal, author=person, body=f"I agree, {person.display_name}.")
            except Exception as exc:  # "database is locked" would land here
                errors.append(exc)

    threads = [threading.Thread(target=take_part, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with on_file(database_file):
        counted = Proposal.objects.get(pk=proposal.pk)
        assert counted.support_count == 12 == Support.objects.filter(proposal=proposal).count()
        assert counted.comment_count == 12 == Comment.objects.filter(proposal=proposal).count()
        assert counted.follows.count() == 13  # the author and everyone who took part
