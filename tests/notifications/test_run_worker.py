"""`manage.py run_worker`: the task worker, reporting in so /healthz can tell it stopped."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.log import configure_logging
from pytest_django.fixtures import Settings

from putright.notifications.models import Heartbeat


@pytest.mark.django_db(transaction=True)
def test_it_records_a_heartbeat_while_it_runs(settings: Settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = StringIO()

    call_command("run_worker", "--batch", "--worker-id", "test-worker", stdout=out, stderr=out)

    beat = Heartbeat.objects.get(name="worker")
    assert beat.detail == "db_worker test-worker"


def test_each_line_is_printed_once_under_debug(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.DEBUG = True  # as under `make run`
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    try:
        logging.getLogger("django.tasks").info("Task id=abc state=RUNNING")
        printed = capsys.readouterr()
    finally:
        settings.DEBUG = False
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    assert (printed.out + printed.err).count("Task id=abc state=RUNNING") == 1


def test_it_carries_on_when_the_database_restarts(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.db import OperationalError
    from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

    from putright.notifications.management.commands import run_worker

    runs: list[int] = []

    def handle(self: object, *args: object, **options: object) -> None:
        runs.append(1)
        if len(runs) == 1:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(DbWorkerCommand, "handle", handle)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(run_worker, "_beat", lambda stop, detail: None)

    call_command("run_worker", "--batch")

    assert len(runs) == 2
