"""The delivery task on each task backend: immediate, dummy, the database and Redis (RQ)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus, default_task_backend
from django.test import override_settings

from putright.notifications.models import OutboxMessage
from putright.notifications.services import email_enqueue
from putright.notifications.tasks import deliver_outbox
from tests.notifications.conftest import free_port, smtp_mailers

State = OutboxMessage.State
REDIS_URL = "redis://127.0.0.1:6379/0"


def acknowledge(n: int = 0) -> OutboxMessage:
    return email_enqueue(
        to=f"resident{n}@example.org",
        subject="We have received your complaint",
        body="Thank you.",
        kind="acknowledgement",
    )


@pytest.mark.django_db(transaction=True)
class TestOnTheDatabaseBackend:
    @pytest.fixture(autouse=True)
    def database_backend(self) -> Iterator[None]:
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        ):
            yield

    def test_commit_queues_a_task_and_the_db_worker_delivers(self) -> None:
        from django_tasks_db.models import DBTaskResult

        with transaction.atomic():
            for n in range(3):
                acknowledge(n)
        assert DBTaskResult.objects.count() == 1  # one task for the whole transaction
        assert mail.outbox == []

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

        assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}
        assert len(mail.outbox) == 3
        result = DBTaskResult.objects.get()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value["sent"] == 3

    def test_a_rolled_back_change_queues_no_task(self) -> None:
        from django_tasks_db.models import DBTaskResult

        with pytest.raises(RuntimeError), transaction.atomic():
            acknowledge()
            raise RuntimeError("change abandoned")

        assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
class TestFollowUps:
    @pytest.fixture(autouse=True)
    def dummy_backend(self) -> Iterator[None]:
        with override_settings(
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        ):
            yield

    def test_a_run_that_leaves_a_retry_comes_back_when_it_falls_due(self, settings: Any) -> None:
        settings.MAILERS = smtp_mailers(free_port())  # nothing listens: a temporary failure
        with transaction.atomic():
            acknowledge()

        outcome = deliver_outbox.call()

        row = OutboxMessage.objects.get()
        assert (outcome["retrying"], row.state) == (1, State.QUEUED)
        (follow_up,) = default_task_backend.results  # type: ignore[attr-defined]
        assert follow_up.task.run_after == row.next_attempt_at

    def test_a_run_that_empties_the_outbox_schedules_nothing(self) -> None:
        with transaction.atomic():
            acknowledge()

        outcome = deliver_outbox.call()

        assert outcome["sent"] == 1
        assert default_task_backend.results == []  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_task_runs_through_rq_on_the_real_redis_server() -> None:
    """Once, for real: enqueue through django-tasks-rq, run it with an in-process burst
    worker (same thread, so it sees this test's database), then clean Redis up."""
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue_name = f"putright-test-{uuid.uuid4().hex}"
    tasks_setting = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
        "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]},
    }
    # django-tasks-rq reads results through the "default" RQ connection, so it must exist;
    # nothing is put on that queue.
    rq_queues = {"default": {"URL": REDIS_URL}, queue_name: {"URL": REDIS_URL}}
    with override_settings(TASKS=tasks_setting, RQ_QUEUES=rq_queues):
        queue = django_rq.get_queue(queue_name, job_class=Job)
        connection = queue.connection
        try:
            with transaction.atomic():
                for n in range(2):
                    acknowledge(n)

            result = deliver_outbox.using(backend="redis", queue_name=queue_name).enqueue()
            assert queue.count == 1

            worker = SimpleWorker([queue], connection=connection, job_class=Job, name=queue_name)
            assert worker.work(burst=True)

            result.refresh()
            assert result.status == TaskResultStatus.SUCCESSFUL
            assert result.return_value["sent"] == 2
            assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}
            assert len(mail.outbox) == 2
        finally:
            queue.delete(delete_jobs=True)
            for key in connection.scan_iter(match=f"*{queue_name}*"):
                connection.delete(key)
            if "result" in locals():
                connection.delete(f"rq:job:{result.id}", f"rq:results:{result.id}")
