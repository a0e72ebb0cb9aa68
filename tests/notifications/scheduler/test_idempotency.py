"""Running the scheduler twice for the same day sends each reminder once; so do two
schedulers running at the same moment; and a run that fails part-way records nothing it did
not send."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction

from putright.cases import services
from putright.cases.models import Case, Officer
from putright.cases.services import ActionOwner, Actor
from putright.notifications.models import SentReminder
from putright.notifications.scheduler import base, reminders, scheduler_run
from tests.notifications.scheduler.conftest import outbox, run

D = dt.date
# Wednesday 23 December 2026: something of every kind of reminder falls due.
DAY = D(2026, 12, 23)


@pytest.fixture
def one_of_each(complaint: Callable[..., Case], officer: Officer, team: Actor) -> list[Case]:
    """Cases with every kind of reminder due on DAY."""
    me = Actor.of(officer)
    soon = complaint(D(2026, 12, 9), D(2026, 12, 11))  # response due 29 December
    today = complaint(D(2026, 12, 7), D(2026, 12, 9))  # response due 23 December
    overdue = complaint(D(2026, 12, 4), D(2026, 12, 8))  # response was due 22 December
    services.action_add(
        case=soon,
        actor=me,
        description="Repaint",
        owner=ActionOwner(kind="staff", officer=officer),
        due_on=D(2027, 2, 1),
        update_every_days=5,
        on=D(2026, 12, 16),
    )
    services.contractor_feedback_request(
        case=today, actor=me, contractor="Acme", on=D(2026, 12, 22)
    )
    services.restriction_impose(
        case=overdue,
        actor=team,
        restriction="Email only",
        reason="Abusive calls",
        scope="written_only",
        starts_on=D(2026, 12, 1),
        review_on=DAY,
    )
    services.adjustment_add(case=overdue, actor=team, kind="braille", review_on=DAY)
    held = complaint(D(2026, 11, 2), D(2026, 11, 4))
    services.case_hold(
        case=held, actor=team, ground="under_council_investigation", on=D(2026, 11, 24)
    )
    return [soon, today, overdue, held]


EVERY_KIND = {
    "deadline_soon": 1,
    "deadline_due": 1,
    "deadline_overdue": 1,
    "action_update": 1,
    "contractor_feedback": 1,
    "restriction_review": 1,
    "adjustment_review": 1,
    "hold_review": 1,
}


@pytest.mark.django_db
class TestTwiceForTheSameDay:
    def test_every_reminder_is_sent_once_however_often_the_day_is_run(
        self, one_of_each: list[Case]
    ) -> None:
        first = run(DAY)
        assert Counter(m.kind for m in outbox()) == EVERY_KIND
        assert sum(r.reminders for r in first) == len(EVERY_KIND)

        second = run(DAY)
        run(DAY)

        assert Counter(m.kind for m in outbox()) == EVERY_KIND
        assert SentReminder.objects.count() == len(EVERY_KIND)
        assert sum(r.emails for r in second) == 0
        assert sum(r.already_sent for r in second) == len(EVERY_KIND)

    def test_a_scheduler_beaten_to_its_reminders_between_looking_and_sending_sends_none(
        self, one_of_each: list[Case], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Another scheduler commits the same reminders after this one found them and before
        it records them: the unique key, not the look-up, decides."""
        send = base.reminders_send
        beaten: list[str] = []

        def other_scheduler_first(job: str, reminders: Any, *, ctx: base.JobContext) -> Any:
            reminders = list(reminders)
            if job not in beaten:
                beaten.append(job)
                send(job, reminders, ctx=ctx)  # the other scheduler, in between
            return send(job, reminders, ctx=ctx)

        monkeypatch.setattr(reminders, "reminders_send", other_scheduler_first)
        results = run(DAY)
        assert Counter(m.kind for m in outbox()) == EVERY_KIND
        assert sum(r.emails for r in results) == 0  # this scheduler's own runs sent nothing

    def test_a_run_that_fails_part_way_records_nothing_and_the_next_run_sends_it_all(
        self, one_of_each: list[Case], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = base.email_enqueue
        calls = 0

        def fails_on_the_second(**kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise ConnectionError("database went away")
            return real(**kwargs)

        monkeypatch.setattr(base, "email_enqueue", fails_on_the_second)
        with pytest.raises(AssertionError, match="database went away"):
            run(DAY, "deadline_reminders")
        assert outbox() == [] and not SentReminder.objects.exists()

        monkeypatch.setattr(base, "email_enqueue", real)
        run(DAY, "deadline_reminders")
        assert Counter(m.kind for m in outbox()) == {"deadline_soon": 1, "deadline_due": 1}


@pytest.mark.django_db(transaction=True)
class TestDeliveredOnce:
    def test_the_command_run_twice_for_a_day_delivers_each_reminder_once(
        self, one_of_each: list[Case]
    ) -> None:
        """Real commits: the outbox is delivered after each (the test settings' immediate
        task backend), so what reached the mail server is in mail.outbox."""
        for _ in range(2):
            call_command("run_scheduler", "--date", DAY.isoformat(), stdout=StringIO())
        subjects = Counter(m.subject for m in mail.outbox)
        assert len(subjects) == len(EVERY_KIND)
        assert set(subjects.values()) == {1}


@contextmanager
def _atomic_after(barrier: threading.Barrier) -> Iterator[None]:
    barrier.wait(timeout=20)
    with transaction.atomic():
        yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
)
class TestTwoSchedulersAtOnce:
    def test_two_schedulers_running_the_same_day_together_send_each_reminder_once(
        self, one_of_each: list[Case], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Both find the same reminders, then both try to record them at the same moment:
        the second INSERT waits for the first transaction and then does nothing."""
        barrier = threading.Barrier(2)

        class Synchronised:
            atomic = staticmethod(lambda: _atomic_after(barrier))

        monkeypatch.setattr(base, "transaction", Synchronised)
        results: list[int] = []
        errors: list[BaseException] = []
        lock = threading.Lock()

        def scheduler() -> None:
            try:
                emails = sum(r.emails for r in scheduler_run(on=DAY, jobs=["deadline_reminders"]))
                with lock:
                    results.append(emails)
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=scheduler) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors
        assert sorted(results) == [0, 2]
        assert Counter(m.kind for m in outbox()) == {"deadline_soon": 1, "deadline_due": 1}
        assert Counter(m.subject for m in mail.outbox).most_common(1)[0][1] == 1
