"""A PDF of every kind of letter, made through the services, read back as a person would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from putright.letters import sandbox
from putright.letters.context import variables_for
from putright.letters.kinds import LetterKind
from tests.letters.conftest import (
    ISSUERS,
    STAFF_NAMES,
    Council,
    issue_housing_stage2_response,
    pdf_info,
    pdf_text,
    squash,
)

pytestmark = pytest.mark.django_db


def test_every_kind_of_letter_has_a_journey_here() -> None:
    assert set(ISSUERS) == set(LetterKind.values)


@pytest.mark.parametrize("kind", list(ISSUERS))
class TestEachKindOfLetter:
    def test_it_is_a_tagged_pdf_with_a_title_in_english(
        self, kind: str, council: Council, tmp_path: Path
    ) -> None:
        issued = ISSUERS[kind](council)
        assert issued.letter.kind == kind
        info = pdf_info(bytes(issued.letter.pdf), tmp_path)
        assert info["Tagged"] == "yes"
        assert info["Title"] == issued.letter.subject
        assert issued.letter.case.reference in info["Title"]
        assert '<html lang="en-GB">' in issued.letter.body_html

    def test_its_template_saw_exactly_the_documented_variables(
        self, kind: str, council: Council
    ) -> None:
        issued = ISSUERS[kind](council)
        assert set(issued.letter.context) == set(variables_for(kind))
        sandbox.plain_value(issued.letter.context)

    def test_its_text_says_everything_its_kind_requires(
        self, kind: str, council: Council, tmp_path: Path
    ) -> None:
        issued = ISSUERS[kind](council)
        text = squash(pdf_text(bytes(issued.letter.pdf), tmp_path))
        for item in [issued.letter.case.reference, "Margaret Wilson", *issued.must_say]:
            assert squash(item) in text, f"{kind} does not say {item!r}"
        # The email body is the same letter in plain text.
        for item in issued.must_say:
            assert squash(item) in squash(issued.letter.body_text)

    def test_it_names_no_member_of_staff(
        self, kind: str, council: Council, tmp_path: Path, settings: Any
    ) -> None:
        # A council that does not name staff (SPEC "Letters avoid naming individual staff");
        # by default a response is signed with its officer's name and job title.
        settings.PUTRIGHT_LETTERS_NAME_OFFICERS = False
        issued = ISSUERS[kind](council)
        text = pdf_text(bytes(issued.letter.pdf), tmp_path)
        for name in STAFF_NAMES:
            assert name not in text
            assert name not in issued.letter.body_text


def test_a_housing_final_response_names_the_housing_ombudsman(
    council: Council, tmp_path: Path
) -> None:
    issued = issue_housing_stage2_response(council)
    text = squash(pdf_text(bytes(issued.letter.pdf), tmp_path))
    for item in issued.must_say:
        assert squash(item) in text
    assert "Local Government and Social Care Ombudsman" not in text


def test_a_final_response_never_offers_a_next_stage_nor_asks_for_reasons(
    council: Council, tmp_path: Path
) -> None:
    issued = ISSUERS["stage2_response"](council)
    text = squash(pdf_text(bytes(issued.letter.pdf), tmp_path))
    assert "next stage" not in text
    assert "end of our complaints procedure" in text


def test_no_letter_refuses_the_next_stage_because_the_outcome_would_be_the_same(
    council: Council, tmp_path: Path
) -> None:
    # 002 appendix b said: "If it is deemed that the council's response will stay the same,
    # we may confirm a final decision at stage 1" and "Please set out in writing your reasons".
    issued = ISSUERS["stage1_response"](council)
    text = squash(pdf_text(bytes(issued.letter.pdf), tmp_path)).lower()
    assert "stay the same" not in text
    assert "set out in writing your reasons" not in text
    assert "you do not have to give reasons" in text
