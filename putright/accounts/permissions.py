"""Who may see and do what in the back office: the role table and the object rules.

Every staff view asks these questions and nothing else decides them:

* `staff_member_for(user)`: the signed-in user's role, service and officer record, or None
  when the user is not (or no longer) staff.
* `member.can(Capability.X)`: what the role allows anywhere (the table ROLE_CAPABILITIES).
* `case_visibility(member)`: the filter every list of cases goes through, and
  `may_see_case` / `may_act_on_case` for one case.

Object rules (SPEC "Beyond the sources": role-based access so that equality data and other
services' cases stay private):

1. A restricted case (for example a member of staff complaining) is seen only by the people
   named on it (CaseAccess), whatever their role or service.
2. Investigating officers and service managers see their own service's cases, and any case
   with a stage that is theirs. The complaints team and the insight lead see every
   service. Governance sees counts only, never a case.
3. Acting on a case: the complaints team on any case it sees; a service manager on their
   service's cases; an investigating officer only on a case whose current stage is theirs.
   The insight lead and governance never act.
4. Equality-monitoring answers are never shown on a case; only the insight lead sees them,
   in aggregate (putright.cases.selectors.equality_answers_aggregate).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from django.db.models import Q

from putright.accounts.models import CaseAccess, StaffProfile, StaffRole
from putright.cases.models import Case, Officer, StageRecord
from putright.cases.services import Actor


class Capability(StrEnum):
    SEE_CASES = "see_cases"  # work queues and case pages (within the object rules)
    SEE_EVERY_SERVICE = "see_every_service"
    TRIAGE = "triage"  # the triage inbox: log contacts, classify, exclude, join, raise
    ACT_ON_ANY_CASE = "act_on_any_case"
    ACT_ON_SERVICE_CASES = "act_on_service_cases"
    ACT_ON_OWN_CASES = "act_on_own_cases"
    SEE_COUNTS = "see_counts"  # open cases by service and status
    SEE_EQUALITY_AGGREGATE = "see_equality_aggregate"
    # Issue 13: performance reports (putright.reports). SEE_REPORTS opens them for the
    # member's own service; SEE_ALL_REPORTS for every service. Figures link to the cases
    # behind them only for roles that may see cases (SEE_CASES): governance reads counts.
    SEE_REPORTS = "see_reports"
    SEE_ALL_REPORTS = "see_all_reports"
    # A person's whole record as one archive (UK GDPR Art. 15): the complaints team only.
    SUBJECT_ACCESS = "subject_access"
    # The governance records behind the reports: the self-assessment answers (comply,
    # evidence, commentary, actions) and the governing body's response to the annual report.
    # The insight lead, the accountable lead for them (SPEC roles); governance only reads.
    RECORD_GOVERNANCE = "record_governance"


_C = Capability
ROLE_CAPABILITIES: Final[dict[StaffRole, frozenset[Capability]]] = {
    StaffRole.COMPLAINTS_TEAM: frozenset(
        {
            _C.SEE_CASES,
            _C.SEE_EVERY_SERVICE,
            _C.TRIAGE,
            _C.ACT_ON_ANY_CASE,
            _C.SEE_COUNTS,
            _C.SEE_REPORTS,
            _C.SEE_ALL_REPORTS,
            _C.SUBJECT_ACCESS,
        }
    ),
    StaffRole.INVESTIGATING_OFFICER: frozenset({_C.SEE_CASES, _C.ACT_ON_OWN_CASES}),
    StaffRole.SERVICE_MANAGER: frozenset(
        {
            _C.SEE_CASES,
            _C.ACT_ON_SERVICE_CASES,
            _C.ACT_ON_OWN_CASES,
            _C.SEE_COUNTS,
            _C.SEE_REPORTS,
        }
    ),
    StaffRole.INSIGHT_LEAD: frozenset(
        {
            _C.SEE_CASES,
            _C.SEE_EVERY_SERVICE,
            _C.SEE_COUNTS,
            _C.SEE_EQUALITY_AGGREGATE,
            _C.SEE_REPORTS,
            _C.SEE_ALL_REPORTS,
            _C.RECORD_GOVERNANCE,
        }
    ),
    StaffRole.GOVERNANCE: frozenset({_C.SEE_COUNTS, _C.SEE_REPORTS, _C.SEE_ALL_REPORTS}),
}


@dataclass(frozen=True, slots=True)
class StaffMember:
    """The signed-in member of staff, read once per request."""

    user_id: int
    name: str
    role: StaffRole
    service_id: int | None
    officer: Officer | None

    @property
    def officer_id(self) -> int | None:
        return self.officer.pk if self.officer is not None else None

    @property
    def role_label(self) -> str:
        return StaffRole(self.role).label

    def can(self, capability: Capability) -> bool:
        return capability in ROLE_CAPABILITIES[self.role]

    @property
    def actor(self) -> Actor:
        """Who the timeline says acted: the member's officer record when they have one."""
        if self.officer is not None:
            return Actor.of(self.officer)
        return Actor(label=self.name)


def staff_member_for(user: Any) -> StaffMember | None:
    """The staff member `user` is, or None (anonymous, no profile, or profile inactive)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = (
        StaffProfile.objects.select_related("user__officer")
        .filter(user_id=user.pk, is_active=True)
        .first()
    )
    if profile is None:
        return None
    officer = getattr(profile.user, "officer", None)
    name = (
        officer.name
        if officer is not None
        else (profile.user.get_full_name() or profile.user.get_username())
    )
    return StaffMember(
        user_id=profile.user_id,
        name=name,
        role=StaffRole(profile.role),
        service_id=profile.service_id,
        officer=officer,
    )


def _named_cases(member: StaffMember) -> Any:
    return CaseAccess.objects.filter(user_id=member.user_id).values("case_id")


def case_visibility(member: StaffMember) -> Q:
    """The filter on Case that leaves exactly the cases `member` may see (rules 1 and 2).

    One WHERE clause with a subquery for the named restricted cases, so a list of cases
    costs one query whatever the member's role.
    """
    if not member.can(Capability.SEE_CASES):
        return Q(pk__in=[])
    named = Q(pk__in=_named_cases(member))
    if member.can(Capability.SEE_EVERY_SERVICE):
        return Q(restricted=False) | named
    mine = Q(service_id=member.service_id) if member.service_id is not None else Q(pk__in=[])
    if member.officer_id is not None:
        mine |= Q(pk__in=_handled_cases(member.officer_id))
    return (Q(restricted=False) & mine) | named


def _handled_cases(officer_id: int) -> Any:
    return StageRecord.objects.filter(officer_id=officer_id).values("case_id")


def may_see_case(
    member: StaffMember, case: Case, *, officers_on_case: Iterable[int], named: bool
) -> bool:
    """Rules 1 and 2 for one case. `officers_on_case`: every officer who has held a stage;
    `named`: whether the member is named on it (CaseAccess)."""
    if not member.can(Capability.SEE_CASES):
        return False
    if case.restricted:
        return named
    if member.can(Capability.SEE_EVERY_SERVICE):
        return True
    if member.service_id is not None and case.service_id == member.service_id:
        return True
    return member.officer_id is not None and member.officer_id in set(officers_on_case)


def may_act_on_case(
    member: StaffMember, case: Case, *, current_officer_id: int | None, visible: bool
) -> bool:
    """Rule 3 for a case the member can see (`visible`)."""
    if not visible:
        return False
    if member.can(Capability.ACT_ON_ANY_CASE):
        return True
    if (
        member.can(Capability.ACT_ON_SERVICE_CASES)
        and member.service_id is not None
        and case.service_id == member.service_id
    ):
        return True
    return (
        member.can(Capability.ACT_ON_OWN_CASES)
        and member.officer_id is not None
        and current_officer_id == member.officer_id
    )


def case_is_named_for(member: StaffMember, case: Case) -> bool:
    return CaseAccess.objects.filter(user_id=member.user_id, case_id=case.pk).exists()
