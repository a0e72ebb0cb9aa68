"""Timeline events are evidence: added, never changed or removed (Housing Ombudsman Code 5.12)."""

import pytest
from django.db import DatabaseError, connection, transaction

from putright.cases.models import TimelineEvent, TimelineIsAppendOnly
from tests.cases.factories import CaseFactory, TimelineEventFactory

pytestmark = pytest.mark.django_db


class TestTimelineIsAppendOnly:
    def test_an_event_cannot_be_saved_again_after_a_change(self) -> None:
        event = TimelineEventFactory()
        event.summary = "rewritten"
        with pytest.raises(TimelineIsAppendOnly):
            event.save()

    def test_an_event_cannot_be_deleted(self) -> None:
        event = TimelineEventFactory()
        with pytest.raises(TimelineIsAppendOnly):
            event.delete()

    def test_a_queryset_cannot_update_events(self) -> None:
        TimelineEventFactory()
        with pytest.raises(TimelineIsAppendOnly):
            TimelineEvent.objects.all().update(summary="rewritten")

    def test_a_queryset_cannot_delete_events(self) -> None:
        TimelineEventFactory()
        with pytest.raises(TimelineIsAppendOnly):
            TimelineEvent.objects.filter(action="test").delete()

    def test_deleting_the_case_does_not_take_its_timeline_with_it(self) -> None:
        case = CaseFactory()
        TimelineEventFactory(case=case)
        with pytest.raises(Exception, match="protected"):
            case.delete()
        assert TimelineEvent.objects.filter(case=case).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL trigger is PostgreSQL's")
class TestTimelineTriggerOnPostgres:
    def test_sql_update_is_refused(self) -> None:
        event = TimelineEventFactory()
        with (
            pytest.raises(DatabaseError, match="cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "UPDATE cases_timelineevent SET summary = 'rewritten' WHERE id = %s", [event.pk]
            )
        event.refresh_from_db()
        assert event.summary != "rewritten"

    def test_sql_delete_is_refused(self) -> None:
        event = TimelineEventFactory()
        with (
            pytest.raises(DatabaseError, match="cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("DELETE FROM cases_timelineevent WHERE id = %s", [event.pk])
        assert TimelineEvent.objects.filter(pk=event.pk).exists()

    def test_the_retention_job_may_redact_in_place(self) -> None:
        event = TimelineEventFactory()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL putright.timeline_redaction = 'on'")
            cursor.execute(
                "UPDATE cases_timelineevent SET summary = 'redacted' WHERE id = %s", [event.pk]
            )
        event.refresh_from_db()
        assert event.summary == "redacted"
