"""Issuing a letter: kept on the case, the email queued with the PDF, in one transaction."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.cases import services
from putright.cases.models import Case, Correspondence, LetterContact, TimelineEvent
from putright.cases.services import Actor, PersonDetails
from putright.letters import workflows
from putright.letters.context import LetterContactMissing, LetterNotApplicable
from putright.letters.models import IssuedLetter
from putright.letters.services import UnknownLetterKind, letter_issue
from putright.notifications.models import OutboxMessage
from putright.policy.lifecycle import EscalationRefusalGroundNotAllowed
from putright.web.council import council_contact
from tests.letters.conftest import (
    ISSUES,
    OUTCOMES,
    Council,
    D,
    full_response,
    issue_acknowledgement,
    pdf_text,
)

pytestmark = pytest.mark.django_db


class TestIssuingALetter:
    def test_it_is_kept_on_the_case_with_its_correspondence_and_timeline_entry(
        self, council: Council
    ) -> None:
        letter = issue_acknowledgement(council).letter
        case = letter.case
        assert list(case.letters.all()) == [letter]
        sent = Correspondence.objects.get(case=case)
        assert (sent.direction, sent.channel, sent.letter_kind) == (
            "out",
            "email",
            "acknowledgement",
        )
        assert sent.letter == letter and sent.body == letter.body_text
        assert TimelineEvent.objects.filter(case=case, action="correspondence_sent").count() == 1
        assert letter.issued_by == "Jess Walker" and letter.template_version == 1
        assert letter.context["reference"] == case.reference

    def test_the_email_is_queued_with_the_pdf_attached(self, council: Council) -> None:
        letter = issue_acknowledgement(council).letter
        message = OutboxMessage.objects.get()
        assert message.to_address == "margaret.wilson@example.org"
        assert message.subject == letter.subject
        assert message.body_text == letter.body_text
        assert message.kind == "letter:acknowledgement"
        assert message.case_reference == letter.case.reference
        assert message.message_id == letter.email_message_id
        attachment = message.attachments.get()
        assert attachment.filename == f"{letter.case.reference}-acknowledgement.pdf"
        assert attachment.content_type == "application/pdf"
        assert bytes(attachment.content) == bytes(letter.pdf)

    def test_a_person_who_prefers_letters_gets_one_to_post_and_no_email(
        self, council: Council
    ) -> None:
        case = council.new_case(
            council.housing,
            D(2026, 11, 2),
            person=PersonDetails(
                name="Arthur Penn",
                email="arthur@example.org",
                address="3 Mill Lane, Northfield",
                postcode="NF4 1AB",
                preferred_contact_method="letter",
            ),
        )
        letter = workflows.acknowledge_and_issue(
            case=case,
            actor=council.team,
            issues=ISSUES,
            outcomes_sought=OUTCOMES,
            on=D(2026, 11, 3),
        )
        assert (letter.channel, letter.to_address, letter.email_message_id) == ("post", "", "")
        assert Correspondence.objects.get(case=case).channel == "letter"
        assert not OutboxMessage.objects.exists()
        assert letter.context["recipient"]["address_lines"] == [
            "3 Mill Lane",
            "Northfield",
            "NF4 1AB",
        ]

    def test_without_letter_contacts_the_councils_published_details_are_used(
        self, council: Council
    ) -> None:
        LetterContact.objects.all().delete()
        case = council.new_case(council.housing, D(2026, 11, 2))
        letter = workflows.acknowledge_and_issue(
            case=case,
            actor=council.team,
            issues=ISSUES,
            outcomes_sought=OUTCOMES,
            on=D(2026, 11, 3),
        )
        assert council_contact().phone in str(letter.context)

    def test_a_letter_that_cannot_be_made_rolls_the_move_back(
        self, council: Council, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def cannot_make(**_kwargs: object) -> None:
            raise LetterContactMissing()

        monkeypatch.setattr(workflows, "letter_issue", cannot_make)
        case = council.new_case(council.housing, D(2026, 11, 2))
        events = TimelineEvent.objects.count()
        with pytest.raises(LetterContactMissing, match="Letter contacts in the admin"):
            workflows.acknowledge_and_issue(
                case=case,
                actor=council.team,
                issues=ISSUES,
                outcomes_sought=OUTCOMES,
                on=D(2026, 11, 3),
            )
        case = Case.objects.get(pk=case.pk)
        assert case.status == "received"
        assert TimelineEvent.objects.count() == events
        assert not Correspondence.objects.exists() and not OutboxMessage.objects.exists()

    def test_a_letter_of_a_kind_that_does_not_fit_the_case_is_refused(
        self, council: Council
    ) -> None:
        case = council.acknowledged(council.housing)
        with pytest.raises(LetterNotApplicable, match="has not been excluded"):
            letter_issue(case=case, kind="exclusion_notice", actor=council.team)
        with pytest.raises(LetterNotApplicable, match="has not been extended"):
            letter_issue(case=case, kind="extension_notice", actor=council.team)
        with pytest.raises(UnknownLetterKind, match="no letter kind 'apology'"):
            letter_issue(case=case, kind="apology", actor=council.team)
        assert not IssuedLetter.objects.exists()

    def test_a_refused_move_sends_no_letter(self, council: Council) -> None:
        case = council.responded(council.housing)
        services.escalation_request(
            case=case, actor=services.RESIDENT_ONLINE, channel="web", on=D(2026, 11, 20)
        )
        with pytest.raises(EscalationRefusalGroundNotAllowed):
            workflows.escalation_refuse_and_issue(
                case=case,
                actor=council.team,
                ground="outcome_would_be_the_same",
                reasons="Nothing new was raised.",
                on=D(2026, 11, 24),
            )
        assert not IssuedLetter.objects.exists() and not OutboxMessage.objects.exists()


class TestLargePrint:
    def test_it_is_produced_automatically_for_a_person_who_asked(
        self, council: Council, tmp_path: Path
    ) -> None:
        case = council.acknowledged(council.housing)
        services.adjustment_add(case=case, actor=council.team, kind="large_print")
        letter = workflows.respond_and_issue(
            case=case, actor=Actor.of(council.stage1), content=full_response(1), on=D(2026, 11, 16)
        )
        assert letter.large_print
        assert letter.filename.endswith("-stage1-response-large-print.pdf")
        assert OutboxMessage.objects.get().attachments.get().filename == letter.filename
        assert median_word_height(bytes(letter.pdf), tmp_path) >= 16 * 1.1  # 16pt and more
        assert "(large print)" in Correspondence.objects.get(case=case).subject

    def test_a_person_who_did_not_ask_gets_standard_print(
        self, council: Council, tmp_path: Path
    ) -> None:
        letter = issue_acknowledgement(council).letter
        assert not letter.large_print
        assert median_word_height(bytes(letter.pdf), tmp_path) < 14

    def test_an_adjustment_that_has_ended_is_no_longer_applied(self, council: Council) -> None:
        case = council.acknowledged(council.housing)
        adjustment = services.adjustment_add(case=case, actor=council.team, kind="large_print")
        type(adjustment).objects.filter(pk=adjustment.pk).update(ended_on=D(2026, 11, 10))
        letter = workflows.respond_and_issue(
            case=case, actor=Actor.of(council.stage1), content=full_response(1), on=D(2026, 11, 16)
        )
        assert not letter.large_print

    def test_the_large_print_letter_says_the_same_as_the_standard_one(
        self, council: Council, tmp_path: Path
    ) -> None:
        case = council.acknowledged(council.housing)
        services.adjustment_add(case=case, actor=council.team, kind="large_print")
        letter = letter_issue(
            case=case, kind="acknowledgement", actor=council.team, on=D(2026, 11, 4)
        )
        standard = letter_issue(
            case=case,
            kind="acknowledgement",
            actor=council.team,
            on=D(2026, 11, 4),
            large_print=False,
        )
        assert letter.large_print and not standard.large_print
        assert letter.body_text == standard.body_text
        assert " ".join(pdf_text(bytes(letter.pdf), tmp_path).split()).count(ISSUES[0]) == 1


def median_word_height(pdf: bytes, tmp_path: Path) -> float:
    """The median height of the words on the first page, in points (about 1.15 x the font
    size for Arial)."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    heights = sorted(
        float(y2) - float(y1)
        for y1, y2 in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out
        )
    )
    return heights[len(heights) // 2]


class TestQueries:
    def test_issuing_a_letter_takes_a_fixed_number_of_queries(self, council: Council) -> None:
        def count(case: Case) -> int:
            with CaptureQueriesContext(connection) as queries:
                letter_issue(
                    case=case, kind="stage1_response", actor=council.team, on=D(2026, 11, 16)
                )
            return len(queries)

        small = count(council.responded(council.housing))
        # A bigger response (more issues, remedies, actions) costs no more queries.
        case = council.acknowledged(council.housing)
        big = dataclasses.replace(
            full_response(1),
            remedies=tuple(f"Remedy {n}" for n in range(20)),
            outstanding_actions=tuple(f"Action {n}" for n in range(20)),
        )
        services.stage_respond(case=case, actor=council.team, content=big, on=D(2026, 11, 16))
        assert count(case) == small
        assert small <= 40, small
