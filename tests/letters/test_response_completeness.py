"""A response without every item (a)-(g) cannot be issued, and then nothing is stored."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from putright.cases import services
from putright.cases.models import Case
from putright.cases.services import Actor
from putright.letters import workflows
from putright.letters.context import LetterNotApplicable
from putright.letters.models import IssuedLetter
from putright.letters.services import letter_issue
from putright.notifications.models import OutboxMessage
from putright.policy.lifecycle import ResponseContent, ResponseIncomplete
from tests.cases.conftest import database_state
from tests.letters.conftest import Council, D, full_response

pytestmark = pytest.mark.django_db

# Each item of SPEC's (a)-(g), taken out of an otherwise complete response.
WITHOUT: dict[str, dict[str, Any]] = {
    "(a) the stage": {"stage": None},
    "(b) the complaint definition": {"complaint_definition": " "},
    "(c) the decision overall": {"decision": None},
    "(c) the decision on each issue": {"issues": ()},
    "(d) the reasons": {"reasons": ""},
    "(e) the remedy, or why none is due": {"remedies": (), "no_remedy_reason": ""},
    "(f) the outstanding actions, or that there are none": {
        "outstanding_actions": (),
        "no_outstanding_actions": False,
    },
    "(g) how to escalate": {"how_to_escalate": ""},
}


def everything() -> dict[str, Any]:
    rows: dict[str, Any] = database_state()
    for model in (IssuedLetter, OutboxMessage):
        manager = model._base_manager  # type: ignore[attr-defined]
        rows[model._meta.label] = list(manager.order_by("pk").values())
    return rows


@pytest.mark.parametrize("item", list(WITHOUT))
def test_a_response_missing_an_item_cannot_be_issued_and_nothing_is_stored(
    item: str, council: Council
) -> None:
    case = council.acknowledged(council.housing)
    before = everything()
    content = dataclasses.replace(full_response(1), **WITHOUT[item])
    with pytest.raises(ResponseIncomplete) as refused:
        workflows.respond_and_issue(
            case=Case.objects.get(pk=case.pk),
            actor=Actor.of(council.stage1),
            content=content,
            on=D(2026, 11, 16),
        )
    assert any(gap.startswith(item[:3]) for gap in refused.value.missing)
    assert everything() == before
    assert not IssuedLetter.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_final_response_naming_the_wrong_ombudsman_cannot_be_issued(council: Council) -> None:
    case = council.escalation_requested(council.housing)
    services.escalation_acknowledge(
        case=case, actor=council.team, officer=council.stage2, on=D(2026, 11, 24)
    )
    before = everything()
    with pytest.raises(ResponseIncomplete, match="Housing Ombudsman"):
        workflows.respond_and_issue(
            case=case,
            actor=Actor.of(council.stage2),
            content=full_response(2, ombudsman="lgsco"),
            on=D(2026, 12, 18),
        )
    assert everything() == before


def test_a_response_letter_is_refused_before_the_response_is_issued(council: Council) -> None:
    case = council.acknowledged(council.housing)
    with pytest.raises(LetterNotApplicable, match="has not been issued"):
        letter_issue(case=case, kind="stage1_response", actor=council.team, on=D(2026, 11, 9))
    assert not IssuedLetter.objects.exists()


def test_response_content_fields_cover_every_item() -> None:
    # If ResponseContent grows an item, WITHOUT above must test it too.
    names = {f.name for f in dataclasses.fields(ResponseContent)}
    covered = {name for change in WITHOUT.values() for name in change} | {"ombudsman"}
    assert names == covered
