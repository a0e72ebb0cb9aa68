"""`manage.py run_scheduler`: once for a day (cron, tests), or as the embedded loop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from putright.cases.models import Case
from putright.notifications.management.commands import run_scheduler
from putright.notifications.models import Heartbeat
from putright.notifications.scheduler import JOBS, UnknownJob, scheduler_run
from putright.notifications.scheduler.conf import scheduler_config
from tests.notifications.scheduler.conftest import outbox

pytestmark = pytest.mark.django_db
D = dt.date


def command(*args: str) -> str:
    out = StringIO()
    call_command("run_scheduler", *args, stdout=out, stderr=out)
    return out.getvalue()


class TestOnce:
    def test_date_runs_every_job_for_that_day_and_says_what_each_did(
        self, complaint: Callable[..., Case]
    ) -> None:
        complaint(D(2026, 12, 9), D(2026, 12, 11))
        out = command("--date", "2026-12-23")
        assert out.splitlines() == [
            "2026-12-23 deadline_reminders: 1 email(s), 1 reminder(s), 0 already sent",
            "2026-12-23 overdue_alerts: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 action_update_reminders: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 contractor_feedback_reminders: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 review_reminders: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 hold_reviews: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 ombudsman_order_reminders: 0 email(s), 0 reminder(s), 0 already sent",
            "2026-12-23 retention: anonymised 0 case(s)",
            "2026-12-23 orphaned_files: deleted 0 file(s) no case holds",
        ]
        assert command("--date", "2026-12-23", "--job", "deadline_reminders") == (
            "2026-12-23 deadline_reminders: 0 email(s), 0 reminder(s), 1 already sent\n"
        )

    def test_a_non_working_day_skips_the_reminders_but_not_retention(self) -> None:
        out = command("--date", "2026-12-28", "--job", "hold_reviews", "--job", "retention")
        assert out.splitlines() == [
            "2026-12-28 hold_reviews: skipped (2026-12-28 is not a working day)",
            "2026-12-28 retention: anonymised 0 case(s)",
        ]

    def test_once_runs_for_today(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(run_scheduler.clock, "today", lambda: D(2026, 12, 28))
        assert command("--once", "--job", "retention") == (
            "2026-12-28 retention: anonymised 0 case(s)\n"
        )

    def test_a_bad_date_or_job_is_refused(self) -> None:
        with pytest.raises(CommandError, match="give a date as YYYY-MM-DD"):
            command("--date", "23/12/2026")
        with pytest.raises(CommandError, match="invalid choice: 'reminders'"):
            command("--once", "--job", "reminders")
        with pytest.raises(UnknownJob, match="Unknown job"):
            scheduler_run(on=D(2026, 12, 23), jobs=["reminders"])

    def test_a_failing_job_is_reported_the_others_still_run_and_the_status_is_1(
        self, monkeypatch: pytest.MonkeyPatch, complaint: Callable[..., Case]
    ) -> None:
        complaint(D(2026, 12, 9), D(2026, 12, 11))

        def broken(ctx: Any) -> Any:
            raise RuntimeError("disk full")

        monkeypatch.setitem(JOBS, "overdue_alerts", broken)
        out = StringIO()
        with pytest.raises(CommandError) as failed:
            call_command("run_scheduler", "--date", "2026-12-23", stdout=out, stderr=out)
        assert failed.value.returncode == 1
        assert "overdue_alerts: FAILED: RuntimeError: disk full" in out.getvalue()
        assert [m.kind for m in outbox()] == ["deadline_soon"]


class TestLoop:
    def test_it_runs_the_days_jobs_once_at_or_after_run_at_then_waits_for_the_next_day(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        zone = timezone.get_current_timezone()
        times = iter(
            [
                dt.datetime(2026, 12, 23, 6, 59, tzinfo=zone),  # before 07:00: nothing yet
                dt.datetime(2026, 12, 23, 7, 0, tzinfo=zone),  # runs 23 December
                dt.datetime(2026, 12, 23, 15, 0, tzinfo=zone),  # already ran today
                dt.datetime(2026, 12, 24, 7, 5, tzinfo=zone),  # runs 24 December
            ]
        )
        days: list[D] = []

        def now() -> dt.datetime:
            try:
                return next(times)
            except StopIteration:
                raise KeyboardInterrupt from None

        monkeypatch.setattr(run_scheduler.clock, "now", now)
        monkeypatch.setattr(run_scheduler.time, "sleep", lambda seconds: None)
        monkeypatch.setattr(
            run_scheduler.Command, "run_day", lambda self, day, jobs: days.append(day) or 0
        )
        out = command()
        assert days == [D(2026, 12, 23), D(2026, 12, 24)]
        assert "run_scheduler: stopped" in out
        # Each wake-up tells /healthz the loop is alive.
        assert Heartbeat.objects.get(name="scheduler").detail == "last ran 2026-12-24"


class TestConfiguration:
    def test_defaults(self) -> None:
        config = scheduler_config()
        # Every daily job; the mailbox poll joins them only when a mailbox is configured.
        assert config.jobs == tuple(job for job in JOBS if job != "mailbox_poll")
        assert config.retention_years == 6
        assert config.deadline_reminder_working_days == 2
        assert config.run_at == dt.time(7, 0)

    def test_only_the_configured_jobs_run(self) -> None:
        with override_settings(PUTRIGHT_SCHEDULER={"JOBS": ["retention"]}):
            assert [r.job for r in scheduler_run(on=D(2026, 12, 23))] == ["retention"]

    @pytest.mark.parametrize(
        ("values", "message"),
        [
            ({"JOBS": ["retention", "tidy_up"]}, "unknown job"),
            ({"RUN_AT": "seven"}, "RUN_AT must be a time"),
            ({"RETENTION_YEARS": 0}, "RETENTION_YEARS must be 1 or more"),
        ],
    )
    def test_a_bad_setting_is_named(self, values: dict[str, Any], message: str) -> None:
        with (
            override_settings(PUTRIGHT_SCHEDULER=values),
            pytest.raises(ImproperlyConfigured, match=message),
        ):
            scheduler_config()

    def test_the_retention_period_is_a_setting(self, complaint: Callable[..., Case]) -> None:
        from putright.cases import services
        from putright.cases.services import Actor

        case = complaint(D(2026, 11, 2))
        services.case_withdraw(
            case=case, actor=Actor(label="Test"), channel="phone", on=D(2026, 11, 3)
        )
        with override_settings(PUTRIGHT_SCHEDULER={"RETENTION_YEARS": 7}):
            scheduler_run(on=D(2032, 11, 3), jobs=["retention"])
            case.refresh_from_db()
            assert case.anonymised_at is None
            scheduler_run(on=D(2033, 11, 3), jobs=["retention"])
            case.refresh_from_db()
            assert case.anonymised_at is not None
