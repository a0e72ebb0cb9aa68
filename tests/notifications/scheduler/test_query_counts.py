"""Each job takes a fixed number of queries however many cases it looks at: one more per
email it writes (the outbox row), and nothing more per case. Retention takes a fixed number
per batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.cases import services
from putright.cases.models import Case, Officer
from putright.cases.services import ActionOwner, Actor
from putright.notifications.scheduler import scheduler_run
from tests.notifications.scheduler.conftest import outbox

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2026, 12, 23)


def queries(job: str, on: D = DAY) -> int:
    with CaptureQueriesContext(connection) as captured:
        (result,) = scheduler_run(on=on, jobs=[job])
    assert not result.error, result.error
    return len(captured)


def cost(make: Callable[[], object], job: str, on: D = DAY) -> tuple[int, int, int]:
    """Queries of `job` sending one email, then three more (four cases due, one of them
    reminded already), then nothing (all four reminded already)."""
    make()
    one = queries(job, on)
    assert len(outbox()) == 1
    for _ in range(3):
        make()
    three = queries(job, on)
    assert len(outbox()) == 4
    quiet = queries(job, on)
    assert len(outbox()) == 4
    return one, three, quiet


class TestFixedQueriesPerJob:
    def test_deadline_reminders(self, complaint: Callable[..., Case]) -> None:
        one, three, quiet = cost(
            lambda: complaint(D(2026, 12, 9), D(2026, 12, 11)), "deadline_reminders"
        )
        # The same queries for one case as for four, plus one outbox INSERT per email.
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_overdue_alerts(self, complaint: Callable[..., Case]) -> None:
        one, three, quiet = cost(
            lambda: complaint(D(2026, 12, 4), D(2026, 12, 8)), "overdue_alerts"
        )
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_action_update_reminders(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        def make() -> None:
            case = complaint(D(2026, 12, 9), D(2026, 12, 11))
            services.action_add(
                case=case,
                actor=Actor.of(officer),
                description="Repaint",
                owner=ActionOwner(kind="contractor", name="Acme"),
                due_on=D(2027, 2, 1),
                update_every_days=5,
                on=D(2026, 12, 16),
            )

        one, three, quiet = cost(make, "action_update_reminders")
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_contractor_feedback_reminders(
        self, complaint: Callable[..., Case], officer: Officer
    ) -> None:
        def make() -> None:
            case = complaint(D(2026, 12, 9), D(2026, 12, 11))
            services.contractor_feedback_request(
                case=case, actor=Actor.of(officer), contractor="Acme", on=D(2026, 12, 22)
            )

        one, three, quiet = cost(make, "contractor_feedback_reminders")
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_review_reminders(self, complaint: Callable[..., Case], team: Actor) -> None:
        def make() -> None:
            case = complaint(D(2026, 12, 9))
            services.adjustment_add(case=case, actor=team, kind="large_print", review_on=DAY)

        one, three, quiet = cost(make, "review_reminders")
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_hold_reviews(self, complaint: Callable[..., Case], team: Actor) -> None:
        def make() -> None:
            case = complaint(D(2026, 11, 2), D(2026, 11, 4))
            services.case_hold(
                case=case, actor=team, ground="under_council_investigation", on=D(2026, 11, 24)
            )

        one, three, quiet = cost(make, "hold_reviews")
        assert (one, three) == (quiet + 1, quiet + 3)

    def test_retention_takes_the_same_queries_for_one_case_as_for_three(
        self, complaint: Callable[..., Case], team: Actor
    ) -> None:
        def closed_cases(n: int, closed: D) -> None:
            for _ in range(n):
                case = complaint(D(2026, 11, 2), D(2026, 11, 4))
                services.case_withdraw(case=case, actor=team, channel="phone", on=closed)

        closed_cases(1, D(2026, 11, 5))
        closed_cases(3, D(2026, 11, 6))
        one = queries("retention", D(2032, 11, 5))
        three = queries("retention", D(2032, 11, 6))
        none = queries("retention", D(2032, 11, 6))
        assert Case.objects.filter(anonymised_at__isnull=False).count() == 4
        assert one == three
        # The closure days kept as data (the calendar), the complaints team's address, then
        # the one empty look-up.
        assert none == 3
