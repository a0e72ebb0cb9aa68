"""The triage inbox: oldest received first as it says, a due-by column with its state, a
count and a search; a contact the person added to before triage is still classified in one
action."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable

from django.test import Client

from putright.cases import services
from putright.cases.models import Case, Contact
from putright.core import clock
from tests.staff.personas import Council, complaint_new


def received_dates(content: bytes) -> list[str]:
    return [d.decode() for d in re.findall(rb'data-received="([0-9-]+)"', content)]


def test_the_inbox_lists_50_contacts_oldest_received_first_as_it_says(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    today = clock.today()
    days = [today - dt.timedelta(days=d) for d in range(50)]
    random.Random(11).shuffle(days)
    for n, day in enumerate(days):
        kind = ("complaint", "comment", "service_request")[n % 3]
        complaint_new(council, received=day, kind=kind, text=f"Contact number {n}")
    client = client_for("complaints")

    first = client.get("/staff/inbox/").content
    second = client.get("/staff/inbox/?page=2").content

    assert b"oldest received first" in first
    listed = received_dates(first) + received_dates(second)
    assert listed == sorted(d.isoformat() for d in days)
    assert "50 new contacts waiting for triage" in first.decode()


def test_it_shows_when_each_contact_is_due_and_whether_it_is_on_track(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council, kind="complaint")
    content = client_for("complaints").get("/staff/inbox/").content.decode()
    row = content.split(f'data-case-id="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert case.next_deadline_on is not None
    assert f"{case.next_deadline_on.day} {case.next_deadline_on:%b %Y}" in row
    assert re.search(r"On track|Due within|Overdue", row)


def test_the_search_finds_a_contact_by_name_or_reference(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    wanted = complaint_new(
        council, person=services.PersonDetails(name="Zara Quinn", email="z@example.org")
    )
    other = complaint_new(council)
    client = client_for("complaints")

    by_name = client.get("/staff/inbox/?q=zara").content
    by_reference = client.get(f"/staff/inbox/?q={wanted.reference.lower()}").content

    for content in (by_name, by_reference):
        assert f'data-case-id="{wanted.pk}"'.encode() in content
        assert f'data-case-id="{other.pk}"'.encode() not in content
        assert b"1 new contact waiting for triage" in content


def test_a_contact_the_person_added_to_before_triage_is_classified_in_one_action(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council, kind="complaint")
    # "Tell us something more" on the public site, before anyone has triaged the contact.
    services.issue_add(
        case=case, actor=services.RESIDENT_ONLINE, text="The damp is in the hall too", related=True
    )
    assert Contact.objects.filter(case=case).count() == 2  # it joined the waiting contact
    client = client_for("complaints")
    assert f'data-case-id="{case.pk}"'.encode() in client.get("/staff/inbox/").content

    response = client.post(
        f"/staff/inbox/{case.reference}/classify/",
        {
            "classify-kind": "complaint",
            "classify-reason": "Unhappy with the repair",
            "classify-version": Case.objects.get(pk=case.pk).version,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(pk=case.pk)
    assert case.kind == "complaint"
    assert not Contact.objects.filter(case=case, triaged_at__isnull=True).exists()
    assert f'data-case-id="{case.pk}"'.encode() not in client.get("/staff/inbox/").content


def test_the_inbox_search_runs_a_fixed_number_of_queries(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from tests.staff.test_query_counts import queries_for

    client = client_for("complaints")
    complaint_new(council, text="Mould in the kitchen")
    one = queries_for(client, "/staff/inbox/?q=mould")
    for i in range(49):
        complaint_new(council, text=f"Mould in the kitchen, again {i}")

    assert queries_for(client, "/staff/inbox/?q=mould") == one
