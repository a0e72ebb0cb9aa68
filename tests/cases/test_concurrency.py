"""Two officers acting on the same case at once: one wins, the other gets a clear conflict."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from putright.cases import services
from putright.cases.models import Case, Officer, Service, StageRecord
from putright.cases.services import Actor, CaseConflict


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
)
class TestTwoOfficersAtOnce:
    def test_two_threads_allocating_the_same_case_see_one_success_and_one_conflict(
        self,
        housing_repairs: Service,
        new_complaint: Callable[..., Case],
        complaints_team: Actor,
        stage1_officer: Officer,
        stage2_officer: Officer,
    ) -> None:
        case = new_complaint(housing_repairs, dt.date(2026, 11, 2))
        copies = [Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)]
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        lock = threading.Lock()

        def act(copy: Case, officer: Officer) -> None:
            try:
                barrier.wait(timeout=10)
                services.case_allocate(
                    case=copy, actor=complaints_team, officer=officer, on=dt.date(2026, 11, 3)
                )
                result = "ok"
            except CaseConflict as exc:
                assert "Someone else has just changed case" in str(exc)
                result = "conflict"
            finally:
                connections.close_all()
            with lock:
                outcomes.append(result)

        threads = [
            threading.Thread(target=act, args=(copies[0], stage1_officer)),
            threading.Thread(target=act, args=(copies[1], stage2_officer)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(outcomes) == ["conflict", "ok"]
        case.refresh_from_db()
        assert case.version == 2
        record = StageRecord.objects.get(case=case, number=1)
        assert len(record.handled_by) == 1  # the loser's write was rolled back, nothing half-done
        assert case.timeline.filter(action="allocate").count() == 1
