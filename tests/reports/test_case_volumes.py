"""The monthly count of cases received (CaseVolume) always equals a recount of the cases:
after registration, triage, acknowledgement with a category, exclusion, a move to another
service, the bulk loader, and the rebuild command; and the dashboard's volumes read from it
equal those counted from the cases."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from putright.cases import services
from putright.cases.bulk import cases_bulk_insert
from putright.cases.demo.build import reference_data_create
from putright.cases.models import Case, CaseVolume
from putright.cases.services import PersonDetails
from putright.cases.services.staff_intake import contact_service_change
from putright.core import clock
from putright.reports import selectors
from putright.reports.scope import ReportScope
from tests.reports.dataset import YEAR, build
from tests.staff.personas import Council

pytestmark = pytest.mark.django_db


def recount() -> Counter[tuple[object, ...]]:
    """The cases counted here, one by one, without the code under test."""
    return Counter(
        (
            c.received_on.replace(day=1),
            c.service_id,
            c.process,
            c.kind,
            c.channel,
            c.category_id or 0,
        )
        for c in Case.objects.all()
    )


def stored() -> Counter[tuple[object, ...]]:
    return Counter(
        {
            (v.month, v.service_id, v.process, v.kind, v.channel, v.category_key): v.n
            for v in CaseVolume.objects.all()
            if v.n
        }
    )


def registered(council: Council, kind: str = "complaint") -> Case:
    return services.contact_record(
        channel="email",
        person=PersonDetails(name="Ann Example", email="ann@example.org"),
        service=council.housing,
        text="Something went wrong.",
        actor=council["complaints"].actor,
        kind=kind,
        received_at=clock.now(),
    )


def test_every_move_of_the_reports_data_set_keeps_the_count_equal_to_a_recount(
    council: Council,
) -> None:
    build(council)

    assert Case.objects.exclude(category=None).exists()
    assert stored() == recount()
    assert sum(stored().values()) == Case.objects.count()


def test_triage_to_a_compliment_moves_the_case_to_its_new_kind(council: Council) -> None:
    case = registered(council)

    services.contact_triage(case=case, actor=council["complaints"].actor, kind="compliment")

    assert Case.objects.get(pk=case.pk).kind == "compliment"
    assert stored() == recount()
    assert CaseVolume.objects.get(kind="complaint").n == 0


def test_a_move_to_another_service_moves_the_case_to_its_new_key(council: Council) -> None:
    case = registered(council)

    contact_service_change(
        case=case, actor=council["complaints"].actor, service=council.waste, reason="Bins"
    )

    assert stored() == recount()
    assert CaseVolume.objects.get(service=council.housing).n == 0
    assert CaseVolume.objects.get(service=council.waste).n == 1


def test_the_bulk_loader_counts_its_cases() -> None:
    council = reference_data_create()
    cases_bulk_insert(n=500, services=list(council.services.values()), batch=150, seed=2)

    assert stored() == recount()
    assert sum(stored().values()) == 500


def test_the_rebuild_command_recounts_a_count_that_went_wrong(council: Council) -> None:
    build(council)
    CaseVolume.objects.update(n=7)
    CaseVolume.objects.create(
        month=dt.date(2020, 1, 1),
        service=council.waste,
        process="corporate",
        kind="complaint",
        channel="web",
        n=3,
    )

    call_command("case_volumes_rebuild", stdout=StringIO())

    assert stored() == recount()


def normalised(groups: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    # SQLite's month truncation may give a datetime where the count holds a date.
    return sorted(
        (
            g["month"].date() if isinstance(g["month"], dt.datetime) else g["month"],
            g["service_id"],
            g["kind"],
            g["channel"],
            g["category_id"] or 0,
            g["n"],
        )
        for g in groups
    )


@pytest.mark.parametrize("service", [None, "housing"])
def test_a_year_read_from_the_count_gives_the_groups_counted_from_the_cases(
    council: Council, service: str | None
) -> None:
    build(council)
    registered(council)  # today, outside the year
    year = ReportScope(
        start=YEAR[0],
        end=YEAR[1],
        today=YEAR[1],
        service_id=council.housing.pk if service else None,
    )

    from_count = selectors.volume_groups(year)

    assert from_count
    assert normalised(from_count) == normalised(selectors._volume_groups_of_cases(year))
