"""Follow your case: the one-time link by email, the case as its person sees it, and
asking for stage 2, withdrawing and adding information."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from pytest_django.fixtures import Settings

from putright.cases import services
from putright.cases.models import Case, CaseLink, Contact, Officer, Service, StageRecord
from putright.core import clock
from putright.letters.models import IssuedLetter
from putright.notifications.models import OutboxMessage
from putright.public import signin
from tests.cases.conftest import naive_add_working_days as add
from tests.cases.factories import OfficerFactory
from tests.public.cases import (
    acknowledged,
    last_email,
    letter_sent,
    link_from_outbox,
    responded,
    sign_in,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db: None) -> Officer:
    return OfficerFactory(name="Sam Patel")


@pytest.fixture
def waste(council_services: dict[str, Service]) -> Service:
    return council_services["waste"]


def words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class TestSignInLink:
    def test_a_matching_reference_and_email_get_a_link_that_works_once(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/follow/", {"reference": case.reference.lower(), "email": "ADA@example.org"}
            )

        assert response["Location"] == "/follow/check-your-email/"
        (sent,) = mail.outbox
        assert sent.to == ["ada@example.org"]
        assert sent.subject == f"Your link to follow {case.reference}"
        assert "works once and stops working after 30 minutes" in sent.body
        link = link_from_outbox()
        # Opening the link (as a mail scanner might) does not use it up.
        assert client.get(link).status_code == 200
        assert client.get(link).status_code == 200
        assert client.post(link)["Location"] == "/follow/case/"
        assert client.get("/follow/case/").status_code == 200
        # Used once: dead from now on, for anyone.
        other = Client()
        assert other.get(link).status_code == 410
        assert other.post(link).status_code == 410
        assert "This link has stopped working" in other.post(link).content.decode()

    @pytest.mark.parametrize(
        ("reference", "email"),
        [("wrong", "ada@example.org"), ("right", "eve@example.org"), ("wrong", "eve@example.org")],
        ids=["wrong-reference", "wrong-email", "both-wrong"],
    )
    def test_a_wrong_reference_or_email_gets_exactly_the_same_answer(
        self,
        waste: Service,
        django_capture_on_commit_callbacks: Any,
        reference: str,
        email: str,
    ) -> None:
        case = submitted(waste)
        unknown = "CU12345671"  # well formed, check digit right, no such case
        assert not Case.objects.filter(reference=unknown).exists()

        def ask(ref: str, address: str) -> tuple[int, str, int, bytes]:
            client = Client()
            with django_capture_on_commit_callbacks(execute=True):
                first = client.post("/follow/", {"reference": ref, "email": address})
            page = client.get(first["Location"])
            return first.status_code, first["Location"], page.status_code, page.content

        right = ask(case.reference, "ada@example.org")
        sent_before = OutboxMessage.objects.count()
        wrong = ask(case.reference if reference == "right" else unknown, email)

        assert wrong[:3] == right[:3] == (302, "/follow/check-your-email/", 200)
        assert wrong[3].replace(email.encode(), b"") == right[3].replace(b"ada@example.org", b"")
        assert OutboxMessage.objects.count() == sent_before  # only the matching pair got one

    def test_a_mistyped_reference_is_an_error_on_the_field(
        self, client: Client, waste: Service
    ) -> None:
        response = client.post("/follow/", {"reference": "CU12345675", "email": "a@b.org"})

        assert response.status_code == 200
        assert '<a href="#id_reference">Enter your reference number as it appears' in (
            response.content.decode()
        )
        assert 'value="CU12345675"' in response.content.decode()

    def test_a_representative_signs_in_with_their_own_email(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste, representative_email="bob@example.org")

        sign_in(client, case, django_capture_on_commit_callbacks, email="bob@example.org")

        assert client.session[signin.SESSION_KEY]["representative"] is True

    def test_the_link_expires(
        self,
        client: Client,
        waste: Service,
        django_capture_on_commit_callbacks: Any,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        case = submitted(waste)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/follow/", {"reference": case.reference, "email": "ada@example.org"})
        link = link_from_outbox()
        later = time.time() + 31 * 60
        monkeypatch.setattr("django.core.signing.time.time", lambda: later)

        assert client.get(link).status_code == 410
        assert client.post(link).status_code == 410

    def test_a_forged_or_damaged_link_does_not_work(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/follow/", {"reference": case.reference, "email": "ada@example.org"})
        link = link_from_outbox()

        assert client.post(link[:-3] + "xx/").status_code == 410
        assert client.post("/follow/sign-in/nonsense/").status_code == 410

    def test_signing_in_starts_a_fresh_session(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)
        client.get("/feedback/")
        client.session.save()
        before = client.session.session_key

        sign_in(client, case, django_capture_on_commit_callbacks)

        assert client.session.session_key != before

    def test_the_sign_in_ends_after_its_time(
        self,
        client: Client,
        waste: Service,
        settings: Settings,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = submitted(waste)
        settings.PUTRIGHT_FOLLOW_SESSION_MINUTES = -1
        sign_in(client, case, django_capture_on_commit_callbacks)

        assert client.get("/follow/case/")["Location"] == "/follow/"

    def test_signing_out(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)
        sign_in(client, case, django_capture_on_commit_callbacks)

        response = client.post("/follow/sign-out/")

        assert response["Location"] == "/follow/"
        assert "You have signed out" in client.get("/follow/").content.decode()
        assert client.get("/follow/case/")["Location"] == "/follow/"

    def test_asking_for_links_is_rate_limited_whether_or_not_the_case_exists(
        self, waste: Service, settings: Settings
    ) -> None:
        case = submitted(waste)
        settings.PUTRIGHT_RATE_LIMITS = {"link-email": (2, 3600)}
        statuses = []
        for reference in (case.reference, "CU12345671", case.reference):
            client = Client()
            statuses.append(
                client.post("/follow/", {"reference": reference, "email": "ada@example.org"})
            )
        assert [r.status_code for r in statuses] == [302, 302, 429]
        assert "You have asked for a lot of links" in statuses[2].content.decode()


class TestTheCasePage:
    def test_it_shows_stage_definition_promised_date_letters_and_actions(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted(waste, with_file=True), officer)
        services.action_add(
            case=case,
            actor=services.SYSTEM,
            description="Replace the bin",
            owner=services.ActionOwner(kind="staff", name="Waste team"),
            due_on=clock.today() + dt.timedelta(days=14),
        )
        letter = letter_sent(case, "Acknowledgement")
        sign_in(client, case, django_capture_on_commit_callbacks)

        page = client.get("/follow/case/").content.decode()

        respond_by = StageRecord.objects.get(case=case, number=1).respond_by
        assert respond_by is not None
        assert f"We will reply by {words(respond_by)}." in page
        assert "Stage 1" in page and "We are looking into it" in page
        assert "<li>The bin was missed three weeks running.</li>" in page
        assert "<li>Nobody called me back</li>" in page
        assert "Collect it and say sorry" in page
        assert "The private collection at the shops" in page
        assert f'href="/files/{letter.pk}/"' in page and "Acknowledgement" in page
        assert "photo.pdf" in page
        due = words(clock.today() + dt.timedelta(days=14))
        assert "Replace the bin" in page and f"We will do this by {due}" in page
        assert 'href="/follow/case/withdraw/"' in page
        assert 'href="/follow/case/stage-2/"' not in page

    def test_letters_the_letters_app_issued_can_be_downloaded_by_the_person_only(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        from putright.letters.workflows import acknowledge_and_issue

        case = submitted(waste)
        letter = acknowledge_and_issue(
            case=case,
            actor=services.SYSTEM,
            issues=["The bin was missed"],
            outcomes_sought="Collect it",
            officer=officer,
        )
        other = submitted(waste, email="eve@example.org")
        theirs = acknowledge_and_issue(
            case=other,
            actor=services.SYSTEM,
            issues=["Another bin"],
            outcomes_sought="Collect it",
            officer=officer,
        )
        url = f"/follow/case/letters/{letter.correspondence_id}/"
        assert Client().get(url)["Location"] == "/follow/"
        sign_in(client, case, django_capture_on_commit_callbacks)

        page = client.get("/follow/case/").content.decode()
        download = client.get(url)

        assert f'href="{url}"' in page and f"Download {letter.filename} (PDF)" in page
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"] == f'attachment; filename="{letter.filename}"'
        assert download.content.startswith(b"%PDF")
        other_url = f"/follow/case/letters/{theirs.correspondence_id}/"
        assert client.get(other_url).status_code == 404

    def test_a_new_complaint_promises_the_acknowledgement_date(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)
        sign_in(client, case, django_capture_on_commit_callbacks)

        page = client.get("/follow/case/").content.decode()

        assert case.next_deadline_on is not None
        assert f"We will acknowledge your complaint by {words(case.next_deadline_on)}." in page
        assert "We have not sent you any letters yet." in page

    def test_after_the_response_it_offers_stage_2_until_the_window_closes(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        today = clock.today()
        case = responded(acknowledged(submitted(waste), officer), officer, on=today)
        sign_in(client, case, django_capture_on_commit_callbacks)

        page = client.get("/follow/case/").content.decode()

        assert f"We replied on {words(today)}." in page
        assert f"You can ask for stage 2 until {words(add(today, 20))}." in page
        assert 'href="/follow/case/stage-2/"' in page


class TestAskForStage2:
    def test_inside_the_window_the_case_moves_to_stage_2_requested(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = responded(acknowledged(submitted(waste), officer), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)
        page = client.get("/follow/case/stage-2/").content.decode()
        assert "You do not have to give a reason." in page

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/follow/case/stage-2/", {"context": "Still no bin"})

        assert response["Location"] == "/follow/case/"
        case.refresh_from_db()
        assert case.status == "escalation_requested"
        record = StageRecord.objects.get(case=case, number=2)
        assert (record.requested_on, record.request_channel, record.request_context) == (
            clock.today(),
            "web",
            "Still no bin",
        )
        assert case.timeline.last().actor_label == "The person, online"  # type: ignore[union-attr]
        assert last_email().subject == f"Your request for stage 2: {case.reference}"
        assert "You have asked for stage 2" in client.get("/follow/case/").content.decode()

    def test_after_the_window_the_request_is_taken_for_a_discretion_decision(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        long_ago = clock.today() - dt.timedelta(days=90)
        case = submitted(waste, received=long_ago)
        case = acknowledged(case, officer, on=long_ago + dt.timedelta(days=1))
        case = responded(case, officer, on=long_ago + dt.timedelta(days=10))
        sign_in(client, case, django_capture_on_commit_callbacks)
        page = client.get("/follow/case/stage-2/").content.decode()
        assert "You can still ask: a manager will decide" in page

        with django_capture_on_commit_callbacks(execute=True):
            client.post("/follow/case/stage-2/", {"context": ""})

        case.refresh_from_db()
        assert case.status == "responded"  # waiting for staff, not refused
        late = Contact.objects.get(case=case, kind="late_escalation_request")
        assert late.channel == "web"
        assert "a manager will decide" in last_email().body_text
        after = client.get("/follow/case/").content.decode()
        assert "We have your request for stage 2. A manager will decide" in after
        assert "You asked for stage 2 after the time to ask had ended" in after
        assert 'href="/follow/case/stage-2/"' not in after  # asked once is enough

    def test_before_the_response_there_is_nothing_to_ask_for(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)

        assert client.get("/follow/case/stage-2/").status_code == 404
        assert client.post("/follow/case/stage-2/").status_code == 404


class TestWithdraw:
    def test_the_person_withdraws_and_gets_a_receipt(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/follow/case/withdraw/")

        assert response["Location"] == "/follow/case/"
        case.refresh_from_db()
        assert (case.status, case.closed_on) == ("withdrawn", clock.today())
        event = case.timeline.get(action="withdraw")
        assert (event.actor_label, event.after["channel"]) == ("The person, online", "web")
        assert case.timeline.last().action == "correspondence_sent"  # type: ignore[union-attr]
        # Acknowledged in writing: the letters app's letter, emailed with its PDF.
        letter = IssuedLetter.objects.get(case=case)
        assert (letter.kind, letter.channel, letter.to_address) == (
            "withdrawal_acknowledgement",
            "email",
            "ada@example.org",
        )
        assert last_email().kind == "letter:withdrawal_acknowledgement"
        assert not OutboxMessage.objects.filter(kind="public_withdrawal_receipt").exists()
        page = client.get("/follow/case/").content.decode()
        assert "You have withdrawn your complaint" in page
        assert "Withdrawn" in page
        assert client.get("/follow/case/withdraw/").status_code == 404

    def test_a_representative_also_gets_a_receipt_of_their_own(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted(waste, representative_email="bob@example.org"), officer)
        sign_in(client, case, django_capture_on_commit_callbacks, email="bob@example.org")

        client.post("/follow/case/withdraw/")

        receipt = last_email("public_withdrawal_receipt")
        assert receipt.to_address == "bob@example.org"
        assert IssuedLetter.objects.get(case=case).to_address == "ada@example.org"

    def test_the_withdrawal_stands_when_no_letter_can_be_made(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        from putright.letters.sandbox import TemplateRejected

        case = acknowledged(submitted(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)

        def broken(**kwargs: Any) -> None:
            raise TemplateRejected("The template is broken")

        # The letter fails after the withdrawal was made (and rolled back) in memory.
        monkeypatch.setattr("putright.letters.workflows.letter_issue", broken)
        client.post("/follow/case/withdraw/")

        case.refresh_from_db()
        assert case.status == "withdrawn"
        assert not IssuedLetter.objects.filter(case=case).exists()
        assert last_email().kind == "public_withdrawal_receipt"
        assert "You have withdrawn your complaint" in client.get("/follow/case/").content.decode()


class TestAddInformation:
    def test_before_the_response_a_related_issue_joins_the_complaint(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = acknowledged(submitted(waste), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/follow/case/add-information/",
                {"text": "The crew also blocked my drive", "related": "yes"},
            )

        issues = list(case.definitions.get(stage=1).issues.values_list("text", flat=True))
        assert issues[-1] == "The crew also blocked my drive"
        link = CaseLink.objects.get(to_case=case)
        assert Case.objects.get(pk=link.from_case_id).status == "closed"
        assert (
            "We have added this to your complaint" in client.get("/follow/case/").content.decode()
        )

    def test_after_the_response_it_becomes_a_new_complaint(
        self,
        client: Client,
        waste: Service,
        officer: Officer,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        case = responded(acknowledged(submitted(waste), officer), officer)
        sign_in(client, case, django_capture_on_commit_callbacks)
        page = client.get("/follow/case/add-information/").content.decode()
        assert "we will record what you tell us as new feedback" in page

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/follow/case/add-information/",
                {"text": "Now the recycling too", "related": "yes"},
            )

        new = Case.objects.exclude(pk=case.pk).get()
        assert (new.kind, new.status, new.person_id) == ("complaint", "received", case.person_id)
        assert new.contacts.get().text == "Now the recycling too"
        assert f"Its reference number is {new.reference}" in (
            client.get("/follow/case/").content.decode()
        )

    def test_it_needs_some_text_and_an_answer(
        self, client: Client, waste: Service, django_capture_on_commit_callbacks: Any
    ) -> None:
        case = submitted(waste)
        sign_in(client, case, django_capture_on_commit_callbacks)

        response = client.post("/follow/case/add-information/", {"text": ""})

        page = response.content.decode()
        assert '<a href="#id_text">Enter what you want to tell us</a>' in page
        assert '<a href="#id_related">Select whether it is about the same problem</a>' in page
