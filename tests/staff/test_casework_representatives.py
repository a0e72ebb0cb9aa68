"""Representatives and consent on the case page, and letters addressed to whoever the case
says: the person, their representative (with a copy to the person), or the MP or
councillor who asked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases.models import Attachment, Case, Representative
from putright.cases.services import InvalidInput
from putright.cases.services.representatives import (
    RepresentativeInput,
    consent_decide,
    representative_create,
)
from putright.core import clock
from putright.letters import workflows
from putright.letters.addressing import addressees
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from putright.policy.lifecycle import Decision, IssueDecision, ResponseContent
from tests.staff.personas import Council, complaint_at_stage1, complaint_new

PDF = b"%PDF-1.4\n% signed consent\n"
ADVOCATE = RepresentativeInput(
    name="Sue Advocate",
    relationship="advocate",
    organisation="Northfield Advice",
    email="sue@advice.example",
    address="2 High Street\nNorthfield NF1 3CC",
)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def response(case: Case) -> ResponseContent:
    return ResponseContent(
        stage=1,
        complaint_definition="Black mould; nobody came to inspect",
        decision=Decision.UPHELD,
        issues=tuple(
            IssueDecision(text, Decision.UPHELD, "The visit was missed")
            for text in ("Black mould in the bedroom", "Nobody came to inspect")
        ),
        reasons="We missed the inspection.",
        remedies=("An apology",),
        no_outstanding_actions=True,
        how_to_escalate="Ask for stage 2.",
    )


def with_advocate(council: Council, *, consent: str = "outstanding") -> tuple[Case, Representative]:
    case = complaint_at_stage1(council)
    rep = representative_create(
        case=case, actor=council["complaints"].actor, details=ADVOCATE, consent_state=consent
    )
    return case, rep


class TestConsent:
    def test_a_response_is_refused_while_consent_is_outstanding(self, council: Council) -> None:
        case, _rep = with_advocate(council)

        with pytest.raises(Exception, match="consent"):
            workflows.respond_and_issue(
                case=case, actor=council["priya"].actor, content=response(case)
            )

        assert not IssuedLetter.objects.filter(case=case).exists()

    def test_a_form_uploaded_online_waits_to_be_checked_and_still_blocks_the_response(
        self, council: Council
    ) -> None:
        case, rep = with_advocate(council)
        Representative.objects.filter(pk=rep.pk).update(consent_state="to_check")

        with pytest.raises(Exception, match="consent"):
            workflows.respond_and_issue(
                case=case, actor=council["priya"].actor, content=response(case)
            )

    def test_consent_received_needs_evidence(self, council: Council) -> None:
        case, rep = with_advocate(council)

        with pytest.raises(InvalidInput, match="evidence"):
            consent_decide(
                case=case,
                actor=council["priya"].actor,
                representative=rep,
                state="received",
                evidence="",
            )

        rep.refresh_from_db()
        assert rep.consent_state == "outstanding"

    def test_consent_recorded_with_its_file_keeps_the_file_on_the_case(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case, rep = with_advocate(council)
        today = clock.today()

        response_ = client_for("priya").post(
            f"/staff/cases/{case.reference}/representatives/{rep.pk}/consent/",
            {
                "version": case.version,
                "state": "received",
                "on_day": today.day,
                "on_month": today.month,
                "on_year": today.year,
                "evidence": "Signed consent form, posted",
                "attachments": [SimpleUploadedFile("consent.pdf", PDF, "application/pdf")],
            },
        )

        assert response_.status_code == 302
        rep.refresh_from_db()
        assert rep.consent_state == "received"
        assert "Signed consent form, posted" in rep.consent_evidence
        assert Attachment.objects.get(correspondence__case=case).original_name == "consent.pdf"


class TestLettersGoToWhoeverTheCaseSays:
    def test_the_response_goes_to_the_representative_with_a_copy_to_the_person(
        self, council: Council
    ) -> None:
        case, rep = with_advocate(council)
        consent_decide(
            case=case,
            actor=council["priya"].actor,
            representative=rep,
            state="received",
            evidence="Signed form",
        )

        workflows.respond_and_issue(case=case, actor=council["priya"].actor, content=response(case))

        letters = list(IssuedLetter.objects.filter(case=case).order_by("id"))
        assert [(x.recipient_name, x.to_address) for x in letters] == [
            ("Sue Advocate, Northfield Advice", "sue@advice.example"),
            ("Margaret Wilson", "margaret.wilson@example.org"),
        ]
        to_rep, copy = letters
        assert "Dear Sue Advocate, Northfield Advice," in to_rep.body_text
        assert "Dear Margaret" not in to_rep.body_text
        assert "A copy of this letter goes to Margaret Wilson." in to_rep.body_text
        assert "This is a copy of the letter we sent to Sue Advocate" in copy.body_text
        assert sorted(
            OutboxMessage.objects.filter(case_reference=case.reference).values_list(
                "to_address", flat=True
            )
        ) == ["margaret.wilson@example.org", "sue@advice.example"]

    def test_nothing_goes_to_a_representative_before_consent(self, council: Council) -> None:
        case, _rep = with_advocate(council)

        issued = workflows.withdraw_and_issue(
            case=case, actor=council["complaints"].actor, channel="phone"
        )

        assert issued.recipient_name == "Margaret Wilson"
        assert IssuedLetter.objects.filter(case=case).count() == 1
        assert "the complaint was withdrawn on" in issued.body_text
        assert "you withdrew" not in issued.body_text

    def test_an_mp_enquiry_is_answered_to_the_mp_only(self, council: Council) -> None:
        case = complaint_new(council, kind="mp_councillor_enquiry")
        representative_create(
            case=case,
            actor=council["complaints"].actor,
            details=RepresentativeInput(
                name="Jane Member MP", relationship="mp", email="jane.member@parliament.example"
            ),
            consent_state="not_needed",
        )
        to, copy = addressees(case)

        assert (to.name, to.email, to.is_person, copy) == (
            "Jane Member MP",
            "jane.member@parliament.example",
            False,
            None,
        )

    def test_only_an_elected_member_acts_without_consent(self, council: Council) -> None:
        case = complaint_at_stage1(council)

        with pytest.raises(InvalidInput, match="MP or councillor"):
            representative_create(
                case=case,
                actor=council["complaints"].actor,
                details=ADVOCATE,
                consent_state="not_needed",
            )


class TestThePages:
    def test_an_officer_adds_changes_and_ends_a_representative(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        base = f"/staff/cases/{case.reference}/representatives"
        details = {
            "name": "Sue Advocate",
            "relationship": "advocate",
            "email": "sue@advice.example",
            "receives_response": "on",
            "consent_state": "outstanding",
        }

        assert client.post(f"{base}/add/", {"version": case.version, **details}).status_code == 302
        rep = Representative.objects.get(case=case)
        case.refresh_from_db()
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Consent outstanding: nothing may be disclosed to Sue Advocate" in page
        assert f"{base}/{rep.pk}/consent/" in page

        changed = {**details, "phone": "01632 960 222", "version": case.version}
        assert client.post(f"{base}/{rep.pk}/change/", changed).status_code == 302
        rep.refresh_from_db()
        assert rep.phone == "01632 960 222"

        case.refresh_from_db()
        ended = {"version": case.version, "reason": "The person asked us to deal with them"}
        assert client.post(f"{base}/{rep.pk}/end/", ended).status_code == 302
        rep.refresh_from_db()
        assert rep.ended_on == clock.today()
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Consent outstanding" not in page

    def test_an_uploaded_consent_shows_as_to_check_until_accepted(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case, rep = with_advocate(council)
        Representative.objects.filter(pk=rep.pk).update(consent_state="to_check")

        page = client_for("priya").get(f"/staff/cases/{case.reference}/").content.decode()

        assert "consent received, to check" in page
        assert "waits to be checked" in page
        assert "Check the uploaded consent for Sue Advocate" in page

    def test_a_bad_email_is_refused_and_nothing_is_written(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)

        response_ = client_for("priya").post(
            f"/staff/cases/{case.reference}/representatives/add/",
            {
                "version": case.version,
                "name": "Sue",
                "relationship": "advocate",
                "email": "not an email",
                "consent_state": "outstanding",
            },
        )

        assert response_.status_code == 400
        assert "Enter an email address like name@example.com" in response_.content.decode()
        assert not Representative.objects.filter(case=case).exists()
