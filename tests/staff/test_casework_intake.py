"""Complete staff intake in the triage inbox: the date received starts the clock, the date
of awareness flags a late complaint, a known person is found and chosen so their
adjustments follow, and the representative, the MP, adjustments and files are kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases import services
from putright.cases.models import Attachment, Case, Person, ReasonableAdjustment, Representative
from putright.cases.services import PersonDetails
from putright.cases.services.staff_intake import people_matching
from putright.core import clock
from putright.core.policy import policy_config, working_calendar
from putright.letters import workflows
from putright.letters.models import IssuedLetter
from tests.staff.personas import Council

PHONE = "01632 960 555"


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def last_friday() -> dt.date:
    today = clock.today()
    back = (today.weekday() - 4) % 7 or 7
    return today - dt.timedelta(days=back)


def date_fields(name: str, day: dt.date) -> dict[str, int]:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def log(client: Client, council: Council, **changes: object) -> object:
    data: dict[str, object] = {
        "channel": "phone",
        "kind": "complaint",
        "service": council.housing.pk,
        "name": "Dorothy Evans",
        "phone": PHONE,
        "text": "The heating has not worked for two weeks.",
        **changes,
    }
    return client.post("/staff/inbox/", data)


def new_case() -> Case:
    return Case.objects.order_by("-id").first()  # type: ignore[return-value]


class TestDatesAtIntake:
    def test_a_contact_received_last_friday_has_its_deadlines_counted_from_last_friday(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        friday = last_friday()

        response = log(client_for("complaints"), council, **date_fields("received_on", friday))

        assert response.status_code == 302  # type: ignore[attr-defined]
        case = new_case()
        days = policy_config().version_by_key(case.policy_version).acknowledge_days
        assert case.received_on == friday
        assert case.next_deadline_name == "acknowledge_by"
        assert case.next_deadline_on == working_calendar().add_working_days(friday, days)

    def test_a_contact_whose_awareness_was_13_months_ago_is_flagged_out_of_time(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        today = clock.today()
        aware = today.replace(year=today.year - 1) - dt.timedelta(days=31)
        client = client_for("complaints")

        log(client, council, **date_fields("aware_on", aware))

        case = new_case()
        assert case.out_of_time is True
        assert case.aware_on == aware
        inbox = client.get("/staff/inbox/").content.decode()
        row = inbox[inbox.index(f'data-case-id="{case.pk}"') :]
        assert "Out of time" in row[: row.index("</tr>")]

    def test_a_contact_within_12_months_is_not_flagged(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        log(
            client_for("complaints"),
            council,
            **date_fields("aware_on", clock.today() - dt.timedelta(days=30)),
        )

        assert new_case().out_of_time is False

    def test_a_received_date_in_the_future_is_refused_and_nothing_is_written(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        before = Case.objects.count()

        response = log(
            client_for("complaints"),
            council,
            **date_fields("received_on", clock.today() + dt.timedelta(days=3)),
        )

        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "The date received cannot be in the future." in response.content.decode()  # type: ignore[attr-defined]
        assert Case.objects.count() == before


class TestAKnownPerson:
    def _first_matter(self, council: Council) -> Case:
        case = services.contact_record(
            channel="phone",
            person=PersonDetails(name="Dorothy Evans", phone=PHONE, address="4 Elm Road"),
            service=council.housing,
            text="The lift is broken.",
            actor=council["complaints"].actor,
        )
        services.adjustment_add(case=case, actor=council["complaints"].actor, kind="large_print")
        return case

    def test_a_second_matter_finds_and_chooses_the_person_and_their_large_print_applies(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        first = self._first_matter(council)
        client = client_for("complaints")

        asked = log(client, council)

        assert asked.status_code == 200  # type: ignore[attr-defined]
        page = asked.content.decode()  # type: ignore[attr-defined]
        assert "Is this someone we already know?" in page
        assert f'value="{first.person_id}"' in page
        assert Case.objects.count() == 1

        chosen = log(client, council, person_choice=str(first.person_id))

        assert chosen.status_code == 302  # type: ignore[attr-defined]
        second = new_case()
        assert second.pk != first.pk
        assert second.person_id == first.person_id
        assert Person.objects.count() == 1
        letter = workflows.acknowledge_and_issue(
            case=second,
            actor=council["complaints"].actor,
            issues=["No heating"],
            outcomes_sought="Fix the heating",
        )
        assert letter.large_print is True

    def test_an_officer_may_say_it_is_someone_new(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        self._first_matter(council)

        log(client_for("complaints"), council, person_choice="new")

        assert Person.objects.count() == 2

    def test_a_person_is_found_by_housing_reference(self, council: Council) -> None:
        person = Person.objects.create(name="Ann Lee", housing_reference="HR-2231")

        assert people_matching(housing_reference="hr-2231") == [person]


class TestEverythingThatCameWithIt:
    def test_the_representative_adjustments_and_files_are_kept(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = log(
            client_for("complaints"),
            council,
            person_choice="new",
            adjustments=["large_print", "interpreter"],
            adjustment_detail="Polish",
            rep_name="Sue Advocate",
            rep_relationship="advocate",
            rep_email="sue@advice.example",
            rep_consent="outstanding",
            attachments=[SimpleUploadedFile("letter.txt", b"Dear council,\n", "text/plain")],
        )

        assert response.status_code == 302  # type: ignore[attr-defined]
        case = new_case()
        rep = Representative.objects.get(case=case)
        assert (rep.name, rep.relationship, rep.consent_state) == (
            "Sue Advocate",
            "advocate",
            "outstanding",
        )
        assert sorted(
            ReasonableAdjustment.objects.filter(person_id=case.person_id).values_list(
                "kind", "detail"
            )
        ) == [("interpreter", "Polish"), ("large_print", "")]
        assert Attachment.objects.get(correspondence__case=case).original_name == "letter.txt"

    def test_an_mp_enquiry_names_the_mp_who_asked(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")

        refused = log(client, council, channel="mp_councillor", kind="mp_councillor_enquiry")
        assert refused.status_code == 400  # type: ignore[attr-defined]
        assert "Enter the MP or councillor who asked" in refused.content.decode()  # type: ignore[attr-defined]

        log(
            client,
            council,
            channel="mp_councillor",
            kind="mp_councillor_enquiry",
            person_choice="new",
            rep_name="Jane Member MP",
            rep_relationship="mp",
            rep_email="jane.member@parliament.example",
            rep_consent="not_needed",
        )

        rep = Representative.objects.get(case=new_case())
        assert (rep.name, rep.consent_state) == ("Jane Member MP", "not_needed")

    def test_consent_received_needs_its_evidence(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        response = log(
            client_for("complaints"),
            council,
            rep_name="Sue Advocate",
            rep_relationship="advocate",
            rep_consent="received",
        )

        assert response.status_code == 400  # type: ignore[attr-defined]
        assert "Describe the evidence of consent" in response.content.decode()  # type: ignore[attr-defined]


class TestTriage:
    def test_triage_moves_a_contact_to_another_service_and_its_process_follows(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        log(client, council, person_choice="new")
        case = new_case()

        response = client.post(
            f"/staff/inbox/{case.reference}/service/",
            {
                "service-version": case.version,
                "service-service": council.waste.pk,
                "service-reason": "It is about the bins, not the flat",
            },
        )

        assert response.status_code == 302
        case.refresh_from_db()
        assert case.service_id == council.waste.pk
        assert case.process == council.waste.process
        assert case.contacts.get().service_id == council.waste.pk

    def test_the_service_cannot_change_after_triage(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        log(client, council, person_choice="new")
        case = new_case()
        services.contact_triage(case=case, actor=council["complaints"].actor, kind="complaint")
        case.refresh_from_db()

        response = client.post(
            f"/staff/inbox/{case.reference}/service/",
            {
                "service-version": case.version,
                "service-service": council.waste.pk,
                "service-reason": "Bins",
            },
        )

        case.refresh_from_db()
        assert case.service_id == council.housing.pk
        assert response.status_code in (400, 404)

    def test_the_triage_page_shows_the_out_of_time_flag(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        aware = clock.today() - dt.timedelta(days=400)
        log(client, council, person_choice="new", **date_fields("aware_on", aware))

        page = client.get(f"/staff/inbox/{new_case().reference}/").content.decode()

        assert "Out of time" in page

    def test_an_exclusion_from_the_inbox_sends_the_exclusion_letter(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for("complaints")
        log(client, council, person_choice="new", email="dorothy@example.org")
        case = new_case()
        code = next(iter(policy_config().exclusions))

        response = client.post(
            f"/staff/inbox/{case.reference}/exclude/",
            {
                "exclude-version": case.version,
                "exclude-code": code,
                "exclude-reasons": "It is being dealt with in court",
            },
        )

        assert response.status_code == 302
        assert IssuedLetter.objects.filter(
            case=case, kind__in=("exclusion_notice", "hold_notice")
        ).exists()
