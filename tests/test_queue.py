"""Background tasks through the real queue: the RQ backend on Redis, run by a real RQ worker.

The worker is RQ's ``SimpleWorker`` in burst mode, in the test process: the same worker code
as ``manage.py rqworker`` (which forks a child per job), against a real Redis, reading the
test database of this process. Each pytest-xdist worker uses its own Redis database
(``TEST_QUEUE_URL``, default 12 + worker number), flushed before and after each test.

Without Redis these tests are skipped, saying why; with ``FIELDWORK_REQUIRE_REDIS=1`` (set
by ``.ci/run``) they fail instead, so CI cannot pass without running them.
"""

import os
import time

import django_rq
import pytest
import redis
from django.core import mail
from django_tasks import TaskResultStatus, default_task_backend
from rq import SimpleWorker

from ideas.api.models import DataExport
from ideas.api.tasks import regenerate_open_data
from ideas.notifications.models import Notification

from .conftest import decide


def _queue_url(worker_id):
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    return os.environ.get("TEST_QUEUE_URL", f"redis://127.0.0.1:6379/{12 + number % 3}")


@pytest.fixture
def rq_queue(settings, worker_id):
    url = _queue_url(worker_id)
    connection = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.exceptions.RedisError as exc:
        reason = f"Redis is not reachable at {url} ({exc}); the real-queue tests need it."
        if os.environ.get("FIELDWORK_REQUIRE_REDIS"):
            pytest.fail(reason + " FIELDWORK_REQUIRE_REDIS is set, so this is a failure, not a skip.")
        pytest.skip(reason)
    connection.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": settings.RQ_BACKEND}}
    yield django_rq.get_queue("default")
    connection.flushdb()
    connection.close()


def work(queue):
    """Run a real RQ worker until the queue is empty (with the scheduler, as deployed)."""
    worker = SimpleWorker([queue], connection=queue.connection, job_class=django_rq.jobs.get_job_class())
    worker.work(burst=True, with_scheduler=True)
    return worker


def test_the_settings_choose_rq_when_a_queue_is_configured(rq_queue):
    backend = regenerate_open_data.get_backend()
    assert type(backend).__name__ == "RQBackend"
    assert backend.supports_defer
    assert not list(backend.check())


def test_a_decision_is_e_mailed_by_a_worker_not_in_the_request(
    rq_queue, django_capture_on_commit_callbacks, citizen, make_proposal, staff
):
    proposal = make_proposal(citizen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(proposal, staff, "accepted")
    notification = Notification.objects.get(recipient=citizen, kind=Notification.Kind.STATUS_CHANGE)
    assert not mail.outbox, "the e-mail must wait for a worker"
    [job_id] = rq_queue.job_ids
    assert default_task_backend.get_result(job_id).status == TaskResultStatus.READY

    work(rq_queue)

    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert notification.message in mail.outbox[0].body
    result = default_task_backend.get_result(job_id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert rq_queue.count == 0


def test_a_deferred_regeneration_waits_for_its_time_then_a_worker_writes_the_files(
    rq_queue, django_capture_on_commit_callbacks, citizen, make_proposal, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.OPEN_DATA = {**settings.OPEN_DATA, "REGENERATE_DELAY_SECONDS": 2}
    with django_capture_on_commit_callbacks(execute=True):
        make_proposal(citizen)  # a change to open data: one regeneration, 2 seconds later
    registry = rq_queue.scheduled_job_registry
    [job_id] = registry.get_job_ids()
    result = default_task_backend.get_result(job_id)
    assert result.task.name == "regenerate_open_data" and result.status == TaskResultStatus.READY

    work(rq_queue)  # too early: the scheduler leaves it where it is
    assert registry.get_job_ids() == [job_id]
    assert not DataExport.objects.exists()

    deadline = time.monotonic() + 10
    while default_task_backend.get_result(job_id).status != TaskResultStatus.SUCCESSFUL:
        assert time.monotonic() < deadline, "the scheduled regeneration never ran"
        time.sleep(0.5)
        work(rq_queue)

    exports = DataExport.objects.all()
    assert exports.count() >= 2
    proposals_csv = exports.get(dataset="proposals", format="csv")
    assert proposals_csv.rows == 1
    assert (tmp_path / proposals_csv.path).read_text(encoding="utf-8-sig").startswith("id,")


def test_a_failing_task_is_reported_as_failed(rq_queue, db, monkeypatch):
    from ideas.api import exports

    def broken():
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "regenerate", broken)
    result = regenerate_open_data.enqueue()
    work(rq_queue)
    result = default_task_backend.get_result(result.id)
    assert result.status == TaskResultStatus.FAILED
    assert "disk full" in result.errors[-1].traceback
