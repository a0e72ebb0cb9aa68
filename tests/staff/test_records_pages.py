"""The records pages of the back office: who may open them, what they change, and how many
queries they run. Closure days (`/staff/calendar/`), and the stored dates the queue and the
case page read after an extension past the maximum."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from putright.cases import services
from putright.cases.models import Case, ClosureDay, StageRecord, TimelineEvent
from putright.core import clock
from putright.core.policy import working_calendar
from tests.cases.test_journeys import response
from tests.staff.personas import Council, complaint_at_stage1
from tests.staff.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REFUSED, REDIRECT, BAD = 200, 403, 302, 400


def next_weekday(after: int) -> dt.date:
    day = clock.today() + dt.timedelta(days=after)
    while not working_calendar().is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def closure_form(day: dt.date, name: str = "Council closure day") -> dict[str, object]:
    return {
        "day_day": day.day,
        "day_month": day.month,
        "day_year": day.year,
        "name": name,
        "kind": "closure",
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_the_complaints_team_opens_the_closure_days_page(
    role: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    expected = OK if role == "complaints" else REFUSED
    assert client_for(role).get("/staff/calendar/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_complaints_team_adds_or_removes_a_closure_day(
    role: str, council: Council, client_for: Callable[[str], Client]
) -> None:
    day = next_weekday(3)
    kept = ClosureDay.objects.create(day=next_weekday(30), name="Kept", added_at=timezone.now())
    client = client_for(role)

    added = client.post("/staff/calendar/", closure_form(day))
    removed = client.post(f"/staff/calendar/{kept.pk}/remove/")

    if role == "complaints":
        assert (added.status_code, removed.status_code) == (REDIRECT, REDIRECT)
        assert list(ClosureDay.objects.filter(removed_at__isnull=True)) == [
            ClosureDay.objects.get(day=day)
        ]
    else:
        assert (added.status_code, removed.status_code) == (REFUSED, REFUSED)
        assert list(ClosureDay.objects.filter(removed_at__isnull=True)) == [kept]


class TestClosureDaysPage:
    def test_adding_a_day_inside_a_window_moves_the_deadline_and_says_so(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        stage = StageRecord.objects.get(case=case, number=1)
        assert stage.respond_by is not None
        day = next_weekday(1)
        client = client_for("complaints")

        reply = client.post("/staff/calendar/", closure_form(day), follow=True)

        stage.refresh_from_db()
        assert stage.respond_by == working_calendar().add_working_days(
            stage.acknowledged_on or clock.today(), 10
        )
        assert "Deadlines moved on 1 open case(s)" in reply.content.decode()
        entry = TimelineEvent.objects.get(case=case, action="deadlines_moved")
        assert entry.actor_label == "Jess Walker"
        assert f"{day.day} {day:%B %Y}" in entry.summary
        assert f"{day.day} {day:%B %Y}" in client.get("/staff/calendar/").content.decode()

    def test_a_weekend_day_is_refused_with_a_clear_message_and_changes_nothing(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        complaint_at_stage1(council)
        saturday = clock.today() + dt.timedelta(days=(5 - clock.today().weekday()) % 7 or 7)
        events = TimelineEvent.objects.count()

        reply = client_for("complaints").post("/staff/calendar/", closure_form(saturday))

        assert reply.status_code == BAD
        assert "is a weekend day" in reply.content.decode()
        assert not ClosureDay.objects.exists()
        assert TimelineEvent.objects.count() == events

    def test_a_missing_date_is_refused_with_a_clear_message(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        reply = client_for("complaints").post("/staff/calendar/", {"name": "x", "kind": "closure"})
        assert reply.status_code == BAD
        assert "Enter the date" in reply.content.decode()

    def test_the_page_runs_a_fixed_number_of_queries(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        ClosureDay.objects.create(day=next_weekday(3), name="Day 0", added_at=timezone.now())
        one = queries_for(client, "/staff/calendar/")
        for i in range(1, 30):
            ClosureDay.objects.create(
                day=next_weekday(3 + i * 7), name=f"Day {i}", added_at=timezone.now()
            )
        assert queries_for(client, "/staff/calendar/") == one


class TestExtensionPastTheMaximumInTheQueue:
    def test_the_queue_shows_the_agreed_date_and_the_response_is_within_an_agreed_extension(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        stage = StageRecord.objects.get(case=case, number=1)
        assert stage.max_by is not None
        agreed = working_calendar().add_working_days(stage.max_by, 5)
        priya = client_for("priya")

        extended = priya.post(
            f"/staff/cases/{case.reference}/extend/",
            {
                "new_due_day": agreed.day,
                "new_due_month": agreed.month,
                "new_due_year": agreed.year,
                "reason": "Waiting for the structural engineer's report",
                "good_reason": "The engineer cannot visit sooner",
                # the version of the case the page showed, as the real form sends it
                "version": Case.objects.get(pk=case.pk).version,
            },
        )
        queue = client_for("complaints").get("/staff/cases/?queue=all").content.decode()

        assert extended.status_code == REDIRECT
        assert f"{agreed:%-d %b %Y}" in queue
        assert f"{stage.max_by:%-d %b %Y}" not in queue
        case.refresh_from_db()
        services.stage_respond(
            case=case, actor=council["priya"].actor, content=response(1), on=agreed
        )
        page = priya.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Within an agreed extension" in page
