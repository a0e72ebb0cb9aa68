"""The demo council and the bulk loader build valid data through the same rules."""

from io import StringIO

import pytest
from django.core.management import call_command

from putright.cases.models import Case, Officer, Service, TimelineEvent
from putright.cases.references import reference_is_valid

pytestmark = pytest.mark.django_db


class TestSeedDemo:
    def test_it_builds_a_council_with_cases_in_many_states_and_prints_the_personas(self) -> None:
        out = StringIO()
        call_command("seed_demo", "--cases", "60", stdout=out)
        assert Service.objects.count() >= 10
        assert Officer.objects.filter(is_independent=True).exists()
        statuses = set(Case.objects.values_list("status", flat=True))
        assert {"received", "in_progress", "closed"} <= statuses
        assert Case.objects.count() >= 50
        # Every demo case was made by the services: each has its timeline.
        assert TimelineEvent.objects.values("case").distinct().count() == Case.objects.count()
        assert "complaints.team" in out.getvalue()

    def test_if_empty_does_nothing_when_cases_exist(self) -> None:
        call_command("seed_demo", "--cases", "5", stdout=StringIO())
        count = Case.objects.count()
        out = StringIO()
        call_command("seed_demo", "--if-empty", stdout=out)
        assert Case.objects.count() == count
        assert "already loaded" in out.getvalue()


class TestSeedBulk:
    def test_it_inserts_n_cases_with_valid_references_and_one_event_each(self) -> None:
        out = StringIO()
        call_command("seed_bulk", "--cases", "250", "--batch", "100", stdout=out)
        assert Case.objects.count() == 250
        assert all(reference_is_valid(r) for r in Case.objects.values_list("reference", flat=True))
        assert TimelineEvent.objects.count() == 250
        assert '"n": 250' in out.getvalue()
