"""Triage flags: whether the person is vulnerable (with the reason) and how complex the case
is. Vulnerable people's cases come first in the triage inbox, and the work queues filter by
both flags."""

from __future__ import annotations

from django.db import transaction

from putright.cases.models import Case
from putright.cases.services._base import Actor, InvalidInput, case_claim, timeline_record

COMPLEXITY = ("simple", "standard", "complex")


@transaction.atomic
def case_flags_set(
    *, case: Case, actor: Actor, vulnerable: bool, vulnerability_reason: str, complexity: str
) -> Case:
    """Set the triage flags. Raises InvalidInput for a vulnerability without a reason or an
    unknown complexity; nothing is written then. The timeline says a vulnerability was
    recorded, not why: the reason stays on the case for the officers handling it."""
    reason = vulnerability_reason.strip()
    if vulnerable and not reason:
        raise InvalidInput("Say why the person is vulnerable, so officers know what to do.")
    if complexity not in COMPLEXITY:
        raise InvalidInput("Choose how complex the case is: simple, standard or complex.")
    before = {
        "vulnerable": case.vulnerable,
        "complexity": case.complexity,
    }
    case_claim(
        case,
        vulnerable=vulnerable,
        vulnerability_reason=reason if vulnerable else "",
        complexity=complexity,
    )
    timeline_record(
        case=case,
        actor=actor,
        action="triage_flags",
        summary=("Vulnerability recorded" if vulnerable else "Not flagged as vulnerable")
        + f"; complexity: {complexity}",
        before=before,
        after={"vulnerable": vulnerable, "complexity": complexity},
    )
    return case
