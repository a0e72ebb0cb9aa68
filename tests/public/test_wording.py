"""The public wording: "(optional)" only on what is optional; the "someone else" journey
speaks about the person helped; power of attorney and "they cannot give consent" are
offered, with what the council then needs."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from putright.cases.models import Representative, Service
from tests.public.helpers import walk
from tests.public.journey_data import FOR_SOMEONE, PDF
from tests.public.test_feedback import send

FOR_SELF: dict[str, dict[str, Any]] = {
    "": {"kind": "complaint"},
    "service": {"service": "housing-repairs"},
    "what-happened": {"details": "Damp in my flat since March."},
    "when": {"aware_on_day": "1", "aware_on_month": "3", "aware_on_year": "2026"},
    "outcome": {"outcome": "Fix the damp"},
    "someone-else": {"for_someone": "no"},
    "tenant": {"tenant": "yes"},
    "adjustments": {"adjustments": ["none"]},
    "contact-method": {"method": "email"},
    "contact-frequency": {"frequency": "monthly"},
}


def upto(steps: dict[str, dict[str, Any]], last: str) -> dict[str, dict[str, Any]]:
    keys = list(steps)
    return {k: steps[k] for k in keys[: keys.index(last) + 1]}


class TestOptionalIsOptional:
    def test_the_email_is_not_labelled_optional_when_the_person_chose_email(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_SELF)
        page = client.get("/feedback/your-details/").content.decode()
        assert "Email address (optional)" not in page
        assert "Email address" in page
        assert "Phone number (optional)" in page

        response = client.post("/feedback/your-details/", {"name": "Ada Lovelace"})

        assert response.status_code == 200
        assert "Enter your email address, so that we can email you" in response.content.decode()

    def test_the_field_the_chosen_way_of_contact_needs_is_never_called_optional(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, upto(FOR_SOMEONE, "contact-frequency"))
        page = client.get("/feedback/their-details/").content.decode()
        assert "Address (optional)" not in page  # they asked for letters
        assert "Email address (optional)" in page


class TestSomeoneElse:
    def test_the_adjustments_question_is_answered_about_the_person_helped(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, upto(FOR_SOMEONE, "tenant"))
        page = client.get("/feedback/adjustments/").content.decode()
        assert "Does the person you are helping need us to do anything differently?" in page
        assert "No, they do not need anything different" in page
        assert "No, I do not need anything different" not in page
        assert "If they need an interpreter, which language?" in page

        response = client.post("/feedback/adjustments/", {})

        assert "No, they do not need anything different" in response.content.decode()

    def test_a_power_of_attorney_is_offered_and_uploaded(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        steps = dict(FOR_SOMEONE)
        steps["consent"] = {"consent": "power_of_attorney"}
        keys = list(steps)
        steps = {
            **{k: steps[k] for k in keys[: keys.index("consent") + 1]},
            "consent-upload": {
                "consent_file": SimpleUploadedFile("lpa.pdf", PDF, "application/pdf")
            },
            **{k: steps[k] for k in keys[keys.index("consent") + 1 :]},
        }
        walk(client, upto(steps, "relationship"))
        consent_page = client.get("/feedback/consent/").content.decode()
        assert "I have a power of attorney for them" in consent_page
        assert "They cannot give consent" in consent_page
        assert "deputyship order" in consent_page  # what the council then needs
        walk(client, steps, start="consent")
        case = send(client, django_capture_on_commit_callbacks)

        rep = Representative.objects.get(case=case)
        # An uploaded document waits for an officer to check it before it counts as consent.
        assert rep.consent_state == "to_check"
        assert rep.consent_evidence == "Power of attorney uploaded with the online form (lpa.pdf)"
        assert case.correspondence.get().subject == "Power of attorney for the person"

    def test_a_person_who_cannot_consent_leaves_consent_outstanding_with_what_is_needed(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        steps = dict(FOR_SOMEONE)
        steps["consent"] = {"consent": "cannot_consent"}
        walk(client, steps)
        case = send(client, django_capture_on_commit_callbacks)

        rep = Representative.objects.get(case=case)
        assert rep.consent_state == "outstanding"
        assert "cannot give consent" in rep.consent_evidence
        assert "power of attorney" in rep.consent_evidence


class TestAddInformationUploads:
    def test_a_file_can_be_sent_with_added_information(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        from tests.cases.factories import OfficerFactory
        from tests.public.cases import acknowledged, sign_in, submitted

        case = acknowledged(submitted(council_services["waste"]), OfficerFactory())
        sign_in(client, case, django_capture_on_commit_callbacks)
        page = client.get("/follow/case/add-information/").content.decode()
        assert 'enctype="multipart/form-data"' in page and 'type="file"' in page

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/follow/case/add-information/",
                {
                    "text": "Here is a photo of the bins",
                    "related": "yes",
                    "attachment": SimpleUploadedFile("bins.pdf", PDF, "application/pdf"),
                },
            )

        assert response.status_code == 302
        letter = case.correspondence.get(subject="Files added online")
        assert letter.attachments.get().original_name == "bins.pdf"

    def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_added(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        from tests.cases.factories import OfficerFactory
        from tests.public.cases import acknowledged, sign_in, submitted
        from tests.public.journey_data import EXE

        case = acknowledged(submitted(council_services["waste"]), OfficerFactory())
        sign_in(client, case, django_capture_on_commit_callbacks)

        response = client.post(
            "/follow/case/add-information/",
            {
                "text": "A program",
                "related": "yes",
                "attachment": SimpleUploadedFile("run.exe", EXE, "application/octet-stream"),
            },
        )

        assert response.status_code == 200
        assert "run.exe must be a" in response.content.decode()
        assert case.contacts.count() == 1
