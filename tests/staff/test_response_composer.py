"""The response composer: drafts, the PDF preview, ledger rows shared by the letter and the
case, the signature, and approval by a service manager before issue."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from putright.cases.models import Case, OutstandingAction, Remedy, ResponseDraft, TimelineEvent
from putright.core import clock
from putright.letters.models import IssuedLetter
from tests.staff.personas import Council, complaint_at_stage1


def due_in(days: int) -> dt.date:
    return clock.today() + dt.timedelta(days=days)


def composer_post(case: Case, action: str, **changes: Any) -> dict[str, Any]:
    """A stage 1 response with two remedies and one action, as the composer posts it."""
    due = due_in(20)
    data: dict[str, Any] = {
        "action": action,
        "stage": 1,
        "version": case.version,
        "complaint_definition": "Black mould in the bedroom was not treated. You would like: "
        "the mould fixed and the room redecorated.",
        "decision": "upheld",
        "issue_1_decision": "upheld",
        "issue_1_reasons": "The repair was logged in March and never booked.",
        "issue_2_decision": "partly_upheld",
        "issue_2_reasons": "An inspection was booked but the surveyor did not attend.",
        "reasons": "Our repairs policy says damp and mould are inspected within 10 working days.",
        "remedy_1_kind": "apology",
        "remedy_1_description": "We apologise for the delay in dealing with the mould",
        "remedy_2_kind": "financial_time_trouble",
        "remedy_2_description": "A payment for your time and trouble",
        "remedy_2_amount": "250",
        "action_1_description": "Treat the mould and redecorate the bedroom",
        "action_1_owner": "Northfield Repairs Ltd",
        "action_1_due_day": due.day,
        "action_1_due_month": due.month,
        "action_1_due_year": due.year,
        "how_to_escalate": "To ask for stage 2, tell us that you are still unhappy.",
        "ombudsman": "",
    }
    data.update(changes)
    return data


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def paragraphs(text: str) -> list[str]:
    """The letter's paragraphs of more than a few words, each squashed to one line."""
    found = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return [p for p in found if len(p.split()) > 4]


def assert_clean_letter(text: str) -> None:
    repeated = {p for p in paragraphs(text) if paragraphs(text).count(p) > 1}
    assert not repeated, repeated
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text)


class TestDrafts:
    def test_an_officer_saves_a_draft_leaves_and_comes_back_to_it(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        half_written = {
            "action": "save",
            "stage": 1,
            "version": case.version,
            "reasons": "Half-written reasons",
            "remedy_1_kind": "apology",
        }

        response = client.post(f"/staff/cases/{case.reference}/respond/", half_written)

        assert response.status_code == 302
        draft = ResponseDraft.objects.get(case=case, stage=1)
        assert draft.state == "draft"
        content = client.get(f"/staff/cases/{case.reference}/respond/").content.decode()
        assert "Half-written reasons" in content
        assert 'value="apology" selected' in content
        assert "govuk-error-summary" not in content
        page = client.get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Continue the draft response" in page
        case.refresh_from_db()
        assert case.status == "in_progress"

    def test_saving_again_keeps_one_draft_per_stage(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        for reasons in ("First", "Second"):
            client.post(
                f"/staff/cases/{case.reference}/respond/",
                {"action": "save", "stage": 1, "reasons": reasons},
            )
        assert ResponseDraft.objects.get(case=case).content["reasons"] == "Second"
        assert TimelineEvent.objects.filter(case=case, action="response_draft_started").count() == 1

    def test_the_composer_shows_the_persons_own_words_beside_the_form(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        content = client_for("priya").get(f"/staff/cases/{case.reference}/respond/").content
        assert b"In their own words" in content
        assert b"Black mould in the bedroom, reported in March, not fixed." in content
        assert b"Timeline" in content


class TestIssue:
    def test_the_letter_and_the_ledger_hold_the_same_remedies_and_action(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        case = complaint_at_stage1(council)

        response = client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "issue")
        )

        assert response.status_code == 302, response.content.decode()[:3000]
        remedies = list(Remedy.objects.filter(case=case).order_by("id"))
        assert [(r.kind, r.amount) for r in remedies] == [
            ("apology", None),
            ("financial_time_trouble", 250),
        ]
        action = OutstandingAction.objects.get(case=case)
        assert action.owner_name == "Northfield Repairs Ltd"
        assert action.due_on == due_in(20)
        letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
        text = " ".join(pdf_text(bytes(letter.pdf), tmp_path).split())
        assert "We apologise for the delay in dealing with the mould" in text
        assert "(£250.00)" in text
        assert "Treat the mould and redecorate the bedroom (Northfield Repairs Ltd" in text
        page = client_for("priya").get(f"/staff/cases/{case.reference}/").content.decode()
        assert "Treat the mould and redecorate the bedroom" in page
        assert "£250" in page

    def test_the_response_is_signed_with_the_officers_name_and_role(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        case = complaint_at_stage1(council)
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "issue")
        )
        letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
        assert re.search(
            r"Yours sincerely,\s+Priya Shah\s+Manager\s+Housing repairs", letter.body_text
        )

    def test_a_council_that_does_not_name_staff_signs_with_the_role_alone(
        self, council: Council, client_for: Callable[[str], Client], settings: Any
    ) -> None:
        settings.PUTRIGHT_LETTERS_NAME_OFFICERS = False
        case = complaint_at_stage1(council)
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "issue")
        )
        letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
        assert "Priya Shah" not in letter.body_text
        assert re.search(r"Yours sincerely,\s+Manager\s+Housing repairs", letter.body_text)

    def test_the_letter_never_repeats_a_paragraph_or_doubles_a_full_stop(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        case = complaint_at_stage1(council)
        definition = "The bedroom ceiling is ruined.. You would like: it repaired."
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/",
            composer_post(case, "issue", complaint_definition=definition),
        )
        letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
        assert_clean_letter(letter.body_text)
        assert_clean_letter(pdf_text(bytes(letter.pdf), tmp_path))

    def test_the_composer_starts_with_a_definition_without_doubled_stops(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        content = client_for("priya").get(f"/staff/cases/{case.reference}/respond/").content
        assert b".." not in re.sub(rb"\.\.\.", b"", content.split(b"(b) The complaint")[1][:2000])

    def test_a_financial_remedy_without_an_amount_is_refused_and_nothing_changes(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        response = client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/",
            composer_post(case, "issue", remedy_2_amount=""),
        )
        assert response.status_code == 400
        assert "Enter the amount of remedy 2, in pounds" in response.content.decode()
        assert not Remedy.objects.exists() and not IssuedLetter.objects.exists()


class TestPreview:
    def test_the_preview_is_the_letters_pdf_and_stores_nothing(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        saved = client.post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "preview")
        )
        assert saved["Location"] == f"/staff/cases/{case.reference}/response/preview/"

        response = client.get(saved["Location"])

        assert response["Content-Type"] == "application/pdf"
        text = " ".join(pdf_text(response.content, tmp_path).split())
        assert "A payment for your time and trouble (£250.00)" in text
        assert "Priya Shah" in text
        assert not IssuedLetter.objects.exists()
        assert not Remedy.objects.exists() and not OutstandingAction.objects.exists()
        case.refresh_from_db()
        assert case.status == "in_progress"
        assert ResponseDraft.objects.get(case=case).state == "draft"

    def test_an_incomplete_draft_says_what_is_missing_instead(
        self, council: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(council)
        client = client_for("priya")
        client.post(
            f"/staff/cases/{case.reference}/respond/",
            {"action": "save", "stage": 1, "reasons": "Not finished"},
        )
        response = client.get(f"/staff/cases/{case.reference}/response/preview/")
        assert response.status_code == 400
        assert "Choose (c) the decision overall" in response.content.decode()


@pytest.fixture
def approving(council: Council) -> Council:
    council.housing.responses_need_approval = True
    council.housing.save(update_fields=["responses_need_approval"])
    return council


class TestApproval:
    def test_a_returned_then_approved_draft_issues_the_letter_with_its_ledger(
        self, approving: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        case = complaint_at_stage1(approving)
        officer, manager = client_for("priya"), client_for("manager")
        base = f"/staff/cases/{case.reference}"
        sent = officer.post(f"{base}/respond/", composer_post(case, "submit"))
        assert sent.status_code == 302
        assert ResponseDraft.objects.get(case=case).state == "awaiting_approval"
        assert b"Draft response awaiting approval" in manager.get(f"{base}/").content
        # The deadline keeps running: nothing about the case's clock changed.
        waiting = Case.objects.get(pk=case.pk)
        assert (waiting.status, waiting.next_deadline_on) == (case.status, case.next_deadline_on)

        returned = manager.post(
            f"{base}/response/approval/", {"action": "return", "comment": "Say sorry first."}
        )
        assert returned.status_code == 302
        composer = officer.get(f"{base}/respond/").content.decode()
        assert "Say sorry first." in composer
        officer.post(f"{base}/respond/", composer_post(case, "submit"))
        approved = manager.post(f"{base}/response/approval/", {"action": "approve"})

        assert approved.status_code == 302, approved.content.decode()[:3000]
        letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
        assert Remedy.objects.filter(case=case).count() == 2
        assert OutstandingAction.objects.filter(case=case).count() == 1
        assert re.search(r"Yours sincerely,\s+Priya Shah\s+Manager", letter.body_text)
        assert_clean_letter(pdf_text(bytes(letter.pdf), tmp_path))
        actions = list(
            TimelineEvent.objects.filter(case=case, action__startswith="response_draft")
            .order_by("id")
            .values_list("action", flat=True)
        )
        assert actions == [
            "response_draft_submitted",
            "response_draft_returned",
            "response_draft_submitted",
            "response_draft_approved",
        ]

    def test_an_officer_cannot_issue_without_approval(
        self, approving: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(approving)
        response = client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "issue")
        )
        assert response.status_code == 400
        assert "send the draft for approval" in response.content.decode()
        assert not IssuedLetter.objects.exists()

    def test_returning_needs_a_comment(
        self, approving: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(approving)
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "submit")
        )
        response = client_for("manager").post(
            f"/staff/cases/{case.reference}/response/approval/", {"action": "return"}
        )
        assert response.status_code == 400
        assert "Enter your comments for the officer" in response.content.decode()
        assert ResponseDraft.objects.get(case=case).state == "awaiting_approval"

    def test_a_draft_awaiting_approval_cannot_be_changed(
        self, approving: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(approving)
        client = client_for("priya")
        client.post(f"/staff/cases/{case.reference}/respond/", composer_post(case, "submit"))
        response = client.post(
            f"/staff/cases/{case.reference}/respond/",
            {"action": "save", "stage": 1, "reasons": "Sneaky change"},
        )
        assert response.status_code == 400
        assert "waiting for a service manager" in response.content.decode()
        assert ResponseDraft.objects.get(case=case).content["reasons"] != "Sneaky change"


class TestLargePrint:
    def test_the_signature_never_sits_alone_on_the_last_page(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        from putright.cases import services

        for filler in range(12):
            case = complaint_at_stage1(council)
            services.adjustment_add(
                case=case, actor=council["complaints"].actor, kind="large_print"
            )
            reasons = " ".join(["The inspection was missed and nobody called back."] * filler)
            client_for("priya").post(
                f"/staff/cases/{case.reference}/respond/",
                composer_post(case, "issue", reasons=reasons or "Policy."),
            )
            letter = IssuedLetter.objects.get(case=case, kind="stage1_response")
            assert letter.large_print
            pages = [p for p in pdf_text(bytes(letter.pdf), tmp_path).split("\f") if p.strip()]
            last = " ".join(pages[-1].split())
            assert "Yours sincerely" in last
            assert len(last.split("Yours sincerely")[0].split()) > 3, (filler, last)


class TestQueue:
    def test_the_queue_shows_a_draft_awaiting_approval(
        self, approving: Council, client_for: Callable[[str], Client]
    ) -> None:
        case = complaint_at_stage1(approving)
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "submit")
        )
        content = client_for("manager").get("/staff/cases/?queue=service").content.decode()
        row = content.split(case.reference, 1)[1].split("</tr>", 1)[0]
        assert "Draft awaiting approval" in row


class TestStage2:
    def test_a_stage_2_letter_gives_the_ombudsmans_details_once_and_shows_stage_1_beside(
        self, council: Council, client_for: Callable[[str], Client], tmp_path: Path
    ) -> None:
        from putright.cases import services
        from putright.core.policy import policy_config

        case = complaint_at_stage1(council)
        client_for("priya").post(
            f"/staff/cases/{case.reference}/respond/", composer_post(case, "issue")
        )
        case.refresh_from_db()
        services.escalation_request(case=case, actor=council["complaints"].actor, channel="phone")
        services.escalation_acknowledge(
            case=case, actor=council["complaints"].actor, officer=council["tom"].officer
        )
        tom = client_for("tom")
        composer = tom.get(f"/staff/cases/{case.reference}/respond/").content.decode()
        assert "Stage 1 response" in composer
        assert "Our repairs policy says damp and mould are inspected" in composer
        initial = re.search(
            r'<textarea[^>]*name="how_to_escalate"[^>]*>\s*(.*?)</textarea>', composer, re.S
        )
        code = re.search(r'name="ombudsman" value="([a-z_]+)"', composer)
        assert initial is not None and code is not None
        case.refresh_from_db()
        post = composer_post(
            case,
            "issue",
            stage=2,
            how_to_escalate=initial.group(1).replace("&#x27;", "'"),
            ombudsman=code.group(1),
            remedy_1_kind="",
            remedy_1_description="",
            remedy_2_kind="",
            remedy_2_description="",
            remedy_2_amount="",
            no_remedy_reason="The stage 1 remedies stand.",
        )

        response = tom.post(f"/staff/cases/{case.reference}/respond/", post)

        assert response.status_code == 302, response.content.decode()[:3000]
        letter = IssuedLetter.objects.get(case=case, kind="stage2_response")
        text = " ".join(pdf_text(bytes(letter.pdf), tmp_path).split())
        ombudsman = policy_config().ombudsmen[case.ombudsman]
        assert text.count(ombudsman.website) == 1
        assert text.count(ombudsman.phone) == 1
        assert_clean_letter(pdf_text(bytes(letter.pdf), tmp_path))
        assert re.search(r"Yours sincerely,\s+Tom Okafor\s+Manager", letter.body_text)
