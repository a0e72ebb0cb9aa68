"""What a person does on the public site: submit feedback, ask for stage 2, add an issue,
sign in with a one-time link; and the reads behind the follow-your-case page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from pytest_django.fixtures import Settings as SettingsWrapper

from putright.cases import selectors, services
from putright.cases.models import (
    Attachment,
    Case,
    CaseLink,
    Contact,
    Correspondence,
    Officer,
    Person,
    ReasonableAdjustment,
    Representative,
    Service,
    TimelineEvent,
)
from putright.cases.services import (
    Actor,
    AdjustmentRequest,
    Feedback,
    InvalidInput,
    PersonDetails,
    RepresentativeDetails,
    Upload,
)
from putright.core import clock
from putright.policy.lifecycle import EscalationBeforeResponse, NoThirdStage
from tests.cases.conftest import database_state
from tests.cases.conftest import naive_add_working_days as add
from tests.cases.test_journeys import response

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.7\n%test\n"


@pytest.fixture(autouse=True)
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def upload(name: str = "photo.pdf", content: bytes = PDF) -> Upload:
    return Upload(
        name=name,
        content_type="application/pdf",
        size=len(content),
        file=ContentFile(content),
        extension=".pdf",
    )


def feedback(service: Service, **changes: object) -> Feedback:
    values: dict[str, object] = {
        "kind": "complaint",
        "service": service,
        "text": "The bin was missed three weeks running.",
        "person": PersonDetails(name="Ada Lovelace", email="Ada@Example.org"),
        "aware_on": D(2026, 10, 1),
        "outcomes_sought": "Collect it and say sorry",
    }
    values.update(changes)
    return Feedback(**values)  # type: ignore[arg-type]


def responded_case(
    service: Service, complaints_team: Actor, officer: Officer, *, responded: dt.date
) -> Case:
    received = responded - dt.timedelta(days=10)
    case = services.contact_record(
        channel="web",
        person=PersonDetails(name="Ada Lovelace", email="ada@example.org"),
        service=service,
        text="Black mould in the bedroom, reported in March, not fixed.",
        actor=complaints_team,
        received_at=clock.start_of_day(received),
    )
    services.complaint_acknowledge(
        case=case,
        actor=complaints_team,
        issues=["Black mould in the bedroom, reported in March, not fixed."],
        outcomes_sought="Fix it",
        officer=officer,
        on=received + dt.timedelta(days=1),
    )
    services.stage_respond(case=case, actor=Actor.of(officer), content=response(1), on=responded)
    case.refresh_from_db()
    return case


class TestFeedbackSubmit:
    def test_it_records_the_contact_with_everything_that_came_with_it(
        self, council_tax: Service, media: Path
    ) -> None:
        case = services.feedback_submit(
            feedback=feedback(
                council_tax,
                contact_frequency="Every two weeks",
                representative=RepresentativeDetails(
                    name="Bob Carer",
                    relationship="carer",
                    consent="uploaded",
                    email="Bob@Example.org",
                    phone="07700 900123",
                    organisation="Carers Together",
                ),
                consent_file=upload("consent.pdf"),
                adjustments=(
                    AdjustmentRequest(kind="large_print"),
                    AdjustmentRequest(kind="interpreter", detail="Polish"),
                ),
                attachments=(upload("one.pdf"), upload("two.pdf", b"%PDF-1.4 two")),
            )
        )

        assert case.kind == "complaint" and case.channel == "web"
        person = Person.objects.get(pk=case.person_id)
        assert (person.name, person.email, person.contact_frequency) == (
            "Ada Lovelace",
            "ada@example.org",
            "Every two weeks",
        )
        rep = Representative.objects.get(case=case)
        assert (rep.name, rep.relationship, rep.email, rep.phone, rep.organisation) == (
            "Bob Carer",
            "carer",
            "bob@example.org",
            "07700 900123",
            "Carers Together",
        )
        assert rep.consent_state == "to_check"  # waits until an officer accepts it
        assert "consent.pdf" in rep.consent_evidence
        assert sorted(
            ReasonableAdjustment.objects.filter(person=person).values_list("kind", "detail")
        ) == [("interpreter", "Polish"), ("large_print", "")]
        letters = Correspondence.objects.filter(case=case).order_by("id")
        assert [c.subject for c in letters] == [
            "Consent to act for the person",
            "Files sent with the online form",
        ]
        files = Attachment.objects.filter(correspondence__case=case).order_by("id")
        assert [f.original_name for f in files] == ["consent.pdf", "one.pdf", "two.pdf"]
        for row in files:
            stored = Path(row.file.path)
            assert stored.is_relative_to(media)
            assert row.original_name not in stored.name  # a random name on disk
        assert (media / files[2].file.name).read_bytes() == b"%PDF-1.4 two"
        assert [e.actor_label for e in TimelineEvent.objects.filter(case=case)] == [
            "Their representative, online"
        ] * 4

    def test_a_declared_consent_stays_outstanding_until_staff_confirm_it(
        self, council_tax: Service
    ) -> None:
        case = services.feedback_submit(
            feedback=feedback(
                council_tax,
                representative=RepresentativeDetails(
                    name="Bob Carer", relationship="family", consent="declared"
                ),
            )
        )

        rep = Representative.objects.get(case=case)
        assert rep.consent_state == "outstanding"
        assert rep.consent_evidence == "The representative declared online that the person agreed."

    def test_a_service_request_is_recorded_as_one(self, council_tax: Service) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax, kind="service_request"))

        assert case.kind == "service_request"
        assert case.next_deadline_on is None

    def test_a_bad_adjustment_writes_nothing_at_all(self, council_tax: Service) -> None:
        before = database_state()

        with pytest.raises(InvalidInput, match="which language"):
            services.feedback_submit(
                feedback=feedback(
                    council_tax,
                    adjustments=(AdjustmentRequest(kind="interpreter"),),
                    attachments=(upload(),),
                )
            )

        assert database_state() == before

    def test_an_uploaded_consent_needs_its_file(self, council_tax: Service) -> None:
        with pytest.raises(InvalidInput, match="signed consent"):
            services.feedback_submit(
                feedback=feedback(
                    council_tax,
                    representative=RepresentativeDetails(
                        name="Bob", relationship="carer", consent="uploaded"
                    ),
                )
            )


class TestEscalationAsk:
    def test_a_request_in_the_window_moves_the_case_to_escalation_requested(
        self, council_tax: Service, complaints_team: Actor, stage1_officer: Officer
    ) -> None:
        case = responded_case(
            council_tax, complaints_team, stage1_officer, responded=D(2026, 11, 16)
        )

        asked = services.escalation_ask(
            case=case, actor=services.RESIDENT_ONLINE, context="Still no repair", on=D(2026, 11, 20)
        )

        assert (asked.accepted, asked.stage) == (True, 2)
        case.refresh_from_db()
        assert case.status == "escalation_requested"
        record = case.stages.get(number=2)
        assert (record.requested_on, record.request_channel, record.request_context) == (
            D(2026, 11, 20),
            "web",
            "Still no repair",
        )

    def test_a_late_request_is_taken_and_waits_for_a_discretion_decision(
        self, council_tax: Service, complaints_team: Actor, stage1_officer: Officer
    ) -> None:
        case = responded_case(
            council_tax, complaints_team, stage1_officer, responded=D(2026, 11, 16)
        )
        events = TimelineEvent.objects.filter(case=case).count()

        asked = services.escalation_ask(case=case, actor=services.RESIDENT_ONLINE, on=D(2027, 2, 1))

        assert asked.accepted is False
        assert asked.window_end == add(D(2026, 11, 16), 20) == D(2026, 12, 14)
        case.refresh_from_db()
        assert case.status == "responded"
        contact = Contact.objects.get(case=case, kind="late_escalation_request")
        assert contact.text.startswith("Asked for the next stage online")
        assert TimelineEvent.objects.filter(case=case).count() == events + 1
        assert TimelineEvent.objects.filter(case=case).last().action == "escalation_requested_late"  # type: ignore[union-attr]
        assert list(selectors.escalation_requests_awaiting_decision()) == [case]
        shown = selectors.case_for_person(case_id=case.pk, today=D(2027, 2, 1))
        assert shown is not None and shown.late_escalation_waiting

    def test_a_request_before_the_response_is_refused_by_the_policy(
        self, council_tax: Service, complaints_team: Actor
    ) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax))

        with pytest.raises(EscalationBeforeResponse):
            services.escalation_ask(case=case, actor=services.RESIDENT_ONLINE)

    def test_there_is_no_stage_after_the_final_one(
        self,
        council_tax: Service,
        complaints_team: Actor,
        stage1_officer: Officer,
        stage2_officer: Officer,
    ) -> None:
        case = responded_case(
            council_tax, complaints_team, stage1_officer, responded=D(2026, 11, 16)
        )
        services.escalation_ask(case=case, actor=services.RESIDENT_ONLINE, on=D(2026, 11, 17))
        services.escalation_acknowledge(
            case=case, actor=complaints_team, officer=stage2_officer, on=D(2026, 11, 18)
        )
        services.stage_respond(
            case=case,
            actor=Actor.of(stage2_officer),
            content=response(2, final_ombudsman="lgsco"),
            on=D(2026, 11, 30),
        )

        with pytest.raises(NoThirdStage):
            services.escalation_ask(case=case, actor=services.RESIDENT_ONLINE, on=D(2026, 12, 1))


class TestIssueAdd:
    def test_a_related_issue_before_the_response_joins_the_case(
        self, council_tax: Service, complaints_team: Actor
    ) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax))
        services.complaint_acknowledge(
            case=case, actor=complaints_team, issues=["Bin missed"], outcomes_sought="Collect it"
        )

        added = services.issue_add(
            case=case, actor=services.RESIDENT_ONLINE, text="And the crew were rude", related=True
        )

        assert added.joined and added.case == case
        definition = case.definitions.get(stage=1)
        assert [i.text for i in definition.issues.all()] == [
            "Bin missed",
            "And the crew were rude",
        ]
        joined = CaseLink.objects.get(to_case=case)
        assert joined.kind == "related"
        assert Case.objects.get(pk=joined.from_case_id).status == "closed"
        assert case.contacts.filter(text="And the crew were rude").exists()

    def test_an_issue_after_the_response_becomes_a_new_complaint(
        self, council_tax: Service, complaints_team: Actor, stage1_officer: Officer
    ) -> None:
        case = responded_case(
            council_tax, complaints_team, stage1_officer, responded=D(2026, 11, 16)
        )

        added = services.issue_add(
            case=case, actor=services.RESIDENT_ONLINE, text="Now the boiler", related=True
        )

        assert not added.joined and added.new_case is not None
        new = added.new_case
        assert (new.kind, new.status, new.person_id) == ("complaint", "received", case.person_id)
        assert CaseLink.objects.filter(from_case=new, to_case=case, kind="related").exists()

    def test_an_unrelated_issue_is_a_new_complaint_even_before_the_response(
        self, council_tax: Service
    ) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax))

        added = services.issue_add(
            case=case, actor=services.RESIDENT_ONLINE, text="Something else", related=False
        )

        assert not added.joined and added.new_case is not None
        assert added.new_case.reference != case.reference

    def test_it_needs_some_text(self, council_tax: Service) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax))

        with pytest.raises(InvalidInput):
            services.issue_add(case=case, actor=services.RESIDENT_ONLINE, text=" ", related=True)


class TestSignIn:
    def test_a_link_works_once(self, council_tax: Service) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax))

        services.sign_in_link_spend(case=case, nonce="abc")

        with pytest.raises(services.LinkAlreadyUsed):
            services.sign_in_link_spend(case=case, nonce="abc")

    def test_the_case_is_found_by_the_persons_or_a_representatives_email(
        self, council_tax: Service
    ) -> None:
        case = services.feedback_submit(
            feedback=feedback(
                council_tax,
                representative=RepresentativeDetails(
                    name="Bob", relationship="carer", consent="declared", email="bob@example.org"
                ),
            )
        )

        find = selectors.case_for_sign_in
        assert find(reference=case.reference, email=" ADA@example.org ") == case
        assert find(reference=case.reference.lower(), email="Bob@Example.org") == case
        assert find(reference=case.reference, email="eve@example.org") is None
        assert find(reference="CU00000000", email="ada@example.org") is None
        assert find(reference=case.reference, email="") is None


class TestCaseForPerson:
    def test_the_person_sees_letters_sent_and_their_own_uploads_only(
        self, council_tax: Service
    ) -> None:
        case = services.feedback_submit(feedback=feedback(council_tax, attachments=(upload(),)))
        other = services.feedback_submit(feedback=feedback(council_tax, attachments=(upload(),)))
        internal = Correspondence.objects.create(
            case=case, direction="in", channel="email", at=clock.now(), subject="From the MP"
        )
        hidden = Attachment.objects.create(
            correspondence=internal,
            file="attachments/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
        )

        shown = selectors.case_for_person(case_id=case.pk, today=clock.today())

        assert shown is not None
        assert [c.subject for c in shown.uploads] == ["Files sent with the online form"]
        own = shown.uploads[0].attachments.get()
        assert selectors.attachment_for_person(attachment_id=own.pk, case_id=case.pk) == own
        theirs = Attachment.objects.get(correspondence__case=other)
        assert selectors.attachment_for_person(attachment_id=theirs.pk, case_id=case.pk) is None
        assert selectors.attachment_for_person(attachment_id=hidden.pk, case_id=case.pk) is None
        assert selectors.case_for_person(case_id=0, today=clock.today()) is None
