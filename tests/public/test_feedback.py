"""Give feedback, one question per page, through the test client: what each answer
becomes in the case record, the order of pages, change links, and the receipt."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from putright.cases.models import (
    Case,
    Contact,
    EqualityMonitoring,
    Person,
    ReasonableAdjustment,
    Representative,
    Service,
    TimelineEvent,
)
from putright.core import clock
from putright.notifications.models import OutboxMessage
from tests.public.helpers import step_url, walk
from tests.public.journey_data import FOR_MYSELF, FOR_SOMEONE

pytestmark = pytest.mark.django_db
CHECK = "/feedback/check-your-answers/"


def send(client: Client, capture: Any) -> Case:
    with capture(execute=True):
        response = client.post(CHECK, {"website": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].startswith("/feedback/sent/")
    page = client.get(response["Location"])
    reference = re.search(r"<strong>(CU\d{8})</strong>", page.content.decode())
    assert reference is not None
    return Case.objects.get(reference=reference.group(1))


def answers(base: dict[str, dict[str, Any]], **changes: dict[str, Any]) -> dict[str, Any]:
    result = {slug: dict(data) for slug, data in base.items()}
    for slug, data in changes.items():
        result[slug.replace("_", "-")] = data
    return result


class TestGiveFeedbackForMyself:
    def test_each_answer_lands_in_the_case_record_field_by_field(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, FOR_MYSELF)
        case = send(client, django_capture_on_commit_callbacks)

        assert case.kind == "complaint"
        assert case.channel == "web"
        assert case.service == council_services["waste"]
        assert case.process == "corporate"
        assert case.status == "received"
        assert case.received_on == clock.today()
        assert case.aware_on == dt.date(2026, 11, 2)
        assert case.summary == "The bin was missed three weeks running."
        assert case.next_deadline_name == "acknowledge_by"
        person = Person.objects.get(pk=case.person_id)
        assert (person.name, person.email, person.phone) == (
            "Ada Lovelace",
            "ada@example.org",
            "07700 900123",
        )
        assert (person.address, person.postcode) == ("1 High Street\nNorthfield", "NF1 1AA")
        assert person.preferred_contact_method == "email"
        assert person.contact_frequency == "Every 2 weeks"
        assert person.is_tenant_or_leaseholder is False
        contact = Contact.objects.get(case=case)
        assert contact.text == "The bin was missed three weeks running."
        assert contact.outcomes_sought == "Collect it and say sorry"
        assert contact.aware_on == dt.date(2026, 11, 2)
        assert (contact.channel, contact.kind, contact.service_id) == (
            "web",
            "complaint",
            council_services["waste"].pk,
        )
        assert sorted(
            ReasonableAdjustment.objects.filter(person=person).values_list("kind", "detail")
        ) == [("interpreter", "Polish"), ("large_print", "")]
        assert not Representative.objects.filter(case=case).exists()
        assert [e.action for e in TimelineEvent.objects.filter(case=case)] == [
            "contact_recorded",
            "adjustment_added",
            "adjustment_added",
        ]
        assert {e.actor_label for e in TimelineEvent.objects.filter(case=case)} == {
            "The person, online"
        }

    def test_the_receipt_is_emailed_with_the_reference_and_the_date_we_promised(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, FOR_MYSELF)
        case = send(client, django_capture_on_commit_callbacks)

        (sent,) = mail.outbox
        assert sent.to == ["ada@example.org"]
        assert sent.subject == f"We have received your complaint: {case.reference}"
        assert case.reference in sent.body
        assert case.next_deadline_on is not None
        day = case.next_deadline_on
        assert f"We will acknowledge it by {day.day} {day:%B %Y}" in sent.body
        assert "http://testserver/follow/" in sent.body
        message = OutboxMessage.objects.get()
        assert (message.kind, message.case_reference, message.state) == (
            "public_receipt",
            case.reference,
            "sent",
        )

    def test_the_confirmation_page_shows_the_reference_in_a_panel(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, FOR_MYSELF)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(CHECK, {"website": ""})
        page = client.get(response["Location"]).content.decode()

        case = Case.objects.get()
        assert '<div class="govuk-panel govuk-panel--confirmation">' in page
        assert f"<strong>{case.reference}</strong>" in page
        assert "We have sent you a confirmation email." in page
        # The answers are forgotten once sent: a second visit starts again.
        assert client.get(CHECK)["Location"] == "/feedback/"


class TestGiveFeedbackForSomeoneElse:
    def test_the_representative_and_the_person_are_recorded_apart(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, FOR_SOMEONE)
        case = send(client, django_capture_on_commit_callbacks)

        person = Person.objects.get(pk=case.person_id)
        assert (person.name, person.email, person.address, person.postcode) == (
            "Edith Brown",
            "",
            "Flat 2, Tower Court\nNorthfield",
            "NF2 2BB",
        )
        assert person.is_tenant_or_leaseholder is True
        assert person.preferred_contact_method == "letter"
        assert person.contact_frequency == "Every month"
        assert case.ombudsman == "housing_ombudsman"
        rep = Representative.objects.get(case=case)
        assert (rep.name, rep.organisation, rep.email, rep.phone, rep.relationship) == (
            "Bob Carer",
            "Carers Together",
            "bob@example.org",
            "01632 960001",
            "carer",
        )
        assert rep.consent_state == "outstanding"
        assert not ReasonableAdjustment.objects.filter(person=person).exists()
        assert {e.actor_label for e in TimelineEvent.objects.filter(case=case)} == {
            "Their representative, online"
        }
        # The receipt goes to the representative, who filled in the form.
        assert [m.to for m in mail.outbox] == [["bob@example.org"]]

    def test_consent_can_be_uploaded_and_then_waits_to_be_checked(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.public.journey_data import PDF

        steps = dict(FOR_SOMEONE)
        steps["consent"] = {"consent": "uploaded"}
        keys = list(steps)
        steps = {
            **{k: steps[k] for k in keys[: keys.index("consent") + 1]},
            "consent-upload": {
                "consent_file": SimpleUploadedFile("consent.pdf", PDF, "application/pdf")
            },
            **{k: steps[k] for k in keys[keys.index("consent") + 1 :]},
        }
        walk(client, steps)
        case = send(client, django_capture_on_commit_callbacks)

        rep = Representative.objects.get(case=case)
        assert rep.consent_state == "to_check"  # an officer accepts it on the case page
        assert rep.consent_evidence == (
            "Signed consent uploaded with the online form (consent.pdf)"
        )
        letter = case.correspondence.get()
        assert letter.subject == "Consent to act for the person"
        assert letter.attachments.get().original_name == "consent.pdf"


class TestWhichPagesAreAsked:
    def test_a_compliment_skips_the_complaint_questions(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        visited = walk(
            client,
            {
                "": {"kind": "compliment"},
                "service": {"service": "council-tax"},
                "what-happened": {"details": "Sam on the phone was very helpful."},
                "your-details": {"name": "Ada Lovelace", "email": "ada@example.org"},
                "attachments": {"action": "continue"},
            },
        )

        assert visited == ["", "service", "what-happened", "your-details", "attachments"]

    def test_a_service_request_is_recorded_as_one_and_the_person_is_told(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        walk(client, answers(FOR_MYSELF, **{"": {"kind": "service_request"}}))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(CHECK, {"website": ""})
        page = client.get(response["Location"]).content.decode()

        case = Case.objects.get()
        assert case.kind == "service_request"
        assert "Request sent" in page
        assert "We have recorded this as a request for a service, not a complaint" in page
        assert "We have recorded this as a request for a service" in mail.outbox[0].body

    def test_finding_out_more_than_12_months_ago_explains_discretion_and_never_blocks(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        old = clock.today().replace(year=clock.today().year - 2)
        steps = answers(
            FOR_MYSELF,
            when={
                "aware_on_day": str(old.day),
                "aware_on_month": str(old.month),
                "aware_on_year": str(old.year),
            },
        )
        keys = list(steps)
        steps = {
            **{k: steps[k] for k in keys[: keys.index("when") + 1]},
            "more-than-12-months-ago": {"reason_late": "I was in hospital."},
            **{k: steps[k] for k in keys[keys.index("when") + 1 :]},
        }
        walk(client, steps)
        explained = client.get("/feedback/more-than-12-months-ago/").content.decode()
        assert "A manager will decide whether we can look into it" in explained
        case = send(client, django_capture_on_commit_callbacks)

        assert case.aware_on == old
        assert case.contacts.get().text == (
            "The bin was missed three weeks running.\n\nWhy I am telling you now: "
            "I was in hospital."
        )

    def test_a_later_page_cannot_be_reached_before_the_earlier_ones(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        assert client.get("/feedback/outcome/")["Location"] == "/feedback/"
        assert client.get(CHECK)["Location"] == "/feedback/"
        client.post("/feedback/", {"kind": "complaint"})
        assert client.get("/feedback/attachments/")["Location"] == "/feedback/service/"

    def test_a_page_that_does_not_apply_sends_the_person_on(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_MYSELF)
        # Complaining for themselves: there is no relationship to ask about.
        assert client.get("/feedback/relationship/")["Location"] == CHECK

    def test_an_unknown_page_is_not_found(self, client: Client) -> None:
        assert client.get("/feedback/no-such-page/").status_code == 404


class TestChangingAnAnswer:
    def test_a_change_link_comes_back_to_check_your_answers(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_MYSELF)
        page = client.get("/feedback/outcome/?return=check").content.decode()
        assert 'href="/feedback/check-your-answers/" class="govuk-back-link"' in page
        assert "Collect it and say sorry</textarea>" in page

        response = client.post("/feedback/outcome/?return=check", {"outcome": "A refund"})

        assert response["Location"] == CHECK
        assert "A refund" in client.get(CHECK).content.decode()

    def test_a_change_that_opens_new_questions_asks_them_before_coming_back(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_MYSELF)

        response = client.post("/feedback/someone-else/?return=check", {"for_someone": "yes"})

        assert response["Location"] == "/feedback/relationship/"

    def test_a_change_that_breaks_a_later_answer_goes_back_to_that_page(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        steps = answers(
            FOR_MYSELF,
            your_details={"name": "Ada Lovelace", "email": "ada@example.org"},
        )
        walk(client, steps)

        # Letters need an address, which was not given.
        response = client.post("/feedback/contact-method/?return=check", {"method": "letter"})

        assert response["Location"] == "/feedback/your-details/"
        page = client.get("/feedback/your-details/").content.decode()
        assert 'value="Ada Lovelace"' in page  # nothing typed is lost

    def test_the_back_link_goes_to_the_previous_question(
        self, client: Client, council_services: dict[str, Service]
    ) -> None:
        walk(client, FOR_MYSELF)
        page = client.get("/feedback/contact-method/").content.decode()
        assert 'href="/feedback/adjustments/" class="govuk-back-link"' in page
        first = client.get("/feedback/").content.decode()
        assert 'href="/" class="govuk-back-link"' in first


class TestEqualityQuestions:
    def sent_url(self, client: Client, capture: Any) -> str:
        walk(client, FOR_MYSELF)
        with capture(execute=True):
            return str(client.post(CHECK, {"website": ""})["Location"])

    def test_answers_are_stored_apart_from_the_case(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        sent = self.sent_url(client, django_capture_on_commit_callbacks)
        case = Case.objects.get()
        events = TimelineEvent.objects.filter(case=case).count()

        response = client.post(
            f"{sent}equality/", {"age_band": "35_44", "ethnicity": "prefer_not_to_say"}
        )

        assert response["Location"] == "/feedback/thank-you/"
        row = EqualityMonitoring.objects.get(case=case)
        assert (row.age_band, row.ethnicity, row.sex) == ("35_44", "prefer_not_to_say", "")
        assert TimelineEvent.objects.filter(case=case).count() == events  # not on the case

    def test_they_can_be_skipped(
        self,
        client: Client,
        council_services: dict[str, Service],
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        sent = self.sent_url(client, django_capture_on_commit_callbacks)
        page = client.get(f"{sent}equality/").content.decode()
        assert '<a class="govuk-link" href="/feedback/thank-you/">Skip these questions</a>' in page

        client.post(f"{sent}equality/", {})

        assert not EqualityMonitoring.objects.exists()

    def test_a_tampered_link_is_not_found(self, client: Client) -> None:
        assert client.get("/feedback/sent/eyJjIjoxfQ:forged:sig/equality/").status_code == 404
        assert client.get("/feedback/sent/nonsense/").status_code == 404


def test_start_again_forgets_the_answers(client: Client, council_services: Any) -> None:
    walk(client, FOR_MYSELF)
    client.get("/feedback/start-again/")
    assert client.get(step_url("service"))["Location"] == "/feedback/"
