"""The case page shows the whole complaint and everything about the person an officer needs:
contact details and preferences including the address, tenancy, the representative."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from putright.cases import services
from putright.cases.services import PersonDetails
from tests.staff.personas import Council, complaint_new

LONG = (
    "Black mould has spread across the bedroom ceiling and down the wall behind the wardrobe. "
    "I reported it in March, again in April and twice in May. Each time I was told someone "
    "would call to book an inspection and nobody did. My son has asthma and has been to the "
    "GP three times since the spring. The last call handler said the job had been closed as "
    "completed, which it was not. I want the mould treated, the room redecorated, and to "
    "know why the job was closed."
)


def test_the_whole_complaint_is_shown_never_cut_mid_sentence(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council, text=LONG)
    page = client_for("complaints").get(f"/staff/cases/{case.reference}/").content.decode()
    assert LONG in page


def test_it_shows_the_address_preferences_tenancy_and_representative(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    person = PersonDetails(
        name="Margaret Wilson",
        address="12 Elm Road\nNorthfield",
        postcode="NF1 2AB",
        is_tenant_or_leaseholder=True,
        preferred_contact_method="letter",
    )
    case = complaint_new(council, person=person)
    services.representative_add(
        case=case,
        actor=council["complaints"].actor,
        name="Tom Wilson",
        relationship="family",
        email="tom.wilson@example.org",
        organisation="",
    )

    page = client_for("complaints").get(f"/staff/cases/{case.reference}/").content.decode()

    address = page.split('id="person-address"', 1)[1].split("</dd>", 1)[0]
    assert "12 Elm Road<br>Northfield" in address and "NF1 2AB" in address
    assert "Prefers: letter" in page
    assert "Council tenant or leaseholder" in page.split('id="tenancy"', 1)[1][:200]
    assert "tom.wilson@example.org" in page
