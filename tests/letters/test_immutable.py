"""Issued letters and template versions are evidence: the ORM refuses to change them."""

from __future__ import annotations

import pytest

from putright.cases.services.retention import AnonymisedCase, cases_anonymise
from putright.letters import workflows
from putright.letters.models import IssuedLetter, LetterTemplate, RecordIsImmutable
from putright.letters.selectors import letter_template_current
from putright.letters.services import letters_forget_anonymised
from tests.letters.conftest import Council, issue_acknowledgement

pytestmark = pytest.mark.django_db


class TestAnIssuedLetter:
    def test_it_cannot_be_saved_again(self, council: Council) -> None:
        letter = issue_acknowledgement(council).letter
        letter.body_text = "Something else"
        with pytest.raises(RecordIsImmutable):
            letter.save()

    def test_it_cannot_be_deleted(self, council: Council) -> None:
        letter = issue_acknowledgement(council).letter
        with pytest.raises(RecordIsImmutable):
            letter.delete()
        with pytest.raises(RecordIsImmutable):
            IssuedLetter.objects.filter(pk=letter.pk).delete()

    def test_it_cannot_be_updated_in_bulk(self, council: Council) -> None:
        letter = issue_acknowledgement(council).letter
        with pytest.raises(RecordIsImmutable):
            IssuedLetter.objects.filter(pk=letter.pk).update(body_text="Changed")
        with pytest.raises(RecordIsImmutable):
            IssuedLetter.objects.bulk_update([letter], ["body_text"])
        letter.refresh_from_db()
        assert letter.body_text != "Changed"

    def test_only_retention_can_redact_it(self, council: Council) -> None:
        letter = issue_acknowledgement(council).letter
        case = letter.case
        # The retention hook, called as the retention job calls it for a case it anonymises.
        anonymised = AnonymisedCase(
            pk=case.pk, reference=case.reference, person_id=case.person_id, person_anonymised=True
        )
        letters_forget_anonymised([anonymised])
        letter.refresh_from_db()
        assert "Margaret Wilson" not in letter.body_text
        assert letter.pdf == b"" and letter.context == {}
        assert IssuedLetter.objects.count() == 1  # counts survive

    def test_the_retention_job_redacts_the_letters_of_a_case_it_anonymises(
        self, council: Council
    ) -> None:
        first = issue_acknowledgement(council).letter
        case = first.case
        workflows.withdraw_and_issue(case=case, actor=council.team, channel="phone")
        cases_anonymise(case_ids=[case.pk])
        letters = list(IssuedLetter.objects.filter(case=case))
        assert [letter.kind for letter in letters] == [
            "acknowledgement",
            "withdrawal_acknowledgement",
        ]
        for letter in letters:
            stored = f"{letter.subject} {letter.recipient_name} {letter.body_text} {letter.context}"
            assert "Margaret Wilson" not in stored and "Elm Road" not in stored
            assert bytes(letter.pdf) == b"" and letter.to_address == ""


class TestATemplateVersion:
    def test_it_cannot_be_changed_or_deleted(self) -> None:
        template = letter_template_current(kind="acknowledgement")
        template.subject = "Changed"
        with pytest.raises(RecordIsImmutable):
            template.save()
        with pytest.raises(RecordIsImmutable):
            template.delete()
        with pytest.raises(RecordIsImmutable):
            LetterTemplate.objects.filter(kind="acknowledgement").update(subject="Changed")
