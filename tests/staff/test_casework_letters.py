"""Every move that promises a letter sends one: the thank-you for a comment or compliment
(passed to its service), the acknowledgement with what the council is and is not
responsible for, its "expected delay" variant, asking the person to clarify; and the
invitation to the next stage reads its window from the process configuration."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from putright.cases.models import Service
from putright.core.policy import policy_config
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from tests.staff.personas import Council, complaint_at_stage1, complaint_new


def acknowledge(client: Client, case_reference: str, version: int, **changes: str) -> object:
    data = {
        "version": version,
        "issues": "The boiler is broken",
        "outcomes_sought": "Fix it",
        "definition_state": "agreed",
        **changes,
    }
    return client.post(f"/staff/cases/{case_reference}/acknowledge/", data)


def test_a_compliment_is_thanked_in_writing_and_passed_to_its_service(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    Service.objects.filter(pk=council.housing.pk).update(manager_email="repairs@example.gov.uk")
    case = complaint_new(council, kind="compliment", text="The plumber was wonderful.")

    response = client_for("complaints").post(
        f"/staff/inbox/{case.reference}/classify/",
        {
            "classify-version": case.version,
            "classify-kind": "compliment",
            "classify-reason": "Praise",
        },
    )

    assert response.status_code == 302
    assert IssuedLetter.objects.filter(case=case, kind="compliment_thanks").exists()
    routed = OutboxMessage.objects.get(
        case_reference=case.reference, kind="feedback_routed:compliment"
    )
    assert routed.to_address == "repairs@example.gov.uk"
    assert "The plumber was wonderful." in routed.body_text


def test_the_acknowledgement_says_what_the_council_is_and_is_not_responsible_for(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)

    acknowledge(
        client_for("complaints"),
        case.reference,
        case.version,
        responsible="Repairs to the boiler we installed",
        not_responsible="The gas supply, which is the supplier's",
    )

    letter = IssuedLetter.objects.get(case=case, kind="acknowledgement")
    assert "What the council is responsible for" in letter.body_text
    assert "Repairs to the boiler we installed" in letter.body_text
    assert "The gas supply, which is the supplier's" in letter.body_text


def test_the_expected_delay_variant_can_be_chosen(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)

    acknowledge(
        client_for("complaints"),
        case.reference,
        case.version,
        expected_delay="We need a specialist survey first.",
    )

    letter = IssuedLetter.objects.get(case=case)
    assert letter.kind == "acknowledgement_delay"
    assert "We need a specialist survey first." in letter.body_text


def test_asking_the_person_to_clarify_sends_them_the_question(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)

    acknowledge(
        client_for("complaints"),
        case.reference,
        case.version,
        definition_state="clarification_asked",
    )

    letter = IssuedLetter.objects.get(case=case, kind="acknowledgement")
    assert "Please check this with us" in letter.body_text
    assert OutboxMessage.objects.filter(
        case_reference=case.reference, to_address=letter.to_address
    ).exists()


def test_the_invitation_to_the_next_stage_reads_its_window_from_the_configuration(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_at_stage1(council)
    days = policy_config().version_by_key(case.policy_version).stage(1).escalation_window_days

    page = client_for("priya").get(f"/staff/cases/{case.reference}/respond/").content.decode()

    assert f"within {days} working days" in page


def test_an_update_on_an_outstanding_action_reaches_the_person_in_writing(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    from putright.cases import services
    from putright.core import clock
    from putright.core.policy import working_calendar

    case = complaint_at_stage1(council)
    action = services.action_add(
        case=case,
        actor=council["priya"].actor,
        description="Treat the mould",
        owner=services.ActionOwner(kind="contractor", name="Northfield Damp Ltd"),
        due_on=working_calendar().add_working_days(clock.today(), 20),
        update_every_days=5,
    )
    case.refresh_from_db()

    response = client_for("priya").post(
        f"/staff/cases/{case.reference}/records/action-update/{action.pk}/",
        {"version": case.version, "text": "The contractor has booked the visit."},
    )

    assert response.status_code == 302
    letter = IssuedLetter.objects.get(case=case, kind="action_update")
    assert "The contractor has booked the visit." in letter.body_text
    following = working_calendar().add_working_days(clock.today(), 5)
    assert f"by {following:%-d %B %Y}" in letter.body_text
    assert OutboxMessage.objects.filter(
        case_reference=case.reference, to_address="margaret.wilson@example.org"
    ).exists()


def test_the_letter_a_move_would_send_is_previewed_and_nothing_changes(
    council: Council, client_for: Callable[[str], Client]
) -> None:
    case = complaint_new(council)
    version = case.version

    response = client_for("complaints").post(
        f"/staff/cases/{case.reference}/acknowledge/",
        {
            "version": case.version,
            "issues": "The boiler is broken",
            "outcomes_sought": "Fix it",
            "definition_state": "agreed",
            "preview": "1",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview: " in page
    assert "The boiler is broken" in page[page.index("letter-preview") :]
    assert "Nothing has been sent yet." in page
    case.refresh_from_db()
    assert (case.status, case.version) == ("received", version)
    assert not IssuedLetter.objects.filter(case=case).exists()
    assert not OutboxMessage.objects.filter(case_reference=case.reference).exists()
