"""The Ombudsman pages of a case: who may open them (the permission matrix), what a bad
form changes (nothing), and how many queries they and the case page run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from putright.accounts.services import case_access_grant
from putright.cases import services
from putright.cases.models import (
    Case,
    OmbudsmanCase,
    OmbudsmanEvidence,
    OmbudsmanOrder,
    TimelineEvent,
)
from putright.cases.services import EvidenceFile, OmbudsmanFindingInput, OmbudsmanOrderInput
from putright.core import clock
from tests.staff.personas import RESIDENT, Council, complaint_at_stage1
from tests.staff.test_query_counts import queries_for

pytestmark = pytest.mark.django_db
ROLES = ["complaints", "priya", "tom", "sam", "manager", "insight", "governance"]
OK, REFUSED, HIDDEN, BAD = 200, 403, 404, 400
ACTORS = {"complaints": OK, "priya": OK, "manager": OK, "tom": REFUSED, "sam": HIDDEN}
ACTING = {**ACTORS, "insight": REFUSED, "governance": REFUSED}
SEEING = {**dict.fromkeys(ROLES, OK), "sam": HIDDEN, "governance": REFUSED}


def determined(council: Council, case: Case, orders: int = 1) -> OmbudsmanCase:
    """An Ombudsman case determined with `orders` open orders, and one more already complied
    with (its file of evidence kept) through the service the comply page calls."""
    today = clock.today()
    actor = council["complaints"].actor
    record = services.ombudsman_case_open(
        case=case,
        actor=actor,
        ombudsman="housing_ombudsman",
        their_reference="202412345",
        enquiry_received_on=today - dt.timedelta(days=20),
        response_due_on=today,
    )
    case.refresh_from_db()
    services.ombudsman_determination_record(
        case=case,
        actor=actor,
        ombudsman_case=record,
        determined_on=today - dt.timedelta(days=5),
        determination="Maladministration",
        findings=[OmbudsmanFindingInput("Mould", "maladministration")],
        orders=[
            *(
                OmbudsmanOrderInput(f"Order {i}", today + dt.timedelta(days=i))
                for i in range(orders)
            ),
            OmbudsmanOrderInput("Order complied with", today + dt.timedelta(days=orders)),
        ],
    )
    case.refresh_from_db()
    services.ombudsman_order_comply(
        case=case,
        actor=actor,
        order=record.orders.get(order="Order complied with"),
        evidence="Paid",
        uploads=(EvidenceFile("e.pdf", "application/pdf", 8, ContentFile(b"%PDF-1.4")),),
        on=today,
    )
    case.refresh_from_db()
    return record


def open_order(record: OmbudsmanCase) -> OmbudsmanOrder:
    order = record.orders.filter(complied_on=None).order_by("pk").first()
    assert order is not None
    return order


@pytest.fixture
def case(council: Council) -> Case:
    return complaint_at_stage1(council, officer="priya")


def pages(case: Case, record: OmbudsmanCase) -> list[tuple[str, dict[str, int]]]:
    base = f"/staff/cases/{case.reference}/ombudsman"
    order = open_order(record)
    evidence = OmbudsmanEvidence.objects.filter(order__ombudsman_case=record).first()
    assert evidence is not None
    return [
        (f"{base}/open/", ACTING),
        (f"{base}/information/{record.pk}/", ACTING),
        (f"{base}/determination/{record.pk}/", ACTING),
        (f"{base}/order/{record.pk}/", ACTING),
        (f"{base}/comply/{order.pk}/", ACTING),
        (f"{base}/evidence/{evidence.pk}/", SEEING),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_allowed_or_refused_on_every_ombudsman_page(
    role: str, case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    record = determined(council, case)
    client = client_for(role)
    for url, expected in pages(case, record):
        assert client.get(url).status_code == expected[role], url


def test_a_restricted_case_ombudsman_pages_are_hidden_from_everyone_not_named(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    staff = RESIDENT.__class__(name="Alex Staff", email="alex@example.org", is_staff_member=True)
    restricted = complaint_at_stage1(council, officer="priya", person=staff)
    Case.objects.filter(pk=restricted.pk).update(restricted=True)
    restricted.refresh_from_db()
    record = determined(council, restricted)
    for url, _ in pages(restricted, record):
        assert client_for("complaints").get(url).status_code == HIDDEN, url
    case_access_grant(case=restricted, user=council["complaints"].user, granted_by=None, reason="x")
    assert client_for("complaints").get(pages(restricted, record)[1][0]).status_code == OK


def test_an_order_of_another_case_is_not_found(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    other = complaint_at_stage1(council, officer="priya")
    order = open_order(determined(council, other))
    url = f"/staff/cases/{case.reference}/ombudsman/comply/{order.pk}/"
    assert client_for("complaints").get(url).status_code == HIDDEN


class TestBadInputChangesNothing:
    def test_opening_without_details_shows_each_error(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        events = TimelineEvent.objects.count()
        reply = client_for("priya").post(f"/staff/cases/{case.reference}/ombudsman/open/", {})
        content = reply.content.decode()
        assert reply.status_code == BAD
        assert "Choose the Ombudsman" in content
        assert "Enter the date of the enquiry" in content
        assert not OmbudsmanCase.objects.exists()
        assert TimelineEvent.objects.count() == events

    def test_a_response_date_before_the_enquiry_is_refused(
        self, case: Case, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        before = today - dt.timedelta(days=3)
        reply = client_for("priya").post(
            f"/staff/cases/{case.reference}/ombudsman/open/",
            {
                "ombudsman": "housing_ombudsman",
                "enquiry_received_on_day": today.day,
                "enquiry_received_on_month": today.month,
                "enquiry_received_on_year": today.year,
                "response_due_on_day": before.day,
                "response_due_on_month": before.month,
                "response_due_on_year": before.year,
            },
        )
        assert reply.status_code == BAD
        assert "must be on or after the date of the enquiry" in reply.content.decode()
        assert not OmbudsmanCase.objects.exists()

    def test_compliance_with_a_file_that_is_not_a_pdf_is_refused(
        self, case: Case, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        order = open_order(determined(council, case))
        today = clock.today()
        fake = ContentFile(b"MZ not a pdf", name="evidence.pdf")
        reply = client_for("priya").post(
            f"/staff/cases/{case.reference}/ombudsman/comply/{order.pk}/",
            {
                "evidence": "Paid",
                "file": fake,
                "complied_on_day": today.day,
                "complied_on_month": today.month,
                "complied_on_year": today.year,
            },
        )
        assert reply.status_code == BAD
        assert "is not a real PDF file" in reply.content.decode()
        assert OmbudsmanOrder.objects.get(pk=order.pk).complied_on is None


def test_the_case_page_runs_a_fixed_number_of_queries_whatever_the_ombudsman_records(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("priya")
    determined(council, case, orders=1)
    one = queries_for(client, f"/staff/cases/{case.reference}/")
    for _ in range(3):
        case.refresh_from_db()
        determined(council, case, orders=4)
    assert queries_for(client, f"/staff/cases/{case.reference}/") == one


def test_each_ombudsman_form_runs_a_fixed_number_of_queries(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    client = client_for("priya")
    record = determined(council, case, orders=1)
    urls = [url for url, _ in pages(case, record)[:-1]]
    first = [queries_for(client, url) for url in urls]
    case.refresh_from_db()
    determined(council, case, orders=6)
    assert [queries_for(client, url) for url in urls] == first


def test_the_work_queue_flags_an_ombudsman_order_due_and_overdue(
    case: Case, council: Council, client_for: Callable[[str], Client]
) -> None:
    record = determined(council, case, orders=1)
    queue = client_for("complaints").get("/staff/cases/?queue=all").content.decode()
    assert "Ombudsman order due" in queue
    OmbudsmanOrder.objects.filter(ombudsman_case=record).update(
        due_on=clock.today() - dt.timedelta(days=1)
    )
    queue = client_for("complaints").get("/staff/cases/?queue=all").content.decode()
    assert "Ombudsman order overdue" in queue
