"""Who is calling the API: a system with a token, or a signed-in member of staff.

Both become an `ApiClient`: its scopes, the actor the timeline names, and which cases it
may see. Every view asks these questions and nothing else decides them.

A contractor token sees only the cases **allocated to its contractor**, which the record
says in two ways: an outstanding action owned by that contractor (`OutstandingAction`,
`owner_kind="contractor"`, the same name), or a request to that contractor for first
feedback (the `contractor_asked` timeline event naming it). Any other case answers 404, so
its existence is not given away. Restricted cases (a member of staff complaining) are seen
only by the staff named on them, never through a token.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from putright.accounts.permissions import (
    Capability,
    StaffMember,
    case_visibility,
    may_act_on_case,
)
from putright.cases.models import Case, OutstandingAction, StageRecord, TimelineEvent
from putright.cases.services import Actor

INTAKE, READ, CASEWORK, CONTRACTOR = "intake", "read", "casework", "contractor"


@dataclass(frozen=True, slots=True)
class ApiClient:
    name: str
    scopes: frozenset[str]
    actor: Actor
    owner: str  # the idempotency keys' namespace: "token:<id>" or "staff:<user id>"
    token_id: int | None = None
    contractor: str = ""
    requests_per_minute: int = 0
    member: StaffMember | None = None

    # What Django REST framework asks of request.user.
    is_authenticated = True
    is_active = True
    pk = None

    def has(self, *scopes: str) -> bool:
        return bool(self.scopes.intersection(scopes))

    def case_filter(self) -> Q:
        """The filter on Case that leaves exactly the cases this client may see."""
        if self.member is not None:
            return case_visibility(self.member)
        if self.contractor:
            return Q(restricted=False) & contractor_cases(self.contractor)
        return Q(restricted=False)

    def may_act_on(self, case: Case) -> bool:
        """Case work on a visible case: a casework token, or staff allowed by their role."""
        if self.member is None:
            return self.has(CASEWORK)
        current = (
            StageRecord.objects.filter(case=case, number=case.stage)
            .values_list("officer_id", flat=True)
            .first()
        )
        return may_act_on_case(self.member, case, current_officer_id=current, visible=True)


def contractor_cases(contractor: str) -> Q:
    """Cases allocated to `contractor` (see the module's docstring)."""
    owned = OutstandingAction.objects.filter(
        owner_kind="contractor", owner_name__iexact=contractor
    ).values("case_id")
    asked = TimelineEvent.objects.filter(
        action="contractor_asked", after__contractor=contractor
    ).values("case_id")
    return Q(pk__in=owned) | Q(pk__in=asked)


def staff_scopes(member: StaffMember) -> frozenset[str]:
    """A member of staff's role, as the API's scopes (object rules still apply per case)."""
    scopes = set()
    if member.can(Capability.SEE_CASES):
        scopes.add(READ)
    if member.can(Capability.TRIAGE):
        scopes.add(INTAKE)
    if any(
        member.can(c)
        for c in (
            Capability.ACT_ON_ANY_CASE,
            Capability.ACT_ON_SERVICE_CASES,
            Capability.ACT_ON_OWN_CASES,
        )
    ):
        scopes.add(CASEWORK)
    return frozenset(scopes)
